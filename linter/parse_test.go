package linter

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

func parse(src string) *Note { return Parse("n.md", []byte(src), DefaultParseOptions()) }

// at returns the "line:col" of a span's start.
func at(n *Note, s Span) Position { return n.Position(s.Start) }

func TestPosition(t *testing.T) {
	src := "\xef\xbb\xbfab\r\ncé\rx\n\n日本語z"
	ix := newLineIndex([]byte(src))
	for _, tc := range []struct {
		off  int
		want Position
	}{
		{0, Position{1, 1}},  // inside the BOM
		{3, Position{1, 1}},  // 'a'
		{4, Position{1, 2}},  // 'b'
		{7, Position{2, 1}},  // 'c' after CRLF
		{8, Position{2, 2}},  // 'é'
		{11, Position{3, 1}}, // 'x' after lone CR
		{13, Position{4, 1}}, // empty line
		{23, Position{5, 4}}, // 'z' after three wide runes
	} {
		if got := ix.position(tc.off); got != tc.want {
			t.Errorf("position(%d) = %v, want %v", tc.off, got, tc.want)
		}
		if got := ix.offset(tc.want); tc.off >= 3 && got != tc.off {
			t.Errorf("offset(%v) = %d, want %d", tc.want, got, tc.off)
		}
	}
}

func TestFrontmatterLocation(t *testing.T) {
	for _, tc := range []struct {
		name, src, format string
	}{
		{"yaml", "---\ntitle: A\n---\nbody", "yaml"},
		{"yaml trailing spaces", "---  \ntitle: A\n---\t\nbody", "yaml"},
		{"toml", "+++\ntitle = \"A\"\n+++\nbody", "toml"},
		{"json", "{\n  \"title\": \"A\"\n}\n\nbody", "json"},
		{"json at end of file", "{\"title\": \"A\"}\n", "json"},
		{"bom", "\xef\xbb\xbf---\ntitle: A\n---\nbody", "yaml"},
		{"crlf", "---\r\ntitle: A\r\n---\r\nbody", "yaml"},
		{"leading blank line", "\n---\ntitle: A\n---\nbody", ""},
		{"unclosed", "---\ntitle: A\nbody", ""},
		{"closed by dots", "---\ntitle: A\n...\nbody", ""},
		{"closed by four dashes", "---\ntitle: A\n----\nbody", ""},
		{"json without blank line", "{\"title\": \"A\"}\nbody", ""},
		{"mixed delimiters", "---\ntitle = \"A\"\n+++\nbody", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			n := parse(tc.src)
			if n.Broken {
				t.Fatalf("broken: %v", n.Problem)
			}
			if n.Front.Format != tc.format {
				t.Errorf("format = %q, want %q", n.Front.Format, tc.format)
			}
			if tc.format != "" && (n.Title.Text != "A" || n.Title.Field != "title") {
				t.Errorf("title = %+v, want A from the title field", n.Title)
			}
		})
	}
}

func TestFieldSpans(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		want      Position
	}{
		{"yaml plain", "---\ntitle: Hello World\n---\n", Position{2, 8}},
		{"yaml double", "---\ntitle: \"Hello World\"\n---\n", Position{2, 9}},
		{"yaml single", "---\ntitle: 'Hello World'\n---\n", Position{2, 9}},
		{"yaml wide key before", "---\nüber: x\ntitle:   Hello World\n---\n", Position{3, 10}},
		{"toml", "+++\n# c\ntitle = \"Hello World\"\n+++\n", Position{3, 10}},
		{"json", "{\n  \"slug\": \"x\",\n  \"title\":  \"Hello World\"\n}\n", Position{3, 14}},
		{"bom crlf", "\xef\xbb\xbf---\r\ntitle: Hello World\r\n---\r\n", Position{2, 8}},
		{"h1", "Intro.\n\n#  Hello World\n", Position{3, 4}},
		{"setext h1", "Hello World\n===\n", Position{1, 1}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			n := parse(tc.src)
			if n.Broken {
				t.Fatalf("broken: %v", n.Problem)
			}
			if n.Title.Text != "Hello World" {
				t.Fatalf("title = %q", n.Title.Text)
			}
			if got := at(n, n.Title.Span); got != tc.want {
				t.Errorf("title at %v, want %v", got, tc.want)
			}
			if got := string(n.Src[n.Title.Span.Start:n.Title.Span.End]); got != "Hello World" {
				t.Errorf("title span covers %q", got)
			}
			sub := n.Title.SpanOf(6, 11)
			if got := string(n.Src[sub.Start:sub.End]); got != "World" {
				t.Errorf("SpanOf(6, 11) covers %q, want World", got)
			}
		})
	}
}

