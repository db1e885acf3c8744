package rules

import (
	"fmt"

	"github.com/notelint/notelint/linter"
)

// DuplicateTitle flags notes that share a title.
var DuplicateTitle = &linter.Rule{
	ID:       "duplicate-title",
	Title:    "two or more notes have the same title",
	Severity: linter.Error,
	Doc: `Flags notes whose titles are the same once case, Unicode width
(full-width letters), white space, dashes and punctuation are folded away.
Every note of a group gets a finding that lists the others.

**Why**: two pages with one title compete in search, confuse readers in
listings, and usually mean an article was published twice.

**Flagged**: "How to Fix Split Shipments" and "How to fix split-shipments!"
in two notes.

**Fine**: "How to Fix Split Shipments" and "How to Fix Split Shipments in
Shopify" (different titles; see ` + "`near-duplicate-title`" + ` for rewordings).

**Fix**: merge the notes, or retitle one so each says what makes it
different.
`,
	Archive: func(p *linter.ArchivePass) {
		groups := map[string][]*linter.Note{}
		var order []string
		for _, n := range p.Notes {
			if !n.Title.IsSet() {
				continue
			}
			k := foldTitle(n.Title.Text)
			if k == "" {
				continue
			}
			if _, ok := groups[k]; !ok {
				order = append(order, k)
			}
			groups[k] = append(groups[k], n)
		}
		for _, k := range order {
			g := groups[k]
			if len(g) < 2 {
				continue
			}
			for i, n := range g {
				related := make([]linter.Related, 0, min(len(g)-1, 20))
				more := 0
				for j, o := range g {
					if j == i {
						continue
					}
					if len(related) == 20 {
						more++
						continue
					}
					related = append(related, linter.RelatedTo(o, o.Title.Span, "same title"))
				}
				others := fmt.Sprintf("%d other notes", len(g)-1)
				if len(g) == 2 {
					others = related[0].Path
				}
				p.Report(n, linter.Report{
					Span:        n.Title.Span,
					Message:     fmt.Sprintf("title %q is also used by %s; give each note its own title", n.Title.Text, others),
					Related:     related,
					RelatedMore: more,
				})
			}
		}
	},
}
