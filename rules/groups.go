package rules

import (
	"hash/maphash"
	"strconv"

	"github.com/notelint/notelint/linter"
)

// maxRelated caps the related notes listed on each finding, so a value
// shared by thousands of notes stays linear in output and time.
const maxRelated = 20

// appendKeyFunc appends note n's key to b and reports whether n has one;
// notes without a key are never grouped.
type appendKeyFunc func(b []byte, n *linter.Note) ([]byte, bool)

// groupBy returns the groups of two or more notes that share a key, each
// in the order the notes come, ordered by their first note.
//
// Most keys are unique, so each key is built in one reused buffer and only
// its hash is kept; only notes whose hash another note shares have their
// key compared as such. No note allocates unless it is in a group; the
// scratch memory is a 32-bit hash a note and an open-addressing table of
// 2 to 4 int32 slots a note.
func groupBy(notes []*linter.Note, key appendKeyFunc) [][]*linter.Note {
	seed := maphash.MakeSeed()
	hashes := make([]uint32, len(notes)) // 32 bits: a collision only costs a comparison
	size := 16
	for size < 2*len(notes) {
		size <<= 1
	}
	mask := uint32(size - 1)
	first := make([]int32, size) // open addressing: 1 + the first note with a hash
	var shared []bool
	var buf []byte
	for i, n := range notes {
		var ok bool
		if buf, ok = key(buf[:0], n); !ok {
			continue
		}
		h := uint32(maphash.Bytes(seed, buf))
		hashes[i] = h
		for s := h & mask; ; s = (s + 1) & mask {
			j := first[s] - 1
			if j < 0 {
				first[s] = int32(i) + 1
				break
			}
			if hashes[j] == h {
				if shared == nil {
					shared = make([]bool, len(notes))
				}
				shared[j], shared[i] = true, true
				break
			}
		}
	}
	if shared == nil {
		return nil
	}
	index := map[string]int{}
	var groups [][]*linter.Note
	for i, n := range notes {
		if !shared[i] {
			continue
		}
		buf, _ = key(buf[:0], n)
		g, ok := index[string(buf)]
		if !ok {
			g = len(groups)
			index[string(buf)] = g
			groups = append(groups, nil)
		}
		groups[g] = append(groups[g], n)
	}
	// Notes whose hashes collide without equal keys are alone.
	out := groups[:0]
	for _, g := range groups {
		if len(g) > 1 {
			out = append(out, g)
		}
	}
	return out
}

// reportFunc takes an archive rule's findings: (*linter.ArchivePass).Report
// in a run, a counter in benchmarks.
type reportFunc func(*linter.Note, linter.Report)

// reportGroups gives every member of every group a finding at span(n)
// listing the other members. msg gets the note and a description of the
// others ("content/b.md" or "3 other notes").
func reportGroups(report reportFunc, groups [][]*linter.Note,
	span func(*linter.Note) linter.Span, relMsg string, msg func(n *linter.Note, others string) string) {
	for _, g := range groups {
		// Only the first maxRelated+1 members are ever listed.
		head := make([]linter.Related, min(len(g), maxRelated+1))
		for j := range head {
			head[j] = linter.RelatedTo(g[j], span(g[j]), relMsg)
		}
		others := strconv.Itoa(len(g)-1) + " other notes"
		// The members listed take the others of the head; the rest all
		// list the first maxRelated members and share that list.
		k := min(len(g)-1, maxRelated)
		lists := make([]linter.Related, 0, len(head)*k)
		for i, n := range g {
			var related []linter.Related
			if i < len(head) {
				s := len(lists)
				for j := range head {
					if j != i && len(lists)-s < k {
						lists = append(lists, head[j])
					}
				}
				related = lists[s:len(lists):len(lists)]
			} else {
				related = head[:k:k]
			}
			o := others
			if len(g) == 2 {
				o = related[0].Path
			}
			report(n, linter.Report{
				Span:        span(n),
				Message:     msg(n, o),
				Related:     related,
				RelatedMore: len(g) - 1 - len(related),
			})
		}
	}
}
