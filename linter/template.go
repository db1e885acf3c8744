package linter

import (
	"bytes"
	"sort"

	"github.com/yuin/goldmark/ast"
)

// Site generators expand template tags before Markdown sees the page, and
// goldmark knows nothing of them: in
//
//	{% highlight ruby %}
//	# Ruby knows what you mean
//	{% endhighlight %}
//
// the comment line is an ATX heading to goldmark, though the page shows it
// as code (and a {% comment %} or {% capture %} block shows nothing). The
// same goes for the body of a paired Hugo shortcode, {{< highlight go >}}
// … {{< /highlight >}} or {{% note %}} … {{% /note %}}, which its template
// puts in a box, a tab or a code block. templateBlocks finds such blocks,
// and demoteTemplateHeadings turns the headings goldmark found in them into
// paragraphs, so that the title and every rule that looks at headings leave
// them alone.
//
// A block is a tag closed by a matching end tag: Liquid's {% name … %} with
// {% endname %}, Hugo's {{< name … >}} or {{% name … %}} with
// {{< /name >}} or {{% /name %}}. A tag without an end tag ({% include %},
// {% assign %}, a single or self-closing shortcode) has no body.
//
// Tags in code blocks are passed over. No heading lies inside a code block,
// so a block there hides nothing, and pairing tags across a code block's
// edge would hide real headings: the MkDocs Material upgrade guide shows
// Jinja templates in code blocks, with {% block %} and {% endblock %}
// lines split across diffs, and Hugo documents Jekyll the same way. (Jekyll
// and Hugo expand tags in code blocks too, but a block open across a code
// block's edge is no way to write a page.)
//
// Liquid's raw and control-flow blocks are not hidden: {% raw %} only stops
// Liquid from reading its body, and {% if %}, {% unless %}, {% case %},
// {% for %} and {% tablerow %} put theirs on the page as Markdown, so a
// heading in them is a heading on the page ("### Ruby {{ branch.name }}" in
// a loop over branches). Blocks inside them still count.

// templateBlocks returns the outermost template blocks of body that hide
// their headings, sorted and disjoint, each from the start of its opening
// tag to the end of its closing tag. doc is goldmark's tree of body, for
// its code blocks; it is walked only when body has a tag. A body with no
// '{' costs one IndexByte pass.
func templateBlocks(body []byte, doc ast.Node) []Span {
	var s tagScanner
	var code []Span
	codeDone := false
	for i := 0; i < len(body); {
		j := bytes.IndexByte(body[i:], '{')
		if j < 0 || i+j+2 >= len(body) {
			break
		}
		i += j
		c := body[i+1]
		if c != '%' && (c != '{' || body[i+2] != '<' && body[i+2] != '%') {
			i++
			continue
		}
		if !codeDone {
			code, codeDone = codeBlockSpans(doc, nil), true
		}
		for len(code) > 0 && code[0].End <= i {
			code = code[1:]
		}
		if len(code) > 0 && code[0].Start <= i {
			i = code[0].End
			continue
		}
		if c == '%' {
			i = s.liquid(body, i)
		} else {
			i = s.shortcode(body, i)
		}
	}
	return s.blocks
}

// codeBlockSpans appends the spans of the code blocks under node, fenced
// or indented, in document order. A fenced block's span runs from its
// opening fence to the end of its last line.
func codeBlockSpans(node ast.Node, spans []Span) []Span {
	if node == nil {
		return spans
	}
	for c := node.FirstChild(); c != nil; c = c.NextSibling() {
		switch c.Kind() {
		case ast.KindFencedCodeBlock, ast.KindCodeBlock:
			l := c.Lines()
			start := c.Pos()
			if l.Len() > 0 && (start < 0 || start > l.At(0).Start) {
				start = l.At(0).Start
			}
			if start >= 0 && l.Len() > 0 {
				spans = append(spans, Span{start, l.At(l.Len() - 1).Stop})
			}
		default:
			if f := c.FirstChild(); f != nil && f.Type() == ast.TypeBlock {
				spans = codeBlockSpans(c, spans)
			}
		}
	}
	return spans
}

