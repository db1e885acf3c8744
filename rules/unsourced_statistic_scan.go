package rules

import (
	"bytes"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// This file holds the text side of unsourced-statistic: sentence splitting,
// finding figures in a sentence, and recognising sources. Everything works
// on a unit's plain text s together with l, an ASCII-lowercased copy of the
// same length, so that offsets agree and word lookups need no allocation
// (m[string(b)] does not allocate).

// statFigKind is the kind of a figure; the kinds form a bit set for options.
type statFigKind uint8

const (
	statKindPercent statFigKind = 1 << iota
	statKindRatio
	statKindMultiplier
	statKindMoney
)

var statKindNames = []struct {
	name string
	kind statFigKind
}{{"percent", statKindPercent}, {"ratio", statKindRatio}, {"multiplier", statKindMultiplier}, {"money", statKindMoney}}

func statKindByName(s string) statFigKind {
	for _, k := range statKindNames {
		if strings.EqualFold(strings.TrimSpace(s), k.name) {
			return k.kind
		}
	}
	return 0
}

// statFigure is one statistic found in a unit's text. Offsets are bytes into
// the unit text.
type statFigure struct {
	kind       statFigKind
	start, end int // what the message quotes
	n1s, n1e   int // first number (or number word)
	n2s, n2e   int // second number of a range or ratio; n2s < 0 if none
	cur        byte
	mag        byte // money magnitude: 'k', 'm', 'b', 't' or 0
	unit, sent int  // index of the unit and of the sentence in checker.sents
}

// appendKey appends a canonical form of f, so that "62 percent" in a title
// and "62%" in the body are the same figure.
func (f *statFigure) appendKey(dst []byte, s string) []byte {
	switch f.kind {
	case statKindPercent:
		dst = statAppendCanonNum(dst, s[f.n1s:f.n1e])
		if f.n2s >= 0 {
			dst = append(dst, '-')
			dst = statAppendCanonNum(dst, s[f.n2s:f.n2e])
		}
		dst = append(dst, '%')
	case statKindRatio:
		dst = statAppendCanonNum(dst, s[f.n1s:f.n1e])
		dst = append(dst, '/')
		dst = statAppendCanonNum(dst, s[f.n2s:f.n2e])
	case statKindMultiplier:
		dst = statAppendCanonNum(dst, s[f.n1s:f.n1e])
		dst = append(dst, 'x')
	case statKindMoney:
		dst = append(dst, f.cur)
		dst = statAppendCanonNum(dst, s[f.n1s:f.n1e])
		if f.mag != 0 {
			dst = append(dst, f.mag)
		}
	}
	return dst
}

// statAppendCanonNum writes a number without thousands separators, or the
// digits of a number word.
func statAppendCanonNum(dst []byte, n string) []byte {
	if n != "" && !statIsDigit(n[0]) {
		if v, ok := statNumberWords[strings.ToLower(n)]; ok {
			return append(dst, v...)
		}
		return append(dst, n...)
	}
	for i := 0; i < len(n); i++ {
		if n[i] != ',' {
			dst = append(dst, n[i])
		}
	}
	return dst
}

// ---- character classes ----

func statIsDigit(c byte) bool  { return '0' <= c && c <= '9' }
func statIsLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }
func statIsAlnum(c byte) bool  { return statIsDigit(c) || statIsLetter(c) }
func statIsUpper(c byte) bool  { return 'A' <= c && c <= 'Z' }
func statIsLower(c byte) bool  { return 'a' <= c && c <= 'z' }
func statIsSpace(c byte) bool  { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// statAppendLower appends s with ASCII letters lowered; other bytes are kept,
// so offsets into the result are offsets into s.
func statAppendLower(dst []byte, s string) []byte {
	n := len(dst)
	dst = slices.Grow(dst, len(s))[:n+len(s)]
	out := dst[n:]
	for i := 0; i < len(s) && i < len(out); i++ {
		out[i] = statLowerByte[s[i]]
	}
	return dst
}

// statLowerByte maps ASCII capitals to lower case and every other byte to
// itself.
var statLowerByte = func() (t [256]byte) {
	for c := range t {
		t[c] = byte(c)
		if statIsUpper(byte(c)) {
			t[c] += 'a' - 'A'
		}
	}
	return t
}()

// statWordRuneAt reports whether the rune at s[i] belongs to a word, and its
// size. Words are letters, digits and ASCII apostrophes.
func statWordRuneAt(s string, i int) (bool, int) {
	c := s[i]
	if c < utf8.RuneSelf {
		return statIsAlnum(c) || c == '\'', 1
	}
	r, n := utf8.DecodeRuneInString(s[i:])
	return unicode.IsLetter(r) || unicode.IsDigit(r), n
}

// statLetterBefore reports whether the rune ending at s[i] is a letter.
func statLetterBefore(s string, i int) bool {
	if i <= 0 {
		return false
	}
	c := s[i-1]
	if c < utf8.RuneSelf {
		return statIsLetter(c)
	}
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return unicode.IsLetter(r)
}

// statNextWord finds the first word in s[i:end]: [ws, we), or ws < 0.
func statNextWord(s string, i, end int) (int, int) {
	for i < end {
		if c := s[i]; c < utf8.RuneSelf {
			if statASCIIWord[c] {
				break
			}
			i++
			continue
		}
		ok, n := statWordRuneAt(s, i)
		if ok {
			break
		}
		i += n
	}
	if i >= end {
		return -1, -1
	}
	ws := i
	for i < end {
		if c := s[i]; c < utf8.RuneSelf {
			if !statASCIIWord[c] {
				break
			}
			i++
			continue
		}
		ok, n := statWordRuneAt(s, i)
		if !ok {
			break
		}
		i += n
	}
	return ws, i
}

// statASCIIWord marks the ASCII bytes that belong to words.
var statASCIIWord = func() (t [utf8.RuneSelf]bool) {
	for c := byte(0); c < utf8.RuneSelf; c++ {
		t[c] = statIsAlnum(c) || c == '\''
	}
	return t
}()

// statPrevWord finds the last word in s[start:i]: [ws, we), or ws < 0.
func statPrevWord(s string, start, i int) (int, int) {
	for i > start {
		if c := s[i-1]; c < utf8.RuneSelf {
			if statASCIIWord[c] {
				break
			}
			i--
			continue
		}
		r, n := utf8.DecodeLastRuneInString(s[start:i])
		if r == '\'' || unicode.IsLetter(r) || unicode.IsDigit(r) {
			break
		}
		i -= n
	}
	if i <= start {
		return -1, -1
	}
	we := i
	for i > start {
		if c := s[i-1]; c < utf8.RuneSelf {
			if !statASCIIWord[c] {
				break
			}
			i--
			continue
		}
		r, n := utf8.DecodeLastRuneInString(s[start:i])
		if !(r == '\'' || unicode.IsLetter(r) || unicode.IsDigit(r)) {
			break
		}
		i -= n
	}
	return i, we
}

// statAdjacentWord is nextWord that gives up at anything but spaces.
func statAdjacentWord(s string, i, end int) (int, int) {
	for i < end && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	if i >= end {
		return -1, -1
	}
	if ok, _ := statWordRuneAt(s, i); !ok {
		return -1, -1
	}
	return statNextWord(s, i, end)
}

// statHasWordAt reports whether l[i:] starts with the phrase w at a word
// boundary on both sides.
func statHasWordAt(l []byte, i int, w string) bool {
	if i < 0 || i+len(w) > len(l) || string(l[i:i+len(w)]) != w {
		return false
	}
	if i > 0 && statIsAlnum(l[i-1]) {
		return false
	}
	e := i + len(w)
	return e == len(l) || !statIsAlnum(l[e]) || !statIsAlnum(w[len(w)-1])
}

// statIndexWord finds phrase w in l[a:b] at word boundaries.
func statIndexWord(l []byte, a, b int, w string) int {
	for a < b {
		k := bytes.Index(l[a:b], []byte(w))
		if k < 0 {
			return -1
		}
		if statHasWordAt(l[:b], a+k, w) {
			return a + k
		}
		a += k + 1
	}
	return -1
}

// statIndex numbers a fixed set of words. It is an open-addressing table
// hashed on a word's length and a few of its bytes: most words of running
// text are in none of the sets, and this rejects them faster than a map,
// which hashes every byte.
type statIndex struct {
	slots []uint32 // 1 + an index into keys; 0 is an empty slot
	keys  []string
	shift uint8 // 64 - log2(len(slots))
	// shapes has a bit for each length (up to 15) and first byte (its
	// low five bits) that a key has; a word of another shape is no key.
	shapes [16]uint32
}

func statShape[T string | []byte](w T) (int, uint32) {
	return min(len(w), 15), 1 << (w[0] & 31)
}

func statNewIndex(keys []string) statIndex {
	bits := uint8(3)
	for 1<<bits < 4*len(keys) {
		bits++
	}
	x := statIndex{slots: make([]uint32, 1<<bits), keys: keys, shift: 64 - bits}
	mask := uint64(len(x.slots) - 1)
	for k, w := range keys {
		if w == "" || statFind(&x, w) >= 0 {
			panic("statNewIndex: empty or repeated key " + w)
		}
		n, bit := statShape(w)
		x.shapes[n] |= bit
		h := statHash(w) >> x.shift
		for x.slots[h] != 0 {
			h = (h + 1) & mask
		}
		x.slots[h] = uint32(k + 1)
	}
	return x
}

func statHash[T string | []byte](w T) uint64 {
	n := len(w)
	v := uint64(n) | uint64(w[0])<<8 | uint64(w[n-1])<<16 | uint64(w[n>>1])<<24 | uint64(w[n/3])<<32
	return v * 0x9E3779B97F4A7C15
}

// statFind returns the index of w in x.keys, or -1.
func statFind[T string | []byte](x *statIndex, w T) int {
	if len(w) == 0 {
		return -1
	}
	if n, bit := statShape(w); x.shapes[n]&bit == 0 {
		return -1
	}
	mask := uint64(len(x.slots) - 1)
	for h := statHash(w) >> x.shift; ; h = (h + 1) & mask {
		e := x.slots[h]
		if e == 0 {
			return -1
		}
		if x.keys[e-1] == string(w) {
			return int(e - 1)
		}
	}
}

type statWordSet struct{ statIndex }

func statNewWordSet(words string) statWordSet {
	var keys []string
	for _, w := range strings.Fields(words) {
		if !slices.Contains(keys, w) {
			keys = append(keys, w)
		}
	}
	return statWordSet{statNewIndex(keys)}
}

func (m *statWordSet) has(b []byte) bool { return statFind(&m.statIndex, b) >= 0 }

// statWordBits tells in which of up to 8 word sets a word is, with one
// lookup: bit k is set for the k-th set.
type statWordBits struct {
	statIndex
	bits []uint8
}

func statNewWordBits(sets ...*statWordSet) statWordBits {
	m := map[string]uint8{}
	var keys []string
	for k, set := range sets {
		for _, w := range set.keys {
			if _, ok := m[w]; !ok {
				keys = append(keys, w)
			}
			m[w] |= 1 << k
		}
	}
	x := statWordBits{statIndex: statNewIndex(keys), bits: make([]uint8, len(keys))}
	for k, w := range keys {
		x.bits[k] = m[w]
	}
	return x
}

func (x *statWordBits) get(w []byte) uint8 {
	if k := statFind(&x.statIndex, w); k >= 0 {
		return x.bits[k]
	}
	return 0
}

// statLists files lists of V under words.
type statLists[V any] struct {
	statIndex
	lists [][]V
}

func statNewLists[V any](m map[string][]V) statLists[V] {
	keys := make([]string, 0, len(m))
	for w := range m {
		keys = append(keys, w)
	}
	x := statLists[V]{statIndex: statNewIndex(keys), lists: make([][]V, len(keys))}
	for k, w := range keys {
		x.lists[k] = m[w]
	}
	return x
}

// get returns the list filed under w, or nil.
func (x *statLists[V]) get(w []byte) []V {
	if k := statFind(&x.statIndex, w); k >= 0 {
		return x.lists[k]
	}
	return nil
}

func (x *statLists[V]) getString(w string) []V {
	if k := statFind(&x.statIndex, w); k >= 0 {
		return x.lists[k]
	}
	return nil
}

// ---- sentences ----

var statAbbreviations = statNewWordSet(`mr mrs ms dr prof sr jr st vs etc approx appr est inc ltd co corp
	no nos fig figs vol eds dept jan feb mar apr jun jul aug sep sept oct nov dec mt ft al cf ca
	avg max min pp p ref refs incl excl ed gen gov sen rep univ assn bros op para sec ch`)

// statSplitSentences appends the sentences of s[a:b] to out, trimmed of white
// space. Abbreviations ("e.g.", "U.S.", "Dr."), initials and decimals
// ("2.4x", "$47.82") do not end a sentence.
func statSplitSentences(s string, l []byte, out [][2]int) [][2]int {
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		end := i + 1
		switch {
		case c == '.' || c == '!' || c == '?':
		case c == 0xE2 && strings.HasPrefix(s[i:], "…"):
			end = i + len("…")
		default:
			continue
		}
		// Closing quotes, brackets and emphasis stay with the sentence.
		j := end
		for j < len(s) {
			switch {
			case s[j] == '.' || s[j] == '!' || s[j] == '?' || s[j] == '"' || s[j] == '\'' || s[j] == ')' || s[j] == ']' || s[j] == '*' || s[j] == '_':
				j++
				continue
			case strings.HasPrefix(s[j:], "”") || strings.HasPrefix(s[j:], "’") || strings.HasPrefix(s[j:], "»"):
				j += 3
				if s[j-3] == 0xC2 { // » is two bytes
					j--
				}
				continue
			}
			break
		}
		if j < len(s) && !statIsSpace(s[j]) {
			i = j - 1
			continue
		}
		if c == '.' && statIsAbbrev(s, l, i) {
			continue
		}
		k := j
		for k < len(s) && statIsSpace(s[k]) {
			k++
		}
		if k < len(s) && statIsLower(s[k]) && !statCamelWord(s, k) {
			continue // "approx. half", "e.g. the", but not "… 50%. eBay"
		}
		out = statAppendSentence(s, out, start, j)
		start = k
		i = k - 1
	}
	return statAppendSentence(s, out, start, len(s))
}

