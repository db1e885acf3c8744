package linter

import (
	"bytes"
	"strings"
	"testing"
)

// TestHugeInputs parses a note with one 9 MB line and a note of 4 MB of
// short paragraphs; both must finish (linear time) with sane results.
func TestHugeInputs(t *testing.T) {
	if testing.Short() {
		t.Skip("large inputs; skipped with -short")
	}
	oneLine := "---\ntitle: Long\n---\n" + strings.Repeat("word 42% [a](b) ", 9<<20/16) + "\n"
	n := Parse("line.md", []byte(oneLine), DefaultParseOptions())
	if n.Broken || n.Title.Text != "Long" || countWords([]byte(n.Excerpt.Text)) != 70 {
		t.Errorf("one long line: broken=%v title=%q excerpt words=%d", n.Broken, n.Title.Text, countWords([]byte(n.Excerpt.Text)))
	}
	var b bytes.Buffer
	b.WriteString("---\ntitle: Many\n---\n")
	for b.Len() < 4<<20 {
		b.WriteString("A paragraph with a figure of 12% and a [link](https://example.com).\n\n")
	}
	n = Parse("many.md", b.Bytes(), DefaultParseOptions())
	if n.Broken || n.Title.Text != "Many" {
		t.Errorf("many paragraphs: broken=%v title=%q", n.Broken, n.Title.Text)
	}
	if p := n.Position(len(n.Src) - 1); p.Line < 100000 {
		t.Errorf("last position %v", p)
	}
}
