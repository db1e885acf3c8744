package report

import (
	"bytes"
	"flag"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/notelint/notelint/linter"
	"github.com/notelint/notelint/linter/linttest"
)

var update = flag.Bool("update", false, "rewrite golden files")

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	linttest.Golden(t, name, got, *update)
}

var (
	week  = 7 * 24 * time.Hour
	now   = time.Date(2024, 5, 13, 8, 0, 0, 0, time.UTC)
	evil1 = `<script>alert(1)</script>`
	evil2 = `"><img src=x onerror=alert(1)>`
)

func entry(rule string, sev linter.Severity, path string, line int, text, msg string, related ...string) Entry {
	return Entry{Rule: rule, Severity: sev, Path: path, Line: line, Message: msg, Related: related,
		Fingerprint: linter.Fingerprint(linter.Finding{Rule: rule, Path: path, Text: text})}
}

func sampleRules() []*linter.Rule {
	return []*linter.Rule{
		{ID: "duplicate-title", Title: "two or more notes have the same title", Severity: linter.Error},
		{ID: "near-duplicate-title", Title: "two notes have nearly the same title", Severity: linter.Warning},
		{ID: "missing-track", Title: "note belongs to no declared track", Severity: linter.Error},
		{ID: "unsourced-statistic", Title: "statistic has no source", Severity: linter.Warning},
		{ID: "leaked-markup", Title: "raw markup shows in the title, description or excerpt", Severity: linter.Info},
		linter.InvalidNote,
	}
}

func sampleTracks() []linter.Track {
	return []linter.Track{{Name: "Omnichannel Systems"}, {Name: "AI Automation Services", Aliases: []string{"AI Services"}}, {Name: "GHL Services"}}
}

// sampleHistory is four weekly runs of a small archive; the last is the
// current one. Between the last two runs one finding was fixed, two are
// new, a note with a hostile title appeared, and a line moved (which must
// not make its finding new).
func sampleHistory() (cur *Snapshot, history []*Snapshot) {
	notes := []linter.NoteMeta{
		{Path: "content/ai/chatbot-roi.md", Title: "Chatbot ROI: What the Numbers Say", Track: "AI Services", Date: "2024-03-01"},
		{Path: "content/ai/lead scoring.md", Title: "Lead Scoring | With Small Models", Track: "AI Automation Services"},
		{Path: "content/omni/split-shipments.md", Title: "How to Fix Split Shipments", Track: "Omnichannel Systems"},
		{Path: "content/omni/split-shipments-copy.md", Title: "How to fix split-shipments", Track: "omnichannel systems"},
		{Path: "content/omni/split-guide.md", Title: "How to Fix Split Shipments: A Guide", Track: "Omnichannel Systems"},
		{Path: "content/ghl/pipeline.md", Title: "", Track: ""},
		{Path: "content/ghl/broken.md", Broken: true},
	}
	base := []Entry{
		entry("unsourced-statistic", linter.Warning, "content/ai/chatbot-roi.md", 9, "62% of bots", `statistic "62%" has no source; link one in the same sentence or paragraph`),
		entry("duplicate-title", linter.Error, "content/omni/split-shipments-copy.md", 2, "How to fix split-shipments", `title "How to fix split-shipments" is also used by content/omni/split-shipments.md`, "content/omni/split-shipments.md"),
		entry("duplicate-title", linter.Error, "content/omni/split-shipments.md", 2, "How to Fix Split Shipments", `title "How to Fix Split Shipments" is also used by content/omni/split-shipments-copy.md`, "content/omni/split-shipments-copy.md"),
		entry("near-duplicate-title", linter.Warning, "content/omni/split-guide.md", 2, "How to Fix Split Shipments: A Guide", `title is nearly the same as "How to Fix Split Shipments"`, "content/omni/split-shipments.md", "content/omni/split-shipments-copy.md"),
		entry("missing-track", linter.Error, "content/ghl/pipeline.md", 1, "---", "note has no track; add track: with one of the archive's tracks"),
		entry("invalid-note", linter.Error, "content/ghl/broken.md", 3, "", "invalid YAML frontmatter: did not find expected ',' or ']'"),
	}
	snap := func(weeksAgo int, es []Entry, ns []linter.NoteMeta) *Snapshot {
		return &Snapshot{Version: SnapshotVersion, Date: now.Add(-time.Duration(weeksAgo) * week), Tool: "notelint 1.2.3",
			ConfigHash: "c1", Paths: []string{"content"}, Files: len(ns), Checked: len(ns) - 1, Findings: es, Notes: ns}
	}
	old := append([]Entry{
		entry("leaked-markup", linter.Info, "content/ai/chatbot-roi.md", 4, "<b>", "excerpt shows raw HTML <b>"),
		entry("missing-track", linter.Error, "content/ai/lead scoring.md", 1, "---", "note has no track"),
	}, base...)
	history = []*Snapshot{
		snap(3, append(old, entry("untitled", linter.Error, "content/ghl/pipeline.md", 1, "---", "note has no title")), notes),
		snap(2, old, notes),
		snap(1, old, notes),
	}
	moved := base[0]
	moved.Line = 11 // lines moved: the same finding
	newNotes := append(append([]linter.NoteMeta{}, notes...),
		linter.NoteMeta{Path: "content/ghl/evil.md", Title: evil1 + evil2, Track: "GHL Services"})
	curEntries := append([]Entry{moved}, base[1:]...)
	curEntries = append(curEntries,
		entry("unsourced-statistic", linter.Warning, "content/ghl/evil.md", 7, "3 in 4", `statistic "3 in 4" has no source | <script>alert(2)</script>`),
		entry("missing-track", linter.Error, "content/omni/split-guide.md", 4, "omni", "track \"omni\" is not a declared track;\ndid you mean \"Omnichannel Systems\"?"),
	)
	cur = snap(0, curEntries, newNotes)
	return cur, history
}