// statCamelWord reports whether the word at s[k] has a capital after a
// lower-case start, as brand names do (eBay, iPhone).
func statCamelWord(s string, k int) bool {
	for i := k + 1; i < len(s) && statIsLetter(s[i]); i++ {
		if statIsUpper(s[i]) {
			return true
		}
	}
	return false
}

func statAppendSentence(s string, out [][2]int, a, b int) [][2]int {
	for a < b && statIsSpace(s[a]) {
		a++
	}
	for b > a && statIsSpace(s[b-1]) {
		b--
	}
	if a < b {
		out = append(out, [2]int{a, b})
	}
	return out
}

// statIsAbbrev reports whether the period at s[i] ends an abbreviation.
func statIsAbbrev(s string, l []byte, i int) bool {
	ws := i
	for ws > 0 && (statIsLetter(s[ws-1]) || s[ws-1] == '.') {
		ws--
	}
	w := l[ws:i]
	switch {
	case len(w) == 0:
		return false
	case bytes.IndexByte(w, '.') >= 0: // e.g, U.S, a.m, Ph.D
		return true
	case len(w) == 1: // initials: "J. Smith", but not "the 1980s."
		return ws == 0 || !statIsAlnum(s[ws-1])
	}
	return statAbbreviations.has(w)
}