// An indented "---" inside a block scalar is content, not the end of the
// frontmatter; adrg/frontmatter alone would cut the block there.
func TestDelimiterInsideBlockScalar(t *testing.T) {
	n := parse("---\ntitle: Damaged goods\ndescription: |\n  ---\n  slug: damaged-goods\ndate: 2024-01-01\n---\nbody\n")
	if n.Broken {
		t.Fatal(n.Problem)
	}
	if n.Description.Text != "---\nslug: damaged-goods\n" {
		t.Errorf("description = %q", n.Description.Text)
	}
	if n.Date.Text != "2024-01-01" {
		t.Errorf("date = %q (fields after the block scalar were lost)", n.Date.Text)
	}
}

// A value on several lines maps each line back to the source, so a word
// on the second line of a folded description is found there.
func TestMultilineFieldSpans(t *testing.T) {
	for _, tc := range []struct {
		name, yaml, word string
		want             Position // of word; 0:0 for the value's first line
	}{
		{"folded", "description: >-\n  A note with\n  <b>bold</b> text.\n", "<b>", Position{5, 3}},
		{"folded keep", "description: >+\n  first\n\n  second\n\n\n", "second", Position{6, 3}},
		{"folded comment", "description: > # why\n    four spaces\n    <br> here\n", "<br>", Position{5, 5}},
		{"folded more indented", "description: >\n  a\n    b c\n\n  <i>d</i>\n", "<i>", Position{7, 3}},
		{"folded trailing spaces", "description: >\n  a  \n  <i>d</i>\n", "<i>", Position{5, 3}},
		{"literal", "description: |\n  | Date | Change |\n  |---|---|\n", "|---|", Position{5, 3}},
		{"literal explicit indent", "description: |2-\n     lead\n  <b>x</b>\n", "<b>", Position{5, 3}},
		{"indent then chomp", "description: >2-\n  a\n  <b>x</b>\n", "<b>", Position{5, 3}},
		{"tagged", "description: !!str >-\n  a\n  <b>x</b>\n", "<b>", Position{5, 3}},
		{"anchored", "description: &d |\n  a\n  <b>x</b>\nother: *d\n", "<b>", Position{5, 3}},
		{"tagged plain", "description: !!str a <b>x</b>\n", "<b>", Position{3, 22}},
		{"crlf", "description: >-\r\n  a\r\n  <b>x</b>\r\n", "<b>", Position{5, 3}},
		{"plain", "description: A note\n  with <b>bold</b>\n", "<b>", Position{4, 8}},
		{"plain value on next line", "description:\n  A note\n\n  <b>bold</b>\n", "<b>", Position{6, 3}},
		{"double quoted", "description: \"A note\n   with <b>bold</b>\" # c\n", "<b>", Position{4, 9}},
		{"single quoted", "description: 'A note\n\n  with <b>bold</b>'\n", "<b>", Position{5, 8}},
		{"escaped", "description: \"A \\\"note\\\"\n  with <b>bold</b>\"\n", "<b>", Position{}},
		{"doubled quote", "description: 'it''s\n  <b>bold</b>'\n", "<b>", Position{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			n := parse("---\ntitle: T\n" + tc.yaml + "---\nBody.\n")
			if n.Broken {
				t.Fatal(n.Problem)
			}
			d := n.Description
			for _, s := range d.segs {
				if d.Text[s.text:s.text+s.n] != string(n.Src[s.src:s.src+s.n]) {
					t.Errorf("segment %v maps %q to %q", s, d.Text[s.text:s.text+s.n], n.Src[s.src:s.src+s.n])
				}
			}
			i := strings.Index(d.Text, tc.word)
			if i < 0 {
				t.Fatalf("%q not in %q", tc.word, d.Text)
			}
			sp := d.SpanOf(i, i+len(tc.word))
			if tc.want == (Position{}) {
				if sp != d.Span || at(n, sp).Line != 3 {
					t.Errorf("%q maps to %v, want the value's first line", tc.word, at(n, sp))
				}
				return
			}
			if got := at(n, sp); got != tc.want {
				t.Errorf("%q at %v, want %v", tc.word, got, tc.want)
			}
			if got := string(n.Src[sp.Start:sp.End]); got != tc.word {
				t.Errorf("%q maps to %q", tc.word, got)
			}
			if got := at(n, d.Span); got.Line != 3 && got.Line != 4 {
				t.Errorf("value starts at %v", got)
			}
		})
	}
}

