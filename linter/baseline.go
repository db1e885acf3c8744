package linter

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
)

// Fingerprint identifies a finding without its line or column, so it
// survives edits elsewhere in the note: the hex SHA-256 of the rule ID, the
// path and the flagged text, separated by NUL bytes. The text is normalised
// first (runs of white space become one space, letters are lower-cased), so
// re-wrapping a paragraph or changing line endings keeps the fingerprint;
// renaming the file or editing the flagged text changes it. Baselines and
// SARIF partialFingerprints use it.
func Fingerprint(f Finding) string {
	h := sha256.New()
	h.Write([]byte(f.Rule))
	h.Write([]byte{0})
	h.Write([]byte(f.Path))
	h.Write([]byte{0})
	h.Write([]byte(strings.ToLower(strings.Join(strings.Fields(f.Text), " "))))
	return hex.EncodeToString(h.Sum(nil))
}

// Fingerprints returns a fingerprint for each finding, unique within fs:
// the second and later findings with the same Fingerprint (in the order of
// fs, which for sorted findings is their order in the file) get ":2", ":3"
// and so on appended.
func Fingerprints(fs []Finding) []string {
	out := make([]string, len(fs))
	seen := make(map[string]int, len(fs))
	for i, f := range fs {
		fp := Fingerprint(f)
		seen[fp]++
		if n := seen[fp]; n > 1 {
			fp += ":" + strconv.Itoa(n)
		}
		out[i] = fp
	}
	return out
}

// BaselineVersion is the version of the baseline file format.
const BaselineVersion = 1

// Baseline is a record of accepted findings: with --baseline, findings it
// lists no longer fail a run, and entries that match nothing are reported
// as fixed so the file can shrink.
type Baseline struct {
	Version  int             `json:"version"`
	Tool     string          `json:"tool,omitempty"`
	Findings []BaselineEntry `json:"findings"`
}

// BaselineEntry is one accepted finding. Line numbers are deliberately
// absent: moving text around does not resurrect an entry.
type BaselineEntry struct {
	Rule        string `json:"rule"`
	Path        string `json:"path"`
	Fingerprint string `json:"fingerprint"`
	Message     string `json:"message"`
}

// NewBaseline records fs (which must be sorted).
func NewBaseline(tool string, fs []Finding) *Baseline {
	b := &Baseline{Version: BaselineVersion, Tool: tool, Findings: make([]BaselineEntry, 0, len(fs))}
	for i, fp := range Fingerprints(fs) {
		f := fs[i]
		if isEngine(f.Rule) && f.Rule != InvalidNote.ID {
			continue // suppression bookkeeping and crashes are never accepted
		}
		b.Findings = append(b.Findings, BaselineEntry{Rule: f.Rule, Path: f.Path, Fingerprint: fp, Message: f.Message})
	}
	return b
}

// Write writes the baseline as indented JSON.
func (b *Baseline) Write(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(b)
}

// ReadBaseline loads a baseline file.
func ReadBaseline(path string) (*Baseline, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read baseline: %w", err)
	}
	var b Baseline
	if err := json.Unmarshal(data, &b); err != nil {
		return nil, fmt.Errorf("%s: not a notelint baseline: %v", path, err)
	}
	if b.Version != BaselineVersion {
		return nil, fmt.Errorf("%s: baseline version %d is not supported (want %d); write it again with --write-baseline", path, b.Version, BaselineVersion)
	}
	return &b, nil
}

// Filter removes the findings the baseline accepts. It returns the rest,
// how many were accepted, and the entries that matched nothing (fixed).
// Entries for paths that checked reports false are left alone, so a
// partial run does not call them fixed.
func (b *Baseline) Filter(fs []Finding, checked func(path string) bool) (kept []Finding, accepted int, fixed []BaselineEntry) {
	type key struct{ rule, path, fp string }
	want := make(map[key]bool, len(b.Findings))
	for _, e := range b.Findings {
		want[key{e.Rule, e.Path, e.Fingerprint}] = true
	}
	used := make(map[key]bool, len(b.Findings))
	fps := Fingerprints(fs)
	for i, f := range fs {
		k := key{f.Rule, f.Path, fps[i]}
		if want[k] {
			used[k] = true
			accepted++
			continue
		}
		kept = append(kept, f)
	}
	for _, e := range b.Findings {
		k := key{e.Rule, e.Path, e.Fingerprint}
		if !used[k] && (checked == nil || checked(e.Path)) {
			fixed = append(fixed, e)
		}
	}
	return kept, accepted, fixed
}
