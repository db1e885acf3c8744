// Package report turns a lint run and the history of earlier runs into the
// weekly quality report for editors: what is open, what changed since last
// week, where to start. Build is a pure function from snapshots to a
// Report; HTML and Markdown render it with the templates in templates/.
package report

import (
	"fmt"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/notelint/notelint/linter"
)

// Options configures Build.
type Options struct {
	// Title heads the report (default "Content quality report").
	Title string
	// SourceURL is the link template of the report: config (see
	// linter.ReportConfig): {path} and {line} are filled in. Empty: no links.
	SourceURL string
	// Tracks are the archive's declared tracks; notes are grouped under
	// their canonical names, and notes outside them under "No declared
	// track".
	Tracks []linter.Track
	// Rules supply each rule's title for the per-rule table.
	Rules []*linter.Rule
	// Since is how far back "last week" is (default 7 days): the report
	// compares with the snapshot closest to that age.
	Since time.Duration
	// Previous, when set, is the run to compare with, instead of the one
	// picked from history (--compare).
	Previous *Snapshot
	// HistoryDir is where history is kept, for the notices; empty when no
	// history is kept.
	HistoryDir string
	// Notices are shown under the headline as they are (damaged history
	// files, for instance).
	Notices []string
	// TrendSize is how many snapshots the trend shows (default 12, the
	// current run included); TopNotes how many notes "fix these first"
	// lists (default 20); ListLimit the longest list of new or fixed
	// findings (default 100); ClusterLimit the most title groups shown
	// (default 30).
	TrendSize, TopNotes, ListLimit, ClusterLimit int
	// Where describes what was checked ("Notes under ..."); default the
	// paths of the run.
	Where []string
}

// Report is everything the report shows, computed; the templates only lay
// it out.
type Report struct {
	Title     string
	Generated time.Time
	Tool      string
	Paths     []string

	Files   int // files looked at
	Notes   int // notes checked, including those that could not be parsed
	Broken  int // notes that could not be read or parsed
	Open    Counts
	Notices []string

	// Previous is the run compared with; nil when there is none.
	Previous *PreviousRun
	// Period says what the comparison covers: "this week", or "since 6 May
	// 2024" when the previous run is not about a week old.
	Period            string
	New, Fixed, Still int // findings new, fixed and still open since Previous
	Change            int // Open.Total minus Previous.Open.Total
	// Tracks has a row per track, or, when the archive uses no tracks
	// (ByFolder), per folder of FolderOf.
	Tracks             []TrackRow
	TrackTotal         TrackRow
	ByFolder           bool
	FolderOf           string
	Rules              []RuleRow
	RuleTotal          RuleRow
	FixFirst           []NoteRow
	FixFirstMore       int // notes with findings that are not in FixFirst
	Clusters           []Cluster
	ClustersMore       int
	NewList, FixedList []Item
	NewMore, FixedMore int
	Trend              []TrendPoint
	TrendChart         *Chart
	RuleChart          *Chart
}

// PreviousRun describes the run the report compares with.
type PreviousRun struct {
	Date          time.Time
	Tool          string
	Open          Counts
	Age           string // "7 days earlier"
	ConfigChanged bool
}

// Counts tallies findings by severity; Total counts them all.
type Counts struct{ Error, Warning, Info, Total int }

func (c *Counts) add(s linter.Severity) {
	c.Total++
	switch s {
	case linter.Error:
		c.Error++
	case linter.Warning:
		c.Warning++
	case linter.Info:
		c.Info++
	}
}

// TrackRow is one line of the per-track table.
type TrackRow struct {
	Name      string
	Other     bool // the bucket of notes with no (declared) track
	Notes     int
	Findings  int
	Per100    string // findings per 100 notes, "–" with no notes
	HasChange bool
	Change    int
}

// RuleRow is one line of the per-rule table.
type RuleRow struct {
	ID, Title string
	Severity  linter.Severity // the most severe of its current findings (or its default)
	Counts    Counts
	HasChange bool
	New       int
	Fixed     int
	Change    int
}

// NoteRow is a note in "fix these first".
type NoteRow struct {
	Rank     int
	Path     string
	Title    string
	Track    string
	URL      string
	Counts   Counts
	Findings []Item
	More     int // findings of the note not listed
}

