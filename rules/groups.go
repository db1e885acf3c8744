package rules

import (
	"fmt"

	"github.com/notelint/notelint/linter"
)

// maxRelated caps the related notes listed on each finding, so a value
// shared by thousands of notes stays linear in output and time.
const maxRelated = 20

// groupBy collects the notes that share a key with another note, in the
// order they come; notes whose key is "" are left out. Most keys are
// unique, so keys are counted first (in a map sized up front) and only
// shared ones get a group.
func groupBy(notes []*linter.Note, key func(*linter.Note) string) (order []string, groups map[string][]*linter.Note) {
	keys := make([]string, len(notes))
	count := make(map[string]int32, len(notes))
	for i, n := range notes {
		if k := key(n); k != "" {
			keys[i] = k
			count[k]++
		}
	}
	groups = map[string][]*linter.Note{}
	for i, n := range notes {
		k := keys[i]
		if k == "" || count[k] < 2 {
			continue
		}
		g, ok := groups[k]
		if !ok {
			order = append(order, k)
			g = make([]*linter.Note, 0, count[k])
		}
		groups[k] = append(g, n)
	}
	return order, groups
}

// reportFunc takes an archive rule's findings: (*linter.ArchivePass).Report
// in a run, a counter in benchmarks.
type reportFunc func(*linter.Note, linter.Report)

// reportGroups gives every member of every group of two or more notes a
// finding at span(n) listing the other members. msg gets the note and a
// description of the others ("content/b.md" or "3 other notes").
func reportGroups(report reportFunc, order []string, groups map[string][]*linter.Note,
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
			report(n, linter.Report{
				Span:        span(n),
				Message:     msg(n, others),
				Related:     related,
				RelatedMore: len(g) - 1 - len(related),
			})
		}
	}
}
