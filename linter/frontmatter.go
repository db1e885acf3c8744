package linter

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"

	"github.com/BurntSushi/toml"
	"github.com/adrg/frontmatter"
	"gopkg.in/yaml.v3"
)

// locateFrontmatter finds the frontmatter block the way site generators
// (Hugo, Jekyll, Eleventy) do, which is stricter than adrg/frontmatter: the
// opening delimiter must be the very first line (after an optional BOM),
// and the block must be closed by the same delimiter on a line of its own.
// A JSON block is one object starting at the first byte and followed by a
// blank line or the end of the file, or one in an HTML comment (see
// locateCommentJSON). Anything else is body text, which is what readers
// will see.
func locateFrontmatter(src []byte, start int) (format string, block, content Span, ok bool) {
	rest := src[start:]
	line, next := firstLine(rest)
	switch string(bytes.TrimRight(line, " \t")) {
	case "---":
		format = "yaml"
	case "+++":
		format = "toml"
	default:
		if len(rest) > 0 && rest[0] == '{' {
			return locateJSON(src, start)
		}
		if bytes.HasPrefix(rest, commentJSONStart) {
			return locateCommentJSON(src, start)
		}
		return "", Span{}, Span{}, false
	}
	delim := string(line[:3])
	cstart := start + next
	for off := cstart; off < len(src); {
		l, n := firstLine(src[off:])
		if string(bytes.TrimRight(l, " \t")) == delim {
			return format, Span{start, off + n}, Span{cstart, off}, true
		}
		off += n
	}
	return "", Span{}, Span{}, false
}

func locateJSON(src []byte, start int) (string, Span, Span, bool) {
	dec := json.NewDecoder(bytes.NewReader(src[start:]))
	var raw json.RawMessage
	if err := dec.Decode(&raw); err != nil {
		return "", Span{}, Span{}, false
	}
	end := start + int(dec.InputOffset())
	// The rest of the closing line must be blank, and so must the next line.
	l, n := firstLine(src[end:])
	if len(bytes.TrimSpace(l)) != 0 {
		return "", Span{}, Span{}, false
	}
	after := end + n
	if after < len(src) {
		l2, n2 := firstLine(src[after:])
		if len(bytes.TrimSpace(l2)) != 0 {
			return "", Span{}, Span{}, false
		}
		after += n2
	}
	return "json", Span{start, after}, Span{start, end}, true
}

var (
	commentJSONStart = []byte("<!--{")
	commentJSONEnd   = []byte("}-->")
)

// locateCommentJSON finds JSON frontmatter kept in an HTML comment at the
// top of the file, as the Go website (golang.org/x/website) writes it:
//
//	<!--{
//	  "Title": "Effective Go"
//	}-->
//
// The object runs from the comment's "{" to the first "}-->", as that site
// reads it; the rest of the closing line goes with the block when it is
// blank. Its content span is the object, so keys and values are decoded
// and placed as in any JSON frontmatter.
//
// A comment whose content is not valid JSON is left in the body as the
// comment it may well be ("<!--{{< param x >}}-->", "<!--{TODO}-->"): a
// site that does not read such metadata shows nothing, and calling the
// note broken would hide every other finding in it. A note that meant it
// as metadata loses its fields, and untitled reports the missing title
// unless the body has an H1.
func locateCommentJSON(src []byte, start int) (string, Span, Span, bool) {
	open := start + len(commentJSONStart) - 1 // the "{"
	k := bytes.Index(src[open:], commentJSONEnd)
	if k < 0 {
		return "", Span{}, Span{}, false
	}
	content := Span{open, open + k + 1}
	if !json.Valid(src[content.Start:content.End]) {
		return "", Span{}, Span{}, false
	}
	end := open + k + len(commentJSONEnd)
	if l, n := firstLine(src[end:]); len(bytes.TrimLeft(l, " \t")) == 0 {
		end += n
	}
	return "json", Span{start, end}, content, true
}