// Item is one finding in a list.
type Item struct {
	Rule     string
	Severity linter.Severity
	Path     string
	Title    string // the note's title
	Line     int
	Message  string
	URL      string
	New      bool // new since the previous run (in lists that mix old and new)
}

// Cluster is a group of notes whose titles are the same or alike.
type Cluster struct {
	Rule    string // duplicate-title or near-duplicate-title
	Label   string // "Same title" or "Similar titles"
	Members []Member
	// Size counts all the notes of the group; Members lists at most
	// maxMembers of them.
	Size int
	// Title is the shared title of a "Same title" group.
	Title string
	// New is set when a finding of the group is new since the previous
	// run; such groups come first.
	New bool
}

// maxMembers caps the notes listed for one cluster.
const maxMembers = 20

// Member is a note of a cluster.
type Member struct{ Path, Title, URL string }

// TrendPoint is one snapshot of the trend.
type TrendPoint struct {
	Date    time.Time
	Open    Counts
	Current bool
}

// The rules whose findings form title clusters.
const (
	duplicateTitle     = "duplicate-title"
	nearDuplicateTitle = "near-duplicate-title"
)

// Build computes the report for cur, comparing with opt.Previous or else
// with the history snapshot closest to opt.Since before cur. history may
// hold cur itself or later snapshots; they are ignored.
func Build(cur *Snapshot, history []*Snapshot, opt Options) *Report {
	if opt.Title == "" {
		opt.Title = "Content quality report"
	}
	if opt.Since == 0 {
		opt.Since = 7 * 24 * time.Hour
	}
	if opt.TrendSize <= 0 {
		opt.TrendSize = 12
	}
	if opt.TopNotes <= 0 {
		opt.TopNotes = 20
	}
	if opt.ListLimit <= 0 {
		opt.ListLimit = 100
	}
	if opt.ClusterLimit <= 0 {
		opt.ClusterLimit = 30
	}
	var earlier []*Snapshot
	for _, s := range history {
		if s != nil && s.Date.Before(cur.Date) {
			earlier = append(earlier, s)
		}
	}
	sort.SliceStable(earlier, func(i, j int) bool { return earlier[i].Date.Before(earlier[j].Date) })
	prev := opt.Previous
	if prev == nil {
		prev = Closest(earlier, cur.Date, opt.Since)
	}

	where := cur.Paths
	if len(opt.Where) > 0 {
		where = opt.Where
	}
	r := &Report{Title: opt.Title, Generated: cur.Date, Tool: cur.Tool, Paths: where,
		Files: cur.Files, Notes: len(cur.Notes)}
	for _, n := range cur.Notes {
		if n.Broken {
			r.Broken++
		}
	}
	for _, f := range cur.Findings {
		r.Open.add(f.Severity)
	}
	titles := map[string]string{}
	for _, n := range cur.Notes {
		titles[n.Path] = n.Title
	}
	link := linker(opt.SourceURL)
	item := func(e Entry, title string) Item {
		return Item{Rule: e.Rule, Severity: e.Severity, Path: e.Path, Title: title, Line: e.Line,
			Message: e.Message, URL: link(e.Path, e.Line)}
	}

	// Week over week.
	var newE, fixedE []Entry
	var prevTitles map[string]string
	if prev != nil {
		var still []Entry
		newE, fixedE, still = Diff(prev.Findings, cur.Findings)
		r.New, r.Fixed, r.Still = len(newE), len(fixedE), len(still)
		pr := &PreviousRun{Date: prev.Date, Tool: prev.Tool, Age: age(cur.Date.Sub(prev.Date)) + " earlier",
			ConfigChanged: prev.ConfigHash != "" && cur.ConfigHash != "" && prev.ConfigHash != cur.ConfigHash}
		for _, f := range prev.Findings {
			pr.Open.add(f.Severity)
		}
		r.Previous = pr
		r.Change = r.Open.Total - pr.Open.Total
		if d := cur.Date.Sub(prev.Date); d >= 6*24*time.Hour && d <= 8*24*time.Hour {
			r.Period = "this week"
		} else {
			r.Period = "since " + prev.Date.UTC().Format("2 January 2006")
		}
		prevTitles = map[string]string{}
		for _, n := range prev.Notes {
			prevTitles[n.Path] = n.Title
		}
	}
	r.Notices = append(r.Notices, notices(cur, prev, opt)...)

	g := newGrouper(cur, opt.Tracks)
	r.ByFolder, r.FolderOf = g.byFolder, g.prefix
	r.Tracks, r.TrackTotal = trackRows(cur, prev, g)
	r.Rules, r.RuleTotal = ruleRows(cur, prev, newE, fixedE, opt.Rules)
	isNew := map[entryKey]bool{}
	for _, e := range newE {
		isNew[keyOf(e)] = true
	}
	r.FixFirst, r.FixFirstMore = fixFirst(cur, opt.TopNotes, opt.Tracks, link, isNew)
	r.Clusters = clusters(cur, link, isNew)
	if len(r.Clusters) > opt.ClusterLimit {
		r.ClustersMore = len(r.Clusters) - opt.ClusterLimit
		r.Clusters = r.Clusters[:opt.ClusterLimit]
	}
	sortEntries(newE)
	sortEntries(fixedE)
	for i, e := range newE {
		if i == opt.ListLimit {
			r.NewMore = len(newE) - i
			break
		}
		r.NewList = append(r.NewList, item(e, titles[e.Path]))
	}
	for i, e := range fixedE {
		if i == opt.ListLimit {
			r.FixedMore = len(fixedE) - i
			break
		}
		t, ok := titles[e.Path]
		if !ok {
			t = prevTitles[e.Path]
		}
		it := item(e, t)
		if _, ok := titles[e.Path]; !ok {
			it.URL = "" // the note is gone; a link would lead nowhere
		}
		r.FixedList = append(r.FixedList, it)
	}

	pts := append(append([]*Snapshot{}, earlier...), cur)
	if len(pts) > opt.TrendSize {
		pts = pts[len(pts)-opt.TrendSize:]
	}
	for _, s := range pts {
		var c Counts
		for _, f := range s.Findings {
			c.add(f.Severity)
		}
		r.Trend = append(r.Trend, TrendPoint{Date: s.Date, Open: c, Current: s == cur})
	}
	r.TrendChart = trendChart(r.Trend)
	r.RuleChart = ruleChart(r.Rules)
	return r
}

