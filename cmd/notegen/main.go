// Command notegen writes a synthetic note archive for benchmarks and
// end-to-end tests of notelint: realistic notes (YAML frontmatter with
// title, description, track, slug and date; paragraphs, links, tables,
// checklists, statistics with their sources) with defects of every rule
// planted at known rates, and a .notelint.yml declaring the tracks. It
// prints how many notes got each defect.
//
//	go run ./cmd/notegen -n 100000 -out /tmp/archive [-seed 1] [-templated]
//
// Per note: 2% copy an earlier title, 3% reword one (a style word swapped,
// a typo, a refresh year, a category prefix, a filler subtitle), 0.5% are
// untitled, 1% have no track and 1% a misspelled one, 1% each leak
// frontmatter lines, a JSON-LD script or a change-log table into the top
// of the body, and 5% state an unsourced "NN% of …" statistic. -templated
// draws titles from a few dozen templates × subjects instead of free-form
// frames. The same flags always give the same archive.
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"
)

// Defect rates, per note.
const (
	rateDuplicate   = 0.02  // title copied from an earlier note
	rateNearDup     = 0.03  // title reworded from an earlier note
	rateUntitled    = 0.005 // "Untitled", "New note", ""
	rateNoTrack     = 0.01  // no track field
	rateBadTrack    = 0.01  // a misspelled track
	rateLeakedFront = 0.01  // "slug: …" lines at the top of the body
	rateJSONLD      = 0.01  // a <script type="application/ld+json"> block
	rateChangeLog   = 0.01  // a change-log table opening a note without description
	rateUnsourced   = 0.05  // an unsourced "62% of …" sentence
	rateSourced     = 0.10  // a statistic with its source (not a defect)
)

// Defects, as bits of note.defects.
const (
	dDuplicate = 1 << iota
	dNearDup
	dUntitled
	dNoTrack
	dBadTrack
	dLeakedFront
	dJSONLD
	dChangeLog
	dUnsourced
	dSourced
	nDefects = iota
)

var defectNames = [nDefects]string{
	"duplicate-title: title copied from an earlier note",
	"near-duplicate-title: title reworded from an earlier note",
	"untitled: placeholder or empty title",
	"missing-track: no track field",
	"missing-track: misspelled track",
	"leaked-frontmatter: key: value lines at the top of the body",
	"leaked-jsonld: <script type=\"application/ld+json\"> block",
	"leaked-markup: change-log table opening the excerpt",
	"unsourced-statistic: \"NN% of …\" with no source",
	"(fine) statistic with a source link",
}

type note struct {
	title   string
	track   string
	slug    string
	date    string
	defects int
	reword  string // how a near duplicate was reworded
}

func main() {
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "notegen:", err)
		}
		os.Exit(2)
	}
}

