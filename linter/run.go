package linter

import (
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"github.com/notelint/notelint/linter/site"
)

// Options configures a run.
type Options struct {
	Config *Config
	// Rules are the rules to consider; each runs unless the config turns
	// it off.
	Rules []*Rule
	// Jobs is how many notes are parsed and checked at once (default
	// GOMAXPROCS).
	Jobs int
	// MaxFileSize is the largest note read, in bytes (default 10 MiB).
	MaxFileSize int64
	// Cache, when set, supplies notes whose content it has seen before and
	// records the others. The caller saves it.
	Cache *Cache
	// Partial is set when only some of the archive's notes are reported
	// on; unused suppressions of archive-wide rules are then not reported.
	Partial bool
	// Site decides which notes are pages, their languages and URLs. Nil
	// is a plain archive: every note is a page.
	Site *site.Model
}

// DefaultMaxFileSize is the default Options.MaxFileSize.
const DefaultMaxFileSize = 10 << 20

// Source is a note to check: read from OSPath, unless Src is already set.
type Source struct {
	Path   string
	OSPath string
	Src    []byte
	// Context marks a note that is read only so archive-wide rules can
	// compare others against it (--changed-since): no per-note rule runs
	// on it and nothing is reported in it.
	Context bool
}

// Result is what a run found.
type Result struct {
	Files    int // files looked at
	Notes    int // notes parsed well enough to check
	Findings []Finding
	// Pages counts the notes (of Notes) the site publishes as pages.
	Pages int
	// Internal counts rule crashes; the command exits 2 when it is not 0.
	Internal int
	// Notices are messages about the run as a whole from archive-wide
	// rules: why a rule stayed silent, how to configure it.
	Notices []string
	// Meta describes each note that was checked (not the context notes of
	// a partial run), sorted by path, for reports.
	Meta []NoteMeta
}

// NoteMeta is what a report shows of a note.
type NoteMeta struct {
	Path   string `json:"path"`
	Title  string `json:"title,omitempty"`
	Track  string `json:"track,omitempty"`
	Date   string `json:"date,omitempty"`
	Broken bool   `json:"broken,omitempty"`
}

// Run checks the sources and returns sorted findings. Unreadable paths from
// discovery become invalid-note findings. Cancelling ctx stops the run
// early with ctx.Err().
func Run(ctx context.Context, srcs []Source, unreadable []Unreadable, opt Options) (*Result, error) {
	jobs := opt.Jobs
	if jobs <= 0 {
		jobs = runtime.GOMAXPROCS(0)
	}
	maxSize := opt.MaxFileSize
	if maxSize <= 0 {
		maxSize = DefaultMaxFileSize
	}
	if opt.Site == nil {
		opt.Site = site.Plain()
	}
	if opt.Cache == nil {
		return run(ctx, srcs, unreadable, opt, jobs, maxSize, nil)
	}
	// With a cache that remembers a run, every note is hashed first
	// (read, not kept). When the archive is exactly as in that run, its
	// result is the answer, and no note is parsed or checked again.
	if opt.Cache.hasRun() {
		seen := make([]noteKey, len(srcs))
		if err := forEach(ctx, len(srcs), jobs, func(i int) {
			seen[i] = opt.Cache.hashSource(srcs[i], maxSize)
		}); err != nil {
			return nil, err
		}
		if res, ok := opt.Cache.getRun(runKey(srcs, seen, unreadable, opt.Partial, maxSize), len(srcs)); ok {
			return res, nil
		}
	}
	// The run is remembered under the contents it read itself, which are
	// the ones its result describes even if a file changed meanwhile.
	seen := make([]noteKey, len(srcs))
	res, err := run(ctx, srcs, unreadable, opt, jobs, maxSize, seen)
	if err == nil && res.Internal == 0 {
		opt.Cache.putRun(runKey(srcs, seen, unreadable, opt.Partial, maxSize), res)
		opt.Cache.putFiles(srcs, seen)
	}
	return res, err
}