// entryKey identifies a finding from one run to the next.
type entryKey struct{ rule, path, fp string }

func keyOf(e Entry) entryKey { return entryKey{e.Rule, e.Path, e.Fingerprint} }

// Diff matches findings of two runs by rule, path and fingerprint. Every
// finding of cur is either new or still open, and every finding of prev
// either fixed or still open (still holds cur's entries).
func Diff(prev, cur []Entry) (added, fixed, still []Entry) {
	left := map[entryKey]int{}
	for _, e := range prev {
		left[keyOf(e)]++
	}
	matched := map[entryKey]int{}
	for _, e := range cur {
		k := keyOf(e)
		if left[k] > 0 {
			left[k]--
			matched[k]++
			still = append(still, e)
		} else {
			added = append(added, e)
		}
	}
	for _, e := range prev {
		k := keyOf(e)
		if matched[k] > 0 {
			matched[k]--
			continue
		}
		fixed = append(fixed, e)
	}
	return added, fixed, still
}

func notices(cur, prev *Snapshot, opt Options) []string {
	var out []string
	switch {
	case prev != nil:
		if prev.ConfigHash != "" && cur.ConfigHash != "" && prev.ConfigHash != cur.ConfigHash {
			out = append(out, fmt.Sprintf("The configuration changed since the run of %s: some findings may be new or gone because of that, not because of edits to the notes.",
				prev.Date.UTC().Format("2 January 2006")))
		}
		if len(prev.Notes) > 0 && len(cur.Notes) > 0 {
			had := make(map[string]bool, len(prev.Notes))
			for _, n := range prev.Notes {
				had[n.Path] = true
			}
			shared := 0
			for _, n := range cur.Notes {
				if had[n.Path] {
					shared++
				}
			}
			if shared == 0 {
				out = append(out, fmt.Sprintf("No note of the run of %s has the same path in this one (it checked %s, this run %s): findings are matched by path, so all of them count as new and all earlier ones as fixed. Run notelint from the same folder with the same paths each time.",
					prev.Date.UTC().Format("2 January 2006"), strings.Join(prev.Paths, ", "), strings.Join(cur.Paths, ", ")))
			}
		}
		if prev.Tool != "" && cur.Tool != "" && prev.Tool != cur.Tool {
			out = append(out, fmt.Sprintf("notelint changed from %s to %s since then: new or improved rules can add or remove findings.",
				strings.TrimPrefix(prev.Tool, "notelint "), strings.TrimPrefix(cur.Tool, "notelint ")))
		}
	case opt.HistoryDir == "":
		out = append(out, "No history is kept (notelint report --history DIR), so this report shows this run only: nothing to compare with.")
	default:
		out = append(out, fmt.Sprintf("No earlier run in %s yet: this run is the first snapshot, and the next report will show what changed.", opt.HistoryDir))
	}
	if n := len(cur.Notes); n >= 20 {
		flagged := map[string]map[string]bool{}
		for _, f := range cur.Findings {
			if flagged[f.Rule] == nil {
				flagged[f.Rule] = map[string]bool{}
			}
			flagged[f.Rule][f.Path] = true
		}
		var ids []string
		for id, notes := range flagged {
			if len(notes)*10 >= n*9 {
				ids = append(ids, id)
			}
		}
		sort.Strings(ids)
		for _, id := range ids {
			out = append(out, fmt.Sprintf("%s flags %d of the %d notes. A rule that flags nearly every note usually needs configuring for this archive (see notelint explain %s) or turning off; until then it buries the findings that matter.",
				id, len(flagged[id]), n, id))
		}
	}
	return append(out, opt.Notices...)
}

