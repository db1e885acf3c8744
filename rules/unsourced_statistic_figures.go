package rules

import (
	"bytes"
	"strings"
	"unicode/utf8"
)

// ---- sentence context ----

// sentenceFlags decides from where in sentence s[a:b] figures are not
// claims: an example, a hypothetical, an instruction or a calculation
// makes figures from that point on illustrative. carry is set when the
// example goes on into the following sentences ("Say you ship 1,000
// orders. 5% come back.").
func (c *statChecker) sentenceFlags(s string, l []byte, a, b int) (skipFrom int, carry bool) {
	for i := a; i < b; i++ {
		switch s[i] {
		case '=':
			return a, false
		case ' ':
			if i+3 < b && i > a && (s[i+1] == '*' || s[i+1] == 'x' || s[i+1] == '/') && s[i+2] == ' ' &&
				statIsOperand(s[i-1]) && statIsOperand(s[i+3]) && (statIsDigit(s[i-1]) || statIsDigit(s[i+3]) || s[i-1] == ')') {
				return a, false // "(orders / visitors) x 100", "40 * 3", "30 / 1,500"
			}
			if i+4 <= b && s[i+1] == 0xC3 && (s[i+2] == 0x97 || s[i+2] == 0xB7) && s[i+3] == ' ' { // "× ", "÷ "
				return a, false
			}
		}
	}
	// One pass over the words finds example, instruction and hypothetical
	// markers. "For example, 15%" frames the sentence and the ones after
	// it; "62% of carts, e.g. in fashion" frames only what follows it.
	skipFrom = b
	prevS, prevE := -1, -1
	for i := a; ; {
		ws, we := statNextWord(s, i, b)
		if ws < 0 {
			break
		}
		i = we
		w := l[ws:we]
		for _, fp := range statFlagPhrases.get(w) {
			k := ws + fp.off
			if k < a {
				continue
			}
			switch fp.kind {
			case statFlagExample:
				if statHasWordAt(l[:b], k, fp.p) {
					return a, true
				}
			case statFlagWeak:
				if statHasWordAt(l[:b], k, fp.p) {
					if k-a < 4 {
						return a, true
					}
					skipFrom = min(skipFrom, k)
				}
			case statFlagInstruction:
				if statHasWordAt(l[:b], k, fp.p) {
					skipFrom = min(skipFrom, k)
				}
			case statFlagSkip: // "enter", "should"
				skipFrom = min(skipFrom, ws)
			case statFlagIf: // "if you", "if a store", "when you"
				if ws < skipFrom && statHypotheticalIf(s, l, we, b) && (w[0] == 'i' || statSecondPerson(s, l, we, b)) {
					skipFrom = ws
				}
			case statFlagSet: // the verb, not "a set of"
				if ws < skipFrom && (prevS < 0 || !statSetNounBefore.has(l[prevS:prevE])) {
					if nws, nwe := statNextWord(s, we, b); nws >= 0 && string(l[nws:nwe]) != "of" {
						skipFrom = ws
					}
				}
			}
		}
		if len(c.pr.examples.keys) > 0 {
			for _, p := range c.pr.examples.get(w) {
				if statHasWordAt(l[:b], ws, p) {
					return a, true
				}
			}
		}
		prevS, prevE = ws, we
	}
	// The first word, past list markers and openers ("Then, enter 15%").
	ws, we := statNextWord(s, a, b)
	for k := 0; k < 3 && ws >= 0; k++ {
		w := l[ws:we]
		if statSentenceOpeners.has(w) || statIsDigit(s[ws]) && we < b && (s[we] == '.' || s[we] == ')' || s[we] == ':') {
			ws, we = statNextWord(s, we, b)
			continue
		}
		break
	}
	if ws >= 0 {
		w := l[ws:we]
		switch {
		case string(w) == "if":
			if statHypotheticalIf(s, l, we, b) {
				return a, true
			}
		case statHypotheticalOpeners.has(w) && string(w) != "when" && string(w) != "whenever":
			return a, true
		case statImperativeVerbs.has(w) && statIsImperative(s, l, w, we, b):
			return a, false
		}
	}
	return skipFrom, false
}

const (
	statFlagExample     = iota // frames the whole sentence and the ones after it
	statFlagWeak               // frames what follows it, or everything at the start
	statFlagInstruction        // makes what follows it advice
	statFlagSkip               // a single word that makes what follows it advice
	statFlagIf                 // "if" or "when": a hypothetical when a subject like "you" follows
	statFlagSet                // "set": an instruction unless it is a noun
)

type statFlagPhrase struct {
	p    string
	off  int // where the phrase starts, relative to its first word
	kind uint8
}

// statFlagPhrases files the example and instruction phrases under their
// first word, for sentenceFlags' single pass.
var statFlagPhrases = func() statLists[statFlagPhrase] {
	m := map[string][]statFlagPhrase{}
	add := func(list []string, kind uint8) {
		for _, p := range list {
			ws, we := statNextWord(p, 0, len(p))
			m[p[ws:we]] = append(m[p[ws:we]], statFlagPhrase{p, -ws, kind})
		}
	}
	add(statExamplePhrases, statFlagExample)
	add(statWeakExamplePhrases, statFlagWeak)
	add(statInstructionPhrases, statFlagInstruction)
	for _, set := range []statWordSet{statSetVerbs, statPrescriptiveWords} {
		for _, w := range set.keys {
			m[w] = append(m[w], statFlagPhrase{w, 0, statFlagSkip})
		}
	}
	add([]string{"if", "when"}, statFlagIf)
	add([]string{"set"}, statFlagSet)
	return statNewLists(m)
}()