// noteKey is what a run read of one source: its cache key, or nothing,
// and the file's inode as it was just before it was read.
type noteKey struct {
	key  [32]byte
	read bool
	st   fileStat
	at   int64 // when st was read, in Unix nanoseconds
}

// hashSource computes a source's cache key. A file whose inode is exactly
// as when the cache last read it (see Cache.putFiles) is not read again.
func (c *Cache) hashSource(s Source, maxSize int64) noteKey {
	if s.Src != nil {
		return noteKey{key: cacheKey(s.Path, s.Src), read: true}
	}
	if k, ok := c.knownFile(s); ok {
		return k
	}
	var nk noteKey
	at := time.Now().UnixNano()
	size, st, err := readScratch(s.OSPath, maxSize, func(b []byte) {
		nk = noteKey{key: cacheKey(s.Path, b), read: true}
	})
	if err != nil || size > maxSize {
		return noteKey{}
	}
	nk.st, nk.at = st, at
	return nk
}

// forEach calls f(0) … f(n-1) on jobs goroutines. When ctx is cancelled it
// starts no more calls, waits for those under way, and returns ctx.Err().
func forEach(ctx context.Context, n, jobs int, f func(i int)) error {
	idx := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < jobs; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range idx {
				f(i)
			}
		}()
	}
	var err error
feed:
	for i := 0; i < n; i++ {
		select {
		case idx <- i:
		case <-ctx.Done():
			err = ctx.Err()
			break feed
		}
	}
	close(idx)
	wg.Wait()
	return err
}

// runKey identifies a whole run: every note's path, content and role, and
// the paths that could not be read.
func runKey(srcs []Source, seen []noteKey, unreadable []Unreadable, partial bool, maxSize int64) [32]byte {
	h := sha256.New()
	fmt.Fprintf(h, "run\x00%v\x00%d\x00%d\x00", partial, maxSize, len(srcs))
	for i, s := range srcs {
		if seen[i].read {
			h.Write(seen[i].key[:])
		}
		fmt.Fprintf(h, "%v%v\x00", !seen[i].read, s.Context)
	}
	for _, u := range unreadable {
		fmt.Fprintf(h, "%s\x00%v\x00", u.Path, u.Err)
	}
	var k [32]byte
	h.Sum(k[:0])
	return k
}