// ---- numbers ----

// statNumberWords are spelled numbers usable in "one in five" and "three times".
var statNumberWords = map[string]string{
	"one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
	"eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelve": "12", "fifteen": "15",
	"twenty": "20", "fifty": "50", "hundred": "100", "thousand": "1000",
}

// statNumberWordIndex files statNumberWords' digits under their words.
var statNumberWordIndex = func() statLists[byte] {
	m := map[string][]byte{}
	for w, v := range statNumberWords {
		m[w] = []byte(v)
	}
	return statNewLists(m)
}()

// statNumberWordShape has the lengths and first letters of number words,
// which rule out most words before a lookup.
var statNumberWordShape = func() (sh struct {
	minLen, maxLen int
	first          [256]bool
}) {
	sh.minLen = 1 << 30
	for w := range statNumberWords {
		sh.minLen, sh.maxLen = min(sh.minLen, len(w)), max(sh.maxLen, len(w))
		sh.first[w[0]] = true
	}
	return sh
}()

// statNumberWordValue is the value of the number word w (lower case), or 0.
func statNumberWordValue[T string | []byte](w T) int {
	if len(w) < statNumberWordShape.minLen || len(w) > statNumberWordShape.maxLen || !statNumberWordShape.first[w[0]] {
		return 0
	}
	k := statFind(&statNumberWordIndex.statIndex, w)
	if k < 0 {
		return 0
	}
	n := 0
	for _, d := range statNumberWordIndex.lists[k] {
		n = n*10 + int(d-'0')
	}
	return n
}

