package rules

import (
	"context"
	"fmt"
	"testing"

	"github.com/notelint/notelint/linter"
)

// TestTenThousandNotesOneTitle keeps output and work bounded when a whole
// folder shares one title: every note is reported, each with at most 20
// related notes and the count of the rest.
func TestTenThousandNotesOneTitle(t *testing.T) {
	if testing.Short() {
		t.Skip("10,000 notes; skipped with -short")
	}
	const n = 10000
	srcs := make([]linter.Source, n)
	for i := range srcs {
		srcs[i] = linter.Source{Path: fmt.Sprintf("notes/n%05d.md", i), Src: []byte("---\ntitle: Weekly Update\ntrack: Ops\n---\nBody.\n")}
	}
	all := append(linter.EngineRules(), DuplicateTitle, NearDuplicateTitle)
	res, err := linter.Run(context.Background(), srcs, nil, linter.Options{Config: linter.DefaultConfig(all), Rules: all})
	if err != nil {
		t.Fatal(err)
	}
	dup := 0
	for _, f := range res.Findings {
		if len(f.Related) > 20 {
			t.Fatalf("%s lists %d related notes", f.Path, len(f.Related))
		}
		switch f.Rule {
		case "duplicate-title":
			dup++
			if f.RelatedMore != n-1-20 {
				t.Fatalf("%s: RelatedMore = %d, want %d", f.Path, f.RelatedMore, n-1-20)
			}
		case "near-duplicate-title":
			t.Fatalf("exact duplicates are not near duplicates: %+v", f)
		}
	}
	if dup != n {
		t.Errorf("%d duplicate-title findings, want %d", dup, n)
	}
}