func TestEscapedFieldFallsBackToValueSpan(t *testing.T) {
	n := parse("---\ntitle: \"Tab\\there\"\n---\n")
	if n.Title.Text != "Tab\there" {
		t.Fatalf("title = %q", n.Title.Text)
	}
	if got := at(n, n.Title.SpanOf(4, 8)); got != (Position{2, 8}) {
		t.Errorf("escaped value maps to %v, want the value's start 2:8", got)
	}
}

func TestProblems(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		want      Position
		msg       string
	}{
		{"unclosed flow list", "---\ntitle: A\ndescription: [unclosed\n---\nbody", Position{3, 1}, "invalid YAML frontmatter: did not find expected ',' or ']'"},
		{"bad indentation", "---\ntitle: A\n b: c\n---\n", Position{3, 1}, "mapping values are not allowed"},
		{"tab indentation", "---\na: 1\n\tb: 2\n---\n", Position{3, 1}, "tab character"},
		{"template placeholder", "---\ntitle: {{ .Name }}\n---\n", Position{2, 8}, `the value of "title" is a mapping used as a key; quote it`},
		{"duplicate key", "---\ntitle: A\ndate: 2024-01-01\ntitle: B\n---\n", Position{4, 1}, `key "title" is defined twice (first on line 2)`},
		{"alias bomb", "---\na: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\nh: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\n---\n", Position{5, 4}, "excessive aliasing"},
		{"deep nesting in yaml", "---\ntitle: " + strings.Repeat("[", 20000) + "\n---\n", Position{2, 1}, "exceeded max depth"},
		{"deep nesting in body", "---\ntitle: A\n---\nok\n" + strings.Repeat("> ", 300) + "x\n", Position{5, 1}, "nest more than 200 deep"},
		{"deep nesting after CRLF lines", "---\r\ntitle: A\r\n---\r\nok > > >\r\n\r\n" + strings.Repeat("- ", 300) + "x\r\n", Position{6, 1}, "nest more than 200 deep"},
		{"deep nesting after lone CR", "---\rtitle: A\r---\rok\r" + strings.Repeat("> - ", 120) + "x\r", Position{5, 1}, "nest more than 200 deep"},
		{"list", "---\n- a\n- b\n---\n", Position{2, 1}, "not a set of key"},
		{"invalid toml", "+++\ntitle = \n+++\n", Position{2, 1}, "invalid TOML frontmatter"},
		{"invalid json", "{\n  \"title\": \"A\",\n  \"x\": tru\n}\n\n", Position{1, 1}, ""},
		{"binary", "---\x00\x01", Position{1, 4}, "binary file"},
		{"utf16", "\xff\xfe-\x00", Position{1, 1}, "UTF-16"},
		{"invalid utf8", "---\ntitle: caf\xe9\n---\n", Position{2, 11}, "invalid UTF-8"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			n := parse(tc.src)
			if tc.msg == "" {
				if n.Broken || n.Front.Format != "" {
					t.Fatalf("want body text, got broken=%v format=%q", n.Broken, n.Front.Format)
				}
				return
			}
			if !n.Broken {
				t.Fatal("not reported as broken")
			}
			if !strings.Contains(n.Problem.Message, tc.msg) {
				t.Errorf("message %q does not mention %q", n.Problem.Message, tc.msg)
			}
			if got := at(n, n.Problem.Span); got.Line != tc.want.Line || (tc.want.Column > 1 && got.Column != tc.want.Column) {
				t.Errorf("problem at %v, want %v", got, tc.want)
			}
		})
	}
}

func TestDerivedExcerpt(t *testing.T) {
	src := "---\ntitle: T\n---\n" +
		"| Date | Change |\n|---|---|\n| 2024-01-02 | Updated *stats* |\n\n" +
		"Some **bold** text, a [link](http://x.com) and `code`.\n\n" +
		"<div class=\"x\">inside</div>\n\n" +
		"<!--more-->\nafter the marker\n"
	n := parse(src)
	if !n.Derived.More {
		t.Fatal("<!--more--> not seen")
	}
	want := "Date Change 2024-01-02 Updated stats Some bold text, a link and code. inside"
	if n.Excerpt.Text != want {
		t.Errorf("excerpt = %q\nwant      %q", n.Excerpt.Text, want)
	}
	if n.Excerpt.Field != "excerpt" {
		t.Errorf("excerpt field = %q", n.Excerpt.Field)
	}
	kinds := []string{}
	for _, b := range n.Derived.Blocks {
		kinds = append(kinds, b.Node.Kind().String())
	}
	if got := strings.Join(kinds, ","); got != "Table,Paragraph,HTMLBlock" {
		t.Errorf("blocks = %s", got)
	}
	i := strings.Index(n.Excerpt.Text, "stats")
	if got := at(n, n.Excerpt.SpanOf(i, i+5)); got != (Position{6, 25}) {
		t.Errorf("\"stats\" maps to %v, want 6:25", got)
	}
}

