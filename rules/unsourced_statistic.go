package rules

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"

	"github.com/notelint/notelint/linter"
)

// UnsourcedStatisticOptions configures the unsourced-statistic rule. Every
// list adds to the built-in one.
type UnsourcedStatisticOptions struct {
	// SourcePhrases mark a paragraph as sourced, like the built-in
	// "according to" and "source:". Matched case-insensitively as words.
	SourcePhrases []string `yaml:"source-phrases"`
	// Sources are names of research organisations or publications that
	// count as a source wherever the paragraph names them, like the
	// built-in Baymard, Gartner or Pew. Matched case-sensitively as words.
	Sources []string `yaml:"sources"`
	// ExamplePhrases mark a sentence, and the rest of its paragraph, as an
	// illustrative example, like the built-in "for example".
	ExamplePhrases []string `yaml:"example-phrases"`
	// Kinds are the kinds of figure checked: percent, ratio, multiplier,
	// money. All by default.
	Kinds []string `yaml:"kinds"`
	// Tables turns the check of Markdown tables off when false.
	Tables bool `yaml:"tables"`
	// PreviousParagraphs lets a source in one of that many paragraphs
	// before the figure count too, for writing that cites a report once
	// and discusses it over several paragraphs. 0 by default.
	PreviousParagraphs int `yaml:"previous-paragraphs"`

	once sync.Once
	prep *statPrepared
}

// statPrepared is the options in the form the checker uses.
type statPrepared struct {
	sourcePhrases statPhraseIndex // the configured ones, lower case
	examples      statPhraseIndex // the configured example phrases, lower case
	sources       statPhraseIndex // names, case-sensitive
	kinds         statFigKind
	tables        bool
	previous      int
}

// Validate implements the config's option check.
func (o *UnsourcedStatisticOptions) Validate() error {
	if o.PreviousParagraphs < 0 || o.PreviousParagraphs > 10 {
		return fmt.Errorf("previous-paragraphs: want 0 to 10, got %d", o.PreviousParagraphs)
	}
	if len(o.Kinds) == 0 {
		return fmt.Errorf("kinds: name at least one of percent, ratio, multiplier, money (or set the rule to off)")
	}
	for _, k := range o.Kinds {
		if statKindByName(k) == 0 {
			return fmt.Errorf("kinds: unknown kind %q (known: percent, ratio, multiplier, money)", k)
		}
	}
	for name, l := range map[string][]string{"source-phrases": o.SourcePhrases, "sources": o.Sources, "example-phrases": o.ExamplePhrases} {
		for _, p := range l {
			if strings.TrimSpace(p) == "" {
				return fmt.Errorf("%s: empty entry", name)
			}
		}
	}
	return nil
}

func (o *UnsourcedStatisticOptions) prepared() *statPrepared {
	o.once.Do(func() {
		p := &statPrepared{tables: o.Tables, previous: o.PreviousParagraphs}
		p.sourcePhrases = statNewPhraseIndex(statTrimmed(o.SourcePhrases, true))
		p.examples = statNewPhraseIndex(statTrimmed(o.ExamplePhrases, true))
		p.sources = statNewPhraseIndex(statTrimmed(append(append([]string(nil), statDefaultSources...), o.Sources...), false))
		for _, k := range o.Kinds {
			p.kinds |= statKindByName(k)
		}
		o.prep = p
	})
	return o.prep
}

// statTrimmed returns the entries of list trimmed of spaces, and lowered
// if lower.
func statTrimmed(list []string, lower bool) []string {
	out := make([]string, len(list))
	for i, s := range list {
		out[i] = strings.TrimSpace(s)
		if lower {
			out[i] = strings.ToLower(out[i])
		}
	}
	return out
}

func defaultStatOptions() *UnsourcedStatisticOptions {
	return &UnsourcedStatisticOptions{Kinds: []string{"percent", "ratio", "multiplier", "money"}, Tables: true}
}

