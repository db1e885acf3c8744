package rules

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"

	"github.com/notelint/notelint/linter"
)

// TestStatTextMatchesNodeText keeps statTextBuilder in step with
// Note.NodeText: the same text, and the same spans for its pieces.
func TestStatTextMatchesNodeText(t *testing.T) {
	srcs := []string{
		"Plain *emphasis* and **strong** with `code 12%` and a [link 3 in 5](https://example.com/42).\nSecond line  \nhard break.\n",
		"# Heading with <https://example.com/7> and <b>html</b> ![img 5%](x.png)\n\nSetext\n===\n",
		"- item one\n  continued 40%\n\n  second paragraph\n- item <span>two</span>\n\n> quoted 9 out of 10\n> line\n",
		"| a | b 3x |\n|---|---|\n| `1` | [x](y) 20&nbsp;% |\n| \\| | &amp; 4 |\n",
		"Footnote[^1] and www.example.com 5%.\n\n[^1]: Source 2024.\n",
		"Text\\\nbreak and \\*escaped\\* 62\\% value\n",
	}
	files, _ := filepath.Glob(filepath.Join("testdata", "unsourced-statistic", "*.md"))
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		srcs = append(srcs, string(b))
	}
	checked := 0
	for _, src := range srcs {
		n := linter.Parse("n.md", []byte(src), linter.DefaultParseOptions())
		if n.Body == nil {
			continue
		}
		_ = ast.Walk(n.Body, func(node ast.Node, entering bool) (ast.WalkStatus, error) {
			if !entering {
				return ast.WalkContinue, nil
			}
			switch node.(type) {
			case *ast.Paragraph, *ast.TextBlock, *ast.Heading, *east.TableCell:
				var b statTextBuilder
				b.build(n.BodySrc(), n.BodyStart, node) // the second text starts mid-buffer
				bt := b.build(n.BodySrc(), n.BodyStart, node)
				if !bt.ok {
					return ast.WalkContinue, nil
				}
				got := b.text(string(b.buf), bt)
				want := n.NodeText(node)
				if got.Text != want.Text {
					t.Errorf("text of %s:\n got %q\nwant %q", node.Kind(), got.Text, want.Text)
					return ast.WalkContinue, nil
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
				checked++
			}
			return ast.WalkContinue, nil
		})
	}
	if checked < 50 {
		t.Errorf("checked only %d blocks", checked)
	}
}
