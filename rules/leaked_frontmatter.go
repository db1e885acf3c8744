package rules

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/notelint/notelint/linter"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// LeakedFrontmatterOptions configures leaked-frontmatter.
type LeakedFrontmatterOptions struct {
	// Keys are the frontmatter keys whose "key: value" lines count as
	// leaked metadata when readers can see them.
	Keys []string `yaml:"keys"`

	compiled leakOnce
}

// Validate rejects empty keys.
func (o *LeakedFrontmatterOptions) Validate() error {
	for _, k := range o.Keys {
		if strings.TrimSpace(k) == "" {
			return errors.New("keys: a key must not be empty")
		}
	}
	return nil
}

// keySet compiles Keys once; the runner shares one options value between
// goroutines, and config has finished decoding before any rule runs.
func (o *LeakedFrontmatterOptions) keySet() *leakKeySet {
	o.compiled.once.Do(func() { o.compiled.keys = newLeakKeySet(o.Keys) })
	return o.compiled.keys
}

// leakDefaultKeys are the keys of Hugo, Jekyll, Eleventy, Ghost and the
// usual SEO plugins.
var leakDefaultKeys = []string{
	"title", "slug", "metaTitle", "meta_title", "seoTitle", "description",
	"metaDescription", "meta_description", "summary", "excerpt", "date",
	"lastmod", "publishDate", "expiryDate", "updated", "tags", "categories", "category",
	"keywords", "author", "authors", "draft", "layout", "permalink",
	"aliases", "canonical", "canonicalURL", "url", "image", "cover",
	"featured_image", "series", "weight", "type", "lang", "track",
}

var defaultLeakedFrontmatterOptions = &LeakedFrontmatterOptions{Keys: leakDefaultKeys}

// LeakedFrontmatter flags metadata that readers see as text.
var LeakedFrontmatter = &linter.Rule{
	ID:       "leaked-frontmatter",
	Title:    "frontmatter is shown to readers as text",
	Severity: linter.Error,
	Options:  func() any { return &LeakedFrontmatterOptions{Keys: slices.Clone(leakDefaultKeys)} },
	Doc: `Flags frontmatter that ends up in the text readers see instead of in the
note's metadata:

- ` + "`key: value`" + ` lines with frontmatter keys (` + "`title`, `slug`, `metaTitle`, `description`, `date`, `tags`" + `…)
  in the excerpt or at the top of the body;
- a second ` + "`---`" + ` (or ` + "`+++`" + `) block after the frontmatter;
- a JSON object with ` + "`\"frontmatter\"`" + ` or ` + "`\"title\"`" + ` keys there;
- a fenced ` + "```yaml" + ` block at the top of a note that has no frontmatter;
- a block that generators do not take as frontmatter: one that does not
  start on the first line of the file, an indented delimiter, a block that
  is never closed, one closed by ` + "`----`" + ` or ` + "`...`" + ` instead of ` + "`---`" + `, JSON
  frontmatter without the blank line after its closing brace;
- the same pasted into the ` + "`title`" + ` or ` + "`description`" + ` value.

**Why**: site generators read frontmatter only in one exact shape at the
very top of the file. Anything else is body text: the summary on the list
page reads "title: Shipping rules slug: shipping-rules date: 2024-03-01…",
and the page loses its real title, slug and date. Hugo stops the whole build
on a block that is never closed (or closed by ` + "`...`" + `) and leaves the extra
dashes of a ` + "`----`" + ` closer in the body; Jekyll and Eleventy show a block that
does not start on the first line as text.

**Flagged**: a block closed by the wrong line, or one that follows an empty
first line:

    ---
    title: Carrier cutoffs
    ...

a second block, or metadata pasted as a paragraph:

    ---
    title: Carrier cutoffs
    ---
    slug: carrier-cutoffs
    date: 2024-03-01

**Fine**: prose with colons, such as ` + "`Diagnosis: the event fired.`" + ` or
` + "`Note: restart the worker first.`" + ` Capitalised words count only when
several known keys come together (` + "`Title:`" + ` and ` + "`Date:`" + ` lines, as Pelican or
MultiMarkdown metadata), and YAML inside fenced code is documentation
unless it opens a note that has no frontmatter. TOML ` + "`key = value`" + ` lines count
only between ` + "`+++`" + ` lines, and lines inside Hugo shortcodes (` + "`{{< … >}}`" + `) are
configuration examples, not leaks.

**Fix**: put every key in one block between ` + "`---`" + ` lines that starts on the
first line of the file, and close it with ` + "`---`" + `. For JSON frontmatter,
leave an empty line after the closing brace.

**Configure** the keys that count (the default covers Hugo, Jekyll, Eleventy
and Ghost); keys match exactly, or ignoring case when several come together:

    rules:
      leaked-frontmatter:
        keys: [title, slug, date, tags, description, canonical_url]
`,
	Note: checkLeakedFrontmatter,
}

