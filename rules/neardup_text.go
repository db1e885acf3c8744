package rules

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// This file turns a title into the words near-duplicate-title compares:
// Unicode NFKC, case folded, split at punctuation, hyphenated words joined
// ("step-by-step" → "stepbystep", "e-commerce" → "ecommerce"), abbreviations
// expanded ("ops" → "operations"), stop words set aside and plurals
// stripped ("shipments" → "shipment"). The tokenizer also hashes the words
// of foldTitle's key (see ndFoldHash), so titles duplicate-title calls
// equal are never reported here as well.

// ndToken is one word of a title. Its text lives in the tokenizer's arena:
// the surface form (lower case, as written: "step-by-step", "ops") and the
// form compared ("stepbystep", "operation").
type ndToken struct {
	s0, s1 int32 // surface: arena[s0:s1]
	n0, n1 int32 // compared form: arena[n0:n1]
	seg    uint8 // the separator before it: segColon, segPipe, segParen or 0
	stop   bool  // a stop word: kept for messages, ignored in comparisons
	ident  bool  // written like code: "CArchive", "operator=", "ENDS", "<>"
	paren  bool  // inside parentheses or brackets: a qualifier
}

// Separators between the parts of a title.
const (
	segParen = 1 + iota // ( ) [ ] « » quotes: a qualifier, not a title of its own
	segColon            // : ; ? !: "Category: Title", "Title: Subtitle"
	segDash             // — –: either way round
	segPipe             // | · • " - ": "Title | Site", "Title - Site"
)

// ndDefaultStopWords are set aside before titles are compared: "A Guide to
// X" and "Guide to the X" are the same words. "or" is not one: "Logical
// AND" and "Logical OR" are different operators.
var ndDefaultStopWords = []string{
	"a", "an", "the", "and", "of", "to", "in", "on", "for", "with", "by", "at",
	"from", "as", "into", "about", "your", "you", "our", "my", "is", "are", "be",
	"it", "its", "this", "that", "these", "those", "vs", "versus", "via",
	// Articles and prepositions of other languages common in archives.
	"de", "des", "du", "la", "le", "les", "un", "une", "et", "en", "au", "aux", "pour", "sur", "avec",
	"el", "los", "las", "del", "y", "con", "para", "por", "una",
	"il", "lo", "gli", "di", "da", "dei", "della", "per", "su", "e",
	"o", "os", "do", "dos", "das", "em", "no", "na", "um", "uma",
	"der", "die", "den", "dem", "und", "von", "zu", "im", "mit", "für", "ein", "eine",
	"het", "een", "van", "voor", "op",
}

// ndDirectional stop words give the other words a direction: "Convert X
// to Y" and "Convert Y to X" are opposite articles, not a reordering.
var ndDirectional = map[string]bool{"to": true, "from": true, "into": true}

// ndSymmetric words join things that can swap places: "Batch vs Wave",
// "Definitions and Declarations".
var ndSymmetric = map[string]bool{"and": true, "or": true, "vs": true, "versus": true, "und": true,
	"et": true, "y": true, "e": true}

// ndDefaultAbbreviations expand before comparing, so "Ops Teams" and
// "Operations Teams" are the same words. Keys are matched lower case with
// hyphens removed.
var ndDefaultAbbreviations = map[string]string{
	"ops":    "operations",
	"ecom":   "ecommerce",
	"info":   "information",
	"docs":   "documentation",
	"config": "configuration",
	"intro":  "introduction",
	"mgmt":   "management",
	"dept":   "department",
	"admin":  "administrator",
	"app":    "application",
	"apps":   "applications",
	"k8s":    "kubernetes",
	"acct":   "account",
	"howto":  "guide",
	"whats":  "what",
}

// ndDefaultFillerWords are style words: adding, dropping or swapping one
// of them rewords a title without changing what it is about ("A Complete
// Guide" / "A Step-by-Step Guide", "... Quickly"). Opposites that name a
// different article ("basic" / "advanced") are left out.
var ndDefaultFillerWords = []string{
	"complete", "ultimate", "definitive", "comprehensive", "essential", "essentials", "quick",
	"simple", "easy", "practical", "step-by-step", "full", "actually", "really", "quickly",
	"easily", "simply", "today", "now", "updated", "proven", "smart", "handy", "useful",
	"helpful", "everything", "need", "know", "must-know", "must-read", "no-nonsense", "hands-on",
	"how",
}

