package rules

import (
	"bytes"
	"fmt"
	"slices"
	"strings"

	"github.com/notelint/notelint/linter"
)

// NearDuplicateTitleOptions configures near-duplicate-title.
type NearDuplicateTitleOptions struct {
	// Scope limits which notes are compared, as for duplicate-title:
	// "archive", "directory" or "field:NAME".
	Scope string `yaml:"scope"`
	// Languages compares pages only with pages in the same language (and
	// documentation version), as the site model decides them: a
	// translation is not a duplicate.
	Languages bool `yaml:"languages"`
	// Years reports titles that differ only in a year ("Best X in 2025" /
	// "Best X in 2026"). Other numbers never count: "Ruby 3.3.1" and "Ruby
	// 3.3.2" are different releases.
	Years bool `yaml:"years"`
	// Typos reports titles that differ in one word spelled one letter
	// apart ("Shipmnets" / "Shipments").
	Typos bool `yaml:"typos"`
	// Containment reports a short title that a longer one only extends
	// with style words, or frames with a category or a site name ("Why
	// Refunds Drift" / "Retail Finance Troubleshooting: Why Refunds Drift").
	Containment bool `yaml:"containment"`
	// MinWords is how many words (not counting stop words) the shorter
	// title needs before an added word or containment counts.
	MinWords int `yaml:"min-words"`
	// MinShared is how many words two titles must share around a swapped
	// style word or year.
	MinShared int `yaml:"min-shared"`
	// ContainRatio: a short title framed by a category or site name
	// ("Retail Finance Troubleshooting: Why Refunds Drift") must carry at
	// least this share of the longer title's weight, where words weigh by
	// how rare they are among the archive's titles. Between 0 and 1;
	// higher is stricter.
	ContainRatio float64 `yaml:"contain-ratio"`
	// FillerWords are added to the built-in style words ("complete",
	// "quick", "ultimate", "step-by-step", ...): adding, dropping or
	// swapping one of them rewords a title.
	FillerWords []string `yaml:"filler-words"`
	// Synonyms are added to the built-in groups of words that stand in
	// for each other in titles (guide/tutorial/handbook, fix/resolve/
	// troubleshoot, tips/tricks/ideas, ...).
	Synonyms [][]string `yaml:"synonyms"`
	// Abbreviations are expanded before comparing, in addition to the
	// built-in ones (ops → operations, e-commerce → ecommerce, ...).
	Abbreviations map[string]string `yaml:"abbreviations"`
}

// Validate checks the option values.
func (o *NearDuplicateTitleOptions) Validate() error {
	if _, err := parseScope(o.Scope); err != nil {
		return err
	}
	if o.MinWords < 1 {
		return fmt.Errorf("min-words must be at least 1, not %d", o.MinWords)
	}
	if o.MinShared < 1 {
		return fmt.Errorf("min-shared must be at least 1, not %d", o.MinShared)
	}
	if !(o.ContainRatio > 0 && o.ContainRatio <= 1) {
		return fmt.Errorf("contain-ratio must be above 0 and at most 1, not %v", o.ContainRatio)
	}
	for _, w := range o.FillerWords {
		if len(strings.Fields(w)) != 1 {
			return fmt.Errorf("filler-words: %q: want one word", w)
		}
	}
	for _, g := range o.Synonyms {
		if len(g) < 2 {
			return fmt.Errorf("synonyms: %q: a group needs two words or more", g)
		}
		for _, w := range g {
			if len(strings.Fields(w)) != 1 {
				return fmt.Errorf("synonyms: %q: want one word", w)
			}
		}
	}
	for k, v := range o.Abbreviations {
		if strings.TrimSpace(k) == "" || strings.TrimSpace(v) == "" || len(strings.Fields(k)) != 1 {
			return fmt.Errorf("abbreviations: %q: %q: want one word mapped to one or more words", k, v)
		}
	}
	return nil
}

// DefaultNearDuplicateTitleOptions are the defaults, chosen on the
// labelled pairs in testdata/near-duplicate-title-pairs.tsv.
func DefaultNearDuplicateTitleOptions() *NearDuplicateTitleOptions {
	return &NearDuplicateTitleOptions{
		Scope:        "archive",
		Languages:    true,
		Years:        true,
		Typos:        true,
		Containment:  true,
		MinWords:     3,
		MinShared:    1,
		ContainRatio: 0.35,
	}
}