// age says how long d is in the largest whole unit: "7 days", "5 hours".
func age(d time.Duration) string {
	plural := func(n int, unit string) string {
		if n == 1 {
			return "1 " + unit
		}
		return strconv.Itoa(n) + " " + unit + "s"
	}
	switch {
	case d >= 14*24*time.Hour && d%(7*24*time.Hour) == 0:
		return plural(int(d/(7*24*time.Hour)), "week")
	case d >= 48*time.Hour:
		return plural(int((d+12*time.Hour)/(24*time.Hour)), "day")
	case d >= time.Hour:
		return plural(int(d/time.Hour), "hour")
	default:
		return plural(int(d/time.Minute), "minute")
	}
}

// linker returns a function making a note's source URL from the template.
func linker(tmpl string) func(path string, line int) string {
	if tmpl == "" || !strings.Contains(tmpl, "{path}") || !safeURL(tmpl) {
		return func(string, int) string { return "" }
	}
	return func(path string, line int) string {
		if path == "" || path == "." {
			return ""
		}
		segs := strings.Split(path, "/")
		for i, s := range segs {
			segs[i] = url.PathEscape(s)
		}
		if line < 1 {
			line = 1
		}
		return strings.NewReplacer("{path}", strings.Join(segs, "/"), "{line}", strconv.Itoa(line)).Replace(tmpl)
	}
}

// tracker maps a note's track value to the name the report groups it
// under, and "" for notes outside every declared track.
func tracker(tracks []linter.Track) func(string) string {
	canon := map[string]string{}
	for _, t := range tracks {
		for _, n := range append([]string{t.Name}, t.Aliases...) {
			canon[foldTrack(n)] = t.Name
		}
	}
	seen := map[string]string{} // undeclared archives: first spelling wins
	return func(raw string) string {
		k := foldTrack(raw)
		if k == "" {
			return ""
		}
		if len(tracks) > 0 {
			return canon[k]
		}
		if s, ok := seen[k]; ok {
			return s
		}
		seen[k] = strings.TrimSpace(raw)
		return seen[k]
	}
}

// foldTrack lower-cases a track and turns runs of anything but letters and
// digits into one dash, so "GHL Services" and "ghl-services" match.
func foldTrack(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		} else {
			dash = true
		}
	}
	return b.String()
}

