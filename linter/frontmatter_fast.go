package linter

import (
	"bytes"
	"strconv"
	"strings"
)

// fastYAML decodes the shape most YAML frontmatter has — top-level keys
// whose values are one-line plain or simply quoted scalars, flow lists of
// such scalars ([a, "b"]), or block lists of them — straight from the
// source, positions included. It gives up (ok is false) on anything else:
// nested mappings, multi-line or escaped scalars, anchors, tags, block
// scalars, duplicate keys, tabs, unusual numbers or characters. Those
// blocks go through adrg/frontmatter and yaml.v3, which stay the reference:
// FuzzFastYAML checks that both decode every block this one accepts into
// the same fields.
//
// The source is valid UTF-8: Parse checks that first.
//
// On a typical note this is more than ten times faster than building a
// yaml.v3 node tree, and allocates a fraction of the memory.
func (p *parser) fastYAML(content Span) (fields []Field, ok bool) {
	src := p.src[:content.End]
	if !yamlPlainBytes(src[content.Start:]) {
		return nil, false
	}
	// One field per line at most: sized once, since notes keep their
	// fields for the archive-wide rules.
	lines := bytes.Count(src[content.Start:], []byte{'\n'})
	if content.End > content.Start && src[content.End-1] != '\n' {
		lines++
	}
	fields = make([]Field, 0, min(lines, 32))
	// Values and keys are substrings of one copy of the block, and their
	// offset maps share one array: a handful of allocations per note
	// instead of several per field.
	p.fmText, p.fmBase = string(src[content.Start:]), content.Start
	p.fmSegs = make([]textSeg, 0, cap(fields))
	list := -1   // index of the field whose block list is being read
	indent := -1 // the list's item indentation, once seen
	for off := content.Start; off < len(src); {
		line, n := firstLine(src[off:])
		at := off
		off += n
		i := 0
		for i < len(line) && line[i] == ' ' {
			i++
		}
		if i == len(line) {
			continue // blank
		}
		if line[i] == '#' && i == 0 {
			continue // comment
		}
		if i > 0 || line[0] == '-' {
			// An item of the block list under the previous key.
			if list < 0 || line[i] != '-' || (indent >= 0 && i != indent) {
				return nil, false
			}
			indent = i
			if i+1 >= len(line) || line[i+1] != ' ' {
				return nil, false
			}
			j := i + 1
			for j < len(line) && line[j] == ' ' {
				j++
			}
			v, _, _, end, ok := p.yamlScalar(src, at+j, at+len(line), false, true)
			if !ok || !yamlLineRest(src[end:at+len(line)]) {
				return nil, false
			}
			items, _ := fields[list].Value.([]any)
			fields[list].Value = append(items, v)
			continue
		}
		if list >= 0 && fields[list].Value == nil {
			p.yamlNull(&fields[list])
		}
		list, indent = -1, -1

		// key: value
		k := 0
		for k < len(line) && isYAMLKeyByte(line[k], k == 0) {
			k++
		}
		if k == 0 || k >= len(line) || line[k] != ':' || (k+1 < len(line) && line[k+1] != ' ') {
			return nil, false
		}
		if k > maxYAMLKey {
			return nil, false // YAML allows implicit keys of up to 1024 characters
		}
		key := internKey(line[:k])
		if key == "" {
			key = p.sub(at, at+k)
		}
		for _, f := range fields {
			if f.Key == key {
				return nil, false // yaml.v3 reports the duplicate
			}
		}
		f := Field{Key: key, KeySpan: Span{at, at + k}}
		j := k + 1
		for j < len(line) && line[j] == ' ' {
			j++
		}
		if j == len(line) || (line[j] == '#' && j > k+1) {
			// The value is a block list on the next lines (or missing).
			list = len(fields)
			fields = append(fields, f)
			continue
		}
		voff := at + j
		if line[j] == '[' {
			v, end, ok := p.yamlFlowList(src, voff, at+len(line))
			if !ok || !yamlLineRest(src[end:at+len(line)]) {
				return nil, false
			}
			f.Value = v
			fields = append(fields, f)
			continue
		}
		v, s, quote, end, ok := p.yamlScalar(src, voff, at+len(line), false, false)
		if !ok || !yamlLineRest(src[end:at+len(line)]) {
			return nil, false
		}
		f.Value, f.Scalar = v, true
		switch {
		case quote == 0:
			f.Text = p.exactSub(key, voff, len(s))
		case s == "":
			f.Text = Text{Text: "", Span: Span{voff, voff + 2}, Field: key}
		default:
			f.Text = p.exactSub(key, voff+1, len(s))
		}
		fields = append(fields, f)
	}
	if list >= 0 && fields[list].Value == nil {
		p.yamlNull(&fields[list])
	}
	if len(fields) == 0 {
		return nil, true
	}
	return fields, true
}

