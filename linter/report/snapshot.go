package report

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/notelint/notelint/linter"
)

// SnapshotVersion is the version of the snapshot file format.
const SnapshotVersion = 1

// Snapshot is what the history keeps of one run: enough to tell next
// week which findings are new, which were fixed, and how the totals moved.
type Snapshot struct {
	Version int       `json:"version"`
	Date    time.Time `json:"date"`
	Tool    string    `json:"tool"`
	// ConfigHash is linter.Config.Hash of the run's configuration, so a
	// report can say when a change may come from the config, not the notes.
	ConfigHash string   `json:"configHash"`
	Paths      []string `json:"paths,omitempty"`
	Files      int      `json:"files"`
	// Checked counts the notes parsed well enough to check.
	Checked  int               `json:"checked"`
	Findings []Entry           `json:"findings"`
	Notes    []linter.NoteMeta `json:"notes"`
}

// Entry is one finding of a snapshot. Fingerprint is line-free
// (linter.Fingerprints), so findings match from one week to the next even
// when lines moved; Line is only for display.
type Entry struct {
	Rule        string          `json:"rule"`
	Severity    linter.Severity `json:"severity"`
	Path        string          `json:"path"`
	Line        int             `json:"line"`
	Fingerprint string          `json:"fingerprint"`
	Message     string          `json:"message"`
	// Related lists the paths of the other notes in the finding, such as
	// those with the same title.
	Related []string `json:"related,omitempty"`
}

// NewSnapshot records a run. fs must be sorted, as linter.Run returns them.
func NewSnapshot(date time.Time, tool, configHash string, paths []string, res *linter.Result) *Snapshot {
	s := &Snapshot{Version: SnapshotVersion, Date: date.UTC().Truncate(time.Second), Tool: tool,
		ConfigHash: configHash, Paths: paths, Files: res.Files, Checked: res.Notes,
		Findings: make([]Entry, len(res.Findings)), Notes: res.Meta}
	if s.Notes == nil {
		s.Notes = []linter.NoteMeta{}
	}
	for i, fp := range linter.Fingerprints(res.Findings) {
		f := res.Findings[i]
		e := Entry{Rule: f.Rule, Severity: f.Severity, Path: f.Path, Line: f.Start.Line, Fingerprint: fp, Message: f.Message}
		for _, r := range f.Related {
			e.Related = append(e.Related, r.Path)
		}
		s.Findings[i] = e
	}
	return s
}

// Write writes the snapshot as compact JSON: one line for the header and
// one per finding and per note, so a history folder diffs and greps well.
func (s *Snapshot) Write(w io.Writer) error {
	bw := bufio.NewWriter(w)
	line := func(v any) error {
		b, err := marshal(v)
		if err != nil {
			return err
		}
		_, err = bw.Write(b)
		return err
	}
	head := struct {
		Version    int       `json:"version"`
		Date       time.Time `json:"date"`
		Tool       string    `json:"tool"`
		ConfigHash string    `json:"configHash"`
		Paths      []string  `json:"paths,omitempty"`
		Files      int       `json:"files"`
		Checked    int       `json:"checked"`
	}{s.Version, s.Date, s.Tool, s.ConfigHash, s.Paths, s.Files, s.Checked}
	b, err := marshal(head)
	if err != nil {
		return err
	}
	bw.WriteString(strings.TrimSuffix(string(b), "}"))
	bw.WriteString(",\n\"findings\": [")
	for i, f := range s.Findings {
		if i > 0 {
			bw.WriteByte(',')
		}
		bw.WriteString("\n ")
		if err := line(f); err != nil {
			return err
		}
	}
	bw.WriteString("\n],\n\"notes\": [")
	for i, n := range s.Notes {
		if i > 0 {
			bw.WriteByte(',')
		}
		bw.WriteString("\n ")
		if err := line(n); err != nil {
			return err
		}
	}
	bw.WriteString("\n]}\n")
	return bw.Flush()
}

func marshal(v any) ([]byte, error) {
	var sb strings.Builder
	enc := json.NewEncoder(&sb)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return []byte(strings.TrimSuffix(sb.String(), "\n")), nil
}

// ReadSnapshot loads one snapshot file.
func ReadSnapshot(path string) (*Snapshot, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read snapshot: %w", err)
	}
	return parseSnapshot(path, data)
}