func sampleReport() *Report {
	cur, hist := sampleHistory()
	return Build(cur, hist, Options{SourceURL: "https://example.com/org/repo/blob/main/{path}#L{line}",
		Tracks: sampleTracks(), Rules: sampleRules(), HistoryDir: "history"})
}

func TestBuildSample(t *testing.T) {
	r := sampleReport()
	if r.Open.Total != 8 || r.Open.Error != 5 || r.Open.Warning != 3 {
		t.Errorf("open = %+v", r.Open)
	}
	if r.Previous == nil || !r.Previous.Date.Equal(now.Add(-week)) {
		t.Fatalf("previous = %+v, want the run a week ago", r.Previous)
	}
	if r.New != 2 || r.Fixed != 2 || r.Still != 6 || r.Change != 0 || r.Period != "this week" {
		t.Errorf("new %d fixed %d still %d change %d period %q", r.New, r.Fixed, r.Still, r.Change, r.Period)
	}
	var tracks []string
	for _, tr := range r.Tracks {
		tracks = append(tracks, fmt.Sprintf("%s %d/%d %+d", tr.Name, tr.Findings, tr.Notes, tr.Change))
	}
	want := []string{"Omnichannel Systems 4/3 +1", "AI Automation Services 1/2 -2", "GHL Services 1/1 +1", "No declared track 2/2 +0"}
	if !reflect.DeepEqual(tracks, want) {
		t.Errorf("tracks:\n got %q\nwant %q", tracks, want)
	}
	if len(r.Clusters) != 2 || r.Clusters[0].Label != "Same title" || len(r.Clusters[1].Members) != 3 {
		t.Errorf("clusters = %+v", r.Clusters)
	}
	if got := r.FixFirst[0].Path; got != "content/omni/split-guide.md" {
		t.Errorf("fix first starts with %s", got)
	}
	if u := r.FixFirst[0].URL; u != "https://example.com/org/repo/blob/main/content/omni/split-guide.md#L4" {
		t.Errorf("url %s", u)
	}
	for _, n := range r.FixFirst {
		if n.Path == "content/ai/lead scoring.md" && !strings.Contains(n.URL, "lead%20scoring.md") {
			t.Errorf("path not escaped in %s", n.URL)
		}
	}
	if len(r.Trend) != 4 || !r.Trend[3].Current || r.Trend[0].Open.Total != 9 {
		t.Errorf("trend = %+v", r.Trend)
	}
}