// firstLine returns the first line of b without its line ending, and the
// length of the line including the ending.
func firstLine(b []byte) (line []byte, n int) {
	for i := 0; i < len(b); i++ {
		switch b[i] {
		case '\n':
			return b[:i], i + 1
		case '\r':
			if i+1 < len(b) && b[i+1] == '\n' {
				return b[:i], i + 2
			}
			return b[:i], i + 1
		}
	}
	return b, len(b)
}

// Formats handed to adrg/frontmatter. The block has already been located,
// so the library only splits the delimiters off and decodes; the decoders
// keep what we need for positions. The library compares every line with
// surrounding white space trimmed, so an indented "---" inside a block
// scalar would end the block early and silently drop the rest: the content
// is therefore wrapped in delimiter lines that no note contains.
const (
	wrapStart = "\x00notelint-frontmatter-start"
	wrapEnd   = "\x00notelint-frontmatter-end"
)

var (
	yamlFormat = frontmatter.NewFormat(wrapStart, wrapEnd, func(b []byte, v any) error {
		return yaml.Unmarshal(b, v)
	})
	tomlFormat = frontmatter.NewFormat(wrapStart, wrapEnd, func(b []byte, v any) error {
		_, err := toml.Decode(string(b), v)
		return err
	})
)

// wrapped returns the block's content between the private delimiters.
func (p *parser) wrapped(fm *Frontmatter) []byte {
	content := p.src[fm.Content.Start:fm.Content.End]
	b := make([]byte, 0, len(content)+len(wrapStart)+len(wrapEnd)+3)
	b = append(b, wrapStart...)
	b = append(b, '\n')
	b = append(b, content...)
	if len(content) > 0 && content[len(content)-1] != '\n' && content[len(content)-1] != '\r' {
		b = append(b, '\n')
	}
	b = append(b, wrapEnd...)
	return append(b, '\n')
}

// errNotMapping is returned when the frontmatter is valid but is a list or a
// scalar rather than a set of keys.
var errNotMapping = errors.New("frontmatter is not a set of key: value pairs")

// decodeFrontmatter decodes the located block into fields with positions.
// Errors carry a Problem pointing into src.
func (p *parser) decodeFrontmatter(fm *Frontmatter) *Problem {
	if fm.Format == "yaml" {
		if fields, ok := p.fastYAML(fm.Content); ok {
			fm.Fields = fields
			return nil
		}
	}
	return p.decodeFrontmatterLib(fm)
}

// decodeFrontmatterLib decodes the block through adrg/frontmatter.
func (p *parser) decodeFrontmatterLib(fm *Frontmatter) *Problem {
	blockSrc := p.wrapped(fm)
	switch fm.Format {
	case "yaml":
		var doc yaml.Node
		if err := parseWith(blockSrc, &doc, yamlFormat); err != nil {
			return p.yamlProblem(fm, err)
		}
		return p.yamlFields(fm, &doc)
	case "toml":
		var m map[string]any
		if err := parseWith(blockSrc, &m, tomlFormat); err != nil {
			return p.tomlProblem(fm, err)
		}
		p.tomlFields(fm, m)
	case "json":
		return p.jsonFields(fm)
	}
	return nil
}

func (p *parser) yamlProblem(fm *Frontmatter, err error) *Problem {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line := 0
	// yaml.v3 reports "line N: ..." relative to the block content.
	if strings.HasPrefix(msg, "line ") {
		rest := msg[len("line "):]
		if i := strings.IndexByte(rest, ':'); i > 0 {
			if n, e := strconv.Atoi(rest[:i]); e == nil {
				line = n
				msg = strings.TrimSpace(rest[i+1:])
				if isYAMLParserError(msg) {
					// yaml.v3 numbers parser errors (unlike scanner
					// errors) from 0, at the start of the enclosing
					// collection.
					line++
				}
			}
		}
	} else if strings.HasPrefix(msg, "unmarshal errors:") {
		msg = strings.TrimSpace(strings.TrimPrefix(msg, "unmarshal errors:"))
	}
	off := fm.Content.Start
	if line > 0 {
		base := p.lines.position(fm.Content.Start).Line
		off = p.lines.offset(Position{Line: base + line - 1, Column: 1})
	}
	return &Problem{Span: p.lineSpan(off), Message: "invalid YAML frontmatter: " + msg}
}

