package rules

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// foldTitle normalises a title for equality: Unicode compatibility forms
// (full-width letters become ASCII), case, dashes, punctuation and runs of
// white space are all folded away. "How-To: Fix  Split Shipments!" and
// "how to fix split shipments" fold to the same key.
func foldTitle(s string) string {
	s = norm.NFKC.String(s)
	var b strings.Builder
	b.Grow(len(s))
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
			// "Don't" and "Dont" are the same title.
		default:
			space = true
		}
	}
	return b.String()
}
