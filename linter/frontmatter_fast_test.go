package linter

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

// fastAndLib decodes a YAML block both ways. content is the text between
// the delimiters.
func fastAndLib(content string) (fast []Field, ok bool, lib []Field, prob *Problem) {
	src := []byte("---\n" + content + "---\n")
	ix := newLineIndex(src)
	p := &parser{src: src, lines: &ix}
	span := Span{4, 4 + len(content)}
	fast, ok = p.fastYAML(span)
	fm := Frontmatter{Format: "yaml", Span: Span{0, len(src)}, Content: span}
	prob = p.decodeFrontmatterLib(&fm)
	return fast, ok, fm.Fields, prob
}

func describeFields(fs []Field) string {
	var b strings.Builder
	for _, f := range fs {
		fmt.Fprintf(&b, "%s@%v=%#v scalar=%v text=%q@%v segs=%v\n", f.Key, f.KeySpan, f.Value, f.Scalar, f.Text.Text, f.Text.Span, f.Text.segs)
	}
	return b.String()
}

func TestFastYAML(t *testing.T) {
	accepted := []string{
		"title: \"Carrier Cutoff Checklist\"\ndescription: What to check first.\ntrack: Omnichannel Systems\nslug: carrier-cutoff\ndate: 2025-03-01\n",
		"title: 'Single quoted'\ndraft: true\nweight: 10\nratio: 0.25\nneg: -3\nempty: \"\"\nnothing: null\n",
		"# a comment\ntitle: Plain title # and a comment\n\ntags: [ops, \"retail, online\", 3, true]\nnone: []\n",
		"tags:\n  - ops\n  - retail # comment\n\n  - \"2025-01-02\"\ncategories:\n- a\n- b\ntitle: x\n",
		"date: 2025-03-01T10:00:00Z\nlastmod: 2025-03-01 10:00:00 +0100\ntitle: 10 ways to cut refunds\n",
		"title: Café, naïve & emoji 🚀\nurl: /docs/a_b?c=d#frag\n",
		"title: Ends with colon-free text\r\ndescription: CRLF lines\r\n",
		"a-b.c_d: 1\n_x: (parenthesised)\nprice: $10\n",
		"",
		"# only a comment\n",
		"description:\ncategories: []\nsummary: # none yet\n\nkeywords:\n",
		"ms.date: 05/09/2022\ntime: 12:30\nratio: 3/4\nsize: 10 MB\nlist: [05/09/2022, 1:2]\nversion: 3.3.0\nid: 52b38267-6023-4bdc\n",
	}
	for _, c := range accepted {
		fast, ok, lib, prob := fastAndLib(c)
		if !ok {
			t.Errorf("fast path refused %q", c)
			continue
		}
		if prob != nil {
			t.Errorf("library rejects %q: %s", c, prob.Message)
			continue
		}
		if !reflect.DeepEqual(fast, lib) {
			t.Errorf("%q:\nfast:\n%slibrary:\n%s", c, describeFields(fast), describeFields(lib))
		}
	}
	// Shapes left to yaml.v3: refused by the fast path, whatever the
	// library then makes of them.
	refused := []string{
		"title: a\n  continued on the next line\n",
		"title: \"escaped \\\" quote\"\n",
		"title: 'it''s'\n",
		"title: \"spans\n  lines\"\n",
		"title: |\n  block\n",
		"title: >\n  folded\n",
		"params:\n  key: value\n",
		"title: &a anchor\nother: *a\n",
		"title: !!str 10\n",
		"title: a: b\n",
		"title: x\ntitle: y\n",
		"n: 1e3\n", "n: 0x1F\n", "n: 1_000\n", "n: 017\n", "n: .5\n", "n: +1\n", "n: -inf\n", "n: 1.\n",
		"title: ~\n",
		"title:\tx\n",
		"  title: indented mapping\n",
		"  # indented comment\ntitle: x\n",
		"tags: [a, [b]]\n", "tags: [a,]\n", "tags: [a\n", "tags: {a: b}\n",
		"tags:\n  - a\n    - b\n",
		"tags:\n  - key: v\n",
		"tags:\n  - 2025-01-02\n", "tags: [2025-01-02]\n",
		"title: line\u2028separator\n",
		"? complex\n: key\n",
		"%YAML 1.2\n",
		"- a\n- b\n",
		strings.Repeat("k", 1025) + ": v\n",
	}
	for _, c := range refused {
		if fast, ok, _, _ := fastAndLib(c); ok {
			t.Errorf("fast path accepted %q:\n%s", c, describeFields(fast))
		}
	}
}

// FuzzFastYAML checks that wherever the fast path accepts a block, yaml.v3
// accepts it too and decodes the same fields at the same positions.
func FuzzFastYAML(f *testing.F) {
	for _, s := range []string{
		"title: \"A\"\ndate: 2025-03-01\ntags: [a, b]\n",
		"tags:\n  - a\n  - 3\nweight: -1.5\ndraft: false\n",
		"title: 'x' # c\nn: null\nt: True\nlist: []\n",
		"k: 10 things\nd: 2025-1-2 x\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, content string) {
		if strings.Contains(content, "\n---") || strings.HasPrefix(content, "---") {
			return // would end the block
		}
		if !utf8.ValidString(content) {
			return // Parse rejects the note before decoding its frontmatter
		}
		if content != "" && !strings.HasSuffix(content, "\n") {
			content += "\n"
		}
		fast, ok, lib, prob := fastAndLib(content)
		if !ok {
			return
		}
		if prob != nil {
			t.Fatalf("fast path accepted what yaml.v3 rejects (%s):\n%q\n%s", prob.Message, content, describeFields(fast))
		}
		if !reflect.DeepEqual(fast, lib) {
			t.Fatalf("%q:\nfast:\n%slibrary:\n%s", content, describeFields(fast), describeFields(lib))
		}
	})
}
