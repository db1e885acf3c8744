package linter

import (
	"bufio"
	"crypto/sha256"
	"encoding/gob"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"
)

// Cache remembers, per note content, what parsing and per-note rules
// produced, so a second run over an unchanged archive skips both. Entries
// are keyed by the note's path and content; the file holding them is keyed
// by notelint's version and the configuration, so a change to either
// starts afresh. A cache that cannot be read is ignored and rebuilt, never
// trusted.
type Cache struct {
	path string
	old  map[[32]byte]*cacheEntry
	mu   sync.Mutex
	used map[[32]byte]*cacheEntry
	hits int
}

const cacheFormat = "notelint-cache-2"

type cacheFile struct {
	Format  string
	Entries map[[32]byte]*cacheEntry
}

type cacheEntry struct {
	Findings []Finding
	Note     noteWire
}

// noteWire is what archive-wide rules and suppressions need of a note.
type noteWire struct {
	Broken                                         bool
	Problem                                        *Problem
	Format                                         string
	FrontSpan, FrontContent                        Span
	Fields                                         []fieldWire
	Title, Description, Excerpt, Track, Slug, Date textWire
	Draft                                          bool
	BodyStart                                      int
	Sups                                           []*Suppression
}

func init() {
	gob.Register(map[string]any{})
	gob.Register([]any{})
	gob.Register(time.Time{})
}

// OpenCache opens the cache in dir for a run identified by salt (tool
// version and configuration). A missing or damaged cache starts empty.
func OpenCache(dir, salt string) *Cache {
	sum := sha256.Sum256([]byte(cacheFormat + "\x00" + salt))
	c := &Cache{
		path: filepath.Join(dir, "notes-"+hex.EncodeToString(sum[:8])+".gob"),
		old:  map[[32]byte]*cacheEntry{},
		used: map[[32]byte]*cacheEntry{},
	}
	f, err := os.Open(c.path)
	if err != nil {
		return c
	}
	defer f.Close()
	var cf cacheFile
	if err := gob.NewDecoder(bufio.NewReader(f)).Decode(&cf); err != nil || cf.Format != cacheFormat || cf.Entries == nil {
		return c // damaged or foreign: rebuild
	}
	c.old = cf.Entries
	return c
}

// Hits is how many notes came from the cache.
func (c *Cache) Hits() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.hits
}

func cacheKey(path string, src []byte) [32]byte {
	h := sha256.New()
	io.WriteString(h, path)
	h.Write([]byte{0})
	h.Write(src)
	var k [32]byte
	h.Sum(k[:0])
	return k
}

// get returns the cached note and findings for path and src.
func (c *Cache) get(path string, src []byte) (*Note, []Finding, [32]byte, bool) {
	k := cacheKey(path, src)
	e, ok := c.old[k]
	if !ok || e == nil {
		return nil, nil, k, false
	}
	w := &e.Note
	n := &Note{Path: path, Src: src, lines: newLineIndex(src), Broken: w.Broken, Problem: w.Problem,
		Front: Frontmatter{Format: w.Format, Span: w.FrontSpan, Content: w.FrontContent},
		Title: w.Title.text(), Description: w.Description.text(), Excerpt: w.Excerpt.text(),
		Track: w.Track.text(), Slug: w.Slug.text(), Date: w.Date.text(), Draft: w.Draft,
		BodyStart: w.BodyStart, sups: w.Sups}
	n.Front.Fields = make([]Field, len(w.Fields))
	for i, f := range w.Fields {
		n.Front.Fields[i] = Field{Key: f.Key, KeySpan: f.KeySpan, Value: f.Value, Text: f.Text.text(), Scalar: f.Scalar}
	}
	n.Derived.Text = n.Excerpt
	if n.Broken && n.Problem == nil {
		return nil, nil, k, false
	}
	for _, s := range n.sups {
		s.used = false
	}
	c.mu.Lock()
	c.used[k] = e
	c.hits++
	c.mu.Unlock()
	fs := make([]Finding, len(e.Findings))
	copy(fs, e.Findings)
	return n, fs, k, true
}

