package linter

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/yuin/goldmark/ast"
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
		{"json comment", "<!--{\n  \"title\": \"A\"\n}-->\n\nbody", "json"},
		{"json comment on one line", "<!--{\"title\": \"A\"}-->body", "json"},
		{"json comment after bom", "\xef\xbb\xbf<!--{\"title\": \"A\"}-->\r\nbody", "json"},
		{"json comment at end of file", "<!--{\"title\": \"A\"}-->", "json"},
		{"html comment", "<!-- title: A -->\nbody", ""},
		{"space before the brace", "<!-- {\"title\": \"A\"} -->\nbody", ""},
		{"template in a comment", "<!--{{< param title >}}-->\nbody", ""},
		{"comment not valid json", "<!--{\"title\": \"A\",}-->\nbody", ""},
		{"comment with text after the object", "<!--{\"title\": \"A\"} more }-->\nbody", ""},
		{"comment never closed", "<!--{\"title\": \"A\"}\nbody", ""},
		{"json comment after a blank line", "\n<!--{\"title\": \"A\"}-->\nbody", ""},
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
		{"json comment", "<!--{\n  \"Slug\": \"x\",\n  \"Title\":  \"Hello World\"\n}-->\n", Position{3, 14}},
		{"json comment bom crlf", "\xef\xbb\xbf<!--{\r\n\t\"Title\": \"Hello World\"\r\n}-->\r\n", Position{2, 12}},
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

