package output

import (
	"bytes"
	"encoding/json"
	"flag"
	"strings"
	"testing"

	"github.com/notelint/notelint/linter"
	"github.com/notelint/notelint/linter/linttest"
)

var update = flag.Bool("update", false, "rewrite golden files")

// sampleRun covers every field a printer shows: several files, all
// severities, related locations with a cut-off count, a message that needs
// escaping, the flagged text (for fingerprints) and the rules (for formats
// that describe them).
func sampleRun() *Run {
	return &Run{
		ToolName: "notelint", ToolVersion: "1.2.3", Files: 4, Notes: 3, Pages: 2, Generator: "hugo",
		Notices: []string{"missing-track: not checked: no tracks are declared in the config and 0 of 2 pages set track:"},
		Rules:   sampleRules(),
		Findings: []linter.Finding{
			{Rule: "duplicate-title", Severity: linter.Error, Path: "content/a.md",
				Start: linter.Position{Line: 2, Column: 8}, End: linter.Position{Line: 2, Column: 34}, Field: "title",
				Message: `title "How to Fix Split Shipments" is also used by content/b.md; give each note its own title`,
				Text:    "How to Fix Split Shipments",
				Related: []linter.Related{{Path: "content/b.md", Line: 2, Column: 9, Message: "same title"}}, RelatedMore: 3},
			{Rule: "unsourced-statistic", Severity: linter.Warning, Path: "content/a.md",
				Start: linter.Position{Line: 7, Column: 1}, End: linter.Position{Line: 7, Column: 42}, Field: "body",
				Message: `statistic "62%" has no source; link one in the same sentence or paragraph`,
				Text:    "62% of shoppers abandon a split shipment"},
			{Rule: "leaked-jsonld", Severity: linter.Error, Path: "content/b.md",
				Start: linter.Position{Line: 5, Column: 1}, End: linter.Position{Line: 5, Column: 36}, Field: "excerpt",
				Message: `<script type="application/ld+json"> & JSON-LD is visible to readers`,
				Text:    `<script type="application/ld+json">`},
			{Rule: "invalid-note", Severity: linter.Error, Path: "content/broken.md",
				Start: linter.Position{Line: 3, Column: 1}, End: linter.Position{Line: 3, Column: 1}, Field: "frontmatter",
				Message: "invalid YAML frontmatter: mapping values are not allowed in this context"},
			{Rule: "missing-track", Severity: linter.Info, Path: "content/c.md",
				Start: linter.Position{Line: 1, Column: 1}, End: linter.Position{Line: 1, Column: 4},
				Message: "note has no track; add track: with one of the archive's tracks",
				Text:    "---"},
		},
	}
}

// sampleRules describes the rules of sampleRun, with Markdown docs.
func sampleRules() []*linter.Rule {
	return []*linter.Rule{
		{ID: "unsourced-statistic", Title: "statistic has no source", Severity: linter.Warning,
			Doc: "Flags a number such as `62%` or \"3 in 4\" with no link to its source in the same\nparagraph.\n\n**Fix**: link the study, or drop the number.\n"},
		{ID: "duplicate-title", Title: "two or more notes have the same title", Severity: linter.Error,
			Doc: "Two notes with the same title compete in search and confuse readers.\n\n**Fix**: retitle one of them.\n"},
		{ID: "leaked-jsonld", Title: "JSON-LD is visible to readers", Severity: linter.Error,
			Doc: "A `<script type=\"application/ld+json\">` block that a site generator prints as text.\n"},
		linter.InvalidNote,
		{ID: "missing-track", Title: "note belongs to no declared track", Severity: linter.Info,
			Doc: "Every note names one of the archive's tracks in `track:`.\n"},
	}
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	linttest.Golden(t, name, got, *update)
}

func TestJSONGolden(t *testing.T) {
	var b bytes.Buffer
	if err := JSON(&b, sampleRun()); err != nil {
		t.Fatal(err)
	}
	golden(t, "sample.json", b.Bytes())
}