func run(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("notegen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	n := fs.Int("n", 1000, "number of notes")
	out := fs.String("out", "", "directory to write the archive to (required; must be empty or new)")
	seed := fs.Int64("seed", 1, "random seed: the same seed gives the same archive")
	templated := fs.Bool("templated", false, "titles from a few dozen templates × subjects, like a generated archive")
	force := fs.Bool("force", false, "write into a directory that is not empty")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: notegen -n N -out DIR [-seed S] [-templated] [-force]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *out == "" || *n < 1 || fs.NArg() > 0 {
		fs.Usage()
		return fmt.Errorf("need -out DIR and -n of at least 1")
	}
	if ents, err := os.ReadDir(*out); err == nil && len(ents) > 0 && !*force {
		return fmt.Errorf("%s is not empty; remove it, pick another directory or pass -force", *out)
	}
	start := time.Now()
	notes := plan(*n, *seed, *templated)
	if err := write(*out, notes, *seed); err != nil {
		return err
	}
	summary(stdout, *out, notes, *seed, *templated, time.Since(start))
	return nil
}

// plan decides every note's title, track and defects. It runs in order,
// since duplicates and rewordings copy earlier titles.
func plan(n int, seed int64, templated bool) []note {
	r := rand.New(rand.NewPCG(uint64(seed), 0x6e6f746567656e))
	notes := make([]note, n)
	var titles titleSource
	if templated {
		titles = newTemplated(r, n)
	} else {
		titles = newFreeform(r)
	}
	var normal []int // notes with an ordinary title, to copy from
	for i := range notes {
		nt := &notes[i]
		x := r.Float64()
		switch {
		case x < rateDuplicate && len(normal) > 0:
			src := notes[normal[r.IntN(len(normal))]].title
			if r.IntN(2) == 0 {
				src = strings.ToLower(src) // still the same title once folded
			}
			nt.title = src
			nt.defects |= dDuplicate
		case x < rateDuplicate+rateNearDup && len(normal) > 0:
			src := notes[normal[r.IntN(len(normal))]].title
			nt.title, nt.reword = reword(r, src)
			nt.defects |= dNearDup
		case x < rateDuplicate+rateNearDup+rateUntitled:
			nt.title = []string{"Untitled", "Untitled (2)", "New note", "", "TBD"}[r.IntN(5)]
			nt.defects |= dUntitled
		default:
			nt.title = titles.next()
			normal = append(normal, i)
		}
		nt.track = tracks[r.IntN(len(tracks))]
		switch x := r.Float64(); {
		case x < rateNoTrack:
			nt.track = ""
			nt.defects |= dNoTrack
		case x < rateNoTrack+rateBadTrack:
			nt.track = misspelledTracks[r.IntN(len(misspelledTracks))]
			nt.defects |= dBadTrack
		}
		for _, d := range []struct {
			bit  int
			rate float64
		}{{dLeakedFront, rateLeakedFront}, {dJSONLD, rateJSONLD}, {dChangeLog, rateChangeLog},
			{dUnsourced, rateUnsourced}, {dSourced, rateSourced}} {
			if r.Float64() < d.rate {
				nt.defects |= d.bit
			}
		}
		nt.slug = fmt.Sprintf("%s-%d", slugify(nt.title), i)
		nt.date = fmt.Sprintf("%d-%02d-%02d", 2019+r.IntN(8), 1+r.IntN(12), 1+r.IntN(28))
	}
	return notes
}

type titleSource interface{ next() string }

// freeform fills title frames with words; titles do not repeat.
type freeform struct {
	r    *rand.Rand
	seen map[string]bool
	buf  strings.Builder
}

func newFreeform(r *rand.Rand) *freeform { return &freeform{r: r, seen: map[string]bool{}} }

func (f *freeform) next() string {
	for tries := 0; ; tries++ {
		t := f.fill(frames[f.r.IntN(len(frames))])
		if tries > 5 { // a rare made-up product name keeps it unique
			t += " at " + capitalize(madeUp(f.r))
		}
		if k := strings.ToLower(t); !f.seen[k] {
			f.seen[k] = true
			return t
		}
	}
}

func (f *freeform) fill(frame string) string {
	r := f.r
	b := &f.buf
	b.Reset()
	for i := 0; i < len(frame); i++ {
		if frame[i] != '%' || i+1 == len(frame) {
			b.WriteByte(frame[i])
			continue
		}
		i++
		switch frame[i] {
		case 'n':
			b.WriteString(capitalize(nouns[r.IntN(len(nouns))]))
		case 'N':
			if r.IntN(2) == 0 {
				b.WriteString(capitalize(nouns[r.IntN(len(nouns))]))
				b.WriteByte(' ')
			}
			b.WriteString(capitalize(plural(nouns[r.IntN(len(nouns))])))
		case 'a':
			b.WriteString(capitalize(adjectives[r.IntN(len(adjectives))]))
		case 'v':
			b.WriteString(verbs[r.IntN(len(verbs))])
		case 'p':
			b.WriteString(properNouns[r.IntN(len(properNouns))])
		case 'y':
			b.WriteString(years[r.IntN(len(years))])
		case 's':
			b.WriteString(driftVerbs[r.IntN(len(driftVerbs))])
		}
	}
	return b.String()
}

func madeUp(r *rand.Rand) string {
	syl := []string{"ka", "lo", "mi", "ven", "tor", "ra", "sel", "no", "qu", "ix", "bel", "dra"}
	var b strings.Builder
	for i := 0; i < 2+r.IntN(2); i++ {
		b.WriteString(syl[r.IntN(len(syl))])
	}
	return b.String()
}

// templated walks subjects × templates, like an archive written from a
// content plan.
type templated struct {
	tmpl     []string
	subjects []string
	i        int
}

func newTemplated(r *rand.Rand, n int) *templated {
	t := &templated{}
	for _, s := range templates {
		t.tmpl = append(t.tmpl, s)
		for _, a := range audiences {
			if !strings.Contains(s, "Teams") && r.IntN(3) == 0 {
				t.tmpl = append(t.tmpl, s+" for "+a)
			}
		}
	}
	seen := map[string]bool{}
	for len(t.subjects)*len(t.tmpl) < n {
		s := capitalize(adjectives[r.IntN(len(adjectives))]) + " " + capitalize(plural(nouns[r.IntN(len(nouns))]))
		if r.IntN(4) == 0 {
			s = capitalize(nouns[r.IntN(len(nouns))]) + " " + s
		}
		if !seen[s] {
			seen[s] = true
			t.subjects = append(t.subjects, s)
		}
	}
	return t
}

func (t *templated) next() string {
	s := t.subjects[t.i/len(t.tmpl)%len(t.subjects)]
	tm := t.tmpl[t.i%len(t.tmpl)]
	t.i++
	return fmt.Sprintf(tm, s)
}

// reword makes a near duplicate of t and says how: a style word swapped,
// a typo, a year refresh, a category prefix or a filler added, whichever
// applies first from a randomly chosen start.
func reword(r *rand.Rand, t string) (string, string) {
	start := []int{0, 0, 0, 1, 1, 2, 3, 3, 4, 4}[r.IntN(10)]
	for k := 0; k < 5; k++ {
		switch (start + k) % 5 {
		case 0: // a template or synonym word swapped
			for _, j := range r.Perm(len(swaps)) {
				a, b := swaps[j][0], swaps[j][1]
				if r.IntN(2) == 0 {
					a, b = b, a
				}
				if k := wordIndex(t, a); k >= 0 {
					return t[:k] + b + t[k+len(a):], "word swapped"
				}
			}
		case 1: // a typo in a long word: two inner letters transposed
			w := strings.Fields(t)
			for _, i := range r.Perm(len(w)) {
				x := w[i]
				if len(x) < 7 || strings.IndexFunc(x[1:], func(c rune) bool { return c < 'a' || c > 'z' }) >= 0 {
					continue
				}
				b := []byte(x)
				k := 2 + r.IntN(len(b)-4)
				if b[k] != b[k+1] {
					b[k], b[k+1] = b[k+1], b[k]
					w[i] = string(b)
					return strings.Join(w, " "), "typo"
				}
			}
		case 2: // a year refresh
			for yi, y := range years {
				if strings.Contains(t, "in "+y) {
					ny := years[(yi+1+r.IntN(len(years)-1))%len(years)]
					return strings.Replace(t, "in "+y, "in "+ny, 1), "year changed"
				}
			}
		case 3: // filed under a category
			if !strings.Contains(t, ":") {
				return categories[r.IntN(len(categories))] + ": " + t, "category prefix"
			}
		case 4: // a filler subtitle added
			if !strings.ContainsAny(t, "?:") {
				return t + ": A Complete Guide", "filler added"
			}
		}
	}
	return "The " + t + " Handbook", "reworded"
}

// wordIndex finds w in t as whole words.
func wordIndex(t, w string) int {
	for off := 0; ; {
		k := strings.Index(t[off:], w)
		if k < 0 {
			return -1
		}
		k += off
		end := k + len(w)
		if (k == 0 || t[k-1] == ' ') && (end == len(t) || strings.IndexByte(" :,?", t[end]) >= 0) {
			return k
		}
		off = k + 1
	}
}

func indexOf(l []string, s string) int {
	for i, x := range l {
		if x == s {
			return i
		}
	}
	return -1
}

func slugify(t string) string {
	var b strings.Builder
	dash := false
	for _, c := range strings.ToLower(t) {
		if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(c)
			if b.Len() >= 60 {
				break
			}
		} else {
			dash = true
		}
	}
	if b.Len() == 0 {
		return "note"
	}
	return b.String()
}