// grouper decides the rows of the per-track table: the notes' tracks, or,
// in an archive that declares none and whose notes have none, their
// folders. key maps a note's path in snapshot s to its row ("" for the
// catch-all row).
type grouper struct {
	byFolder bool
	prefix   string // the folder the folders are in, with a final slash
	other    string // the name of the catch-all row
	names    []string
	key      func(s *Snapshot, path string) string
}

func newGrouper(cur *Snapshot, tracks []linter.Track) *grouper {
	anyTrack := false
	for _, n := range cur.Notes {
		anyTrack = anyTrack || strings.TrimSpace(n.Track) != ""
	}
	if len(tracks) == 0 && !anyTrack && len(cur.Notes) > 0 {
		// Rows are the subfolders of the deepest folder that holds at
		// least 80% of the notes, so content/en/ rather than content/
		// when a stray content/LICENSE.md sits beside content/en/.
		depth, prefix := 0, ""
		for {
			counts := map[string]int{}
			best, found := "", false
			for _, n := range cur.Notes {
				segs := strings.Split(n.Path, "/")
				if !strings.HasPrefix(n.Path, prefix) || len(segs) <= depth+1 {
					continue
				}
				seg := segs[depth]
				counts[seg]++
				if c := counts[seg]; !found || c > counts[best] || c == counts[best] && seg < best {
					best, found = seg, true
				}
			}
			if !found || counts[best]*10 < len(cur.Notes)*8 {
				break
			}
			prefix += best + "/"
			depth++
		}
		g := &grouper{byFolder: true, other: "Other notes", prefix: prefix}
		g.key = func(_ *Snapshot, path string) string {
			segs := strings.Split(path, "/")
			if !strings.HasPrefix(path, prefix) || len(segs) <= depth+1 {
				return ""
			}
			return segs[depth] + "/"
		}
		for _, n := range cur.Notes {
			if g.key(cur, n.Path) != "" {
				return g
			}
		}
		// No subfolders to speak of: one row, as for tracks.
	}
	canon := tracker(tracks)
	g := &grouper{other: "No track"}
	if len(tracks) > 0 {
		g.other = "No declared track"
	}
	for _, t := range tracks {
		g.names = append(g.names, t.Name)
	}
	cache := map[*Snapshot]map[string]string{}
	g.key = func(s *Snapshot, path string) string {
		m, ok := cache[s]
		if !ok {
			m = make(map[string]string, len(s.Notes))
			for _, n := range s.Notes {
				m[n.Path] = canon(n.Track)
			}
			cache[s] = m
		}
		return m[path]
	}
	return g
}

func trackRows(cur, prev *Snapshot, g *grouper) ([]TrackRow, TrackRow) {
	other := g.other
	rows := map[string]*TrackRow{}
	row := func(name string) *TrackRow {
		if rows[name] == nil {
			rows[name] = &TrackRow{Name: name, Other: name == ""}
			if name == "" {
				rows[name].Name = other
			}
		}
		return rows[name]
	}
	for _, name := range g.names {
		row(name)
	}
	for _, n := range cur.Notes {
		row(g.key(cur, n.Path)).Notes++
	}
	for _, f := range cur.Findings {
		row(g.key(cur, f.Path)).Findings++
	}
	if prev != nil {
		for _, r := range rows {
			r.HasChange = true
		}
		before := map[string]int{}
		for _, f := range prev.Findings {
			k := g.key(prev, f.Path)
			before[k]++
			row(k).HasChange = true
		}
		for name, r := range rows {
			r.Change = r.Findings - before[name]
		}
	}
	var out []TrackRow
	total := TrackRow{Name: "All notes", HasChange: prev != nil}
	for _, r := range rows {
		if r.Other && r.Notes == 0 && r.Findings == 0 && r.Change == 0 {
			continue
		}
		r.Per100 = per100(r.Findings, r.Notes)
		out = append(out, *r)
		total.Notes += r.Notes
		total.Findings += r.Findings
		total.Change += r.Change
	}
	total.Per100 = per100(total.Findings, total.Notes)
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Other != b.Other {
			return b.Other
		}
		if a.Findings != b.Findings {
			return a.Findings > b.Findings
		}
		return a.Name < b.Name
	})
	return out, total
}

