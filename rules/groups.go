package rules

import (
	"fmt"

	"github.com/notelint/notelint/linter"
)

// maxRelated caps the related notes listed on each finding, so a value
// shared by thousands of notes stays linear in output and time.
const maxRelated = 20

// groupBy collects notes under a key, in the order they come; notes whose
// key is "" are left out.
func groupBy(notes []*linter.Note, key func(*linter.Note) string) (order []string, groups map[string][]*linter.Note) {
	groups = map[string][]*linter.Note{}
	for _, n := range notes {
		k := key(n)
		if k == "" {
			continue
		}
		if _, ok := groups[k]; !ok {
			order = append(order, k)
		}
		groups[k] = append(groups[k], n)
	}
	return order, groups
}

// reportGroups gives every member of every group of two or more notes a
// finding at span(n) listing the other members. msg gets the note and a
// description of the others ("content/b.md" or "3 other notes").
func reportGroups(p *linter.ArchivePass, order []string, groups map[string][]*linter.Note,
	span func(*linter.Note) linter.Span, relMsg string, msg func(n *linter.Note, others string) string) {
	for _, k := range order {
		g := groups[k]
		if len(g) < 2 {
			continue
		}
		for i, n := range g {
			related := make([]linter.Related, 0, min(len(g)-1, maxRelated))
			for j := 0; j < len(g) && len(related) < maxRelated; j++ {
				if j != i {
					related = append(related, linter.RelatedTo(g[j], span(g[j]), relMsg))
				}
			}
			others := fmt.Sprintf("%d other notes", len(g)-1)
			if len(g) == 2 {
				others = related[0].Path
			}
			p.Report(n, linter.Report{
				Span:        span(n),
				Message:     msg(n, others),
				Related:     related,
				RelatedMore: len(g) - 1 - len(related),
			})
		}
	}
}