func TestBuildWithoutHistory(t *testing.T) {
	cur, _ := sampleHistory()
	r := Build(cur, nil, Options{})
	if r.Previous != nil || r.New != 0 || len(r.NewList) != 0 {
		t.Errorf("no history but previous %+v, new %d", r.Previous, r.New)
	}
	if len(r.Notices) != 1 || !strings.Contains(r.Notices[0], "No history is kept") {
		t.Errorf("notices = %q", r.Notices)
	}
	r = Build(cur, nil, Options{HistoryDir: "h"})
	if len(r.Notices) != 1 || !strings.Contains(r.Notices[0], "first snapshot") {
		t.Errorf("notices = %q", r.Notices)
	}
	var md, html bytes.Buffer
	if err := Markdown(&md, r); err != nil {
		t.Fatal(err)
	}
	if err := HTML(&html, r); err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{md.String(), html.String()} {
		if !strings.Contains(s, "No earlier run to compare with") {
			t.Errorf("report without history does not say so:\n%s", s)
		}
	}
}

func TestNotices(t *testing.T) {
	cur, hist := sampleHistory()
	prev := *hist[2]
	prev.ConfigHash = "c0"
	prev.Tool = "notelint 1.2.0"
	r := Build(cur, nil, Options{Previous: &prev})
	joined := strings.Join(r.Notices, "\n")
	for _, want := range []string{"The configuration changed", "notelint changed from 1.2.0 to 1.2.3"} {
		if !strings.Contains(joined, want) {
			t.Errorf("notices lack %q:\n%s", want, joined)
		}
	}
	moved := prev
	moved.Notes = []linter.NoteMeta{{Path: "/abs/content/x.md"}}
	r = Build(cur, nil, Options{Previous: &moved})
	if !strings.Contains(strings.Join(r.Notices, "\n"), "has the same path") {
		t.Errorf("no notice when no path matches: %q", r.Notices)
	}
	// Compared with a run a day old: the period is named by its date.
	day := *hist[2]
	day.Date = now.Add(-24 * time.Hour)
	if r := Build(cur, nil, Options{Previous: &day}); r.Period != "since 12 May 2024" || r.Previous.Age != "24 hours earlier" {
		t.Errorf("period %q, age %q", r.Period, r.Previous.Age)
	}
}

func TestGoldenMarkdown(t *testing.T) {
	var buf bytes.Buffer
	if err := Markdown(&buf, sampleReport()); err != nil {
		t.Fatal(err)
	}
	golden(t, "sample.md", buf.Bytes())
}

func TestGoldenHTML(t *testing.T) {
	var buf bytes.Buffer
	if err := HTML(&buf, sampleReport()); err != nil {
		t.Fatal(err)
	}
	golden(t, "sample.html", buf.Bytes())
	var again bytes.Buffer
	HTML(&again, sampleReport())
	if !bytes.Equal(buf.Bytes(), again.Bytes()) {
		t.Error("two renderings of the same report differ")
	}
}