// statMayStateFigure is a quick test on a unit's plain text: false when
// findFigures cannot find a figure in it. A figure needs a currency sign
// or code before a number, or right after a number a percent sign, an
// "x", "×", "-fold", "-percent", or one of statFigureWords; or a number word
// followed by "in", "out" or "times". Dates, versions, counts and
// identifiers have none of these.
func statMayStateFigure[T string | []byte](s T) bool {
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case statIsDigit(c):
			if statCurrencyCodeBefore(s, i) || i > 0 && s[i-1] == '.' && statCurrencyCodeBefore(s, i-1) {
				return true
			}
			j := i + 1
			for j < len(s) && statIsDigit(s[j]) {
				j++
			}
			if statFigureAfter(s, j) {
				return true
			}
			i = j
		case statIsLetter(c):
			j := i + 1
			for j < len(s) && statIsLetter(s[j]) {
				j++
			}
			if k := statSkipBlanks(s, j); k > j && k < len(s) && (s[k]|0x20 == 'i' || s[k]|0x20 == 'o' || s[k]|0x20 == 't') {
				var buf [16]byte
				if w := statLowerWordAfter(&buf, s, j); string(w) == "in" || string(w) == "out" || string(w) == "times" {
					if j-i <= len(buf) && statNumberWordValue(statLower(buf[:0], s, i, j)) > 0 {
						return true
					}
				}
			}
			i = j
		case c == '$':
			return true
		case c == 0xC2 && i+1 < len(s) && (s[i+1] == 0xA3 || s[i+1] == 0xA5): // £ ¥
			return true
		case c == 0xE2 && i+2 < len(s) && s[i+1] == 0x82 && (s[i+2] == 0xAC || s[i+2] == 0xB9): // € ₹
			return true
		default:
			i++
		}
	}
	return false
}

