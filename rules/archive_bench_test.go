package rules

import (
	"fmt"
	"math/rand"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/notelint/notelint/linter"
)

// benchArchive makes n parsed notes shaped like a real archive, for the
// archive-wide rules: free-form titles with planted rewordings (see
// benchFreeform), about 3% exact duplicates written differently, a few
// titles outside ASCII, descriptions mostly unique with a few stamped from
// a template, slugs mostly unique with a few collisions, some url fields
// and some notes in another language. Deterministic.
func benchArchive(n int) []*linter.Note {
	r := rand.New(rand.NewSource(7))
	titles := benchFreeform(n, 3)
	tracks := []string{"omnichannel-systems", "retail-finance", "warehouse-operations", "unfiled"}
	srcs := make([][]byte, n)
	paths := make([]string, n)
	var b strings.Builder
	for i := range srcs {
		title := titles[i]
		switch {
		case i > 100 && r.Intn(33) == 0: // an exact duplicate, as duplicate-title folds it
			title = titles[r.Intn(i)]
			if r.Intn(2) == 0 {
				title = strings.ToLower(title) + "!"
			}
			titles[i] = title
		case r.Intn(200) == 0:
			title = "Café " + title
		case r.Intn(500) == 0:
			title = "Ｆｕｌｌ-Ｗｉｄｔｈ " + title
		}
		slug := strings.Trim(strings.Map(func(c rune) rune {
			if 'a' <= c && c <= 'z' || '0' <= c && c <= '9' {
				return c
			}
			return '-'
		}, strings.ToLower(title)), "-")
		if r.Intn(300) != 0 {
			slug += "-" + strconv.Itoa(i)
		}
		date := fmt.Sprintf("20%02d-%02d-%02d", 18+r.Intn(8), 1+r.Intn(12), 1+r.Intn(28))
		b.Reset()
		b.WriteString("---\ntitle: " + strconv.Quote(title) + "\n")
		switch {
		case r.Intn(40) == 0:
		case r.Intn(200) == 0:
			b.WriteString("description: Everything you need to know.\n")
		default:
			b.WriteString("description: " + strconv.Quote(fmt.Sprintf("How %s shows up in %s, and what to check first (reviewed %s).",
				benchNouns[r.Intn(len(benchNouns))], strings.ToLower(title), date)) + "\n")
		}
		b.WriteString("track: Omnichannel Systems\nslug: " + slug + "\ndate: " + date + "\n")
		if r.Intn(100) == 0 {
			fmt.Fprintf(&b, "url: /guides/g%d/\n", r.Intn(2000))
		}
		if r.Intn(10) == 0 {
			b.WriteString("lang: " + []string{"de", "fr", "en_US"}[r.Intn(3)] + "\n")
		}
		b.WriteString("---\nThe order management system and the warehouse disagree about what shipped.\n")
		srcs[i] = []byte(b.String())
		paths[i] = fmt.Sprintf("%s/%s/%s.md", tracks[r.Intn(len(tracks))], date[:4], slug)
	}
	notes := make([]*linter.Note, n)
	opt := linter.DefaultParseOptions()
	var wg sync.WaitGroup
	workers := runtime.GOMAXPROCS(0)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < n; i += workers {
				n := linter.Parse(paths[i], srcs[i], opt)
				// As in a run, archive rules see metadata only.
				n.Body, n.Derived = nil, linter.Excerpt{}
				notes[i] = n
			}
		}()
	}
	wg.Wait()
	return notes
}

var benchArchiveOnce = sync.OnceValue(func() []*linter.Note { return benchArchive(100_000) })

// BenchmarkArchiveRules measures each archive-wide rule on 100,000 parsed
// notes: the rule's own cost, without parsing.
func BenchmarkArchiveRules(b *testing.B) {
	notes := benchArchiveOnce()
	for _, rc := range []struct {
		id  string
		run func(reportFunc)
	}{
		{DuplicateTitle.ID, func(rep reportFunc) { checkDuplicateTitles(notes, &DuplicateTitleOptions{Scope: "archive"}, rep) }},
		{DuplicateDescription.ID, func(rep reportFunc) {
			checkDuplicateDescriptions(notes, &DuplicateTitleOptions{Scope: "archive"}, rep)
		}},
		{DuplicateSlug.ID, func(rep reportFunc) { checkDuplicateSlugs(notes, rep) }},
		{NearDuplicateTitle.ID, func(rep reportFunc) { checkNearDuplicateTitles(notes, DefaultNearDuplicateTitleOptions(), rep) }},
	} {
		b.Run(rc.id, func(b *testing.B) {
			findings := 0
			b.ReportAllocs()
			for b.Loop() {
				findings = 0
				rc.run(func(*linter.Note, linter.Report) { findings++ })
			}
			b.ReportMetric(float64(findings), "findings")
		})
	}
}
