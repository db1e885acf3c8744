package linter

import (
	"bytes"
	"fmt"
	"math/rand"
	"testing"

	"github.com/adrg/frontmatter"
	"github.com/yuin/goldmark/text"
)

// benchNotes builds n realistic notes (frontmatter, paragraphs with links
// and figures, a list and a table), deterministically.
func benchNotes(n int) [][]byte {
	r := rand.New(rand.NewSource(1))
	words := []string{"carrier", "cutoff", "refund", "inventory", "warehouse", "allocation", "order",
		"shipment", "storefront", "ledger", "pipeline", "workflow", "the", "a", "with", "and", "when"}
	sentence := func(k int) string {
		var b bytes.Buffer
		for i := 0; i < k; i++ {
			if i > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(words[r.Intn(len(words))])
		}
		return b.String()
	}
	out := make([][]byte, n)
	for i := range out {
		var b bytes.Buffer
		fmt.Fprintf(&b, "---\ntitle: \"%s %d\"\ndescription: %s.\ntrack: Omnichannel Systems\nslug: note-%d\ndate: 2025-03-%02d\ntags: [ops, retail]\n---\n",
			sentence(5), i, sentence(12), i, 1+i%28)
		for p := 0; p < 4; p++ {
			fmt.Fprintf(&b, "%s, and %d%% of %s ([source](https://example.com/%d)). %s.\n\n", sentence(14), r.Intn(90), sentence(6), i, sentence(10))
		}
		b.WriteString("- " + sentence(6) + "\n- " + sentence(7) + "\n\n| Step | Where |\n|---|---|\n| one | settings |\n\n")
		out[i] = b.Bytes()
	}
	return out
}

// BenchmarkParse measures notelint's whole parse of one note: frontmatter
// with positions, goldmark, title and the derived excerpt.
func BenchmarkParse(b *testing.B) { benchmarkParse(b, benchNotes(1000)) }

// benchmarkParse parses the notes one after another, reporting bytes per
// note.
func benchmarkParse(b *testing.B, notes [][]byte) {
	opt := DefaultParseOptions()
	size := 0
	for _, n := range notes {
		size += len(n)
	}
	b.SetBytes(int64(size / len(notes)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Parse("n.md", notes[i%len(notes)], opt)
	}
}

// BenchmarkFloor is the least any Markdown linter with frontmatter must
// do: adrg/frontmatter's own decoding and a goldmark parse, nothing kept.
func BenchmarkFloor(b *testing.B) {
	notes := benchNotes(1000)
	size := 0
	for _, n := range notes {
		size += len(n)
	}
	b.SetBytes(int64(size / len(notes)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		var m map[string]any
		rest, _ := frontmatter.Parse(bytes.NewReader(notes[i%len(notes)]), &m)
		markdown.Parser().Parse(text.NewReader(rest))
	}
}

// BenchmarkParseTemplates parses notes of a Jekyll or Hugo site: the same
// notes with Liquid tags, a highlight block of commented code and a paired
// shortcode, whose headings the parse must tell from the note's own.
func BenchmarkParseTemplates(b *testing.B) {
	notes := benchNotes(1000)
	for i, n := range notes {
		var t bytes.Buffer
		t.Write(n)
		fmt.Fprintf(&t, "{%% include note.html id=%d %%}\n\n{%% highlight ruby %%}\n# Find the order\n# and refund it\norder = Order.find(%d)\norder.refund!\n{%% endhighlight %%}\n\n", i, i)
		t.WriteString("{{< note >}}\n# Carrier cutoffs\nMove twice a year.\n{{< /note >}}\n\n## See also\n\n[Refunds]({% link refunds.md %})\n")
		notes[i] = t.Bytes()
	}
	benchmarkParse(b, notes)
}