// ndDefaultSynonyms are groups of words that stand in for each other in
// titles: swapping one for another of the same group is a rewording
// ("How to Fix X" / "How to Resolve X"). Swapping words of different
// groups ("Overview" / "Examples") names a sibling page.
var ndDefaultSynonyms = [][]string{
	{"guide", "tutorial", "handbook", "walkthrough", "primer", "playbook", "how-to"},
	{"overview", "introduction", "basics", "fundamentals", "explained", "explainer", "demystified", "understanding"},
	{"tips", "tricks", "ideas", "hacks", "ways", "secrets", "tactics", "strategies"},
	{"fix", "solve", "resolve", "troubleshoot", "repair"},
	{"reduce", "cut", "lower", "minimize", "minimise", "decrease", "shrink"},
	{"improve", "boost", "increase", "optimize", "optimise", "maximize", "maximise"},
	{"avoid", "prevent", "stop"},
	{"mistakes", "pitfalls", "blunders"},
	{"why", "reasons"},
	{"best", "top"},
}

// ndTokenizer splits titles; it reuses its buffers between calls.
type ndTokenizer struct {
	// kinds says what a stop word or a symmetric word is (ndKind bits).
	kinds  map[string]uint8
	abbrev map[string][]string // lower, hyphens removed → expansion words
	// Most words are neither: the filters let them skip the lookups.
	kindFilter, abbrevFilter *ndWordFilter
	toks                     []ndToken
	arena                    []byte
	cur                      []byte
	joined                   []byte
	stemBuf                  []byte
	fold                     []byte // foldTitle's key, for the fold hash
	// directional and symmetric describe the last title: it has a
	// directional word ("to", "from") or a symmetric one ("and", "or",
	// "vs", "&").
	directional, symmetric bool
}

// What a word in ndTokenizer.kinds is.
const (
	ndKindStop        = 1 << iota // set aside before comparing
	ndKindSymmetric               // in ndSymmetric
	ndKindDirectional             // in ndDirectional
)

// ndWordFilter rules out most words that are not in a set by their first
// byte and length, before a map lookup.
type ndWordFilter [256]uint64

func (f *ndWordFilter) add(w string) {
	if w != "" {
		f[w[0]] |= 1 << min(len(w), 63)
	}
}

func (f *ndWordFilter) mayHave(w []byte) bool {
	return len(w) > 0 && f[w[0]]&(1<<min(len(w), 63)) != 0
}

func newNDTokenizer(stop []string, abbrev map[string]string) *ndTokenizer {
	z := &ndTokenizer{kinds: map[string]uint8{}, abbrev: map[string][]string{},
		kindFilter: &ndWordFilter{}, abbrevFilter: &ndWordFilter{}}
	for _, w := range stop {
		z.kinds[strings.ToLower(w)] |= ndKindStop
	}
	for w := range ndSymmetric {
		z.kinds[w] |= ndKindSymmetric
	}
	for w := range ndDirectional {
		z.kinds[w] |= ndKindDirectional
	}
	for w := range z.kinds {
		z.kindFilter.add(w)
	}
	for k, v := range abbrev {
		k = strings.ReplaceAll(strings.ToLower(strings.TrimSpace(k)), "-", "")
		var words []string
		for _, w := range strings.Fields(strings.ToLower(v)) {
			words = append(words, strings.ReplaceAll(w, "-", ""))
		}
		if k != "" && len(words) > 0 {
			z.abbrev[k] = words
			z.abbrevFilter.add(k)
		}
	}
	return z
}

// clone returns a tokenizer with the same settings and its own buffers.
func (z *ndTokenizer) clone() *ndTokenizer {
	return &ndTokenizer{kinds: z.kinds, abbrev: z.abbrev, kindFilter: z.kindFilter, abbrevFilter: z.abbrevFilter}
}

func (z *ndTokenizer) surfaceBytes(t *ndToken) []byte { return z.arena[t.s0:t.s1] }
func (z *ndTokenizer) normBytes(t *ndToken) []byte    { return z.arena[t.n0:t.n1] }
func (z *ndTokenizer) surface(t *ndToken) string      { return string(z.arena[t.s0:t.s1]) }
func (z *ndTokenizer) norm(t *ndToken) string         { return string(z.arena[t.n0:t.n1]) }

