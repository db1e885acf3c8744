package rules

import (
	"testing"

	"github.com/notelint/notelint/linter"
)

// FuzzNoteRules runs every per-note rule (the statistic detector, the leak
// checks, untitled, missing-track) on arbitrary notes: no panic, and every
// finding inside the file with its line and column matching its offset.
func FuzzNoteRules(f *testing.F) {
	for _, s := range []string{
		"---\ntitle: Untitled\n---\n62% of shoppers abandon carts. Costs are $9,000 per 1,000 orders.\n",
		"---\ndescription: 'title: \"X\" slug: \"x\"'\n---\n<script type=\"application/ld+json\" {\"@context\": \"https://schema.org\"}\n",
		"\n---\ntitle: X\n---\n| a | b |\n|---|---|\n| 2.4x | 3 in 5 |\n",
		"# Title\n\nAccording to the 2024 Baymard Institute study, 70% of carts are abandoned[^1].\n\n[^1]: https://example.com\n",
		"+++\ntitle = \"A 20–30% rise\"\n+++\n```yaml\ntitle: x\n```\n",
		"{% highlight ruby %}\n# 62% of shoppers\n#\n## Sources\n{% endhighlight %}\nAbout 40% of carts.\n{{< x >}}\ndate: 2024\n===\n{{< /x >}}\n",
	} {
		f.Add([]byte(s))
	}
	cfg := linter.DefaultConfig(Everything())
	var noteRules []*linter.Rule
	for _, r := range All() {
		if r.Note != nil {
			noteRules = append(noteRules, r)
		}
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		n := linter.Parse("f.md", src, linter.DefaultParseOptions())
		if n.Broken {
			return
		}
		for _, r := range noteRules {
			for _, fd := range linter.RunNoteRule(r, cfg, n) {
				if fd.Span.Start < 0 || fd.Span.End > len(src) || fd.Span.End < fd.Span.Start {
					t.Fatalf("%s: span %v outside %d bytes", r.ID, fd.Span, len(src))
				}
				if got := n.Position(fd.Span.Start); got != fd.Start {
					t.Fatalf("%s: start %v, offset says %v", r.ID, fd.Start, got)
				}
			}
		}
	})
}