// maxYAMLKey is the longest key the fast path accepts; yaml.v3 rejects
// implicit keys longer than 1024 characters.
const maxYAMLKey = 1000

// yamlNull makes f, a key with no value and no list after it, the null
// scalar yaml.v3 reads there, placed just after the colon as yaml.v3 does.
func (p *parser) yamlNull(f *Field) {
	f.Scalar = true
	f.Text = p.exactSub(f.Key, f.KeySpan.End+1, 0)
}

// sub is src[start:end] as a substring of the block's one copy.
func (p *parser) sub(start, end int) string {
	return p.fmText[start-p.fmBase : end-p.fmBase]
}

// exactSub is the Text of the n bytes at src[off:], mapped byte for byte
// (what exactText builds, without allocating).
func (p *parser) exactSub(field string, off, n int) Text {
	var segs []textSeg
	if k := len(p.fmSegs); k < cap(p.fmSegs) {
		p.fmSegs = append(p.fmSegs, textSeg{0, off, n})
		segs = p.fmSegs[k : k+1 : k+1]
	} else {
		segs = []textSeg{{0, off, n}}
	}
	t := Text{Span: Span{off, off + n}, Field: field, segs: segs}
	if n > 0 {
		t.Text = p.sub(off, off+n)
	}
	return t
}

// yamlScalar reads one plain, single- or double-quoted scalar starting at
// src[off] and ending before stop (the end of the line). In a flow list,
// a plain scalar ends at ',' or ']'. Dates in lists (item) are left to
// yaml.v3, which decodes them to time.Time there. It returns the decoded value, its
// string form (empty for null), the quote character and the offset just
// past the scalar.
func (p *parser) yamlScalar(src []byte, off, stop int, flow, item bool) (v any, s string, quote byte, end int, ok bool) {
	c := src[off]
	if c == '"' || c == '\'' {
		k := bytes.IndexByte(src[off+1:stop], c)
		if k < 0 {
			return nil, "", 0, 0, false // continues on the next line
		}
		body := src[off+1 : off+1+k]
		end = off + 2 + k
		if (c == '"' && bytes.IndexByte(body, '\\') >= 0) || (c == '\'' && end < stop && src[end] == '\'') {
			return nil, "", 0, 0, false // escapes
		}
		s = p.sub(off+1, off+1+k)
		return s, s, c, end, true
	}
	if !yamlPlainStart(src, off, stop) {
		return nil, "", 0, 0, false
	}
	end = off
	for end < stop {
		b := src[end]
		if b == ':' && (end+1 == stop || src[end+1] == ' ' || (flow && (src[end+1] == ',' || src[end+1] == ']'))) {
			return nil, "", 0, 0, false // a mapping where a scalar belongs
		}
		if b == '#' && src[end-1] == ' ' {
			break // comment
		}
		if flow && (b == ',' || b == ']' || b == '[' || b == '{' || b == '}') {
			if b != ',' && b != ']' {
				return nil, "", 0, 0, false
			}
			break
		}
		end++
	}
	for end > off && src[end-1] == ' ' {
		end--
	}
	raw := src[off:end]
	if item && isYAMLDate(raw) {
		return nil, "", 0, 0, false // yaml.v3 decodes dates in lists to time.Time
	}
	v, isStr, ok := yamlPlainValue(raw)
	if !ok {
		return nil, "", 0, 0, false
	}
	if isStr {
		s = p.sub(off, end)
		v = s
	} else if v != nil {
		s = p.sub(off, end)
	}
	return v, s, 0, end, true
}