// scalarValue converts a plain scalar node the way yaml.v3 decodes it into
// an interface, without building a decoder per field. Timestamps stay
// strings (notelint compares dates as written). ok is false for anything
// that needs the full decoder: collections, aliases, unusual tags.
func scalarValue(v *yaml.Node) (val any, ok bool) {
	if v.Kind != yaml.ScalarNode {
		return nil, false
	}
	switch v.Tag {
	case "!!str", "!!timestamp", "!!binary":
		return v.Value, true
	case "!!null":
		return nil, true
	case "!!bool":
		var b bool
		if err := v.Decode(&b); err == nil {
			return b, true
		}
	case "!!int":
		if n, err := strconv.ParseInt(v.Value, 10, 64); err == nil {
			if n == int64(int(n)) {
				return int(n), true
			}
			return n, true
		}
	case "!!float":
		if f, err := strconv.ParseFloat(v.Value, 64); err == nil {
			return f, true
		}
	}
	return nil, false
}

// readerPool recycles the buffered readers adrg/frontmatter wraps around
// its input: bufio.NewReader returns an existing *bufio.Reader of enough
// size as it is, which saves a 4 KiB allocation per note.
var readerPool = sync.Pool{New: func() any { return bufio.NewReaderSize(nil, 4096) }}

func parseWith(block []byte, v any, f *frontmatter.Format) error {
	br := readerPool.Get().(*bufio.Reader)
	br.Reset(bytes.NewReader(block))
	_, err := frontmatter.Parse(br, v, f)
	br.Reset(nil)
	readerPool.Put(br)
	return err
}

func isYAMLParserError(msg string) bool {
	for _, p := range []string{"did not find expected", "found duplicate %", "found incompatible YAML", "found undefined tag"} {
		if strings.HasPrefix(msg, p) {
			return true
		}
	}
	return false
}

func (p *parser) yamlFields(fm *Frontmatter, doc *yaml.Node) *Problem {
	if doc.Kind == 0 { // empty block
		return nil
	}
	root := doc
	if root.Kind == yaml.DocumentNode && len(root.Content) > 0 {
		root = root.Content[0]
	}
	base := p.lines.position(fm.Content.Start).Line - 1
	if root.Kind != yaml.MappingNode {
		if root.Kind == yaml.ScalarNode && root.Tag == "!!null" {
			return nil
		}
		off := p.lines.offset(Position{Line: base + root.Line, Column: root.Column})
		return &Problem{Span: p.lineSpan(off), Message: errNotMapping.Error()}
	}
	seen := make(map[string]int, len(root.Content)/2)
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		koff := p.lines.offset(Position{Line: base + k.Line, Column: k.Column})
		if first, dup := seen[k.Value]; dup {
			return &Problem{Span: Span{koff, koff + len(k.Value)}, Message: fmt.Sprintf(
				"invalid YAML frontmatter: key %q is defined twice (first on line %d); site generators reject the note or keep only one", k.Value, first)}
		}
		seen[k.Value] = base + k.Line
		f := Field{Key: k.Value, KeySpan: Span{koff, koff + len(k.Value)}}
		val, ok := scalarValue(v)
		if ok {
			// decoded without a decoder: the common case
		} else if err := v.Decode(&val); err != nil {
			off := p.lines.offset(Position{Line: base + v.Line, Column: v.Column})
			msg := strings.TrimPrefix(err.Error(), "yaml: ")
			if strings.Contains(msg, "invalid map key") {
				// title: {{ .Name }} is a template placeholder that YAML
				// reads as a nested mapping.
				msg = fmt.Sprintf("the value of %q is a mapping used as a key; quote it if it is a {{ template }}", k.Value)
			}
			return &Problem{Span: p.lineSpan(off), Message: "invalid YAML frontmatter: " + msg}
		}
		f.Value = val
		if v.Kind == yaml.AliasNode && v.Alias != nil {
			v = v.Alias
		}
		if v.Kind == yaml.ScalarNode {
			f.Scalar = true
			s := v.Value
			if v.Tag == "!!null" {
				s = ""
			}
			off := p.lines.offset(Position{Line: base + v.Line, Column: v.Column})
			f.Text = p.yamlScalarText(k.Value, s, v.Style, off, fm.Content.End)
		}
		fm.Fields = append(fm.Fields, f)
	}
	return nil
}

