package output

import (
	"encoding/json"
	"io"

	"github.com/notelint/notelint/linter"
)

type rdDiagnostic struct {
	Message  string     `json:"message"`
	Location rdLocation `json:"location"`
	Severity string     `json:"severity"`
	Source   rdSource   `json:"source"`
	Code     rdCode     `json:"code"`
}

type rdLocation struct {
	Path  string  `json:"path"`
	Range rdRange `json:"range"`
}

type rdRange struct {
	Start rdPosition  `json:"start"`
	End   *rdPosition `json:"end,omitempty"`
}

type rdPosition struct {
	Line   int `json:"line"`
	Column int `json:"column,omitempty"`
}

type rdSource struct {
	Name string `json:"name"`
	URL  string `json:"url"`
}

type rdCode struct {
	Value string `json:"value"`
	URL   string `json:"url"`
}

// RDJSONL writes findings in reviewdog's rdjsonl format, one Diagnostic
// object per line, for `reviewdog -f=rdjsonl`:
//
//	{"message":"...","location":{"path":"content/a.md","range":{"start":{"line":2,"column":8},"end":{"line":2,"column":34}}},"severity":"ERROR","source":{"name":"notelint","url":"..."},"code":{"value":"duplicate-title","url":"..."}}
//
// The end position is exclusive, as reviewdog wants. Columns are
// linter.Position columns, which count code points; reviewdog counts UTF-8
// bytes, so on a line with non-ASCII text before the finding the columns
// it shows are too small. Lines are always exact. Related locations are
// not written: reviewdog rejects fields it does not know.
func RDJSONL(w io.Writer, r *Run) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	name := r.ToolName
	if name == "" {
		name = "notelint"
	}
	for _, f := range r.Findings {
		d := rdDiagnostic{
			Message: f.Message,
			Location: rdLocation{Path: f.Path, Range: rdRange{
				Start: rdPosition{Line: max(f.Start.Line, 1), Column: max(f.Start.Column, 1)},
			}},
			Severity: rdSeverity(f.Severity),
			Source:   rdSource{Name: name, URL: InformationURI},
			Code:     rdCode{Value: f.Rule, URL: RuleURL(f.Rule)},
		}
		if f.End.Line > f.Start.Line || f.End.Line == f.Start.Line && f.End.Column > f.Start.Column {
			d.Location.Range.End = &rdPosition{Line: f.End.Line, Column: max(f.End.Column, 1)}
		}
		if err := enc.Encode(d); err != nil {
			return err
		}
	}
	return nil
}

func rdSeverity(s linter.Severity) string {
	switch s {
	case linter.Error:
		return "ERROR"
	case linter.Warning:
		return "WARNING"
	case linter.Info:
		return "INFO"
	}
	return "UNKNOWN_SEVERITY"
}
