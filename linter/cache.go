package linter

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/notelint/notelint/linter/site"
)

// Cache remembers, per note content, what parsing and per-note rules
// produced, so a second run over an unchanged archive skips both. Entries
// are keyed by a hash of the note's path and content; the files holding
// them are keyed by notelint's version and the configuration, so a change
// to either starts afresh. A cache that cannot be read is ignored and
// rebuilt, never trusted.
//
// Two files: a small one with the result of the last whole run, read
// first (an unchanged archive needs nothing else), and one with an entry
// per note, read only when some note changed, indexed whole and decoded
// entry by entry. Files are rewritten only when the run changed something.
type Cache struct {
	path    string // per-note entries
	runPath string // the last whole run

	loadOnce sync.Once
	old      map[[32]byte][]byte // encoded entries from the file

	mu      sync.Mutex
	used    map[[32]byte][]byte // entries this run used or made
	hits    int
	changed bool

	runKey     [32]byte
	runPayload []byte // the last run, as read
	newRun     []byte // this run, to write

	filesPath string                // the inodes of the notes of the last run
	files     map[string]fileRecord // as read
	newFiles  []byte                // this run's, to write
}

// fileStat is what a file's inode says about it. When none of it has
// changed since the file was read, neither has its content (see putFiles).
type fileStat struct {
	Size, Mtime, Ctime int64 // nanoseconds
	Ino, Dev           uint64
}

type fileRecord struct {
	st  fileStat
	key [32]byte
}

// fileSettle is how long a file must have been left alone before its
// inode is trusted to stand for its content: timestamps are coarse on some
// file systems, so a file written in the same tick as it was read could
// change again without its times changing (the "racy clean" problem).
var fileSettle = 2 * time.Second

// cacheMagic starts every cache file; the digit is the format's version.
const cacheMagic = "notelint-cache\x005\n"

// OpenCache opens the cache in dir for a run identified by salt (tool
// version and configuration). A missing or damaged cache starts empty.
func OpenCache(dir, salt string) *Cache {
	sum := sha256.Sum256([]byte(cacheMagic + salt))
	name := hex.EncodeToString(sum[:8])
	c := &Cache{
		path:      filepath.Join(dir, "notes-"+name+".bin"),
		runPath:   filepath.Join(dir, "run-"+name+".bin"),
		filesPath: filepath.Join(dir, "files-"+name+".bin"),
		used:      map[[32]byte][]byte{},
	}
	if data, err := os.ReadFile(c.runPath); err == nil {
		if m, err := readCacheFile(data); err == nil && len(m) == 1 {
			for k, p := range m {
				c.runKey, c.runPayload = k, p
			}
		}
	}
	return c
}

// load reads the per-note file on first use.
func (c *Cache) load() {
	c.loadOnce.Do(func() {
		c.old = map[[32]byte][]byte{}
		data, err := os.ReadFile(c.path)
		if err != nil {
			return
		}
		if old, err := readCacheFile(data); err == nil {
			c.old = old
		}
	})
}

// readCacheFile indexes the entries of a cache file without decoding them.
func readCacheFile(data []byte) (map[[32]byte][]byte, error) {
	if !bytes.HasPrefix(data, []byte(cacheMagic)) {
		return nil, errBadCache
	}
	d := decoder{b: data[len(cacheMagic):]}
	n := d.uvarint()
	if d.err != nil || n > uint64(len(data)) {
		return nil, errBadCache
	}
	m := make(map[[32]byte][]byte, n)
	for i := uint64(0); i < n; i++ {
		var k [32]byte
		copy(k[:], d.raw(32))
		payload := d.raw(int(d.uvarint()))
		if d.err != nil {
			return nil, errBadCache
		}
		m[k] = payload
	}
	if len(d.b) != 0 {
		return nil, errBadCache
	}
	return m, nil
}

var errBadCache = errors.New("damaged cache")

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
func (c *Cache) get(path string, src []byte, k [32]byte) (*Note, []Finding, [32]byte, bool) {
	c.load()
	payload, ok := c.old[k]
	if !ok {
		return nil, nil, k, false
	}
	n, fs, err := decodeEntry(payload)
	if err != nil {
		return nil, nil, k, false
	}
	n.Path, n.Src, n.lines = path, src, newLineIndex(src)
	n.release()
	for i := range fs {
		fs[i].Path = path
	}
	c.mu.Lock()
	c.used[k] = payload
	c.hits++
	c.mu.Unlock()
	return n, fs, k, true
}