// run checks the sources. With a cache, seen receives what was read of
// each source.
func run(ctx context.Context, srcs []Source, unreadable []Unreadable, opt Options, jobs int, maxSize int64, seen []noteKey) (*Result, error) {
	cfg := opt.Config
	var noteRules, archiveRules []*Rule
	known := make(map[string]bool, len(opt.Rules))
	for _, r := range opt.Rules {
		known[r.ID] = true
		if cfg.Severity(r.ID) == Off {
			continue
		}
		if r.Note != nil {
			noteRules = append(noteRules, r)
		} else if r.Archive != nil {
			archiveRules = append(archiveRules, r)
		}
	}

	// What the generator accepts decides how notes are read.
	if opt.Site.FrontAfterSpace() {
		c := *cfg
		c.Parse.FrontAfterSpace = true
		cfg = &c
	}
	// Severity and options are looked up once per rule, not per note.
	tmpl := make([]Pass, len(noteRules))
	for i, r := range noteRules {
		tmpl[i] = newPass(r, cfg, nil)
	}
	notes := make([]*Note, len(srcs))
	perNote := make([][]Finding, len(srcs))
	var internal int
	var mu sync.Mutex
	err := forEach(ctx, len(srcs), jobs, func(i int) {
		var nk *noteKey
		if seen != nil {
			nk = &seen[i]
		}
		n, fs, crashes := checkOne(srcs[i], cfg, tmpl, known, maxSize, opt.Cache, nk, opt.Site)
		notes[i], perNote[i] = n, fs
		if crashes > 0 {
			mu.Lock()
			internal += crashes
			mu.Unlock()
		}
	})
	if err != nil {
		return nil, err
	}

	res := &Result{Files: len(srcs) + len(unreadable)}
	var all []Finding
	for _, fs := range perNote {
		all = append(all, fs...)
	}
	for _, u := range unreadable {
		all = append(all, Finding{Rule: InvalidNote.ID, Severity: cfg.Severity(InvalidNote.ID),
			Path: u.Path, Start: Position{1, 1}, End: Position{1, 1},
			Message: "cannot read: " + describeErr(u.Err)})
	}
	good := notes[:0:0]
	for _, n := range notes {
		if n != nil && !n.Broken {
			good = append(good, n)
		}
	}
	res.Notes = len(good)
	var pages []*Note
	for _, n := range good {
		if n.Page.Published {
			pages = append(pages, n)
			if !n.context {
				res.Pages++
			}
		}
	}
	for i, n := range notes {
		if srcs[i].Context {
			continue
		}
		if n == nil {
			res.Meta = append(res.Meta, NoteMeta{Path: srcs[i].Path, Broken: true})
			continue
		}
		if n.context {
			continue
		}
		res.Meta = append(res.Meta, NoteMeta{Path: n.Path, Title: n.Title.Text, Track: n.Track.Text, Date: n.Date.Text, Broken: n.Broken})
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	// Archive rules only read the notes, so they run side by side, each
	// into its own findings. Line indexes are built first: they are the
	// one thing a note computes on first use.
	for _, n := range good {
		n.lines.build()
	}
	archFindings := make([][]Finding, len(archiveRules))
	notices := make([][]string, len(archiveRules))
	crashed := make([]string, len(archiveRules))
	sem := make(chan struct{}, jobs)
	var awg sync.WaitGroup
	for i, r := range archiveRules {
		awg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; awg.Done() }()
			pass := &ArchivePass{Pass: newPass(r, cfg, &archFindings[i]), Notes: good, All: good, notices: &notices[i]}
			if r.Pages {
				pass.Notes = pages
			}
			crashed[i] = protect(func() { r.Archive(pass) })
		}()
	}
	awg.Wait()
	for i, r := range archiveRules {
		all = append(all, archFindings[i]...)
		res.Notices = append(res.Notices, notices[i]...)
		if crashed[i] != "" {
			internal++
			all = append(all, Finding{Rule: InternalError.ID, Severity: Error, Path: ".",
				Start: Position{1, 1}, End: Position{1, 1},
				Message: fmt.Sprintf("rule %s crashed: %s", r.ID, crashed[i])})
		}
	}
	all = applySuppressions(all, good, cfg, archiveRules, opt.Partial)
	res.Findings = SortFindings(all)
	res.Internal = internal
	return res, nil
}

func describeErr(err error) string {
	var pe *os.PathError
	if e, ok := err.(*os.PathError); ok {
		pe = e
		return pe.Err.Error()
	}
	return err.Error()
}