// yamlScalarText builds the Text of a YAML scalar whose node (its tag or
// anchor, if any) starts at src[off], in a block that ends at end. A value
// on several lines is mapped line by line where every line stands in the
// source (see linesText); one that does not (escapes) falls back to the
// span of its first line.
func (p *parser) yamlScalarText(key, val string, style yaml.Style, off, end int) Text {
	off = yamlSkipProperties(p.src, off, end)
	var quote byte
	switch {
	case style&yaml.DoubleQuotedStyle != 0:
		quote = '"'
	case style&yaml.SingleQuotedStyle != 0:
		quote = '\''
	case style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0:
		if t, ok := p.blockScalarText(key, val, off, end); ok {
			return t
		}
		return Text{Text: val, Span: p.lineSpan(off), Field: key}
	}
	t := p.scalarText(key, val, off, quote)
	if t.segs == nil && val != "" {
		// A plain or quoted value folded over several lines: the first
		// line from the value (after the quote), then whole lines.
		start := off
		if quote != 0 {
			start++
		}
		if mt, ok := p.linesText(key, val, start, end, 0, quote); ok {
			return mt
		}
	}
	return t
}

// yamlSkipProperties skips the tag and anchor (!!str, &name) that may come
// before a value on its line.
func yamlSkipProperties(src []byte, off, end int) int {
	for off < end && (src[off] == '!' || src[off] == '&') {
		for off < end && src[off] != ' ' && src[off] != '\t' && src[off] != '\n' && src[off] != '\r' {
			off++
		}
		for off < end && (src[off] == ' ' || src[off] == '\t') {
			off++
		}
	}
	return off
}

// blockScalarText maps a literal (|) or folded (>) block scalar whose
// header starts at src[off] to the lines below it. Its content lines
// stand in the source byte for byte after their indentation.
func (p *parser) blockScalarText(key, val string, off, end int) (Text, bool) {
	src := p.src
	if off >= end || (src[off] != '|' && src[off] != '>') || val == "" {
		return Text{}, false
	}
	i := off + 1
	indent := 0
	for k := 0; k < 2 && i < end; k++ { // chomping and indentation, in either order
		if c := src[i]; c == '+' || c == '-' {
			i++
		} else if '1' <= c && c <= '9' {
			indent = int(c - '0') // a top-level value: relative to column 0
			i++
		}
	}
	_, n := firstLine(src[i:end])
	start := i + n
	if indent == 0 {
		// The first line with text sets the indentation.
		for ls := start; ls < end; {
			line, n := firstLine(src[ls:end])
			sp := 0
			for sp < len(line) && line[sp] == ' ' {
				sp++
			}
			if sp < len(line) {
				indent = sp
				break
			}
			ls += n
		}
		if indent == 0 {
			return Text{}, false
		}
	}
	return p.linesText(key, val, start, end, indent, '|')
}