// statIsOperand reports whether ch can end or start an operand of an
// arithmetic operator.
func statIsOperand(ch byte) bool {
	return statIsAlnum(ch) || ch == ')' || ch == '(' || ch == '$' || ch == '%'
}

// statHypotheticalIf reports whether the "if" ending at i starts a
// hypothetical ("if you", "if a store", "if 5% of visitors") rather than
// the condition of a claim ("leave if shipping is slow").
func statHypotheticalIf(s string, l []byte, i, b int) bool {
	ws, we := statNextWord(s, i, b)
	if ws < 0 {
		return false
	}
	if statIsDigit(s[ws]) || ws > 0 && (s[ws-1] == '$' || strings.HasSuffix(s[:ws], "€") || strings.HasSuffix(s[:ws], "£")) {
		return true
	}
	return statHypotheticalSubjects.has(l[ws:we])
}

// statSecondPerson reports whether the word after i addresses the reader
// or the writers: "when you lose 80%", but not "when it comes to".
func statSecondPerson(s string, l []byte, i, b int) bool {
	ws, we := statNextWord(s, i, b)
	if ws < 0 {
		return false
	}
	switch string(l[ws:we]) {
	case "you", "your", "you're", "youre", "we", "we're", "our":
		return true
	}
	return false
}

var statHypotheticalSubjects = statNewWordSet(`you your you're youre we we're our a an one each every this that it there
	someone somebody i my half`)

// statAmbiguousVerbs are also nouns; they count as an imperative only when a
// determiner follows ("Price your products", not "Price increases").
var statAmbiguousVerbs = statNewWordSet(`order plan test price budget group name label copy sort filter start turn
	mark round limit cap run charge offer shop make keep change target expect leave write drop move aim bump
	lower raise`)

var statImperativeObjects = statNewWordSet(`a an the your it this that these those each all up out to on in for with every
	any some at off by them one`)

func statIsImperative(s string, l []byte, w []byte, we, b int) bool {
	if !statAmbiguousVerbs.has(w) {
		return true
	}
	nws, nwe := statNextWord(s, we, b)
	if nws < 0 {
		return false
	}
	return statIsDigit(s[nws]) || statImperativeObjects.has(l[nws:nwe]) || nws > 0 && s[nws-1] == '$'
}

// ---- figures ----

// findFigures appends the figures of sentence s[a:b] that start before
// skipFrom to c.figs. Blocks, titles and descriptions that fail
// statMayStateFigure are never scanned: a new kind of figure, or a new
// word that makes a number one, must be accepted there too.
func (c *statChecker) findFigures(s string, l []byte, a, b, skipFrom, ui, si int) {
	for i := a; i < b && i < skipFrom; {
		ch := s[i]
		switch {
		case statIsDigit(ch):
			i = c.atNumber(s, l, a, b, i, ui, si)
		case statIsLetter(ch) && (i == a || !statIsAlnum(s[i-1])):
			we := i
			for we < b && statIsLetter(s[we]) {
				we++
			}
			if statNumberWordValue(l[i:we]) > 0 {
				if f, ok := c.tryRatio(s, l, a, b, i, we); ok {
					f.unit, f.sent = ui, si
					c.addFigure(f)
					i = f.end
					continue
				}
				if f, ok := c.tryTimes(s, l, a, b, i, we); ok {
					f.unit, f.sent = ui, si
					c.addFigure(f)
					i = f.end
					continue
				}
			}
			i = we
		default:
			i++
		}
	}
}

// statSkipToken moves past the rest of a token glued to a number (units,
// identifiers, versions).
func statSkipToken(s string, i, b int) int {
	for i < b && (statIsAlnum(s[i]) || s[i] == '.' || s[i] == '-' || s[i] == '_') {
		i++
	}
	return i
}