// hasRun reports whether the cache remembers a whole run. The inodes of
// that run's notes are then read too.
func (c *Cache) hasRun() bool {
	if c.runPayload == nil {
		return false
	}
	if c.files == nil {
		c.files = readFilesTable(c.filesPath)
	}
	return true
}

// knownFile returns the key of a source file whose inode is exactly as
// when the last run read it.
func (c *Cache) knownFile(s Source) (noteKey, bool) {
	r, ok := c.files[s.OSPath]
	if !ok {
		return noteKey{}, false
	}
	st, ok := statFile(s.OSPath)
	if !ok || st != r.st {
		return noteKey{}, false
	}
	return noteKey{key: r.key, read: true, st: st, at: time.Now().UnixNano()}, true
}

// putFiles records the inode and key of every note this run read, for the
// next run to skip reading the ones left alone. Files changed less than
// fileSettle before they were read are left out: they are read next time.
func (c *Cache) putFiles(srcs []Source, seen []noteKey) {
	var e encoder
	n := 0
	for i, s := range srcs {
		k := seen[i]
		settled := k.at - int64(fileSettle)
		if !k.read || k.st == (fileStat{}) || k.st.Ctime >= settled || k.st.Mtime >= settled || s.Src != nil {
			continue
		}
		n++
		e.str(s.OSPath)
		e.int(int(k.st.Size))
		e.int(int(k.st.Mtime))
		e.int(int(k.st.Ctime))
		e.uvarint(k.st.Ino)
		e.uvarint(k.st.Dev)
		e.b = append(e.b, k.key[:]...)
	}
	if n == 0 {
		return
	}
	head := binary.AppendUvarint(nil, uint64(n))
	c.mu.Lock()
	c.newFiles = append(head, e.b...)
	c.mu.Unlock()
}

// readFilesTable reads the inode table; a missing or damaged one is empty.
func readFilesTable(path string) map[string]fileRecord {
	out := map[string]fileRecord{}
	data, err := os.ReadFile(path)
	if err != nil {
		return out
	}
	m, err := readCacheFile(data)
	if err != nil || len(m) != 1 {
		return out
	}
	var payload []byte
	for _, p := range m {
		payload = p
	}
	d := decoder{b: payload}
	n := d.count()
	table := make(map[string]fileRecord, n)
	for i := 0; i < n && d.err == nil; i++ {
		var r fileRecord
		p := d.str()
		r.st.Size = int64(d.int())
		r.st.Mtime = int64(d.int())
		r.st.Ctime = int64(d.int())
		r.st.Ino = d.uvarint()
		r.st.Dev = d.uvarint()
		copy(r.key[:], d.raw(32))
		table[p] = r
	}
	if d.err != nil || len(d.b) != 0 {
		return out
	}
	return table
}

// getRun returns the remembered result of a run with this key.
func (c *Cache) getRun(key [32]byte, n int) (*Result, bool) {
	if c.runPayload == nil || key != c.runKey {
		return nil, false
	}
	res, err := decodeRun(c.runPayload)
	if err != nil {
		return nil, false
	}
	c.mu.Lock()
	c.hits += n
	c.mu.Unlock()
	return res, true
}

// putRun remembers a whole run's result, replacing the last one.
func (c *Cache) putRun(key [32]byte, res *Result) {
	payload := encodeRun(res)
	c.mu.Lock()
	defer c.mu.Unlock()
	c.runKey, c.newRun = key, payload
}

// runTag starts a whole-run entry; note entries start with 0 or 1 (the
// Broken flag).
const runTag = 0xFE