func parseSnapshot(path string, data []byte) (*Snapshot, error) {
	var s Snapshot
	if err := json.Unmarshal(data, &s); err != nil {
		return nil, fmt.Errorf("%s: not a notelint snapshot: %v", path, err)
	}
	if s.Version != SnapshotVersion {
		return nil, fmt.Errorf("%s: snapshot version %d is not supported (want %d)", path, s.Version, SnapshotVersion)
	}
	if s.Date.IsZero() {
		return nil, fmt.Errorf("%s: not a notelint snapshot: no date", path)
	}
	return &s, nil
}

// SnapshotName is the file name of a snapshot taken at t: its UTC date and
// time, so names sort in time order.
func SnapshotName(t time.Time) string {
	return "notelint-" + t.UTC().Format("20060102T150405Z") + ".json"
}

// IsSnapshotName reports whether name looks like a SnapshotName.
func IsSnapshotName(name string) bool {
	if !strings.HasPrefix(name, "notelint-") || !strings.HasSuffix(name, ".json") {
		return false
	}
	_, err := time.Parse("20060102T150405Z", strings.TrimSuffix(strings.TrimPrefix(name, "notelint-"), ".json"))
	return err == nil
}

// LoadHistory reads every snapshot in dir, oldest first. A missing dir is
// an empty history. Files that cannot be read or parsed are skipped and
// described in skipped, so one damaged file does not stop the report.
func LoadHistory(dir string) (snaps []*Snapshot, skipped []error, err error) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, nil, nil
		}
		return nil, nil, fmt.Errorf("read history: %w", err)
	}
	for _, e := range ents {
		if e.IsDir() || !IsSnapshotName(e.Name()) {
			continue
		}
		s, err := ReadSnapshot(filepath.Join(dir, e.Name()))
		if err != nil {
			skipped = append(skipped, err)
			continue
		}
		snaps = append(snaps, s)
	}
	sort.SliceStable(snaps, func(i, j int) bool { return snaps[i].Date.Before(snaps[j].Date) })
	return snaps, skipped, nil
}

// Prune removes the oldest snapshot files in dir so that at most keep
// remain. It touches only files named like SnapshotName.
func Prune(dir string, keep int) (removed []string, err error) {
	if keep <= 0 {
		return nil, nil
	}
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("prune history: %w", err)
	}
	var names []string
	for _, e := range ents {
		if !e.IsDir() && IsSnapshotName(e.Name()) {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	for len(names) > keep {
		p := filepath.Join(dir, names[0])
		if err := os.Remove(p); err != nil {
			return removed, fmt.Errorf("prune history: %w", err)
		}
		removed = append(removed, p)
		names = names[1:]
	}
	return removed, nil
}

// Closest picks the snapshot taken before now that is closest to now-age,
// the older one on a tie; nil when there is none.
func Closest(snaps []*Snapshot, now time.Time, age time.Duration) *Snapshot {
	target := now.Add(-age)
	var best *Snapshot
	var bestD time.Duration
	for _, s := range snaps {
		if !s.Date.Before(now) {
			continue
		}
		d := s.Date.Sub(target)
		if d < 0 {
			d = -d
		}
		if best == nil || d < bestD || d == bestD && s.Date.Before(best.Date) {
			best, bestD = s, d
		}
	}
	return best
}

// ParseAge reads a --since value: a whole number of hours, days or weeks,
// such as 36h, 7d or 2w.
func ParseAge(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	if len(s) < 2 {
		return 0, fmt.Errorf("%q: want a number of hours, days or weeks, such as 7d, 2w or 36h", s)
	}
	var unit time.Duration
	switch s[len(s)-1] {
	case 'h':
		unit = time.Hour
	case 'd':
		unit = 24 * time.Hour
	case 'w':
		unit = 7 * 24 * time.Hour
	default:
		return 0, fmt.Errorf("%q: want a number of hours, days or weeks, such as 7d, 2w or 36h", s)
	}
	var n int
	if _, err := fmt.Sscanf(s[:len(s)-1], "%d", &n); err != nil || n < 0 || fmt.Sprint(n) != s[:len(s)-1] || n > 100000 {
		return 0, fmt.Errorf("%q: want a number of hours, days or weeks, such as 7d, 2w or 36h", s)
	}
	return time.Duration(n) * unit, nil
}
