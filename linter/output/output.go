// Package output prints findings. Printers get sorted findings and a
// writer; they never decide the exit status.
package output

import (
	"github.com/notelint/notelint/linter"
)

// Run is everything a printer may show about one lint run.
type Run struct {
	ToolName    string
	ToolVersion string
	Files       int
	Notes       int
	// Pages counts the notes the site publishes as pages; Generator names
	// the site generator ("none" for a plain archive, "" when unknown).
	Pages     int
	Generator string
	// Notices are messages about the run as a whole.
	Notices  []string
	Findings []linter.Finding
	// Rules are all rules known to the run, for formats that describe them.
	Rules []*linter.Rule
}