// put appends b to the arena and returns its offsets.
func (z *ndTokenizer) put(b ...byte) (int32, int32) {
	i := int32(len(z.arena))
	z.arena = append(z.arena, b...)
	return i, int32(len(z.arena))
}

const (
	ndFNVOffset = 14695981039346656037
	ndFNVPrime  = 1099511628211
)

func ndIsASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func ndIsAlnum(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 0 && ndASCIIClass[r] != 0
	}
	return unicode.IsLetter(r) || unicode.IsNumber(r)
}

// ndASCIIClass classifies ASCII letters and digits; other bytes are 0.
var ndASCIIClass = func() (t [utf8.RuneSelf]uint8) {
	for c := 'a'; c <= 'z'; c++ {
		t[c] = ndClassLower
		t[c-'a'+'A'] = ndClassUpper
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = ndClassDigit
	}
	return t
}()

const (
	ndClassUpper = 1 << iota
	ndClassLower
	ndClassDigit
)

func ndSegmentKind(r rune) uint8 {
	switch r {
	case '(', ')', '[', ']', '«', '»', '"', '“', '”':
		return segParen
	case ':', ';', '?', '!':
		return segColon
	case '—', '–':
		return segDash
	case '|', '·', '•':
		return segPipe
	}
	return 0
}

// ndIsSymbol: characters of operators such as "<>", "operator=", "&&".
func ndIsSymbol(r rune) bool {
	switch r {
	case '=', '<', '>', '~', '^', '%', '*', '&', '|', '+', '-', '/', '!':
		return true
	}
	return false
}

// ndPunctRuns are symbol runs that are punctuation, not operators.
var ndPunctRuns = map[string]bool{"-": true, "--": true, "|": true, "/": true, "&": true,
	"+": true, "!": true, "!!": true, "!!!": true, "->": true, "<-": true, "*": true, "**": true}

