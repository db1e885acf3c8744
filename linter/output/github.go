package output

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/notelint/notelint/linter"
)

// GitHubAnnotationsPerType is how many annotations of one type (error,
// warning, notice) GitHub shows for a step; it drops the rest without a
// word. It also shows at most 50 per job.
const GitHubAnnotationsPerType = 10

// GitHub writes findings as GitHub Actions workflow commands, which the
// runner turns into annotations on the pull request and the run:
//
//	::error file=content/a.md,line=2,col=8,endLine=2,endColumn=34,title=notelint%3A duplicate-title::title "X" is also used by ...
//
// Errors become error annotations, warnings warning ones and infos notices.
// Because GitHub keeps only GitHubAnnotationsPerType of each type per step,
// the most severe findings come first (then by path, line and column), at
// most that many of each type are written, and one notice then says how
// many were left out. After the annotations every finding is printed again
// as plain text, inside a log group and with workflow commands stopped, so
// the job log has the full list and no note content can inject commands.
func GitHub(w io.Writer, r *Run) error {
	bw := bufio.NewWriter(w)
	fs := bySeverity(r.Findings)

	c := linter.Count(fs)
	limit := map[linter.Severity]int{
		linter.Error: GitHubAnnotationsPerType, linter.Warning: GitHubAnnotationsPerType,
		linter.Info: GitHubAnnotationsPerType,
	}
	overflow := c.Error > GitHubAnnotationsPerType || c.Warning > GitHubAnnotationsPerType ||
		c.Info > GitHubAnnotationsPerType
	if overflow {
		// The notice about the rest is a notice too: keep room for it.
		limit[linter.Info]--
	}
	shown := map[linter.Severity]int{}
	omitted := map[linter.Severity]int{}
	for _, f := range fs {
		if shown[f.Severity] >= limit[f.Severity] {
			omitted[f.Severity]++
			continue
		}
		shown[f.Severity]++
		writeAnnotation(bw, f)
	}
	if n := omitted[linter.Error] + omitted[linter.Warning] + omitted[linter.Info]; n > 0 {
		var parts []string
		for _, s := range []linter.Severity{linter.Error, linter.Warning, linter.Info} {
			if omitted[s] > 0 {
				parts = append(parts, plural(omitted[s], s.String()))
			}
		}
		word := "findings"
		if n == 1 {
			word = "finding"
		}
		fmt.Fprintf(bw, "::notice title=%s::%s\n", escapeProperty("notelint"), escapeData(fmt.Sprintf(
			"%d more %s not shown as annotations (%s): GitHub shows only %d of each type per step; "+
				"the job log below lists every finding, and so does the SARIF report if you upload it to code scanning",
			n, word, strings.Join(parts, ", "), GitHubAnnotationsPerType)))
	}

	// The plain list. stop-commands needs a token nobody can guess; a hash
	// of the text it protects cannot appear inside that text.
	var list bytes.Buffer
	if err := Text(&list, r, TextOptions{}); err != nil {
		return err
	}
	sum := sha256.Sum256(list.Bytes())
	token := "notelint-" + hex.EncodeToString(sum[:16])
	fmt.Fprintf(bw, "::group::%s\n", escapeData(fmt.Sprintf("notelint: %s", pluralFinding(len(fs)))))
	fmt.Fprintf(bw, "::stop-commands::%s\n", token)
	bw.Write(list.Bytes())
	fmt.Fprintf(bw, "::%s::\n", token)
	bw.WriteString("::endgroup::\n")
	return bw.Flush()
}

func writeAnnotation(w io.Writer, f linter.Finding) {
	cmd := "error"
	switch f.Severity {
	case linter.Warning:
		cmd = "warning"
	case linter.Info:
		cmd = "notice"
	}
	props := []string{"file=" + escapeProperty(f.Path), "line=" + strconv.Itoa(max(f.Start.Line, 1))}
	endLine, endCol := f.End.Line, f.End.Column
	if endLine > f.Start.Line && endCol == 1 {
		// The range ends with a line break: the annotation ends a line earlier.
		endLine, endCol = endLine-1, 0
	}
	switch {
	case endLine > f.Start.Line:
		// GitHub takes columns only for a range within one line.
		props = append(props, "endLine="+strconv.Itoa(endLine))
	case f.Start.Column > 0:
		props = append(props, "col="+strconv.Itoa(f.Start.Column), "endLine="+strconv.Itoa(max(f.Start.Line, 1)))
		if endLine == f.Start.Line && endCol > f.Start.Column {
			props = append(props, "endColumn="+strconv.Itoa(endCol))
		}
	}
	props = append(props, "title="+escapeProperty("notelint: "+f.Rule))
	msg := f.Message
	for _, rel := range f.Related {
		msg += fmt.Sprintf("\nsee %s:%d:%d", rel.Path, rel.Line, rel.Column)
	}
	if f.RelatedMore > 0 {
		msg += fmt.Sprintf("\nand %d more", f.RelatedMore)
	}
	fmt.Fprintf(w, "::%s %s::%s\n", cmd, strings.Join(props, ","), escapeData(msg))
}