// checkOne reads, parses and runs per-note rules on one source. rules
// are the passes of the per-note rules, without note or output.
func checkOne(s Source, cfg *Config, rules []Pass, known map[string]bool, maxSize int64, cache *Cache, seen *noteKey, model *site.Model) (*Note, []Finding, int) {
	src := s.Src
	var st fileStat
	at := time.Now().UnixNano()
	if src == nil {
		var err error
		src, err = readLimited(s.OSPath, maxSize, &st)
		if err != nil {
			if s.Context {
				return nil, nil, 0
			}
			return nil, []Finding{{Rule: InvalidNote.ID, Severity: cfg.Severity(InvalidNote.ID),
				Path: s.Path, Start: Position{1, 1}, End: Position{1, 1}, Message: err.Error()}}, 0
		}
	}
	var key [32]byte
	if cache != nil {
		k := cacheKey(s.Path, src)
		if seen != nil {
			*seen = noteKey{key: k, read: true, st: st, at: at}
		}
		n, fs, k, ok := cache.get(s.Path, src, k)
		if ok {
			if s.Context {
				n.context = true
				return n, nil, 0
			}
			return n, fs, 0
		}
		key = k
	}
	var out []Finding
	crashes := 0
	var n *Note
	if msg := protect(func() { n = Parse(s.Path, src, cfg.Parse) }); msg != "" {
		if s.Context {
			return nil, nil, 0
		}
		return nil, []Finding{{Rule: InternalError.ID, Severity: Error, Path: s.Path,
			Start: Position{1, 1}, End: Position{1, 1}, Message: "parser crashed: " + msg}}, 1
	}
	if !n.Broken {
		applyPage(n, model, s)
	}
	if s.Context {
		n.context = true
		n.release()
		return n, nil, 0
	}
	if n.Broken {
		if sev := cfg.Severity(InvalidNote.ID); sev != Off {
			out = append(out, makeFinding(n, InvalidNote.ID, sev, Report{Span: n.Problem.Span, Message: n.Problem.Message}))
		}
		if cache != nil {
			cache.put(key, n, out)
		}
		return n, out, 0
	}
	passes := make([]NotePass, len(rules))
	for i := range rules {
		if rules[i].Rule.Pages && !n.Page.Published {
			continue
		}
		pass := &passes[i]
		*pass = NotePass{Pass: rules[i], Note: n}
		pass.out = &out
		if msg := protect(func() { pass.Rule.Note(pass) }); msg != "" {
			crashes++
			out = append(out, Finding{Rule: InternalError.ID, Severity: Error, Path: n.Path,
				Start: Position{1, 1}, End: Position{1, 1},
				Message: fmt.Sprintf("rule %s crashed on this note: %s", pass.Rule.ID, msg)})
		}
	}
	sups, bad := n.collectSuppressions(known)
	n.sups = sups
	if sev := cfg.Severity(InvalidSuppression.ID); sev != Off {
		for _, r := range bad {
			out = append(out, makeFinding(n, InvalidSuppression.ID, sev, r))
		}
	}
	n.release()
	if cache != nil && crashes == 0 {
		cache.put(key, n, out)
	}
	return n, out, crashes
}

// applyPage asks the site model what the generator does with the note,
// and gives the note the title the generator shows: its first H1 only
// where the generator falls back to it, and a title made from the file
// or folder name where the generator makes one.
func applyPage(n *Note, model *site.Model, s Source) {
	d := site.Doc{
		HasTitle:  n.Title.IsSet() && n.Title.Field != "h1" && strings.TrimSpace(n.Title.Text) != "",
		EmptyBody: len(bytes.TrimSpace(n.Src[n.BodyStart:])) == 0,
	}
	if n.Front.Format != "" {
		d.Front = &n.Front
		d.Keys = make([]string, len(n.Front.Fields))
		for i, f := range n.Front.Fields {
			d.Keys[i] = f.Key
		}
	}
	p := s.OSPath
	if p == "" {
		p = s.Path
	}
	n.Page = model.Page(p, &d)
	if !n.Page.TitleH1 && n.Title.Field == "h1" {
		n.Title = Text{}
	}
	if !n.Title.IsSet() && n.Page.FileTitle != "" {
		n.Title = Text{Text: n.Page.FileTitle, Span: Span{n.BodyStart, n.BodyStart}, Field: "file"}
	}
}

func newPass(r *Rule, cfg *Config, out *[]Finding) Pass {
	return Pass{Rule: r, Config: cfg, Options: cfg.Options(r.ID), sev: cfg.Severity(r.ID), out: out}
}

// protect runs f and turns a panic into a message.
func protect(f func()) (msg string) {
	defer func() {
		if v := recover(); v != nil {
			stack := string(debug.Stack())
			if i := strings.Index(stack, "panic("); i >= 0 {
				stack = stack[i:]
			}
			msg = fmt.Sprint(v)
			if os.Getenv("NOTELINT_DEBUG") != "" {
				msg += "\n" + stack
			}
		}
	}()
	f()
	return ""
}

func readLimited(path string, max int64, st *fileStat) ([]byte, error) {
	b, size, fst, err := readFileStat(path, max)
	*st = fst
	if err != nil {
		return nil, fmt.Errorf("cannot read: %v", describeErr(err))
	}
	if size > max {
		return nil, fmt.Errorf("file is %d bytes, over the %d-byte limit (--max-file-size); skipped", size, max)
	}
	return b, nil
}