// statFigureWords are the words after a number that can make it a figure.
var statFigureWords = statNewWordSet(`percent pct percentage per in out times thousand million billion trillion bn
	dollars euros usd eur gbp`)

// statFigureAfter reports whether what follows the digits ending at j can
// make them a figure (see statMayStateFigure).
func statFigureAfter[T string | []byte](s T, j int) bool {
	if j >= len(s) {
		return false
	}
	for k := j; k < len(s) && k < j+4; k++ {
		if s[k] == '%' {
			return true
		}
	}
	switch c := s[j]; {
	case c == 'x' || c == 'X':
		return true
	case c == 0xC3 && j+1 < len(s) && s[j+1] == 0x97: // ×
		return true
	case c == '-':
		return statHasLowerPrefix(s, j+1, "fold") || statHasLowerPrefix(s, j+1, "percent")
	}
	var buf [16]byte
	return statFigureWords.has(statLowerWordAfter(&buf, s, j))
}

// statSkipBlanks returns the index of the first byte from j on that is
// not a space or a tab.
func statSkipBlanks[T string | []byte](s T, j int) int {
	for j < len(s) && (s[j] == ' ' || s[j] == '\t') {
		j++
	}
	return j
}

// statLowerWordAfter is the run of ASCII letters after the spaces and tabs
// at s[j:], lowered into buf; nil if it is empty or too long for buf.
func statLowerWordAfter[T string | []byte](buf *[16]byte, s T, j int) []byte {
	j = statSkipBlanks(s, j)
	k := j
	for k < len(s) && statIsLetter(s[k]) {
		k++
	}
	if k == j || k-j > len(buf) {
		return nil
	}
	return statLower(buf[:0], s, j, k)
}

// statLower appends s[i:j] with ASCII letters lowered.
func statLower[T string | []byte](dst []byte, s T, i, j int) []byte {
	for ; i < j; i++ {
		c := s[i]
		if statIsUpper(c) {
			c += 'a' - 'A'
		}
		dst = append(dst, c)
	}
	return dst
}

// statHasLowerPrefix reports whether s[i:], lowered, starts with p.
func statHasLowerPrefix[T string | []byte](s T, i int, p string) bool {
	if i+len(p) > len(s) {
		return false
	}
	for k := 0; k < len(p); k++ {
		c := s[i+k]
		if statIsUpper(c) {
			c += 'a' - 'A'
		}
		if c != p[k] {
			return false
		}
	}
	return true
}

// statCurrencyCodeBefore reports whether a currency code and a space come
// right before s[i]: "USD 40".
func statCurrencyCodeBefore[T string | []byte](s T, i int) bool {
	if i < 4 || s[i-1] != ' ' {
		return false
	}
	var buf [3]byte
	switch string(statLower(buf[:0], s, i-4, i-1)) {
	case "usd", "cad", "aud", "eur", "gbp":
		return true
	}
	return false
}

// statScanNumber reads digits with "," and "." separators from s[i:end]. It
// returns the end and how many periods it read.
func statScanNumber(s string, i, end int) (int, int) {
	dots := 0
	for i < end && statIsDigit(s[i]) {
		i++
	}
	for i+1 < end && (s[i] == ',' || s[i] == '.') && statIsDigit(s[i+1]) {
		if s[i] == '.' {
			dots++
		}
		i++
		for i < end && statIsDigit(s[i]) {
			i++
		}
	}
	return i, dots
}

// statIntValue parses a plain integer, or a number word; -1 if it is neither.
func statIntValue(s string, l []byte, a, b int) int {
	if a >= b {
		return -1
	}
	if !statIsDigit(s[a]) {
		if v := statNumberWordValue(l[a:b]); v > 0 {
			return v
		}
		return -1
	}
	n := 0
	for i := a; i < b; i++ {
		switch {
		case statIsDigit(s[i]):
			n = n*10 + int(s[i]-'0')
			if n > 1e9 {
				return -1
			}
		case s[i] == ',':
		default:
			return -1
		}
	}
	return n
}