// tokenize splits s into words. It returns the words (valid until the next
// call) and ndFoldHash(foldTitle(s)), 0 when the title has no letters or
// digits (such a title is not compared at all).
func (z *ndTokenizer) tokenize(s string) ([]ndToken, uint64) {
	if !ndIsASCII(s) {
		s = norm.NFKC.String(s)
	}
	z.toks = z.toks[:0]
	z.arena = z.arena[:0]
	z.cur = z.cur[:0]
	z.directional, z.symmetric = false, false
	folded := false // the title has a letter or digit
	var seg uint8
	camel, upper, lower := false, 0, 0
	upperRun := 0 // uppercase letters just before, in this token
	paren := 0
	angle := false // inside <...>: "<cctype>", "vector<bool>"
	prev := rune(' ')
	// A title in mixed case whose first word is lower case starts with
	// code: "sizeof Operator", "for Statement (C)".
	hasUpper, hasLower, words := false, false, 0
	inWord := false
	for i := 0; i < len(s); {
		var alnum bool
		if c := s[i]; c < utf8.RuneSelf {
			k := ndASCIIClass[c]
			hasUpper = hasUpper || k&ndClassUpper != 0
			hasLower = hasLower || k&ndClassLower != 0
			alnum = k != 0
			i++
		} else {
			r, size := utf8.DecodeRuneInString(s[i:])
			hasUpper = hasUpper || unicode.IsUpper(r)
			hasLower = hasLower || unicode.IsLower(r)
			alnum = ndIsAlnum(r)
			i += size
		}
		if alnum && !inWord {
			words++
		}
		inWord = alnum
	}
	// Case says what is code only when the title mixes cases, or is as
	// short as "END (MASM)"; "HOW TO FIX SPLIT SHIPMENTS" is not code.
	mixed := hasUpper && (hasLower || words <= 3)
	flush := func() {
		if len(z.cur) > 0 {
			acronymPlural := upper >= 2 && lower == 1 && z.cur[len(z.cur)-1] == 's'
			if acronymPlural && mixed {
				z.cur = z.cur[:len(z.cur)-1]
			}
			code := angle || mixed && (upper >= 2 && (lower == 0 || acronymPlural) || camel ||
				len(z.toks) == 0 && lower > 0 && upper == 0)
			z.emit(seg, code, upper >= 2 && lower == 0, paren > 0 || angle)
			seg = 0
		}
		z.cur = z.cur[:0]
		camel, upper, lower, upperRun = false, 0, 0, 0
	}
	for i := 0; i < len(s); {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		next := rune(' ')
		if j := i + size; j < len(s) {
			next = rune(s[j])
			if next >= utf8.RuneSelf {
				next, _ = utf8.DecodeRuneInString(s[j:])
			}
		}
		switch {
		case ndIsAlnum(r):
			lr := r
			if r < utf8.RuneSelf {
				if 'A' <= r && r <= 'Z' {
					lr = r + 'a' - 'A'
				}
			} else {
				lr = unicode.ToLower(r)
			}
			folded = true
			// Identifier-like capitals: "CArchive", "iPhone", "ENDS".
			if lr != r {
				upper++
				upperRun++
				if unicode.IsLower(prev) && len(z.cur) > 0 {
					camel = true
				}
			} else {
				if unicode.IsLetter(r) {
					lower++
					// "CArchive" is code; "APIs" is an acronym's plural.
					if upperRun >= 2 && !(r == 's' && !ndIsAlnum(next)) {
						camel = true
					}
				}
				upperRun = 0
			}
			z.cur = utf8.AppendRune(z.cur, lr)
		case r == '\'' || r == '’' || r == '‘':
			// "Don't" and "Dont" are the same word (as in foldTitle).
		case (r == '-' || r == '‐' || r == '‑' || r == '.' || r == '&') && len(z.cur) > 0 && ndIsAlnum(next):
			z.cur = utf8.AppendRune(z.cur, r)
		case r == '_' && (len(z.cur) > 0 || ndIsAlnum(next)):
			z.cur = append(z.cur, '_')
		case (r == '+' || r == '#') && len(z.cur) > 0 && len(z.cur) <= 3 && !ndIsAlnum(next) && !ndIsSymbol(next):
			z.cur = utf8.AppendRune(z.cur, r)
		case ndIsSymbol(r):
			// A run of operator characters: a word of its own unless it
			// is punctuation. "C++" keeps its pluses.
			j := i
			for j < len(s) && ndIsSymbol(rune(s[j])) {
				j++
			}
			run := s[i:j]
			end := rune(' ')
			if j < len(s) {
				end, _ = utf8.DecodeRuneInString(s[j:])
			}
			attached := len(z.cur) > 0
			switch {
			case attached && len(z.cur) <= 3 && run == "++" && !ndIsAlnum(end):
				z.cur = append(z.cur, run...)
			case run == "<" && ndIsAlnum(end):
				flush()
				angle = true
				seg = max(seg, segParen)
			case angle && (run == ">" || run == ">," || strings.HasPrefix(run, ">")):
				flush()
				angle = false
				seg = max(seg, segParen)
			case !ndPunctRuns[run] && (attached || unicode.IsSpace(prev) || prev == '(' || i == 0) && !ndIsAlnum(end):
				flush()
				a, b := z.put([]byte(run)...)
				z.toks = append(z.toks, ndToken{s0: a, s1: b, n0: a, n1: b, seg: seg, ident: true, paren: paren > 0})
				seg = 0
			default:
				flush()
				if run == "&" {
					z.symmetric = true
				}
				if run == "|" {
					seg = max(seg, segPipe)
				} else if run == "-" && unicode.IsSpace(prev) && unicode.IsSpace(end) {
					seg = max(seg, segPipe)
				}
			}
			prev = rune(s[j-1])
			i = j
			continue
		default:
			flush()
			seg = max(seg, ndSegmentKind(r))
			switch r {
			case '(', '[':
				paren++
			case ')', ']':
				paren = max(paren-1, 0)
			}
		}
		prev = r
		i += size
	}
	flush()
	// A year standing alone after a separator at the end is a refresh
	// too: "Best Label Printers – 2026".
	if n := len(z.toks); n > 1 {
		if t := &z.toks[n-1]; t.ident && t.seg >= segColon && t.n1-t.n0 == 5 && ndIsYear(z.arena[t.n0+1:t.n1]) {
			t.n0++
			t.ident = false
		}
	}
	if !folded {
		return z.toks, 0
	}
	// s is already NFKC, which foldTitle leaves as it is.
	z.fold = appendFoldTitle(z.fold[:0], s)
	return z.toks, ndFoldHash(z.fold)
}