// atNumber examines the number starting at s[i] and returns where to go on.
func (c *statChecker) atNumber(s string, l []byte, a, b, i, ui, si int) int {
	ns := i
	ne, dots := statScanNumber(s, i, b)
	if ns > a && s[ns-1] == '.' && (ns-1 == a || !statIsAlnum(s[ns-2])) {
		ns-- // ".1 percent"
	}
	if ns > a {
		p := s[ns-1]
		switch {
		case statLetterBefore(s, ns), p == '_', p == '#', p == '@', p == '/', p == '\\', p == '&', p == '^', p == '+' && ns-1 > a && statIsAlnum(s[ns-2]):
			return statSkipToken(s, ne, b) // SAVE20, #10482, H2O, 24/7, C++20
		case p == '-' && statLetterBefore(s, ns-1), p == ':' && ns-1 > a && statIsDigit(s[ns-2]), p == '.' && ns-1 > a && statIsAlnum(s[ns-2]):
			return statSkipToken(s, ne, b) // COVID-19, 10:30, v1.2
		}
	}
	if dots > 1 || ne+1 < b && s[ne] == '.' && statIsAlnum(s[ne+1]) || ne < b && (s[ne] == ':' && ne+1 < b && statIsDigit(s[ne+1])) {
		return statSkipToken(s, ne, b) // 1.2.3, 3.x, 10:30
	}
	// Currency before the number.
	var cur byte
	fs := ns
	if ns > a {
		switch {
		case s[ns-1] == '$':
			cur, fs = '$', ns-1
			if fs-2 >= a && statIsUpper(s[fs-2]) && statIsUpper(s[fs-1]) && (fs-2 == a || !statIsAlnum(s[fs-3])) {
				fs -= 2 // US$, AU$, CA$
			}
		case strings.HasSuffix(s[a:ns], "€"):
			cur, fs = 'E', ns-len("€")
		case strings.HasSuffix(s[a:ns], "£"):
			cur, fs = 'L', ns-len("£")
		case strings.HasSuffix(s[a:ns], "¥"):
			cur, fs = 'Y', ns-len("¥")
		case strings.HasSuffix(s[a:ns], "₹"):
			cur, fs = 'R', ns-len("₹")
		case s[ns-1] == ' ':
			if ws, we := statPrevWord(s, a, ns); ws >= 0 && we == ns-1 {
				switch string(l[ws:we]) {
				case "usd", "cad", "aud":
					cur, fs = '$', ws
				case "eur":
					cur, fs = 'E', ws
				case "gbp":
					cur, fs = 'L', ws
				}
			}
		}
	}
	f := statFigure{start: fs, n1s: ns, n1e: ne, n2s: -1, n2e: -1, cur: cur, unit: ui, sent: si}
	e := ne
	// Glued suffixes: 2.4x, 3×, $4M, 10-fold, 40-percent.
	if e < b && statIsLetter(s[e]) {
		we := e
		for we < b && statIsLetter(s[we]) {
			we++
		}
		if we < b && statIsDigit(s[we]) {
			return statSkipToken(s, we, b) // 2x2, 1920x1080
		}
		switch w := string(l[e:we]); {
		case cur != 0 && (w == "k" || w == "m" || w == "b" || w == "t" || w == "bn" || w == "mm" || w == "mn"):
			f.mag = w[0]
			e = we
		case cur == 0 && w == "x" && dots <= 1:
			f.kind, f.end = statKindMultiplier, we
			if c.multiplierOK(s, l, a, b, &f) {
				c.addFigure(f)
			}
			return we
		default:
			return statSkipToken(s, we, b) // 5GB, 90th, 10k users
		}
	}
	if cur == 0 && strings.HasPrefix(s[e:b], "×") {
		f.kind, f.end = statKindMultiplier, e+len("×")
		if c.multiplierOK(s, l, a, b, &f) {
			c.addFigure(f)
		}
		return f.end
	}
	if e < b && s[e] == '-' {
		ws, we := statNextWord(s, e+1, b)
		switch {
		case ws == e+1 && string(l[ws:we]) == "fold" && cur == 0:
			f.kind, f.end = statKindMultiplier, we
			if c.multiplierOK(s, l, a, b, &f) {
				c.addFigure(f)
			}
			return we
		case ws == e+1 && string(l[ws:we]) == "percent" && cur == 0:
			f.kind, f.end = statKindPercent, we
			c.percent(s, l, a, b, &f)
			return we
		case ws == e+1 && !statIsDigit(s[ws]):
			return we // 5-step, 3-week
		}
	}
	// Percent: "62%", "62 %", "62 percent", "62 per cent".
	if cur == 0 {
		k := e
		if k < b && s[k] == ' ' {
			k++
		} else if strings.HasPrefix(s[k:b], "\u00a0") {
			k += len("\u00a0")
		} else if strings.HasPrefix(s[k:b], "\u202f") || strings.HasPrefix(s[k:b], "\u2009") {
			k += len("\u202f")
		}
		if k < b && s[k] == '%' {
			if k+1 < b && (s[k+1] == '}' || statIsAlnum(s[k+1]) || s[k+1] == '-' && k+2 < b && statIsLetter(s[k+2])) {
				return k + 1 // {% liquid %}, %20, a "20%-er"
			}
			if k > e && k-e == 1 && ns > a && s[ns-1] == '{' {
				return k + 1
			}
			f.kind, f.end = statKindPercent, k+1
			c.percent(s, l, a, b, &f)
			return k + 1
		}
	}
	ws, we := statAdjacentWord(s, e, b)
	if ws >= 0 {
		w := statKnownWord(l[ws:we])
		switch w {
		case "percent", "pct", "percentage":
			if cur == 0 {
				f.kind, f.end = statKindPercent, we
				if w == "percentage" {
					if pws, pwe := statAdjacentWord(s, we, b); pws >= 0 && bytes.HasPrefix(l[pws:pwe], []byte("point")) {
						f.end = pwe
					} else {
						return we
					}
				}
				c.percent(s, l, a, b, &f)
				return f.end
			}
		case "per":
			if cur == 0 {
				if pws, pwe := statAdjacentWord(s, we, b); pws >= 0 && string(l[pws:pwe]) == "cent" {
					f.kind, f.end = statKindPercent, pwe
					c.percent(s, l, a, b, &f)
					return pwe
				}
			}
		case "thousand", "million", "billion", "trillion", "bn":
			f.mag = w[0]
			if w == "bn" {
				f.mag = 'b'
			}
			e = we
			if cur == 0 {
				// "4 million dollars"; otherwise a count, not a figure.
				if cws, cwe := statAdjacentWord(s, e, b); cws >= 0 && statCurrencyWord(l[cws:cwe]) != 0 {
					f.cur, e = statCurrencyWord(l[cws:cwe]), cwe
					cur = f.cur
				} else {
					return e
				}
			}
		case "dollars", "euros", "usd", "eur", "gbp":
			if cur == 0 {
				f.cur, e = statCurrencyWord(l[ws:we]), we
				cur = f.cur
			}
		case "in", "out":
			if cur == 0 && dots == 0 {
				if rf, ok := c.tryRatio(s, l, a, b, ns, ne); ok {
					rf.unit, rf.sent = ui, si
					c.addFigure(rf)
					return rf.end
				}
			}
		case "times":
			if cur == 0 {
				if tf, ok := c.tryTimes(s, l, a, b, ns, ne); ok {
					tf.unit, tf.sent = ui, si
					c.addFigure(tf)
					return tf.end
				}
			}
		}
	}
	if cur != 0 {
		f.kind = statKindMoney
		if end, ok := c.moneyIsStatistic(s, l, a, b, &f, e); ok {
			f.end = end
			c.addFigure(f)
			return end
		}
		return e
	}
	return ne
}