// UnsourcedStatistic flags statistical claims with no source near them.
var UnsourcedStatistic = &linter.Rule{
	ID:       "unsourced-statistic",
	Title:    "statistic has no source",
	Severity: linter.Warning,
	Options:  func() any { return defaultStatOptions() },
	Doc: `Flags a sentence that states a statistic with no source in the same sentence
or paragraph. Statistics are percentages and percentage ranges ("62%",
"20–30%", "40% growth"), ratios ("3 in 5", "nine out of ten"), multipliers
("2.4x", "three times more likely") and money stated as a cost, loss or rate
("$240,000 a year", "$9,000 per 1,000 orders", "$18 billion in lost sales").
Once the body states a figure with a source, the same figure elsewhere in the
note counts as sourced: in the title, the description, a heading or a
recap. Each finding spans the sentence; a table with unsourced figures gets
one finding.

**Why**: a number without a source cannot be checked, and readers and editors
cannot tell a measured figure from a guess. Unsourced figures get copied from
post to post until nobody knows where they came from.

**Counts as a source**, anywhere in the same paragraph (or list item, or
table):

- a link, a bare URL or a reference-style link;
- a footnote reference whose definition exists (` + "`[^1]`" + `), or a "[1]" marker
  when the note has a References or Sources section;
- "according to …", "(Source: …)", "per the … report", "data from …",
  "a study by …", "(Smith et al., 2021)";
- a named research source: "a 2024 Baymard Institute study", "Gartner
  found", "Forrester's survey", "the NRF reports";
- a "Source: …" line right after the paragraph, list or table, or a list
  introduced by a sourced line ending in a colon.

First-party phrasing is not a source by itself: "our data shows", "according
to our internal numbers" and "we found" need a link.

**Flagged**:

    62% of shoppers abandon a cart with surprise fees.
    Returns cost the average store $240,000 a year.
    Shoppers are 2.4x more likely to buy after reading reviews.

**Fine**:

    62% of shoppers abandon a cart with surprise fees, according to
    [Baymard](https://baymard.com/lists/cart-abandonment-rate).
    A 2024 Baymard Institute study puts cart abandonment at 70%.
    Enter a discount of 15% in the coupon field.
    For example, if the WMS shows 47 units, count them again.

Not statistics: years and dates, versions, step and list counts ("5-step",
"10 Proven Strategies"), durations ("a 3-week sprint"), identifiers
("#10482"), illustrative figures ("for example", "say", "suppose", "if you",
calculations with "="), instructions ("set the threshold to 80%"), offers
and rates of tax or fees ("20% off", "a 3% fee"), product specs and
technical settings ("60% cotton", "opacity 50%"), "100%", prices, and
anything in code or under a References, Sources or Example heading.

**Fix**: link the source in the sentence or paragraph, add a footnote, or
name it ("according to the 2024 NRF report"). If the figure is your own,
link the data or the post that explains it. If it is an illustration, say so
("for example").

**Configure**:

    rules:
      unsourced-statistic:
        source-phrases: ["as measured by", "quelle:"]  # more phrases that cite
        sources: ["Acme Research", "ShipBench"]        # more named sources
        example-phrases: ["worked case"]               # more example markers
        kinds: [percent, ratio, multiplier]            # skip money amounts
        tables: false                                  # do not check tables
        previous-paragraphs: 1                         # a source one paragraph up counts too

The phrase and name lists add to the built-in ones. Use
` + "`previous-paragraphs`" + ` for writing that cites a report once and discusses it
over the next paragraphs; by default the source must be in the same
paragraph.
`,
	Note: func(p *linter.NotePass) {
		opts, _ := p.Options.(*UnsourcedStatisticOptions)
		checkStatistics(p.Note, opts, p.Report)
	},
}

// statWhere says what kind of text a finding is in; it picks the message.
type statWhere uint8

const (
	statInBody statWhere = iota
	statInHeading
	statInTable
	statInTitle
	statInDescription
)

// statKey is a figure's canonical form (statFigure.appendKey), stored as
// c.keys[a:b].
type statKey struct{ a, b int32 }

type statPendingFig struct {
	text string
	key  statKey
}

// statPendingStat is an unsourced sentence. It is reported at the end, unless
// all its figures turned out to be sourced elsewhere in the note.
type statPendingStat struct {
	span           linter.Span
	place          statWhere
	table          int
	figsAt, figsTo int // its figures in c.pendingFigs
}

type statSent struct{ a, b, unit int }

// statChecker holds the buffers reused across paragraphs and notes.
type statChecker struct {
	n       *linter.Note
	pr      *statPrepared
	hasRefs bool

	top     []statTopBlock // the body's top-level blocks
	units   []ast.Node
	tb      linter.TextBuffer // the texts of a group's units
	built   []linter.TextRef
	texts   []linter.Text
	fb      linter.TextBuffer // the text of a neighbour, for factsOf
	cellCol []int
	headers []string
	lower   []byte
	sbuf    [][2]int
	sents   []statSent
	figs    []statFigure
	code    []linter.Span
	tmpl    [][2]int // template tags in the current unit: {% … %}, {{ … }}
	key     []byte   // a heading's words, for classifyHeading

	keys        []byte    // the note's figure keys
	sourced     []statKey // the figures stated with a source
	pending     []statPendingStat
	pendingFigs []statPendingFig
	tables      int
	facts       []statBlockFacts
	cites       int8 // whether the body links anywhere: -1 not known yet, 0, 1
}

var statCheckers = sync.Pool{New: func() any { return new(statChecker) }}

