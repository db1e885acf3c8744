package main

import (
	"bytes"
	"context"
	"math/rand/v2"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/notelint/notelint/linter"
	"github.com/notelint/notelint/rules"
)

// TestArchive generates a small archive, lints it with every rule, and
// checks that each planted defect is found.
func TestArchive(t *testing.T) {
	for _, templated := range []bool{false, true} {
		dir := t.TempDir()
		var out bytes.Buffer
		args := []string{"-n", "3000", "-out", dir, "-seed", "7"}
		if templated {
			args = append(args, "-templated")
		}
		if err := run(args, &out, os.Stderr); err != nil {
			t.Fatal(err)
		}
		t.Log(out.String())
		notes := plan(3000, 7, templated)
		planted := map[int]int{}
		for _, n := range notes {
			for d := 0; d < nDefects; d++ {
				if n.defects&(1<<d) != 0 {
					planted[1<<d]++
				}
			}
		}
		all := append(append(linter.EngineRules(), rules.All()...), rules.NearDuplicateTitle)
		seen := map[string]bool{}
		var rs []*linter.Rule
		for _, r := range all {
			if !seen[r.ID] {
				seen[r.ID] = true
				rs = append(rs, r)
			}
		}
		cfg, err := linter.LoadConfig(filepath.Join(dir, ".notelint.yml"), rs)
		if err != nil {
			t.Fatal(err)
		}
		files, _, err := linter.Discover([]string{dir}, cfg)
		if err != nil {
			t.Fatal(err)
		}
		srcs := make([]linter.Source, len(files))
		for i, f := range files {
			srcs[i] = linter.Source{Path: f.Path, OSPath: f.OSPath}
		}
		res, err := linter.Run(context.Background(), srcs, nil, linter.Options{Config: cfg, Rules: rs})
		if err != nil {
			t.Fatal(err)
		}
		notesWith := map[string]map[string]bool{}
		for _, f := range res.Findings {
			if notesWith[f.Rule] == nil {
				notesWith[f.Rule] = map[string]bool{}
			}
			notesWith[f.Rule][path.Base(f.Path)] = true
		}
		var ids []string
		for id := range notesWith {
			ids = append(ids, id)
		}
		sort.Strings(ids)
		for _, id := range ids {
			t.Logf("templated=%v %-22s %d notes", templated, id, len(notesWith[id]))
		}
		if res.Notes != 3000 || len(notesWith["invalid-note"]) > 0 {
			t.Errorf("%d notes parsed, %d invalid", res.Notes, len(notesWith["invalid-note"]))
		}
		// Every planted rewording is found, by kind.
		found, total := map[string]int{}, map[string]int{}
		for _, n := range notes {
			if n.defects&dNearDup == 0 {
				continue
			}
			total[n.reword]++
			if notesWith["near-duplicate-title"][n.slug+".md"] {
				found[n.reword]++
			} else {
				t.Logf("templated=%v: not found: %s %q", templated, n.reword, n.title)
			}
		}
		for k, n := range total {
			t.Logf("templated=%v rewording %-16s %d/%d found", templated, k, found[k], n)
			if found[k] < n*9/10 {
				t.Errorf("templated=%v: only %d of %d %q rewordings found", templated, found[k], n, k)
			}
		}
		for _, c := range []struct {
			rule    string
			planted int
		}{
			{"duplicate-title", planted[dDuplicate]},
			{"near-duplicate-title", planted[dNearDup]},
			{"untitled", planted[dUntitled]},
			{"missing-track", planted[dNoTrack] + planted[dBadTrack]},
			{"leaked-frontmatter", planted[dLeakedFront]},
			{"leaked-jsonld", planted[dJSONLD]},
			{"leaked-markup", planted[dChangeLog]},
		} {
			// Planted notes are flagged (copies flag their originals too);
			// allow a tenth to slip, for rewordings the rule does not count.
			if got := len(notesWith[c.rule]); got < c.planted*9/10 {
				t.Errorf("templated=%v %s: %d notes flagged, %d planted", templated, c.rule, got, c.planted)
			}
		}
	}
}

func TestDeterministic(t *testing.T) {
	a, b := plan(500, 3, false), plan(500, 3, false)
	for i := range a {
		if a[i] != b[i] {
			t.Fatalf("note %d differs: %+v / %+v", i, a[i], b[i])
		}
	}
	var x, y bytes.Buffer
	render(&x, &a[10], rand.New(rand.NewPCG(3, 11)))
	render(&y, &b[10], rand.New(rand.NewPCG(3, 11)))
	if x.String() != y.String() {
		t.Fatal("render is not deterministic")
	}
}

func TestRefusesNonEmpty(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "x.md"), []byte("# x\n"), 0o644)
	var out bytes.Buffer
	if err := run([]string{"-n", "5", "-out", dir}, &out, &out); err == nil || !strings.Contains(err.Error(), "not empty") {
		t.Fatalf("err = %v", err)
	}
	if err := run([]string{"-n", "0", "-out", t.TempDir()}, &out, &out); err == nil {
		t.Fatal("-n 0 accepted")
	}
}

func BenchmarkPlan(b *testing.B) {
	for i := 0; i < b.N; i++ {
		plan(100_000, 1, false)
	}
}

func BenchmarkRender(b *testing.B) {
	notes := plan(1000, 1, false)
	var buf bytes.Buffer
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		buf.Reset()
		render(&buf, &notes[i%len(notes)], rand.New(rand.NewPCG(1, uint64(i))))
	}
}
