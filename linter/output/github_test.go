package output

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/notelint/notelint/linter"
)

func githubOf(t *testing.T, r *Run) string {
	t.Helper()
	var b bytes.Buffer
	if err := GitHub(&b, r); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestGitHubGolden(t *testing.T) {
	golden(t, "sample.github.txt", []byte(githubOf(t, sampleRun())))
}

func TestGitHubSpecialGolden(t *testing.T) {
	golden(t, "special.github.txt", []byte(githubOf(t, specialRun())))
}

func TestEscapeData(t *testing.T) {
	for in, want := range map[string]string{
		"plain text":         "plain text",
		"100%":               "100%25",
		"%0A is not a break": "%250A is not a break",
		"a\nb":               "a%0Ab",
		"a\rb":               "a%0Db",
		"a\r\nb":             "a%0D%0Ab",
		"key: a, b":          "key: a, b",  // only properties escape : and ,
		"::error::x":         "::error::x", // harmless inside data: no line break before it
	} {
		if got := escapeData(in); got != want {
			t.Errorf("escapeData(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestEscapeProperty(t *testing.T) {
	for in, want := range map[string]string{
		"content/a.md":   "content/a.md",
		"100%":           "100%25",
		"a\nb":           "a%0Ab",
		"a\rb":           "a%0Db",
		"a:b":            "a%3Ab",
		"a,b":            "a%2Cb",
		"50%, then: 1\n": "50%25%2C then%3A 1%0A",
		"%3A":            "%253A", // "%" first, so escapes are not escaped twice
	} {
		if got := escapeProperty(in); got != want {
			t.Errorf("escapeProperty(%q) = %q, want %q", in, got, want)
		}
	}
}

// annotations returns the workflow commands before the plain list.
func annotations(out string) []string {
	var cmds []string
	for _, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(line, "::group::") {
			break
		}
		if line != "" {
			cmds = append(cmds, line)
		}
	}
	return cmds
}

func TestGitHubCaps(t *testing.T) {
	cases := []struct {
		name                   string
		errors, warnings, info int
		want                   [3]int // error, warning, notice annotations, excluding the summary notice
		omitted                int
	}{
		{"30 findings", 12, 12, 6, [3]int{10, 10, 6}, 4},
		{"30 of each", 30, 30, 30, [3]int{10, 10, 9}, 20 + 20 + 21},
		{"exactly 10 of each", 10, 10, 10, [3]int{10, 10, 10}, 0},
		{"11 notices", 0, 0, 11, [3]int{0, 0, 9}, 2},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fs := manyFindings(c.errors, c.warnings, c.info)
			out := githubOf(t, &Run{Files: 200, Notes: 200, Findings: fs})
			var got [3]int
			var summary []string
			lastSev := 3
			for _, cmd := range annotations(out) {
				kind := cmd[2:]
				kind = kind[:strings.IndexAny(kind, " :")]
				if strings.HasPrefix(cmd, "::notice title=notelint::") {
					summary = append(summary, cmd)
					continue
				}
				sev := map[string]int{"error": 0, "warning": 1, "notice": 2}[kind]
				if sev < lastSev && lastSev != 3 {
					t.Errorf("%s annotation after a less severe one", kind)
				}
				lastSev = sev
				got[sev]++
			}
			if got != c.want {
				t.Errorf("annotations (error, warning, notice) = %v, want %v", got, c.want)
			}
			if got[0] > GitHubAnnotationsPerType || got[1] > GitHubAnnotationsPerType || got[2]+len(summary) > GitHubAnnotationsPerType {
				t.Errorf("more than %d annotations of one type", GitHubAnnotationsPerType)
			}
			if c.omitted == 0 {
				if len(summary) != 0 {
					t.Errorf("nothing left out, yet %q", summary)
				}
			} else if len(summary) != 1 || !strings.Contains(summary[0], fmt.Sprintf("::%d more findings not shown", c.omitted)) ||
				!strings.Contains(summary[0], "job log") || !strings.Contains(summary[0], "SARIF") {
				t.Errorf("want one notice about %d more findings, got %q", c.omitted, summary)
			}
			// Every finding is in the plain list.
			for _, f := range fs {
				if !strings.Contains(out, fmt.Sprintf("%s:%d:%d  %s", f.Path, f.Start.Line, f.Start.Column, f.Severity)) {
					t.Fatalf("%s:%d is not in the log", f.Path, f.Start.Line)
				}
			}
		})
	}
}

func TestGitHubOrderWithinSeverity(t *testing.T) {
	fs := []linter.Finding{
		{Rule: "r", Severity: linter.Warning, Path: "a.md", Start: linter.Position{Line: 1, Column: 1}, Message: "w-a1"},
		{Rule: "r", Severity: linter.Error, Path: "b.md", Start: linter.Position{Line: 9, Column: 1}, Message: "e-b9"},
		{Rule: "r", Severity: linter.Error, Path: "a.md", Start: linter.Position{Line: 5, Column: 2}, Message: "e-a5"},
		{Rule: "r", Severity: linter.Info, Path: "a.md", Start: linter.Position{Line: 2, Column: 1}, Message: "i-a2"},
		{Rule: "r", Severity: linter.Error, Path: "a.md", Start: linter.Position{Line: 5, Column: 1}, Message: "e-a5c1"},
	}
	var msgs []string
	for _, cmd := range annotations(githubOf(t, &Run{Findings: fs})) {
		msgs = append(msgs, cmd[strings.LastIndex(cmd, "::")+2:])
	}
	if got, want := strings.Join(msgs, " "), "e-a5c1 e-a5 e-b9 w-a1 i-a2"; got != want {
		t.Errorf("order = %s, want %s", got, want)
	}
}

func TestGitHubInjection(t *testing.T) {
	out := githubOf(t, specialRun())
	cmds := annotations(out)
	if len(cmds) != 3 {
		t.Fatalf("a message with line breaks made %d commands:\n%s", len(cmds), out)
	}
	want := "::error file=notes/50%25 off%2C then%3A more #1?.md,line=2,col=8,endLine=2,title=notelint%3A duplicate-title::" +
		"title \"Sale: 50%25, today\" is also used by%0Anotes/ünïcode.md%0D%0A::error::injected | pipe%0Asee notes/ünïcode.md:4:2"
	if cmds[0] != want {
		t.Errorf("annotation =\n%s\nwant\n%s", cmds[0], want)
	}
	// The plain list runs with commands stopped, so the message's own
	// "::error::" line is inert; the token is resumed after it.
	m := regexp.MustCompile(`(?m)^::stop-commands::(notelint-[0-9a-f]{32})$`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("no stop-commands:\n%s", out)
	}
	stop := strings.Index(out, m[0])
	resume := strings.Index(out, "\n::"+m[1]+"::\n")
	injected := strings.Index(out, "\n::error::injected")
	if resume < 0 || !(stop < injected && injected < resume) {
		t.Errorf("the injected line is not between stop-commands and the resume token:\n%s", out)
	}
	if strings.Count(out, m[1]) != 2 {
		t.Error("the token appears in the protected text")
	}
	if !strings.HasSuffix(out, "::endgroup::\n") {
		t.Error("the log group is not closed")
	}
}

func TestGitHubPositions(t *testing.T) {
	pos := func(l, c int) linter.Position { return linter.Position{Line: l, Column: c} }
	for _, c := range []struct {
		start, end linter.Position
		want       string
	}{
		{pos(2, 8), pos(2, 34), "line=2,col=8,endLine=2,endColumn=34"},
		{pos(3, 1), pos(3, 1), "line=3,col=1,endLine=3"},         // empty range: no end column
		{pos(3, 5), pos(4, 1), "line=3,col=5,endLine=3"},         // ends with the line break
		{pos(3, 5), pos(6, 2), "line=3,endLine=6"},               // several lines: no columns
		{pos(3, 5), pos(6, 1), "line=3,endLine=5"},               // several lines ending with a line break
		{pos(3, 5), linter.Position{}, "line=3,col=5,endLine=3"}, // no end known
	} {
		out := githubOf(t, &Run{Findings: []linter.Finding{{Rule: "r", Severity: linter.Error, Path: "a.md", Start: c.start, End: c.end, Message: "m"}}})
		want := "::error file=a.md," + c.want + ",title=notelint%3A r::m\n"
		if !strings.HasPrefix(out, want) {
			t.Errorf("%v-%v: got %q, want %q", c.start, c.end, strings.SplitN(out, "\n", 2)[0], want)
		}
	}
}

func TestGitHubClean(t *testing.T) {
	out := githubOf(t, &Run{Files: 3, Notes: 3})
	if len(annotations(out)) != 0 {
		t.Errorf("a clean run has annotations:\n%s", out)
	}
	if !strings.Contains(out, "3 files checked, 3 notes: no findings\n") {
		t.Errorf("a clean run lacks the summary:\n%s", out)
	}
}

func stepSummaryOf(t *testing.T, r *Run, max int) string {
	t.Helper()
	var b bytes.Buffer
	if err := StepSummary(&b, r, max); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestStepSummaryGolden(t *testing.T) {
	golden(t, "sample.summary.md", []byte(stepSummaryOf(t, sampleRun(), 1<<20)))
}

func TestStepSummaryLimits(t *testing.T) {
	fs := manyFindings(300, 1500, 1200)
	r := &Run{Files: 200, Notes: 200, Findings: fs}
	rowRE := regexp.MustCompile(`(?m)^\| (error|warning|info) \| `)
	showingRE := regexp.MustCompile(`Showing (\d+) of 3000 findings`)

	full := stepSummaryOf(t, r, 1<<20)
	if n := len(rowRE.FindAllString(full, -1)); n != StepSummaryMaxRows {
		t.Errorf("%d rows with 1 MiB, want the cap of %d", n, StepSummaryMaxRows)
	}
	if m := showingRE.FindStringSubmatch(full); m == nil || m[1] != fmt.Sprint(StepSummaryMaxRows) {
		t.Errorf("no \"Showing %d of 3000\" line", StepSummaryMaxRows)
	}
	if !strings.Contains(full, "The other 2000 are in the job log") {
		t.Error("the summary does not say where the rest is")
	}
	if strings.Index(full, "\n| warning |") < strings.LastIndex(full, "\n| error |") {
		t.Error("rows are not most severe first")
	}

	for _, max := range []int{20000, 4096, 1500, 700, 300, 60, 10} {
		out := stepSummaryOf(t, r, max)
		if len(out) > max {
			t.Errorf("maxBytes %d: wrote %d bytes", max, len(out))
		}
		rows := len(rowRE.FindAllString(out, -1))
		if m := showingRE.FindStringSubmatch(out); m != nil && m[1] != fmt.Sprint(rows) {
			t.Errorf("maxBytes %d: says %s rows, has %d", max, m[1], rows)
		}
		if max >= 4096 && rows == 0 {
			t.Errorf("maxBytes %d: no rows", max)
		}
		if max == 10 && out != "" {
			t.Errorf("maxBytes 10: want nothing, got %q", out)
		}
	}
	if got := stepSummaryOf(t, r, 0); got != full {
		t.Error("maxBytes 0 is not unlimited")
	}
}

func TestStepSummaryClean(t *testing.T) {
	if got := stepSummaryOf(t, &Run{Files: 2, Notes: 2}, 1<<20); got != "## notelint\n\n2 files checked, 2 notes: no findings\n" {
		t.Errorf("clean summary = %q", got)
	}
}

func TestEscapeCell(t *testing.T) {
	for in, want := range map[string]string{
		"plain, text: 50%":       "plain, text: 50%",
		"a|b":                    `a\|b`,
		"a\nb":                   "a<br>b",
		"a\r\nb":                 "a<br>b",
		"a\rb":                   "a<br>b",
		`back\slash`:             `back\\slash`,
		"`code`":                 "\\`code\\`",
		"*em* _em_ ~del~":        `\*em\* \_em\_ \~del\~`,
		"[link](x)":              `\[link\](x)`,
		`<script type="x">`:      `&lt;script type="x"&gt;`,
		"a & b &amp;":            "a &amp; b &amp;amp;",
		"über | ß\n<b>**x**</b>": `über \| ß<br>&lt;b&gt;\*\*x\*\*&lt;/b&gt;`,
	} {
		if got := escapeCell(in); got != want {
			t.Errorf("escapeCell(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestStepSummaryEscapes(t *testing.T) {
	out := stepSummaryOf(t, specialRun(), 1<<20)
	rows := 0
	for _, line := range strings.Split(out, "\n") {
		if !strings.HasPrefix(line, "| error |") {
			continue
		}
		rows++
		// 5 unescaped pipes: the borders of 4 cells.
		if n := len(regexp.MustCompile(`(^|[^\\])\|`).FindAllString(line, -1)); n != 5 {
			t.Errorf("row has %d cell borders: %s", n, line)
		}
		if !strings.Contains(line, "50% off, then: more #1?.md:2:8") || !strings.Contains(line, "<br>") {
			t.Errorf("row = %s", line)
		}
	}
	if rows != 1 {
		t.Errorf("%d error rows, want 1:\n%s", rows, out)
	}
}
