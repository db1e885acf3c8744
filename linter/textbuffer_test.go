package linter

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
)

// TestTextBufferMatchesNodeText checks that texts built one after another
// in a TextBuffer are NodeText's: the same text, and the same spans for
// every piece of it.
func TestTextBufferMatchesNodeText(t *testing.T) {
	srcs := []string{
		"Plain *emphasis* and **strong** with `code 12%` and a [link 3 in 5](https://example.com/42).\nSecond line  \nhard break.\n",
		"# Heading with <https://example.com/7> and <b>html</b> ![img 5%](x.png)\n\nSetext\n===\n",
		"- item one\n  continued 40%\n\n  second paragraph\n- item <span>two</span>\n\n> quoted 9 out of 10\n> line\n",
		"| a | b 3x |\n|---|---|\n| `1` | [x](y) 20&nbsp;% |\n| \\| | &amp; 4 |\n",
		"Footnote[^1] and www.example.com 5%.\n\n[^1]: Source 2024.\n",
		"Text\\\nbreak and \\*escaped\\* 62\\% value\n",
		"<div>\n<p>HTML 5%</p>\n</div>\n\n- <!-- comment -->\n  text\n",
	}
	files, _ := filepath.Glob(filepath.Join("..", "testdata", "demo", "content", "*", "*.md"))
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		srcs = append(srcs, string(b))
	}
	checked := 0
	var tb TextBuffer
	for _, src := range srcs {
		n := Parse("n.md", []byte(src), DefaultParseOptions())
		if n.Body == nil {
			continue
		}
		var nodes []ast.Node
		_ = ast.Walk(n.Body, func(node ast.Node, entering bool) (ast.WalkStatus, error) {
			if entering && node != n.Body {
				nodes = append(nodes, node)
			}
			return ast.WalkContinue, nil
		})
		tb.Reset()
		refs := make([]TextRef, len(nodes))
		for i, node := range nodes {
			refs[i] = tb.Add(n, node)
		}
		all := string(tb.All())
		for i, node := range nodes {
			got, want := tb.Text(all, refs[i]), n.NodeText(node)
			if string(tb.Bytes(refs[i])) != want.Text || got.Text != want.Text {
				t.Errorf("text of %s:\n got %q\nwant %q", node.Kind(), got.Text, want.Text)
				continue
			}
			if got.Span != want.Span {
				t.Errorf("span of %s %q: got %v, want %v", node.Kind(), want.Text, got.Span, want.Span)
			}
			for i := 0; i <= len(want.Text); i++ {
				for _, j := range []int{i - 1, i, i + 1, i + 7, len(want.Text)} {
					if j > len(want.Text) {
						continue
					}
					if g, w := got.SpanOf(i, j), want.SpanOf(i, j); g != w {
						t.Fatalf("span of [%d, %d) in %q: got %v, want %v", i, j, want.Text, g, w)
					}
				}
			}
			if _, ok := node.(*east.TableCell); ok || node.Type() == ast.TypeBlock {
				checked++
			}
		}
	}
	if checked < 50 {
		t.Errorf("checked only %d blocks", checked)
	}
}
