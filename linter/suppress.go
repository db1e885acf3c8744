package linter

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"

	"github.com/yuin/goldmark/ast"
)

// UnusedSuppression reports suppressions that matched no finding, so they
// do not outlive the problem they silenced.
var UnusedSuppression = &Rule{
	ID:       "unused-suppression",
	Title:    "a suppression comment matches no finding",
	Severity: Warning,
	engine:   true,
	Doc: `Reported for a suppression that silenced nothing: the problem it was
written for has been fixed, or the comment names the wrong rule or line.

**Fix**: delete the comment (or the frontmatter entry).

Not reported for archive-wide rules on a partial run (` + "`--changed-since`" + `),
where the other notes needed to decide are not all checked.
`,
}

// InvalidSuppression reports suppression comments notelint cannot honour.
var InvalidSuppression = &Rule{
	ID:       "invalid-suppression",
	Title:    "a suppression comment is malformed",
	Severity: Error,
	engine:   true,
	Doc: `Reported for a suppression without a reason, naming an unknown rule, or
otherwise malformed. It does not suppress anything until fixed.

Suppressions, each with a reason after ` + "`--`" + ` (or a colon):

    <!-- notelint-disable-next-line unsourced-statistic -- cited in the linked PDF -->
    <!-- notelint-disable-line leaked-markup -- the table is the article -->
    <!-- notelint-disable leaked-markup -- legacy tables --> ... <!-- notelint-enable leaked-markup -->
    <!-- notelint-disable-file missing-track -- landing page, not in any track -->

and in the frontmatter, for the whole note:

    notelint:
      disable: [missing-track]
      reason: landing page, not in any track

Several rules may be listed, separated by commas or spaces.
`,
}

type suppressKind int

const (
	suppressLine suppressKind = iota // one line
	suppressRange
	suppressFile
)

// Suppression silences some rules on some lines of one note.
type Suppression struct {
	Rules     []string
	Reason    string
	From, To  int // 1-based lines, inclusive; To 0 means the end of the file
	Span      Span
	used      bool
	kind      suppressKind
	directive string
}

func (s *Suppression) covers(rule string, line int) bool {
	if line < s.From || (s.To > 0 && line > s.To) {
		return false
	}
	for _, r := range s.Rules {
		if r == rule {
			return true
		}
	}
	return false
}

var directiveRE = regexp.MustCompile(`^<!--\s*notelint-(disable-next-line|disable-line|disable-file|disable|enable)\b(.*?)-->`)

