package rules

import (
	"github.com/notelint/notelint/linter"
	"github.com/yuin/goldmark/ast"
)

// LeakedJSONLD flags schema.org structured data pasted into a note.
var LeakedJSONLD = &linter.Rule{
	ID:       "leaked-jsonld",
	Title:    "schema.org JSON-LD is in the note instead of the page head",
	Severity: linter.Error,
	Doc: `Flags schema.org structured data (JSON-LD) in a note's title, description,
excerpt or body: a ` + "`<script type=\"application/ld+json\">`" + ` tag (with any
quoting or case, even one missing its closing ` + "`>`" + `), or a JSON object with a
schema.org ` + "`\"@context\"`" + ` or an ` + "`\"@type\"`" + ` key.

**Why**: structured data belongs in the page head, where the site's layout
writes it once from the frontmatter. Pasted into a note it goes wrong in
every direction: Markdown renderers that drop raw HTML (Hugo's default)
silently lose it; renderers that keep it put a second, stale copy in the
body; a bare object is printed as text and becomes the excerpt on list
pages; and a ` + "`<script>`" + ` tag that is not closed hides the rest of the
article from readers.

**Flagged**:

    <script type="application/ld+json">
    {"@context": "https://schema.org", "@type": "Article", "headline": "Carrier cutoffs"}
    </script>

    {"@context": "https://schema.org", "@type": "HowTo", "name": "Pack a return"}

**Fine**: JSON-LD inside fenced code or a code span, where it is an example
for readers, and inside an HTML comment:

    ` + "```json" + `
    {"@context": "https://schema.org", "@type": "Article"}
    ` + "```" + `

**Fix**: delete it from the note and let the layout (a Hugo partial, a Jekyll
include, an SEO plugin) build the structured data from the frontmatter. If
the note documents JSON-LD, put the example in a fenced code block.
`,
	Note: checkLeakedJSONLD,
}

func checkLeakedJSONLD(p *linter.NotePass) {
	n := p.Note
	for _, t := range [...]linter.Text{n.Title, n.Description} {
		if t.Field == "" || t.Field == "h1" || t.Text == "" {
			continue // an H1 is body text, checked below
		}
		if h := leakFindJSONLD(t.Text, 0); h.trigger >= 0 {
			end, _ := leakLine(t.Text, h.start)
			p.Reportf(t.SpanOf(h.start, end), "%s contains schema.org JSON-LD (%s), which readers see as text; remove it from the %s and let the layout write structured data into the page head",
				t.Field, h.what(), t.Field)
		}
	}
	body := n.BodySrc()
	h := leakFindJSONLD(body, 0)
	if h.trigger < 0 {
		return
	}
	var lastBlock ast.Node
	lastStart := -1
	for ; h.trigger >= 0; h = leakFindJSONLD(body, h.trigger+1) {
		if leakInert(body, n.Body, h.trigger) {
			continue
		}
		block := leakTopBlock(n, n.BodyStart+h.trigger)
		if block != nil && block == lastBlock || h.start == lastStart {
			continue // one report for each block and object
		}
		lastBlock, lastStart = block, h.start
		span := leakLineSpan(n.Src, n.BodyStart+h.start)
		if h.kind == leakScript {
			if !h.closed {
				p.Reportf(span, "JSON-LD <script> tag is not closed, so the rest of the note disappears from the page; remove it and let the layout write structured data into the page head")
			} else {
				p.Reportf(span, "JSON-LD <script> is in the note body, where Markdown renderers drop it or print a second copy; remove it and let the layout write structured data into the page head")
			}
			continue
		}
		field, where := "", "in the body"
		if leakExcerptShown(n) {
			for _, b := range n.Derived.Blocks {
				if b.Node == block && n.BodyStart+h.start < b.Text.Span.End {
					field, where = "excerpt", "in the excerpt"
				}
			}
		}
		p.Report(linter.Report{Span: span, Field: field, Message: "schema.org JSON-LD object (" + h.what() +
			") is shown to readers as text " + where + "; remove it and let the layout write structured data into the page head, or fence it as code if it is an example"})
	}
}

const (
	leakScript = iota + 1
	leakContext
	leakType
)

// leakJSONLDHit is one piece of JSON-LD: start is where the offending text
// begins (the "<" of the tag, the "{" of the object), trigger the text that
// gave it away. trigger is -1 when there is none.
type leakJSONLDHit struct {
	start, trigger, kind int
	closed               bool // a script tag with its ">" and "</script>"
}

func (h leakJSONLDHit) what() string {
	switch h.kind {
	case leakScript:
		return `<script type="application/ld+json">`
	case leakContext:
		return `"@context"`
	}
	return `"@type"`
}

// leakFindJSONLD finds the first JSON-LD whose trigger is at or after off.
func leakFindJSONLD[S leakText](s S, off int) leakJSONLDHit {
	best := leakJSONLDHit{trigger: -1}
	better := func(h leakJSONLDHit) {
		if h.trigger >= 0 && (best.trigger < 0 || h.trigger < best.trigger) {
			best = h
		}
	}
	// <script type="application/ld+json": find "+json", then look back.
	for i := leakIndexFold(s, off, "+json"); i >= 0; i = leakIndexFold(s, i+1, "+json") {
		if h, ok := leakScriptAt(s, i); ok {
			better(h)
			break
		}
	}
	for i := leakIndex(s, off, `"@context"`); i >= 0 && (best.trigger < 0 || i < best.trigger); i = leakIndex(s, i+1, `"@context"`) {
		v := leakJSONValue(s, i+len(`"@context"`))
		if v < 0 || leakIndexFold(s[:min(len(s), v+160)], v, "schema.org") < 0 {
			continue
		}
		if open := leakOpenBrace(s, i); open >= 0 {
			better(leakJSONLDHit{start: open, trigger: i, kind: leakContext})
			break
		}
	}
	for i := leakIndex(s, off, `"@type"`); i >= 0 && (best.trigger < 0 || i < best.trigger); i = leakIndex(s, i+1, `"@type"`) {
		v := leakJSONValue(s, i+len(`"@type"`))
		if v < 0 || v >= len(s) || s[v] != '"' && s[v] != '[' {
			continue
		}
		if open := leakOpenBrace(s, i); open >= 0 {
			better(leakJSONLDHit{start: open, trigger: i, kind: leakType})
			break
		}
	}
	return best
}