// checkStatistics runs the rule on one note. It is separate from the Rule
// value so benchmarks and tests can call it without a runner.
func checkStatistics(n *linter.Note, o *UnsourcedStatisticOptions, report func(linter.Report)) {
	if o == nil {
		o = defaultStatOptions()
	}
	c := statCheckers.Get().(*statChecker)
	defer func() {
		c.n, c.pr, c.texts, c.headers = nil, nil, c.texts[:0], c.headers[:0]
		c.units = c.units[:0]
		clear(c.top)
		c.top = c.top[:0]
		c.keys, c.sourced, c.pending = c.keys[:0], c.sourced[:0], c.pending[:0]
		clear(c.pendingFigs)
		c.pendingFigs = c.pendingFigs[:0]
		clear(c.facts)
		c.facts = c.facts[:0]
		statCheckers.Put(c)
	}()
	c.n, c.pr, c.tables, c.cites, c.hasRefs = n, o.prepared(), 0, -1, false
	if n.Body != nil {
		c.topBlocks(n.Body)
		c.document()
	}
	if t := n.Title; t.IsSet() && t.Field != "h1" {
		c.field(t, statInTitle)
	}
	if d := n.Description; d.IsSet() {
		c.field(d, statInDescription)
	}
	c.flush(report)
}

func (c *statChecker) flush(report func(linter.Report)) {
	if len(c.pending) == 0 {
		return
	}
	slices.SortFunc(c.sourced, func(x, y statKey) int { return bytes.Compare(c.keyBytes(x), c.keyBytes(y)) })
	reportedTable := 0
	for i := range c.pending {
		ps := &c.pending[i]
		if ps.table != 0 && ps.table == reportedTable {
			continue
		}
		for _, f := range c.pendingFigs[ps.figsAt:ps.figsTo] {
			if _, ok := slices.BinarySearchFunc(c.sourced, c.keyBytes(f.key), func(x statKey, k []byte) int { return bytes.Compare(c.keyBytes(x), k) }); ok {
				continue
			}
			var msg string
			switch ps.place {
			case statInTitle:
				msg = fmt.Sprintf("statistic %q in the title has no source; state it with a source in the body", f.text)
			case statInDescription:
				msg = fmt.Sprintf("statistic %q in the description has no source; state it with a source in the body", f.text)
			case statInHeading:
				msg = fmt.Sprintf("statistic %q in a heading has no source; state it with a source in the section", f.text)
			case statInTable:
				msg = fmt.Sprintf("statistic %q in a table has no source; link one in the table or in the paragraph before or after it", f.text)
				reportedTable = ps.table
			default:
				msg = fmt.Sprintf("statistic %q has no source; link one in the same sentence or paragraph", f.text)
			}
			report(linter.Report{Span: ps.span, Message: msg})
			break
		}
	}
}

// statBlockCtx is what a block inherits from its container.
type statBlockCtx struct {
	sourced bool     // an attribution sources it
	illus   bool     // inside an example section
	list    ast.Node // the list of a list item, whose lead-in may source it
	after   ast.Node // the block after the list, for a "Source:" line
}

// statTopBlock is a top-level block of the body, with the kind of heading
// it is.
type statTopBlock struct {
	node ast.Node
	kind statHeadingKind
}

// topBlocks lists the top-level blocks in c.top and classifies their
// headings. A note with footnotes or a References-like heading has a
// reference section, which makes "[1]" markers citations.
func (c *statChecker) topBlocks(doc ast.Node) {
	for b := doc.FirstChild(); b != nil; b = b.NextSibling() {
		kind := statHeadingPlain
		switch v := b.(type) {
		case *east.FootnoteList:
			c.hasRefs = true
		case *ast.Heading:
			kind = c.classifyHeading(v)
			if kind == statHeadingRefs {
				c.hasRefs = true
			}
		}
		c.top = append(c.top, statTopBlock{b, kind})
	}
}

// document walks the top-level blocks, tracking References and Example
// sections.
func (c *statChecker) document() {
	skipLevel, exampleLevel := 0, 0
	for _, tb := range c.top {
		b := tb.node
		if h, ok := b.(*ast.Heading); ok {
			if skipLevel > 0 && h.Level <= skipLevel {
				skipLevel = 0
			}
			if exampleLevel > 0 && h.Level <= exampleLevel {
				exampleLevel = 0
			}
			if skipLevel == 0 {
				switch tb.kind {
				case statHeadingRefs:
					skipLevel = h.Level
				case statHeadingExample:
					exampleLevel = h.Level
				}
			}
		}
		if skipLevel > 0 {
			continue
		}
		c.block(b, statBlockCtx{illus: exampleLevel > 0})
	}
}

func (c *statChecker) block(b ast.Node, ctx statBlockCtx) {
	switch v := b.(type) {
	case *ast.Heading:
		if v.Level == 1 && c.sameAsTitle(v) {
			return // the title is checked, and reported, once
		}
		c.units = append(c.units[:0], v)
		c.group(ctx, statInHeading, nil, nil, 0)
	case *ast.Paragraph, *ast.TextBlock:
		c.units = append(c.units[:0], v)
		c.group(ctx, statInBody, v, v.NextSibling(), 0)
	case *ast.List:
		c.list(v, ctx)
	case *ast.Blockquote:
		if c.hasAttribution(v) {
			ctx.sourced = true
		}
		for ch := v.FirstChild(); ch != nil; ch = ch.NextSibling() {
			c.block(ch, ctx)
		}
	case *east.Table:
		if c.pr.tables {
			c.table(v, ctx)
		}
	case *ast.FencedCodeBlock, *ast.CodeBlock, *ast.HTMLBlock, *ast.ThematicBreak, *east.FootnoteList:
	default:
		for ch := b.FirstChild(); ch != nil; ch = ch.NextSibling() {
			c.block(ch, ctx)
		}
	}
}

