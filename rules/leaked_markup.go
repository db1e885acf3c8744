package rules

import (
	"fmt"

	"github.com/notelint/notelint/linter"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
)

// LeakedMarkup flags raw markup where readers expect plain text.
var LeakedMarkup = &linter.Rule{
	ID:       "leaked-markup",
	Title:    "raw markup shows in the title, description or excerpt",
	Severity: linter.Error,
	Pages:    true,
	Doc: `Flags markup in the places that list pages, feeds, search results and
social cards show as plain text: the title, the description, and the
excerpt derived from the body when the note has no description. Only
pages are checked: a partial or include has no listing entry of its own.

- In the ` + "`title`" + ` and ` + "`description`" + ` values: HTML tags (` + "`<b>…</b>`, `<br>`, `<span class=\"x\">`" + `),
  Markdown table rows and delimiter rows (` + "`| Date | Change |`, `|---|---|`" + `),
  heading markers (` + "`## Intro`" + `), code fences and link or image syntax
  (` + "`[docs](https://…)`" + `).
- In the derived excerpt: a table (such as an editor's change log pasted
  above the article), a code block or a raw HTML block that opens it (after
  any headings), and table rows or link syntax that Markdown could not
  parse (a table whose rows have the wrong number of cells, a link with a
  space in its URL or an unclosed title quote).

**Why**: titles and descriptions are plain text. Site generators escape
them, so readers see the tags and brackets themselves, ` + "`Returns <b>policy</b>`" + ` or
` + "`[docs](https://…)`" + `, in the page title, the list page and the search snippet. An excerpt built from
a table or code block reads as "Date Change 2024-01-02 fixed typo…" on the
list page instead of the article's first sentence.

**Flagged**:

    title: "Returns <b>policy</b> for 2024"
    description: "| Date | Change |"
    description: "See [the carrier guide](https://example.com/guide)"

and a body that opens with a pasted change log:

    | Date       | Change        |
    |------------|---------------|
    | 2024-01-02 | fixed a typo  |

    Carrier cutoffs move twice a year…

**Fine**: a title with a pipe separator (` + "`Returns | Acme Help`" + `), a mention of
an element (` + "`How the <title> element works`" + `), type parameters (` + "`List<String>`" + `),
a count (` + "`# of orders`" + `); an HTML comment or a processing instruction
opening the body (` + "`<?xml …?>`, `<?code-excerpt \"main.dart\"?>`" + `, which build
tools leave for themselves and browsers do not show); tables, code and
HTML after the opening paragraph; links whose URL a template builds
(` + "`[docs]({{ site.url }}/docs)`" + `); a reference link followed by a remark in
parentheses (` + "`[the docs][docs](optional)`" + ` when ` + "`[docs]`" + ` is defined); any
markup in the body of a note that sets a description, since its excerpt is
the description.

**Fix**: write the title and description as plain text. For the excerpt,
start the note with a sentence (move the change log below the article or
under ` + "`<!--more-->`" + `), or set a ` + "`description`" + ` in the frontmatter.

A fenced YAML block that opens a note without frontmatter, and a JSON-LD
script, are left to leaked-frontmatter and leaked-jsonld when those rules
are on.
`,
	Note: checkLeakedMarkup,
}

func checkLeakedMarkup(p *linter.NotePass) {
	n := p.Note
	// Leave to the other leak rules, when they run, what they report.
	fmOn := p.Config != nil && p.Config.Severity(LeakedFrontmatter.ID) != linter.Off
	ldOn := p.Config != nil && p.Config.Severity(LeakedJSONLD.ID) != linter.Off
	if t := n.Title; t.Field != "" && t.Field != "h1" && t.Text != "" {
		leakFieldMarkup(p, t, ldOn)
	}
	if t := n.Description; t.IsSet() && t.Text != "" {
		leakFieldMarkup(p, t, ldOn)
	}
	if leakExcerptMarkupShown(n) {
		leakExcerptMarkup(p, fmOn, ldOn)
	}
}

// Kinds of raw markup in a title or description, each reported once.
const (
	leakHTML = 1 << iota
	leakTableRow
	leakTableDelim
	leakHeading
	leakFence
	leakLink
	leakImage
)