// write renders and writes the notes in parallel; each note's body comes
// from its own seeded generator, so the output does not depend on timing.
func write(dir string, notes []note, seed int64) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	cfg := "# Written by notegen.\ntracks:\n"
	for _, t := range tracks {
		cfg += "  - " + t + "\n"
	}
	if err := os.WriteFile(filepath.Join(dir, ".notelint.yml"), []byte(cfg), 0o644); err != nil {
		return err
	}
	made := map[string]bool{}
	for i := range notes {
		d := noteDir(dir, &notes[i])
		if !made[d] {
			if err := os.MkdirAll(d, 0o755); err != nil {
				return err
			}
			made[d] = true
		}
	}
	jobs := runtime.GOMAXPROCS(0)
	var wg sync.WaitGroup
	var once sync.Once
	var firstErr error
	next := make(chan int, 256)
	for w := 0; w < jobs; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf bytes.Buffer
			for i := range next {
				buf.Reset()
				render(&buf, &notes[i], rand.New(rand.NewPCG(uint64(seed), uint64(i)+1)))
				p := filepath.Join(noteDir(dir, &notes[i]), notes[i].slug+".md")
				if err := os.WriteFile(p, buf.Bytes(), 0o644); err != nil {
					once.Do(func() { firstErr = err })
				}
			}
		}()
	}
	for i := range notes {
		next <- i
	}
	close(next)
	wg.Wait()
	return firstErr
}