// linesText maps val, a scalar that yaml.v3 joined from the source lines
// starting at src[start], to those lines. Each line's text (after indent
// spaces for a block scalar, quote '|'; trimmed otherwise) must appear in
// val in order, separated only by the spaces and line breaks that folding
// and chomping put between lines. The last line of a plain or quoted value
// may go on past it (a closing quote, a comment). Anything else, such as an
// escape sequence, and ok is false.
func (p *parser) linesText(key, val string, start, end, indent int, quote byte) (Text, bool) {
	src := p.src
	block := quote == '|'
	var segs []textSeg
	c := 0 // how much of val is mapped
	for ls, first := start, true; ls < end && c < len(val); first = false {
		line, n := firstLine(src[ls:end])
		ps, pe := ls, ls+len(line)
		ls += n
		if block {
			sp := 0
			for sp < len(line) && line[sp] == ' ' {
				sp++
			}
			if sp < indent && sp < len(line) {
				break // less indented: the scalar has ended
			}
			ps += min(indent, len(line))
		} else if !first {
			for ps < pe && (src[ps] == ' ' || src[ps] == '\t') {
				ps++
			}
		}
		if !block {
			for pe > ps && (src[pe-1] == ' ' || src[pe-1] == '\t') {
				pe--
			}
		}
		piece := src[ps:pe]
		if len(bytes.Trim(piece, " \t")) == 0 {
			continue // an empty line: a line break in val, or nothing
		}
		if quote == '"' && bytes.IndexByte(piece, '\\') >= 0 {
			return Text{}, false // an escape
		}
		for {
			if c == len(val) {
				return Text{}, false // a line that is not in val
			}
			if strings.HasPrefix(val[c:], string(piece)) {
				segs = append(segs, textSeg{c, ps, len(piece)})
				c += len(piece)
				break
			}
			if !block && strings.HasPrefix(string(piece), val[c:]) {
				segs = append(segs, textSeg{c, ps, len(val) - c})
				c = len(val)
				break
			}
			if b := val[c]; b != ' ' && b != '\t' && b != '\n' {
				return Text{}, false
			}
			c++
		}
	}
	for ; c < len(val); c++ {
		if b := val[c]; b != ' ' && b != '\t' && b != '\n' {
			return Text{}, false
		}
	}
	if len(segs) == 0 {
		return Text{}, false
	}
	return Text{Text: val, Span: segsSpan(segs, Span{}), Field: key, segs: segs}, true
}

// scalarText builds the Text of a scalar that starts at src[off]. When the
// value stands in the source byte for byte (plain, or quoted without
// escapes), every offset maps exactly; otherwise the whole value's first
// line is its span.
func (p *parser) scalarText(key, val string, off int, quote byte) Text {
	src := p.src
	switch quote {
	case 0:
		if off+len(val) <= len(src) && string(src[off:off+len(val)]) == val {
			return exactText(key, val, off)
		}
	case '"', '\'':
		s := off + 1
		if val == "" && s < len(src) && src[s] == quote {
			return Text{Text: "", Span: Span{off, s + 1}, Field: key}
		}
		if s+len(val) < len(src) && string(src[s:s+len(val)]) == val && src[s+len(val)] == quote {
			return exactText(key, val, s)
		}
	}
	return Text{Text: val, Span: p.lineSpan(off), Field: key}
}

// lineSpan is the span from off to the end of its line.
func (p *parser) lineSpan(off int) Span {
	off = min(max(off, 0), len(p.src))
	l, _ := firstLine(p.src[off:])
	return Span{off, off + len(l)}
}

func (p *parser) tomlProblem(fm *Frontmatter, err error) *Problem {
	var perr toml.ParseError
	off := fm.Content.Start
	msg := err.Error()
	if errors.As(err, &perr) {
		base := p.lines.position(fm.Content.Start).Line - 1
		off = p.lines.offset(Position{Line: base + perr.Position.Line, Column: perr.Position.Col})
		msg = perr.Message
	}
	return &Problem{Span: p.lineSpan(off), Message: "invalid TOML frontmatter: " + msg}
}