// NearDuplicateTitle flags notes whose titles are rewordings of each other.
var NearDuplicateTitle = &linter.Rule{
	ID:       "near-duplicate-title",
	Title:    "two or more notes have nearly the same title",
	Severity: linter.Warning,
	Pages:    true,
	Options:  func() any { return DefaultNearDuplicateTitleOptions() },
	Doc: `Flags notes whose titles a reader would call the same title reworded.
Every note of a group gets one finding that names the closest other title,
says how the two differ, and lists the others (up to 20, then a count).

**Why**: near-identical titles compete with each other in search and look
like the same article twice in listings. They usually mean a note was
rewritten instead of updated, or a refresh was published next to the
original.

**Flagged**, and how the message describes it:

    How to Fix Split Shipments: A Complete Guide
    How to Fix Split Shipments: A Step-by-Step Guide     one word swapped
    How to Fix Stuck Orders / How to Resolve Stuck Orders one word swapped
    Carrier Cutoff Checklist for Ops Teams
    Carrier Cutoff Checklist for Operations Teams        same words
    ActiveX Control Containers / Containers for ActiveX Controls
                                                         same words reordered
    Reconciling Shipmnets Nightly / Reconciling Shipments Nightly
                                                         a typo
    Best Label Printers in 2025 / Best Label Printers in 2026
                                                         only the year differs
    How to Pack Fragile Items / How to Pack Fragile Items Quickly
                                                         one word added
    Why Refunds Drift
    Retail Finance Troubleshooting: Why Refunds Drift    containment

A swapped or added word counts only when it is a style word: a filler
("complete", "quick", "ultimate", "step-by-step", "updated") or a word of
the same synonym group (guide/tutorial/handbook, fix/resolve/troubleshoot,
tips/tricks/ideas, overview/introduction/basics, reduce/cut/lower, ...).
A short title counts as contained when the longer one only adds style
words, or frames it with a category before a colon or a site name after a
"|" or " - ".

**Fine**:

    Carrier Delays: The Cross-System Cascade Explained   same template,
    Refund Gaps: The Cross-System Cascade Explained      another subject
    Carrier Delays Explained / Refund Delays Explained   a subject word swapped
    Ruby 3.3.1 Released / Ruby 3.3.2 Released            versions and
    Compiler Error C2065 / Compiler Error C2066          identifiers differ
    RubyConf 2004 / RubyConf 2007                        an event's edition
    Memory Management / Memory Management: Frame Allocation   a subtopic
    Convert X to Y / Convert Y to X                      another direction
    Implementation (Basic Method) / (Advanced Method)    a qualifier differs

Exact duplicates are left to ` + "`duplicate-title`" + `. Titles that differ only
in a symbol it keeps ("C Bit Fields" / "C++ Bit Fields", "_chsize" /
"chsize") are different titles, not near duplicates. Only pages are compared (see
"How notelint sees your site" in the README), and pages in different
languages or documentation versions never are: a translation is not a
duplicate.

Titles are compared word by word after Unicode normalisation and case
folding; punctuation and stop words (a, the, to, for, ...) are set aside,
hyphenated and split compounds meet ("e-commerce", "ecommerce"; "web
site", "website"), plurals and -ing/-ed forms meet their stem, British
spellings meet American ones, and abbreviations are expanded (ops →
operations). Words written as code (` + "`CArchive`" + `, ` + "`operator=`" + `, ` + "`<cctype>`" + `) and
numbers must match exactly. A year counts as a refresh when it follows
"in", "for" or "of", stands in parentheses, or ends the title after a
separator.

**Fix**: merge the notes (redirect the old URL), or retitle them so each
says what makes it different.

**Configure**:

    rules:
      near-duplicate-title:
        scope: directory      # archive (default), directory or field:NAME
        languages: true       # compare pages only within one language and docs version
        years: true           # titles that differ only in a refresh year
        typos: true           # one word one letter off
        containment: true     # a short title inside a longer one
        min-words: 3          # words the shorter title needs to count as contained
        min-shared: 1         # words titles must share around a swapped word
        contain-ratio: 0.35   # share of the weight a framed short title carries
        filler-words: [refreshed, annotated]
        synonyms: [[recap, roundup, digest]]
        abbreviations: {wms: warehouse management system}

The lists add to the built-in ones.
`,
	Archive: func(p *linter.ArchivePass) {
		checkNearDuplicateTitles(p.Notes, p.Options.(*NearDuplicateTitleOptions), p.Report)
	},
}