func encodeRun(res *Result) []byte {
	e := encoder{b: []byte{runTag}}
	e.int(res.Files)
	e.int(res.Notes)
	e.int(res.Pages)
	e.strs(res.Notices)
	e.uvarint(uint64(len(res.Findings)))
	for _, f := range res.Findings {
		e.str(f.Path)
		e.finding(f)
	}
	e.uvarint(uint64(len(res.Meta)))
	for _, m := range res.Meta {
		e.str(m.Path)
		e.str(m.Title)
		e.str(m.Track)
		e.str(m.Date)
		e.bool(m.Broken)
	}
	return e.b
}

func decodeRun(b []byte) (*Result, error) {
	if len(b) == 0 || b[0] != runTag {
		return nil, errBadCache
	}
	d := decoder{b: b[1:]}
	res := &Result{Files: d.int(), Notes: d.int(), Pages: d.int(), Notices: d.strs()}
	if len(res.Notices) == 0 {
		res.Notices = nil
	}
	nf := d.count()
	res.Findings = make([]Finding, 0, nf)
	for i := 0; i < nf && d.err == nil; i++ {
		path := d.str()
		f := d.finding()
		f.Path = path
		res.Findings = append(res.Findings, f)
	}
	nm := d.count()
	res.Meta = make([]NoteMeta, 0, nm)
	for i := 0; i < nm && d.err == nil; i++ {
		res.Meta = append(res.Meta, NoteMeta{Path: d.str(), Title: d.str(), Track: d.str(), Date: d.str(), Broken: d.bool()})
	}
	if d.err == nil && len(d.b) != 0 {
		d.err = errBadCache
	}
	if d.err != nil {
		return nil, d.err
	}
	return res, nil
}

// put records a freshly checked note.
func (c *Cache) put(k [32]byte, n *Note, fs []Finding) {
	payload := encodeEntry(n, fs)
	c.mu.Lock()
	c.used[k] = payload
	c.changed = true
	c.mu.Unlock()
}

// Save writes what this run changed, atomically: the per-note entries it
// used or made (when any note was new or changed) and its whole-run result.
// It removes cache files of other configurations unused for 30 days.
func (c *Cache) Save() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	dir := filepath.Dir(c.path)
	if c.changed || c.newRun != nil {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return fmt.Errorf("cache: %w", err)
		}
	}
	if c.changed {
		if err := writeCacheFile(c.path, c.used); err != nil {
			return err
		}
	}
	if c.newRun != nil {
		if c.newFiles != nil {
			if err := writeCacheFile(c.filesPath, map[[32]byte][]byte{{}: c.newFiles}); err != nil {
				return err
			}
		}
		if err := writeCacheFile(c.runPath, map[[32]byte][]byte{c.runKey: c.newRun}); err != nil {
			return err
		}
	}
	others, _ := filepath.Glob(filepath.Join(dir, "*-*.bin"))
	for _, p := range others {
		if st, err := os.Stat(p); err == nil && p != c.path && p != c.runPath && p != c.filesPath && time.Since(st.ModTime()) > 30*24*time.Hour {
			os.Remove(p)
		}
	}
	return nil
}

func writeCacheFile(path string, entries map[[32]byte][]byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".cache-*.tmp")
	if err != nil {
		return fmt.Errorf("cache: %w", err)
	}
	w := bufio.NewWriterSize(tmp, 1<<20)
	w.WriteString(cacheMagic)
	var num [binary.MaxVarintLen64]byte
	w.Write(binary.AppendUvarint(num[:0], uint64(len(entries))))
	for k, payload := range entries {
		w.Write(k[:])
		w.Write(binary.AppendUvarint(num[:0], uint64(len(payload))))
		w.Write(payload)
	}
	err = w.Flush()
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("cache: %w", err)
	}
	return nil
}

// An entry holds what archive-wide rules and suppressions need of a note,
// and its per-note findings. Paths are not stored: the key includes the
// path, and get fills it in.

// encodePool holds the buffers entries are encoded into before they are
// copied out at their exact size.
var encodePool = sync.Pool{New: func() any { b := make([]byte, 0, 4096); return &b }}

