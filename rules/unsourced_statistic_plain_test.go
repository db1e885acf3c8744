package rules

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"

	"github.com/notelint/notelint/linter"
)

// TestStatPlainMatchesNodeText keeps statAppendPlain, which the rule uses
// to skip blocks without figures, in step with Note.NodeText.
func TestStatPlainMatchesNodeText(t *testing.T) {
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
				got, ok := statAppendPlain(nil, n.BodySrc(), node)
				if want := n.NodeText(node).Text; ok && string(got) != want {
					t.Errorf("plain text of %s:\n got %q\nwant %q", node.Kind(), got, want)
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
