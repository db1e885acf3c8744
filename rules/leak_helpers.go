package rules

// Helpers shared by leaked-frontmatter, leaked-jsonld and leaked-markup.
// They scan source bytes and field strings in place (generic over string
// and []byte) so that the common case, a note with nothing leaked, costs
// no allocations.

import (
	"bytes"
	"strings"
	"sync"

	"github.com/notelint/notelint/linter"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
)

// leakText is what the scanners accept: field strings and source bytes.
type leakText interface{ ~string | ~[]byte }

// leakLine finds the line that starts at off: it ends at end (before the
// line ending) and the next line starts at next. Lines end at "\n", "\r\n"
// or a lone "\r", as linter positions do.
func leakLine[S leakText](s S, off int) (end, next int) {
	for i := off; i < len(s); i++ {
		switch s[i] {
		case '\n':
			return i, i + 1
		case '\r':
			if i+1 < len(s) && s[i+1] == '\n' {
				return i, i + 2
			}
			return i, i + 1
		}
	}
	return len(s), len(s)
}

// leakTrim narrows [start, end) of s to exclude spaces and tabs.
func leakTrim[S leakText](s S, start, end int) (int, int) {
	for start < end && (s[start] == ' ' || s[start] == '\t') {
		start++
	}
	for end > start && (s[end-1] == ' ' || s[end-1] == '\t') {
		end--
	}
	return start, end
}

// leakIs reports whether s[start:end] is exactly lit.
func leakIs[S leakText](s S, start, end int, lit string) bool {
	if end-start != len(lit) {
		return false
	}
	for i := 0; i < len(lit); i++ {
		if s[start+i] != lit[i] {
			return false
		}
	}
	return true
}

// leakHasPrefixFold reports whether s[off:] starts with the lower-case
// ASCII lit, ignoring case.
func leakHasPrefixFold[S leakText](s S, off int, lit string) bool {
	if off < 0 || len(s)-off < len(lit) {
		return false
	}
	for i := 0; i < len(lit); i++ {
		if leakLower(s[off+i]) != lit[i] {
			return false
		}
	}
	return true
}

// leakIndex is the index of lit in s at or after off, or -1.
func leakIndex[S leakText](s S, off int, lit string) int {
	if off >= len(s) {
		return -1
	}
	var i int
	switch v := any(s[off:]).(type) {
	case string:
		i = strings.Index(v, lit)
	case []byte:
		i = bytes.Index(v, []byte(lit))
	default: // a named string or byte slice type
		i = strings.Index(string(s[off:]), lit)
	}
	if i < 0 {
		return -1
	}
	return off + i
}

// leakIndexFold is leakIndex ignoring ASCII case; lit is lower case and
// starts with a byte that has no case (such as '<' or '+').
func leakIndexFold[S leakText](s S, off int, lit string) int {
	for i := off; i+len(lit) <= len(s); i++ {
		j := leakIndex(s, i, lit[:1])
		if j < 0 {
			return -1
		}
		if leakHasPrefixFold(s, j, lit) {
			return j
		}
		i = j
	}
	return -1
}