func per100(findings, notes int) string {
	if notes == 0 {
		return "–"
	}
	return strconv.FormatFloat(float64(findings)*100/float64(notes), 'f', 1, 64)
}

func ruleRows(cur, prev *Snapshot, added, fixed []Entry, rules []*linter.Rule) ([]RuleRow, RuleRow) {
	byID := map[string]*linter.Rule{}
	for _, r := range rules {
		byID[r.ID] = r
	}
	rows := map[string]*RuleRow{}
	row := func(id string) *RuleRow {
		if rows[id] == nil {
			rows[id] = &RuleRow{ID: id, HasChange: prev != nil}
			if r := byID[id]; r != nil {
				rows[id].Title, rows[id].Severity = r.Title, r.Severity
			}
		}
		return rows[id]
	}
	seen := map[string]bool{}
	for _, f := range cur.Findings {
		r := row(f.Rule)
		if !seen[f.Rule] || f.Severity > r.Severity {
			r.Severity = f.Severity
		}
		seen[f.Rule] = true
		r.Counts.add(f.Severity)
	}
	for _, e := range added {
		row(e.Rule).New++
	}
	for _, e := range fixed {
		row(e.Rule).Fixed++
	}
	total := RuleRow{ID: "All rules", HasChange: prev != nil}
	var out []RuleRow
	for _, r := range rows {
		r.Change = r.New - r.Fixed
		total.Counts.Error += r.Counts.Error
		total.Counts.Warning += r.Counts.Warning
		total.Counts.Info += r.Counts.Info
		total.Counts.Total += r.Counts.Total
		total.New += r.New
		total.Fixed += r.Fixed
		total.Change += r.Change
		out = append(out, *r)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Counts.Total != b.Counts.Total {
			return a.Counts.Total > b.Counts.Total
		}
		if a.Severity != b.Severity {
			return a.Severity > b.Severity
		}
		return a.ID < b.ID
	})
	return out, total
}

// maxPerNote caps the findings listed under one note in "fix these first".
const maxPerNote = 10

func fixFirst(cur *Snapshot, top int, tracks []linter.Track, link func(string, int) string, isNew map[entryKey]bool) ([]NoteRow, int) {
	canonTrack := tracker(tracks)
	meta := map[string]linter.NoteMeta{}
	for _, n := range cur.Notes {
		meta[n.Path] = n
	}
	canon := map[string]*NoteRow{}
	var rows []*NoteRow
	for _, f := range cur.Findings {
		if f.Path == "" || f.Path == "." {
			continue
		}
		r := canon[f.Path]
		if r == nil {
			m := meta[f.Path]
			r = &NoteRow{Path: f.Path, Title: m.Title, Track: canonTrack(m.Track)}
			canon[f.Path] = r
			rows = append(rows, r)
		}
		r.Counts.add(f.Severity)
		r.Findings = append(r.Findings, Item{Rule: f.Rule, Severity: f.Severity, Path: f.Path, Title: r.Title,
			Line: f.Line, Message: f.Message, URL: link(f.Path, f.Line), New: isNew[keyOf(f)]})
	}
	perRule := map[string]int{}
	for _, f := range cur.Findings {
		perRule[f.Rule]++
	}
	rarest := map[string]int{}
	for _, f := range cur.Findings {
		if n, ok := rarest[f.Path]; !ok || perRule[f.Rule] < n {
			rarest[f.Path] = perRule[f.Rule]
		}
	}
	sort.SliceStable(rows, func(i, j int) bool {
		a, b := rows[i].Counts, rows[j].Counts
		if a.Error != b.Error {
			return a.Error > b.Error
		}
		if a.Warning != b.Warning {
			return a.Warning > b.Warning
		}
		if a.Info != b.Info {
			return a.Info > b.Info
		}
		if a.Total != b.Total {
			return a.Total > b.Total
		}
		// A note that cannot be parsed is not checked at all: first.
		if ba, bb := meta[rows[i].Path].Broken, meta[rows[j].Path].Broken; ba != bb {
			return ba
		}
		// Then the note with the rarest problem: a rule that flags a few
		// notes points at real defects more often than one that flags
		// hundreds (which is more often a matter of configuration).
		if ra, rb := rarest[rows[i].Path], rarest[rows[j].Path]; ra != rb {
			return ra < rb
		}
		return rows[i].Path < rows[j].Path
	})
	more := 0
	if len(rows) > top {
		more = len(rows) - top
		rows = rows[:top]
	}
	out := make([]NoteRow, len(rows))
	for i, r := range rows {
		// Most severe first, and among equals the rarest rule: a rule that
		// flags every note says little about this one.
		sort.SliceStable(r.Findings, func(i, j int) bool {
			a, b := r.Findings[i], r.Findings[j]
			if a.Severity != b.Severity {
				return a.Severity > b.Severity
			}
			if perRule[a.Rule] != perRule[b.Rule] {
				return perRule[a.Rule] < perRule[b.Rule]
			}
			if a.Line != b.Line {
				return a.Line < b.Line
			}
			return a.Rule < b.Rule
		})
		first := r.Findings[0].Line
		if len(r.Findings) > maxPerNote {
			r.More = len(r.Findings) - maxPerNote
			r.Findings = r.Findings[:maxPerNote]
		}
		r.Rank = i + 1
		r.URL = link(r.Path, first)
		out[i] = *r
	}
	return out, more
}