// ndFoldHash hashes the words of a foldTitle key: the symbols the key
// keeps count as spaces, so "C++ Bit Fields" and "C Bit Fields", or
// "_chsize" and "chsize", hash alike. Titles with equal keys are
// duplicate-title's; titles that differ only in symbols are different on
// purpose (duplicate-title keeps them apart because the symbols change
// their meaning), and most of those symbols never reach this rule's
// words, so it would call them "same words". Either way they are not near
// duplicates. The hash is never 0.
func ndFoldHash(key []byte) uint64 {
	var h uint64 = ndFNVOffset
	space, words := false, false
	for i := 0; i < len(key); {
		size, word := 1, false
		if c := key[i]; c < utf8.RuneSelf {
			word = foldASCII[c] == fcWord
		} else {
			var r rune
			r, size = utf8.DecodeRune(key[i:])
			word = foldRuneClass(r) == fcWord
		}
		if !word {
			space = true
			i += size
			continue
		}
		if space && words {
			h = (h ^ ' ') * ndFNVPrime
		}
		space, words = false, true
		for end := i + size; i < end; i++ {
			h = (h ^ uint64(key[i])) * ndFNVPrime
		}
	}
	if h == 0 {
		h = 1
	}
	return h
}

// emit turns the current surface word into one or more tokens.
func (z *ndTokenizer) emit(seg uint8, code, caps, paren bool) {
	if code && caps && z.abbrevFilter.mayHave(z.cur) {
		if _, ok := z.abbrev[string(z.cur)]; ok {
			code = false // "WMS" → "warehouse management system"
		}
	}
	if code {
		// Code is compared as written: "exception" the class is not
		// "Exception" the word.
		n0, _ := z.put('`')
		_, n1 := z.put(z.cur...)
		z.toks = append(z.toks, ndToken{s0: n0 + 1, s1: n1, n0: n0, n1: n1, seg: seg, ident: true, paren: paren})
		return
	}
	s0, s1 := z.put(z.cur...)
	z.joined = z.joined[:0]
	for _, c := range z.cur {
		if c != '-' {
			z.joined = append(z.joined, c)
		}
	}
	var exp []string
	ok := false
	if z.abbrevFilter.mayHave(z.joined) {
		exp, ok = z.abbrev[string(z.joined)]
	}
	if !ok && len(z.joined) < len(z.cur) {
		// A hyphenated compound: plurals of its parts stripped, so
		// "Returns-Processing" meets "Returns Processing".
		z.joined = z.joined[:0]
		rest := z.cur
		for len(rest) > 0 {
			k := 0
			for k < len(rest) && rest[k] != '-' {
				k++
			}
			z.stemBuf = append(z.stemBuf[:0], rest[:k]...)
			z.joined = append(z.joined, ndStem(z.stemBuf)...)
			if k < len(rest) {
				k++
			}
			rest = rest[k:]
		}
		z.add(s0, s1, z.joined, seg, true, paren)
	} else if ok {
		for k, w := range exp {
			sk := seg
			if k > 0 {
				sk = 0
			}
			z.joined = append(z.joined[:0], w...)
			z.add(s0, s1, z.joined, sk, false, paren)
		}
	} else {
		z.add(s0, s1, z.joined, seg, caps, paren)
	}
}