// sameAsTitle reports whether an H1 repeats the frontmatter title.
func (c *statChecker) sameAsTitle(h *ast.Heading) bool {
	t := c.n.Title
	if !t.IsSet() || t.Field == "h1" || !statNodeMayHaveFigure(c.n, h) {
		return false
	}
	return strings.TrimSpace(c.n.NodeText(h).Text) == strings.TrimSpace(t.Text)
}

func (c *statChecker) list(l *ast.List, ctx statBlockCtx) {
	ctx.list, ctx.after = l, l.NextSibling()
	for item := l.FirstChild(); item != nil; item = item.NextSibling() {
		c.units = c.units[:0]
		for ch := item.FirstChild(); ch != nil; ch = ch.NextSibling() {
			switch ch.(type) {
			case *ast.Paragraph, *ast.TextBlock:
				c.units = append(c.units, ch)
			}
		}
		c.group(ctx, statInBody, nil, ctx.after, 0)
		for ch := item.FirstChild(); ch != nil; ch = ch.NextSibling() {
			switch ch.(type) {
			case *ast.Paragraph, *ast.TextBlock:
			default:
				c.block(ch, statBlockCtx{sourced: ctx.sourced, illus: ctx.illus})
			}
		}
	}
}

// group checks blocks that share their sources: a paragraph, the
// paragraphs of one list item, a heading, the cells of a table (c.units).
// self is the paragraph or table whose neighbours may source it.
func (c *statChecker) group(ctx statBlockCtx, w statWhere, self, after ast.Node, table int) {
	if len(c.units) == 0 {
		return
	}
	maybe := false
	for _, u := range c.units {
		if statNodeMayHaveFigure(c.n, u) {
			maybe = true
			break
		}
	}
	if !maybe {
		return
	}
	// The test above reads raw lines, where link targets and markup have
	// digits too. statMayStateFigure on the plain text, built without
	// allocating, rules out most such blocks before their mapped text is
	// built and scanned.
	maybe = false
	c.tb.Reset()
	c.built = c.built[:0]
	for _, u := range c.units {
		t := c.tb.Add(c.n, u)
		c.built = append(c.built, t)
		if !maybe && statMayStateFigure(c.tb.Bytes(t)) {
			maybe = true
		}
	}
	if !maybe {
		return
	}
	str := string(c.tb.All())
	c.texts = c.texts[:0]
	for _, t := range c.built {
		c.texts = append(c.texts, c.tb.Text(str, t))
	}
	c.sents, c.figs, c.code = c.sents[:0], c.figs[:0], c.code[:0]
	sourced := ctx.sourced
	illus := ctx.illus
	for ui, u := range c.units {
		if c.inlineSources(u, true) {
			sourced = true
		}
		if table != 0 && ui < len(c.headers) {
			c.headers[ui] = c.texts[ui].Text // the header row comes first
		}
		if table != 0 {
			illus = ctx.illus // cells are independent sentences
		}
		illus = c.scanUnit(ui, illus)
		if table != 0 && len(c.headers) > 0 {
			c.dropByHeader(ui)
		}
	}
	if len(c.figs) == 0 {
		return
	}
	// The last unit first: scanUnit left its lower-case copy in c.lower.
	for i := len(c.texts) - 1; i >= 0 && !sourced; i-- {
		s := c.texts[i].Text
		if i < len(c.texts)-1 {
			c.lower = statAppendLower(c.lower[:0], s)
		}
		sourced = c.textSources(s, c.lower)
	}
	if !sourced && after != nil && c.isSourceLine(after) {
		sourced = true
	}
	if !sourced && ctx.list != nil {
		if c.listIsExample(ctx.list) {
			return
		}
		sourced = c.listSourced(ctx.list)
	}
	if !sourced && self != nil {
		if table != 0 {
			sourced = c.tableSourced(self)
		} else {
			sourced = c.paragraphIntroduced(self) || c.factsOf(self).label && c.listSourced(self)
		}
	}
	if !sourced && c.pr.previous > 0 {
		switch {
		case self != nil:
			sourced = c.sourcedBefore(self, c.pr.previous)
		case ctx.list != nil:
			sourced = c.sourcedBefore(ctx.list, c.pr.previous)
		}
	}
	c.record(sourced, w, table)
}