var leakMarkupNames = map[int]string{
	leakHTML:       "an HTML tag",
	leakTableRow:   "a Markdown table row",
	leakTableDelim: "a Markdown table delimiter row",
	leakHeading:    "a Markdown heading marker",
	leakFence:      "a code fence",
	leakLink:       "Markdown link syntax",
	leakImage:      "Markdown image syntax",
}

// leakFieldMarkup reports raw markup in a title or description value.
func leakFieldMarkup(p *linter.NotePass, t linter.Text, ldOn bool) {
	s := t.Text
	seen := 0
	if ldOn && leakFindJSONLD(s, 0).kind == leakScript {
		seen |= leakHTML // leaked-jsonld reports the script tag
	}
	last := linter.Span{Start: -1}
	report := func(kind, i, j int) {
		if seen&kind != 0 {
			return
		}
		seen |= kind
		span := t.SpanOf(i, j)
		if span.Start == last.Start {
			return // an escaped value maps every part to one span
		}
		last = span
		p.Reportf(span, "%s contains %s %q, which readers see as raw text; write the %s as plain text",
			t.Field, leakMarkupNames[kind], leakQuote(s[i:j], 40), t.Field)
	}
	for off := 0; off < len(s); {
		end, next := leakLine(s, off)
		ts, te := leakTrim(s, off, end)
		if ts < te {
			if ts-off <= 3 {
				if h := leakHeadingMarker(s, ts, te); h > 0 {
					report(leakHeading, ts, h)
				}
			}
			if d := leakIndex(s[:te], ts, "```"); d >= 0 {
				report(leakFence, d, te)
			} else if ts-off <= 3 && leakHasPrefixFold(s, ts, "~~~") {
				report(leakFence, ts, te)
			}
			if d := leakDelimRow(s, ts, te); d >= 0 {
				report(leakTableDelim, d, te)
			} else if s[ts] == '|' && leakIndex(s[:te], ts+1, "|") > ts+1 {
				report(leakTableRow, ts, te)
			}
			for i := leakIndex(s[:te], ts, "<"); i >= 0; i = leakIndex(s[:te], i+1, "<") {
				if e, ok := leakHTMLTag(s, i, te); ok {
					report(leakHTML, i, e)
					break
				}
			}
			for i := leakIndex(s[:te], ts, "]("); i >= 0; i = leakIndex(s[:te], i+1, "](") {
				if lb, e, ok := leakLinkSyntax(s, ts, te, i); ok {
					if lb > 0 && s[lb-1] == '!' {
						report(leakImage, lb-1, e)
					} else {
						report(leakLink, lb, e)
					}
				}
			}
		}
		off = next
	}
}

// leakHeadingMarker returns the end of an ATX heading marker ("## ") that
// opens s[ts:te], or -1. "# of orders" is a count, not a heading.
func leakHeadingMarker(s string, ts, te int) int {
	i := ts
	for i < te && s[i] == '#' {
		i++
	}
	if k := i - ts; k == 0 || k > 6 || i >= te || s[i] != ' ' && s[i] != '\t' {
		return -1
	}
	j, _ := leakTrim(s, i, te)
	if j >= te || leakHasPrefixFold(s, j, "of ") {
		return -1
	}
	return i
}

// leakDelimRow finds a table delimiter row ("|---|---|", "| :-- | --: |",
// "---|---") in s[ts:te] and returns where it starts, or -1.
func leakDelimRow[S leakText](s S, ts, te int) int {
	pipes, dashes, run := 0, 0, 0
	only := true
	for i := ts; i < te; i++ {
		switch s[i] {
		case '|':
			pipes++
			run = 0
		case '-':
			run++
			dashes = max(dashes, run)
		case ':', ' ', '\t':
			run = 0
		default:
			only = false
		}
	}
	if only && pipes > 0 && dashes > 0 {
		return ts
	}
	// Within a longer line (a folded YAML value): "| --- |".
	for i := leakIndex(s[:te], ts, "|"); i >= 0; i = leakIndex(s[:te], i+1, "|") {
		j := i + 1
		for j < te && (s[j] == ' ' || s[j] == ':') {
			j++
		}
		k := j
		for k < te && s[k] == '-' {
			k++
		}
		if k-j < 3 {
			continue
		}
		for k < te && (s[k] == ' ' || s[k] == ':') {
			k++
		}
		if k < te && s[k] == '|' {
			return i
		}
	}
	return -1
}