// statIntegerDigits counts the digits before the decimal point.
func statIntegerDigits(n string) int {
	d := 0
	for i := 0; i < len(n) && n[i] != '.'; i++ {
		if statIsDigit(n[i]) {
			d++
		}
	}
	return d
}

// statIsRoundValue reports whether a number is 0 or 100 ("100%" is a figure of
// speech, "0% APR" an offer).
func statIsRoundValue(n string) bool {
	if i := strings.IndexByte(n, '.'); i >= 0 {
		if strings.Trim(n[i+1:], "0") != "" {
			return false
		}
		n = n[:i]
	}
	return n == "0" || n == "100"
}

// ---- word lists ----

// Words around a percentage that make it a price, a rate of tax, a product
// spec or a technical setting rather than a statistic.
var statPercentSkipAround = statNewWordSet(`discount discounts discounted coupon coupons promo promotion cashback
	tip tips gratuity apr apy interest deposit payment markup rebate rebates refund fee fees commission
	commissions cotton polyester wool nylon spandex elastane linen silk cashmere viscose acrylic rayon juice
	cocoa cacao alcohol abv opacity zoom brightness volume contrast saturation width height scale quality
	compression humidity moisture battery charged cpu gpu ram disk utilization utilisation coverage uptime
	availability sla slo confidence ci significance percentile padding margin-top flex font-size`)

// Words a little further from a percentage that make it a rate set by law
// (a 25% tariff, up to 99% of duties back) rather than a statistic.
var statPercentSkipLegal = statNewWordSet(`tax taxes vat gst hst duty duties tariff tariffs surcharge surcharges
	royalty royalties drawback levy levies excise`)

// Words after a percentage that make it an offer.
var statPercentSkipNext = statNewWordSet(`off`)

// Words around "N in M" that make it a rating or a schedule.
var statRatioSkipAround = statNewWordSet(`rated rating ratings rate score scored scores ranked rank ranks gave give gives
	grade graded stars star review reviews points scale`)

// Units after "N in M" that make it a duration ("3 in 5 minutes").
var statTimeUnits = statNewWordSet(`second seconds sec secs minute minutes min mins hour hours hr hrs day days
	week weeks month months year years quarter quarters step steps click clicks line lines`)

// Words around "2x" that make it a setting, not a comparison.
var statMultiplierSkipAround = statNewWordSet(`zoom zoomed speed playback play watch listen magnification optical lens
	telephoto retina resolution oversampling engineer engineers developer developers programmer programmers
	scale scaled mode sampling`)

// Comparatives after "N times".
var statTimesComparatives = statNewWordSet(`more less fewer higher lower faster slower greater larger bigger smaller
	better worse likelier likely as the cheaper costlier`)

// Rate units after a money amount: "$240,000 a year", "$25 per order".
var statRateUnits = statNewWordSet(`year years month months week weeks day days hour hours quarter quarters annum
	minute employee employees customer customers order orders user users visitor visitors hire hires
	incident incidents shipment shipments return returns transaction transactions sale sales unit units
	item items package packages store stores location locations seat seats head worker workers patient
	patients student students household households person people shopper shoppers sku skus pallet pallets
	mispick mis-pick error errors`)

var statRateAdverbs = statNewWordSet(`annually yearly monthly weekly daily hourly`)

var statSlashUnits = statNewWordSet(`year yr month mo week wk day hour hr order user seat employee customer unit`)

// Words after "$X in ..." that make it a loss or an aggregate.
var statMoneyAggregates = statNewWordSet(`lost losses loss revenue sales savings damages damage fraud fines penalties
	waste wasted spending costs refunds returns chargebacks inventory shrink shrinkage overstock markdowns
	annual yearly profit profits income`)

// Verbs before a money amount that state it as a cost or a loss.
var statMoneyCostVerbs = statNewWordSet(`cost costs costing lose loses losing lost loss losses waste wastes wasted
	wasting spend spends spending spent save saves saved saving savings drain drains worth valued totaled
	totalled totaling totalling reached reach reaches hit generates generated generate`)

// Words that make a money amount a price: "plans start at $49 a month".
var statMoneyPricing = statNewWordSet(`plan plans pricing price prices priced subscription subscriptions subscribe
	license licence licensing tier tiers membership trial fee fees charge charges charged billed billing
	invoice invoiced budget budgets rent lease mortgage salary wage wages pay paid payment payments
	just only starting starts from refund refunded deposit`)

// Words that make a large amount a market or aggregate figure.
var statMoneyMarket = statNewWordSet(`market markets industry economy economies worth valued valuation
	average median typical estimated estimate annually`)

