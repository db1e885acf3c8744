package rules

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/notelint/notelint/linter"
)

// BenchmarkNoteRules measures each per-note rule on parsed notes: the
// rule's own cost, without parsing.
func BenchmarkNoteRules(b *testing.B) {
	var notes []*linter.Note
	for i := 0; i < 200; i++ {
		src := fmt.Sprintf("---\ntitle: \"Carrier Cutoff Checklist %d\"\ndescription: What to check before the last pickup.\ntrack: Ops\n---\n"+
			"Retailers lose $4.20 per order on split shipments, and %d%% of orders ship late ([report](https://example.com)).\n\n"+
			"Open the allocation settings and set the threshold to 2 boxes. For example, the WMS shows 47 units.\n\n"+
			"| Step | Where |\n|---|---|\n| one | settings |\n\n"+
			"A 3-week sprint in 2024 cut costs by 12%% according to the Baymard Institute.\n", i, i%90)
		notes = append(notes, linter.Parse("n.md", []byte(src), linter.DefaultParseOptions()))
	}
	benchNoteRules(b, notes)
}

// BenchmarkNoteRulesArchive measures each per-note rule on the notes of an
// archive: NOTELINT_BENCH_ARCHIVE names a folder (such as one written by
// cmd/notegen), else the demo archive is used. At most 2,000 notes are read.
func BenchmarkNoteRulesArchive(b *testing.B) {
	dir := os.Getenv("NOTELINT_BENCH_ARCHIVE")
	if dir == "" {
		dir = filepath.Join("..", "testdata", "demo")
	}
	var notes []*linter.Note
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".md") || len(notes) >= 2000 {
			return err
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		notes = append(notes, linter.Parse(path, src, linter.DefaultParseOptions()))
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	if len(notes) == 0 {
		b.Skipf("no notes in %s", dir)
	}
	benchNoteRules(b, notes)
}

// benchNoteRules runs each per-note rule over notes, one sub-benchmark a
// rule.
func benchNoteRules(b *testing.B, notes []*linter.Note) {
	cfg := linter.DefaultConfig(Everything())
	for _, r := range All() {
		if r.Note == nil {
			continue
		}
		b.Run(r.ID, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				linter.RunNoteRule(r, cfg, notes[i%len(notes)])
			}
		})
	}
}