// leakHTMLElements are the element names that count as tags; "<String>"
// and "<T>" in a title about generics do not.
var leakHTMLElements = map[string]bool{
	"a": true, "abbr": true, "audio": true, "b": true, "big": true, "blockquote": true,
	"br": true, "button": true, "caption": true, "center": true, "cite": true,
	"code": true, "dd": true, "del": true, "details": true, "div": true, "dl": true,
	"dt": true, "em": true, "embed": true, "figcaption": true, "figure": true,
	"font": true, "footer": true, "h1": true, "h2": true, "h3": true, "h4": true,
	"h5": true, "h6": true, "header": true, "hr": true, "i": true, "iframe": true,
	"img": true, "ins": true, "kbd": true, "li": true, "mark": true, "nav": true,
	"ol": true, "p": true, "picture": true, "pre": true, "q": true, "s": true,
	"script": true, "section": true, "small": true, "source": true, "span": true,
	"strike": true, "strong": true, "style": true, "sub": true, "summary": true,
	"sup": true, "svg": true, "table": true, "tbody": true, "td": true, "th": true,
	"thead": true, "tr": true, "u": true, "ul": true, "video": true, "wbr": true,
}

// leakHTMLTag reports whether the "<" at s[i] opens a tag that is markup
// rather than a mention of an element: a closing tag, a comment, a tag
// with attributes, a self-closing tag, a line break, or an opening tag
// whose closing tag follows. It returns the end of the tag.
func leakHTMLTag(s string, i, te int) (int, bool) {
	if leakHasPrefixFold(s, i, "<!--") {
		if e := leakIndex(s[:te], i+4, "-->"); e >= 0 {
			return e + 3, true
		}
		return te, true
	}
	j := i + 1
	closing := j < te && s[j] == '/'
	if closing {
		j++
	}
	ns := j
	for j < te && (leakIsLetter(s[j]) || leakIsDigit(s[j])) {
		j++
	}
	var buf [16]byte
	if j == ns || j-ns > len(buf) {
		return 0, false
	}
	for k := ns; k < j; k++ {
		buf[k-ns] = leakLower(s[k])
	}
	name := buf[:j-ns]
	if !leakHTMLElements[string(name)] {
		return 0, false
	}
	gt := -1
	for k := j; k < te; k++ {
		if s[k] == '<' {
			break
		}
		if s[k] == '>' {
			gt = k
			break
		}
	}
	if gt < 0 {
		return 0, false
	}
	switch {
	case closing:
		return gt + 1, leakBlank(s, j, gt)
	case s[gt-1] == '/':
		return gt + 1, true // <br/>, <img src="x" />
	case gt > j && (s[j] == ' ' || s[j] == '\t'):
		return gt + 1, leakIndex(s[:gt], j, "=") >= 0 // attributes
	case gt == j:
		if string(name) == "br" || string(name) == "hr" || string(name) == "wbr" {
			return gt + 1, true
		}
		// <b>…</b>: an opening tag counts when its closing tag follows.
		for k := leakIndex(s, gt, "</"); k >= 0; k = leakIndex(s, k+2, "</") {
			if leakHasPrefixFold(s, k+2, string(name)) {
				if e := k + 2 + len(name); e < len(s) && (s[e] == '>' || s[e] == ' ') {
					return gt + 1, true
				}
			}
		}
	}
	return 0, false
}

// leakLinkSyntax checks that "](" at i belongs to [text](url) within
// s[ts:te]. It returns where "[" is and the end after ")".
func leakLinkSyntax[S leakText](s S, ts, te, i int) (lb, end int, ok bool) {
	lb = -1
	for k := i - 1; k >= ts; k-- {
		if s[k] == ']' {
			return 0, 0, false
		}
		if s[k] == '[' {
			lb = k
			break
		}
	}
	if lb < 0 || lb == i-1 {
		return 0, 0, false
	}
	if lb > ts && (leakIsLetter(s[lb-1]) || leakIsDigit(s[lb-1]) || s[lb-1] == '\\' || s[lb-1] == '_') {
		return 0, 0, false // items[0](x) is code, \[ is escaped
	}
	for k := i + 2; k < te; k++ {
		if s[k] == ')' {
			// A URL built by a template ({{ site.url }}, {% link x %},
			// {{< ref >}}) is resolved before Markdown sees it.
			if leakIndex(s[:k], i+2, "{{") >= 0 || leakIndex(s[:k], i+2, "{%") >= 0 {
				return 0, 0, false
			}
			return lb, k + 1, k > i+2
		}
	}
	return 0, 0, false
}