// tomlFields records top-level keys. BurntSushi/toml keeps no positions, so
// the keys are found by scanning the block's lines up to the first table.
func (p *parser) tomlFields(fm *Frontmatter, m map[string]any) {
	seen := map[string]bool{}
	for off := fm.Content.Start; off < fm.Content.End; {
		line, n := firstLine(p.src[off:fm.Content.End])
		lineOff := off
		off += n
		t := bytes.TrimLeft(line, " \t")
		if len(t) == 0 || t[0] == '#' {
			continue
		}
		if t[0] == '[' {
			break
		}
		eq := bytes.IndexByte(t, '=')
		if eq < 0 {
			continue
		}
		key := strings.Trim(strings.TrimSpace(string(t[:eq])), `"'`)
		v, ok := m[key]
		if !ok || seen[key] {
			continue
		}
		seen[key] = true
		indent := len(line) - len(t)
		koff := lineOff + indent
		voff := koff + eq + 1
		for voff < len(p.src) && (p.src[voff] == ' ' || p.src[voff] == '\t') {
			voff++
		}
		f := Field{Key: key, KeySpan: Span{koff, koff + len(strings.TrimSpace(string(t[:eq])))}, Value: v}
		p.setScalar(&f, voff)
		fm.Fields = append(fm.Fields, f)
	}
	// Keys defined in tables ([params]) or dotted keys are kept without a
	// position of their own.
	for k, v := range m {
		if !seen[k] {
			fm.Fields = append(fm.Fields, Field{Key: k, KeySpan: fm.Content, Value: v})
		}
	}
}

// setScalar fills f.Text for string, number and boolean values whose source
// starts at voff.
func (p *parser) setScalar(f *Field, voff int) {
	var s string
	switch v := f.Value.(type) {
	case string:
		s = v
	case nil:
		s = ""
	case bool, int64, float64, int, json.Number:
		s = fmt.Sprint(v)
	default:
		if tv, ok := v.(interface{ String() string }); ok { // dates
			s = tv.String()
		} else {
			return
		}
	}
	f.Scalar = true
	var quote byte
	if voff < len(p.src) && (p.src[voff] == '"' || p.src[voff] == '\'') {
		quote = p.src[voff]
	}
	f.Text = p.scalarText(f.Key, s, voff, quote)
}

func (p *parser) jsonFields(fm *Frontmatter) *Problem {
	block := p.src[fm.Content.Start:fm.Content.End]
	var m map[string]any
	if err := json.Unmarshal(block, &m); err != nil {
		off := fm.Content.Start
		var serr *json.SyntaxError
		if errors.As(err, &serr) {
			off += int(serr.Offset)
		}
		return &Problem{Span: p.lineSpan(off), Message: "invalid JSON frontmatter: " + err.Error()}
	}
	dec := json.NewDecoder(bytes.NewReader(block))
	dec.UseNumber()
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return &Problem{Span: p.lineSpan(fm.Content.Start), Message: errNotMapping.Error()}
	}
	for dec.More() {
		kt, err := dec.Token()
		if err != nil {
			break
		}
		key, _ := kt.(string)
		kend := int(dec.InputOffset())
		koff := fm.Content.Start + bytes.LastIndexByte(block[:kend-1], '"')
		voff := kend
		for voff < len(block) && (block[voff] == ' ' || block[voff] == '\t' || block[voff] == '\n' || block[voff] == '\r' || block[voff] == ':') {
			voff++
		}
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			break
		}
		f := Field{Key: key, KeySpan: Span{koff, fm.Content.Start + kend}, Value: m[key]}
		p.setScalar(&f, fm.Content.Start+voff)
		fm.Fields = append(fm.Fields, f)
	}
	return nil
}