func encodeEntry(n *Note, fs []Finding) []byte {
	bp := encodePool.Get().(*[]byte)
	e := encoder{b: (*bp)[:0]}
	defer func() {
		*bp = e.b[:0]
		encodePool.Put(bp)
	}()
	e.bool(n.Broken)
	e.bool(n.Problem != nil)
	if n.Problem != nil {
		e.span(n.Problem.Span)
		e.str(n.Problem.Message)
	}
	e.str(n.Front.Format)
	e.span(n.Front.Span)
	e.span(n.Front.Content)
	e.uvarint(uint64(len(n.Front.Fields)))
	for _, f := range n.Front.Fields {
		e.str(f.Key)
		e.span(f.KeySpan)
		if v, ok := f.Value.(string); ok && v == f.Text.Text {
			e.b = append(e.b, 2) // the value is the text
		} else {
			e.value(f.Value)
		}
		e.text(f.Text)
		e.bool(f.Scalar)
	}
	for _, t := range []*Text{&n.Title, &n.Description, &n.Excerpt, &n.Track, &n.Slug, &n.Date} {
		e.text(*t)
	}
	e.bool(n.Draft)
	e.page(n.Page)
	e.int(n.BodyStart)
	e.uvarint(uint64(len(n.sups)))
	for _, s := range n.sups {
		e.strs(s.Rules)
		e.str(s.Reason)
		e.int(s.From)
		e.int(s.To)
		e.span(s.Span)
	}
	e.uvarint(uint64(len(fs)))
	for _, f := range fs {
		e.finding(f)
	}
	return append([]byte(nil), e.b...)
}

// finding encodes all of a finding but its path.
func (e *encoder) finding(f Finding) {
	e.str(f.Rule)
	e.int(int(f.Severity))
	e.pos(f.Start)
	e.pos(f.End)
	e.span(f.Span)
	e.str(f.Field)
	e.str(f.Message)
	e.uvarint(uint64(len(f.Related)))
	for _, r := range f.Related {
		e.str(r.Path)
		e.int(r.Line)
		e.int(r.Column)
		e.str(r.Message)
	}
	e.int(f.RelatedMore)
	e.str(f.Text)
}

func (d *decoder) finding() Finding {
	var f Finding
	f.Rule = d.str()
	f.Severity = Severity(d.int())
	f.Start = d.pos()
	f.End = d.pos()
	f.Span = d.span()
	f.Field = d.str()
	f.Message = d.str()
	nr := d.count()
	for j := 0; j < nr && d.err == nil; j++ {
		f.Related = append(f.Related, Related{Path: d.str(), Line: d.int(), Column: d.int(), Message: d.str()})
	}
	f.RelatedMore = d.int()
	f.Text = d.str()
	return f
}

func decodeEntry(b []byte) (*Note, []Finding, error) {
	d := decoder{b: b}
	n := &Note{}
	n.Broken = d.bool()
	if d.bool() {
		n.Problem = &Problem{Span: d.span(), Message: d.str()}
	}
	n.Front.Format = d.str()
	n.Front.Span = d.span()
	n.Front.Content = d.span()
	nf := d.count()
	if nf > 0 {
		n.Front.Fields = make([]Field, nf)
	}
	for i := 0; i < nf && d.err == nil; i++ {
		f := &n.Front.Fields[i]
		f.Key = d.str()
		f.KeySpan = d.span()
		sameAsText := len(d.b) > 0 && d.b[0] == 2
		if sameAsText {
			d.b = d.b[1:]
		} else {
			f.Value = d.value()
		}
		f.Text = d.text()
		if sameAsText {
			f.Value = f.Text.Text
		}
		f.Scalar = d.bool()
	}
	for _, t := range []*Text{&n.Title, &n.Description, &n.Excerpt, &n.Track, &n.Slug, &n.Date} {
		*t = d.text()
	}
	n.Draft = d.bool()
	n.Page = d.page()
	n.BodyStart = d.int()
	ns := d.count()
	for i := 0; i < ns && d.err == nil; i++ {
		n.sups = append(n.sups, &Suppression{Rules: d.strs(), Reason: d.str(), From: d.int(), To: d.int(), Span: d.span()})
	}
	nfind := d.count()
	var fs []Finding
	if nfind > 0 {
		fs = make([]Finding, nfind)
	}
	for i := 0; i < nfind && d.err == nil; i++ {
		fs[i] = d.finding()
	}
	if d.err == nil && len(d.b) != 0 {
		d.err = errBadCache
	}
	if d.err != nil {
		return nil, nil, d.err
	}
	if n.Broken && n.Problem == nil {
		return nil, nil, errBadCache
	}
	return n, fs, nil
}