// readFileOS reads at most max+1 bytes of a file through package os. It
// returns the file's size when it is over max.
func readFileOS(path string, max int64) ([]byte, int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, 0, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, 0, err
	}
	if st.Size() > max {
		return nil, st.Size(), nil
	}
	// A buffer of the file's size (plus one byte to see EOF): the common
	// case allocates once.
	b := make([]byte, 0, st.Size()+1)
	r := io.LimitReader(f, max+1)
	for {
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)]
		}
		n, err := r.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, 0, err
		}
	}
	return b, int64(len(b)), nil
}

// makeFinding turns a rule's report into a finding with positions.
func makeFinding(n *Note, rule string, sev Severity, r Report) Finding {
	span := r.Span
	span.Start = min(max(span.Start, 0), len(n.Src))
	span.End = min(max(span.End, span.Start), len(n.Src))
	f := Finding{Rule: rule, Severity: sev, Path: n.Path, Span: span,
		Start: n.Position(span.Start), End: n.Position(span.End),
		Field: r.Field, Message: r.Message, Related: r.Related, RelatedMore: r.RelatedMore}
	if f.Field == "" {
		f.Field = n.fieldAt(span.Start)
	}
	if len(f.Related) > maxRelated {
		f.RelatedMore += len(f.Related) - maxRelated
		f.Related = f.Related[:maxRelated]
	}
	t := n.Src[span.Start:span.End]
	if len(t) > 200 {
		t = t[:200]
	}
	f.Text = string(t)
	return f
}

// fieldAt names what holds offset off: a frontmatter key, or "body".
func (n *Note) fieldAt(off int) string {
	fm := &n.Front
	if fm.Format != "" && off >= fm.Span.Start && off < fm.Span.End {
		best := ""
		bestStart := -1
		for _, f := range fm.Fields {
			if f.KeySpan.Start <= off && f.KeySpan.Start > bestStart && f.KeySpan != fm.Content {
				best, bestStart = f.Key, f.KeySpan.Start
			}
		}
		if best == "" {
			return "frontmatter"
		}
		return best
	}
	return "body"
}

// applySuppressions drops findings that a note's suppressions cover and
// reports the suppressions that covered nothing.
func applySuppressions(all []Finding, notes []*Note, cfg *Config, archiveRules []*Rule, partial bool) []Finding {
	byPath := make(map[string]*Note, len(notes))
	any := false
	for _, n := range notes {
		if len(n.sups) > 0 {
			byPath[n.Path] = n
			any = true
		}
	}
	if !any {
		return all
	}
	kept := all[:0]
	for _, f := range all {
		if n := byPath[f.Path]; n != nil && !isEngine(f.Rule) && suppressed(n, f) {
			continue
		}
		kept = append(kept, f)
	}
	sev := cfg.Severity(UnusedSuppression.ID)
	if sev == Off {
		return kept
	}
	isArchive := map[string]bool{}
	for _, r := range archiveRules {
		isArchive[r.ID] = true
	}
	for _, n := range notes {
		for _, s := range n.sups {
			if s.used {
				continue
			}
			var idle []string
			for _, id := range s.Rules {
				if cfg.Severity(id) == Off || (partial && isArchive[id]) {
					idle = nil
					break
				}
				idle = append(idle, id)
			}
			if len(idle) == 0 {
				continue
			}
			kept = append(kept, makeFinding(n, UnusedSuppression.ID, sev, Report{Span: s.Span,
				Message: fmt.Sprintf("suppression of %s matches no finding; remove it", strings.Join(idle, ", "))}))
		}
	}
	return kept
}

func suppressed(n *Note, f Finding) bool {
	for _, s := range n.sups {
		if s.covers(f.Rule, f.Start.Line) {
			s.used = true
			return true
		}
	}
	return false
}

func isEngine(id string) bool {
	return id == InvalidNote.ID || id == InternalError.ID || id == InvalidSuppression.ID || id == UnusedSuppression.ID
}