// leakExcerptMarkup judges the derived excerpt by its Markdown blocks.
func leakExcerptMarkup(p *linter.NotePass, fmOn, ldOn bool) {
	n := p.Note
	var claimed leakSpans
	if fmOn && len(n.Derived.Blocks) > 0 {
		claimed = leakFrontmatterTop(n, leakFrontmatterKeys(p))
	}
	report := func(node ast.Node, what, fix string) {
		start := leakBlockStart(n, node)
		if claimed.covers(start) {
			return // leaked-frontmatter reports it
		}
		if ldOn {
			// JSON-LD pasted as a table header or an HTML block is
			// leaked-jsonld's.
			end := len(n.Src)
			if next := node.NextSibling(); next != nil && leakBlockStart(n, next) > start {
				end = leakBlockStart(n, next)
			}
			body := n.BodySrc()
			if h := leakFindJSONLD(n.Src[:end], start); h.trigger >= 0 && !leakInert(body, node, h.trigger-n.BodyStart) {
				return
			}
		}
		p.Report(linter.Report{Span: leakLineSpan(n.Src, start), Field: "excerpt",
			Message: fmt.Sprintf("the excerpt starts with %s; %s", what, fix)})
	}
	lead := true // no block with text other than headings yet
	for _, b := range n.Derived.Blocks {
		first := lead
		if _, ok := b.Node.(*ast.Heading); !ok {
			lead = false
		}
		switch v := b.Node.(type) {
		case *east.Table:
			if !first {
				continue
			}
			report(v, "a table, which list pages show as run-together cell text",
				"move it below the opening paragraph or set a description")
		case *ast.FencedCodeBlock:
			if !first {
				continue
			}
			report(v, "a code block, which list pages show as plain text",
				"start the note with a sentence or set a description")
		case *ast.CodeBlock:
			if !first {
				continue
			}
			report(v, "an indented code block, which list pages show as plain text",
				"start the note with a sentence or set a description")
		case *ast.HTMLBlock:
			if !first || v.HTMLBlockType == ast.HTMLBlockType2 {
				continue
			}
			report(v, "a raw HTML block, which list pages show without its markup or not at all",
				"start the note with Markdown text or set a description")
		case *ast.Paragraph:
			leakParagraphMarkup(p, v, b.Text.Span.End)
		}
	}
}

// leakFrontmatterKeys is the key set leaked-frontmatter is configured with.
func leakFrontmatterKeys(p *linter.NotePass) *leakKeySet {
	if p.Config != nil {
		if o, ok := p.Config.Options(LeakedFrontmatter.ID).(*LeakedFrontmatterOptions); ok && o != nil {
			return o.keySet()
		}
	}
	return defaultLeakedFrontmatterOptions.keySet()
}

