package linter

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"
)

// sameTitle is an archive rule that needs cached metadata and positions.
var sameTitle = &Rule{ID: "same-title", Title: "t", Doc: "d", Severity: Error,
	Archive: func(p *ArchivePass) {
		seen := map[string]*Note{}
		for _, n := range p.Notes {
			if o := seen[n.Title.Text]; o != nil {
				p.Report(n, Report{Span: n.Title.SpanOf(0, 3), Message: "same as " + o.Path,
					Related: []Related{RelatedTo(o, o.Title.Span, "")}})
			}
			seen[n.Title.Text] = n
		}
	}}

func TestCache(t *testing.T) {
	dir := t.TempDir()
	srcs := []Source{
		{Path: "a.md", Src: []byte("---\r\ntitle: Größe BAD\r\nx: {a: [1, 2.5, true, 2024-01-02]}\r\n---\r\nBAD\n")},
		{Path: "b.md", Src: []byte("+++\ntitle = \"Größe BAD\"\nd = 1979-05-27\n+++\n<!-- notelint-disable-next-line bad-word -- ok -->\nBAD\n")},
		{Path: "c.md", Src: []byte("---\ntitle: [broken\n---\n")},
		{Path: "d.md", Src: []byte("<!--{\n  \"Title\": \"Größe BAD\",\n  \"Template\": true\n}-->\nBAD\n")},
	}
	all := append(EngineRules(), badRule, sameTitle)
	run := func(c *Cache) *Result {
		res, err := Run(context.Background(), srcs, nil, Options{Config: DefaultConfig(all), Rules: all, Cache: c})
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	want := run(nil)
	c := OpenCache(dir, "salt")
	if got := run(c); !reflect.DeepEqual(got, want) {
		t.Fatalf("first run differs:\n%+v\n%+v", got, want)
	}
	if err := c.Save(); err != nil {
		t.Fatal(err)
	}
	c2 := OpenCache(dir, "salt")
	got := run(c2)
	if c2.Hits() != 4 {
		t.Errorf("hits = %d, want 4", c2.Hits())
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("cached run differs:\n got %+v\nwant %+v", got, want)
	}
	// Another configuration does not see these entries.
	c3 := OpenCache(dir, "other")
	c3.load()
	if len(c3.old) != 0 || c3.runPayload != nil {
		t.Error("salt ignored")
	}
	// Damaged cache files are ignored, not trusted: first the whole-run
	// file, then the per-note one too.
	files, _ := filepath.Glob(filepath.Join(dir, "*-*.bin"))
	if len(files) != 2 {
		t.Fatalf("cache files: %v", files)
	}
	sort.Sort(sort.Reverse(sort.StringSlice(files))) // run-… first
	for _, f := range files {
		os.WriteFile(f, []byte("garbage"), 0o644)
		c4 := OpenCache(dir, "salt")
		got := run(c4)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("damaged %s: result differs", filepath.Base(f))
		}
		if strings.HasPrefix(filepath.Base(f), "run-") && c4.Hits() != 4 {
			t.Errorf("damaged run file: %d notes from their entries, want 4", c4.Hits())
		}
	}
}

// FuzzCacheFile feeds arbitrary bytes to the cache reader: a damaged file
// must be rejected, never trusted and never a crash.
func FuzzCacheFile(f *testing.F) {
	n := Parse("a.md", []byte("---\ntitle: T\nx: [1]\n---\n<!-- notelint-disable-file bad-word -- r -->\nBAD"), DefaultParseOptions())
	n.sups, _ = n.collectSuppressions(map[string]bool{"bad-word": true})
	entry := encodeEntry(n, []Finding{{Rule: "r", Message: "m", Related: []Related{{Path: "b.md"}}}})
	var e encoder
	e.b = append(e.b, cacheMagic...)
	e.uvarint(1)
	e.b = append(e.b, make([]byte, 32)...)
	e.uvarint(uint64(len(entry)))
	e.b = append(e.b, entry...)
	f.Add(e.b)
	f.Add(entry)
	f.Fuzz(func(t *testing.T, data []byte) {
		if m, err := readCacheFile(data); err == nil {
			for _, p := range m {
				decodeEntry(p)
			}
		}
		decodeEntry(data)
	})
}