func checkLeakedFrontmatter(p *linter.NotePass) {
	opts, _ := p.Options.(*LeakedFrontmatterOptions)
	if opts == nil {
		opts = defaultLeakedFrontmatterOptions
	}
	c := fmCheck{p: p, n: p.Note, keys: opts.keySet()}
	c.top()
	c.excerpt()
	c.field(c.n.Title)
	c.field(c.n.Description)
}

// fmCheck is one run of leaked-frontmatter on a note. Without a pass it
// only records what it would report.
type fmCheck struct {
	p    *linter.NotePass
	n    *linter.Note
	keys *leakKeySet
	done leakSpans // text already reported
}

func (c *fmCheck) report(span, claim linter.Span, field, format string, args ...any) {
	c.done = append(c.done, claim)
	if c.p != nil {
		c.p.Report(linter.Report{Span: span, Field: field, Message: fmt.Sprintf(format, args...)})
	}
}

// leakFrontmatterTop is the text at the top of the body that
// leaked-frontmatter reports, so that other rules can leave it alone.
func leakFrontmatterTop(n *linter.Note, keys *leakKeySet) leakSpans {
	c := fmCheck{n: n, keys: keys}
	c.top()
	return c.done
}

// where says where the derived excerpt's text shows.
func (c *fmCheck) where() (field, text string) {
	if leakExcerptShown(c.n) {
		return "excerpt", "in the excerpt"
	}
	return "body", "at the top of the body"
}

func (c *fmCheck) moveHint() string {
	if c.n.Front.Format == "" {
		return "a frontmatter block (between --- lines) on the first line of the file"
	}
	return "the frontmatter block at the top of the file"
}

// top looks at the first non-blank line of the body.
func (c *fmCheck) top() {
	n, src := c.n, c.n.Src
	off := n.BodyStart
	for off < len(src) {
		end, next := leakLine(src, off)
		if !leakBlank(src, off, end) {
			break
		}
		off = next
	}
	if off >= len(src) {
		return
	}
	end, next := leakLine(src, off)
	ts, te := leakTrim(src, off, end)
	switch {
	case leakIs(src, ts, te, "---") || leakIs(src, ts, te, "+++"):
		c.delimited(off, ts, te, next)
	case src[ts] == '{':
		c.json(ts, true)
	case n.Front.Format == "" && (leakHasPrefixFold(src, ts, "```") || leakHasPrefixFold(src, ts, "~~~")):
		if fc, ok := n.Body.FirstChild().(*ast.FencedCodeBlock); ok && leakBlockStart(n, fc) == ts {
			if kind := leakFencedFrontmatter(n, fc, c.keys); kind != "" {
				span := leakLineSpan(src, ts)
				hint := "replace the fence lines with --- lines"
				switch kind {
				case "toml":
					hint = "replace the fence lines with +++ lines"
				case "json":
					hint = "remove the fence lines and leave an empty line after the closing brace"
				}
				c.report(span, linter.Span{Start: ts, End: n.BodyStart + fc.Lines().At(fc.Lines().Len()-1).Stop},
					"", "frontmatter is inside a code fence, so it sets no metadata and readers see it as code; %s", hint)
			}
		}
	}
}

