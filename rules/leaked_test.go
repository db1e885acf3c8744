package rules

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/notelint/notelint/linter"
)

// leakRun lints in-memory notes with the three leak rules (and the engine
// rules) turned on, optionally configured by cfgYAML.
func leakRun(t testing.TB, cfgYAML string, notes map[string]string) []linter.Finding {
	t.Helper()
	rs := append(linter.EngineRules(), LeakedFrontmatter, LeakedJSONLD, LeakedMarkup)
	cfg := linter.DefaultConfig(rs)
	if cfgYAML != "" {
		var err error
		cfg, err = linter.ParseConfig(".notelint.yml", []byte(cfgYAML), rs)
		if err != nil {
			t.Fatal(err)
		}
	}
	var srcs []linter.Source
	for path, src := range notes {
		srcs = append(srcs, linter.Source{Path: path, Src: []byte(src)})
	}
	res, err := linter.Run(context.Background(), srcs, nil, linter.Options{Config: cfg, Rules: rs, Jobs: 1})
	if err != nil {
		t.Fatal(err)
	}
	return res.Findings
}

func leakSummary(fs []linter.Finding) string {
	var b strings.Builder
	for _, f := range fs {
		fmt.Fprintf(&b, "%s:%d:%d [%s] (%s) %s\n", f.Path, f.Start.Line, f.Start.Column, f.Rule, f.Field, f.Message)
	}
	return b.String()
}

// TestLeakOnceAcrossRules checks that a leak two rules could see is
// reported by the rule that owns it, once.
func TestLeakOnceAcrossRules(t *testing.T) {
	notes := map[string]string{
		// A fenced frontmatter block opening a note without frontmatter:
		// leaked-frontmatter, not leaked-markup's "starts with a code block".
		"fence.md": "```yaml\ntitle: Wave picking\nslug: wave-picking\n```\n\nWave picking groups orders.\n",
		// A JSON-LD script opening the excerpt: leaked-jsonld, not
		// leaked-markup's "starts with a raw HTML block".
		"script.md": "---\ntitle: LD\n---\n<script type=\"application/ld+json\">\n{\"@context\": \"https://schema.org\"}\n</script>\n\nText.\n",
		// A second block: one finding at its first line, not one more for
		// the keys in the excerpt.
		"second.md": "---\ntitle: A\n---\n---\nslug: a\ndate: 2024-01-01\n---\nText.\n",
		// A JSON object with frontmatter keys is not JSON-LD, and JSON-LD
		// is not frontmatter.
		"json.md": "---\ntitle: J\n---\n{\"title\": \"J\", \"slug\": \"j\"}\n\n{\"@context\": \"https://schema.org\", \"@type\": \"Article\", \"title\": \"x\"}\n",
	}
	got := leakSummary(leakRun(t, "", notes))
	want := `fence.md:1:1 [leaked-frontmatter] (body) frontmatter is inside a code fence, so it sets no metadata and readers see it as code; replace the fence lines with --- lines
json.md:4:1 [leaked-frontmatter] (body) JSON object with frontmatter key "title" is visible to readers at the top of the body; move its keys into the frontmatter block at the top of the file
json.md:6:1 [leaked-jsonld] (excerpt) schema.org JSON-LD object ("@context") is shown to readers as text in the excerpt; remove it and let the layout write structured data into the page head, or fence it as code if it is an example
script.md:4:1 [leaked-jsonld] (body) JSON-LD <script> is in the note body, where Markdown renderers drop it or print a second copy; remove it and let the layout write structured data into the page head
second.md:4:1 [leaked-frontmatter] (body) a second --- block with frontmatter key "slug:" is visible to readers; move its keys into the frontmatter block at the top of the file
`
	if got != want {
		t.Errorf("findings:\n%s\nwant:\n%s", got, want)
	}
}

// TestLeakedMarkupAlone checks that leaked-markup still reports a fenced
// frontmatter block when leaked-frontmatter is turned off.
func TestLeakedMarkupAlone(t *testing.T) {
	notes := map[string]string{"fence.md": "```yaml\ntitle: Wave picking\n```\n\nText.\n"}
	got := leakSummary(leakRun(t, "rules:\n  leaked-frontmatter: off\n", notes))
	if !strings.Contains(got, "fence.md:1:1 [leaked-markup] (excerpt) the excerpt starts with a code block") {
		t.Errorf("findings:\n%s", got)
	}
}