// collectSuppressions reads suppression comments from the body's HTML
// (comments inside code are documentation and are ignored) and the
// frontmatter's notelint key. Problems are returned as findings.
func (n *Note) collectSuppressions(known map[string]bool) ([]*Suppression, []Report) {
	if _, ok := n.Front.Get("notelint"); !ok && !bytes.Contains(n.BodySrc(), []byte("notelint-")) {
		return nil, nil // every directive names itself; most notes have none
	}
	var sups []*Suppression
	var bad []Report
	open := map[string]*Suppression{} // rule → open range
	src := n.BodySrc()
	handle := func(start, stop int) {
		text := src[start:stop]
		m := directiveRE.FindSubmatchIndex(text)
		if m == nil {
			return
		}
		span := n.BodySpan(start, start+m[1])
		dir := string(text[m[2]:m[3]])
		rest := strings.TrimSpace(string(text[m[4]:m[5]]))
		list, reason := rest, ""
		if i := strings.Index(rest, "--"); i >= 0 {
			list, reason = rest[:i], strings.TrimSpace(rest[i+2:])
		} else if i := strings.IndexByte(rest, ':'); i >= 0 {
			list, reason = rest[:i], strings.TrimSpace(rest[i+1:])
		}
		ids := strings.FieldsFunc(list, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' })
		if len(ids) == 0 {
			bad = append(bad, Report{Span: span, Message: fmt.Sprintf("notelint-%s names no rule; list the rules it is for", dir)})
			return
		}
		for _, id := range ids {
			if !known[id] {
				bad = append(bad, Report{Span: span, Message: fmt.Sprintf("notelint-%s names unknown rule %q (see 'notelint rules')", dir, id)})
				return
			}
		}
		line := n.Position(span.Start).Line
		endLine := n.Position(span.End).Line
		if dir == "enable" {
			for _, id := range ids {
				if s := open[id]; s != nil {
					s.To = line
					delete(open, id)
				}
			}
			return
		}
		if reason == "" {
			bad = append(bad, Report{Span: span, Message: fmt.Sprintf("notelint-%s needs a reason: <!-- notelint-%s %s -- why -->", dir, dir, strings.Join(ids, ", "))})
			return
		}
		s := &Suppression{Rules: ids, Reason: reason, Span: span, directive: dir}
		switch dir {
		case "disable-next-line":
			s.From, s.To = endLine+1, endLine+1
		case "disable-line":
			s.From, s.To = line, endLine
		case "disable-file":
			s.From, s.kind = 1, suppressFile
		case "disable":
			s.From, s.kind = line, suppressRange
			for _, id := range ids {
				open[id] = s
			}
		}
		sups = append(sups, s)
	}
	if n.Body != nil {
		ast.Walk(n.Body, func(node ast.Node, entering bool) (ast.WalkStatus, error) {
			if !entering {
				return ast.WalkContinue, nil
			}
			switch v := node.(type) {
			case *ast.HTMLBlock:
				lines := v.Lines()
				if lines.Len() > 0 {
					stop := lines.At(lines.Len() - 1).Stop
					if v.HasClosure() {
						stop = v.ClosureLine.Stop
					}
					handle(lines.At(0).Start, stop)
				}
				return ast.WalkSkipChildren, nil
			case *ast.RawHTML:
				if v.Segments.Len() > 0 {
					handle(v.Segments.At(0).Start, v.Segments.At(v.Segments.Len()-1).Stop)
				}
			case *ast.FencedCodeBlock, *ast.CodeBlock, *ast.CodeSpan:
				return ast.WalkSkipChildren, nil
			}
			return ast.WalkContinue, nil
		})
	}
	if f, ok := n.Front.Get("notelint"); ok {
		s, rep := frontmatterSuppression(f, known)
		if rep != nil {
			bad = append(bad, *rep)
		} else if s != nil {
			sups = append(sups, s)
		}
	}
	return sups, bad
}

// frontmatterSuppression reads notelint: {disable: [...], reason: "..."}.
func frontmatterSuppression(f *Field, known map[string]bool) (*Suppression, *Report) {
	m, ok := f.Value.(map[string]any)
	if !ok {
		return nil, &Report{Span: f.KeySpan, Message: "notelint: must be a mapping such as {disable: [missing-track], reason: \"...\"}"}
	}
	s := &Suppression{From: 1, kind: suppressFile, Span: f.KeySpan, directive: "frontmatter"}
	for k, v := range m {
		switch k {
		case "disable":
			switch v := v.(type) {
			case string:
				s.Rules = append(s.Rules, v)
			case []any:
				for _, x := range v {
					s.Rules = append(s.Rules, fmt.Sprint(x))
				}
			}
		case "reason":
			s.Reason = strings.TrimSpace(fmt.Sprint(v))
		default:
			return nil, &Report{Span: f.KeySpan, Message: fmt.Sprintf("notelint: unknown setting %q (known: disable, reason)", k)}
		}
	}
	if len(s.Rules) == 0 {
		return nil, &Report{Span: f.KeySpan, Message: "notelint: disable lists no rule"}
	}
	for _, id := range s.Rules {
		if !known[id] {
			return nil, &Report{Span: f.KeySpan, Message: fmt.Sprintf("notelint: disable names unknown rule %q (see 'notelint rules')", id)}
		}
	}
	if s.Reason == "" {
		return nil, &Report{Span: f.KeySpan, Message: "notelint: disable needs a reason: add reason: \"why\""}
	}
	return s, nil
}