func TestMarkdownEscapes(t *testing.T) {
	var buf bytes.Buffer
	if err := Markdown(&buf, sampleReport()); err != nil {
		t.Fatal(err)
	}
	md := buf.String()
	if m := regexp.MustCompile(`(^|[^\\])<(script|img|/script)`).FindString(md); m != "" {
		t.Errorf("Markdown contains unescaped markup %q", m)
	}
	if strings.Contains(md, "Lead Scoring | With") {
		t.Error("Markdown contains an unescaped | in a table cell")
	}
	for _, want := range []string{`\<script\>alert(1)\</script\>`, `Lead Scoring \| With Small Models`, `has no source \| \<script\>`} {
		if !strings.Contains(md, want) {
			t.Errorf("Markdown lacks %q", want)
		}
	}
	for i, line := range strings.Split(md, "\n") {
		if strings.HasPrefix(line, "| ") && !strings.HasSuffix(line, "|") {
			t.Errorf("line %d: table row broken by a line break: %q", i+1, line)
		}
	}
}

func TestSnapshotRoundTrip(t *testing.T) {
	cur, _ := sampleHistory()
	var buf bytes.Buffer
	if err := cur.Write(&buf); err != nil {
		t.Fatal(err)
	}
	if lines := strings.Count(buf.String(), "\n"); lines != 5+len(cur.Findings)+len(cur.Notes) {
		t.Errorf("snapshot has %d lines, want one per finding and note plus 5:\n%s", lines, buf.String())
	}
	got, err := parseSnapshot("x.json", buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, cur) {
		t.Errorf("round trip:\n got %+v\nwant %+v", got, cur)
	}
}

func TestNewSnapshot(t *testing.T) {
	fs := []linter.Finding{
		{Rule: "duplicate-title", Severity: linter.Error, Path: "a.md", Start: linter.Position{Line: 2, Column: 8}, Text: "Same",
			Message: "m", Related: []linter.Related{{Path: "b.md", Line: 2}}},
		{Rule: "duplicate-title", Severity: linter.Error, Path: "a.md", Start: linter.Position{Line: 9, Column: 1}, Text: "same", Message: "m"},
	}
	s := NewSnapshot(now.Add(1500*time.Millisecond), "notelint x", "h", []string{"."}, &linter.Result{Files: 2, Notes: 2, Findings: fs})
	if !s.Date.Equal(now.Add(time.Second)) || s.Files != 2 || s.Checked != 2 || s.Notes == nil {
		t.Errorf("snapshot = %+v", s)
	}
	fps := linter.Fingerprints(fs)
	if s.Findings[0].Fingerprint != fps[0] || s.Findings[1].Fingerprint != fps[1] || fps[0] == fps[1] {
		t.Errorf("fingerprints %q, want %q", []string{s.Findings[0].Fingerprint, s.Findings[1].Fingerprint}, fps)
	}
	if !reflect.DeepEqual(s.Findings[0].Related, []string{"b.md"}) || s.Findings[0].Line != 2 {
		t.Errorf("entry = %+v", s.Findings[0])
	}
}

func TestHistory(t *testing.T) {
	dir := t.TempDir()
	cur, hist := sampleHistory()
	for _, s := range append(hist, cur) {
		f, err := os.Create(filepath.Join(dir, SnapshotName(s.Date)))
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Write(f); err != nil {
			t.Fatal(err)
		}
		f.Close()
	}
	os.WriteFile(filepath.Join(dir, "notelint-20240101T000000Z.json"), []byte("{garbage"), 0o644)
	os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("not a snapshot"), 0o644)
	snaps, skipped, err := LoadHistory(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(snaps) != 4 || len(skipped) != 1 || !strings.Contains(skipped[0].Error(), "not a notelint snapshot") {
		t.Fatalf("%d snapshots, skipped %v", len(snaps), skipped)
	}
	for i := 1; i < len(snaps); i++ {
		if !snaps[i-1].Date.Before(snaps[i].Date) {
			t.Errorf("history not in time order")
		}
	}
	if s, _, err := LoadHistory(filepath.Join(dir, "missing")); err != nil || s != nil {
		t.Errorf("missing dir: %v %v", s, err)
	}
	removed, err := Prune(dir, 2)
	if err != nil || len(removed) != 3 {
		t.Errorf("prune removed %v, %v", removed, err)
	}
	if _, err := os.Stat(filepath.Join(dir, "notes.txt")); err != nil {
		t.Errorf("prune removed a file that is not a snapshot")
	}
	snaps, _, _ = LoadHistory(dir)
	if len(snaps) != 2 || !snaps[1].Date.Equal(now) {
		t.Errorf("after prune: %d snapshots", len(snaps))
	}
}