// leakScriptAt checks that "+json" at i ends "application/ld+json" in the
// attributes of a <script tag.
func leakScriptAt[S leakText](s S, i int) (leakJSONLDHit, bool) {
	const app = "application/ld"
	if !leakHasPrefixFold(s, i-len(app), app) {
		return leakJSONLDHit{}, false
	}
	lt := -1
	for j := i - len(app) - 1; j >= max(0, i-400); j-- {
		if s[j] == '>' {
			break
		}
		if s[j] == '<' {
			lt = j
			break
		}
	}
	if lt < 0 || !leakHasPrefixFold(s, lt, "<script") || lt+7 >= len(s) || !leakIsSpace(s[lt+7]) && s[lt+7] != '/' {
		return leakJSONLDHit{}, false
	}
	h := leakJSONLDHit{start: lt, trigger: i, kind: leakScript}
	// The tag ends at ">" before any other "<"; the element at </script>.
	for j := i + len("+json"); j < len(s); j++ {
		if s[j] == '<' {
			break
		}
		if s[j] == '>' {
			h.closed = leakIndexFold(s, j, "</script") >= 0
			break
		}
	}
	return h, true
}

// leakJSONValue skips the white space and colon after a JSON key at off
// and returns where the value starts, or -1 when no colon follows.
func leakJSONValue[S leakText](s S, off int) int {
	for off < len(s) && leakIsSpace(s[off]) {
		off++
	}
	if off >= len(s) || s[off] != ':' {
		return -1
	}
	off++
	for off < len(s) && leakIsSpace(s[off]) {
		off++
	}
	return off
}

// leakOpenBrace finds the "{" that opens the object holding the key at i,
// looking back at most 4 KiB and not across a blank line.
func leakOpenBrace[S leakText](s S, i int) int {
	depth := 0
	newline := false
	for j := i - 1; j >= max(0, i-4096); j-- {
		switch c := s[j]; c {
		case '}':
			depth++
		case '{':
			if depth == 0 {
				return j
			}
			depth--
		case '\n':
			if newline {
				return -1
			}
			newline = true
		case ' ', '\t', '\r':
		default:
			newline = false
		}
	}
	return -1
}

// leakInert reports whether body offset off lies in a part of node that
// readers never see as live content: a code block, a code span or an HTML
// comment. It walks without a closure so that it does not allocate.
func leakInert(body []byte, node ast.Node, off int) bool {
	if r, ok := leakInertRange(body, node); ok {
		return off >= r.Start && off < r.End
	}
	for c := node.FirstChild(); c != nil; c = c.NextSibling() {
		if leakInert(body, c, off) {
			return true
		}
	}
	return false
}

// leakInertRange is the body range of a node whose text readers never see
// as live content: code blocks, code spans and HTML comments.
func leakInertRange(body []byte, node ast.Node) (linter.Span, bool) {
	switch v := node.(type) {
	case *ast.FencedCodeBlock, *ast.CodeBlock:
		l := v.Lines()
		if l.Len() == 0 {
			return linter.Span{}, false
		}
		return linter.Span{Start: l.At(0).Start, End: l.At(l.Len() - 1).Stop}, true
	case *ast.HTMLBlock:
		l := v.Lines()
		if v.HTMLBlockType != ast.HTMLBlockType2 || l.Len() == 0 {
			return linter.Span{}, false
		}
		end := l.At(l.Len() - 1).Stop
		if v.HasClosure() {
			end = v.ClosureLine.Stop
		}
		return linter.Span{Start: l.At(0).Start, End: end}, true
	case *ast.CodeSpan:
		first, last := v.FirstChild(), v.LastChild()
		ft, ok1 := first.(*ast.Text)
		lt, ok2 := last.(*ast.Text)
		if !ok1 || !ok2 {
			return linter.Span{}, false
		}
		return linter.Span{Start: ft.Segment.Start, End: lt.Segment.Stop}, true
	case *ast.RawHTML:
		if v.Segments.Len() == 0 {
			return linter.Span{}, false
		}
		start := v.Segments.At(0).Start
		if !leakHasPrefixFold(body, start, "<!--") {
			return linter.Span{}, false
		}
		return linter.Span{Start: start, End: v.Segments.At(v.Segments.Len() - 1).Stop}, true
	}
	return linter.Span{}, false
}

// leakTopBlock is the top-level block of the body that holds offset off
// of Src.
func leakTopBlock(n *linter.Note, off int) ast.Node {
	var found ast.Node
	for c := n.Body.FirstChild(); c != nil; c = c.NextSibling() {
		s := leakBlockStart(n, c)
		if s < 0 {
			continue
		}
		if s > off {
			break
		}
		found = c
	}
	return found
}