func noteDir(dir string, n *note) string {
	track := "unfiled"
	for i, t := range tracks {
		if n.track == t || n.track == misspelledTracks[i] {
			track = slugify(t)
		}
	}
	return filepath.Join(dir, track, n.date[:4])
}

// yamlQuote writes s as a double-quoted YAML string.
func yamlQuote(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

func render(b *bytes.Buffer, n *note, r *rand.Rand) {
	topic := statSubjects[r.IntN(len(statSubjects))]
	b.WriteString("---\ntitle: ")
	b.WriteString(yamlQuote(n.title))
	b.WriteByte('\n')
	if n.defects&dChangeLog == 0 {
		fmt.Fprintf(b, "description: %s\n", yamlQuote(fmt.Sprintf("How %s shows up in %s, and what to check first (reviewed %s).",
			topic, strings.ToLower(strings.TrimRight(n.title, "?!.")), n.date)))
	}
	if n.track != "" {
		fmt.Fprintf(b, "track: %s\n", n.track)
	}
	fmt.Fprintf(b, "slug: %s\ndate: %s\n---\n", n.slug, n.date)
	if n.defects&dLeakedFront != 0 {
		fmt.Fprintf(b, "slug: %s\ndate: %s\ntags: [operations]\n\n", n.slug, n.date)
	}
	if n.defects&dChangeLog != 0 {
		fmt.Fprintf(b, "| Date | Change |\n|------|--------|\n| %s | First version |\n| %s | Fixed a typo |\n\n", n.date, n.date)
	}
	fmt.Fprintf(b, openers[r.IntN(len(openers))], topic)
	paragraph(b, r, 2+r.IntN(3))
	b.WriteString("\n\n")
	paragraph(b, r, 2+r.IntN(2))
	fmt.Fprintf(b, " See [%s](https://example.com/docs/%s) for the details.\n\n", linkTexts[r.IntN(len(linkTexts))], n.slug)
	if n.defects&dSourced != 0 {
		fmt.Fprintf(b, "According to [%s](https://example.com/research/%d), %d%% of %s %s.\n\n",
			sourceNames[r.IntN(len(sourceNames))], r.IntN(1000), 5+r.IntN(90),
			statSubjects[r.IntN(len(statSubjects))], statCauses[r.IntN(len(statCauses))])
	}
	b.WriteString("## What to check\n\n")
	paragraph(b, r, 2+r.IntN(3))
	b.WriteString("\n\n")
	if n.defects&dUnsourced != 0 {
		fmt.Fprintf(b, "%d%% of %s %s.", 5+r.IntN(90), statSubjects[r.IntN(len(statSubjects))], statCauses[r.IntN(len(statCauses))])
		paragraph(b, r, 1)
		b.WriteString("\n\n")
	}
	if r.IntN(3) == 0 {
		b.WriteString("| Step | Owner | When |\n|------|-------|------|\n")
		for k := 0; k < 2+r.IntN(3); k++ {
			fmt.Fprintf(b, "| %s | %s | %s |\n", capitalize(nouns[r.IntN(len(nouns))])+" review",
				tracks[r.IntN(len(tracks))], []string{"Daily", "Weekly", "At month end"}[r.IntN(3)])
		}
		b.WriteByte('\n')
	}
	if r.IntN(2) == 0 {
		b.WriteString("## Checklist\n\n")
		for k := 0; k < 3+r.IntN(3); k++ {
			b.WriteString("- ")
			b.WriteString(sentences[r.IntN(len(sentences))])
			b.WriteByte('\n')
		}
		b.WriteByte('\n')
	}
	if n.defects&dJSONLD != 0 {
		fmt.Fprintf(b, "<script type=\"application/ld+json\">\n{\"@context\": \"https://schema.org\", \"@type\": \"Article\", \"headline\": %s}\n</script>\n\n", yamlQuote(n.title))
	}
	paragraph(b, r, 1+r.IntN(2))
	b.WriteByte('\n')
}

// paragraph writes k sentences, after a space unless a line starts here.
func paragraph(b *bytes.Buffer, r *rand.Rand, k int) {
	for i := 0; i < k; i++ {
		if l := b.Len(); l > 0 && b.Bytes()[l-1] != '\n' {
			b.WriteByte(' ')
		}
		b.WriteString(sentences[r.IntN(len(sentences))])
	}
}

func summary(w io.Writer, dir string, notes []note, seed int64, templated bool, took time.Duration) {
	kind := "free-form"
	if templated {
		kind = "templated"
	}
	fmt.Fprintf(w, "wrote %d notes to %s in %.1fs (seed %d, %s titles)\n", len(notes), dir, took.Seconds(), seed, kind)
	var counts [nDefects]int
	rewords := map[string]int{}
	for _, n := range notes {
		for d := 0; d < nDefects; d++ {
			if n.defects&(1<<d) != 0 {
				counts[d]++
			}
		}
		if n.reword != "" {
			rewords[n.reword]++
		}
	}
	fmt.Fprintln(w, "planted (notes):")
	for d := 0; d < nDefects; d++ {
		fmt.Fprintf(w, "  %7d  %s\n", counts[d], defectNames[d])
	}
	var ks []string
	for k := range rewords {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	var parts []string
	for _, k := range ks {
		parts = append(parts, fmt.Sprintf("%s %d", k, rewords[k]))
	}
	fmt.Fprintf(w, "  rewordings: %s\n", strings.Join(parts, ", "))
}