// statKnownWords are the words atNumber and moneyIsStatistic switch on;
// statKnownWord looks one up without allocating.
var statKnownWords = statNewWordSet(`percent pct percentage per thousand million billion trillion bn dollars
	euros usd eur gbp in out times a an each every for`)

// statKnownWord returns w as one of statKnownWords, or "".
func statKnownWord(w []byte) string {
	if k := statFind(&statKnownWords.statIndex, w); k >= 0 {
		return statKnownWords.keys[k]
	}
	return ""
}

func statCurrencyWord(w []byte) byte {
	switch string(w) {
	case "dollars", "usd":
		return '$'
	case "euros", "eur":
		return 'E'
	case "gbp":
		return 'L'
	}
	return 0
}

// percent finishes a percentage: it joins a range ("20–30%", "20% to
// 30%") and drops offers, fees, specs and settings.
func (c *statChecker) percent(s string, l []byte, a, b int, f *statFigure) {
	if rs, n1s, n1e, ok := statRangeBefore(s, l, a, f.n1s); ok {
		f.n2s, f.n2e = f.n1s, f.n1e
		f.n1s, f.n1e = n1s, n1e
		f.start = rs
		// "20% to 30%": the first half was already taken as a figure.
		if k := len(c.figs); k > 0 && c.figs[k-1].sent == f.sent && c.figs[k-1].unit == f.unit && c.figs[k-1].end > rs {
			c.figs = c.figs[:k-1]
		}
	} else if statIsRoundValue(s[f.n1s:f.n1e]) {
		return
	}
	if ws, we := statAdjacentWord(s, f.end, b); ws >= 0 && statPercentSkipNext.has(l[ws:we]) {
		return
	}
	if statPercentSkipped(s, l, a, b, f.start, f.end) {
		return
	}
	if v := s[f.n1s:f.n1e]; f.n2s < 0 && strings.HasPrefix(v, "99") && bytes.HasPrefix(l[f.end:b], []byte(" of the time")) {
		return // "99% of the time": a figure of speech
	}
	if pws, pwe := statPrevWord(s, a, f.start); pws >= 0 && string(l[pws:pwe]) == "like" {
		return // "values like .01%": an illustration
	}
	if rest := l[f.end:b]; bytes.HasPrefix(rest, []byte(" of your ")) || bytes.HasPrefix(rest, []byte(" of you ")) {
		return // "lose 80% of your screen": addressed to the reader, not measured
	}
	c.addFigure(*f)
}

// statRangeBefore finds the first number of a range that ends with the number
// at s[ns]: "20–30", "20-30", "20% to 30", "between 20 and 30".
func statRangeBefore(s string, l []byte, a, ns int) (start, n1s, n1e int, ok bool) {
	k := ns
	for k > a && s[k-1] == ' ' {
		k--
	}
	switch {
	case k > a && s[k-1] == '-':
		k--
	case strings.HasSuffix(s[a:k], "–") || strings.HasSuffix(s[a:k], "—"):
		k -= len("–")
	case k-2 > a && string(l[k-2:k]) == "to" && s[k-3] == ' ':
		k -= 2
	case k-3 > a && string(l[k-3:k]) == "and" && s[k-4] == ' ':
		k -= 3
	default:
		return 0, 0, 0, false
	}
	for k > a && s[k-1] == ' ' {
		k--
	}
	if k > a && s[k-1] == '%' {
		k--
		for k > a && s[k-1] == ' ' {
			k--
		}
	}
	if k == a || !statIsDigit(s[k-1]) {
		return 0, 0, 0, false
	}
	n1e = k
	for k > a && (statIsDigit(s[k-1]) || (s[k-1] == '.' || s[k-1] == ',') && k-1 > a && statIsDigit(s[k-2])) {
		k--
	}
	if n1e-k == 4 && s[n1e] != '%' && (s[k] == '1' && s[k+1] == '9' || s[k] == '2' && s[k+1] == '0') {
		return 0, 0, 0, false // "from 40% in 2013 to 24%"
	}
	if statLetterBefore(s, k) || k > a && (s[k-1] == '#' || s[k-1] == '$') {
		return 0, 0, 0, false
	}
	return k, k, n1e, true
}

// statPercentSkipped reports whether one of the 3 words before the
// percentage s[fs:fe] or the 2 after it is in statPercentSkipAround, or
// one of the 6 before or 5 after in statPercentSkipLegal: the two
// statWordsAround tests in one walk, with one lookup a word.
func statPercentSkipped(s string, l []byte, a, b, fs, fe int) bool {
	const around, legal = 1, 2
	i := fs
	for k := 0; k < 6; k++ {
		ws, we := statPrevWord(s, a, i)
		if ws < 0 {
			break
		}
		if m := statPercentSkipWords.get(l[ws:we]); m&legal != 0 || k < 3 && m&around != 0 {
			return true
		}
		i = ws
	}
	i = fe
	for k := 0; k < 5; k++ {
		ws, we := statNextWord(s, i, b)
		if ws < 0 {
			break
		}
		if m := statPercentSkipWords.get(l[ws:we]); m&legal != 0 || k < 2 && m&around != 0 {
			return true
		}
		i = we
	}
	return false
}