// record adds a group's figures to the sourced set, or its sentences to
// the pending findings.
func (c *statChecker) record(sourced bool, w statWhere, table int) {
	if sourced {
		for i := range c.figs {
			f := &c.figs[i]
			c.sourced = append(c.sourced, c.addKey(f, c.texts[f.unit].Text))
		}
		return
	}
	for i := 0; i < len(c.figs); {
		f := &c.figs[i]
		s := c.sents[f.sent]
		t := &c.texts[f.unit]
		ps := statPendingStat{span: t.SpanOf(s.a, s.b), place: w, table: table, figsAt: len(c.pendingFigs)}
		for ; i < len(c.figs) && c.figs[i].sent == f.sent; i++ {
			g := &c.figs[i]
			c.pendingFigs = append(c.pendingFigs, statPendingFig{text: t.Text[g.start:g.end], key: c.addKey(g, t.Text)})
		}
		ps.figsTo = len(c.pendingFigs)
		c.pending = append(c.pending, ps)
	}
}

// addKey stores the key of figure f of text s in c.keys.
func (c *statChecker) addKey(f *statFigure, s string) statKey {
	a := len(c.keys)
	c.keys = f.appendKey(c.keys, s)
	return statKey{int32(a), int32(len(c.keys))}
}

func (c *statChecker) keyBytes(k statKey) []byte { return c.keys[k.a:k.b] }

// field checks the title or the description.
func (c *statChecker) field(t linter.Text, w statWhere) {
	if !statMayHaveFigure(t.Text) || !statMayStateFigure(t.Text) {
		return
	}
	c.texts = append(c.texts[:0], t)
	c.sents, c.figs, c.code = c.sents[:0], c.figs[:0], c.code[:0]
	c.scanUnit(0, false)
	if len(c.figs) == 0 {
		return
	}
	sourced := c.textSources(t.Text, c.lower) || strings.Contains(t.Text, "://")
	c.record(sourced, w, 0)
}

// scanUnit splits unit ui into sentences and finds their figures. It
// returns whether an example started that the following sentences belong to.
func (c *statChecker) scanUnit(ui int, illus bool) bool {
	s := c.texts[ui].Text
	c.lower = statAppendLower(c.lower[:0], s)
	c.tmpl = statTemplateTags(s, c.tmpl[:0])
	c.sbuf = statSplitSentences(s, c.lower, c.sbuf[:0])
	for _, sb := range c.sbuf {
		a, b := sb[0], sb[1]
		skipFrom, carry := c.sentenceFlags(s, c.lower, a, b)
		if illus {
			skipFrom = a
		}
		if carry {
			illus = true
		}
		if skipFrom <= a {
			continue
		}
		c.sents = append(c.sents, statSent{a, b, ui})
		c.findFigures(s, c.lower, a, b, skipFrom, ui, len(c.sents)-1)
	}
	return illus
}

// addFigure keeps f unless its kind is not checked or it sits in code.
func (c *statChecker) addFigure(f statFigure) {
	if c.pr.kinds&f.kind == 0 {
		return
	}
	for _, r := range c.tmpl {
		if f.start < r[1] && f.end > r[0] {
			return
		}
	}
	if len(c.code) > 0 {
		sp := c.texts[f.unit].SpanOf(f.start, f.end)
		for _, cs := range c.code {
			if sp.Start < cs.End && sp.End > cs.Start {
				return
			}
		}
	}
	c.figs = append(c.figs, f)
}

// statTemplateTags finds Liquid, Jinja and Hugo tags ({% … %}, {{ … }}) in s:
// their numbers are code.
func statTemplateTags(s string, out [][2]int) [][2]int {
	for i := 0; i+1 < len(s); i++ {
		k := strings.IndexByte(s[i:len(s)-1], '{')
		if k < 0 {
			break
		}
		i += k
		if s[i+1] != '%' && s[i+1] != '{' {
			continue
		}
		closer := "%}"
		if s[i+1] == '{' {
			closer = "}}"
		}
		e := strings.Index(s[i+2:], closer)
		if e < 0 {
			out = append(out, [2]int{i, len(s)})
			break
		}
		out = append(out, [2]int{i, i + 2 + e + 2})
		i += 2 + e + 1
	}
	return out
}