func TestClosest(t *testing.T) {
	var snaps []*Snapshot
	for _, d := range []int{20, 13, 8, 6, 1, 0, -1} {
		snaps = append(snaps, &Snapshot{Date: now.Add(-time.Duration(d) * 24 * time.Hour)})
	}
	for _, tc := range []struct {
		age  time.Duration
		want int // days ago
	}{{week, 8}, {0, 1}, {2 * week, 13}, {100 * week, 20}, {3 * 24 * time.Hour, 1}} {
		got := Closest(snaps, now, tc.age)
		if d := int(now.Sub(got.Date).Hours() / 24); d != tc.want {
			t.Errorf("Closest(%v) = %d days ago, want %d", tc.age, d, tc.want)
		}
	}
	if Closest(snaps[5:], now, week) != nil {
		t.Error("a snapshot at or after now was picked")
	}
}

func TestParseAge(t *testing.T) {
	for s, want := range map[string]time.Duration{"7d": week, "2w": 2 * week, "36h": 36 * time.Hour, "0d": 0} {
		if got, err := ParseAge(s); err != nil || got != want {
			t.Errorf("ParseAge(%q) = %v, %v", s, got, err)
		}
	}
	for _, s := range []string{"", "7", "d", "7x", "-1d", "1.5d", "7 d", "+7d"} {
		if _, err := ParseAge(s); err == nil {
			t.Errorf("ParseAge(%q) accepted", s)
		}
	}
}

func TestFormats(t *testing.T) {
	for name, want := range map[string]Format{"r.html": FormatHTML, "R.HTM": FormatHTML, "r.md": FormatMarkdown, "x/r.markdown": FormatMarkdown} {
		if got, ok := FormatOf(name); !ok || got != want {
			t.Errorf("FormatOf(%q) = %q", name, got)
		}
	}
	if _, ok := FormatOf("r.txt"); ok {
		t.Error("FormatOf(r.txt) guessed")
	}
	if _, err := ParseFormat("pdf"); err == nil {
		t.Error("ParseFormat(pdf) accepted")
	}
}

func TestLinker(t *testing.T) {
	for _, tc := range []struct{ tmpl, path, want string }{
		{"https://x.org/{path}#L{line}", "a b/c#d.md", "https://x.org/a%20b/c%23d.md#L3"},
		{"../{path}", "a.md", "../a.md"},
		{"javascript:alert({path})", "a.md", ""},
		{"https://x.org/", "a.md", ""},
		{"https://x.org/{path}", ".", ""},
	} {
		if got := linker(tc.tmpl)(tc.path, 3); got != tc.want {
			t.Errorf("linker(%q)(%q) = %q, want %q", tc.tmpl, tc.path, got, tc.want)
		}
	}
}

