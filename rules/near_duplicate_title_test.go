package rules

import (
	"cmp"
	"context"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"unicode"

	"github.com/notelint/notelint/linter"
)

// TestNearDupRealArchive lints a real archive named by
// NOTELINT_NEARDUP_ARCHIVE with near-duplicate-title alone and prints the
// findings. Skipped by default.
func TestNearDupRealArchive(t *testing.T) {
	dir := os.Getenv("NOTELINT_NEARDUP_ARCHIVE")
	if dir == "" {
		t.Skip("set NOTELINT_NEARDUP_ARCHIVE to an archive directory")
	}
	var srcs []linter.Source
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		srcs = append(srcs, linter.Source{Path: filepath.ToSlash(rel), Src: b})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Slice(srcs, func(i, j int) bool { return srcs[i].Path < srcs[j].Path })
	rules := append(linter.EngineRules(), NearDuplicateTitle)
	cfg := linter.DefaultConfig(rules)
	res, err := linter.Run(context.Background(), srcs, nil, linter.Options{Config: cfg, Rules: rules})
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]int{}
	n := 0
	for _, f := range res.Findings {
		if f.Rule != NearDuplicateTitle.ID {
			continue
		}
		n++
		if m := ndKindRE.FindStringSubmatch(f.Message); m != nil {
			kinds[m[1]]++
		}
		var rel []string
		for _, r := range f.Related {
			rel = append(rel, r.Path)
		}
		t.Logf("%s: %s  [%s]", f.Path, f.Message, strings.Join(rel, " "))
	}
	t.Logf("%d notes, %d findings; by kind of the closest neighbour %v", res.Notes, n, kinds)
}

var ndKindRE = regexp.MustCompile(`\((same words reordered|same words|a typo|only the year differs|one word swapped|one word added|one word dropped|containment|reworded)`)

// TestNearDupLabelledPairs measures precision and recall on the labelled
// pairs, each judged as a two-note archive.
func TestNearDupLabelledPairs(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "near-duplicate-title-pairs.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	opts := DefaultNearDuplicateTitleOptions()
	var tp, fp, fn, tn int
	for i, line := range strings.Split(string(data), "\n") {
		if line == "" || strings.HasPrefix(line, "#") || strings.HasPrefix(line, "label\t") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) < 3 || (f[0] != "0" && f[0] != "1") {
			t.Fatalf("line %d: want label, title A, title B: %q", i+1, line)
		}
		want := f[0] == "1"
		res := nearDuplicates([]string{f[1], f[2]}, opts)
		rel, _ := res.related(0, 1)
		got := len(rel) == 1
		if back, _ := res.related(1, 1); (len(back) == 1) != got {
			t.Errorf("line %d: not symmetric: %q / %q", i+1, f[1], f[2])
		}
		switch {
		case got && want:
			tp++
		case got && !want:
			fp++
			t.Logf("false positive (line %d): %q / %q (%s)", i+1, f[1], f[2], res.classify(0, 1))
		case !got && want:
			fn++
			t.Logf("false negative (line %d): %q / %q (%s)", i+1, f[1], f[2], res.classify(0, 1))
		default:
			tn++
		}
	}
	precision := float64(tp) / float64(max(tp+fp, 1))
	recall := float64(tp) / float64(max(tp+fn, 1))
	t.Logf("%d pairs (%d positive): precision %.3f, recall %.3f (tp %d, fp %d, fn %d, tn %d)",
		tp+fp+fn+tn, tp+fn, precision, recall, tp, fp, fn, tn)
	if tp+fp+fn+tn < 200 {
		t.Errorf("only %d labelled pairs; want at least 200", tp+fp+fn+tn)
	}
	// Thresholds a little under what the defaults measure (1.000 and 0.935
	// on 253 pairs); the rule was tuned on these pairs, so they flatter it.
	if precision < 0.97 || recall < 0.90 {
		t.Errorf("precision %.3f (want ≥ 0.97), recall %.3f (want ≥ 0.90)", precision, recall)
	}
}