// bySeverity returns a copy of fs, errors first, then warnings, then infos,
// each by path, line, column and rule.
func bySeverity(fs []linter.Finding) []linter.Finding {
	out := append([]linter.Finding(nil), fs...)
	sort.SliceStable(out, func(i, j int) bool {
		a, b := &out[i], &out[j]
		if a.Severity != b.Severity {
			return a.Severity > b.Severity
		}
		return linter.Less(a, b)
	})
	return out
}

func pluralFinding(n int) string { return plural(n, "finding") }

// escapeData escapes the message of a workflow command: "%", CR and LF,
// as the runner unescapes them.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// escapeProperty escapes a workflow command property value: like
// escapeData, and also ":" and ",", which end a value.
func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

// StepSummary writes a Markdown report for $GITHUB_STEP_SUMMARY: the
// summary line, a table of findings per rule and severity, and a table of
// findings, most severe first, capped at StepSummaryMaxRows and cut further
// so that the whole stays within maxBytes (GitHub accepts at most 1 MiB per
// step; pass what is left of it). A maxBytes of 0 or less means no limit.
// When even the summary line does not fit, it writes nothing.
func StepSummary(w io.Writer, r *Run, maxBytes int) error {
	var b strings.Builder
	room := func(n int) bool { return maxBytes <= 0 || b.Len()+n <= maxBytes }
	add := func(s string) bool {
		if !room(len(s)) {
			return false
		}
		b.WriteString(s)
		return true
	}
	if !add("## notelint\n\n" + escapeCell(Summary(r)) + "\n") {
		return nil
	}
	if len(r.Findings) == 0 {
		_, err := io.WriteString(w, b.String())
		return err
	}

	// Counts per rule and severity.
	type tally struct{ by [linter.Error + 1]int }
	perRule := map[string]*tally{}
	var ruleIDs []string
	for _, f := range r.Findings {
		t := perRule[f.Rule]
		if t == nil {
			t = &tally{}
			perRule[f.Rule] = t
			ruleIDs = append(ruleIDs, f.Rule)
		}
		if f.Severity >= linter.Off && f.Severity <= linter.Error {
			t.by[f.Severity]++
		}
	}
	sort.Strings(ruleIDs)
	var counts strings.Builder
	counts.WriteString("\n| rule | error | warning | info | total |\n|:---|---:|---:|---:|---:|\n")
	for _, id := range ruleIDs {
		t := perRule[id]
		fmt.Fprintf(&counts, "| [%s](%s) | %d | %d | %d | %d |\n", escapeCell(id), RuleURL(id),
			t.by[linter.Error], t.by[linter.Warning], t.by[linter.Info],
			t.by[linter.Error]+t.by[linter.Warning]+t.by[linter.Info])
	}
	c := linter.Count(r.Findings)
	fmt.Fprintf(&counts, "| **total** | %d | %d | %d | %d |\n", c.Error, c.Warning, c.Info, c.Error+c.Warning+c.Info)
	add(counts.String())

	// Findings, as many rows as fit.
	fs := bySeverity(r.Findings)
	total := len(fs)
	const head = "| severity | location | rule | message |\n|:---|:---|:---|:---|\n"
	showing := func(n int) string {
		return fmt.Sprintf("\nShowing %d of %s, most severe first.\n\n", n, pluralFinding(total))
	}
	rest := func(n int) string {
		if n == total {
			return ""
		}
		return fmt.Sprintf("\nThe other %d are in the job log, and in code scanning when the SARIF report is uploaded.\n", total-n)
	}
	// Reserve room for the longest forms of the lines around the rows.
	reserve := len(showing(total)) + len(head) + len(rest(0))
	var rows strings.Builder
	n := 0
	for _, f := range fs {
		if n == StepSummaryMaxRows {
			break
		}
		row := fmt.Sprintf("| %s | %s | `%s` | %s |\n", f.Severity, escapeCell(posString(f)), f.Rule, escapeCell(f.Message))
		if !room(reserve + rows.Len() + len(row)) {
			break
		}
		rows.WriteString(row)
		n++
	}
	if room(len(showing(n)) + len(rest(n))) {
		b.WriteString(showing(n))
		if n > 0 {
			b.WriteString(head)
			b.WriteString(rows.String())
		}
		b.WriteString(rest(n))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// StepSummaryMaxRows caps the findings table of StepSummary.
const StepSummaryMaxRows = 1000

// escapeCell makes s safe in a Markdown table cell: "|" and Markdown
// punctuation are backslash-escaped, HTML is written as entities (GitHub
// would otherwise drop tags such as <script> with their text) and line
// breaks become <br>.
func escapeCell(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '\\', '|', '`', '*', '_', '[', ']', '~':
			b.WriteByte('\\')
			b.WriteByte(c)
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '&':
			b.WriteString("&amp;")
		case '\r':
			if i+1 < len(s) && s[i+1] == '\n' {
				i++
			}
			b.WriteString("<br>")
		case '\n':
			b.WriteString("<br>")
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}