func leakLower(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

func leakIsLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }
func leakIsDigit(c byte) bool  { return '0' <= c && c <= '9' }
func leakIsSpace(c byte) bool  { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// leakBlank reports whether s[start:end] holds only white space.
func leakBlank[S leakText](s S, start, end int) bool {
	for i := start; i < end; i++ {
		if !leakIsSpace(s[i]) {
			return false
		}
	}
	return true
}

// leakYAMLKey parses s[start:end] as a YAML "key: value" line and returns
// where the key is. The key must start the line (after indentation), be
// one word (letters, digits, "_", "-", "."; or quoted) and be followed
// directly by a colon and then a space or the end of the line, so
// "12:30", "https://x" and "Note : x" are not keys.
func leakYAMLKey[S leakText](s S, start, end int) (ks, ke int, ok bool) {
	i := start
	for i < end && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	ks = i
	switch {
	case i < end && (s[i] == '"' || s[i] == '\''):
		q := s[i]
		i++
		for i < end && s[i] != q {
			i++
		}
		if i >= end || i == ks+1 {
			return 0, 0, false
		}
		i++
		ke = i
	case i < end && (leakIsLetter(s[i]) || s[i] == '_'):
		for i < end && (leakIsLetter(s[i]) || leakIsDigit(s[i]) || s[i] == '_' || s[i] == '-' || s[i] == '.') {
			i++
		}
		ke = i
	default:
		return 0, 0, false
	}
	if i >= end || s[i] != ':' {
		return 0, 0, false
	}
	i++
	if i < end && s[i] != ' ' && s[i] != '\t' {
		return 0, 0, false
	}
	return ks, ke, true
}

// leakTOMLKey parses s[start:end] as a TOML "key = value" line whose value
// looks like TOML (quoted, a number, a date, a boolean, an array or table).
func leakTOMLKey[S leakText](s S, start, end int) (ks, ke int, ok bool) {
	i := start
	for i < end && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	ks = i
	if i >= end || !(leakIsLetter(s[i]) || s[i] == '_') {
		return 0, 0, false
	}
	for i < end && (leakIsLetter(s[i]) || leakIsDigit(s[i]) || s[i] == '_' || s[i] == '-') {
		i++
	}
	ke = i
	for i < end && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	if i >= end || s[i] != '=' {
		return 0, 0, false
	}
	i++
	for i < end && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	if i >= end {
		return 0, 0, false
	}
	switch c := s[i]; {
	case c == '"' || c == '\'' || c == '[' || c == '{' || leakIsDigit(c):
	case leakHasPrefixFold(s, i, "true") || leakHasPrefixFold(s, i, "false"):
	default:
		return 0, 0, false
	}
	return ks, ke, true
}

// leakYAMLish reports whether s[start:end] could be a line of a YAML
// frontmatter block: a key line, a list item, an indented continuation, a
// comment or a blank line.
func leakYAMLish[S leakText](s S, start, end int, toml bool) bool {
	if start >= end {
		return true
	}
	switch c := s[start]; {
	case c == ' ' || c == '\t' || c == '#':
		return true
	case c == '-' && (start+1 == end || s[start+1] == ' '):
		return true
	case toml && c == '[':
		return true
	}
	if toml {
		_, _, ok := leakTOMLKey(s, start, end)
		return ok
	}
	_, _, ok := leakYAMLKey(s, start, end)
	return ok
}

// leakKeySet is a compiled list of frontmatter keys.
type leakKeySet struct {
	exact map[string]bool // as configured
	fold  map[string]bool // lower-cased
}

func newLeakKeySet(keys []string) *leakKeySet {
	ks := &leakKeySet{exact: make(map[string]bool, len(keys)), fold: make(map[string]bool, len(keys))}
	for _, k := range keys {
		ks.exact[k] = true
		ks.fold[strings.ToLower(k)] = true
	}
	return ks
}

// leakLookup classifies the key s[ks:ke] (quotes around it are ignored):
// exact is a configured key spelled as configured and starting in lower
// case, as frontmatter keys are ("slug", "metaTitle"); fold matches
// ignoring case ("Title", "DATE").
func leakLookup[S leakText](k *leakKeySet, s S, ks, ke int) (exact, fold bool) {
	if ke-ks >= 2 && (s[ks] == '"' || s[ks] == '\'') {
		ks, ke = ks+1, ke-1
	}
	var buf [64]byte
	if ke <= ks || ke-ks > len(buf) {
		return false, false
	}
	n := ke - ks
	for i := 0; i < n; i++ {
		buf[i] = s[ks+i]
	}
	if !('A' <= buf[0] && buf[0] <= 'Z') && k.exact[string(buf[:n])] {
		return true, true
	}
	for i := 0; i < n; i++ {
		buf[i] = leakLower(buf[i])
	}
	return false, k.fold[string(buf[:n])]
}

// leakExcerptShown reports whether readers see the derived excerpt as the
// note's summary, that is, the note sets no description.
//
// It is not when the site's generator derives no summary from the body
// (MkDocs, DocFX); see leakExcerptMarkupShown for markup.
func leakExcerptShown(n *linter.Note) bool {
	return n.Excerpt.Field == "excerpt" && n.Page.Summary != ""
}

// leakExcerptMarkupShown reports whether markup in the derived excerpt
// reaches readers: not where the generator makes the summary plain text
// (Docusaurus leaves code blocks and tags out).
func leakExcerptMarkupShown(n *linter.Note) bool {
	return leakExcerptShown(n) && n.Page.Summary == "html"
}

// leakBlockStart is the offset in Src of the first character of a
// top-level block: its first non-blank character, not the first text.
func leakBlockStart(n *linter.Note, node ast.Node) int {
	pos := node.Pos()
	if t, ok := node.(*east.Table); ok {
		// A table split off a paragraph carries the paragraph's position;
		// its first cell knows the header row.
		if row := t.FirstChild(); row != nil && row.FirstChild() != nil && row.FirstChild().Pos() >= 0 {
			pos = row.FirstChild().Pos()
		}
	}
	if pos < 0 {
		if l := node.Lines(); l != nil && l.Len() > 0 {
			pos = l.At(0).Start
		} else {
			return -1
		}
	}
	src := n.BodySrc()
	pos = min(pos, len(src))
	// Back up to the start of the line, then skip indentation, so a table
	// row starts at its "|" and a fence at its first backtick.
	ls := pos
	for ls > 0 && src[ls-1] != '\n' && src[ls-1] != '\r' {
		ls--
	}
	if node.Kind() == east.KindTable || node.Kind() == ast.KindFencedCodeBlock {
		pos = ls
		for pos < len(src) && (src[pos] == ' ' || src[pos] == '\t') {
			pos++
		}
	}
	return n.BodyStart + pos
}

// leakLineSpan is the span of the (trimmed) line holding off in src.
func leakLineSpan(src []byte, off int) linter.Span {
	end, _ := leakLine(src, off)
	_, end = leakTrim(src, off, end)
	return linter.Span{Start: off, End: max(end, off)}
}

// leakQuote shortens s for a message.
func leakQuote(s string, limit int) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexAny(s, "\r\n"); i >= 0 {
		s = s[:i]
	}
	if len(s) > limit {
		cut := limit
		for cut > 0 && s[cut]&0xC0 == 0x80 {
			cut--
		}
		s = s[:cut] + "…"
	}
	return s
}

// leakSpans records what a rule has reported, so that one piece of text is
// reported once even when two checks reach it.
type leakSpans []linter.Span

func (r leakSpans) covers(off int) bool {
	for _, s := range r {
		if off >= s.Start && off < max(s.End, s.Start+1) {
			return true
		}
	}
	return false
}

// leakOnce guards a lazily compiled value in an options struct, which the
// runner shares between goroutines.
type leakOnce struct {
	once sync.Once
	keys *leakKeySet
}