// TestNearDuplicateTitle runs the fixtures until the rule is registered in
// All (then TestRules runs them too).
func TestNearDupOptionsValidate(t *testing.T) {
	if err := linter.Validate([]*linter.Rule{NearDuplicateTitle}); err != nil {
		t.Fatal(err)
	}
	if err := DefaultNearDuplicateTitleOptions().Validate(); err != nil {
		t.Fatalf("defaults: %v", err)
	}
	for name, mod := range map[string]func(o *NearDuplicateTitleOptions){
		"scope":         func(o *NearDuplicateTitleOptions) { o.Scope = "folder" },
		"min-words":     func(o *NearDuplicateTitleOptions) { o.MinWords = 0 },
		"min-shared":    func(o *NearDuplicateTitleOptions) { o.MinShared = -1 },
		"contain-ratio": func(o *NearDuplicateTitleOptions) { o.ContainRatio = 1.5 },
		"contain-zero":  func(o *NearDuplicateTitleOptions) { o.ContainRatio = 0 },
		"filler":        func(o *NearDuplicateTitleOptions) { o.FillerWords = []string{"two words"} },
		"synonyms":      func(o *NearDuplicateTitleOptions) { o.Synonyms = [][]string{{"alone"}} },
		"abbreviation":  func(o *NearDuplicateTitleOptions) { o.Abbreviations = map[string]string{"wms": ""} },
	} {
		o := DefaultNearDuplicateTitleOptions()
		mod(o)
		if err := o.Validate(); err == nil {
			t.Errorf("%s: bad value accepted", name)
		}
	}
}

func TestNearDupConfigured(t *testing.T) {
	// A config file sets options through the same path as notelint.
	rules := append(linter.EngineRules(), NearDuplicateTitle)
	cfg, err := linter.ParseConfig(".notelint.yml", []byte(`rules:
  near-duplicate-title:
    years: false
    synonyms: [[recap, roundup]]
    abbreviations: {wms: warehouse management system}
`), rules)
	if err != nil {
		t.Fatal(err)
	}
	opts := cfg.Options(NearDuplicateTitle.ID).(*NearDuplicateTitleOptions)
	for _, tc := range []struct {
		a, b string
		want bool
	}{
		{"Best Label Printers in 2025", "Best Label Printers in 2026", false},
		{"Weekly Carrier Recap", "Weekly Carrier Roundup", true},
		{"Choosing a WMS for Small Warehouses", "Choosing a Warehouse Management System for Small Warehouses", true},
	} {
		rel, _ := nearDuplicates([]string{tc.a, tc.b}, opts).related(0, 1)
		if got := len(rel) == 1; got != tc.want {
			t.Errorf("%q / %q: got %v, want %v", tc.a, tc.b, got, tc.want)
		}
	}
	if _, err := linter.ParseConfig(".notelint.yml", []byte("rules:\n  near-duplicate-title:\n    contain-ratio: 2\n"), rules); err == nil {
		t.Error("contain-ratio: 2 accepted")
	}
}

// TestNearDupCluster: a big family is one group, every member lists at
// most 20 others and counts the rest.
func TestNearDupCluster(t *testing.T) {
	var fillers, titles []string
	for i := 0; i < 1500; i++ {
		// Letters doubled, so no two words are one typo apart.
		x, y, z := 'a'+i%26, 'a'+i/26%26, 'a'+i/676
		w := fmt.Sprintf("%c%c%c%c%c%c", x, x, y, y, z, z)
		fillers = append(fillers, "zz"+w)
		titles = append(titles, "Carrier Cutoff zz"+w+" Guide")
	}
	for y := 2000; y < 2030; y++ {
		titles = append(titles, fmt.Sprintf("Best Label Printers in %d", y))
	}
	opts := DefaultNearDuplicateTitleOptions()
	opts.FillerWords = fillers
	res := nearDuplicates(titles, opts)
	if res.Groups() != 2 {
		t.Errorf("%d groups, want 2 (one per family)", res.Groups())
	}
	for _, i := range []int{0, 1499, 1500, len(titles) - 1} {
		rel, more := res.related(i, 20)
		size := 1500
		if i >= 1500 {
			size = 30
		}
		if len(rel) != 20 || len(rel)+more != size-1 {
			t.Errorf("title %d: %d related + %d more, want 20 + %d", i, len(rel), more, size-21)
		}
	}
}

// TestNearDupSymmetric: if A is near B, B is near A, on both benchmark
// corpora.
func TestNearDupSymmetric(t *testing.T) {
	for _, titles := range [][]string{benchFreeform(5000, 7), benchTemplated(5000, 7)} {
		res := nearDuplicates(titles, DefaultNearDuplicateTitleOptions())
		near := map[[2]int]bool{}
		for i := range titles {
			rel, more := res.related(i, 1000)
			if more != 0 {
				t.Fatalf("title %d: %d more", i, more)
			}
			for _, j := range rel {
				near[[2]int{i, j}] = true
			}
		}
		for p := range near {
			if !near[[2]int{p[1], p[0]}] {
				t.Errorf("%q is near %q but not the other way round", titles[p[0]], titles[p[1]])
			}
		}
	}
}

// foldWords is what ndFoldHash hashes: the words of foldTitle's key, the
// symbols it keeps read as spaces.
func foldWords(s string) string {
	return strings.Join(strings.FieldsFunc(foldTitle(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsNumber(r) && !unicode.IsMark(r)
	}), " ")
}