// inlineSources reports whether block u holds a link, an autolink, a
// footnote reference or an HTML link, and records its code spans.
func (c *statChecker) inlineSources(u ast.Node, recordCode bool) bool {
	found := false
	src := c.n.BodySrc()
	_ = ast.Walk(u, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch v := n.(type) {
		case *ast.Link, *ast.AutoLink, *east.FootnoteLink:
			found = true
		case *ast.Image:
			return ast.WalkSkipChildren, nil
		case *ast.CodeSpan:
			if recordCode {
				start, end := -1, -1
				for ch := v.FirstChild(); ch != nil; ch = ch.NextSibling() {
					if tx, ok := ch.(*ast.Text); ok {
						if start < 0 {
							start = tx.Segment.Start
						}
						end = tx.Segment.Stop
					}
				}
				if start >= 0 {
					c.code = append(c.code, c.n.BodySpan(start, end))
				}
			}
			return ast.WalkSkipChildren, nil
		case *ast.RawHTML:
			for i := 0; i < v.Segments.Len(); i++ {
				seg := v.Segments.At(i)
				tag := src[seg.Start:seg.Stop]
				if len(tag) > 2 && (tag[1] == 'a' || tag[1] == 'A') && (tag[2] == ' ' || tag[2] == '\n') ||
					statHasFoldPrefix(tag, "<cite") || c.hasRefs && statHasFoldPrefix(tag, "<sup") {
					found = true
				}
			}
		}
		return ast.WalkContinue, nil
	})
	return found
}

func statHasFoldPrefix(b []byte, p string) bool {
	return len(b) >= len(p) && strings.EqualFold(string(b[:len(p)]), p)
}

// noteCites reports whether the body has a link or a footnote anywhere,
// which lets "the report" and "the study" refer back to a cited source.
func (c *statChecker) noteCites() bool {
	if c.cites < 0 {
		c.cites = 0
		if c.n.Body != nil {
			_ = ast.Walk(c.n.Body, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
				switch n.(type) {
				case *ast.Link, *ast.AutoLink, *east.FootnoteLink:
					c.cites = 1
					return ast.WalkStop, nil
				}
				return ast.WalkContinue, nil
			})
		}
	}
	return c.cites == 1
}

// statBlockFacts are what the neighbours of a block with figures need to know
// about a paragraph; computed once per paragraph, on demand.
type statBlockFacts struct {
	node     ast.Node
	sourced  bool // a link, a footnote, a source phrase or a named source
	research bool // it mentions a study, survey, report, data…
	figure   bool // it states a percentage
	colon    bool // it ends with a colon: it introduces what follows
	label    bool // a short line with no final period: a caption or a label
	example  bool // an introduction to an example ("For example:")
}

func (c *statChecker) factsOf(n ast.Node) *statBlockFacts {
	for i := range c.facts {
		if c.facts[i].node == n {
			return &c.facts[i]
		}
	}
	f := statBlockFacts{node: n}
	switch n.(type) {
	case *ast.Paragraph, *ast.TextBlock:
	default:
		c.facts = append(c.facts, f)
		return &c.facts[len(c.facts)-1]
	}
	var s string
	c.fb.Reset()
	s = string(bytes.TrimRight(c.fb.Bytes(c.fb.Add(c.n, n)), " \t\r\n*_"))
	l := statAppendLower(c.lower[:0], s)
	c.lower = l
	f.sourced = c.inlineSources(n, false) || c.textSources(s, l)
	f.research = statAnyWordIn(s, l, 0, len(s), &statResearchWords)
	f.figure = strings.IndexByte(s, '%') >= 0 || statIndexWord(l, 0, len(l), "percent") >= 0
	f.colon = strings.HasSuffix(s, ":")
	f.label = statCountWords(s) <= 20 && !strings.HasSuffix(s, ".") && !strings.HasSuffix(s, "!") && !strings.HasSuffix(s, "?")
	if f.colon {
		for _, list := range [][]string{statExamplePhrases, statWeakExamplePhrases} {
			for _, p := range list {
				if statIndexWord(l, 0, len(l), p) >= 0 {
					f.example = true
				}
			}
		}
		for _, list := range c.pr.examples.lists {
			for _, p := range list {
				if statIndexWord(l, 0, len(l), p) >= 0 {
					f.example = true
				}
			}
		}
		if ws, we := statNextWord(s, 0, len(s)); ws >= 0 && statHypotheticalOpeners.has(l[ws:we]) {
			f.example = true
		}
	}
	c.facts = append(c.facts, f)
	return &c.facts[len(c.facts)-1]
}

func statCountWords(s string) int {
	n := 0
	for i := 0; ; n++ {
		ws, we := statNextWord(s, i, len(s))
		if ws < 0 {
			return n
		}
		i = we
	}
}

// paragraphIntroduced reports whether the paragraph before p introduces
// its data: a sourced paragraph ending with a colon, or one that names a
// study or report and has no figures of its own ("The Mobile Consumer
// Habits Study by Jumio looked at how Americans use their phones.").
func (c *statChecker) paragraphIntroduced(p ast.Node) bool {
	prev := p.PreviousSibling()
	if prev == nil {
		return false
	}
	f := c.factsOf(prev)
	return f.sourced && (f.colon || f.research && !f.figure)
}

// listIsExample reports whether the list is introduced as an example:
// "For example:".
func (c *statChecker) listIsExample(l ast.Node) bool {
	prev := l.PreviousSibling()
	return prev != nil && c.factsOf(prev).example
}

