package linter

import (
	"unsafe"

	"github.com/notelint/notelint/linter/site"
	"github.com/yuin/goldmark/ast"
)

// Note is one parsed Markdown file. Every piece of text it exposes keeps the
// byte offsets it came from, so findings point into the original file.
type Note struct {
	// Path is slash-separated and relative to the working directory (or
	// absolute when the file lies outside it).
	Path string
	// Src is the file exactly as read: BOM, CRLF and frontmatter included.
	Src []byte

	Front Frontmatter

	// Title is the effective title: the title field, else the first H1
	// (outside template blocks: see templateBlocks).
	// Title.Field tells which ("title", or "h1"); Title.Field is "" when the
	// note has no title at all.
	Title Text
	// Description is the first non-empty description-like field.
	Description Text
	// Excerpt is what a site shows as the note's summary: Description if
	// set, else Derived.
	Excerpt Text
	// Derived is the excerpt a site generator derives from the body: its
	// plain text up to <!--more-->, or the first N words.
	Derived Excerpt
	Track   Text
	Slug    Text
	Date    Text
	Draft   bool

	// Page is what the site's generator does with the note: whether it is
	// a page of its own, its language, URL and title source. Rules that
	// judge pages (titles, URLs, tracks) run only where Page.Published is
	// set; see Rule.Pages.
	Page site.Page

	// Body is the goldmark AST of the body. Its segment offsets are
	// relative to BodyStart. Body and Derived are released once per-note
	// rules have run; archive-wide rules see metadata only.
	Body      ast.Node
	BodyStart int

	// Broken is set when the note could not be parsed well enough for
	// content rules to run; Problem says why and where.
	Broken  bool
	Problem *Problem

	lines   lineIndex
	sups    []*Suppression
	context bool // read for comparison only; see Source.Context
}

// release drops what only per-note rules need (the syntax tree and the
// derived excerpt, whose blocks point into it) before archive-wide rules
// run, so a large archive keeps only metadata in memory.
//
// Src is cut to the metadata too: archive-wide rules report at the spans of
// the frontmatter, its fields and the title, so the body after them is
// dropped unless the note has suppression comments (whose spans unused
// suppressions are reported at). On a large archive that is a third of
// what stays in memory.
func (n *Note) release() {
	n.Body = nil
	n.Derived = Excerpt{}
	if n.Excerpt.Field == "excerpt" {
		n.Excerpt = Text{}
	}
	if len(n.sups) > 0 {
		return
	}
	keep := max(n.BodyStart, n.Front.Span.End)
	for _, t := range []*Text{&n.Title, &n.Description, &n.Excerpt, &n.Track, &n.Slug, &n.Date} {
		keep = max(keep, t.Span.End)
	}
	for _, f := range n.Front.Fields {
		keep = max(keep, f.KeySpan.End, f.Text.Span.End)
	}
	if keep < len(n.Src) {
		n.Src = append([]byte(nil), n.Src[:keep]...)
		n.lines = n.lines.truncate(n.Src)
	}
}

// BodySrc is the part of Src that goldmark parsed.
func (n *Note) BodySrc() []byte { return n.Src[n.BodyStart:] }

// Position converts a byte offset into Src to a line and column.
func (n *Note) Position(off int) Position { return n.lines.position(off) }

// Offset converts a line and column back to a byte offset into Src.
func (n *Note) Offset(p Position) int { return n.lines.offset(p) }

// BodySpan converts a goldmark segment range (relative to the body) to a
// Span in Src.
func (n *Note) BodySpan(start, stop int) Span {
	return Span{n.BodyStart + start, n.BodyStart + stop}
}

// Problem is why a note could not be read or parsed.
type Problem struct {
	Span    Span
	Message string
}

// Text is a piece of text together with where it came from. Text may differ
// from the source bytes (quotes, escapes, joined lines); segs maps offsets in
// Text back to Src where that is possible.
type Text struct {
	Text  string
	Span  Span
	Field string // frontmatter key, "h1", or "excerpt"
	segs  []textSeg
}

type textSeg struct {
	text, src, n int // Text[text:text+n] == Src[src:src+n]
}

// IsSet reports whether the text was found at all (it may still be empty).
func (t Text) IsSet() bool { return t.Field != "" }

// SpanOf maps the byte range [i, j) of t.Text to a Span in Src. Where the
// text has no exact source (a value with escapes), t.Span is returned.
func (t Text) SpanOf(i, j int) Span {
	if len(t.segs) == 0 {
		return t.Span
	}
	if j < i {
		j = i
	}
	sp := Span{t.srcOffset(i, false), t.srcOffset(j, true)}
	if sp.End < sp.Start {
		// The text's pieces are not in source order (goldmark can move
		// a line into a heading): cover every piece the range touches.
		sp = Span{sp.End, sp.Start}
		for _, s := range t.segs {
			if s.text < j && s.text+s.n > i {
				sp.Start = min(sp.Start, s.src+max(i-s.text, 0))
				sp.End = max(sp.End, s.src+min(j-s.text, s.n))
			}
		}
	}
	return sp
}

func (t Text) srcOffset(i int, end bool) int {
	for k, s := range t.segs {
		if i < s.text+s.n || (end && i == s.text+s.n) {
			if i < s.text {
				if end && k > 0 {
					p := t.segs[k-1]
					return p.src + p.n
				}
				return s.src
			}
			return s.src + i - s.text
		}
	}
	last := t.segs[len(t.segs)-1]
	return last.src + last.n
}