// tagScanner pairs opening and closing tags with a stack. Opening tags
// stay on it until an end tag of the same name closes them, which also
// drops every tag above (tags without an end, such as {% assign %}).
type tagScanner struct {
	stack  []openTag
	blocks []Span
	// searched counts the stack entries end tags have looked at. An end
	// tag that matches pops what it looked at, but a stray one pops
	// nothing, so a hostile note of many tags and many stray end tags
	// would take quadratic time: past maxTagSearch, end tags are left
	// unmatched. No real note comes near it.
	searched int
	// Set once a search for a tag's end has failed: it fails from any
	// later point too, and searching again would make the scan quadratic.
	noEnd, noRawEnd, noCommentEnd bool
	noCloser                      [2]bool // ">}}", "%}}"
}

type openTag struct {
	hugo  bool
	shown bool // the body is the page's Markdown: see liquidShown
	name  []byte
	start int
}

// liquid reads a Liquid tag at body[i:] ("{%") and returns where to go on.
func (s *tagScanner) liquid(body []byte, i int) int {
	p := i + 2
	if p < len(body) && body[p] == '-' {
		p++
	}
	p = skipTagSpace(body, p)
	name := p
	for p < len(body) && isTagNameByte(body[p]) {
		p++
	}
	if p == name || s.noEnd {
		return i + 2
	}
	k := bytes.Index(body[p:], []byte("%}"))
	if k < 0 {
		s.noEnd = true
		return i + 2
	}
	end := p + k + 2
	switch n := body[name:p]; {
	case string(n) == "raw":
		// Nothing inside {% raw %} is a tag, not even an opening one;
		// the body goes to Markdown as it is.
		if s.noRawEnd {
			break
		}
		if close := endRaw(body, end); close >= 0 {
			return close
		}
		s.noRawEnd = true
	case len(n) > 3 && string(n[:3]) == "end":
		s.close(false, n[3:], end)
	default:
		s.push(openTag{name: n, start: i, shown: liquidShown(n)})
	}
	return end
}

// endRaw returns the end of the {% endraw %} tag that closes a raw block
// whose content starts at body[from:], or -1.
func endRaw(body []byte, from int) int {
	for i := from; ; {
		j := bytes.Index(body[i:], []byte("{%"))
		if j < 0 {
			return -1
		}
		i += j + 2
		p := i
		if p < len(body) && body[p] == '-' {
			p++
		}
		p = skipTagSpace(body, p)
		if !bytes.HasPrefix(body[p:], []byte("endraw")) {
			continue
		}
		p = skipTagSpace(body, p+len("endraw"))
		if p < len(body) && body[p] == '-' {
			p++
		}
		if bytes.HasPrefix(body[p:], []byte("%}")) {
			return p + 2
		}
	}
}

// shortcode reads a Hugo shortcode at body[i:] ("{{<" or "{{%") and
// returns where to go on.
func (s *tagScanner) shortcode(body []byte, i int) int {
	kind, closer, comment := 0, []byte(">}}"), []byte("*/>}}")
	if body[i+2] == '%' {
		kind, closer, comment = 1, []byte("%}}"), []byte("*/%}}")
	}
	p := skipTagSpace(body, i+3)
	if bytes.HasPrefix(body[p:], []byte("/*")) {
		// {{</* name */>}} is how Hugo's own documentation shows a
		// shortcode: it renders as the text of the tag, not as a tag.
		if !s.noCommentEnd {
			if k := bytes.Index(body[p:], comment); k >= 0 {
				return p + k + len(comment)
			}
			s.noCommentEnd = true
		}
		return i + 3
	}
	closing := p < len(body) && body[p] == '/'
	if closing {
		p = skipTagSpace(body, p+1)
	}
	name := p
	for p < len(body) && (isTagNameByte(body[p]) || body[p] == '-' || body[p] == '.' || body[p] == '/') {
		p++
	}
	if p == name || s.noCloser[kind] {
		return i + 3
	}
	k := bytes.Index(body[p:], closer)
	if k < 0 {
		s.noCloser[kind] = true
		return i + 3
	}
	end := p + k + len(closer)
	n := body[name:p]
	if selfClosing(body[name : p+k]) {
		return end // {{< name />}} has no body
	}
	if closing {
		s.close(true, n, end)
	} else {
		s.push(openTag{hugo: true, name: n, start: i})
	}
	return end
}