// listSourced reports whether the text before a list sources it. It looks
// back past labels ("Top smartphone makers") and sibling lists to the
// first paragraph of prose, within the section.
func (c *statChecker) listSourced(l ast.Node) bool {
	prev := l.PreviousSibling()
	if prev == nil {
		if q, ok := l.Parent().(*ast.Blockquote); ok {
			prev = q.PreviousSibling() // a quoted list of findings
		}
	}
	for steps := 0; prev != nil && steps < 6; steps++ {
		switch prev.(type) {
		case *ast.List, *ast.Blockquote:
		case *ast.Paragraph, *ast.TextBlock:
			f := c.factsOf(prev)
			if f.sourced {
				return true
			}
			if !f.label {
				return f.colon && c.paragraphIntroduced(prev)
			}
		default:
			return false
		}
		prev = prev.PreviousSibling()
	}
	return false
}

// sourcedBefore reports whether one of the k paragraphs before n, within
// its section, cites a source (the previous-paragraphs option).
func (c *statChecker) sourcedBefore(n ast.Node, k int) bool {
	for prev := n.PreviousSibling(); prev != nil && k > 0; prev = prev.PreviousSibling() {
		switch prev.(type) {
		case *ast.Heading:
			return false
		case *ast.Paragraph, *ast.TextBlock:
			if c.factsOf(prev).sourced {
				return true
			}
		}
		k--
	}
	return false
}

// tableSourced reports whether the paragraph before or after a table
// cites a source.
func (c *statChecker) tableSourced(t ast.Node) bool {
	if p := t.PreviousSibling(); p != nil && c.factsOf(p).sourced {
		return true
	}
	n := t.NextSibling()
	return n != nil && (c.isSourceLine(n) || c.factsOf(n).sourced)
}

// isSourceLine reports whether n is a paragraph that starts with
// "Source:", "Sources", "Via" or "Credit", the caption of what precedes it.
func (c *statChecker) isSourceLine(n ast.Node) bool {
	line := statFirstLine(c.n, n)
	for len(line) > 0 && (line[0] == '*' || line[0] == '_' || line[0] == '(' || line[0] == '[' || line[0] == ' ' || line[0] == '>') {
		line = line[1:]
	}
	for _, p := range []string{"source", "sources", "via", "credit", "credits", "data source", "data sources", "reference", "references"} {
		if statHasFoldPrefix(line, p) && (len(line) == len(p) || !statIsLetter(line[len(p)])) {
			return true
		}
	}
	return false
}

// hasAttribution reports whether a blockquote ends with or is followed by
// an attribution line ("— Jane Doe, CTO") or a source line.
func (c *statChecker) hasAttribution(q *ast.Blockquote) bool {
	for _, n := range []ast.Node{q.LastChild(), q.NextSibling()} {
		if n == nil {
			continue
		}
		line := statFirstLine(c.n, n)
		for len(line) > 0 && (line[0] == ' ' || line[0] == '*' || line[0] == '_') {
			line = line[1:]
		}
		for _, p := range []string{"—", "–", "--", "―", "~"} {
			if bytes.HasPrefix(line, []byte(p)) {
				return true
			}
		}
		if c.isSourceLine(n) {
			return true
		}
	}
	return false
}

// statFirstLine is the raw first source line of a paragraph, or nil.
func statFirstLine(n *linter.Note, b ast.Node) []byte {
	switch b.(type) {
	case *ast.Paragraph, *ast.TextBlock:
	default:
		return nil
	}
	lines := b.Lines()
	if lines == nil || lines.Len() == 0 {
		return nil
	}
	seg := lines.At(0)
	return n.BodySrc()[seg.Start:seg.Stop]
}

// table checks a table as one group: a source anywhere in it, or in the
// paragraph before or after it, sources all of it. Cells are sentences,
// and a column header can make a column a setting or a price list.
func (c *statChecker) table(t *east.Table, ctx statBlockCtx) {
	c.units, c.cellCol, c.headers = c.units[:0], c.cellCol[:0], c.headers[:0]
	for row := t.FirstChild(); row != nil; row = row.NextSibling() {
		_, isHeader := row.(*east.TableHeader)
		col := 0
		for cell := row.FirstChild(); cell != nil; cell = cell.NextSibling() {
			if isHeader {
				c.headers = append(c.headers, "") // filled in by group
			}
			c.units = append(c.units, cell)
			c.cellCol = append(c.cellCol, col)
			col++
		}
	}
	c.tables++
	ctx.list = nil
	c.group(ctx, statInTable, t, nil, c.tables)
}

// dropByHeader drops the figures of cell ui when its column header names
// a discount, a fee, a setting or a price.
func (c *statChecker) dropByHeader(ui int) {
	col := c.cellCol[ui]
	if col >= len(c.headers) {
		return
	}
	h := c.headers[col]
	var buf [32]byte
	drop := false
	for i := 0; ; {
		ws, we := statNextWord(h, i, len(h))
		if ws < 0 {
			break
		}
		i = we
		if we-ws > len(buf) {
			continue
		}
		w := statAppendLower(buf[:0], h[ws:we])
		if statPercentSkipAround.has(w) || statPercentSkipLegal.has(w) || statMoneyPricing.has(w) || statMultiplierSkipAround.has(w) {
			drop = true
			break
		}
	}
	if !drop {
		return
	}
	k := len(c.figs)
	for k > 0 && c.figs[k-1].unit == ui {
		k--
	}
	c.figs = c.figs[:k]
}