// exactText builds a Text whose every byte stands at src[off:].
func exactText(field, s string, off int) Text {
	return Text{Text: s, Span: Span{off, off + len(s)}, Field: field,
		segs: []textSeg{{0, off, len(s)}}}
}

// textBuilder joins pieces of source into one Text, keeping the mapping.
// A TextBuffer builds several texts one after another in one builder: the
// one being built starts at buf[base] and segs[seg0].
type textBuilder struct {
	buf        []byte
	segs       []textSeg
	span       Span
	base, seg0 int
}

func (b *textBuilder) add(src []byte, start, stop int) {
	if stop <= start {
		return
	}
	if len(b.segs) == b.seg0 {
		b.span = Span{start, stop}
	} else {
		b.span.Start = min(b.span.Start, start)
		b.span.End = max(b.span.End, stop)
	}
	if n := len(b.segs); n > b.seg0 {
		last := &b.segs[n-1]
		if last.src+last.n == start && last.text+last.n == len(b.buf)-b.base {
			last.n += stop - start
			b.buf = append(b.buf, src[start:stop]...)
			return
		}
	}
	b.segs = append(b.segs, textSeg{len(b.buf) - b.base, start, stop - start})
	b.buf = append(b.buf, src[start:stop]...)
}

// sep adds a separator that exists in no source (a space between lines).
func (b *textBuilder) sep(s string) {
	if len(b.buf) == b.base || b.buf[len(b.buf)-1] == ' ' || b.buf[len(b.buf)-1] == '\n' {
		return
	}
	b.buf = append(b.buf, s...)
}

// TextBuffer renders the plain texts of several nodes of a note one after
// another, exactly as NodeText does, into buffers it keeps from one use to
// the next: for rules that read many blocks of every note and should not
// allocate for each.
type TextBuffer struct{ b textBuilder }

// TextRef locates one text in a TextBuffer.
type TextRef struct {
	start, end     int // in the buffer's bytes
	segsAt, segsTo int
	span           Span
}

// Reset empties the buffer. Texts made from it before must not be used
// afterwards.
func (tb *TextBuffer) Reset() {
	tb.b = textBuilder{buf: tb.b.buf[:0], segs: tb.b.segs[:0]}
}

// Add renders node, a node of n's body, after the texts already in the
// buffer.
func (tb *TextBuffer) Add(n *Note, node ast.Node) TextRef {
	b := &tb.b
	b.base, b.seg0, b.span = len(b.buf), len(b.segs), Span{}
	n.appendNode(b, node)
	return TextRef{b.base, len(b.buf), b.seg0, len(b.segs), b.span}
}

// Bytes is the text of r, valid until the buffer changes.
func (tb *TextBuffer) Bytes(r TextRef) []byte { return tb.b.buf[r.start:r.end] }

// All is every text added since Reset, one after the other.
func (tb *TextBuffer) All() []byte { return tb.b.buf }

// Text returns the Text of r. all must be string(tb.All()), made once for
// every text of the buffer: the Text's string is a part of it, and its
// offset map stays in the buffer until Reset.
func (tb *TextBuffer) Text(all string, r TextRef) Text {
	t := Text{Text: all[r.start:r.end], Span: r.span}
	if r.segsTo > r.segsAt {
		t.segs = tb.b.segs[r.segsAt:r.segsTo:r.segsTo]
	}
	return t
}

// text returns what was built. The builder hands over its buffer (the
// text is not copied) and must not be used afterwards.
func (b *textBuilder) text(field string) Text {
	var s string
	if len(b.buf) > 0 {
		s = unsafe.String(&b.buf[0], len(b.buf))
	}
	b.buf = nil
	return Text{Text: s, Span: b.span, Field: field, segs: b.segs}
}

// Excerpt is the summary a site generator derives from the body, block by
// block, so rules can see what kind of Markdown produced each part.
type Excerpt struct {
	Text
	Blocks []ExcerptBlock
	// More is set when the body has a <!--more--> marker.
	More bool
}

// ExcerptBlock is one top-level block that contributes to the excerpt.
type ExcerptBlock struct {
	Node ast.Node
	Text Text
}

// Frontmatter is the metadata block at the very top of a note, exactly as a
// site generator would recognise it.
type Frontmatter struct {
	Format  string // "yaml", "toml", "json" (also <!--{…}-->), or "" when there is none
	Span    Span   // the whole block, delimiters included
	Content Span   // between the delimiters
	Fields  []Field
}

// Field is one top-level frontmatter key and its value.
type Field struct {
	Key     string
	KeySpan Span
	Value   any  // decoded value: string, number, bool, []any, map, nil
	Text    Text // string form of a scalar value, with its span
	Scalar  bool
}

// Lookup returns the decoded value of the field named key; it lets the
// site model read a note's frontmatter.
func (f *Frontmatter) Lookup(key string) (any, bool) {
	if fl, ok := f.Get(key); ok {
		return fl.Value, true
	}
	return nil, false
}

// Get returns the field named key (exact match first, then case-insensitive).
func (f *Frontmatter) Get(key string) (*Field, bool) {
	for i := range f.Fields {
		if f.Fields[i].Key == key {
			return &f.Fields[i], true
		}
	}
	for i := range f.Fields {
		if equalFold(f.Fields[i].Key, key) {
			return &f.Fields[i], true
		}
	}
	return nil, false
}

func equalFold(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}