// TestNearDupFoldHash: the tokenizer's hash agrees with foldTitle, so
// titles duplicate-title calls equal, and titles it keeps apart only for
// their symbols, are never near duplicates: equal hashes for equal
// foldWords, different hashes for different ones, 0 for a title without
// letters or digits.
func TestNearDupFoldHash(t *testing.T) {
	z := newNDTokenizer(ndDefaultStopWords, ndDefaultAbbreviations)
	titles := append(benchFreeform(2000, 3), "How to Fix Split Shipments", "How to fix split-shipments!",
		"ＨＯＷ ＴＯ ＦＩＸ Split　Shipments", "Don't Panic", "Dont Panic", "Statements (C)", "Statements (C++)",
		"Carrier — Cutoff — Checklist", "Carrier Cutoff Checklist", "  ", "!!!", "Über Größe", "über größe",
		"C Bit Fields", "C++ Bit Fields", "Overloading the << Operator", "Overloading the >> Operator",
		"operator<<", "operator <<", "_chsize", "chsize", "arg1 == arg2", "arg1 >= arg2", "C#", "C", ".NET", "NET",
		"<<", ">>", "+", "Node.js", "Node js", "v1.2", "v1 2", "--x", "x", "x--", "x -- y", "x y", "किताब", "कताब")
	titles = append(titles, foldSamples...)
	byWords := map[string]uint64{}
	byHash := map[uint64]string{}
	for _, s := range titles {
		_, h := z.tokenize(s)
		f, w := foldTitle(s), foldWords(s)
		if letters := strings.IndexFunc(f, ndIsAlnum) >= 0; letters != (h != 0) {
			t.Errorf("%q: fold %q, hash %d", s, f, h)
			continue
		}
		if h == 0 {
			continue
		}
		if prev, ok := byWords[w]; ok && prev != h {
			t.Errorf("%q: same words %q, different hash", s, w)
		}
		if prev, ok := byHash[h]; ok && prev != w {
			t.Errorf("%q: hash of %q too", s, prev)
		}
		byWords[w], byHash[h] = h, w
	}
	// The cases the hash exists for.
	for _, p := range [][2]string{{"How to Fix Split Shipments", "How to fix split-shipments!"},
		{"C Bit Fields", "C++ Bit Fields"}, {"_chsize", "chsize"}, {"@code", ".CODE"}, {"operator +", "operator &"}} {
		_, a := z.tokenize(p[0])
		_, b := z.tokenize(p[1])
		if a != b {
			t.Errorf("%q and %q: different hashes", p[0], p[1])
		}
	}
}

// FuzzNearDupFoldHash: the tokenizer's hash is the FNV-1a hash of
// foldWords, for any title.
func FuzzNearDupFoldHash(f *testing.F) {
	for _, s := range foldSamples {
		f.Add(s)
	}
	z := newNDTokenizer(ndDefaultStopWords, ndDefaultAbbreviations)
	f.Fuzz(func(t *testing.T, s string) {
		_, h := z.tokenize(s)
		var want uint64
		if strings.IndexFunc(foldTitle(s), ndIsAlnum) >= 0 {
			want = ndFNVOffset
			for _, c := range []byte(foldWords(s)) {
				want = (want ^ uint64(c)) * ndFNVPrime
			}
			want = max(want, 1)
		}
		if h != want {
			t.Errorf("%q: hash %d, want %d (words %q)", s, h, want, foldWords(s))
		}
	})
}

// TestNDRadixSortKeepsOrder: entries made as leaveOneOut makes them (norm
// groups in order, one entry per key and group) come out in the order a
// stable sort by key gives, big template buckets included.
func TestNDRadixSortKeepsOrder(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	for _, n := range []int{300, 5000, 100_000} {
		keys := make([]uint64, n/4)
		for i := range keys {
			keys[i] = r.Uint64()
		}
		keys[0] = 0
		keys[1] = ^uint64(0)
		var es []ndEntry
		for m := 0; len(es) < n; m++ {
			used := map[uint64]bool{}
			for k := 1 + r.Intn(6); k > 0; k-- {
				key := keys[0]
				switch r.Intn(4) {
				case 0: // a template slot many groups share
					key = keys[r.Intn(3)]
				default:
					key = keys[r.Intn(len(keys))]
				}
				if !used[key] {
					used[key] = true
					es = append(es, ndEntry{key: key, m: int32(m), v: uint32(r.Intn(1000))})
				}
			}
		}
		want := slices.Clone(es)
		slices.SortStableFunc(want, func(a, b ndEntry) int { return cmp.Compare(a.key, b.key) })
		ndRadixSort(es)
		if !slices.Equal(es, want) {
			t.Errorf("%d entries: order differs from a stable sort by key", len(es))
		}
	}
}
