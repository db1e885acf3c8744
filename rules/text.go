package rules

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// foldTitle normalises a title or description for equality: two texts are
// the same when they differ only in ways a reader does not notice, and
// different when a symbol makes them mean something else. After Unicode
// NFKC (full-width letters become ASCII) and lower-casing:
//
//   - Letters, digits and combining marks are kept.
//   - Apostrophes (' ’ ‘) are dropped: "Don't" and "Dont" are the same.
//   - Symbols that change meaning are always kept: + # < > = & | _ @ / *
//     % $ ~ ^ \ and the Unicode math and currency symbols ("≤", "€").
//     "C++" is not "C", "_chsize" is not "chsize", "a == b" is not
//     "a >= b".
//   - A run of dots is kept when a letter, digit or kept symbol follows
//     it (".NET", "Node.js", "v1.2", "...args"); at the end of a word or
//     on its own it is punctuation ("Shipments." is "Shipments").
//   - "!" is kept before a kept symbol ("!=") and at the start of a word
//     ("!x"); elsewhere ("Shipments!") it is punctuation.
//   - A run of "-" is kept next to a kept symbol ("-=", "->", "<-"), at
//     the start of a word ("-1", "-v", "--x"), and as "--" ending a word
//     ("x--"). Between words ("split-shipments"), ending a word ("pre-")
//     or on its own (" - ", " -- ") it is punctuation.
//   - Everything else is punctuation: white space, quotes, brackets,
//     , ; : ? `, typographic dashes, other symbols and emoji.
//
// Punctuation separates words: a run of it between two words becomes one
// space, and it is dropped at either end and next to a kept symbol, so
// "operator <<" and "operator<<" are the same, and "How-To: Fix  Split
// Shipments!" and "how to fix split shipments" fold to the same key.
func foldTitle(s string) string {
	var buf [64]byte
	return string(appendFoldTitle(buf[:0], s))
}

// What foldTitle makes of a character.
const (
	fcPunct = iota // a separator
	fcWord         // letter, digit or mark: kept, lower case
	fcUpper        // ASCII upper case: a word character
	fcSym          // a symbol that changes meaning: kept
	fcApos         // apostrophe: dropped
	fcDash         // '-': kept or punctuation, by its neighbours
	fcDot          // '.': likewise
	fcBang         // '!': likewise
)

// foldASCII classifies ASCII for foldTitle.
var foldASCII = func() (t [utf8.RuneSelf]uint8) {
	for c := 'a'; c <= 'z'; c++ {
		t[c] = fcWord
		t[c-'a'+'A'] = fcUpper
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = fcWord
	}
	for _, c := range `+#<>=&|_@/*%$~^\` {
		t[c] = fcSym
	}
	t['\''] = fcApos
	t['-'] = fcDash
	t['.'] = fcDot
	t['!'] = fcBang
	return t
}()

// foldRuneClass classifies a character outside ASCII.
func foldRuneClass(r rune) uint8 {
	switch {
	case r == '’' || r == '‘':
		return fcApos
	case unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r):
		return fcWord
	case unicode.In(r, unicode.Sm, unicode.Sc):
		return fcSym
	}
	return fcPunct
}

// foldClassAt classifies the character at s[i]; past the end is
// punctuation.
func foldClassAt(s string, i int) uint8 {
	if i < len(s) && s[i] < utf8.RuneSelf {
		return foldASCII[s[i]]
	}
	return foldClassAtRune(s, i)
}

func foldClassAtRune(s string, i int) uint8 {
	if i >= len(s) {
		return fcPunct
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return foldRuneClass(r)
}

// foldLower maps the bytes of ASCII letters and digits to lower case and
// every other byte to 0, for the loop over a word.
var foldLower = func() (t [256]byte) {
	for c := range utf8.RuneSelf {
		switch foldASCII[c] {
		case fcWord:
			t[c] = byte(c)
		case fcUpper:
			t[c] = byte(c) + 'a' - 'A'
		}
	}
	return t
}()

// appendFoldTitle appends foldTitle(s) to b. ASCII, the common case, is
// folded byte by byte through tables, a word at a time; other text goes
// through NFKC and Unicode classes. Nothing is allocated for ASCII.
func appendFoldTitle(b []byte, s string) []byte {
	if !ndIsASCII(s) {
		s = norm.NFKC.String(s)
	}
	start := len(b)
	punct := false // punctuation since the last character kept
	sym := false   // the last character kept is a symbol
	prev := uint8(fcPunct)
	for i := 0; i < len(s); {
		c := s[i]
		if l := foldLower[c]; l != 0 {
			// An ASCII word: copy it to its end.
			if punct && !sym && len(b) > start {
				b = append(b, ' ')
			}
			b = append(b, l)
			for i++; i < len(s); i++ {
				if l = foldLower[s[i]]; l == 0 {
					break
				}
				b = append(b, l)
			}
			punct, sym = false, false
			prev = fcWord
			continue
		}
		if c == ' ' {
			punct = true
			prev = fcPunct
			i++
			continue
		}
		var k uint8
		var r rune
		size := 1
		if c < utf8.RuneSelf {
			k = foldASCII[c]
		} else {
			r, size = utf8.DecodeRuneInString(s[i:])
			k = foldRuneClass(r)
		}
		switch k {
		case fcWord: // outside ASCII
			if punct && !sym && len(b) > start {
				b = append(b, ' ')
			}
			b = utf8.AppendRune(b, unicode.ToLower(r))
			punct, sym = false, false
			prev = fcWord
			i += size
			continue
		case fcSym:
			b = append(b, s[i:i+size]...)
		case fcApos:
			i += size
			prev = fcApos
			continue
		case fcDash, fcDot:
			j := i + 1
			for j < len(s) && s[j] == c {
				j++
			}
			next := foldClassAt(s, j)
			word := next == fcWord || next == fcUpper
			keep := word || next == fcSym
			if c == '-' {
				keep = prev == fcSym || next == fcSym || // "-=", "->", "<-"
					word && prev != fcWord || // "-1", "--x"
					j-i == 2 && prev == fcWord && !keep // "x--"
			}
			if !keep {
				punct = true
				prev = fcPunct
				i = j
				continue
			}
			b = append(b, s[i:j]...)
			size = j - i
		case fcBang:
			next := foldClassAt(s, i+1)
			if !(next == fcSym || prev != fcWord && (next == fcWord || next == fcUpper)) {
				punct = true
				prev = fcPunct
				i++
				continue
			}
			b = append(b, '!')
		default:
			punct = true
			prev = fcPunct
			i += size
			continue
		}
		// A symbol was kept.
		punct, sym = false, true
		prev = fcSym
		i += size
	}
	return b
}