// statPercentSkipWords has the words of statPercentSkipAround (bit 1) and
// statPercentSkipLegal (bit 2).
var statPercentSkipWords = statNewWordBits(&statPercentSkipAround, &statPercentSkipLegal)

// statWordsAround reports whether one of the before words preceding s[fs:fe],
// or one of the after words following it, is in set.
func statWordsAround(s string, l []byte, a, b, fs, fe, before, after int, set *statWordSet) bool {
	i := fs
	for k := 0; k < before; k++ {
		ws, we := statPrevWord(s, a, i)
		if ws < 0 {
			break
		}
		if set.has(l[ws:we]) {
			return true
		}
		i = ws
	}
	i = fe
	for k := 0; k < after; k++ {
		ws, we := statNextWord(s, i, b)
		if ws < 0 {
			break
		}
		if set.has(l[ws:we]) {
			return true
		}
		i = we
	}
	return false
}

// multiplierOK drops "1x", "@2x" assets, "2x zoom" and "10x engineer".
func (c *statChecker) multiplierOK(s string, l []byte, a, b int, f *statFigure) bool {
	v := s[f.n1s:f.n1e]
	if v == "1" || v == "0" || v == "1.0" {
		return false
	}
	if f.end < b && (statIsAlnum(s[f.end]) || s[f.end] == '/') {
		return false
	}
	if statWordsAround(s, l, a, b, f.start, f.end, 2, 2, &statMultiplierSkipAround) {
		return false
	}
	if f.end < b && s[f.end] == ',' {
		return false // "10x, the federal venture studio": a name
	}
	if statWordsAround(s, l, a, b, f.start, f.end, 0, 1, &statMultiplierCuesAfter) ||
		statWordsAround(s, l, a, b, f.start, f.end, 1, 0, &statMultiplierCuesBefore) {
		return true
	}
	// "an increase of 3x", "ROI is 4x", "grew by 2x".
	if pws, pwe := statPrevWord(s, a, f.start); pws >= 0 {
		switch string(l[pws:pwe]) {
		case "by", "of", "is", "was", "are", "were", "at", "to":
			return statWordsAround(s, l, a, b, pws, pws, 2, 0, &statMultiplierCuesChange)
		}
	}
	return false
}

// tryRatio reads "N in M", "N in every M" and "N out of M" where the
// number (or number word) N is s[ns:ne].
func (c *statChecker) tryRatio(s string, l []byte, a, b, ns, ne int) (statFigure, bool) {
	ws, we := statAdjacentWord(s, ne, b)
	if ws < 0 {
		return statFigure{}, false
	}
	switch string(l[ws:we]) {
	case "in":
	case "out":
		ows, owe := statAdjacentWord(s, we, b)
		if ows < 0 || string(l[ows:owe]) != "of" {
			return statFigure{}, false
		}
		if pws, pwe := statPrevWord(s, a, ns); pws >= 0 && (string(l[pws:pwe]) == "a" || string(l[pws:pwe]) == "an") {
			return statFigure{}, false // "that was like a 7 out of 10": a score
		}
		we = owe
	default:
		return statFigure{}, false
	}
	if ews, ewe := statAdjacentWord(s, we, b); ews >= 0 && string(l[ews:ewe]) == "every" {
		we = ewe
	}
	k := we
	for k < b && s[k] == ' ' {
		k++
	}
	if k >= b || k == we {
		return statFigure{}, false
	}
	var ms, me int
	if statIsDigit(s[k]) {
		ms = k
		me, _ = statScanNumber(s, k, b)
		if me < b && (statIsAlnum(s[me]) || s[me] == '%' || s[me] == '-' || s[me] == '.' && me+1 < b && statIsAlnum(s[me+1])) {
			return statFigure{}, false
		}
	} else {
		mws, mwe := statNextWord(s, k, b)
		if mws != k {
			return statFigure{}, false
		}
		ms, me = mws, mwe
	}
	n, m := statIntValue(s, l, ns, ne), statIntValue(s, l, ms, me)
	if n < 1 || m < 2 || n >= m || m > 100000 || me-ms == 4 && m >= 1900 && m <= 2100 {
		return statFigure{}, false
	}
	if nws, nwe := statAdjacentWord(s, me, b); nws >= 0 && (statTimeUnits.has(l[nws:nwe]) || string(l[nws:nwe]) == "times") {
		return statFigure{}, false // "3 in 5 minutes", "nine out of 10 times"
	}
	if statWordsAround(s, l, a, b, ns, me, 3, 2, &statRatioSkipAround) {
		return statFigure{}, false
	}
	if pws, pwe := statPrevWord(s, a, ns); pws >= 0 && statSequenceWords.has(l[pws:pwe]) {
		return statFigure{}, false
	}
	return statFigure{kind: statKindRatio, start: ns, end: me, n1s: ns, n1e: ne, n2s: ms, n2e: me}, true
}

var statSequenceWords = statNewWordSet(`step steps page pages chapter part day level module lesson episode season round
	phase week game match`)