func TestLeakedFrontmatterKeysOption(t *testing.T) {
	notes := map[string]string{
		"custom.md":  "---\ntitle: A\n---\ncanonical_url: https://example.com/a\n\nText.\n",
		"default.md": "---\ntitle: B\n---\nslug: b\n\nText.\n",
	}
	got := leakSummary(leakRun(t, "rules:\n  leaked-frontmatter:\n    keys: [canonical_url]\n", notes))
	want := `custom.md:4:1 [leaked-frontmatter] (excerpt) frontmatter key "canonical_url:" is visible to readers in the excerpt; move it into the frontmatter block at the top of the file
`
	if got != want {
		t.Errorf("findings:\n%s\nwant:\n%s", got, want)
	}
	rs := []*linter.Rule{LeakedFrontmatter}
	if _, err := linter.ParseConfig("c.yml", []byte("rules:\n  leaked-frontmatter:\n    keys: [\"\"]\n"), rs); err == nil {
		t.Error("an empty key was accepted")
	}
	if _, err := linter.ParseConfig("c.yml", []byte("rules:\n  leaked-frontmatter:\n    key: [a]\n"), rs); err == nil {
		t.Error("an unknown setting was accepted")
	}
}

// TestLeakExcerptField checks where findings say the leak is: the excerpt
// when the note has no description, else the body.
func TestLeakExcerptField(t *testing.T) {
	notes := map[string]string{
		"derived.md": "---\ntitle: A\n---\nslug: a\n\nText.\n",
		"desc.md":    "---\ntitle: B\ndescription: Real summary.\n---\nslug: b\n\nText.\n",
	}
	got := leakSummary(leakRun(t, "", notes))
	for _, want := range []string{
		"derived.md:4:1 [leaked-frontmatter] (excerpt) frontmatter key \"slug:\" is visible to readers in the excerpt",
		"desc.md:5:1 [leaked-frontmatter] (body) frontmatter key \"slug:\" is visible to readers at the top of the body",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in:\n%s", want, got)
		}
	}
}

func TestLeakYAMLKey(t *testing.T) {
	for _, tc := range []struct {
		line string
		key  string
	}{
		{"title: Carrier cutoffs", "title"},
		{"  metaTitle: x", "metaTitle"},
		{"slug:", "slug"},
		{`"title": x`, `"title"`},
		{"Diagnosis: the event fired.", "Diagnosis"},
		{"12:30 meeting", ""},
		{"https://example.com", ""},
		{"Note : spaced", ""},
		{"two words: no", ""},
		{"title:x", ""},
		{"", ""},
	} {
		ks, ke, ok := leakYAMLKey(tc.line, 0, len(tc.line))
		got := ""
		if ok {
			got = tc.line[ks:ke]
		}
		if got != tc.key {
			t.Errorf("leakYAMLKey(%q) = %q, want %q", tc.line, got, tc.key)
		}
	}
}

func TestLeakHTMLTag(t *testing.T) {
	for _, tc := range []struct {
		s    string
		want bool
	}{
		{"<b>bold</b>", true},
		{"</em>", true},
		{"<br>", true},
		{"<br/>", true},
		{`<span class="x">`, true},
		{`<img src="a.png" />`, true},
		{"<!-- note -->", true},
		{"<title> element", false},
		{"<div> alone", false},
		{"<String>", false},
		{"<T>", false},
		{"< b >", false},
		{"<b", false},
	} {
		_, got := leakHTMLTag(tc.s, 0, len(tc.s))
		if got != tc.want {
			t.Errorf("leakHTMLTag(%q) = %v, want %v", tc.s, got, tc.want)
		}
	}
}

func TestLeakFindJSONLD(t *testing.T) {
	for _, tc := range []struct {
		s     string
		start int // -1: none
		kind  int
	}{
		{`<script type="application/ld+json">{}</script>`, 0, leakScript},
		{`x <SCRIPT TYPE=APPLICATION/LD+JSON`, 2, leakScript},
		{"<script\n  type='application/ld+json'>", 0, leakScript},
		{`<script type="application/json">`, -1, 0},
		{`<noscript type="application/ld+json">`, -1, 0},
		{`{"@context": "https://schema.org", "@type": "Article"}`, 0, leakContext},
		{`{"name": "x", "@type": "Person"}`, 0, leakType},
		{`{"@context": "https://www.w3.org/ns/activitystreams"}`, -1, 0},
		{`uses "@context" to name it`, -1, 0},
		{`"@type": "Article" without braces`, -1, 0},
	} {
		h := leakFindJSONLD(tc.s, 0)
		start := -1
		if h.trigger >= 0 {
			start = h.start
		}
		if start != tc.start || start >= 0 && h.kind != tc.kind {
			t.Errorf("leakFindJSONLD(%q) = start %d kind %d, want %d %d", tc.s, start, h.kind, tc.start, tc.kind)
		}
	}
}

