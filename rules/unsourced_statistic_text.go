package rules

import (
	"github.com/yuin/goldmark/ast"

	"github.com/notelint/notelint/linter"
)

// statText is the plain text of a unit with its mapping to the source, as
// Note.NodeText gives it, but built into buffers the checker reuses. A
// title or a description, or a block statTextBuilder cannot render, keeps
// the linter.Text it came from instead (ext).
type statText struct {
	Text   string
	span   linter.Span
	segs   []statSeg
	hasExt bool
	ext    linter.Text
}

// statExtText wraps a linter.Text.
func statExtText(t linter.Text) statText {
	return statText{Text: t.Text, hasExt: true, ext: t}
}

// statSeg is a run of text copied from the source:
// Text[text:text+n] == Src[src:src+n].
type statSeg struct{ text, src, n int }

// SpanOf maps the byte range [i, j) of the text to a Span in Src, as
// linter.Text.SpanOf does.
func (t *statText) SpanOf(i, j int) linter.Span {
	if t.hasExt {
		return t.ext.SpanOf(i, j)
	}
	if len(t.segs) == 0 {
		return t.span
	}
	if j < i {
		j = i
	}
	sp := linter.Span{Start: t.srcOffset(i, false), End: t.srcOffset(j, true)}
	if sp.End < sp.Start {
		// The pieces are not in source order (goldmark can move a line
		// into a heading): cover every piece the range touches.
		sp = linter.Span{Start: sp.End, End: sp.Start}
		for _, s := range t.segs {
			if s.text < j && s.text+s.n > i {
				sp.Start = min(sp.Start, s.src+max(i-s.text, 0))
				sp.End = max(sp.End, s.src+min(j-s.text, s.n))
			}
		}
	}
	return sp
}

func (t *statText) srcOffset(i int, end bool) int {
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

// statTextBuilder builds the plain texts of a group's units one after the
// other into one buffer, the way Note.NodeText builds one.
type statTextBuilder struct {
	buf  []byte
	segs []statSeg
	// the text being built: where it starts in buf and segs, and its span
	base, seg0 int
	span       linter.Span
}

// statBuilt locates a built text in the builder's buffers.
type statBuilt struct {
	start, end     int // in buf
	segsAt, segsTo int // in segs
	span           linter.Span
	ok             bool // false: the node has content only NodeText renders
}

func (b *statTextBuilder) reset() {
	b.buf, b.segs = b.buf[:0], b.segs[:0]
}

// build appends the plain text of node, whose segments are offsets into
// src, the note's body starting at off in the note's Src.
func (b *statTextBuilder) build(src []byte, off int, node ast.Node) statBuilt {
	b.base, b.seg0, b.span = len(b.buf), len(b.segs), linter.Span{}
	ok := b.node(src, off, node)
	return statBuilt{b.base, len(b.buf), b.seg0, len(b.segs), b.span, ok}
}

// text returns the built text t as a statText over str, the buffer as a
// string.
func (b *statTextBuilder) text(str string, t statBuilt) statText {
	segs := b.segs[t.segsAt:t.segsTo:t.segsTo]
	if len(segs) == 0 {
		segs = nil
	}
	return statText{Text: str[t.start:t.end], span: t.span, segs: segs}
}

func (b *statTextBuilder) add(off, start, stop int) {
	if stop <= start {
		return
	}
	src, end := off+start, off+stop
	if len(b.segs) == b.seg0 {
		b.span = linter.Span{Start: src, End: end}
	} else {
		b.span.Start = min(b.span.Start, src)
		b.span.End = max(b.span.End, end)
	}
	if n := len(b.segs); n > b.seg0 {
		last := &b.segs[n-1]
		if last.src+last.n == src && last.text+last.n == len(b.buf)-b.base {
			last.n += stop - start
			return
		}
	}
	b.segs = append(b.segs, statSeg{len(b.buf) - b.base, src, stop - start})
}

// sep adds the space NodeText puts between lines and blocks.
func (b *statTextBuilder) sep() {
	if n := len(b.buf); n == b.base || b.buf[n-1] == ' ' || b.buf[n-1] == '\n' {
		return
	}
	b.buf = append(b.buf, ' ')
}

func (b *statTextBuilder) node(src []byte, off int, node ast.Node) bool {
	switch v := node.(type) {
	case *ast.Text:
		if v.Segment.Stop > v.Segment.Start {
			b.add(off, v.Segment.Start, v.Segment.Stop)
			b.buf = append(b.buf, src[v.Segment.Start:v.Segment.Stop]...)
		}
		if v.SoftLineBreak() || v.HardLineBreak() {
			b.sep()
		}
		return true
	case *ast.String, *ast.RawHTML, *ast.Image:
		return true
	case *ast.AutoLink:
		label := v.Label(src)
		if len(label) > 0 && cap(label) <= cap(src) {
			at := cap(src) - cap(label)
			if at >= 0 && at+len(label) <= len(src) {
				b.add(off, at, at+len(label))
				b.buf = append(b.buf, src[at:at+len(label)]...)
			}
		}
		return true
	case *ast.HTMLBlock:
		return false
	}
	block := node.Type() == ast.TypeBlock
	if block {
		b.sep()
		if node.FirstChild() == nil {
			lines := node.Lines()
			for i := 0; i < lines.Len(); i++ {
				seg := lines.At(i)
				stop := seg.Stop
				for stop > seg.Start && (src[stop-1] == '\n' || src[stop-1] == '\r') {
					stop--
				}
				if stop > seg.Start {
					b.add(off, seg.Start, stop)
					b.buf = append(b.buf, src[seg.Start:stop]...)
				}
				b.sep()
			}
			return true
		}
	}
	for ch := node.FirstChild(); ch != nil; ch = ch.NextSibling() {
		if !b.node(src, off, ch) {
			return false
		}
	}
	if block {
		b.sep()
	}
	return true
}