// tryTimes reads "N times more/higher/as likely".
func (c *statChecker) tryTimes(s string, l []byte, a, b, ns, ne int) (statFigure, bool) {
	ws, we := statAdjacentWord(s, ne, b)
	if ws < 0 || string(l[ws:we]) != "times" {
		return statFigure{}, false
	}
	cws, cwe := statAdjacentWord(s, we, b)
	if cws < 0 || !statTimesComparatives.has(l[cws:cwe]) {
		return statFigure{}, false
	}
	if v := statIntValue(s, l, ns, ne); v == 1 || v == 0 && statIsDigit(s[ns]) && statIsRoundValue(s[ns:ne]) {
		return statFigure{}, false
	}
	f := statFigure{kind: statKindMultiplier, start: ns, end: we, n1s: ns, n1e: ne, n2s: -1, n2e: -1}
	if statWordsAround(s, l, a, b, ns, we, 2, 2, &statMultiplierSkipAround) {
		return statFigure{}, false
	}
	return f, true
}

// moneyIsStatistic decides whether the amount f (ending at e) is stated as
// a cost, a loss or a rate, and returns the end of that statement
// ("$240,000 a year", "$9,000 per 1,000 orders", "$18 billion in lost sales").
// Prices, refunds and other one-off amounts are not statistics.
func (c *statChecker) moneyIsStatistic(s string, l []byte, a, b int, f *statFigure, e int) (int, bool) {
	for i := a; ; {
		ws, we := statNextWord(s, i, b)
		if ws < 0 {
			break
		}
		i = we
		if statMoneyPricing.has(l[ws:we]) {
			return 0, false
		}
	}
	big := f.mag != 0 || statIntegerDigits(s[f.n1s:f.n1e]) >= 5
	// A rate after the amount.
	if e < b && s[e] == '/' {
		if ws, we := statNextWord(s, e+1, b); ws == e+1 && statSlashUnits.has(l[ws:we]) {
			return we, true
		}
	}
	if ws, we := statAdjacentWord(s, e, b); ws >= 0 {
		w := statKnownWord(l[ws:we])
		switch {
		case w == "a" || w == "an" || w == "per" || w == "each" || w == "every" || w == "for":
			k := we
			if w == "for" {
				ews, ewe := statAdjacentWord(s, we, b)
				if ews < 0 || string(l[ews:ewe]) != "every" {
					break
				}
				k = ewe
			}
			k2 := k
			for k2 < b && s[k2] == ' ' {
				k2++
			}
			if k2 < b && statIsDigit(s[k2]) && w != "a" && w != "an" {
				ne, _ := statScanNumber(s, k2, b)
				if uws, uwe := statAdjacentWord(s, ne, b); uws >= 0 {
					return uwe, true // per 1,000 orders
				}
				break
			}
			if uws, uwe := statAdjacentWord(s, k, b); uws >= 0 && statRateUnits.has(l[uws:uwe]) {
				return uwe, true
			}
		case statRateAdverbs.has(l[ws:we]):
			return we, true
		case w == "in":
			if aws, awe := statAdjacentWord(s, we, b); aws >= 0 && statMoneyAggregates.has(l[aws:awe]) {
				end := awe
				if nws, nwe := statAdjacentWord(s, awe, b); nws >= 0 && statMoneyAggregates.has(l[nws:nwe]) {
					end = nwe // "in lost sales"
				}
				return end, true
			}
		}
	}
	// Stated as a cost or a loss: "cost retailers $816 billion".
	if statWordsAround(s, l, a, b, f.start, f.start, 4, 0, &statMoneyCostVerbs) {
		if big || statAnyWordIn(s, l, a, b, &statAverageWords) {
			return e, true
		}
	}
	// A market size: "the market is worth $4.5 trillion".
	if (f.mag == 'm' || f.mag == 'b' || f.mag == 't') && statAnyWordIn(s, l, a, b, &statMoneyMarket) {
		return e, true
	}
	return 0, false
}

func statAnyWordIn(s string, l []byte, a, b int, set *statWordSet) bool {
	for i := a; ; {
		ws, we := statNextWord(s, i, b)
		if ws < 0 {
			return false
		}
		i = we
		if set.has(l[ws:we]) {
			return true
		}
	}
}

// ---- sources ----

// textSources reports whether the plain text of a unit cites a source: a
// source phrase, a named research source, an academic citation, a URL, or
// a "[1]" marker in a note with references.
func (c *statChecker) textSources(s string, l []byte) bool {
	// "://" is a bare URL; "](" a link goldmark could not parse, such as
	// one whose target is a template tag: [post]({{< ref "x.md" >}}).
	if strings.Contains(s, "://") || strings.Contains(s, "www.") || strings.Contains(s, "doi:") || strings.Contains(s, "](") {
		return true
	}
	// One pass over the words looks up the phrases and names that start
	// with each word.
	for i := 0; ; {
		ws, we := statNextWord(s, i, len(s))
		if ws < 0 {
			break
		}
		i = we
		for _, k := range statBuiltinPhrases.get(l[ws:we]) {
			sp := statSourcePhrases[k]
			start := ws
			if sp.p[0] == '(' {
				start--
			}
			if start >= 0 && statHasWordAt(l, start, sp.p) && (!sp.guard || !statFirstPartyAfter(s, l, start+len(sp.p))) {
				return true
			}
		}
		if len(c.pr.sourcePhrases.keys) > 0 {
			for _, p := range c.pr.sourcePhrases.get(l[ws:we]) {
				if statHasWordAt(l, ws, p) {
					return true
				}
			}
		}
		w := s[ws:we]
		if !statHasUpper(w) {
			continue // names have a capital: Baymard, eMarketer, NN/g
		}
		if strings.HasSuffix(w, "'s") {
			w = w[:len(w)-2] // Gartner's
		}
		for _, name := range c.pr.sources.getString(w) {
			e := ws + len(name)
			if strings.HasPrefix(s[ws:], name) && (e == len(s) || !statIsAlnum(s[e]) || s[e] == 's' && (e+1 == len(s) || !statIsAlnum(s[e+1]))) {
				return true
			}
		}
	}
	if c.perSource(s, l) || c.namedSource(s, l) || statCitation(s, l) || statDomainSource(s, l) {
		return true
	}
	if c.n != nil && c.anaphora(s, l) && c.noteCites() {
		return true
	}
	return c.hasRefs && statCitationMarker(s)
}