// yamlFlowList reads a one-line flow list of scalars: [a, "b", 3].
func (p *parser) yamlFlowList(src []byte, off, stop int) (v []any, end int, ok bool) {
	i := off + 1
	items := []any{}
	for {
		for i < stop && src[i] == ' ' {
			i++
		}
		if i >= stop {
			return nil, 0, false // continues on the next line
		}
		if src[i] == ']' && len(items) == 0 {
			return items, i + 1, true
		}
		item, _, _, e, ok := p.yamlScalar(src, i, stop, true, true)
		if !ok {
			return nil, 0, false
		}
		items = append(items, item)
		i = e
		for i < stop && src[i] == ' ' {
			i++
		}
		if i >= stop {
			return nil, 0, false
		}
		switch src[i] {
		case ']':
			return items, i + 1, true
		case ',':
			i++
			for i < stop && src[i] == ' ' {
				i++
			}
			if i >= stop || src[i] == ']' || src[i] == ',' {
				return nil, 0, false // trailing or empty entry
			}
		default:
			return nil, 0, false
		}
	}
}

// yamlPlainStart reports whether a plain scalar may start at src[off] in
// the fast path: a letter, a digit, a sign before a digit, or one of a few
// characters YAML gives no meaning there.
func yamlPlainStart(src []byte, off, stop int) bool {
	c := src[off]
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', c >= 0x80:
		return true
	case c == '(' || c == '/' || c == '$' || c == '_':
		return true
	case c == '-':
		return off+1 < stop && '0' <= src[off+1] && src[off+1] <= '9'
	}
	return false
}

// yamlPlainValue resolves a plain scalar the way yaml.v3 does when it
// decodes into an interface, for the forms the fast path accepts: words,
// true/false/null, decimal integers and fractions, dates and anything with
// a character no number has. Other forms (1e3, 0x1F, 1_000,
// 0o17, .5, 017) are left to yaml.v3.
func yamlPlainValue(raw []byte) (v any, isStr, ok bool) {
	c := raw[0]
	if c != '-' && (c < '0' || c > '9') {
		switch string(raw) {
		case "true", "True", "TRUE":
			return true, false, true
		case "false", "False", "FALSE":
			return false, false, true
		case "null", "Null", "NULL":
			return nil, false, true
		}
		return nil, true, true
	}
	if isYAMLDate(raw) || !numberLike(raw) {
		return nil, true, true // a date or text; dates stay as written
	}
	digits := raw
	if c == '-' {
		digits = raw[1:]
	}
	dot := bytes.IndexByte(digits, '.')
	intPart := digits
	if dot >= 0 {
		intPart = digits[:dot]
	}
	if len(intPart) == 0 || len(intPart) > 18 || (intPart[0] == '0' && len(intPart) > 1) || !allDigits(intPart) {
		return nil, false, false
	}
	if dot < 0 {
		n, err := strconv.ParseInt(string(raw), 10, 64)
		if err != nil {
			return nil, false, false
		}
		return int(n), false, true
	}
	if frac := digits[dot+1:]; len(frac) == 0 || !allDigits(frac) {
		return nil, false, false
	}
	f, err := strconv.ParseFloat(string(raw), 64)
	if err != nil {
		return nil, false, false
	}
	return f, false, true
}