// delimited checks a --- or +++ block at the top of the body: a second
// block after the frontmatter, or one generators do not recognise.
func (c *fmCheck) delimited(lineStart, ts, te, next int) {
	n, src := c.n, c.n.Src
	toml := src[ts] == '+'
	delim := string(src[ts:te])
	var keyLines, fold, lower int
	firstKey := ""
	closeStart, closeEnd := -1, -1
	blockEnd := len(src)
	for cur := next; cur < len(src); {
		end, nx := leakLine(src, cur)
		cs, ce := leakTrim(src, cur, end)
		if ce-cs >= 3 && leakDelimLine(src, cs, ce) {
			closeStart, closeEnd, blockEnd = cs, ce, nx
			break
		}
		if !leakYAMLish(src, cur, end, toml) {
			blockEnd = cur
			break
		}
		var ks, ke int
		var ok bool
		if toml {
			ks, ke, ok = leakTOMLKey(src, cur, end)
		} else {
			ks, ke, ok = leakYAMLKey(src, cur, end)
		}
		if ok && ks == cur { // top-level keys only
			keyLines++
			if k := src[ks]; 'a' <= k && k <= 'z' || k == '_' {
				lower++
			}
			if _, f := leakLookup(c.keys, src, ks, ke); f {
				fold++
				if firstKey == "" {
					firstKey = string(src[ks:ke])
				}
			}
		}
		cur = nx
	}
	// A thematic break followed by prose or a list is not a block. Keys
	// nobody configured ("_comment:", "template =") still make one when
	// the note has no frontmatter and the block is closed: nothing else
	// puts lower-case key lines between two delimiter lines.
	if fold == 0 && (n.Front.Format != "" || closeStart < 0 || lower == 0) {
		return
	}
	span := leakLineSpan(src, ts)
	claim := linter.Span{Start: ts, End: blockEnd}
	sep := ":"
	if toml {
		sep = " ="
	}
	if n.Front.Format != "" {
		c.report(span, claim, "", "a second %s block with frontmatter key %q is visible to readers; move its keys into the frontmatter block at the top of the file", delim, firstKey+sep)
		return
	}
	first := n.BodyStart // the first line, after the BOM
	switch closer := string(src[max(closeStart, 0):max(closeEnd, 0)]); {
	case ts > lineStart:
		c.report(span, claim, "", "frontmatter delimiter %q is indented, so generators other than Hugo show the block as text; start it at the beginning of the first line", delim)
	case lineStart > first:
		c.report(span, claim, "", "frontmatter block starts on line %d, not on the first line, so generators other than Hugo show it as text; remove the blank lines above it", n.Position(ts).Line)
	case closeStart < 0:
		c.report(span, claim, "", "frontmatter block is never closed, so it is read as text (Hugo stops the build); add a %s line after the last key", delim)
	case closer[0] != delim[0]:
		c.report(span, claim, "", "frontmatter block is closed by %q instead of %q, which stops a Hugo build; close it with %s", closer, delim, delim)
	case closer != delim:
		c.report(span, claim, "", "frontmatter block is closed by %q instead of %q, so Jekyll shows it as text and Hugo leaves the extra %c in the body; close it with %s", closer, delim, delim[0], delim)
	default:
		c.report(span, claim, "", "frontmatter-like block at the top of the body is shown to readers; make it the first thing in the file")
	}
}

// leakDelimLine reports whether s[start:end] is a run of one of '-', '+'
// or '.', a frontmatter closer or a near miss of one.
func leakDelimLine(s []byte, start, end int) bool {
	ch := s[start]
	if ch != '-' && ch != '+' && ch != '.' {
		return false
	}
	for i := start; i < end; i++ {
		if s[i] != ch {
			return false
		}
	}
	return true
}

