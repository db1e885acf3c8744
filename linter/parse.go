package linter

import (
	"bytes"
	"fmt"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	gmparser "github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// Fields names the frontmatter keys notelint reads. Each list is tried in
// order; the first key present wins.
type Fields struct {
	Title       StringList `yaml:"title"`
	Description StringList `yaml:"description"`
	Track       StringList `yaml:"track"`
	Slug        StringList `yaml:"slug"`
	Date        StringList `yaml:"date"`
	Draft       StringList `yaml:"draft"`
}

// DefaultFields are the keys used when the config names none.
func DefaultFields() Fields {
	return Fields{
		Title:       StringList{"title"},
		Description: StringList{"description", "summary", "excerpt", "custom_excerpt", "meta_description", "metaDescription"},
		Track:       StringList{"track"},
		Slug:        StringList{"slug"},
		Date:        StringList{"date"},
		Draft:       StringList{"draft"},
	}
}

// ParseOptions controls how notes are read.
type ParseOptions struct {
	Fields Fields
	// ExcerptWords is how many words a derived excerpt keeps when the body
	// has no <!--more--> marker.
	ExcerptWords int
	// FrontAfterSpace finds the frontmatter after blank lines and
	// indentation, as Hugo and Zola do; other generators need it on the
	// first line. The site model sets it.
	FrontAfterSpace bool
}

// DefaultParseOptions matches Hugo's defaults.
func DefaultParseOptions() ParseOptions {
	return ParseOptions{Fields: DefaultFields(), ExcerptWords: 70}
}

// markdown is safe for concurrent use. GFM adds tables, autolinks (bare
// URLs count as source links), strikethrough and task lists.
// Heading attributes ("# Title {#id .class}", as Hugo, MkDocs' attr_list
// and kramdown write them) are markup, not part of the title.
var markdown = goldmark.New(goldmark.WithExtensions(extension.GFM, extension.Footnote),
	goldmark.WithParserOptions(gmparser.WithAttribute()))

type parser struct {
	src   []byte
	lines *lineIndex
	// The fast YAML decoder's block copy and shared offset maps.
	fmText string
	fmBase int
	fmSegs []textSeg
}

// Parse reads one note. It never fails: a note that cannot be parsed is
// returned with Broken set and Problem saying where and why.
func Parse(path string, src []byte, opt ParseOptions) *Note {
	n := &Note{Path: path, Src: src, lines: newLineIndex(src)}
	p := &parser{src: src, lines: &n.lines}
	if prob := checkEncoding(src); prob != nil {
		n.Broken, n.Problem = true, prob
		return n
	}
	start := 0
	if hasBOM(src) {
		start = len(bom)
	}
	n.BodyStart = start
	fmStart := start
	if opt.FrontAfterSpace {
		// Hugo and Zola skip white space before the frontmatter.
		for fmStart < len(src) && (src[fmStart] == ' ' || src[fmStart] == '\t' || src[fmStart] == '\n' || src[fmStart] == '\r') {
			fmStart++
		}
		if fmStart == len(src) {
			fmStart = start
		}
	}
	if format, block, content, ok := locateFrontmatter(src, fmStart); ok {
		n.Front = Frontmatter{Format: format, Span: block, Content: content}
		if prob := p.decodeFrontmatter(&n.Front); prob != nil {
			n.Broken, n.Problem = true, prob
			return n
		}
		n.BodyStart = block.End
	}
	if prob := checkNesting(src, n.BodyStart); prob != nil {
		n.Broken, n.Problem = true, prob
		return n
	}
	n.Body = markdown.Parser().Parse(text.NewReader(src[n.BodyStart:]))
	if blocks := templateBlocks(src[n.BodyStart:], n.Body); len(blocks) > 0 {
		demoteTemplateHeadings(n.Body, blocks)
	}

	f := opt.Fields
	n.Title = n.fieldText(f.Title, false)
	if !n.Title.IsSet() {
		n.Title = n.firstH1()
	}
	n.Description = n.fieldText(f.Description, true)
	n.Track = n.fieldText(f.Track, false)
	n.Slug = n.fieldText(f.Slug, false)
	n.Date = n.fieldText(f.Date, false)
	if d := n.fieldText(f.Draft, false); d.IsSet() {
		n.Draft = d.Text == "true"
	}
	words := opt.ExcerptWords
	if words <= 0 {
		words = 70
	}
	n.Derived = n.deriveExcerpt(words)
	if n.Description.IsSet() && n.Description.Text != "" {
		n.Excerpt = n.Description
	} else {
		n.Excerpt = n.Derived.Text
	}
	return n
}

// checkEncoding rejects what is not UTF-8 text.
func checkEncoding(src []byte) *Problem {
	if len(src) >= 2 && ((src[0] == 0xFF && src[1] == 0xFE) || (src[0] == 0xFE && src[1] == 0xFF)) {
		return &Problem{Span: Span{0, 2}, Message: "file is UTF-16 encoded; save it as UTF-8"}
	}
	head := src[:min(len(src), 8000)]
	if i := bytes.IndexByte(head, 0); i >= 0 {
		return &Problem{Span: Span{i, i + 1}, Message: "binary file (NUL byte); not a Markdown note"}
	}
	if !utf8.Valid(src) {
		off := 0
		for off < len(src) {
			r, size := utf8.DecodeRune(src[off:])
			if r == utf8.RuneError && size <= 1 {
				break
			}
			off += size
		}
		return &Problem{Span: Span{off, off + 1}, Message: fmt.Sprintf("invalid UTF-8 (byte 0x%02X); save the file as UTF-8", src[off])}
	}
	return nil
}

// maxNesting bounds block nesting on one line. Markdown parsers take time
// quadratic in the depth of "> > > ..." or "- - - ..." prefixes; no real
// note nests this deep, and a hostile one must not stall a CI run.
const maxNesting = 200

// checkNesting rejects a body with a line whose container prefix (block
// quote markers and list bullets) nests deeper than maxNesting.
func checkNesting(src []byte, start int) *Problem {
	// Only the start of each line matters; lines are found with IndexByte
	// unless the file has CR line endings.
	crlf := bytes.IndexByte(src[start:], '\r') >= 0
	for lineStart := start; lineStart < len(src); {
		depth, i := 0, lineStart
	prefix:
		for ; i < len(src); i++ {
			c := src[i]
			switch {
			case c == '\n' || c == '\r':
				break prefix
			case c == '>' || ((c == '-' || c == '*' || c == '+') && i+1 < len(src) && (src[i+1] == ' ' || src[i+1] == '\t')):
				depth++
				if depth > maxNesting {
					return &Problem{Span: Span{lineStart, i + 1}, Message: fmt.Sprintf("blocks nest more than %d deep on one line; notelint does not parse this note", maxNesting)}
				}
			case c == ' ' || c == '\t' || ('0' <= c && c <= '9') || c == '.' || c == ')':
			default:
				break prefix
			}
		}
		if crlf {
			for i < len(src) && src[i] != '\n' && src[i] != '\r' {
				i++
			}
			lineStart = i + 1
			continue
		}
		j := bytes.IndexByte(src[i:], '\n')
		if j < 0 {
			break
		}
		lineStart = i + j + 1
	}
	return nil
}

// fieldText returns the first of keys present in the frontmatter. With
// nonEmpty, keys whose value is empty are passed over.
func (n *Note) fieldText(keys []string, nonEmpty bool) Text {
	for _, k := range keys {
		f, ok := n.Front.Get(k)
		if !ok {
			continue
		}
		if !f.Scalar {
			// A list or table where a string belongs: keep the key's span
			// so rules can point at it.
			if nonEmpty {
				continue
			}
			return Text{Span: f.KeySpan, Field: f.Key}
		}
		if nonEmpty && f.Text.Text == "" {
			continue
		}
		return f.Text
	}
	return Text{}
}

// firstH1 is the text of the body's first level-1 heading.
func (n *Note) firstH1() Text {
	for c := n.Body.FirstChild(); c != nil; c = c.NextSibling() {
		if h, ok := c.(*ast.Heading); ok && h.Level == 1 {
			t := trimText(n.NodeText(h))
			t.Field = "h1"
			return t
		}
	}
	return Text{}
}

// NodeText is the plain text of a node as a reader sees it rendered: text,
// code spans, link labels and table cells, with tags of raw HTML removed.
// Its offsets map back to Src.
func (n *Note) NodeText(node ast.Node) Text {
	var b textBuilder
	if node.Type() != ast.TypeBlock {
		// Inline nodes have no lines (goldmark panics when asked).
	} else if l := node.Lines(); l != nil && l.Len() > 0 {
		// The text of a leaf block is at most its source.
		b.buf = make([]byte, 0, l.At(l.Len()-1).Stop-l.At(0).Start+1)
		b.segs = make([]textSeg, 0, 4)
	}
	n.appendNode(&b, node)
	return b.text("")
}

func (n *Note) appendNode(b *textBuilder, node ast.Node) {
	src := n.BodySrc()
	switch v := node.(type) {
	case *ast.Text:
		b.add(n.Src, n.BodyStart+v.Segment.Start, n.BodyStart+v.Segment.Stop)
		if v.SoftLineBreak() || v.HardLineBreak() {
			b.sep(" ")
		}
		return
	case *ast.String:
		return // virtual text with no source
	case *ast.RawHTML, *ast.Image:
		return
	case *ast.AutoLink:
		label := v.Label(src)
		if len(label) > 0 && cap(label) <= cap(src) {
			off := cap(src) - cap(label)
			if off >= 0 && off+len(label) <= len(src) {
				b.add(n.Src, n.BodyStart+off, n.BodyStart+off+len(label))
			}
		}
		return
	case *ast.HTMLBlock:
		if isScriptOrStyle(v, src) {
			return // never shown: a summary that strips markup drops it whole
		}
		b.sep(" ")
		n.appendHTMLLines(b, v)
		return
	}
	if node.Type() == ast.TypeBlock {
		b.sep(" ")
		if node.FirstChild() == nil {
			lines := node.Lines()
			for i := 0; i < lines.Len(); i++ {
				seg := lines.At(i)
				stop := seg.Stop
				for stop > seg.Start && (src[stop-1] == '\n' || src[stop-1] == '\r') {
					stop--
				}
				b.add(n.Src, n.BodyStart+seg.Start, n.BodyStart+stop)
				b.sep(" ")
			}
			return
		}
	}
	for c := node.FirstChild(); c != nil; c = c.NextSibling() {
		n.appendNode(b, c)
	}
	if node.Type() == ast.TypeBlock {
		b.sep(" ")
	}
}

// appendHTMLLines adds the text of an HTML block with its tags, comments
// and processing instructions stripped, as a summary that removes markup
// would show it.
func (n *Note) appendHTMLLines(b *textBuilder, h *ast.HTMLBlock) {
	src := n.BodySrc()
	inTag := false
	lines := h.Lines()
	end := 0 // the end of the block in src
	if lines.Len() > 0 {
		end = lines.At(lines.Len() - 1).Stop
	}
	if h.HasClosure() {
		end = max(end, h.ClosureLine.Stop)
	}
	skip := 0 // src before skip is inside a processing instruction
	add := func(seg text.Segment) {
		start := -1
		stop := seg.Stop
		for stop > seg.Start && (src[stop-1] == '\n' || src[stop-1] == '\r') {
			stop--
		}
		for i := seg.Start; i < stop; i++ {
			c := src[i]
			switch {
			case i < skip:
			case !inTag && c == '<' && i+1 < stop && src[i+1] == '?':
				if start >= 0 {
					b.add(n.Src, n.BodyStart+start, n.BodyStart+i)
					start = -1
				}
				skip = processingEnd(src, i, end)
			case !inTag && c == '<' && i+1 < stop && (isASCIILetter(src[i+1]) || src[i+1] == '/' || src[i+1] == '!'):
				if start >= 0 {
					b.add(n.Src, n.BodyStart+start, n.BodyStart+i)
					start = -1
				}
				inTag = true
			case inTag && c == '>':
				inTag = false
			case !inTag && start < 0:
				start = i
			}
		}
		if start >= 0 {
			b.add(n.Src, n.BodyStart+start, n.BodyStart+stop)
		}
		b.sep(" ")
	}
	for i := 0; i < lines.Len(); i++ {
		add(lines.At(i))
	}
	if h.HasClosure() {
		add(h.ClosureLine)
	}
}

// processingEnd is the end of the processing instruction that opens at
// src[i] ("<?"), within src[:end]. Build tools write these for themselves
// (<?xml …?>, <?php …?>, the <?code-excerpt "x.dart"?> markers of Dart and
// Flutter docs) and remove them, or leave them to browsers, which read
// them as comments: they show nothing. Like CommonMark's inline
// processing instruction, one runs to the first "?>", across lines. One
// that never closes ends where a browser ends it, at the first ">".
func processingEnd(src []byte, i, end int) int {
	end = min(end, len(src))
	if k := bytes.Index(src[i+2:end], []byte("?>")); k >= 0 {
		return i + 2 + k + 2
	}
	if k := bytes.IndexByte(src[i+2:end], '>'); k >= 0 {
		return i + 2 + k + 1
	}
	return end
}

// isScriptOrStyle reports whether an HTML block is a <script> or <style>
// element, whose content browsers and summaries do not show.
func isScriptOrStyle(h *ast.HTMLBlock, src []byte) bool {
	if h.HTMLBlockType != ast.HTMLBlockType1 || h.Lines().Len() == 0 {
		return false
	}
	first := h.Lines().At(0)
	line := bytes.ToLower(bytes.TrimLeft(src[first.Start:first.Stop], " \t"))
	return bytes.HasPrefix(line, []byte("<script")) || bytes.HasPrefix(line, []byte("<style"))
}

func isASCIILetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

var moreMarker = []byte("<!--more-->")

// deriveExcerpt builds the summary a site generator shows when a note has
// no description: the text before <!--more-->, or the first words of the
// body. Headings, tables, code and pasted YAML all count, as they do for a
// generator that strips markup from the rendered page.
func (n *Note) deriveExcerpt(words int) Excerpt {
	var ex Excerpt
	src := n.BodySrc()
	moreAt := bytes.Index(src, moreMarker)
	ex.More = moreAt >= 0
	count := 0
	var b textBuilder // one block at a time; its buffers are reused
	textLen, segs := 0, 0
	for c := n.Body.FirstChild(); c != nil; c = c.NextSibling() {
		if ex.More && blockStart(c) >= moreAt {
			break
		}
		b.buf, b.segs, b.span = b.buf[:0], b.segs[:0], Span{}
		n.appendNode(&b, c)
		end := len(b.buf)
		if ex.More {
			if i := bytes.Index(b.buf, moreMarker); i >= 0 {
				end = i
			}
		} else if k := countWords(b.buf); count+k > words {
			end = wordEnd(b.buf, words-count)
			count = words
		} else {
			count += k
		}
		for end > 0 && isSpaceByte(b.buf[end-1]) {
			end--
		}
		start := 0
		for start < end && isSpaceByte(b.buf[start]) {
			start++
		}
		if start == end {
			if count >= words && !ex.More {
				break
			}
			continue
		}
		t := b.cut(start, end, "excerpt")
		ex.Blocks = append(ex.Blocks, ExcerptBlock{Node: c, Text: t})
		textLen += len(t.Text) + 1
		segs += len(t.segs)
		if !ex.More && count >= words {
			break
		}
	}
	all := textBuilder{buf: make([]byte, 0, textLen), segs: make([]textSeg, 0, segs)}
	for i, bl := range ex.Blocks {
		if i > 0 {
			all.sep(" ")
		}
		appendText(&all, bl.Text)
	}
	ex.Text = all.text("excerpt")
	return ex
}

// cut returns the builder's text[start:end] as a Text of its own (the
// builder may be reused), mapped like truncText and trimText would.
func (b *textBuilder) cut(start, end int, field string) Text {
	k := 0
	for _, s := range b.segs {
		if s.text < end && s.text+s.n > start {
			k++
		}
	}
	t := Text{Text: string(b.buf[start:end]), Field: field}
	if k > 0 {
		t.segs = make([]textSeg, 0, k)
	}
	for _, s := range b.segs {
		if s.text >= end || s.text+s.n <= start {
			continue
		}
		if s.text+s.n > end {
			s.n = end - s.text
		}
		if s.text < start {
			d := start - s.text
			s.text, s.src, s.n = start, s.src+d, s.n-d
		}
		s.text -= start
		t.segs = append(t.segs, s)
	}
	t.Span = segsSpan(t.segs, b.span)
	return t
}

// appendText appends t (built from the same source) to b.
func appendText(b *textBuilder, t Text) {
	pos := 0
	for _, s := range t.segs {
		if s.text > pos {
			b.sep(t.Text[pos:s.text])
		}
		b.addMapped(t.Text[s.text:s.text+s.n], s.src)
		pos = s.text + s.n
	}
}

func (b *textBuilder) addMapped(s string, src int) {
	if s == "" {
		return
	}
	if len(b.segs) == 0 {
		b.span = Span{src, src + len(s)}
	} else {
		b.span.Start = min(b.span.Start, src)
		b.span.End = max(b.span.End, src+len(s))
	}
	b.segs = append(b.segs, textSeg{len(b.buf), src, len(s)})
	b.buf = append(b.buf, s...)
}

func blockStart(node ast.Node) int {
	if l := node.Lines(); l != nil && l.Len() > 0 {
		return l.At(0).Start
	}
	for c := node.FirstChild(); c != nil; c = c.NextSibling() {
		if s := blockStart(c); s >= 0 {
			return s
		}
	}
	if p := node.Pos(); p >= 0 {
		return p
	}
	return -1
}

// truncText keeps t.Text[:i].
func truncText(t Text, i int) Text {
	if i >= len(t.Text) {
		return t
	}
	out := Text{Text: t.Text[:i], Field: t.Field}
	for _, s := range t.segs {
		if s.text >= i {
			break
		}
		if s.text+s.n > i {
			s.n = i - s.text
		}
		out.segs = append(out.segs, s)
	}
	out.Span = segsSpan(out.segs, t.Span)
	return out
}

// trimText removes leading and trailing white space.
func trimText(t Text) Text {
	end := len(t.Text)
	for end > 0 && isSpaceByte(t.Text[end-1]) {
		end--
	}
	t = truncText(t, end)
	start := 0
	for start < len(t.Text) && isSpaceByte(t.Text[start]) {
		start++
	}
	if start == 0 {
		return t
	}
	out := Text{Text: t.Text[start:], Field: t.Field}
	for _, s := range t.segs {
		if s.text+s.n <= start {
			continue
		}
		if s.text < start {
			d := start - s.text
			s.text, s.src, s.n = start, s.src+d, s.n-d
		}
		s.text -= start
		out.segs = append(out.segs, s)
	}
	out.Span = segsSpan(out.segs, t.Span)
	return out
}

func segsSpan(segs []textSeg, fallback Span) Span {
	if len(segs) == 0 {
		return Span{fallback.Start, fallback.Start}
	}
	sp := Span{segs[0].src, segs[0].src + segs[0].n}
	for _, s := range segs[1:] {
		sp.Start = min(sp.Start, s.src)
		sp.End = max(sp.End, s.src+s.n)
	}
	return sp
}

func isSpaceByte(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// countWords counts the white-space separated words of s.
func countWords(s []byte) int {
	n, in := 0, false
	for i := 0; i < len(s); {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRune(s[i:])
		}
		i += size
		if isSpaceRune(r) {
			in = false
		} else if !in {
			in = true
			n++
		}
	}
	return n
}

// wordEnd is the byte offset just past the k-th word of s.
func wordEnd(s []byte, k int) int {
	if k <= 0 {
		return 0
	}
	n, in := 0, false
	for i := 0; i < len(s); {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRune(s[i:])
		}
		if isSpaceRune(r) {
			if in && n == k {
				return i
			}
			in = false
		} else if !in {
			in = true
			n++
		}
		i += size
	}
	return len(s)
}

// isSpaceRune is unicode.IsSpace with an ASCII fast path.
func isSpaceRune(r rune) bool {
	if r < utf8.RuneSelf {
		return r == ' ' || ('\t' <= r && r <= '\r')
	}
	return unicode.IsSpace(r)
}