// TestProperties checks the report's numbers against the runs they come
// from, over random archives and histories: the totals are the run's, and
// new + still open = open now, fixed + still open = open before.
func TestProperties(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	rules := []string{"duplicate-title", "near-duplicate-title", "missing-track", "untitled", "unsourced-statistic"}
	tracks := []string{"", "", "", "Ops", "ops", "AI Services", "Growth", "Unknown"}
	sevs := []linter.Severity{linter.Error, linter.Warning, linter.Info}
	randomRun := func(date time.Time, paths []string) *Snapshot {
		s := &Snapshot{Version: SnapshotVersion, Date: date, ConfigHash: "h"}
		for _, p := range paths {
			if rng.Intn(5) == 0 {
				continue
			}
			s.Notes = append(s.Notes, linter.NoteMeta{Path: p, Title: "T" + p, Track: tracks[rng.Intn(len(tracks))], Broken: rng.Intn(20) == 0})
		}
		n := rng.Intn(60)
		for i := 0; i < n; i++ {
			p := paths[rng.Intn(len(paths))]
			if rng.Intn(15) == 0 {
				p = "." // a finding outside any note
			}
			rule := rules[rng.Intn(len(rules))]
			e := entry(rule, sevs[rng.Intn(len(sevs))], p, 1+rng.Intn(40), fmt.Sprint(rng.Intn(6)), "m")
			if rng.Intn(8) == 0 {
				e.Fingerprint += ":2"
			}
			if strings.Contains(rule, "title") {
				e.Related = []string{paths[rng.Intn(len(paths))]}
			}
			s.Findings = append(s.Findings, e)
		}
		return s
	}
	byFolder := 0
	for iter := 0; iter < 300; iter++ {
		var paths []string
		nested := rng.Intn(2) == 0 // grouped by folder when no note has a track
		for i := 0; i < 1+rng.Intn(12); i++ {
			if nested && i%4 != 0 {
				paths = append(paths, fmt.Sprintf("n/%c/%d.md", 'a'+rune(i%3), i))
			} else {
				paths = append(paths, fmt.Sprintf("n/%d.md", i))
			}
		}
		var hist []*Snapshot
		for i := rng.Intn(5); i > 0; i-- {
			hist = append(hist, randomRun(now.Add(-time.Duration(i)*week+time.Duration(rng.Intn(48)-24)*time.Hour), paths))
		}
		cur := randomRun(now, paths)
		opt := Options{Rules: sampleRules(), TopNotes: 1 + rng.Intn(20), ListLimit: 1 + rng.Intn(30), HistoryDir: "h"}
		if rng.Intn(2) == 0 {
			opt.Tracks = []linter.Track{{Name: "Ops"}, {Name: "AI Automation Services", Aliases: []string{"AI Services"}}}
		}
		if nested && rng.Intn(2) == 0 {
			for i := range cur.Notes {
				cur.Notes[i].Track = ""
			}
		}
		r := Build(cur, hist, opt)
		byFolder += map[bool]int{true: 1}[r.ByFolder]
		fail := func(format string, args ...any) {
			t.Helper()
			t.Fatalf("iteration %d: "+format, append([]any{iter}, args...)...)
		}
		if r.Open.Total != len(cur.Findings) || r.Open.Error+r.Open.Warning+r.Open.Info != r.Open.Total {
			fail("open %+v, run has %d findings", r.Open, len(cur.Findings))
		}
		if r.TrackTotal.Findings != len(cur.Findings) || r.TrackTotal.Notes != len(cur.Notes) || r.Notes != len(cur.Notes) {
			fail("track totals %+v, run has %d findings in %d notes", r.TrackTotal, len(cur.Findings), len(cur.Notes))
		}
		sumF, sumN, sumC := 0, 0, 0
		for _, tr := range r.Tracks {
			sumF, sumN, sumC = sumF+tr.Findings, sumN+tr.Notes, sumC+tr.Change
		}
		if sumF != r.TrackTotal.Findings || sumN != r.TrackTotal.Notes || sumC != r.TrackTotal.Change {
			fail("track rows add up to %d/%d/%d, total row %+v", sumF, sumN, sumC, r.TrackTotal)
		}
		sum, sumNew, sumFixed := 0, 0, 0
		for _, ru := range r.Rules {
			sum += ru.Counts.Total
			sumNew += ru.New
			sumFixed += ru.Fixed
		}
		if sum != len(cur.Findings) || r.RuleTotal.Counts.Total != sum {
			fail("rule rows add up to %d, total %d, run %d", sum, r.RuleTotal.Counts.Total, len(cur.Findings))
		}
		trendLast := r.Trend[len(r.Trend)-1]
		if !trendLast.Current || trendLast.Open != r.Open {
			fail("last trend point %+v is not this run %+v", trendLast, r.Open)
		}
		if len(r.Trend) > 12 {
			fail("trend has %d points", len(r.Trend))
		}
		if r.Previous == nil {
			if len(hist) > 0 {
				fail("history of %d runs but nothing compared", len(hist))
			}
			continue
		}
		prevOpen := r.Previous.Open.Total
		if r.New+r.Still != r.Open.Total {
			fail("new %d + still open %d != open %d", r.New, r.Still, r.Open.Total)
		}
		if r.Fixed+r.Still != prevOpen {
			fail("fixed %d + still open %d != previous open %d", r.Fixed, r.Still, prevOpen)
		}
		if r.Change != r.New-r.Fixed || r.TrackTotal.Change != r.Change || r.RuleTotal.Change != r.Change {
			fail("change %d, new-fixed %d, track total change %d, rule total change %d", r.Change, r.New-r.Fixed, r.TrackTotal.Change, r.RuleTotal.Change)
		}
		if sumNew != r.New || sumFixed != r.Fixed {
			fail("rule rows: %d new, %d fixed; report %d, %d", sumNew, sumFixed, r.New, r.Fixed)
		}
		if len(r.NewList)+r.NewMore != r.New || len(r.FixedList)+r.FixedMore != r.Fixed {
			fail("lists %d+%d new, %d+%d fixed", len(r.NewList), r.NewMore, len(r.FixedList), r.FixedMore)
		}
		for _, c := range r.Clusters {
			if len(c.Members) > maxMembers || c.Size < len(c.Members) || c.Size < 2 {
				fail("cluster of %d with %d members listed", c.Size, len(c.Members))
			}
		}
		// Rendering never fails.
		if err := HTML(&bytes.Buffer{}, r); err != nil {
			fail("HTML: %v", err)
		}
		if err := Markdown(&bytes.Buffer{}, r); err != nil {
			fail("Markdown: %v", err)
		}
	}
	if byFolder == 0 {
		t.Error("no random archive was grouped by folder")
	}
}