// json checks a JSON object at src[off]: frontmatter that lacks the blank
// line after it, or an object with frontmatter keys in the body.
func (c *fmCheck) json(off int, top bool) bool {
	n, src := c.n, c.n.Src
	end, key, valid := leakJSONFrontmatter(src, off, len(src), c.keys)
	// An object on the first line of a note without frontmatter is meant
	// as frontmatter whatever its keys, unless it is JSON-LD.
	atStart := top && valid && n.Front.Format == "" && off == n.BodyStart && key != leakJSONLDKey
	if key == "" && !atStart || key == leakJSONLDKey {
		return false
	}
	span := leakLineSpan(src, off)
	claim := linter.Span{Start: off, End: end}
	if atStart {
		c.report(span, claim, "", "JSON frontmatter is not followed by a blank line, so it is read as body text; add an empty line after the closing brace")
		return true
	}
	field, where := c.where()
	if top {
		field, where = "", "at the top of the body"
	}
	c.report(span, claim, field, "JSON object with frontmatter key %q is visible to readers %s; move its keys into %s", key, where, c.moveHint())
	return true
}

// leakJSONLDKey is what leakJSONFrontmatter returns for a JSON-LD object,
// which is leaked-jsonld's to report.
const leakJSONLDKey = "@"

// leakJSONFrontmatter reads the JSON object at src[off:limit] and returns
// the key that makes it frontmatter ("frontmatter", "title", or a second
// configured key), leakJSONLDKey for JSON-LD, or "" for other objects.
// valid is false when the object does not parse; the key is then looked
// for in its first lines.
func leakJSONFrontmatter(src []byte, off, limit int, keys *leakKeySet) (end int, key string, valid bool) {
	dec := json.NewDecoder(bytes.NewReader(src[off:limit]))
	known, first := 0, ""
	ok := func() bool {
		if t, err := dec.Token(); err != nil || t != json.Delim('{') {
			return false
		}
		for dec.More() {
			t, err := dec.Token()
			if err != nil {
				return false
			}
			k, _ := t.(string)
			switch {
			case k == "@context" || k == "@type":
				key = leakJSONLDKey
			case k == "frontmatter" || k == "title":
				if key == "" {
					key = k
				}
			default:
				if e, _ := leakLookup(keys, k, 0, len(k)); e {
					known++
					if first == "" {
						first = k
					}
				}
			}
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return false
			}
		}
		_, err := dec.Token()
		return err == nil
	}()
	if ok {
		end = off + int(dec.InputOffset())
		if key == leakJSONLDKey {
			return end, key, true
		}
		if key == "" && known >= 2 {
			key = first
		}
		return end, key, true
	}
	// Not valid JSON, yet readers still see it: look for the keys in the
	// first lines of the object.
	stop := off
	for i := 0; i < 8 && stop < limit; i++ {
		e, nx := leakLine(src, stop)
		if i > 0 && leakBlank(src, stop, e) {
			break
		}
		stop = nx
	}
	if leakIndex(src[off:stop], 0, `"@context"`) >= 0 || leakIndex(src[off:stop], 0, `"@type"`) >= 0 {
		return stop, leakJSONLDKey, false
	}
	for _, k := range []string{"frontmatter", "title"} {
		for i := leakIndex(src[:stop], off, `"`+k+`"`); i >= 0; i = leakIndex(src[:stop], i+1, `"`+k+`"`) {
			j := i + len(k) + 2
			for j < stop && leakIsSpace(src[j]) {
				j++
			}
			if j < stop && src[j] == ':' {
				return stop, k, false
			}
		}
	}
	return stop, "", false
}