// selfClosing reports whether a shortcode's name and arguments end in the
// "/" of {{< name />}} or {{< name/>}}, and not in a URL's last slash.
func selfClosing(tag []byte) bool {
	n := len(tag)
	if n > 0 && tag[n-1] == '/' {
		return true
	}
	t := bytes.TrimRight(tag, " \t\r\n")
	return len(t) > 0 && t[len(t)-1] == '/' && (len(t) == 1 || isSpaceByte(t[len(t)-2]))
}

// liquidShown reports whether a Liquid block puts its body on the page as
// Markdown, as control flow does.
func liquidShown(name []byte) bool {
	switch string(name) {
	case "if", "unless", "case", "for", "tablerow":
		return true
	}
	return false
}

const maxTagSearch = 1 << 20

func (s *tagScanner) push(t openTag) {
	if s.stack == nil {
		s.stack = make([]openTag, 0, 8)
	}
	s.stack = append(s.stack, t)
}

// close ends the innermost open tag called name at end, if there is one.
func (s *tagScanner) close(hugo bool, name []byte, end int) {
	for i := len(s.stack) - 1; i >= 0 && s.searched < maxTagSearch; i-- {
		s.searched++
		if t := s.stack[i]; t.hugo == hugo && bytes.Equal(t.name, name) {
			s.stack = s.stack[:i]
			if !t.shown {
				s.closed(t.start, end)
			}
			return
		}
	}
}

// closed records the block [start, end). Blocks close inside out, so the
// blocks recorded since start lie inside this one and give way to it.
func (s *tagScanner) closed(start, end int) {
	if s.blocks == nil {
		s.blocks = make([]Span, 0, 4)
	}
	k := len(s.blocks)
	for k > 0 && s.blocks[k-1].Start >= start {
		k--
	}
	s.blocks = append(s.blocks[:k], Span{start, end})
}

func skipTagSpace(b []byte, p int) int {
	for p < len(b) && isSpaceByte(b[p]) {
		p++
	}
	return p
}

func isTagNameByte(c byte) bool {
	return isASCIILetter(c) || '0' <= c && c <= '9' || c == '_'
}

// demoteTemplateHeadings replaces each heading under parent that is not a
// heading on the page (see templateBlocks) with a paragraph holding the
// same text, and drops it when it has no text (a "#" line of code).
// Offsets are relative to the body, as are goldmark's.
func demoteTemplateHeadings(parent ast.Node, blocks []Span) {
	for c := parent.FirstChild(); c != nil; {
		next := c.NextSibling()
		if h, ok := c.(*ast.Heading); ok {
			if inTemplateBlock(h, blocks) {
				demoteHeading(parent, h)
			}
		} else if f := c.FirstChild(); f != nil && f.Type() == ast.TypeBlock {
			demoteTemplateHeadings(c, blocks)
		}
		c = next
	}
}

// inTemplateBlock reports whether the heading h lies in a template block
// or straddles its start or end. A block wholly inside the heading, as in
// "# {% raw %}{{ site.title }}{% endraw %}", leaves it a heading.
func inTemplateBlock(h *ast.Heading, blocks []Span) bool {
	start, end := h.Pos(), -1
	if l := h.Lines(); l.Len() > 0 {
		if start < 0 {
			start = l.At(0).Start
		}
		end = l.At(l.Len() - 1).Stop
	}
	if start < 0 {
		return false
	}
	end = max(end, start+1)
	// The first block that ends after the heading starts.
	i := sort.Search(len(blocks), func(i int) bool { return blocks[i].End > start })
	for ; i < len(blocks) && blocks[i].Start < end; i++ {
		if blocks[i].Start < start || blocks[i].End > end {
			return true
		}
	}
	return false
}

func demoteHeading(parent ast.Node, h *ast.Heading) {
	if h.Lines().Len() == 0 {
		// goldmark keeps no paragraph without lines either.
		parent.RemoveChild(parent, h)
		return
	}
	p := ast.NewParagraph()
	p.SetLines(h.Lines())
	p.SetPos(h.Pos())
	for c := h.FirstChild(); c != nil; {
		next := c.NextSibling()
		p.AppendChild(p, c)
		c = next
	}
	parent.ReplaceChild(parent, h, p)
}