func TestCacheRunAndPartialHits(t *testing.T) {
	dir := t.TempDir()
	all := append(EngineRules(), badRule, sameTitle)
	srcs := []Source{
		{Path: "a.md", Src: []byte("# Same\n\nBAD\n")},
		{Path: "b.md", Src: []byte("# Same\n\nfine\n")},
		{Path: "c.md", Src: []byte("# Other\n")},
	}
	run := func(srcs []Source) (*Result, *Cache) {
		c := OpenCache(dir, "s")
		res, err := Run(context.Background(), srcs, nil, Options{Config: DefaultConfig(all), Rules: all, Cache: c})
		if err != nil {
			t.Fatal(err)
		}
		if err := c.Save(); err != nil {
			t.Fatal(err)
		}
		return res, c
	}
	first, _ := run(srcs)
	files, _ := filepath.Glob(filepath.Join(dir, "*-*.bin"))
	st1, _ := os.Stat(files[0])
	second, c := run(srcs)
	if !reflect.DeepEqual(first, second) || c.Hits() != 3 {
		t.Errorf("unchanged archive: hits %d, equal %v", c.Hits(), reflect.DeepEqual(first, second))
	}
	if st2, _ := os.Stat(files[0]); !st2.ModTime().Equal(st1.ModTime()) {
		t.Error("an unchanged run rewrote the cache file")
	}
	// One note changed: the others come from their entries, and the
	// archive-wide rule sees the change.
	changed := append([]Source(nil), srcs...)
	changed[1] = Source{Path: "b.md", Src: []byte("# Different\n")}
	third, c := run(changed)
	if c.Hits() != 2 {
		t.Errorf("one changed note: hits %d, want 2", c.Hits())
	}
	want, _ := Run(context.Background(), changed, nil, Options{Config: DefaultConfig(all), Rules: all})
	if !reflect.DeepEqual(third, want) {
		t.Errorf("partially cached run differs:\n got %+v\nwant %+v", third.Findings, want.Findings)
	}
}

// TestCacheSkipsSettledFiles checks the inode table: an unchanged file is
// not read again, and any change to a file, even one that keeps its size
// and puts its modification time back, is seen.
func TestCacheSkipsSettledFiles(t *testing.T) {
	if _, ok := statFile("."); !ok {
		t.Skip("no inode information on this system")
	}
	defer func(d time.Duration) { fileSettle = d }(fileSettle)
	fileSettle = 0 // the files below were written just now
	dir, cdir := t.TempDir(), t.TempDir()
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a.md", "# Same\n")
	write("b.md", "# Same\n")
	srcs := []Source{{Path: "a.md", OSPath: filepath.Join(dir, "a.md")}, {Path: "b.md", OSPath: filepath.Join(dir, "b.md")}}
	all := append(EngineRules(), sameTitle)
	run := func() (*Result, *Cache) {
		c := OpenCache(cdir, "s")
		res, err := Run(context.Background(), srcs, nil, Options{Config: DefaultConfig(all), Rules: all, Cache: c})
		if err != nil {
			t.Fatal(err)
		}
		if err := c.Save(); err != nil {
			t.Fatal(err)
		}
		return res, c
	}
	first, _ := run()
	if len(first.Findings) != 1 {
		t.Fatalf("first run: %+v", first.Findings)
	}
	second, c := run()
	if c.Hits() != 2 || !reflect.DeepEqual(first, second) {
		t.Fatalf("unchanged archive: hits %d, %+v", c.Hits(), second.Findings)
	}
	for _, s := range srcs {
		if _, ok := c.knownFile(s); !ok {
			t.Errorf("%s: not known from its inode", s.Path)
		}
	}
	// Same size, modification time put back: the change time still moves.
	old, err := os.Stat(srcs[1].OSPath)
	if err != nil {
		t.Fatal(err)
	}
	time.Sleep(10 * time.Millisecond)
	write("b.md", "# Diff\n")
	if err := os.Chtimes(srcs[1].OSPath, old.ModTime(), old.ModTime()); err != nil {
		t.Fatal(err)
	}
	third, c := run()
	if len(third.Findings) != 0 {
		t.Errorf("changed note not seen: %+v", third.Findings)
	}
	if _, ok := c.knownFile(srcs[1]); ok {
		t.Error("a changed file is known from its inode")
	}
	if _, ok := c.knownFile(srcs[0]); !ok {
		t.Error("an unchanged file is not known from its inode")
	}
}