// The Go website keeps page metadata in a JSON object in an HTML comment.
func TestCommentJSONFrontmatter(t *testing.T) {
	src := "<!--{\n  \"Title\": \"Effective Go\",\n  \"Template\": true,\n  \"Breadcrumb\": [\"Docs\"]\n}-->\n\n## Introduction\n\nGo is a new language.\n"
	n := parse(src)
	if n.Broken {
		t.Fatal(n.Problem)
	}
	fm := n.Front
	if fm.Format != "json" || at(n, Span{fm.Span.End, fm.Span.End}) != (Position{6, 1}) || n.BodyStart != fm.Span.End {
		t.Errorf("block %v (format %q) ends at %v, body at %d; want json ending at 6:1", fm.Span, fm.Format, at(n, Span{fm.Span.End, 0}), n.BodyStart)
	}
	if got := string(n.Src[fm.Content.Start:fm.Content.End]); !strings.HasPrefix(got, "{") || !strings.HasSuffix(got, "]\n}") {
		t.Errorf("content = %q, want the object", got)
	}
	if n.Title.Text != "Effective Go" || n.Title.Field != "Title" || at(n, n.Title.Span) != (Position{2, 13}) {
		t.Errorf("title = %q from %q at %v, want Effective Go from Title at 2:13", n.Title.Text, n.Title.Field, at(n, n.Title.Span))
	}
	f, ok := n.Front.Get("template")
	if !ok || f.Value != true || at(n, f.KeySpan) != (Position{3, 3}) || at(n, f.Text.Span) != (Position{3, 15}) {
		t.Errorf("template = %+v", f)
	}
	if f, ok := n.Front.Get("breadcrumb"); !ok || f.Scalar || at(n, f.KeySpan) != (Position{4, 3}) {
		t.Errorf("breadcrumb = %+v", f)
	}
	if h, ok := n.Body.FirstChild().(*ast.Heading); !ok || h.Level != 2 {
		t.Errorf("body starts with %s, want the heading", n.Body.FirstChild().Kind())
	}
	if !strings.HasPrefix(n.Excerpt.Text, "Introduction Go is") {
		t.Errorf("excerpt = %q", n.Excerpt.Text)
	}

	// A comment that is not JSON stays a comment in the body.
	n = parse("<!--{\n  \"Title\": \"Effective Go\",\n}-->\n\n# Effective Go\n")
	if n.Broken || n.Front.Format != "" || n.BodyStart != 0 {
		t.Fatalf("broken=%v format=%q body at %d, want a plain body", n.Broken, n.Front.Format, n.BodyStart)
	}
	if _, ok := n.Body.FirstChild().(*ast.HTMLBlock); !ok {
		t.Errorf("body starts with %s, want the comment", n.Body.FirstChild().Kind())
	}
	if n.Title.Field != "h1" || at(n, n.Title.Span) != (Position{5, 3}) {
		t.Errorf("title = %+v, want the h1 at 5:3", n.Title)
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
	f.Add([]byte("{% highlight ruby %}\n# c\n#\nx\n===\n{% endhighlight %}\n> {%- raw -%}# a {% endraw %}\n# T"))
	f.Add([]byte("\xef\xbb\xbf<!--{\"Title\": \"x\", \"a\": [1, {\"b\": null}]}-->  \n# T"))
	f.Add([]byte("```\n{% a %}\n```\n# T\n    {% enda %}\n\n{% b %}\n~~~\n{% endb %}"))
	f.Add([]byte("{{< a >}}\n- # b\n{{% /a %}}{{</* c */>}}{{< d />}}\n# T\n"))
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

// Headings inside template blocks are code, comments or captured text on
// the page, not the note's title; real headings around them still are.
func TestTitleSkipsTemplateBlocks(t *testing.T) {
	for _, tc := range []struct {
		name, src, want string
		at              Position // of the title; zero when there is none
	}{
		{"highlight", "{% highlight ruby %}\n# Ruby knows what you mean\n{% endhighlight %}\n\n# Real Title\n", "Real Title", Position{5, 3}},
		{"highlight only", "---\nlayout: null\n---\n\n{% highlight ruby %}\n# Ruby knows what you\n# mean\ncities = %w[London]\n{% endhighlight %}\n", "", Position{}},
		{"empty heading in code", "{% highlight sh %}\n#\n{% endhighlight %}\n# Real Title\n", "Real Title", Position{4, 3}},
		{"whitespace control", "{%- comment -%}\n# x\n{%- endcomment -%}\n# Real Title\n", "Real Title", Position{4, 3}},
		{"comment", "{% comment %}\n# Draft title\n{% endcomment %}\n# Real Title\n", "Real Title", Position{4, 3}},
		{"capture", "{% capture intro %}\n# Intro\n{% endcapture %}\n# Real Title\n", "Real Title", Position{4, 3}},
		{"any block tag", "{% tabs langs %}\n# Ruby\n{% endtabs %}\n# Real Title\n", "Real Title", Position{4, 3}},
		{"nested", "{% tabs %}\n{% tab ruby %}\n# No\n{% endtab %}\n# Nor this\n{% endtabs %}\n# Real Title\n", "Real Title", Position{7, 3}},
		{"code in a loop", "{% for x in y %}\n{% highlight sh %}\n# No\n{% endhighlight %}\n{% endfor %}\n# Real Title\n", "Real Title", Position{6, 3}},
		{"setext", "{% highlight text %}\nNot a title\n===\n{% endhighlight %}\n# Real Title\n", "Real Title", Position{5, 3}},
		{"opening tag as setext text", "{% highlight text %}\n===\n{% endhighlight %}\n# Real Title\n", "Real Title", Position{4, 3}},
		{"code block inside", "{% capture x %}\n```\n{% endcapture %}\n```\n# No\n{% endcapture %}\n# Real Title\n", "Real Title", Position{7, 3}},
		{"in a block quote", "> {% comment %}\n> # No\n> {% endcomment %}\n\n# Real Title\n", "Real Title", Position{5, 3}},
		{"tags inside raw are text", "{% raw %}{% comment %}{% endraw %}\n\n# Real Title\n\n{% raw %}{% endcomment %}{% endraw %}\n", "Real Title", Position{3, 3}},
		{"shortcode", "{{< highlight go >}}\n# No\n{{< /highlight >}}\n# Real Title\n", "Real Title", Position{4, 3}},
		{"shortcode without spaces", "{{<highlight go>}}\n# No\n{{</highlight>}}\n# Real Title\n", "Real Title", Position{4, 3}},
		{"markdown shortcode", "{{% note %}}\n# No\n{{% /note %}}\n# Real Title\n", "Real Title", Position{4, 3}},
		{"shortcode with a URL", "{{< link https://example.com/ >}}\n# No\n{{< /link >}}\n# Real Title\n", "Real Title", Position{4, 3}},

		// Look-alikes: blocks whose body is the page's Markdown, tags with
		// no body, a block inside the heading.
		{"raw", "{% raw %}\n# Real {{ Title }}\n{% endraw %}\n", "Real {{ Title }}", Position{2, 3}},
		{"if", "{% if page.lang == \"en\" %}\n# Real Title\n{% endif %}\n", "Real Title", Position{2, 3}},
		{"for", "{% for b in site.branches %}\n# Ruby {{ b.name }}\n{% endfor %}\n", "Ruby {{ b.name }}", Position{2, 3}},
		{"unless and case", "{% unless x %}{% case y %}{% when 1 %}\n# Real Title\n{% endcase %}{% endunless %}\n", "Real Title", Position{2, 3}},
		{"single tag", "{% include nav.html %}\n# Real Title\n", "Real Title", Position{2, 3}},
		{"single shortcode", "{{< new-in 0.120.0 >}}\n# Real Title\n", "Real Title", Position{2, 3}},
		{"self-closing shortcode", "{{< figure src=\"a.png\" />}}\n# Real Title\n{{< /figure >}}\n", "Real Title", Position{2, 3}},
		{"self-closing without space", "{{< br/>}}\n# Real Title\n{{< /br >}}\n", "Real Title", Position{2, 3}},
		{"commented shortcode", "{{</* highlight go */>}}\n\n# Real Title\n\n{{</* /highlight */>}}\n", "Real Title", Position{3, 3}},
		{"block inside the heading", "# {% raw %}{{ site.name }}{% endraw %} docs\n", "{% raw %}{{ site.name }}{% endraw %} docs", Position{1, 3}},
		{"tags in code blocks", "```\n{% block x %}\n```\n\n# Real Title\n\n```diff\n- {% endblock %}\n```\n", "Real Title", Position{5, 3}},
		{"tags in indented code", "    {% comment %}\n\n# Real Title\n\n    {% endcomment %}\n", "Real Title", Position{3, 3}},
		{"stray end tag", "{% endhighlight %}\n# Real Title\n", "Real Title", Position{2, 3}},
		{"never closed", "{% highlight ruby %}\n# Real Title\n", "Real Title", Position{2, 3}},
		{"unterminated tag", "{% highlight ruby\n# Real Title\n%}", "Real Title", Position{2, 3}},
		{"braces in prose", "Use {x} and {%}.\n\n# Real Title\n", "Real Title", Position{3, 3}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			n := parse(tc.src)
			if n.Broken {
				t.Fatalf("broken: %v", n.Problem)
			}
			if tc.want == "" {
				if n.Title.IsSet() {
					t.Fatalf("title = %+v, want none", n.Title)
				}
				return
			}
			if n.Title.Text != tc.want || n.Title.Field != "h1" {
				t.Fatalf("title = %q (%s), want %q from the h1", n.Title.Text, n.Title.Field, tc.want)
			}
			if got := at(n, n.Title.Span); got != tc.at {
				t.Errorf("title at %v, want %v", got, tc.at)
			}
		})
	}
}

// A heading in a template block becomes a paragraph with the same text,
// so that no rule takes it for a section heading; the text stays in the
// excerpt, where the page shows it.
func TestTemplateHeadingsBecomeParagraphs(t *testing.T) {
	n := parse("{% highlight sh %}\n# Sources\n#\n{% endhighlight %}\n\n## Real\n")
	var kinds []string
	for c := n.Body.FirstChild(); c != nil; c = c.NextSibling() {
		kinds = append(kinds, c.Kind().String())
	}
	if got := strings.Join(kinds, ","); got != "Paragraph,Paragraph,Paragraph,Heading" {
		t.Errorf("blocks = %s", got)
	}
	p := n.Body.FirstChild().NextSibling()
	txt := trimText(n.NodeText(p))
	if txt.Text != "Sources" || at(n, txt.Span) != (Position{2, 3}) {
		t.Errorf("demoted heading = %q at %v, want Sources at 2:3", txt.Text, at(n, txt.Span))
	}
	if want := "{% highlight sh %} Sources {% endhighlight %} Real"; n.Excerpt.Text != want {
		t.Errorf("excerpt = %q, want %q", n.Excerpt.Text, want)
	}

	// Also below the top level.
	n = parse("> {% comment %}\n> # No\n> {% endcomment %}\n\n- {{% note %}}\n\n  # No\n\n  {{% /note %}}\n- # Yes\n")
	var headings []string
	ast.Walk(n.Body, func(node ast.Node, entering bool) (ast.WalkStatus, error) {
		if h, ok := node.(*ast.Heading); ok && entering {
			headings = append(headings, trimText(n.NodeText(h)).Text)
		}
		return ast.WalkContinue, nil
	})
	if got := strings.Join(headings, ","); got != "Yes" {
		t.Errorf("headings = %q, want Yes", got)
	}
}

func TestTemplateBlocks(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		want      []string
	}{
		{"none", "no tags {x} {{ y }} {%", nil},
		{"liquid", "a {% highlight go %}x{% endhighlight %} b", []string{"{% highlight go %}x{% endhighlight %}"}},
		{"outermost only", "{% tabs %}{% tab %}{% endtab %}{% capture %}{% endcapture %}{% endtabs %} {% comment %}x{% endcomment %}",
			[]string{"{% tabs %}{% tab %}{% endtab %}{% capture %}{% endcapture %}{% endtabs %}", "{% comment %}x{% endcomment %}"}},
		{"single tags inside", "{% tabs %}{% assign x = 1 %}{% include y %}{% endtabs %}", []string{"{% tabs %}{% assign x = 1 %}{% include y %}{% endtabs %}"}},
		{"shown blocks", "{% if a %}{% for x %}{% comment %}c{% endcomment %}{% endfor %}{% else %}{% endif %}{% raw %}{% endraw %}", []string{"{% comment %}c{% endcomment %}"}},
		{"innermost match", "{{< note >}} {{< note >}}x{{< /note >}}", []string{"{{< note >}}x{{< /note >}}"}},
		{"hugo kinds", "{{% a %}}x{{% /a %}} {{< b >}}y{{% /b %}}", []string{"{{% a %}}x{{% /a %}}", "{{< b >}}y{{% /b %}}"}},
		{"namespaces apart", "{% note %}x{{< /note >}}", nil},
		{"multi-line tag", "{% highlight\n  ruby %}\nx\n{%-\nendhighlight -%}", []string{"{% highlight\n  ruby %}\nx\n{%-\nendhighlight -%}"}},
		{"raw hides tags", "{% capture %}{% raw %}{% endcapture %}{% endraw %}{% endcapture %}", []string{"{% capture %}{% raw %}{% endcapture %}{% endraw %}{% endcapture %}"}},
		{"raw never closed", "{% raw %}{% comment %}x{% endcomment %}", []string{"{% comment %}x{% endcomment %}"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, b := range templateBlocks([]byte(tc.src), nil) {
				got = append(got, tc.src[b.Start:b.End])
			}
			if fmt.Sprintf("%q", got) != fmt.Sprintf("%q", tc.want) {
				t.Errorf("blocks = %q\nwant     %q", got, tc.want)
			}
		})
	}
}

// A hostile note (many tags without ends) must not take quadratic time.
func TestTemplateBlocksLinear(t *testing.T) {
	for _, src := range []string{
		strings.Repeat("{% a %}", 50000) + strings.Repeat("{% endb %}", 50000),
		strings.Repeat("{% a ", 100000),
		strings.Repeat("{{< a ", 100000) + strings.Repeat("{{% a ", 100000),
		strings.Repeat("{{</* a ", 100000),
		strings.Repeat("{% raw %}", 100000),
		strings.Repeat("{{< a >}}", 50000) + strings.Repeat("{{< /b >}}", 50000),
	} {
		start := time.Now()
		templateBlocks([]byte(src), nil)
		if d := time.Since(start); d > time.Second {
			t.Errorf("%.20q…: %v", src, d)
		}
	}
}