func TestExcerptSkipsScriptAndStyle(t *testing.T) {
	n := parse("---\ntitle: T\n---\n<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\"}</script>\n\n<style>p {color: red}</style>\n\n<pre>kept</pre>\n\nArticle text.\n")
	if n.Excerpt.Text != "kept Article text." {
		t.Errorf("excerpt = %q", n.Excerpt.Text)
	}
}

// Processing instructions show nothing: an excerpt skips them, across
// lines and past a ">" inside them, up to "?>". One that never closes ends
// at the first ">", where a browser ends it.
func TestExcerptSkipsProcessingInstructions(t *testing.T) {
	for _, tc := range []struct{ body, want string }{
		{"<?code-excerpt path-base=\"examples/go\"?>\n\nArticle text.\n", "Article text."},
		{"<?xml version=\"1.0\"?>\n<div>Kept<?x?> text</div>\n\nArticle.\n", "Kept text Article."},
		{"<?code-excerpt \"a.dart\"\n  replace=\"/->/=>/g\"?>\nArticle.\n", "Article."},
		{"<?code-excerpt \"a.dart\"?> Trailing text.\n", "Trailing text."},
		{"<?php echo '<b>Hi</b>';\n\nRaw.\n", "Hi'; Raw."},
	} {
		n := parse("---\ntitle: T\n---\n" + tc.body)
		if n.Excerpt.Text != tc.want {
			t.Errorf("%q: excerpt = %q, want %q", tc.body, n.Excerpt.Text, tc.want)
		}
	}
}

func TestDerivedExcerptWordLimit(t *testing.T) {
	opt := DefaultParseOptions()
	opt.ExcerptWords = 5
	n := Parse("n.md", []byte("one two three\n\nfour five six seven\n\neight"), opt)
	if n.Excerpt.Text != "one two three four five" {
		t.Errorf("excerpt = %q", n.Excerpt.Text)
	}
	if len(n.Derived.Blocks) != 2 {
		t.Errorf("blocks = %d, want 2", len(n.Derived.Blocks))
	}
}

func TestDescriptionFallbacks(t *testing.T) {
	n := parse("---\ntitle: T\nsummary: \"\"\nmeta_description: From meta\n---\nBody words.")
	if n.Description.Text != "From meta" || n.Description.Field != "meta_description" {
		t.Errorf("description = %+v", n.Description)
	}
	if n.Excerpt.Text != "From meta" {
		t.Errorf("excerpt = %q, want the description", n.Excerpt.Text)
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte("---\ntitle: A\n---\n# H\n\ntext"))
	f.Add([]byte("+++\ntitle = 1\n+++\n"))
	f.Add([]byte("{\"title\": [1]}\n\n| a |\n|---|\n| b |"))
	f.Add([]byte("\xef\xbb\xbf---\r\ntitle: 'x'\r\n---\r\n<!--more-->"))
	f.Add([]byte("---\ndescription: >-\n  a <b>x</b>\n\n  c\ntags: |2+\n   d\n---\n"))
	f.Add([]byte("---\ntitle: a\n  b\ndescription: \"c\n  d\" # e\n---\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		wd := time.AfterFunc(10*time.Second, func() { panic(fmt.Sprintf("HANG %q", src)) })
		defer wd.Stop()
		n := Parse("f.md", src, DefaultParseOptions())
		check := func(what string, s Span) {
			if s.Start < 0 || s.End > len(src) || s.End < s.Start {
				t.Fatalf("%s span %v outside file of %d bytes", what, s, len(src))
			}
			p := n.Position(s.Start)
			if p.Line < 1 || p.Column < 1 {
				t.Fatalf("%s position %v", what, p)
			}
		}
		if n.Broken {
			check("problem", n.Problem.Span)
			return
		}
		check("title", n.Title.Span)
		for _, fl := range n.Front.Fields {
			tx := fl.Text
			for _, s := range tx.segs {
				if s.text < 0 || s.n < 0 || s.text+s.n > len(tx.Text) || s.src < 0 || s.src+s.n > len(src) ||
					tx.Text[s.text:s.text+s.n] != string(src[s.src:s.src+s.n]) {
					t.Fatalf("field %s: segment %v of %q does not stand in the source", fl.Key, s, tx.Text)
				}
			}
		}
		check("excerpt", n.Excerpt.Span)
		for i := 0; i <= len(n.Excerpt.Text); i += 7 {
			check("excerpt piece", n.Excerpt.SpanOf(i, min(i+3, len(n.Excerpt.Text))))
		}
	})
}