func TestGroupByFolder(t *testing.T) {
	snap := func(paths ...string) *Snapshot {
		s := &Snapshot{Version: SnapshotVersion, Date: now}
		for _, p := range paths {
			s.Notes = append(s.Notes, linter.NoteMeta{Path: p})
			s.Findings = append(s.Findings, entry("untitled", linter.Error, p, 1, "", "m"))
		}
		return s
	}
	var paths []string
	for i := 0; i < 6; i++ {
		paths = append(paths, fmt.Sprintf("content/en/functions/f%d.md", i), fmt.Sprintf("content/en/methods/m%d.md", i))
	}
	paths = append(paths, "content/LICENSE.md", "content/en/_index.md")
	r := Build(snap(paths...), nil, Options{})
	var rows []string
	for _, tr := range r.Tracks {
		rows = append(rows, fmt.Sprintf("%s %d", tr.Name, tr.Notes))
	}
	if !r.ByFolder || r.FolderOf != "content/en/" || !reflect.DeepEqual(rows, []string{"functions/ 6", "methods/ 6", "Other notes 2"}) {
		t.Errorf("by folder %v of %q: %q", r.ByFolder, r.FolderOf, rows)
	}
	// Notes with tracks, or declared tracks, are grouped by track.
	s := snap(paths...)
	s.Notes[0].Track = "Ops"
	if r := Build(s, nil, Options{}); r.ByFolder {
		t.Error("grouped by folder although a note has a track")
	}
	if r := Build(snap(paths...), nil, Options{Tracks: sampleTracks()}); r.ByFolder {
		t.Error("grouped by folder although tracks are declared")
	}
	// One folder without subfolders: nothing to group by.
	if r := Build(snap("notes/a.md", "notes/b.md"), nil, Options{}); r.ByFolder || len(r.Tracks) != 1 || r.Tracks[0].Name != "No track" {
		t.Errorf("flat archive: by folder %v, rows %+v", r.ByFolder, r.Tracks)
	}
}