// leakParagraphMarkup finds table rows and link syntax that Markdown did
// not parse in an excerpt paragraph, in lines that start before limit.
func leakParagraphMarkup(p *linter.NotePass, para *ast.Paragraph, limit int) {
	n := p.Note
	src := n.Src
	lines := para.Lines()
	seen := 0
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		ls := n.BodyStart + seg.Start
		if ls >= limit {
			break
		}
		le, _ := leakLine(src, ls)
		le = min(le, n.BodyStart+seg.Stop)
		ts, te := leakTrim(src, ls, le)
		if ts >= te {
			continue
		}
		if seen&(leakTableRow|leakTableDelim) == 0 {
			kind := 0
			if leakDelimRow(src, ts, te) == ts {
				kind = leakTableDelim
			} else if src[ts] == '|' && src[te-1] == '|' && te-ts > 2 {
				kind = leakTableRow
			}
			if kind != 0 {
				seen |= leakTableRow | leakTableDelim
				p.Report(linter.Report{Span: linter.Span{Start: ts, End: te}, Field: "excerpt",
					Message: fmt.Sprintf("the excerpt shows %s %q as text, because Markdown did not read it as a table; give every row the same number of cells as the header or remove it", leakMarkupNames[kind], leakQuote(string(src[ts:te]), 40))})
			}
		}
		if seen&(leakLink|leakImage) != 0 {
			continue
		}
		for k := leakIndex(src[:te], ts, "]("); k >= 0; k = leakIndex(src[:te], k+1, "](") {
			lb, e, ok := leakLinkSyntax(src, ts, te, k)
			if !ok {
				continue
			}
			if leakParsedAt(para, lb-n.BodyStart) {
				continue
			}
			if lb > ts && src[lb-1] == ']' && leakFullRefLabel(para, lb-n.BodyStart, src[lb+1:k]) {
				continue // [text][ref](note): a link, then "(note)" as text
			}
			kind := leakLink
			if lb > ts && src[lb-1] == '!' {
				kind, lb = leakImage, lb-1
			}
			seen |= leakLink | leakImage
			p.Report(linter.Report{Span: linter.Span{Start: lb, End: e}, Field: "excerpt",
				Message: fmt.Sprintf("the excerpt shows %s %q as text, because Markdown did not read it as a link; check for a space in the URL (wrap it in <…>) or an unclosed title quote", leakMarkupNames[kind], leakQuote(string(src[lb:e]), 40))})
			break
		}
	}
}

// leakParsedAt reports whether body offset off lies in an inline node
// that Markdown parsed as markup: a link or image, a code span, an
// autolink or raw HTML. It walks without a closure so that it does not
// allocate.
func leakParsedAt(node ast.Node, off int) bool {
	for c := node.FirstChild(); c != nil; c = c.NextSibling() {
		switch c.(type) {
		case *ast.Link, *ast.Image, *ast.CodeSpan, *ast.AutoLink, *ast.RawHTML:
			start, end := leakInlineRange(c)
			// The label may open with emphasis or a code span; a link's
			// position is its "[" (an image's, its "!").
			if p := c.Pos(); p >= 0 && p < start {
				start = p
			}
			if start >= 0 && off >= start && off < end {
				return true
			}
		default:
			if leakParsedAt(c, off) {
				return true
			}
		}
	}
	return false
}

// leakFullRefLabel reports whether the "[" at body offset off opens the
// reference, label, of a full reference link that Markdown parsed:
// [text][label]. The last link or image that starts before off must be
// that link.
func leakFullRefLabel(para ast.Node, off int, label []byte) bool {
	var ref *ast.ReferenceLink
	switch v := leakLastLinkBefore(para, off).(type) {
	case *ast.Link:
		ref = v.Reference
	case *ast.Image:
		ref = v.Reference
	}
	return ref != nil && ref.Type == ast.ReferenceLinkFull && string(ref.Value) == string(label)
}

// leakLastLinkBefore is the link or image under node that starts last
// before body offset off, or nil.
func leakLastLinkBefore(node ast.Node, off int) ast.Node {
	var last ast.Node
	for c := node.FirstChild(); c != nil; c = c.NextSibling() {
		switch c.(type) {
		case *ast.Link, *ast.Image:
			if p := c.Pos(); p >= 0 && p < off {
				last = c
			}
			continue // links do not nest
		}
		if l := leakLastLinkBefore(c, off); l != nil {
			last = l
		}
	}
	return last
}

// leakInlineRange is the body range of the text segments under node, or
// -1, -1.
func leakInlineRange(node ast.Node) (start, end int) {
	start, end = -1, -1
	switch v := node.(type) {
	case *ast.Text:
		return v.Segment.Start, v.Segment.Stop
	case *ast.RawHTML:
		if v.Segments.Len() > 0 {
			return v.Segments.At(0).Start, v.Segments.At(v.Segments.Len() - 1).Stop
		}
		return -1, -1
	}
	for c := node.FirstChild(); c != nil; c = c.NextSibling() {
		s, e := leakInlineRange(c)
		if s < 0 {
			continue
		}
		if start < 0 || s < start {
			start = s
		}
		end = max(end, e)
	}
	return start, end
}
