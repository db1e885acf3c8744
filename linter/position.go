package linter

import (
	"bytes"
	"sort"
	"unicode/utf8"
)

// Span is a half-open range of byte offsets into Note.Src, the original file
// as read from disk (BOM and all).
type Span struct{ Start, End int }

// Empty reports whether s covers no bytes.
func (s Span) Empty() bool { return s.End <= s.Start }

// Position is a 1-based line and column. Columns count Unicode code points
// (runes), so a tab or a wide character is one column; a UTF-8 BOM on the
// first line is not counted. Lines end at "\n", "\r\n" or a lone "\r".
type Position struct {
	Line   int `json:"line"`
	Column int `json:"column"`
}

// lineIndex maps byte offsets to positions. It is built on first use:
// most notes need no position at all. Notes shared between goroutines (the
// archive-wide phase) have theirs built beforehand.
type lineIndex struct {
	src    []byte
	starts []int // byte offset of the first byte of each line; nil until built
}

func newLineIndex(src []byte) lineIndex { return lineIndex{src: src} }

func (ix *lineIndex) build() {
	if ix.starts != nil {
		return
	}
	src := ix.src
	starts := make([]int, 1, 1+len(src)/40)
	if bytes.IndexByte(src, '\r') < 0 {
		for i := 0; ; {
			j := bytes.IndexByte(src[i:], '\n')
			if j < 0 {
				break
			}
			i += j + 1
			starts = append(starts, i)
		}
		ix.starts = starts
		return
	}
	for i := 0; i < len(src); i++ {
		switch src[i] {
		case '\n':
			starts = append(starts, i+1)
		case '\r':
			if i+1 < len(src) && src[i+1] == '\n' {
				i++
			}
			starts = append(starts, i+1)
		}
	}
	ix.starts = starts
}

// truncate is the index of a prefix of the indexed source.
func (ix *lineIndex) truncate(src []byte) lineIndex {
	if ix.starts == nil {
		return lineIndex{src: src}
	}
	n := sort.Search(len(ix.starts), func(i int) bool { return ix.starts[i] > len(src) })
	starts := append([]int(nil), ix.starts[:max(n, 1)]...)
	return lineIndex{src: src, starts: starts}
}

// position returns the position of byte offset off; offsets past the end
// clamp to the end of the file.
func (ix *lineIndex) position(off int) Position {
	ix.build()
	if off < 0 {
		off = 0
	}
	if off > len(ix.src) {
		off = len(ix.src)
	}
	line := sort.Search(len(ix.starts), func(i int) bool { return ix.starts[i] > off }) - 1
	start := ix.starts[line]
	if line == 0 && hasBOM(ix.src) {
		start = min(len(bom), off)
		if off < len(bom) {
			return Position{Line: 1, Column: 1}
		}
	}
	return Position{Line: line + 1, Column: utf8.RuneCount(ix.src[start:off]) + 1}
}

// offset is the inverse of position: the byte offset of a 1-based line and
// rune column, clamped to the line.
func (ix *lineIndex) offset(p Position) int {
	ix.build()
	if p.Line < 1 {
		return 0
	}
	if p.Line > len(ix.starts) {
		return len(ix.src)
	}
	off := ix.starts[p.Line-1]
	if p.Line == 1 && hasBOM(ix.src) {
		off = len(bom)
	}
	end := len(ix.src)
	if p.Line < len(ix.starts) {
		end = ix.starts[p.Line]
	}
	for col := 1; col < p.Column && off < end; col++ {
		_, size := utf8.DecodeRune(ix.src[off:end])
		off += size
	}
	return off
}

var bom = []byte{0xEF, 0xBB, 0xBF}

func hasBOM(b []byte) bool {
	return len(b) >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF
}