var statAverageWords = statNewWordSet(`average averages median typical typically estimated estimate estimates roughly
	approximately`)

// Sentence-initial verbs of an instruction: "Enter a discount of 15%".
var statImperativeVerbs = statNewWordSet(`enter set type input apply add use choose select pick change configure
	adjust give create click tap put define specify allocate assign reserve keep aim target try offer
	charge mark round fill update replace multiply divide subtract calculate compute run limit cap plan
	start begin make go open navigate scroll drag upload install test schedule send include enable disable
	turn toggle save get earn buy order shop claim grab expect allow leave write label name copy paste
	drop move sort filter group price budget bump lower raise think strip trim remove delete`)

// Instruction verbs that count anywhere before the figure.
var statSetVerbs = statNewWordSet(`enter enters entered input configure configured specify specified`)

// Openers skipped when looking for the sentence's first verb.
var statSentenceOpeners = statNewWordSet(`then next now first second third finally simply just also so and or
	step optionally instead afterwards lastly please always never`)

// Sentence-initial words that start a hypothetical.
var statHypotheticalOpeners = statNewWordSet(`say suppose supposing imagine assume assuming consider picture pretend
	if when whenever`)

// statExamplePhrases mark a whole sentence, and the rest of its
// paragraph, as an illustration or a calculation.
var statExamplePhrases = []string{"let's say", "lets say", "let us say", "let’s say", "hypothetical",
	"hypothetically", "in this example", "in our example", "in the example", "example:", "worked example",
	"example of", "scenario", "illustrative", "for illustration", "to illustrate", "dummy data", "sample data",
	"made-up", "fictional", "imaginary", "rule of thumb", "hypothesis:", "equation", "formula", "calculation",
	"translates to", "works out to", "works out at", "equates to", "pareto", "80/20", "80-20", "90/10", "90-10"}

// statInstructionPhrases make what follows them advice, not a finding:
// "it is best to schedule 25% more time".
var statInstructionPhrases = []string{"best to", "plan for", "budget for", "allow for", "make sure",
	// settings: "Default is 25% of total system memory."
	"default is", "defaults to", "by default", "default value is"}

// statWeakExamplePhrases frame what follows them; at the start of a
// sentence they frame the sentence and the rest of the paragraph.
var statWeakExamplePhrases = []string{"for example", "for instance", "e.g.", "e. g.", "eg.", ", say,"}

// Modal verbs that make a figure a recommendation: "we should be spending
// 80 percent of our budget on engineering".
var statPrescriptiveWords = statNewWordSet(`should must ought shall aim aims aiming goal goals objective objectives
	require requires required requiring mandate mandates mandated
	hypothesis hypothesize could would might`)

// Words next to "2.4x" that make it a comparison rather than a name
// ("GSA's 10x program"): a comparative or growth word after it, or a verb
// of change before it.
var statMultiplierCuesAfter = statNewWordSet(`more less fewer higher lower faster slower greater larger bigger smaller
	better worse likelier likely cheaper increase increases improvement improvements growth return returns
	roi roas lift boost jump rise gain gains uplift the as over than in`)

var statMultiplierCuesBefore = statNewWordSet(`grew grow grows growing increased boosted improved multiplied drove
	delivered generated saw see sees seeing returned achieved achieves up jumped rose rises climbed nearly almost
	about roughly approximately around than`)

// Nouns of change that, two words before, make "an increase of 3x" or
// "growth by 2x" a comparison.
var statMultiplierCuesChange = statNewWordSet(`increase increased increases growth grew grow improvement improved return
	returns roi roas lift boost boosted rise jump gain gains uplift multiplier`)

// Determiners before "set" that make it a noun ("a set of 5").
var statSetNounBefore = statNewWordSet(`a an the this that data same one each every whole full entire small large
	new first second`)

// ---- sources ----

// statSourcePhrases are phrases that cite a source. guard: the phrase names a
// source only if the next word is not first-party ("according to our data").
var statSourcePhrases = []struct {
	p     string
	guard bool
}{
	{"according to", true}, {"source:", false}, {"sources:", false}, {"(source", false},
	{"data source", false}, {"cited by", false}, {"cited in", false}, {"as reported by", true},
	{"as reported in", true}, {"reported by", true}, {"published by", true}, {"published in", true},
	{"in the words of", false}, {"courtesy of", false}, {"data from", true}, {"figures from", true},
	{"statistics from", true}, {"stats from", true}, {"research from", true}, {"research by", true},
	{"study by", true}, {"study from", true}, {"study in", true}, {"survey by", true},
	{"survey from", true}, {"report by", true}, {"report from", true}, {"analysis by", true},
	{"analysis from", true}, {"et al", false}, {"ibid", false}, {"credit:", false},
	{"conducted by", true}, {"commissioned by", true}, {"compiled by", true}, {"released by", true},
	{"issued by", true}, {"produced by", true}, {"carried out by", true}, {"sponsored by", true},
}

