package rules

import (
	"path"
	"strings"
	"testing"
	"unicode"

	"github.com/notelint/notelint/linter"
	"golang.org/x/text/unicode/norm"
)

// The folding functions take byte-wise shortcuts for ASCII. These are the
// definitions they must agree with, rune by rune.

func refFoldTitle(s string) string {
	s = norm.NFKC.String(s)
	var b strings.Builder
	space := false
	for _, r := range s {
		switch {
		case unicode.IsLetter(r) || unicode.IsNumber(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(unicode.ToLower(r))
		case r == '\'' || r == '’' || r == '‘':
		default:
			space = true
		}
	}
	return b.String()
}

func refSlugify(s string) string {
	s = norm.NFKC.String(strings.TrimSpace(s))
	var b strings.Builder
	dash := false
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsNumber(r) || r == '_' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(unicode.ToLower(r))
		} else {
			dash = true
		}
	}
	return b.String()
}

func refNoteURL(n *linter.Note) string {
	for _, k := range []string{"url", "permalink"} {
		if f, ok := n.Front.Get(k); ok && f.Scalar && strings.TrimSpace(f.Text.Text) != "" {
			return "/" + strings.Trim(strings.ToLower(strings.TrimSpace(f.Text.Text)), "/") + "/"
		}
	}
	dir, file := path.Split(n.Path)
	dir = strings.Trim(dir, "/")
	name := strings.TrimSuffix(file, path.Ext(file))
	slug := ""
	if n.Slug.IsSet() && strings.TrimSpace(n.Slug.Text) != "" {
		slug = refSlugify(n.Slug.Text)
	} else if name == "index" || name == "_index" {
		return "/" + strings.ToLower(dir) + "/"
	} else {
		slug = refSlugify(name)
	}
	if dir == "" {
		return "/" + slug + "/"
	}
	return "/" + strings.ToLower(dir) + "/" + slug + "/"
}

var foldSamples = []string{
	"", " ", "How-To: Fix  Split Shipments!", "how to fix split shipments", "Don't Panic", "Dont’s ‘Quoted’",
	"  leading and trailing  ", "!!!", "a", "A1 b2 C3", "Ｆｕｌｌ－Ｗｉｄｔｈ Ｔｉｔｌｅ", "Café au lait", "Cafe\u0301",
	"e\u0301", "\u0301start", "İstanbul ĞÜŞ", "Straße", "ΣΊΣΥΦΟΣ", "日本語のタイトル", "x²+y² ½", "ﬁle ﬂow",
	"tab\there", "new\nline", "\xff\xfe bad utf8 \xc3", "under_score", "emoji 🚚 shipping", "snake_Case-and.dots",
	"٣ arabic digits ٤", "Ⅻ roman", "\u00a0nbsp\u00a0", "\u2003em space\u2003", "/slashes/",
}

func TestFoldShortcuts(t *testing.T) {
	for _, s := range foldSamples {
		if got, want := foldTitle(s), refFoldTitle(s); got != want {
			t.Errorf("foldTitle(%q) = %q, want %q", s, got, want)
		}
		if got, want := slugify(s), refSlugify(s); got != want {
			t.Errorf("slugify(%q) = %q, want %q", s, got, want)
		}
	}
}

func TestNoteURL(t *testing.T) {
	paths := []string{"a.md", "Blog/Returns.md", "blog/index.md", "_index.md", "Über/ÄRGER.md", "x/y/z/Fix It!.md", "a/b.c.md"}
	fronts := []string{"", "slug: Returns Policy\n", "slug: \"  \"\n", "url: /Pricing/\n", "url: \"  \"\nslug: s\n",
		"URL: /Upper/\n", "permalink: //x/Y//\n", "url: [a, b]\npermalink: /p/\n", "url: /Über/\n", "slug: Ｆｕｌｌ\n"}
	for _, p := range paths {
		for _, fm := range fronts {
			n := linter.Parse(p, []byte("---\ntitle: T\n"+fm+"---\nBody.\n"), linter.DefaultParseOptions())
			if n.Broken {
				t.Fatalf("%s %q: %s", p, fm, n.Problem.Message)
			}
			if got, want := noteURL(n), refNoteURL(n); got != want {
				t.Errorf("%s %q: noteURL = %q, want %q", p, fm, got, want)
			}
		}
	}
}

func FuzzFold(f *testing.F) {
	for _, s := range foldSamples {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := foldTitle(s), refFoldTitle(s); got != want {
			t.Errorf("foldTitle(%q) = %q, want %q", s, got, want)
		}
		if got, want := slugify(s), refSlugify(s); got != want {
			t.Errorf("slugify(%q) = %q, want %q", s, got, want)
		}
		n := &linter.Note{Path: s}
		if got, want := noteURL(n), refNoteURL(n); got != want {
			t.Errorf("noteURL(path %q) = %q, want %q", s, got, want)
		}
	})
}
