package linter

import (
	"sort"
)

// Finding is one reported problem, ready to print.
type Finding struct {
	Rule     string
	Severity Severity
	Path     string
	// Start is the first character; End is just past the last one, both
	// 1-based, as in SARIF.
	Start, End  Position
	Span        Span
	Field       string
	Message     string
	Related     []Related
	RelatedMore int
	// Text is the flagged source text (capped), used for line-independent
	// fingerprints.
	Text string
}

// maxRelated caps related lists so a title shared by thousands of notes
// does not blow up the output.
const maxRelated = 20

// SortFindings orders findings by path, line, column and rule, and removes
// exact duplicates.
func SortFindings(fs []Finding) []Finding {
	sort.SliceStable(fs, func(i, j int) bool { return Less(&fs[i], &fs[j]) })
	out := fs[:0]
	for i, f := range fs {
		if i > 0 {
			p := &fs[i-1]
			if p.Path == f.Path && p.Start == f.Start && p.Rule == f.Rule && p.Message == f.Message {
				continue
			}
		}
		out = append(out, f)
	}
	return out
}

// Less is the order of findings in every output: path, line, column,
// rule, message.
func Less(a, b *Finding) bool {
	if a.Path != b.Path {
		return a.Path < b.Path
	}
	if a.Start.Line != b.Start.Line {
		return a.Start.Line < b.Start.Line
	}
	if a.Start.Column != b.Start.Column {
		return a.Start.Column < b.Start.Column
	}
	if a.Rule != b.Rule {
		return a.Rule < b.Rule
	}
	return a.Message < b.Message
}

// Counts tallies findings by severity.
type Counts struct {
	Error, Warning, Info int
}

// Count tallies fs.
func Count(fs []Finding) Counts {
	var c Counts
	for _, f := range fs {
		switch f.Severity {
		case Error:
			c.Error++
		case Warning:
			c.Warning++
		case Info:
			c.Info++
		}
	}
	return c
}

// AtLeast reports whether any finding is at or above s. Off never matches.
func AtLeast(fs []Finding, s Severity) bool {
	if s == Off {
		return false
	}
	for _, f := range fs {
		if f.Severity >= s {
			return true
		}
	}
	return false
}
