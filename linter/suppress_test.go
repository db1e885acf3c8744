package linter

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"
)

// badRule flags every "BAD" in the file.
var badRule = &Rule{ID: "bad-word", Title: "t", Doc: "d", Severity: Error,
	Note: func(p *NotePass) {
		src := p.Note.Src
		for i := 0; ; {
			j := bytes.Index(src[i:], []byte("BAD"))
			if j < 0 {
				return
			}
			p.Reportf(Span{i + j, i + j + 3}, "bad word")
			i += j + 3
		}
	}}

func findingsOf(t *testing.T, src string) []string {
	t.Helper()
	res := runSources(t, []*Rule{badRule, titleRule}, Source{Path: "n.md", Src: []byte(src)})
	var out []string
	for _, f := range res.Findings {
		out = append(out, fmt.Sprintf("%d:%d %s", f.Start.Line, f.Start.Column, f.Rule))
	}
	return out
}

func TestSuppressions(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		want      []string
	}{
		{"none", "# T\n\nBAD\n", []string{"3:1 bad-word"}},
		{"next line", "# T\n\n<!-- notelint-disable-next-line bad-word -- quoted on purpose -->\nBAD\nBAD\n",
			[]string{"5:1 bad-word"}},
		{"colon reason", "# T\n\n<!-- notelint-disable-next-line bad-word: quoted -->\nBAD\n", nil},
		{"same line", "# T\n\nBAD <!-- notelint-disable-line bad-word -- quoted -->\nBAD\n", []string{"4:1 bad-word"}},
		{"range", "# T\n\n<!-- notelint-disable bad-word -- legacy -->\n\nBAD\n\nBAD\n\n<!-- notelint-enable bad-word -->\n\nBAD\n",
			[]string{"11:1 bad-word"}},
		{"open range", "# T\n\n<!-- notelint-disable bad-word -- legacy -->\n\nBAD\n\nBAD\n", nil},
		{"file", "# T BAD\n\n<!-- notelint-disable-file bad-word -- glossary of bad words -->\n\nBAD\n", nil},
		{"several rules", "BAD\n\n<!-- notelint-disable-file bad-word, needs-title -- stub page -->\n", nil},
		{"frontmatter", "---\ntitle: BAD\nnotelint:\n  disable: [bad-word]\n  reason: the title is the product name\n---\nBAD\n", nil},
		{"missing reason", "# T\n\n<!-- notelint-disable-next-line bad-word -->\nBAD\n",
			[]string{"3:1 invalid-suppression", "4:1 bad-word"}},
		{"unknown rule", "# T\n\n<!-- notelint-disable-next-line bad-wrod -- typo -->\nBAD\n",
			[]string{"3:1 invalid-suppression", "4:1 bad-word"}},
		{"frontmatter without reason", "---\ntitle: T\nnotelint: {disable: [bad-word]}\n---\nBAD\n",
			[]string{"3:1 invalid-suppression", "5:1 bad-word"}},
		{"unused", "# T\n\n<!-- notelint-disable-next-line bad-word -- stale -->\nfine\n",
			[]string{"3:1 unused-suppression"}},
		{"in code it is documentation", "# T\n\n```\n<!-- notelint-disable-next-line bad-word -- x -->\n```\n\nfine\n", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := findingsOf(t, tc.src)
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestUnusedSuppressionOfDisabledRuleIsQuiet(t *testing.T) {
	all := append(EngineRules(), badRule)
	cfg := DefaultConfig(all)
	cfg.SetSeverity(badRule, Off)
	src := "# T\n\n<!-- notelint-disable-next-line bad-word -- x -->\nfine\n"
	res, err := Run(t.Context(), []Source{{Path: "n.md", Src: []byte(src)}}, nil, Options{Config: cfg, Rules: all})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Findings) != 0 {
		t.Errorf("findings: %+v", res.Findings)
	}
}

// FuzzSuppressions runs the whole per-note pipeline, suppression comments
// included, on arbitrary notes: no panic, positions inside the file.
func FuzzSuppressions(f *testing.F) {
	f.Add([]byte("# T\n\n<!-- notelint-disable-next-line bad-word -- x -->\nBAD\n"))
	f.Add([]byte("---\nnotelint: {disable: [bad-word], reason: r}\n---\nBAD <!-- notelint-disable-line bad-word: y -->\n"))
	f.Add([]byte("<!-- notelint-disable bad-word, needs-title -- z -->\n\nBAD\n<!-- notelint-enable bad-word -->"))
	all := append(EngineRules(), badRule, titleRule)
	cfg := DefaultConfig(all)
	f.Fuzz(func(t *testing.T, src []byte) {
		wd := time.AfterFunc(10*time.Second, func() { panic(fmt.Sprintf("slow input %q", src)) })
		defer wd.Stop()
		res, err := Run(t.Context(), []Source{{Path: "f.md", Src: src}}, nil, Options{Config: cfg, Rules: all, Jobs: 1})
		if err != nil {
			t.Fatal(err)
		}
		if res.Internal != 0 {
			t.Fatalf("internal errors: %+v", res.Findings)
		}
		lines := bytes.Count(src, []byte("\n")) + bytes.Count(src, []byte("\r")) + 1
		for _, fd := range res.Findings {
			if fd.Start.Line < 1 || fd.Start.Line > lines || fd.Start.Column < 1 || fd.End.Line < fd.Start.Line {
				t.Fatalf("finding outside the file: %+v", fd)
			}
		}
	})
}