func checkNearDuplicateTitles(notes []*linter.Note, opts *NearDuplicateTitleOptions, report reportFunc) {
	scope, _ := parseScope(opts.Scope)
	// Titled notes are compared within their part (scope, then language),
	// parts in the order their first notes come. One pass over the notes
	// collects the titled ones, their titles and their parts, each part
	// found by a key built in one reused buffer.
	titled := make([]*linter.Note, 0, len(notes))
	titles := make([]string, 0, len(notes))
	var part []int32 // part of each titled note, once there are two
	index := map[string]int32{}
	var sizes []int
	var buf []byte
	for _, n := range notes {
		if !hasOwnTitle(n) {
			continue
		}
		buf = scope.appendPart(buf[:0], n, opts.Languages)
		p, ok := index[string(buf)]
		if !ok {
			p = int32(len(sizes))
			index[string(buf)] = p
			sizes = append(sizes, 0)
			if p == 1 {
				part = make([]int32, len(titled), cap(titled)) // all in part 0 so far
			}
		}
		if part != nil {
			part = append(part, p)
		}
		sizes[p]++
		titled = append(titled, n)
		titles = append(titles, n.Title.Text)
	}
	if len(sizes) <= 1 {
		reportNearDuplicates(report, titled, titles, opts)
		return
	}
	// Lay the parts out one after the other.
	start := make([]int, len(sizes)+1)
	for p, k := range sizes {
		start[p+1] = start[p] + k
	}
	byPart := make([]*linter.Note, len(titled))
	partTitles := make([]string, len(titles))
	next := slices.Clone(start[:len(sizes)])
	for i, p := range part {
		byPart[next[p]], partTitles[next[p]] = titled[i], titles[i]
		next[p]++
	}
	for p := range sizes {
		reportNearDuplicates(report, byPart[start[p]:start[p+1]], partTitles[start[p]:start[p+1]], opts)
	}
}

const ndMaxRelated = 20

// reportNearDuplicates reports near duplicates among notes, whose titles
// are titles.
func reportNearDuplicates(report reportFunc, notes []*linter.Note, titles []string, opts *NearDuplicateTitleOptions) {
	res := nearDuplicates(titles, opts)
	for i, n := range notes {
		rel, more := res.related(i, ndMaxRelated)
		if len(rel) == 0 {
			continue
		}
		// Name the closest of the first few in the message.
		best, bestDiff := -1, ndDiff{}
		related := make([]linter.Related, 0, len(rel))
		for k, j := range rel {
			msg := "near-duplicate title"
			if k < 5 {
				diff := res.classify(i, j)
				msg = "near-duplicate title (" + diff.String() + ")"
				if best < 0 || diff.rank < bestDiff.rank {
					best, bestDiff = j, diff
				}
			}
			related = append(related, linter.RelatedTo(notes[j], notes[j].Title.Span, msg))
		}
		others := ""
		if n := len(rel) + more - 1; n == 1 {
			others = " and 1 other note"
		} else if n > 1 {
			others = fmt.Sprintf(" and %d other notes", n)
		}
		report(n, linter.Report{
			Span:        n.Title.Span,
			Message:     fmt.Sprintf("title is a near duplicate of %q (%s)%s; retitle or merge the notes", titles[best], bestDiff, others),
			Related:     related,
			RelatedMore: more,
		})
	}
}

// ndDiff says how two titles differ.
type ndDiff struct {
	kind   string
	detail string
	rank   int // lower is closer
}

func (d ndDiff) String() string {
	if d.detail == "" {
		return d.kind
	}
	return d.kind + ": " + d.detail
}

type ndWord struct {
	surface, norm string
	stop          bool
}