// numberLike reports whether raw has only characters that some YAML or Go
// number syntax uses (digits, letters, '_', '.', signs): 05/09/2022, 12:30
// or "3 boxes" cannot be numbers, and yaml.v3 reads them as strings.
// So can a sign inside that follows no exponent letter (an ID such as
// 52b38267-6023) and a second dot (a version such as 3.3.0).
func numberLike(raw []byte) bool {
	dots := 0
	for i, c := range raw {
		switch {
		case '0' <= c && c <= '9', 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', c == '_':
		case c == '.':
			if dots++; dots > 1 {
				return false
			}
		case c == '+' || c == '-':
			if i > 0 && !strings.ContainsRune("eEpP", rune(raw[i-1])) {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// isYAMLDate reports whether raw starts like a YAML timestamp: four-digit
// year, month and day.
func isYAMLDate(raw []byte) bool {
	if len(raw) < 8 || !allDigits(raw[:4]) || raw[4] != '-' {
		return false
	}
	rest := raw[5:]
	m := 0
	for m < len(rest) && m < 2 && '0' <= rest[m] && rest[m] <= '9' {
		m++
	}
	if m == 0 || m >= len(rest) || rest[m] != '-' {
		return false
	}
	rest = rest[m+1:]
	return len(rest) > 0 && '0' <= rest[0] && rest[0] <= '9'
}

func allDigits(b []byte) bool {
	for _, c := range b {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// yamlLineRest reports whether what follows a value on its line is only
// spaces and an optional comment.
func yamlLineRest(rest []byte) bool {
	for i, c := range rest {
		switch c {
		case ' ':
		case '#':
			return i > 0
		default:
			return false
		}
	}
	return true
}

// isYAMLKeyByte accepts the characters of simple keys: letters, digits,
// '_' and, after the first, '-' and '.'.
func isYAMLKeyByte(c byte, first bool) bool {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', c == '_':
		return true
	case c == '-' || c == '.':
		return !first
	}
	return false
}

// yamlPlainBytes rejects blocks with bytes the fast path does not handle:
// tabs and other control characters, and the Unicode characters yaml.v3
// treats as line breaks or refuses (NEL, C1 controls, U+2028, U+2029,
// U+FEFF, U+FFFE, U+FFFF).
func yamlPlainBytes(b []byte) bool {
	for i := 0; i < len(b); i++ {
		c := b[i]
		switch {
		case c == '\n' || c == '\r':
		case c < 0x20 || c == 0x7F:
			return false
		case c == 0xC2:
			if i+1 < len(b) && b[i+1] >= 0x80 && b[i+1] <= 0x9F {
				return false
			}
		case c == 0xE2:
			if i+2 < len(b) && b[i+1] == 0x80 && (b[i+2] == 0xA8 || b[i+2] == 0xA9) {
				return false
			}
		case c == 0xEF:
			if i+2 < len(b) && ((b[i+1] == 0xBB && b[i+2] == 0xBF) || (b[i+1] == 0xBF && (b[i+2] == 0xBE || b[i+2] == 0xBF))) {
				return false
			}
		}
	}
	return true
}

// internKey returns common keys without allocating, and "" for others.
func internKey(b []byte) string {
	switch string(b) {
	case "title":
		return "title"
	case "description":
		return "description"
	case "date":
		return "date"
	case "slug":
		return "slug"
	case "track":
		return "track"
	case "tags":
		return "tags"
	case "categories":
		return "categories"
	case "draft":
		return "draft"
	case "author":
		return "author"
	case "lang":
		return "lang"
	case "summary":
		return "summary"
	case "weight":
		return "weight"
	case "layout":
		return "layout"
	case "lastmod":
		return "lastmod"
	case "image":
		return "image"
	case "aliases":
		return "aliases"
	case "keywords":
		return "keywords"
	case "type":
		return "type"
	}
	return ""
}
