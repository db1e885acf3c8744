package output

import (
	"encoding/json"
	"io"

	"github.com/notelint/notelint/linter"
)

// JSONVersion is the version of the JSON format. It changes only when a
// field is removed or changes meaning; new fields may be added.
const JSONVersion = 1

type jsonDoc struct {
	Version  int           `json:"version"`
	Tool     jsonTool      `json:"tool"`
	Summary  jsonSummary   `json:"summary"`
	Findings []jsonFinding `json:"findings"`
	Notices  []string      `json:"notices,omitempty"`
}

type jsonTool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

type jsonSummary struct {
	Files      int            `json:"files"`
	Notes      int            `json:"notes"`
	Pages      *int           `json:"pages,omitempty"`
	Generator  string         `json:"generator,omitempty"`
	Findings   int            `json:"findings"`
	BySeverity map[string]int `json:"bySeverity"`
	ByRule     map[string]int `json:"byRule"`
}

type jsonFinding struct {
	Rule        string           `json:"rule"`
	Severity    string           `json:"severity"`
	Path        string           `json:"path"`
	Line        int              `json:"line"`
	Column      int              `json:"column"`
	EndLine     int              `json:"endLine"`
	EndColumn   int              `json:"endColumn"`
	Field       string           `json:"field,omitempty"`
	Message     string           `json:"message"`
	Related     []linter.Related `json:"related,omitempty"`
	RelatedMore int              `json:"relatedMore,omitempty"`
}

// JSON writes the run as one JSON document (see the README for the shape).
func JSON(w io.Writer, r *Run) error {
	doc := jsonDoc{
		Version: JSONVersion,
		Tool:    jsonTool{Name: r.ToolName, Version: r.ToolVersion},
		Summary: jsonSummary{
			Files: r.Files, Notes: r.Notes, Findings: len(r.Findings),
			BySeverity: map[string]int{"error": 0, "warning": 0, "info": 0},
			ByRule:     map[string]int{},
		},
		Findings: make([]jsonFinding, 0, len(r.Findings)),
		Notices:  r.Notices,
	}
	if r.Generator != "" {
		pages := r.Pages
		doc.Summary.Pages, doc.Summary.Generator = &pages, r.Generator
	}
	for _, f := range r.Findings {
		doc.Summary.BySeverity[f.Severity.String()]++
		doc.Summary.ByRule[f.Rule]++
		doc.Findings = append(doc.Findings, jsonFinding{
			Rule: f.Rule, Severity: f.Severity.String(), Path: f.Path,
			Line: f.Start.Line, Column: f.Start.Column, EndLine: f.End.Line, EndColumn: f.End.Column,
			Field: f.Field, Message: f.Message, Related: f.Related, RelatedMore: f.RelatedMore,
		})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(doc)
}