// statFirstParty words after a source phrase: the figure is the author's own.
var statFirstParty = statNewWordSet(`our my we us internal in-house proprietary own your you this company team`)

// Nouns that make "per the ... report" and "Gartner's 2024 survey" sources,
// and verbs that make "Baymard found" one.
var statResearchWords = statNewWordSet(`study studies survey surveys report reports reported research analysis
	analyses poll polls census paper papers whitepaper index benchmark benchmarks data dataset statistics
	stats estimate estimates estimated findings found finds review article journal predicts predicted
	forecast forecasts projects projected says said notes noted shows showed revealed reveals discovered
	surveyed concluded observed calculated measured tracked analyzed analysed estimates figures cites cited
	states stated explains explained adds added`)

// Suffixes that make a capitalised phrase an organisation:
// "Baymard Institute", "Bureau of Labor Statistics".
var statOrgSuffixes = statNewWordSet(`institute university bureau association council foundation agency commission
	department administration center centre lab labs laboratory society federation board fund bank
	consortium academy school college journal review times post institution organization organisation
	office ministry group`)

// Capitalised words that are not names: sentence starters, pronouns,
// group nouns, months.
var statNotNames = statNewWordSet(`the a an this that these those our we my i you your it its they their he she his
	her in on at for of by to from with and or but if when while as so one two three new recent recently
	another some many most more all every each internal industry customer customers market data research
	study studies survey surveys report reports experts expert analysts researchers retailers shoppers
	consumers marketers companies company brands businesses users people employees managers leaders
	executives respondents teams sellers merchants buyers parents americans millennials gen boomers here
	there today yesterday however also still yet overall according source sources note notes figure table
	chart graph fig image photo above below january february march april may june july august september
	october november december monday tuesday wednesday thursday friday saturday sunday q1 q2 q3 q4 fy h1 h2
	ai why how what who which where over under about nearly almost around just only even roughly
	approximately average typical studies global national local online annual state key top best new
	analysis evidence everyone everybody nobody anyone someone science history experience common conventional
	conversion traffic sales revenue mobile desktop email search social`)

// statDefaultSources are research organisations and publications that count
// as a source wherever they are named.
var statDefaultSources = []string{"Baymard", "Gartner", "Forrester", "McKinsey", "Deloitte", "PwC", "KPMG",
	"Accenture", "BCG", "Bain & Company", "Nielsen", "NielsenIQ", "Statista", "Pew", "Gallup", "IDC",
	"eMarketer", "Insider Intelligence", "Comscore", "comScore", "Kantar", "Ipsos", "YouGov", "Edelman",
	"Euromonitor", "Mintel", "GWI", "NRF", "BLS", "OECD", "IMF", "Eurostat", "World Bank",
	"Census Bureau", "Federal Reserve", "Harvard Business Review", "HBR", "Nielsen Norman", "NN/g",
	"Econsultancy", "Narvar", "Forbes", "Reuters", "Bloomberg", "Wall Street Journal", "WSJ",
	"Financial Times", "Think with Google", "Salesforce Research", "Adobe Digital Insights"}

// ---- helpers over words ----

// statIsTitleCase reports whether most words of s[a:b] are capitalised, as in
// headings and titles, where capitals do not mark names.
func statIsTitleCase(s string, a, b int) bool {
	words, caps := 0, 0
	for i := a; ; {
		ws, we := statNextWord(s, i, b)
		if ws < 0 {
			break
		}
		i = we
		if !statIsLetter(s[ws]) || we-ws < 4 {
			continue
		}
		words++
		if statIsUpper(s[ws]) {
			caps++
		}
	}
	return words >= 3 && caps*10 >= words*7
}

// statIsAcronym reports whether w is all capitals (2+ letters): NRF, IDC.
func statIsAcronym(w string) bool {
	if len(w) < 2 {
		return false
	}
	for i := 0; i < len(w); i++ {
		if !statIsUpper(w[i]) && !(i > 0 && statIsDigit(w[i])) {
			return false
		}
	}
	return true
}

// statIsNameWord reports whether s[ws:we] looks like part of a proper name.
func statIsNameWord(s string, l []byte, ws, we int) bool {
	if ws < 0 || !statIsUpper(s[ws]) || we-ws < 2 {
		return false
	}
	return !statNotNames.has(l[ws:we])
}
