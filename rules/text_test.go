package rules

import (
	"strings"
	"testing"
	"unicode"

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
	})
}
