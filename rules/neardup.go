package rules

import (
	"math"
	"runtime"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The near-duplicate detector works on a plain list of titles, so it can be
// measured and tested apart from notes (see nearDuplicates).
//
// Titles are compared as sequences of normalised words (neardup_text.go).
// Three levels of sameness:
//
//   - variants: titles with the same words as written; exact duplicates
//     (as duplicate-title folds them) and titles that differ only in the
//     symbols duplicate-title keeps ("C" and "C++", "_chsize" and
//     "chsize") are never reported here;
//   - norm groups: variants with the same multiset of normalised words,
//     once stop words, abbreviations, plurals, -ing/-ed and order are set
//     aside ("same words", "same words reordered");
//   - pairs and cliques of norm groups one edit apart: one word swapped (a
//     typo, a refresh year, or a style word for another of its class), one
//     style word added, or a short title that a longer one extends with
//     style words or frames with a category or site name (containment).
//     Apart from the changed words the titles must read the same, in the
//     same order.
//
// Candidates come from exact hash joins, never from comparing all pairs:
//
//   - leave-one-out keys: each norm group with one word removed. Groups
//     in the same bucket differ in exactly one word; a bucket whose key is
//     also a whole title gives one-word additions. One key per distinct
//     word, so the work is linear in the archive's words. A big bucket is
//     a template slot ("X: A Complete Guide" for thousands of X, or one
//     subject in every template): its members are only paired when the
//     slot holds years, typos (found with a deletion index) or style words
//     of one class, and those come out as one clique per slot and class,
//     never as all pairs.
//   - containment keys: prefixes, suffixes and separated parts of each
//     title, looked up among whole titles.
//
// Multiset keys are sums of 64-bit mixes of word ids, so removing a word
// or taking a run costs O(1); every hit is verified on the word ids. Word
// weights (smoothed inverse document frequency over the archive's titles)
// decide whether a framed short title carries the longer one.

// Variant flags.
const (
	vfDirectional = 1 << iota // "to", "from": the order of the words matters
	vfSymmetric               // "and", "or", "vs": two words may swap places
)

// ndDetector.segs holds, for each word, the kind of separator before it
// (segKind bits) and these marks.
const (
	segKind     = 0x0f
	segAfterFn  = 0x40 // a stop word or separator comes before it
	segInParens = 0x80 // inside parentheses
)

// Word flags.
const (
	tfIdent    = 1 << iota // number, version or identifier: a difference names another thing
	tfYear                 // 1900–2099
	tfFiller               // a style word: "complete", "quick", "updated"
	tfSynonym              // in a synonym group: "guide", "tutorial"
	tfTemplate             // not a subject word: a filler or a synonym
	tfTypo                 // letters only and long enough for a typo to be told apart
	tfNumber               // has a digit: a number, version or edition ("2.1", "C4996", "RubyConf 2004")
)

const (
	ndPseudoTitles = 1000 // IDF smoothing: small archives weigh words nearly alike
	ndStyleShare   = 0.2  // filler and synonym words weigh as if in this share of titles
	ndMaxLOOWords  = 24   // longer titles only take part as whole titles
	ndMaxContain   = 32   // longer titles are not probed for containment
	ndTypoMaxDF    = 2    // a typo is rare: one side must be in at most this many titles
	ndTypoMinLen   = 5    // shorter words have too many real neighbours
	ndPairwiseMax  = 64   // bigger buckets use a deletion index for typos
	ndMaxVariants  = 8    // variants of a norm group tried for an ordered match
)

// nearDupConfig is NearDuplicateTitleOptions compiled.
type nearDupConfig struct {
	years, typos, containment bool
	minWords, minShared       int
	containRatio              float64
	stop                      []string
	abbrev                    map[string]string
	filler                    []string
	synonyms                  [][]string
}

func (o *NearDuplicateTitleOptions) compile() *nearDupConfig {
	c := &nearDupConfig{
		years: o.Years, typos: o.Typos, containment: o.Containment,
		minWords: o.MinWords, minShared: o.MinShared,
		containRatio: o.ContainRatio,
		stop:         ndDefaultStopWords,
		abbrev:       map[string]string{},
		filler:       append(append([]string{}, ndDefaultFillerWords...), o.FillerWords...),
		synonyms:     append(append([][]string{}, ndDefaultSynonyms...), o.Synonyms...),
	}
	for k, v := range ndDefaultAbbreviations {
		c.abbrev[k] = v
	}
	for k, v := range o.Abbreviations {
		c.abbrev[k] = v
	}
	return c
}

// nearDupResult holds the near-duplicate relation over the titles given to
// nearDuplicates. Indices are title indices.
type nearDupResult struct {
	d         *ndDetector
	titles    []string
	titleHash []uint64 // ndFoldHash: equal for titles duplicate-title reports, or that differ in symbols only
	titleVar  []int32  // variant, -1 for a title with no words
	titleNext []int32  // next title of the same variant, -1
	varFirst  []int32  // first title of each variant
	varNorm   []int32  // norm group of each variant
	varNext   []int32  // next variant of the same norm group, -1
	normFirst []int32  // first variant of each norm group
	// Groups are cliques of norm groups (pairs included).
	grpStart   []int32
	grpMembers []int32
	// normGrp lists the groups of each norm group (CSR).
	normGrpStart []int32
	normGrp      []int32
	grpTitles    []int32 // titles in each group
	normTitles   []int32 // titles in each norm group

	stamp []int32 // scratch for related
	epoch int32
	// varWords caches the words of the variants classify has read.
	varWords map[int32][]ndWord
}

// Groups reports the number of pairs and cliques found.
func (r *nearDupResult) Groups() int { return len(r.grpStart) - 1 }

// Flagged counts titles that have at least one near duplicate.
func (r *nearDupResult) Flagged() int {
	n := 0
	for i := range r.titles {
		if rel, _ := r.related(i, 1); len(rel) > 0 {
			n++
		}
	}
	return n
}

// ndBigGroup bounds the work for one title in a huge template family: a
// group with more members is listed in part and counted without removing
// overlaps with the title's other groups.
const ndBigGroup = 256

// related returns the near duplicates of title i in title order (at most
// limit) and how many more there are. Exact duplicates of i (as
// duplicate-title sees them) and titles that differ from it only in
// symbols are left out (see ndFoldHash). Work per title is bounded: past
// thousands of neighbours the list holds the first found, and the count
// may include a few exact duplicates.
func (r *nearDupResult) related(i, limit int) ([]int, int) {
	v := r.titleVar[i]
	if v < 0 {
		return nil, 0
	}
	h := r.titleHash[i]
	m := r.varNorm[v]
	if r.stamp == nil {
		r.stamp = make([]int32, len(r.normFirst))
	}
	r.epoch++
	ep := r.epoch
	keep := max(10*limit, 256)
	var out []int
	total := 0
	add := func(n int32, counted bool) {
		seen, vars := 0, 0
		for g := r.normFirst[n]; g >= 0; g = r.varNext[g] {
			if vars++; vars > ndBigGroup {
				// Thousands of spellings of the same words: count the
				// rest without looking at them.
				if counted {
					total += int(r.normTitles[n]) - seen
				}
				return
			}
			for t := r.varFirst[g]; t >= 0; t = r.titleNext[t] {
				seen++
				if r.titleHash[t] == h {
					continue
				}
				if counted {
					total++
				}
				if len(out) < keep {
					out = append(out, int(t))
				}
			}
		}
	}
	r.stamp[m] = ep
	add(m, true)
	for _, gi := range r.normGrp[r.normGrpStart[m]:r.normGrpStart[m+1]] {
		mem := r.grpMembers[r.grpStart[gi]:r.grpStart[gi+1]]
		big := len(mem) > ndBigGroup
		if big {
			total += int(r.grpTitles[gi] - r.normTitles[m])
			mem = mem[:ndBigGroup]
		}
		for _, n := range mem {
			if r.stamp[n] != ep {
				r.stamp[n] = ep
				add(n, !big)
			}
		}
	}
	slices.Sort(out)
	out = slices.Compact(out)
	if len(out) > limit {
		out = out[:limit]
	}
	return out, max(total-len(out), 0)
}

// classify says how title j differs from title i. Titles are read as their
// variant's first title, so a title and its exact duplicates ("Setting Up
// NetSuite" and "setting up netsuite") are described alike.
func (r *nearDupResult) classify(i, j int) ndDiff {
	return r.d.classify(r.words(i), r.words(j))
}

// words are the words of title k as classify reads them. A title is
// classified against several others, and each of them against their own
// others: the words of each variant are split once.
func (r *nearDupResult) words(k int) []ndWord {
	v := r.titleVar[k]
	if v < 0 {
		return r.d.titleWords(r.titles[k])
	}
	if w, ok := r.varWords[v]; ok {
		return w
	}
	if r.varWords == nil {
		r.varWords = map[int32][]ndWord{}
	}
	w := r.d.titleWords(r.titles[r.varFirst[v]])
	r.varWords[v] = w
	return w
}

// nearDuplicates finds near-duplicate titles. It never compares all pairs:
// time and memory grow with the number of titles times their length.
func nearDuplicates(titles []string, opts *NearDuplicateTitleOptions) *nearDupResult {
	d := newNDDetector(opts.compile())
	return d.run(titles)
}

type ndDetector struct {
	cfg    *nearDupConfig
	z      *ndTokenizer
	filler map[string]bool   // filler words, normalised
	syn    map[string]uint16 // synonym group (from 1) of normalised words
	nVar   int               // distinct titles (variants): the archive size for IDF

	vocab map[string]uint32
	words []string
	flags []uint8
	class []uint16 // swap class: 1 for fillers, 1+group for synonyms, 0 for none
	remap []uint32
	forms map[uint32][]uint32 // conflated words: base → the -ing/-ed forms mapped onto it
	df    []int32
	w     []float32

	// Variants: word ids in title order, and the separator before each.
	varTab   ndTable
	seqStart []int32
	seq      []uint32
	segs     []uint8 // separator kind | segAfterFn | segInParens
	// vflags describe each variant: vfDirectional, vfSymmetric.
	vflags []uint8

	// Norm groups: sorted word ids.
	normTab   ndTable
	normStart []int32
	normIDs   []uint32
	normW     []float32 // total weight
	normVar   []int32   // first variant
	varNext   []int32

	pairs   []uint64
	grpS    []int32
	grpM    []int32
	scratch []uint32
	pick    []int32
	cand    []ndMember
	// Scratch for classify.
	joinA, joinB []byte
}

func newNDDetector(cfg *nearDupConfig) *ndDetector {
	d := &ndDetector{cfg: cfg, z: newNDTokenizer(cfg.stop, cfg.abbrev), filler: map[string]bool{},
		syn: map[string]uint16{}, vocab: map[string]uint32{}}
	norm := func(w string) string {
		toks, _ := d.z.tokenize(strings.ToLower(w))
		if len(toks) != 1 {
			return ""
		}
		return d.z.norm(&toks[0])
	}
	for _, w := range cfg.filler {
		if n := norm(w); n != "" {
			d.filler[n] = true
		}
	}
	for g, ws := range cfg.synonyms {
		for _, w := range ws {
			if n := norm(w); n != "" && !d.filler[n] {
				d.syn[n] = uint16(g + 1)
			}
		}
	}
	return d
}

func (d *ndDetector) intern(norm []byte, ident bool) uint32 {
	if id, ok := d.vocab[string(norm)]; ok {
		if ident {
			d.flags[id] = d.flags[id]&^tfTypo | tfIdent
		}
		return id
	}
	w := string(norm)
	id := uint32(len(d.words))
	d.vocab[w] = id
	d.words = append(d.words, w)
	f := ndWordFlags(w, ident)
	var class uint16
	switch {
	case f&tfIdent != 0:
	case d.filler[w]:
		f |= tfFiller | tfTemplate
		class = 1
	case d.syn[w] > 0:
		f |= tfSynonym | tfTemplate
		class = 1 + d.syn[w]
	}
	d.flags = append(d.flags, f)
	d.class = append(d.class, class)
	return id
}

func ndWordFlags(w string, ident bool) uint8 {
	var f uint8
	if ident {
		f |= tfIdent
	}
	letters, n := true, 0
	for _, r := range w {
		n++
		switch {
		case unicode.IsLetter(r):
		case r >= '0' && r <= '9':
			f |= tfIdent | tfNumber
			letters = false
		case r == '_' || r == '.' || r == '+' || r == '#':
			f |= tfIdent
			letters = false
		default:
			letters = false
		}
	}
	if len(w) == 4 && (w[:2] == "19" || w[:2] == "20") && w[2] >= '0' && w[2] <= '9' && w[3] >= '0' && w[3] <= '9' {
		f = f&^(tfIdent|tfNumber) | tfYear
	}
	if letters && n >= ndTypoMinLen && f&tfIdent == 0 {
		f |= tfTypo
	}
	return f
}

func ndMix(id uint32) uint64 {
	x := uint64(id) + 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// ndTokenized is one title split by a tokenizing worker: its hashes, and
// its words in the worker's arena.
type ndTokenized struct {
	fold, variant uint64
	vflags        uint8
	w0, w1        int32 // words: chunk.words[w0:w1]
}

// ndChunk is a batch of titles as a worker split them.
type ndChunk struct {
	lo, hi int
	titles []ndTokenized
	words  []ndWordRef
	arena  []byte
}

// ndWordRef is a word to intern: arena[n0:n1], flags and separators.
type ndWordRef struct {
	n0, n1 int32
	seg    uint8 // separator kind | segAfterFn | segInParens
	ident  bool
}

// ndParallelMin: fewer titles are split on one goroutine.
const ndParallelMin = 50_000

// ndBatch is how many titles are split at a time. Each batch is interned
// before its buffers are reused, so the words waiting to be interned stay
// a few batches whatever the size of the archive.
const ndBatch = 4096

// tokenizeAll splits every title and hands the batches to use in title
// order, splitting on all CPUs for big archives. A batch is valid until
// use returns.
func (d *ndDetector) tokenizeAll(titles []string, use func(*ndChunk)) {
	n := len(titles)
	workers := 1
	if n >= ndParallelMin {
		workers = min(runtime.GOMAXPROCS(0), 8)
	}
	if workers == 1 {
		var c ndChunk
		for lo := 0; lo < n; lo += ndBatch {
			c.lo, c.hi = lo, min(lo+ndBatch, n)
			c.tokenize(d.z, titles[c.lo:c.hi])
			use(&c)
		}
		return
	}
	// The feeder hands out batches in order, each with a free buffer;
	// use takes them back in the same order and frees their buffers.
	type job struct {
		c    *ndChunk
		done chan struct{}
	}
	free := make(chan *ndChunk, 2*workers)
	for range cap(free) {
		free <- &ndChunk{}
	}
	order := make(chan job, cap(free)) // never more jobs than buffers
	jobs := make(chan job)
	quit := make(chan struct{}) // use panicked: stop feeding
	defer close(quit)
	go func() {
		defer close(jobs)
		defer close(order)
		for lo := 0; lo < n; lo += ndBatch {
			var c *ndChunk
			select {
			case c = <-free:
			case <-quit:
				return
			}
			c.lo, c.hi = lo, min(lo+ndBatch, n)
			j := job{c, make(chan struct{})}
			order <- j
			select {
			case jobs <- j:
			case <-quit:
				return
			}
		}
	}()
	for w := 0; w < workers; w++ {
		z := d.z
		if w > 0 {
			z = d.z.clone()
		}
		go func() {
			for j := range jobs {
				j.c.tokenize(z, titles[j.c.lo:j.c.hi])
				close(j.done)
			}
		}()
	}
	for j := range order {
		<-j.done
		use(j.c)
		free <- j.c
	}
}

func (c *ndChunk) tokenize(z *ndTokenizer, titles []string) {
	c.titles = slices.Grow(c.titles[:0], len(titles))[:len(titles)]
	if c.words == nil {
		c.words = make([]ndWordRef, 0, 6*len(titles))
		c.arena = make([]byte, 0, 40*len(titles))
	}
	c.words, c.arena = c.words[:0], c.arena[:0]
	for i, t := range titles {
		toks, fh := z.tokenize(t)
		out := &c.titles[i]
		*out = ndTokenized{fold: fh, w0: int32(len(c.words)), w1: int32(len(c.words))}
		if fh == 0 {
			continue
		}
		// Titles with the same words as written are one variant.
		var vh uint64 = ndFNVOffset
		for j := range toks {
			for _, b := range z.surfaceBytes(&toks[j]) {
				vh = (vh ^ uint64(b)) * ndFNVPrime
			}
			vh = (vh ^ uint64(' '+toks[j].seg)) * ndFNVPrime
		}
		out.variant = vh
		var seg uint8
		fn := false
		for j := range toks {
			seg = max(seg, toks[j].seg)
			if toks[j].stop {
				fn = true
				continue
			}
			if fn || seg != 0 {
				seg |= segAfterFn
			}
			fn = false
			if toks[j].paren {
				seg |= segInParens
			}
			n0 := int32(len(c.arena))
			c.arena = append(c.arena, z.normBytes(&toks[j])...)
			c.words = append(c.words, ndWordRef{n0: n0, n1: int32(len(c.arena)), seg: seg, ident: toks[j].ident})
			seg = 0
		}
		out.w1 = int32(len(c.words))
		if z.directional {
			out.vflags |= vfDirectional
		}
		if z.symmetric {
			out.vflags |= vfSymmetric
		}
	}
}

func (d *ndDetector) run(titles []string) *nearDupResult {
	r := &nearDupResult{d: d, titles: titles, titleVar: make([]int32, len(titles)),
		titleNext: make([]int32, len(titles)), titleHash: make([]uint64, len(titles))}
	d.varTab = newNDTable(len(titles))
	d.seqStart = make([]int32, 1, len(titles)+1)
	d.seq = make([]uint32, 0, 6*len(titles))
	d.segs = make([]uint8, 0, 6*len(titles))
	d.vflags = make([]uint8, 0, len(titles))
	r.varFirst = make([]int32, 0, len(titles))
	varLast := make([]int32, 0, len(titles))
	d.tokenizeAll(titles, func(c *ndChunk) {
		for k := range c.titles {
			i, tt := c.lo+k, &c.titles[k]
			r.titleNext[i] = -1
			r.titleHash[i] = tt.fold
			if tt.fold == 0 {
				r.titleVar[i] = -1
				continue
			}
			v, isNew := d.varTab.put(tt.variant, int32(len(r.varFirst)))
			r.titleVar[i] = v
			if !isNew {
				r.titleNext[varLast[v]] = int32(i)
				varLast[v] = int32(i)
				continue
			}
			r.varFirst = append(r.varFirst, int32(i))
			varLast = append(varLast, int32(i))
			for _, w := range c.words[tt.w0:tt.w1] {
				d.seq = append(d.seq, d.intern(c.arena[w.n0:w.n1], w.ident))
				d.segs = append(d.segs, w.seg)
			}
			d.seqStart = append(d.seqStart, int32(len(d.seq)))
			d.vflags = append(d.vflags, tt.vflags)
		}
	})
	d.nVar = len(r.varFirst)
	d.joinCompounds()
	d.conflate()
	d.weigh()
	d.normalise(r)
	if d.cfg.containment {
		d.contain(r)
	}
	d.leaveOneOut()
	d.finish(r)
	return r
}

func (d *ndDetector) varSeq(v int32) []uint32 { return d.seq[d.seqStart[v]:d.seqStart[v+1]] }
func (d *ndDetector) varSegs(v int32) []uint8 { return d.segs[d.seqStart[v]:d.seqStart[v+1]] }
func (d *ndDetector) ids(m int32) []uint32    { return d.normIDs[d.normStart[m]:d.normStart[m+1]] }
func (d *ndDetector) nNorm() int              { return len(d.normStart) - 1 }

// internWord adds a word that no title has as such (a base form).
func (d *ndDetector) internWord(w string) uint32 { return d.intern([]byte(w), false) }

// conflate maps -ing and -ed forms onto a word the archive also uses, or
// onto a filler or synonym: "Released" onto "release", "Fixing" onto
// "fix", "Shipped" onto "ship", "Avoiding" onto "avoid". A form with no
// such partner stays as it is, so identifiers are safe. It also joins two
// words the archive writes as one elsewhere: "Web Site" and "Website",
// "Set Up" and "Setup", "Cross Docking" and "Cross-Docking".
func (d *ndDetector) conflate() {
	nw := len(d.words)
	d.remap = make([]uint32, nw, nw+16)
	for id := range d.remap {
		d.remap[id] = uint32(id)
	}
	changed := false
	for id := 0; id < nw; id++ {
		w := d.words[id]
		if d.flags[id]&tfIdent != 0 || !ndIsASCII(w) {
			continue
		}
		var base string
		switch n := len(w); {
		case n >= 6 && w[n-3:] == "ing":
			base = w[:n-3]
		case n >= 5 && w[n-2:] == "ed" && w[n-3] != 'e':
			base = w[:n-2]
		default:
			continue
		}
		cands := [3]string{base, base + "e", ""}
		if k := len(base); k >= 3 && base[k-1] == base[k-2] {
			cands[2] = base[:k-1]
		}
		for _, c := range cands {
			if c == "" {
				continue
			}
			to, ok := d.vocab[c]
			if !ok && (d.filler[c] || d.syn[c] > 0) {
				to, ok = d.internWord(c), true
				d.remap = append(d.remap, to)
			}
			if ok && int(to) != id {
				d.remap[id] = to
				if d.forms == nil {
					d.forms = map[uint32][]uint32{}
				}
				d.forms[to] = append(d.forms[to], uint32(id))
				if d.class[to] == 0 && d.class[id] != 0 {
					d.class[to] = d.class[id]
					d.flags[to] |= d.flags[id] & (tfFiller | tfSynonym | tfTemplate)
				}
				changed = true
				break
			}
		}
	}
	if changed {
		for i, id := range d.seq {
			d.seq[i] = d.remap[id]
		}
	}
}

// joinCompounds replaces two adjacent words by one word of the archive
// that is the two written together.
func (d *ndDetector) joinCompounds() {
	var buf []byte
	joined := func(a, b uint32) (uint32, bool) {
		if d.flags[a]&tfIdent != 0 || d.flags[b]&tfIdent != 0 {
			return 0, false
		}
		x, y := d.words[a], d.words[b]
		if len(x) < 2 || len(y) < 2 || len(x)+len(y) < 5 {
			return 0, false
		}
		buf = append(append(buf[:0], x...), y...)
		id, ok := d.vocab[string(buf)]
		return id, ok && d.flags[id]&tfIdent == 0
	}
	found := false
	for v := 0; v < d.nVar && !found; v++ {
		s := d.varSeq(int32(v))
		for k := 0; k+1 < len(s); k++ {
			if _, ok := joined(s[k], s[k+1]); ok {
				found = true
				break
			}
		}
	}
	if !found {
		return
	}
	seq := make([]uint32, 0, len(d.seq))
	segs := make([]uint8, 0, len(d.segs))
	start := make([]int32, 1, len(d.seqStart))
	for v := 0; v < d.nVar; v++ {
		s, g := d.varSeq(int32(v)), d.varSegs(int32(v))
		for k := 0; k < len(s); k++ {
			if k+1 < len(s) && g[k+1]&(segKind|segAfterFn) == 0 {
				if id, ok := joined(s[k], s[k+1]); ok {
					seq = append(seq, id)
					segs = append(segs, g[k])
					k++
					continue
				}
			}
			seq = append(seq, s[k])
			segs = append(segs, g[k])
		}
		start = append(start, int32(len(seq)))
	}
	d.seq, d.segs, d.seqStart = seq, segs, start
}

// canonical is the word id a normalised word counts as, or false.
func (d *ndDetector) canonical(norm string) (uint32, bool) {
	id, ok := d.vocab[norm]
	if !ok {
		return 0, false
	}
	return d.remap[id], true
}

// weigh computes document frequencies over distinct titles and word
// weights (smoothed IDF; generic words weigh as if very frequent).
func (d *ndDetector) weigh() {
	d.df = make([]int32, len(d.words))
	last := make([]int32, len(d.words))
	for i := range last {
		last[i] = -1
	}
	for v := 0; v < d.nVar; v++ {
		for _, id := range d.varSeq(int32(v)) {
			if last[id] != int32(v) {
				last[id] = int32(v)
				d.df[id]++
			}
		}
	}
	n := float64(d.nVar) + ndPseudoTitles
	d.w = make([]float32, len(d.words))
	for id, df := range d.df {
		eff := float64(df)
		if d.flags[id]&(tfFiller|tfSynonym) != 0 {
			eff = max(eff, ndStyleShare*n)
		}
		d.w[id] = float32(math.Log(n / (eff + 1)))
	}
}

// normalise builds the norm groups: variants with the same multiset of
// words. One-word titles are not merged ("Iterator" and "Iterators" are
// often two pages on purpose).
func (d *ndDetector) normalise(r *nearDupResult) {
	nv := d.nVar
	r.varNorm = make([]int32, nv)
	d.varNext = make([]int32, nv)
	// The variant table is done with: its memory holds the norm groups.
	d.normTab, d.varTab = d.varTab, ndTable{}
	d.normTab.reset(nv)
	d.normStart = make([]int32, 1, nv+1)
	d.normVar = make([]int32, 0, nv)
	d.normW = make([]float32, 0, nv)
	d.normIDs = make([]uint32, 0, len(d.seq))
	normLast := make([]int32, 0, nv)
	buf := d.scratch[:0]
	for v := 0; v < nv; v++ {
		d.varNext[v] = -1
		buf = append(buf[:0], d.varSeq(int32(v))...)
		ndSortSmall(buf)
		var h uint64
		for _, id := range buf {
			h += ndMix(id)
		}
		id := int32(len(d.normVar))
		m, isNew := id, true
		if len(buf) >= 2 {
			m, isNew = d.normTab.put(h, id)
			if !isNew && !slices.Equal(d.ids(m), buf) {
				m, isNew = id, true // a hash collision: kept apart
			}
			if !isNew && !d.sameReordered(int32(v), d.normVar[m]) {
				m, isNew = id, true
			}
		} else if len(buf) == 1 {
			d.normTab.put(h, id) // findable, but never merged
		}
		r.varNorm[v] = m
		if !isNew {
			d.varNext[normLast[m]] = int32(v)
			normLast[m] = int32(v)
			continue
		}
		d.normVar = append(d.normVar, int32(v))
		normLast = append(normLast, int32(v))
		d.normIDs = append(d.normIDs, buf...)
		d.normStart = append(d.normStart, int32(len(d.normIDs)))
		var w float32
		for _, id := range buf {
			w += d.w[id]
		}
		d.normW = append(d.normW, w)
	}
	d.scratch = buf
}

// sameReordered decides whether variants a and b, which have the same
// words, say the same thing. Different orders count only when a stop word
// or separator takes part ("ActiveX Control Containers" / "Containers for
// ActiveX Controls", "Batch vs Wave" / "Wave vs Batch"); two adjacent
// nouns swapped change the head of the phrase ("Funnel Totes" / "Tote
// Funnels"), and "Convert X to Y" is not "Convert Y to X".
func (d *ndDetector) sameReordered(a, b int32) bool {
	x, y := d.varSeq(a), d.varSeq(b)
	if slices.Equal(x, y) {
		return true
	}
	if d.vflags[a]&d.vflags[b]&vfDirectional != 0 {
		return false
	}
	i, j := 0, len(x)
	for i < j && x[i] == y[i] {
		i++
	}
	for j > i && x[j-1] == y[j-1] {
		j--
	}
	// Two words that trade places in the same frame ("Demand Mistakes in
	// Suppliers" / "Supplier Mistakes in Demand") swap roles, unless they
	// are joined by "and", "or" or "vs". In another frame they are a
	// rephrasing: "Preprocessor Directives" / "Directives to the
	// Preprocessor".
	if x[i] == y[j-1] && x[j-1] == y[i] && slices.Equal(x[i+1:j-1], y[i+1:j-1]) &&
		d.vflags[a]&d.vflags[b]&vfSymmetric == 0 {
		gx, gy := d.varSegs(a), d.varSegs(b)
		same := true
		for k := i; k < j && same; k++ {
			same = gx[k]&(segKind|segAfterFn) == gy[k]&(segKind|segAfterFn)
		}
		if same {
			return false
		}
	}
	for _, g := range [][]uint8{d.varSegs(a), d.varSegs(b)} {
		for k := i + 1; k < j; k++ {
			if g[k]&(segKind|segAfterFn) != 0 {
				return true
			}
		}
	}
	return false
}

func (d *ndDetector) addPair(a, b int32) {
	if a == b {
		return
	}
	if a > b {
		a, b = b, a
	}
	d.pairs = append(d.pairs, uint64(a)<<32|uint64(b))
}

func (d *ndDetector) addClique(ms []int32) {
	switch {
	case len(ms) < 2:
	case len(ms) == 2:
		d.addPair(ms[0], ms[1])
	default:
		d.grpS = append(d.grpS, int32(len(d.grpM)))
		d.grpM = append(d.grpM, ms...)
	}
}

// subjectStats counts the subject words among ids (words that are not
// template words, numbers or identifiers) and the weight of the least
// distinctive one.
func (d *ndDetector) subjectStats(ids []uint32) (int, float32) {
	n := 0
	minW := float32(math.MaxFloat32)
	for _, id := range ids {
		if d.flags[id]&(tfTemplate|tfIdent|tfYear) == 0 {
			n++
			minW = min(minW, d.w[id])
		}
	}
	return n, minW
}

// extends decides whether the longer title b (word ids and separators)
// rewords the shorter norm group a. a reads b[i:j], or, when p >= 0, b
// with its word p taken out.
//
// Added words that are all style words (fillers and synonyms: "Why Refunds
// Drift: A Complete Guide") make a rewording. Otherwise the short title
// must be the part after a colon ("Retail Finance Troubleshooting: Why
// Refunds Drift") or before a "|" or " - " ("Why Refunds Drift | Acme
// Blog"; a dash "—" goes either way) and carry at least contain-ratio of
// the weight: a category or a site name around the same title. "Memory
// Management" and "Memory Management: Frame Allocation" are a topic and a
// subtopic; "C++ Build Insights SDK" and "Analyze - C++ Build Insights SDK"
// a product and one of its pages. Numbers and words in parentheses are
// never just added: "Ruby Conference 2002" is not "Ruby Conference", nor
// "Data Source (ODBC)" "Data Source".
func (d *ndDetector) extends(a int32, b []uint32, segs []uint8, i, j, p int) bool {
	ids := d.ids(a)
	if len(ids) < d.cfg.minWords {
		return false
	}
	if n, _ := d.subjectStats(ids); n == 0 {
		return false
	}
	var wx float32
	allStyle := true
	for k, v := range b {
		if p >= 0 && k != p || p < 0 && k >= i && k < j {
			continue
		}
		f := d.flags[v]
		if f&tfNumber != 0 || f&tfYear != 0 && !d.cfg.years || segs[k]&segInParens != 0 {
			return false
		}
		if f&(tfFiller|tfSynonym|tfYear) == 0 {
			allStyle = false
		}
		wx += d.w[v]
	}
	if allStyle {
		return true
	}
	if p >= 0 {
		switch p {
		case 0:
			i, j = 1, len(b)
		case len(b) - 1:
			i, j = 0, len(b)-1
		default:
			return false
		}
	}
	l := len(b)
	framed := false
	if i > 0 && j == l {
		k := segs[i] & segKind
		framed = k == segColon || k == segDash
	} else if i == 0 && j > 0 && j < l {
		k := segs[j] & segKind
		framed = k == segPipe || k == segDash
	}
	if !framed {
		return false
	}
	wa := d.normW[a]
	return float64(wa) >= d.cfg.containRatio*float64(wa+wx)
}

// readsAs reports whether some variant of norm group a reads exactly s.
func (d *ndDetector) readsAs(a int32, s []uint32) bool {
	k := 0
	for v := d.normVar[a]; v >= 0 && k < ndMaxVariants; v = d.varNext[v] {
		if slices.Equal(d.varSeq(v), s) {
			return true
		}
		k++
	}
	return false
}

type ndEntry struct {
	key uint64
	m   int32  // norm group
	v   uint32 // the word left out
}

// ndLOOPart is about how many leave-one-out entries are held at once, in
// at most ndLOOParts parts: each part is a pass over the norm groups.
const (
	ndLOOPart  = 1 << 16
	ndLOOParts = 8
)

// leaveOneOut joins titles that differ in one word.
//
// A big archive's entries are made and bucketed one part of the key space
// at a time, by the keys' top bits, so only a part's entries are held at
// once. Keys are hashes, so the parts come out about even, and the
// buckets are still visited in key order.
func (d *ndDetector) leaveOneOut() {
	nn := d.nNorm()
	total := 0
	for m := 0; m < nn; m++ {
		if l := int(d.normStart[m+1] - d.normStart[m]); l >= 2 && l <= ndMaxLOOWords {
			total += l
		}
	}
	var bits uint
	for total>>bits > ndLOOPart && 1<<bits < ndLOOParts {
		bits++
	}
	size := total
	if bits > 0 {
		// A part of a template-heavy archive may be bigger: es grows then.
		size = total>>bits + total>>(bits+2)
	}
	es := make([]ndEntry, 0, size)
	var mem []ndMember
	for part := uint64(0); part < 1<<bits; part++ {
		es = d.looEntries(es[:0], bits, part)
		if bits == 0 {
			ndRadixSort(es)
		} else {
			ndFlagSort(es, 56) // the order ndRadixSort gives the whole from 256 entries up
		}
		for lo := 0; lo < len(es); {
			hi := lo + 1
			for hi < len(es) && es[hi].key == es[lo].key {
				hi++
			}
			mem = d.bucket(es[lo:hi], mem[:0])
			lo = hi
		}
	}
}

// looEntries appends the leave-one-out entries whose keys' top bits are
// part (all of them when bits is 0): each norm group of 2 to
// ndMaxLOOWords words with one of its distinct words left out, in norm
// group order.
func (d *ndDetector) looEntries(es []ndEntry, bits uint, part uint64) []ndEntry {
	for m := 0; m < d.nNorm(); m++ {
		ids := d.ids(int32(m))
		if len(ids) < 2 || len(ids) > ndMaxLOOWords {
			continue
		}
		var h uint64
		for _, id := range ids {
			h += ndMix(id)
		}
		for j, id := range ids {
			if j > 0 && ids[j-1] == id {
				continue
			}
			if k := h - ndMix(id); k>>(64-bits) == part {
				es = append(es, ndEntry{key: k, m: int32(m), v: id})
			}
		}
	}
	return es
}

// ndMember is a bucket entry with its title read in order without the
// word left out: res hashes that reading, pos is where the word stood.
type ndMember struct {
	ndEntry
	res uint64
	pos int
}

func ndSeqHash(s []uint32, skip int) uint64 {
	var h uint64 = ndFNVOffset
	for k, id := range s {
		if k != skip {
			h = (h ^ uint64(id)) * ndFNVPrime
			h ^= h >> 29
		}
	}
	return h
}

// ndSkipEqual reports whether a without a[i] equals b without b[j]
// (i or j may be -1: nothing skipped).
func ndSkipEqual(a []uint32, i int, b []uint32, j int) bool {
	la, lb := len(a), len(b)
	if i >= 0 {
		la--
	}
	if j >= 0 {
		lb--
	}
	if la != lb {
		return false
	}
	x, y := 0, 0
	for {
		if x == i {
			x++
		}
		if y == j {
			y++
		}
		if x >= len(a) || y >= len(b) {
			return x >= len(a) && y >= len(b)
		}
		if a[x] != b[y] {
			return false
		}
		x++
		y++
	}
}

func (d *ndDetector) bucket(es []ndEntry, mem []ndMember) []ndMember {
	f, whole := d.normTab.get(es[0].key)
	if len(es) < 2 && !whole {
		return mem // most buckets: one title, nothing to compare
	}
	for _, e := range es {
		s := d.varSeq(d.normVar[e.m])
		p := slices.Index(s, e.v)
		mem = append(mem, ndMember{ndEntry: e, res: ndSeqHash(s, p), pos: p})
	}
	// One word added: the bucket's key is a whole title.
	if whole {
		fs := d.varSeq(d.normVar[f])
		fh := ndSeqHash(fs, -1)
		for _, x := range mem {
			b := d.varSeq(d.normVar[x.m])
			if x.res != fh || x.m == f || !ndSkipEqual(b, x.pos, fs, -1) {
				continue
			}
			if d.extends(f, b, d.varSegs(d.normVar[x.m]), -1, -1, x.pos) {
				d.addPair(f, x.m)
			}
		}
	}
	if len(mem) < 2 {
		return mem
	}
	// Swaps: members that read the same apart from the word left out.
	slices.SortFunc(mem, func(a, b ndMember) int {
		switch {
		case a.res < b.res:
			return -1
		case a.res > b.res:
			return 1
		}
		return 0
	})
	for lo := 0; lo < len(mem); {
		hi := lo + 1
		for hi < len(mem) && mem[hi].res == mem[lo].res {
			hi++
		}
		if hi-lo >= 2 {
			d.swaps(mem[lo:hi])
		}
		lo = hi
	}
	return mem
}

// swaps handles members of one bucket that read the same except for one
// word: a year, a template word or a typo.
func (d *ndDetector) swaps(mem []ndMember) {
	// Verify the shared reading (hash collisions) against the first.
	s0 := d.varSeq(d.normVar[mem[0].m])
	n := 1
	for _, x := range mem[1:] {
		if ndSkipEqual(d.varSeq(d.normVar[x.m]), x.pos, s0, mem[0].pos) {
			mem[n] = x
			n++
		}
	}
	mem = mem[:n]
	if len(mem) < 2 {
		return
	}
	shared := d.scratch[:0]
	for k, id := range s0 {
		if k != mem[0].pos {
			shared = append(shared, id)
		}
	}
	d.scratch = shared
	subjects, _ := d.subjectStats(shared)
	enough := len(shared) >= d.cfg.minShared && subjects > 0
	pick := d.pick[:0]
	defer func() { d.pick = pick }()
	// A year refresh: "Best X in 2025" / "Best X in 2026".
	if d.cfg.years && enough {
		for _, x := range mem {
			if d.flags[x.v]&tfYear != 0 {
				pick = append(pick, x.m)
			}
		}
		d.addClique(pick)
	}
	// A style word swapped for another of its class: two fillers
	// ("complete" → "step-by-step") or two synonyms ("fix" → "resolve").
	// Not inside parentheses: "(Basic Method)" / "(Advanced Method)".
	if enough {
		slices.SortFunc(mem, func(a, b ndMember) int { return int(d.class[a.v]) - int(d.class[b.v]) })
		for lo := 0; lo < len(mem); {
			hi := lo + 1
			c := d.class[mem[lo].v]
			for hi < len(mem) && d.class[mem[hi].v] == c {
				hi++
			}
			if c > 0 {
				pick = pick[:0]
				for _, x := range mem[lo:hi] {
					if d.varSegs(d.normVar[x.m])[x.pos]&segInParens == 0 {
						pick = append(pick, x.m)
					}
				}
				d.addClique(pick)
			}
			lo = hi
		}
	}
	if d.cfg.typos {
		d.typos(mem)
	}
}

// typos pairs members whose differing words are one edit apart.
func (d *ndDetector) typos(mem []ndMember) {
	cand := d.cand[:0]
	for _, x := range mem {
		if d.flags[x.v]&tfTypo != 0 {
			cand = append(cand, x)
		}
	}
	d.cand = cand
	if len(cand) < 2 {
		return
	}
	if len(cand) <= ndPairwiseMax {
		for i := range cand {
			for j := i + 1; j < len(cand); j++ {
				if d.isTypo(cand[i].v, cand[j].v) {
					d.addPair(cand[i].m, cand[j].m)
				}
			}
		}
		return
	}
	// Deletion index: two words one edit apart share a form with one
	// letter deleted (or one is the other with a letter deleted).
	idx := map[string][]int32{}
	for i, x := range cand {
		w := d.words[x.v]
		idx[w] = append(idx[w], int32(i))
		for k, r := range w {
			del := w[:k] + w[k+utf8.RuneLen(r):]
			idx[del] = append(idx[del], int32(i))
		}
	}
	seen := map[uint64]bool{}
	for _, l := range idx {
		if len(l) > ndPairwiseMax {
			continue // a dense cluster of look-alike codes, not typos
		}
		for a := 0; a < len(l); a++ {
			for b := a + 1; b < len(l); b++ {
				k := uint64(min(l[a], l[b]))<<32 | uint64(max(l[a], l[b]))
				if seen[k] {
					continue
				}
				seen[k] = true
				if i, j := cand[l[a]], cand[l[b]]; d.isTypo(i.v, j.v) {
					d.addPair(i.m, j.m)
				}
			}
		}
	}
}

// isTypo: one edit apart (a transposition counts as one), the same first
// letter, and one of the two words rare in the archive. The forms the
// words were conflated from count too ("Redcuing" is a typo of
// "Reducing", which counts as "reduce"), and a plural "s" is ignored
// ("Checkotus" / "Checkouts").
func (d *ndDetector) isTypo(a, b uint32) bool {
	if a == b || d.df[a] > ndTypoMaxDF && d.df[b] > ndTypoMaxDF {
		return false
	}
	for _, x := range append([]uint32{a}, d.forms[a]...) {
		for _, y := range append([]uint32{b}, d.forms[b]...) {
			if ndTypoWords(d.words[x], d.words[y]) {
				return true
			}
		}
	}
	return false
}

// ndTypoWords: one edit apart, allowing for a plural "s" on either.
func ndTypoWords(u, v string) bool {
	return u != v && (ndOneEdit(u, v) || ndOneEdit(u+"s", v) || ndOneEdit(u, v+"s"))
}

// ndOneEdit reports whether a and b are one substitution, insertion,
// deletion or adjacent transposition apart, with the same first letter.
func ndOneEdit(a, b string) bool {
	if a == b || a == "" || b == "" {
		return false
	}
	if !ndIsASCII(a) || !ndIsASCII(b) {
		return ndOneEditRunes([]rune(a), []rune(b))
	}
	if a[0] != b[0] {
		return false
	}
	la, lb := len(a), len(b)
	if la > lb {
		a, b, la, lb = b, a, lb, la
	}
	if lb-la > 1 {
		return false
	}
	i := 0
	for i < la && a[i] == b[i] {
		i++
	}
	if la == lb {
		if a[i+1:] == b[i+1:] {
			return true // substitution
		}
		return i+1 < la && a[i] == b[i+1] && a[i+1] == b[i] && a[i+2:] == b[i+2:]
	}
	return a[i:] == b[i+1:] // insertion
}

func ndOneEditRunes(a, b []rune) bool {
	if a[0] != b[0] {
		return false
	}
	if len(a) > len(b) {
		a, b = b, a
	}
	la, lb := len(a), len(b)
	if lb-la > 1 {
		return false
	}
	i := 0
	for i < la && a[i] == b[i] {
		i++
	}
	if la == lb {
		if slices.Equal(a[i+1:], b[i+1:]) {
			return true
		}
		return i+1 < la && a[i] == b[i+1] && a[i+1] == b[i] && slices.Equal(a[i+2:], b[i+2:])
	}
	return slices.Equal(a[i:], b[i+1:])
}

// contain probes each title's prefixes, suffixes and separated parts among
// whole titles.
func (d *ndDetector) contain(r *nearDupResult) {
	var pre []uint64
	for v := 0; v < d.nVar; v++ {
		s := d.varSeq(int32(v))
		segs := d.varSegs(int32(v))
		l := len(s)
		if l < d.cfg.minWords+2 || l > ndMaxContain {
			continue
		}
		pre = append(pre[:0], 0)
		for _, id := range s {
			pre = append(pre, pre[len(pre)-1]+ndMix(id))
		}
		b := r.varNorm[v]
		probe := func(i, j int) {
			if n := j - i; n < d.cfg.minWords || n > l-2 {
				return
			}
			a, ok := d.normTab.get(pre[j] - pre[i])
			if !ok || !d.readsAs(a, s[i:j]) {
				return
			}
			if d.extends(a, s, segs, i, j, -1) {
				d.addPair(a, b)
			}
		}
		for k := d.cfg.minWords; k <= l-2; k++ {
			probe(0, k)
			probe(l-k, l)
		}
		// Parts between two separators.
		last := 0
		for k := 1; k < l; k++ {
			if segs[k]&segKind >= segColon {
				if last > 0 {
					probe(last, k)
				}
				last = k
			}
		}
	}
}

// finish turns pairs and cliques into the result's groups.
func (d *ndDetector) finish(r *nearDupResult) {
	nn := d.nNorm()
	r.normFirst = d.normVar
	r.varNext = d.varNext
	slices.Sort(d.pairs)
	d.pairs = slices.Compact(d.pairs)
	r.grpStart = make([]int32, 0, len(d.pairs)+len(d.grpS)+1)
	r.grpMembers = make([]int32, 0, 2*len(d.pairs)+len(d.grpM))
	for _, p := range d.pairs {
		r.grpStart = append(r.grpStart, int32(len(r.grpMembers)))
		r.grpMembers = append(r.grpMembers, int32(p>>32), int32(p&0xffffffff))
	}
	for i, s := range d.grpS {
		e := int32(len(d.grpM))
		if i+1 < len(d.grpS) {
			e = d.grpS[i+1]
		}
		r.grpStart = append(r.grpStart, int32(len(r.grpMembers)))
		r.grpMembers = append(r.grpMembers, d.grpM[s:e]...)
	}
	r.grpStart = append(r.grpStart, int32(len(r.grpMembers)))
	r.normGrpStart = make([]int32, nn+1)
	for _, m := range r.grpMembers {
		r.normGrpStart[m+1]++
	}
	for i := 0; i < nn; i++ {
		r.normGrpStart[i+1] += r.normGrpStart[i]
	}
	r.normTitles = make([]int32, nn)
	for _, v := range r.titleVar {
		if v >= 0 {
			r.normTitles[r.varNorm[v]]++
		}
	}
	r.grpTitles = make([]int32, len(r.grpStart)-1)
	for g := range r.grpTitles {
		for _, m := range r.grpMembers[r.grpStart[g]:r.grpStart[g+1]] {
			r.grpTitles[g] += r.normTitles[m]
		}
	}
	r.normGrp = make([]int32, len(r.grpMembers))
	fill := slices.Clone(r.normGrpStart[:nn])
	for g := 0; g+1 < len(r.grpStart); g++ {
		for _, m := range r.grpMembers[r.grpStart[g]:r.grpStart[g+1]] {
			r.normGrp[fill[m]] = int32(g)
			fill[m]++
		}
	}
	// What the run no longer needs.
	d.pairs, d.grpS, d.grpM = nil, nil, nil
	d.normTab, d.varTab = ndTable{}, ndTable{}
}