type encoder struct{ b []byte }

func (e *encoder) page(p site.Page) {
	e.bool(p.Published)
	e.bool(p.TitleH1)
	for _, s := range [...]string{p.Why, string(p.Kind), p.Lang, p.Version, p.URL, p.Section, p.FileTitle, p.Summary} {
		e.str(s)
	}
}

func (d *decoder) page() site.Page {
	p := site.Page{Published: d.bool(), TitleH1: d.bool()}
	p.Why = d.str()
	p.Kind = site.Kind(d.str())
	p.Lang, p.Version, p.URL, p.Section, p.FileTitle, p.Summary = d.str(), d.str(), d.str(), d.str(), d.str(), d.str()
	return p
}

func (e *encoder) uvarint(v uint64) { e.b = binary.AppendUvarint(e.b, v) }
func (e *encoder) int(v int)        { e.b = binary.AppendVarint(e.b, int64(v)) }
func (e *encoder) str(s string)     { e.uvarint(uint64(len(s))); e.b = append(e.b, s...) }
func (e *encoder) span(s Span)      { e.int(s.Start); e.int(s.End) }
func (e *encoder) pos(p Position)   { e.int(p.Line); e.int(p.Column) }

func (e *encoder) bool(v bool) {
	if v {
		e.b = append(e.b, 1)
	} else {
		e.b = append(e.b, 0)
	}
}

func (e *encoder) strs(ss []string) {
	e.uvarint(uint64(len(ss)))
	for _, s := range ss {
		e.str(s)
	}
}

func (e *encoder) text(t Text) {
	e.str(t.Text)
	e.span(t.Span)
	e.str(t.Field)
	e.uvarint(uint64(len(t.segs)))
	for _, s := range t.segs {
		e.int(s.text)
		e.int(s.src)
		e.int(s.n)
	}
}

// value keeps nil apart from everything else, which is kept in its printed
// form: archive-wide rules compare field values as text.
func (e *encoder) value(v any) {
	if v == nil {
		e.bool(false)
		return
	}
	e.bool(true)
	if s, ok := v.(string); ok {
		e.str(s)
		return
	}
	e.str(fmt.Sprint(v))
}

type decoder struct {
	b   []byte
	err error
}

func (d *decoder) fail() {
	if d.err == nil {
		d.err = errBadCache
	}
	d.b = nil
}

func (d *decoder) uvarint() uint64 {
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.fail()
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) int() int {
	v, n := binary.Varint(d.b)
	if n <= 0 {
		d.fail()
		return 0
	}
	d.b = d.b[n:]
	return int(v)
}

// count reads a length that must fit in what is left.
func (d *decoder) count() int {
	v := d.uvarint()
	if v > uint64(len(d.b)) {
		d.fail()
		return 0
	}
	return int(v)
}

func (d *decoder) raw(n int) []byte {
	if n < 0 || n > len(d.b) {
		d.fail()
		return nil
	}
	r := d.b[:n:n]
	d.b = d.b[n:]
	return r
}

func (d *decoder) str() string { return string(d.raw(d.count())) }

func (d *decoder) bool() bool {
	r := d.raw(1)
	return len(r) == 1 && r[0] == 1
}

func (d *decoder) span() Span    { return Span{d.int(), d.int()} }
func (d *decoder) pos() Position { return Position{d.int(), d.int()} }
func (d *decoder) value() any {
	if !d.bool() {
		return nil
	}
	return d.str()
}

func (d *decoder) strs() []string {
	n := d.count()
	out := make([]string, 0, n)
	for i := 0; i < n && d.err == nil; i++ {
		out = append(out, d.str())
	}
	return out
}

func (d *decoder) text() Text {
	t := Text{Text: d.str(), Span: d.span(), Field: d.str()}
	if n := d.count(); n > 0 {
		t.segs = make([]textSeg, n)
		for i := range t.segs {
			t.segs[i] = textSeg{d.int(), d.int(), d.int()}
		}
	}
	return t
}