func statHasUpper(w string) bool {
	for i := 0; i < len(w); i++ {
		if statIsUpper(w[i]) {
			return true
		}
	}
	return false
}

// statPhraseIndex files phrases under their first word, so a text is
// searched for all of them in one pass over its words.
type statPhraseIndex = statLists[string]

// statNewPhraseIndex files each phrase from its first word on; a phrase
// with no word is left out.
func statNewPhraseIndex(phrases []string) statPhraseIndex {
	m := map[string][]string{}
	for _, p := range phrases {
		if ws, we := statNextWord(p, 0, len(p)); ws >= 0 {
			m[p[ws:we]] = append(m[p[ws:we]], p[ws:])
		}
	}
	return statNewLists(m)
}

// statBuiltinPhrases files statSourcePhrases by first word.
var statBuiltinPhrases = func() statLists[int] {
	m := map[string][]int{}
	for k, sp := range statSourcePhrases {
		ws, we := statNextWord(sp.p, 0, len(sp.p))
		m[sp.p[ws:we]] = append(m[sp.p[ws:we]], k)
	}
	return statNewLists(m)
}()

// anaphora finds a reference back to a source cited earlier in the note:
// "the report found", "their study", "this survey".
func (c *statChecker) anaphora(s string, l []byte) bool {
	for i := 0; ; {
		ws, we := statNextWord(s, i, len(s))
		if ws < 0 {
			return false
		}
		i = we
		switch string(l[ws:we]) {
		case "the", "this", "that", "their", "its", "these":
		default:
			continue
		}
		j := we
		for k := 0; k < 3; k++ {
			nws, nwe := statNextWord(s, j, len(s))
			if nws < 0 || nws > j+1 {
				break
			}
			j = nwe
			if statAnaphoraNouns.has(l[nws:nwe]) {
				return true
			}
			if statIsDigit(s[nws]) && nwe-nws != 4 {
				break
			}
		}
	}
}

var statAnaphoraNouns = statNewWordSet(`report reports study studies survey surveys research analysis paper piece article
	poll whitepaper findings infographic`)

// statDomainSource finds a web site named as the origin of the figures:
// "this infographic from EveryDayFamily.com".
func statDomainSource(s string, l []byte) bool {
	for _, tld := range []string{".com", ".org", ".gov", ".net", ".edu", ".io"} {
		for i := 0; i < len(l); {
			k := statIndexWord(l, i, len(l), tld[1:])
			if k < 0 {
				break
			}
			i = k + 1
			if k < 2 || l[k-1] != '.' || !statIsAlnum(l[k-2]) {
				continue
			}
			ws, _ := statPrevWord(s, 0, k-1)
			if ws < 0 {
				continue
			}
			if pws, pwe := statPrevWord(s, 0, ws); pws >= 0 {
				switch string(l[pws:pwe]) {
				case "from", "by", "via", "at", "on":
					return true
				}
			}
		}
	}
	return false
}

// statFirstPartyAfter reports whether the words after a source phrase make it
// the author's own data: "according to our numbers".
func statFirstPartyAfter(s string, l []byte, i int) bool {
	ws, we := statNextWord(s, i, len(s))
	if ws < 0 {
		return true
	}
	if statFirstParty.has(l[ws:we]) || bytes.HasPrefix(l[ws:], []byte("in-house")) {
		return true
	}
	return false
}

// perSource finds "per the 2024 NRF report", "per Gartner", "via Statista".
func (c *statChecker) perSource(s string, l []byte) bool {
	n := len(l)
	for _, p := range []string{"per", "via"} {
		for i := 0; i < n; {
			k := statIndexWord(l, i, n, p)
			if k < 0 {
				break
			}
			i = k + len(p)
			ws, we := statNextWord(s, i, n)
			if ws < 0 || ws > i+1 {
				continue
			}
			if statIsNameWord(s, l, ws, we) && !statFirstParty.has(l[ws:we]) {
				return true
			}
			if string(l[ws:we]) == "the" || string(l[ws:we]) == "a" {
				j := we
				for k := 0; k < 6; k++ {
					ws, we = statNextWord(s, j, n)
					if ws < 0 {
						break
					}
					j = we
					if statResearchWords.has(l[ws:we]) {
						return true
					}
				}
			}
		}
	}
	return false
}