// leakFencedFrontmatter reports what kind of frontmatter ("yaml", "toml"
// or "json") a fenced code block holds, or "". Its language must be empty
// or a frontmatter format, and its first line (after an optional ---) a
// key line with a configured key.
func leakFencedFrontmatter(n *linter.Note, fc *ast.FencedCodeBlock, keys *leakKeySet) string {
	body := n.BodySrc()
	lang := ""
	if fc.Info != nil {
		lang = strings.ToLower(string(fc.Language(body)))
	}
	switch lang {
	case "", "yaml", "yml", "toml", "json", "frontmatter", "front-matter", "md", "markdown":
	default:
		return ""
	}
	lines := fc.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		end, _ := leakLine(body, seg.Start)
		end = min(end, seg.Stop)
		ts, te := leakTrim(body, seg.Start, end)
		if ts == te || leakIs(body, ts, te, "---") || leakIs(body, ts, te, "+++") {
			continue
		}
		if body[ts] == '{' {
			_, key, _ := leakJSONFrontmatter(body, ts, lines.At(lines.Len()-1).Stop, keys)
			if key != "" && key != leakJSONLDKey {
				return "json"
			}
			return ""
		}
		if ks, ke, ok := leakYAMLKey(body, seg.Start, end); ok {
			if _, f := leakLookup(keys, body, ks, ke); f {
				return "yaml"
			}
		}
		if ks, ke, ok := leakTOMLKey(body, seg.Start, end); ok {
			if _, f := leakLookup(keys, body, ks, ke); f {
				return "toml"
			}
		}
		return ""
	}
	return ""
}

// excerpt looks for key lines and JSON objects in the paragraphs and
// setext headings of the derived excerpt, which is also the top of the
// body.
func (c *fmCheck) excerpt() {
	n, src := c.n, c.n.Src
	for _, b := range n.Derived.Blocks {
		switch b.Node.(type) {
		case *ast.Paragraph, *ast.Heading:
		default:
			continue
		}
		lines := b.Node.Lines()
		if lines.Len() == 0 {
			continue
		}
		start := n.BodyStart + lines.At(0).Start
		start, _ = leakTrim(src, start, n.BodyStart+lines.At(0).Stop)
		if c.done.covers(start) || c.done.covers(b.Text.Span.Start) {
			continue
		}
		if _, ok := b.Node.(*ast.Heading); ok && leakBlockStart(n, b.Node) < start {
			continue // an ATX heading: "## Date: Monday" is a heading
		}
		if start < len(src) && src[start] == '{' {
			c.json(start, false)
			continue
		}
		c.keyRuns(lines, b.Text.Span.End)
	}
}

// keyRuns reports runs of consecutive YAML key lines in a block's lines
// that start before limit (the end of the excerpt's text). A run counts
// when it has a key spelled as configured ("slug:") and either opens the
// block or has two lines, or when it has three keys that match ignoring
// case, or two including title or slug (Pelican's "Title:" and "Date:"
// lines). TOML "key = value" lines count only between +++ lines: in a
// paragraph they are configuration examples far more often than leaks.
func (c *fmCheck) keyRuns(lines *text.Segments, limit int) {
	n, src := c.n, c.n.Src
	var run struct {
		first, start, count, exact, fold int
		strong                           bool
		key                              string
	}
	flush := func() {
		r := run
		run.count = 0
		if r.count == 0 {
			return
		}
		leak := r.exact >= 1 && (r.first == 0 || r.count >= 2) ||
			r.fold >= 3 || r.fold >= 2 && r.strong
		if !leak || c.done.covers(r.start) {
			return
		}
		field, where := c.where()
		span := leakLineSpan(src, r.start)
		more := ""
		if r.fold > 1 {
			more = fmt.Sprintf(" (and %d more)", r.fold-1)
		}
		c.report(span, span, field, "frontmatter key %q%s is visible to readers %s; move it into %s",
			r.key, more, where, c.moveHint())
	}
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		ls := n.BodyStart + seg.Start
		if ls >= limit {
			break
		}
		le, _ := leakLine(src, ls)
		le = min(le, n.BodyStart+seg.Stop)
		if ts, _ := leakTrim(src, ls, le); leakHasPrefixFold(src, ts, "{{<") || leakHasPrefixFold(src, ts, "{{%") {
			// Hugo shortcode content, such as a code-toggle config
			// example; the shortcode renders it as code.
			return
		}
		ks, ke, ok := leakYAMLKey(src, ls, le)
		if !ok {
			flush()
			continue
		}
		if run.count == 0 {
			run.first, run.start, run.exact, run.fold, run.strong, run.key = i, ks, 0, 0, false, ""
		}
		run.count++
		e, f := leakLookup(c.keys, src, ks, ke)
		if e {
			run.exact++
		}
		if f {
			run.fold++
			if run.key == "" || e && run.exact == 1 {
				run.key = string(src[ks:ke]) + ":"
			}
			if leakHasPrefixFold(src, ks, "title") && ke-ks == 5 || leakHasPrefixFold(src, ks, "slug") && ke-ks == 4 {
				run.strong = true
			}
		}
	}
	flush()
}