// put records a freshly checked note.
func (c *Cache) put(k [32]byte, n *Note, fs []Finding) {
	fields := make([]fieldWire, len(n.Front.Fields))
	for i, f := range n.Front.Fields {
		fields[i] = fieldWire{Key: f.Key, KeySpan: f.KeySpan, Value: gobSafe(f.Value, 0), Text: toWire(f.Text), Scalar: f.Scalar}
	}
	e := &cacheEntry{Findings: fs, Note: noteWire{
		Broken: n.Broken, Problem: n.Problem, Format: n.Front.Format, FrontSpan: n.Front.Span,
		FrontContent: n.Front.Content, Fields: fields,
		Title: toWire(n.Title), Description: toWire(n.Description), Excerpt: toWire(n.Excerpt),
		Track: toWire(n.Track), Slug: toWire(n.Slug), Date: toWire(n.Date), Draft: n.Draft,
		BodyStart: n.BodyStart, Sups: n.sups,
	}}
	c.mu.Lock()
	c.used[k] = e
	c.mu.Unlock()
}

// gobSafe turns values gob cannot encode through an interface (TOML's
// local dates, say) into their string form.
func gobSafe(v any, depth int) any {
	switch v := v.(type) {
	case nil, string, bool, int, int64, uint64, float64, time.Time:
		return v
	case []any:
		if depth > 50 {
			return fmt.Sprint(v)
		}
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = gobSafe(x, depth+1)
		}
		return out
	case map[string]any:
		if depth > 50 {
			return fmt.Sprint(v)
		}
		out := make(map[string]any, len(v))
		for k, x := range v {
			out[k] = gobSafe(x, depth+1)
		}
		return out
	}
	return fmt.Sprint(v)
}

// Save writes the entries used by this run, atomically, and removes cache
// files of other configurations not used for 30 days.
func (c *Cache) Save() error {
	if err := os.MkdirAll(filepath.Dir(c.path), 0o755); err != nil {
		return fmt.Errorf("cache: %w", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(c.path), ".notes-*.tmp")
	if err != nil {
		return fmt.Errorf("cache: %w", err)
	}
	bw := bufio.NewWriterSize(tmp, 1<<20)
	c.mu.Lock()
	err = gob.NewEncoder(bw).Encode(cacheFile{Format: cacheFormat, Entries: c.used})
	c.mu.Unlock()
	if err == nil {
		err = bw.Flush()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), c.path)
	}
	if err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("cache: %w", err)
	}
	old, _ := filepath.Glob(filepath.Join(filepath.Dir(c.path), "notes-*.gob"))
	sort.Strings(old)
	for _, p := range old {
		if st, err := os.Stat(p); err == nil && p != c.path && time.Since(st.ModTime()) > 30*24*time.Hour && strings.HasPrefix(filepath.Base(p), "notes-") {
			os.Remove(p)
		}
	}
	return nil
}

func toWire(t Text) textWire {
	w := textWire{Text: t.Text, Span: t.Span, Field: t.Field}
	if len(t.segs) > 0 {
		w.Segs = make([]int, 0, 3*len(t.segs))
		for _, s := range t.segs {
			w.Segs = append(w.Segs, s.text, s.src, s.n)
		}
	}
	return w
}

func (w textWire) text() Text {
	t := Text{Text: w.Text, Span: w.Span, Field: w.Field}
	if len(w.Segs) >= 3 {
		t.segs = make([]textSeg, len(w.Segs)/3)
		for i := range t.segs {
			t.segs[i] = textSeg{w.Segs[3*i], w.Segs[3*i+1], w.Segs[3*i+2]}
		}
	}
	return t
}

// textWire is a Text with its offset map exported, for gob.
type textWire struct {
	Text  string
	Span  Span
	Field string
	Segs  []int // triples: text offset, source offset, length
}

type fieldWire struct {
	Key     string
	KeySpan Span
	Value   any
	Text    textWire
	Scalar  bool
}