// namedSource finds a named research source: "Baymard Institute", "the
// Bureau of Labor Statistics", "Gartner found", "Forrester's 2024 survey",
// "said Jane Doe". In title-case text only acronyms count.
func (c *statChecker) namedSource(s string, l []byte) bool {
	titleCase := statIsTitleCase(s, 0, len(s))
	prevStart := -1 // the previous word, for first-party checks
	for i := 0; ; {
		ws, we := statNextWord(s, i, len(s))
		if ws < 0 {
			return false
		}
		i = we
		pws := prevStart
		prevStart = ws
		if statSaidWords.has(l[ws:we]) && !titleCase {
			if nws, nwe := statNextWord(s, we, len(s)); nws >= 0 && statIsNameWord(s, l, nws, nwe) {
				return true
			}
			continue
		}
		if !statIsNameWord(s, l, ws, we) {
			continue
		}
		acronym := statIsAcronym(s[ws:we])
		if titleCase && !acronym {
			continue
		}
		if pws >= 0 && statFirstParty.has(l[pws:statWordEndFrom(s, pws)]) {
			continue // "our Retail Index"
		}
		initial := statSentenceInitial(s, ws)
		// Extend over the rest of the name: "Pew Research Center",
		// "Bureau of Labor Statistics", "Bain & Company".
		org := false
		multi := false
		end := we
		j := we
		for k := 0; k < 6; k++ {
			nws, nwe := statNextWord(s, j, len(s))
			if nws < 0 || nws > j+3 {
				break
			}
			between := s[j:nws]
			w := l[nws:nwe]
			if (string(w) == "of" || string(w) == "for" || string(w) == "and") && between == " " {
				if aws, _ := statNextWord(s, nwe, len(s)); aws == nwe+1 && statIsUpper(s[aws]) {
					j = nwe
					continue
				}
				break
			}
			if !(between == " " || between == " & ") || !statIsUpper(s[nws]) {
				break
			}
			multi = true
			end, j = nwe, nwe
			if statOrgSuffixes.has(w) {
				org = true
			}
		}
		if statOrgSuffixes.has(l[ws:we]) && multi {
			org = true
		}
		poss := statPossessiveLen(s[end:]) > 0 || strings.HasSuffix(s[ws:end], "'s")
		if initial && !acronym && !multi && !poss {
			// "Retailers report": a sentence-initial word is a name only
			// when it cannot be a plural noun ("Google found").
			if s[we-1] == 's' {
				i = end
				continue
			}
		}
		if org {
			return true
		}
		// The word after the name: "found", "study", or a possessive.
		k := end
		if poss {
			k += statPossessiveLen(s[k:])
			for m := 0; m < 6; m++ {
				nws, nwe := statNextWord(s, k, len(s))
				if nws < 0 {
					break
				}
				k = nwe
				if statResearchWords.has(l[nws:nwe]) {
					return true
				}
			}
		} else if nws, nwe := statNextWord(s, k, len(s)); nws >= 0 && (nws <= k+1 || nws == k+2 && s[k] == ',' && statSaidWords.has(l[nws:nwe])) && statResearchWords.has(l[nws:nwe]) {
			return true
		}
		i = end
	}
}

var statSaidWords = statNewWordSet(`said says told wrote writes noted notes states stated explains explained
	adds added`)

// statPossessiveLen is the length of a possessive "'s" at the start of s,
// also when written as an HTML entity ("&#8217;s"), or 0.
func statPossessiveLen(s string) int {
	for _, p := range []string{"'s", "’s", "&#8217;s", "&rsquo;s", "&#39;s"} {
		if strings.HasPrefix(s, p) && (len(s) == len(p) || !statIsAlnum(s[len(p)])) {
			return len(p)
		}
	}
	return 0
}

func statWordEndFrom(s string, ws int) int {
	_, we := statNextWord(s, ws, len(s))
	return we
}

// statSentenceInitial reports whether the word at ws starts a sentence.
func statSentenceInitial(s string, ws int) bool {
	k := ws
	for k > 0 {
		r, n := utf8.DecodeLastRuneInString(s[:k])
		if r == ' ' || r == '"' || r == '“' || r == '(' || r == '*' || r == '_' || r == '\'' || r == '‘' {
			k -= n
			continue
		}
		return r == '.' || r == '!' || r == '?' || r == ':' || r == '—' || r == '-'
	}
	return true
}

// statCitation finds an academic citation: "(Smith, 2021)", "(Smith et al.
// 2020)", "(Baymard 2024)".
func statCitation(s string, l []byte) bool {
	for i := 0; i < len(s); {
		k := strings.IndexByte(s[i:], '(')
		if k < 0 {
			return false
		}
		k += i
		i = k + 1
		e := strings.IndexByte(s[k:min(len(s), k+80)], ')')
		if e < 0 {
			continue
		}
		in := s[k+1 : k+e]
		year, name := false, false
		for j := 0; ; {
			ws, we := statNextWord(in, j, len(in))
			if ws < 0 {
				break
			}
			j = we
			w := in[ws:we]
			switch {
			case len(w) == 4 && (strings.HasPrefix(w, "19") || strings.HasPrefix(w, "20")) && statIsDigit(w[2]) && statIsDigit(w[3]):
				year = true
			case statIsNameWord(in, l[k+1:k+e], ws, we):
				name = true
			}
		}
		if year && name {
			return true
		}
	}
	return false
}

// statCitationMarker finds "[1]", "[2, 3]" or a superscript number.
func statCitationMarker(s string) bool {
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '[':
			j := i + 1
			for j < len(s) && (statIsDigit(s[j]) || s[j] == ',' || s[j] == ' ' || s[j] == '-') {
				j++
			}
			if j > i+1 && j < len(s) && s[j] == ']' && statIsDigit(s[i+1]) {
				return true
			}
		case s[i] >= 0xC2:
			r, n := utf8.DecodeRuneInString(s[i:])
			if r == '¹' || r == '²' || r == '³' || r >= '⁰' && r <= '⁹' {
				return true
			}
			i += n - 1
		}
	}
	return false
}
