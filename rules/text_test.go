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
	rs := []rune(norm.NFKC.String(s))
	// class: "w" letter, digit or mark; "s" a symbol always kept; "a"
	// apostrophe; "-", "." or "!" decided by context; "p" punctuation.
	class := func(i int) string {
		if i < 0 || i >= len(rs) {
			return "p"
		}
		r := rs[i]
		switch {
		case unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r):
			return "w"
		case r == '\'' || r == '’' || r == '‘':
			return "a"
		case r == '-' || r == '.' || r == '!':
			return string(r)
		case strings.ContainsRune(`+#<>=&|_@/*%$~^\`, r) || unicode.Is(unicode.Sm, r) || unicode.Is(unicode.Sc, r):
			return "s"
		}
		return "p"
	}
	// dec: what becomes of each rune: "w" and "s" are kept, "p" separates
	// words, "a" is dropped.
	dec := make([]string, len(rs))
	for i := 0; i < len(rs); i++ {
		c := class(i)
		if c != "-" && c != "." && c != "!" {
			dec[i] = c
			continue
		}
		j := i + 1 // the run is rs[i:j]
		for c != "!" && j < len(rs) && rs[j] == rs[i] {
			j++
		}
		prev := "p"
		if i > 0 {
			prev = dec[i-1]
		}
		next := class(j)
		var keep bool
		switch c {
		case ".":
			keep = next == "w" || next == "s"
		case "!":
			keep = next == "s" || next == "w" && prev != "w"
		case "-":
			keep = prev == "s" || next == "s" || next == "w" && prev != "w" ||
				j-i == 2 && prev == "w" && next != "w"
		}
		for k := i; k < j; k++ {
			dec[k] = map[bool]string{true: "s", false: "p"}[keep]
		}
		i = j - 1
	}
	var b strings.Builder
	last, sep := "", false
	for i, r := range rs {
		switch dec[i] {
		case "w":
			if sep && last == "w" {
				b.WriteByte(' ')
			}
			b.WriteRune(unicode.ToLower(r))
			last, sep = "w", false
		case "s":
			b.WriteRune(r)
			last, sep = "s", false
		case "p":
			sep = true
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
	"C++ Bit Fields", "C# vs. C", "_chsize", "arg1 >= arg2", "a != b", "x -= 1", "p->x", "<-", "--x", "x--", "a--b",
	"a -- b", "pre- and post-", "-1", "!x", "Wow!", "!!x", "<!DOCTYPE>", ".NET", "Node.js", "v1.2.", "...args",
	"Wait...", "e.g.", "(...)", "a.-b", "x.*", "->*", "'-v'", "don't-", "≤ ≥ € £ →", "–—‐", "¡Hola!", "किताब",
	"Ｃ＋＋", "−1", "a\u0301-b", "CString::~CString", "<stack>", "@code", "/EXPORTS", "operator !", "a !b",
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

// TestFoldTitleMeaning: what duplicate-title and duplicate-description
// call the same text, and what they must keep apart because a symbol
// changes its meaning.
func TestFoldTitleMeaning(t *testing.T) {
	same := [][2]string{
		{"How to Fix Split Shipments", "How to fix split-shipments!"},
		{"How-To: Fix  Split Shipments!", "how to fix split shipments"},
		{"ＨＯＷ ＴＯ ＦＩＸ Split　Shipments", "How to Fix Split Shipments"},
		{"Carrier — Cutoff — Checklist", "Carrier Cutoff Checklist"},
		{"Carrier -- Cutoff", "Carrier--Cutoff"},
		{"Don't Panic", "Dont Panic"},
		{"“Quoted” ‘Title’", "\"Quoted\" 'Title'"},
		{"Shipments.", "Shipments"},
		{"Everything you need to know about returns.", "everything you need to know about RETURNS"},
		{"What is .NET?", "What is .NET"},
		{"Learn C++.", "Learn C++"},
		{"e.g. this", "e.g this"},
		{"Wait...", "Wait"},
		{"pre- and post-processing", "pre and post processing"},
		{"operator<<", "operator <<"},
		{"a == b", "a==b"},
		{"Q & A", "Q&A"},
		{"Input / Output", "Input/Output"},
		{"Statements (C)", "Statements C"},
		{"Café", "CAFÉ"},
		{"Untitled (2)", "untitled 2"},
	}
	for _, p := range same {
		if a, b := foldTitle(p[0]), foldTitle(p[1]); a != b {
			t.Errorf("%q and %q should fold alike: %q, %q", p[0], p[1], a, b)
		}
	}
	different := [][2]string{
		{"C Bit Fields", "C++ Bit Fields"},
		{"Overloading the << Operator", "Overloading the >> Operator"},
		{"_chsize", "chsize"},
		{"arg1 == arg2", "arg1 >= arg2"},
		{"a != b", "a = b"},
		{"C#", "C"},
		{".NET", "NET"},
		{"Node.js", "Node js"},
		{"v1.2", "v12"},
		{"v1.2", "v1 2"},
		{"x -= 1", "x = 1"},
		{"p->x", "p x"},
		{"--x", "x"},
		{"x--", "x"},
		{"-1", "1"},
		{"!x", "x"},
		{"CString::~CString", "CString::CString"},
		{"<stack>", "stack"},
		{"@code", ".CODE"},
		{"/EXPORTS", "EXPORTS"},
		{"a ≤ b", "a ≥ b"},
		{"€5", "£5"},
		{"10%", "10"},
		{"String^", "String"},
		{"किताब", "कताब"},
	}
	for _, p := range different {
		if a, b := foldTitle(p[0]), foldTitle(p[1]); a == b {
			t.Errorf("%q and %q should fold apart: both %q", p[0], p[1], a)
		}
	}
}