func TestLeakDelimRow(t *testing.T) {
	for _, tc := range []struct {
		s    string
		want int
	}{
		{"|---|---|", 0},
		{"| :-- | --: |", 0},
		{"---|---", 0},
		{"Changes | --- | fixed", 8},
		{"---", -1},
		{"a | b | c", -1},
		{"|-|", 0},
		{"| a |", -1},
	} {
		if got := leakDelimRow(tc.s, 0, len(tc.s)); got != tc.want {
			t.Errorf("leakDelimRow(%q) = %d, want %d", tc.s, got, tc.want)
		}
	}
}

// leakBenchNotes are clean, realistic notes: the common case the rules
// must handle without allocating.
func leakBenchNotes(tb testing.TB) []*linter.Note {
	tb.Helper()
	var notes []*linter.Note
	for i := 0; i < 50; i++ {
		var b strings.Builder
		switch i % 3 {
		case 0:
			fmt.Fprintf(&b, "---\ntitle: \"Carrier cutoffs %d: what changed\"\ndate: 2024-03-%02d\ntags: [ops, shipping]\n---\n", i, i%28+1)
		case 1:
			fmt.Fprintf(&b, "+++\ntitle = \"Returns window %d\"\ndescription = \"How long customers have | Acme Help\"\n+++\n", i)
		default:
			fmt.Fprintf(&b, "# Dock safety %d\n\n", i)
		}
		b.WriteString("Diagnosis: the event fired twice, so the label printed twice. Note: restart the worker first.\n")
		b.WriteString("See [the carrier guide](https://example.com/guide) and `{\"@type\": \"x\"}` for details; a < b > c.\n\n")
		for j := 0; j < 6; j++ {
			b.WriteString("Receiving checks every pallet on arrival, and put-away follows within the hour unless the dock is full. ")
		}
		b.WriteString("\n\n| Region | Cutoff |\n|--------|--------|\n| EU     | 14:00  |\n\n```json\n{\"@context\": \"https://schema.org\", \"@type\": \"Article\"}\n```\n\n<div class=\"note\">Lower HTML.</div>\n")
		n := linter.Parse(fmt.Sprintf("n%d.md", i), []byte(b.String()), linter.DefaultParseOptions())
		if n.Broken {
			tb.Fatalf("bench note %d is broken: %v", i, n.Problem)
		}
		notes = append(notes, n)
	}
	return notes
}

// leakPasses builds the passes the runner would hand the rules. Their
// report function is unset: the notes are clean, and a report would panic.
func leakPasses(notes []*linter.Note) []*linter.NotePass {
	rs := []*linter.Rule{LeakedFrontmatter, LeakedJSONLD, LeakedMarkup}
	cfg := linter.DefaultConfig(rs)
	var ps []*linter.NotePass
	for _, r := range rs {
		for _, n := range notes {
			ps = append(ps, &linter.NotePass{Pass: linter.Pass{Rule: r, Config: cfg, Options: cfg.Options(r.ID)}, Note: n})
		}
	}
	return ps
}

func TestLeakRulesDoNotAllocate(t *testing.T) {
	ps := leakPasses(leakBenchNotes(t))
	for _, p := range ps { // compile options once, outside the measurement
		p.Rule.Note(p)
	}
	allocs := testing.AllocsPerRun(20, func() {
		for _, p := range ps {
			p.Rule.Note(p)
		}
	})
	if allocs > 0 {
		t.Errorf("%.1f allocations per run over %d clean notes and 3 rules, want 0", allocs, len(ps)/3)
	}
}

// BenchmarkLeakRules measures the three rules on clean notes, per note.
func BenchmarkLeakRules(b *testing.B) {
	notes := leakBenchNotes(b)
	ps := leakPasses(notes)
	bytes := 0
	for _, n := range notes {
		bytes += len(n.Src)
	}
	b.SetBytes(int64(bytes / len(notes)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		n := i % len(notes)
		for r := 0; r < 3; r++ {
			p := ps[r*len(notes)+n]
			p.Rule.Note(p)
		}
	}
}

// BenchmarkLeakRulesLeaky measures the rules on notes with leaks, through
// the runner (parsing included), which is the cost of reporting.
func BenchmarkLeakRulesLeaky(b *testing.B) {
	notes := map[string]string{
		"a.md": "\n---\ntitle: A\nslug: a\n---\nText.\n",
		"b.md": "---\ntitle: B\n---\n| Date | Change |\n|---|---|\n| 2024 | typo |\n\nText.\n",
		"c.md": "---\ntitle: C\n---\n<script type=\"application/ld+json\">\n{\"@context\": \"https://schema.org\"}\n</script>\n\nText.\n",
		"d.md": "---\ntitle: \"D <b>bold</b>\"\ndescription: \"See [docs](https://x) | --- |\"\n---\nslug: d\ndate: 2024-01-01\n\nText.\n",
	}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		leakRun(b, "", notes)
	}
}