type statHeadingKind uint8

const (
	statHeadingPlain statHeadingKind = iota
	statHeadingRefs
	statHeadingExample
)

var statRefHeadings = statNewWordSet(`references reference sources source citations citation bibliography footnotes
	notes endnotes methodology`)

var statRefHeadingPhrases = []string{"works cited", "further reading", "data sources", "sources and methodology",
	"notes and sources", "sources and notes", "notes and references", "research methodology", "about the data",
	"data and methodology", "reference list"}

var statExampleHeadingWords = statNewWordSet(`example examples scenario scenarios walkthrough hypothetical illustration
	calculation calculations calculate calculating formula worked target targets goal goals objective objectives`)

// classifyHeading tells a References-like or Example-like heading from
// the raw heading text, without allocating.
func (c *statChecker) classifyHeading(h *ast.Heading) statHeadingKind {
	c.key = c.key[:0]
	lines := h.Lines()
	src := c.n.BodySrc()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		for _, ch := range src[seg.Start:seg.Stop] {
			switch {
			case statIsLetter(ch):
				if statIsUpper(ch) {
					ch += 'a' - 'A'
				}
				c.key = append(c.key, ch)
			case len(c.key) > 0 && c.key[len(c.key)-1] != ' ':
				c.key = append(c.key, ' ')
			}
		}
	}
	k := c.key
	for len(k) > 0 && k[len(k)-1] == ' ' {
		k = k[:len(k)-1]
	}
	if statRefHeadings.has(k) {
		return statHeadingRefs
	}
	for _, p := range statRefHeadingPhrases {
		if string(k) == p {
			return statHeadingRefs
		}
	}
	for len(k) > 0 {
		w := k
		if j := bytes.IndexByte(k, ' '); j >= 0 {
			w, k = k[:j], k[j+1:]
		} else {
			k = nil
		}
		if statExampleHeadingWords.has(w) {
			return statHeadingExample
		}
	}
	return statHeadingPlain
}

// statNodeMayHaveFigure is a cheap test on a block's raw source lines, so the
// plain text is built only for blocks with a digit or a spelled ratio.
func statNodeMayHaveFigure(n *linter.Note, b ast.Node) bool {
	src := n.BodySrc()
	if lines := b.Lines(); lines != nil && lines.Len() > 0 && b.Type() == ast.TypeBlock {
		for i := 0; i < lines.Len(); i++ {
			seg := lines.At(i)
			if statMayHaveFigure(src[seg.Start:seg.Stop]) {
				return true
			}
		}
		return false
	}
	found := false
	_ = ast.Walk(b, func(x ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := x.(*ast.Text); ok && entering && statMayHaveFigure(src[t.Segment.Start:t.Segment.Stop]) {
			found = true
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	return found
}

// statMayHaveFigure reports whether text has a digit or a spelled number
// followed by "in", "out of" or "times". Digits are looked for eight bytes
// at a time; without one, only the words before " in ", " out" and " tim"
// are looked up.
func statMayHaveFigure[T string | []byte](s T) bool {
	i := 0
	for ; i+8 <= len(s); i += 8 {
		x := uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
			uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
		if statHasDigit8(x) {
			return true
		}
	}
	for ; i < len(s); i++ {
		if statIsDigit(s[i]) {
			return true
		}
	}
	for j := 0; j+3 < len(s); j++ {
		if s[j] != ' ' {
			continue
		}
		if r0, r1, r2 := s[j+1], s[j+2], s[j+3]; !(r0 == 'i' && r1 == 'n' && r2 == ' ' || r0 == 'o' && r1 == 'u' && r2 == 't' || r0 == 't' && r1 == 'i' && r2 == 'm') {
			continue
		}
		k := j
		for k > 0 && statIsLetter(s[k-1]) {
			k--
		}
		if k == j || j-k > 12 {
			continue
		}
		var w [12]byte
		for m := k; m < j; m++ {
			ch := s[m]
			if statIsUpper(ch) {
				ch += 'a' - 'A'
			}
			w[m-k] = ch
		}
		if statNumberWordValue(w[:j-k]) > 0 {
			return true
		}
	}
	return false
}

// statHasDigit8 reports whether one of the eight bytes of x is an ASCII
// digit. Each byte is computed on its own, with no carry into the next.
func statHasDigit8(x uint64) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	low7 := x & (ones * 127)
	return (ones*(127+'9'+1)-low7)&^x&(low7+ones*(127-('0'-1)))&highs != 0
}