// add appends one word whose surface is arena[s0:s1]; caps words ("ENDS",
// "FAQS") and compounds already stemmed keep their form.
func (z *ndTokenizer) add(s0, s1 int32, w []byte, seg uint8, caps, paren bool) {
	var prev []byte
	if n := len(z.toks); n > 0 {
		prev = z.normBytes(&z.toks[n-1])
	}
	var kind uint8
	if z.kindFilter.mayHave(w) {
		kind = z.kinds[string(w)]
	}
	if kind&ndKindSymmetric != 0 {
		z.symmetric = true
	}
	if kind&ndKindStop != 0 {
		if kind&ndKindDirectional != 0 && !(string(w) == "to" && string(prev) == "how") {
			z.directional = true
		}
		n0, n1 := z.put(w...)
		z.toks = append(z.toks, ndToken{s0: s0, s1: s1, n0: n0, n1: n1, seg: seg, stop: true, paren: paren})
		return
	}
	if ndIsYear(w) {
		// "Best X in 2025" is refreshed as "Best X in 2026"; "RubyConf
		// 2004" and "Visual Studio 2019" name an edition, like a version.
		if !paren && !ndYearPreps[string(prev)] {
			n0, _ := z.put('`')
			_, n1 := z.put(w...)
			z.toks = append(z.toks, ndToken{s0: s0, s1: s1, n0: n0, n1: n1, seg: seg, ident: true, paren: paren})
			return
		}
	}
	z.stemBuf = append(z.stemBuf[:0], w...)
	if !caps {
		z.stemBuf = ndStem(z.stemBuf)
	}
	n0, n1 := z.put(z.stemBuf...)
	z.toks = append(z.toks, ndToken{s0: s0, s1: s1, n0: n0, n1: n1, seg: seg, paren: paren})
}

// ndYearPreps introduce the year an article is valid for.
var ndYearPreps = map[string]bool{"in": true, "for": true, "of": true, "during": true, "en": true,
	"für": true, "im": true, "per": true, "pour": true, "para": true, "em": true, "no": true}

func ndIsYear(w []byte) bool {
	return len(w) == 4 && (w[0] == '1' && w[1] == '9' || w[0] == '2' && w[1] == '0') &&
		w[2] >= '0' && w[2] <= '9' && w[3] >= '0' && w[3] <= '9'
}

// ndStem strips English plurals ("Shipments" → "shipment", "Policies" →
// "policy", "Boxes" → "box"). It only touches lower-case ASCII words of
// four letters or more; -ing and -ed forms are matched later, against the
// archive's own words (see ndDetector.conflate), so identifiers such as
// "execve" and "getche" are left alone.
func ndStem(b []byte) []byte {
	n := len(b)
	if n < 4 {
		return b
	}
	for _, c := range b {
		if c < 'a' || c > 'z' {
			return b
		}
	}
	ends := func(suf string) bool { return len(b) >= len(suf) && string(b[len(b)-len(suf):]) == suf }
	switch {
	case ends("ies") && n > 4:
		b = append(b[:n-3], 'y')
	case ends("sses"):
		b = b[:n-2]
	case ends("ss") || ends("us") || ends("is"):
	case ends("xes") || ends("ches") || ends("shes") || ends("zzes"):
		b = b[:n-2]
	case ends("s"):
		b = b[:n-1]
	}
	return ndSpelling(b)
}

// ndSpelling folds British spellings onto American ones ("Catalogue",
// "Fulfilment", "Labour", "Centre", "Optimise"), so they are the same word
// rather than a typo.
func ndSpelling(b []byte) []byte {
	ends := func(suf string) bool { return len(b) >= len(suf) && string(b[len(b)-len(suf):]) == suf }
	n := len(b)
	switch {
	case n >= 6 && ends("ogue"):
		b = b[:n-2]
	case n >= 6 && ends("our") && b[n-4] != 'o':
		b = append(b[:n-2], 'r')
	case n >= 5 && ends("tre") && !strings.ContainsRune("aeiou", rune(b[n-4])):
		b = append(b[:n-2], 'e', 'r')
	case n >= 7 && ends("lment") && b[n-6] != 'l':
		b = append(b[:n-4], "lment"...)
	case n >= 6 && (ends("ise") || ends("yse")) && !ends("wise") && !ends("rise") && !ends("cise"):
		b[n-2] = 'z'
	case n >= 8 && ends("isation"):
		b[n-6] = 'z'
	case n >= 7 && (ends("ising") || ends("ised")) && !ends("rising") && !ends("rised") && !ends("vised") && !ends("vising"):
		if ends("ising") {
			b[n-4] = 'z'
		} else {
			b[n-3] = 'z'
		}
	case n >= 7 && (ends("lled") || ends("lling")) && !ends("alled") && !ends("illed") && !ends("illing") && !ends("alling"):
		k := n - 2
		if ends("lling") {
			k = n - 3
		}
		b = append(b[:k-1], b[k:]...)
	}
	return b
}