// clusters groups the notes that duplicate-title and near-duplicate-title
// tie together: each finding names its note and the related ones, and
// groups that share a note are merged.
func clusters(cur *Snapshot, link func(string, int) string, isNew map[entryKey]bool) []Cluster {
	titles := map[string]string{}
	for _, n := range cur.Notes {
		titles[n.Path] = n.Title
	}
	var out []Cluster
	for _, rule := range []string{duplicateTitle, nearDuplicateTitle} {
		parent := map[string]string{}
		var find func(string) string
		find = func(p string) string {
			if parent[p] == p {
				return p
			}
			parent[p] = find(parent[p])
			return parent[p]
		}
		add := func(p string) {
			if _, ok := parent[p]; !ok {
				parent[p] = p
			}
		}
		union := func(a, b string) {
			ra, rb := find(a), find(b)
			if ra != rb {
				if rb < ra {
					ra, rb = rb, ra
				}
				parent[rb] = ra
			}
		}
		fresh := map[string]bool{}
		for _, f := range cur.Findings {
			if f.Rule != rule {
				continue
			}
			fresh[f.Path] = fresh[f.Path] || isNew[keyOf(f)]
			add(f.Path)
			for _, p := range f.Related {
				add(p)
				union(f.Path, p)
			}
		}
		groups := map[string][]string{}
		for p := range parent {
			r := find(p)
			groups[r] = append(groups[r], p)
		}
		var cs []Cluster
		for _, g := range groups {
			if len(g) < 2 {
				continue
			}
			sort.Strings(g)
			c := Cluster{Rule: rule, Label: "Same title"}
			if rule == nearDuplicateTitle {
				c.Label = "Similar titles"
			}
			c.Size = len(g)
			if rule == duplicateTitle {
				c.Title = titles[g[0]]
			}
			for _, p := range g {
				c.New = c.New || fresh[p]
			}
			for _, p := range g[:min(len(g), maxMembers)] {
				c.Members = append(c.Members, Member{Path: p, Title: titles[p], URL: link(p, 1)})
			}
			cs = append(cs, c)
		}
		sort.Slice(cs, func(i, j int) bool {
			if cs[i].New != cs[j].New {
				return cs[i].New
			}
			if cs[i].Size != cs[j].Size {
				return cs[i].Size > cs[j].Size
			}
			return cs[i].Members[0].Path < cs[j].Members[0].Path
		})
		out = append(out, cs...)
	}
	return out
}

// sortEntries orders findings for a list: most severe first, then by path
// and line.
func sortEntries(es []Entry) {
	sort.SliceStable(es, func(i, j int) bool {
		a, b := es[i], es[j]
		if a.Severity != b.Severity {
			return a.Severity > b.Severity
		}
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Rule < b.Rule
	})
}