// field looks for frontmatter pasted into a title or description value.
func (c *fmCheck) field(t linter.Text) {
	s := t.Text
	if !t.IsSet() || s == "" {
		return
	}
	name := t.Field
	if name == "h1" {
		name = "title heading"
	}
	delimAt := -1
	for off := 0; off < len(s); {
		end, next := leakLine(s, off)
		ts, te := leakTrim(s, off, end)
		if leakIs(s, ts, te, "---") || leakIs(s, ts, te, "+++") {
			if delimAt < 0 {
				delimAt = ts
			}
			off = next
			continue
		}
		ks, ke, ok := leakYAMLKey(s, off, end)
		sep := ":"
		if !ok {
			ks, ke, ok = leakTOMLKey(s, off, end)
			sep = " ="
		}
		if ok {
			e, f := leakLookup(c.keys, s, ks, ke)
			self := f && strings.EqualFold(strings.Trim(s[ks:ke], `"'`), t.Field)
			if e || f && (delimAt >= 0 || self) {
				at := ks
				if delimAt >= 0 {
					at = delimAt
				}
				c.fieldReport(t, name, at, te, "frontmatter key %q", s[ks:ke]+sep)
				return
			}
		}
		off = next
	}
	// Several keys run together on one line, as a folded YAML value shows
	// a pasted block: "Shipping rules slug: shipping-rules date: 2024-03-01".
	first, keys := -1, 0
	for i := leakIndex(s, 0, ": "); i >= 0; i = leakIndex(s, i+1, ": ") {
		ks := i
		for ks > 0 && (leakIsLetter(s[ks-1]) || leakIsDigit(s[ks-1]) || s[ks-1] == '_') {
			ks--
		}
		if ks == i || ks > 0 && !leakIsSpace(s[ks-1]) {
			continue
		}
		if e, _ := leakLookup(c.keys, s, ks, i); e {
			keys++
			if first < 0 {
				first = ks
			}
		}
	}
	if keys >= 2 {
		end, _ := leakLine(s, first)
		c.fieldReport(t, name, first, end, "frontmatter keys (%d)", keys)
		return
	}
	ts, _ := leakTrim(s, 0, len(s))
	if ts < len(s) && s[ts] == '{' {
		if _, key, _ := leakJSONFrontmatter([]byte(s), ts, len(s), c.keys); key != "" && key != leakJSONLDKey {
			c.fieldReport(t, name, ts, len(s), "a JSON object with key %q", key)
		}
	}
}

func (c *fmCheck) fieldReport(t linter.Text, name string, i, j int, what string, args ...any) {
	span := t.SpanOf(i, j)
	if c.done.covers(span.Start) {
		return
	}
	c.report(span, span, "", "%s contains %s, which readers see as text; remove it from the %s", name, fmt.Sprintf(what, args...), name)
}
