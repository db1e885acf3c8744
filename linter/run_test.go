package linter

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var titleRule = &Rule{ID: "needs-title", Title: "t", Doc: "d", Severity: Warning,
	Note: func(p *NotePass) {
		if p.Note.Title.Text == "" {
			p.Reportf(Span{p.Note.BodyStart, p.Note.BodyStart}, "no title")
		}
	}}

var panicRule = &Rule{ID: "panics", Title: "t", Doc: "d", Severity: Error,
	Note: func(p *NotePass) {
		if strings.Contains(string(p.Note.Src), "boom") {
			var m map[string]int
			m["x"]++ // nil map: panics
		}
	}}

var archivePanic = &Rule{ID: "archive-panics", Title: "t", Doc: "d", Severity: Error,
	Archive: func(p *ArchivePass) { panic("archive rule failed") }}

func runSources(t *testing.T, rules []*Rule, srcs ...Source) *Result {
	t.Helper()
	all := append(EngineRules(), rules...)
	res, err := Run(context.Background(), srcs, nil, Options{Config: DefaultConfig(all), Rules: all, Jobs: 2})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestPanicIsRecovered(t *testing.T) {
	res := runSources(t, []*Rule{panicRule, titleRule, archivePanic},
		Source{Path: "a.md", Src: []byte("boom")},
		Source{Path: "b.md", Src: []byte("fine")},
	)
	if res.Internal != 2 {
		t.Errorf("Internal = %d, want 2 (one note rule, one archive rule)", res.Internal)
	}
	var got []string
	for _, f := range res.Findings {
		got = append(got, f.Path+" "+f.Rule+" "+f.Message)
	}
	want := []string{
		". internal-error rule archive-panics crashed: archive rule failed",
		"a.md internal-error rule panics crashed on this note: assignment to entry in nil map",
		"a.md needs-title no title",
		"b.md needs-title no title",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestBrokenNotesDoNotStopTheRun(t *testing.T) {
	dir := t.TempDir()
	write := func(name, s string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	srcs := []Source{
		{Path: "big.md", OSPath: write("big.md", "---\ntitle: x\n---\n"+strings.Repeat("word ", 300))},
		{Path: "bad.md", OSPath: write("bad.md", "---\ntitle: [x\n---\n")},
		{Path: "gone.md", OSPath: filepath.Join(dir, "gone.md")},
		{Path: "ok.md", OSPath: write("ok.md", "# Fine\n")},
	}
	all := append(EngineRules(), titleRule)
	res, err := Run(context.Background(), srcs, []Unreadable{{Path: "locked", Err: os.ErrPermission}},
		Options{Config: DefaultConfig(all), Rules: all, MaxFileSize: 1000})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range res.Findings {
		got = append(got, f.Path+": "+f.Rule+": "+f.Message)
	}
	joined := strings.Join(got, "\n")
	for _, want := range []string{
		"bad.md: invalid-note: invalid YAML frontmatter",
		"big.md: invalid-note: file is 1517 bytes, over the 1000-byte limit (--max-file-size); skipped",
		"gone.md: invalid-note: cannot read: no such file or directory",
		"locked: invalid-note: cannot read: permission denied",
	} {
		if !strings.Contains(joined, want) {
			t.Errorf("missing %q in\n%s", want, joined)
		}
	}
	if res.Files != 5 || res.Notes != 1 {
		t.Errorf("files %d notes %d, want 5 and 1", res.Files, res.Notes)
	}
}

func TestCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	srcs := make([]Source, 100)
	for i := range srcs {
		srcs[i] = Source{Path: "n.md", Src: []byte("x")}
	}
	all := EngineRules()
	if _, err := Run(ctx, srcs, nil, Options{Config: DefaultConfig(all), Rules: all}); err != context.Canceled {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}

func TestFindingPositionsAndField(t *testing.T) {
	src := "\xef\xbb\xbf---\r\ntitle: Café ünïcode\r\ntrack: x\r\n---\r\nbody"
	n := Parse("n.md", []byte(src), DefaultParseOptions())
	f := makeFinding(n, "r", Error, Report{Span: n.Title.SpanOf(6, 15), Message: "m"})
	if f.Start != (Position{2, 13}) || f.End != (Position{2, 20}) || f.Field != "title" || f.Text != "ünïcode" {
		t.Errorf("finding = %+v", f)
	}
	f = makeFinding(n, "r", Error, Report{Span: Span{len(src) - 2, len(src) + 5}, Message: "m"})
	if f.Field != "body" || f.End != (Position{5, 5}) {
		t.Errorf("clamped finding = %+v", f)
	}
}