func (d *ndDetector) titleWords(title string) []ndWord {
	toks, _ := d.z.tokenize(title)
	out := make([]ndWord, len(toks))
	for i, t := range toks {
		out[i] = ndWord{d.z.surface(&t), d.z.norm(&t), t.stop}
		if id, ok := d.canonical(out[i].norm); ok {
			out[i].norm = d.words[id]
		}
	}
	return out
}

// classify describes how title b differs from title a, for messages,
// given their words (see titleWords), which it leaves as they are.
func (d *ndDetector) classify(wa, wb []ndWord) ndDiff {
	onlyA, onlyB := ndMinus(wa, wb, false), ndMinus(wb, wa, false)
	join := func(ws []ndWord) string {
		s := make([]string, len(ws))
		for i, w := range ws {
			s[i] = w.surface
		}
		return strings.Join(s, " ")
	}
	switch {
	case len(onlyA) == 0 && len(onlyB) == 0:
		if !d.sameOrder(wa, wb) {
			return ndDiff{kind: "same words reordered", rank: 1}
		}
		sa, sb := ndMinus(wa, wb, true), ndMinus(wb, wa, true)
		switch {
		case len(sa) > 0 && len(sb) > 0:
			return ndDiff{kind: "same words", detail: join(sa) + " → " + join(sb), rank: 0}
		case len(sb) > 0:
			return ndDiff{kind: "same words", detail: "adds " + join(sb), rank: 0}
		case len(sa) > 0:
			return ndDiff{kind: "same words", detail: "drops " + join(sa), rank: 0}
		}
		return ndDiff{kind: "same words", rank: 0}
	case len(onlyA) == 1 && len(onlyB) == 1:
		x, y := onlyA[0], onlyB[0]
		fx, fy := ndWordFlags(x.norm, false), ndWordFlags(y.norm, false)
		detail := x.surface + " → " + y.surface
		switch {
		case fx&fy&tfYear != 0:
			return ndDiff{kind: "only the year differs", detail: detail, rank: 3}
		case ndTypoWords(x.norm, y.norm):
			return ndDiff{kind: "a typo", detail: detail, rank: 2}
		}
		return ndDiff{kind: "one word swapped", detail: detail, rank: 4}
	case len(onlyA) == 0 && len(onlyB) == 1:
		return ndDiff{kind: "one word added", detail: onlyB[0].surface, rank: 5}
	case len(onlyA) == 1 && len(onlyB) == 0:
		return ndDiff{kind: "one word dropped", detail: onlyA[0].surface, rank: 5}
	case len(onlyA) == 0:
		return ndDiff{kind: "containment", detail: "adds " + join(onlyB), rank: 6}
	case len(onlyB) == 0:
		return ndDiff{kind: "containment", detail: "drops " + join(onlyA), rank: 6}
	}
	return ndDiff{kind: "reworded", detail: join(onlyA) + " → " + join(onlyB), rank: 7}
}

// ndMinus returns the words of a not matched in b (as multisets), by
// normalised form, or by surface form (stop words included) when surface
// is set.
func ndMinus(a, b []ndWord, surface bool) []ndWord {
	var buf [32]bool
	used := buf[:0]
	if len(b) > len(buf) {
		used = make([]bool, len(b))
	}
	used = used[:len(b)]
	var out []ndWord
	for _, x := range a {
		if x.stop && !surface {
			continue
		}
		found := false
		for j, y := range b {
			if used[j] || (y.stop && !surface) {
				continue
			}
			if surface && x.surface == y.surface || !surface && x.norm == y.norm {
				used[j], found = true, true
				break
			}
		}
		if !found {
			out = append(out, x)
		}
	}
	return out
}

// sameOrder reports whether a and b have the same words in the same
// order once stop words are set aside: their normalised forms joined by
// spaces are equal.
func (d *ndDetector) sameOrder(a, b []ndWord) bool {
	d.joinA, d.joinB = ndJoinNorms(d.joinA[:0], a), ndJoinNorms(d.joinB[:0], b)
	return bytes.Equal(d.joinA, d.joinB)
}

func ndJoinNorms(buf []byte, ws []ndWord) []byte {
	first := true
	for _, w := range ws {
		if !w.stop {
			if !first {
				buf = append(buf, ' ')
			}
			first = false
			buf = append(buf, w.norm...)
		}
	}
	return buf
}
