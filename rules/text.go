package rules

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// foldTitle normalises a title for equality: Unicode compatibility forms
// (full-width letters become ASCII), case, dashes, punctuation and runs of
// white space are all folded away. "How-To: Fix  Split Shipments!" and
// "how to fix split shipments" fold to the same key.
func foldTitle(s string) string {
	var buf [64]byte
	return string(appendFoldTitle(buf[:0], s))
}

// appendFoldTitle appends foldTitle(s) to b. ASCII, the common case, is
// folded byte by byte; other text goes through NFKC and Unicode classes.
func appendFoldTitle(b []byte, s string) []byte {
	if !ndIsASCII(s) {
		s = norm.NFKC.String(s)
	}
	start := len(b)
	space := false
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case 'a' <= c && c <= 'z' || '0' <= c && c <= '9':
			case 'A' <= c && c <= 'Z':
				c += 'a' - 'A'
			case c == '\'':
				// "Don't" and "Dont" are the same title.
				continue
			default:
				space = true
				continue
			}
			if space && len(b) > start {
				b = append(b, ' ')
			}
			space = false
			b = append(b, c)
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case unicode.IsLetter(r) || unicode.IsNumber(r):
			if space && len(b) > start {
				b = append(b, ' ')
			}
			space = false
			b = utf8.AppendRune(b, unicode.ToLower(r))
		case r == '’' || r == '‘':
		default:
			space = true
		}
	}
	return b
}