// TestJSONShape decodes the output generically and checks the documented
// contract, so a golden file rewritten by mistake is still caught.
func TestJSONShape(t *testing.T) {
	var b bytes.Buffer
	if err := JSON(&b, sampleRun()); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Version int `json:"version"`
		Tool    struct{ Name, Version string }
		Summary struct {
			Files, Notes, Findings int
			BySeverity             map[string]int `json:"bySeverity"`
			ByRule                 map[string]int `json:"byRule"`
		}
		Findings []map[string]any
	}
	if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Version != 1 || doc.Tool.Name != "notelint" || doc.Tool.Version != "1.2.3" {
		t.Errorf("header = %+v %+v", doc.Version, doc.Tool)
	}
	if doc.Summary.Files != 4 || doc.Summary.Notes != 3 || doc.Summary.Findings != 5 {
		t.Errorf("summary = %+v", doc.Summary)
	}
	if s := doc.Summary.BySeverity; s["error"] != 3 || s["warning"] != 1 || s["info"] != 1 {
		t.Errorf("bySeverity = %v", s)
	}
	if doc.Summary.ByRule["duplicate-title"] != 1 || len(doc.Summary.ByRule) != 5 {
		t.Errorf("byRule = %v", doc.Summary.ByRule)
	}
	f := doc.Findings[0]
	for _, k := range []string{"rule", "severity", "path", "line", "column", "endLine", "endColumn", "field", "message", "related", "relatedMore"} {
		if _, ok := f[k]; !ok {
			t.Errorf("finding lacks %q: %v", k, f)
		}
	}
	rel := f["related"].([]any)[0].(map[string]any)
	if rel["path"] != "content/b.md" || rel["line"] != 2.0 || rel["column"] != 9.0 {
		t.Errorf("related = %v", rel)
	}
}

func TestJSONEmptyFindingsIsArray(t *testing.T) {
	var b bytes.Buffer
	if err := JSON(&b, &Run{ToolName: "notelint"}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(b.Bytes(), []byte(`"findings": []`)) {
		t.Errorf("no findings must print an empty array:\n%s", b.Bytes())
	}
}

func TestTextGolden(t *testing.T) {
	var b bytes.Buffer
	if err := Text(&b, sampleRun(), TextOptions{}); err != nil {
		t.Fatal(err)
	}
	golden(t, "sample.txt", b.Bytes())
}

func TestTextColor(t *testing.T) {
	var plain, colored bytes.Buffer
	Text(&plain, sampleRun(), TextOptions{})
	Text(&colored, sampleRun(), TextOptions{Color: true})
	if bytes.Contains(plain.Bytes(), []byte("\x1b[")) {
		t.Error("plain output has escape codes")
	}
	if !bytes.Contains(colored.Bytes(), []byte("\x1b[31;1merror")) {
		t.Errorf("coloured output lacks a red error:\n%q", colored.String())
	}
}

func TestTextQuietAndSummary(t *testing.T) {
	var b bytes.Buffer
	Text(&b, &Run{Files: 1, Notes: 1}, TextOptions{})
	if got := b.String(); got != "1 file checked, 1 note: no findings\n" {
		t.Errorf("clean run prints %q", got)
	}
	b.Reset()
	Text(&b, sampleRun(), TextOptions{Quiet: true})
	if bytes.Contains(b.Bytes(), []byte("checked")) {
		t.Error("quiet output has the summary line")
	}
}

func TestTextQuotesControlCharactersInPaths(t *testing.T) {
	r := &Run{Files: 1, Notes: 1, Findings: []linter.Finding{{Rule: "untitled", Severity: linter.Error,
		Path: "notes/new\nline.md", Start: linter.Position{Line: 2, Column: 8}, Message: "m",
		Related: []linter.Related{{Path: "tab\there.md", Line: 1, Column: 1}}}}}
	var b bytes.Buffer
	Text(&b, r, TextOptions{Quiet: true})
	want := "\"notes/new\\nline.md\":2:8  error  m  untitled\n    see \"tab\\there.md\":1:1\n"
	if got := strings.ReplaceAll(b.String(), "    error", "  error"); !strings.Contains(b.String(), `"notes/new\nline.md":2:8`) || !strings.Contains(b.String(), `see "tab\there.md":1:1`) {
		t.Errorf("got %q, want like %q", got, want)
	}
}
