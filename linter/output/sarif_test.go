package output

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/notelint/notelint/linter"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

// sarifSchemaPath is the official OASIS SARIF 2.1.0 schema, kept next to
// the repository (in CI: ../shared/sarif from the repository root).
const sarifSchemaPath = "../../../shared/sarif/sarif-schema-2.1.0.json"

func sarifOf(t *testing.T, r *Run) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := SARIF(&b, r); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestSARIFGolden(t *testing.T) {
	golden(t, "sample.sarif", sarifOf(t, sampleRun()))
}

// specialRun has paths and messages that need escaping in every format.
func specialRun() *Run {
	return &Run{
		ToolName: "notelint", ToolVersion: "v0.4.0-rc.1+build.7", Files: 2, Notes: 2, Rules: sampleRules(),
		Findings: []linter.Finding{
			{Rule: "duplicate-title", Severity: linter.Error, Path: "notes/50% off, then: more #1?.md",
				Start: linter.Position{Line: 2, Column: 8}, End: linter.Position{Line: 3, Column: 1},
				Message: "title \"Sale: 50%, today\" is also used by\nnotes/ünïcode.md\r\n::error::injected | pipe",
				Text:    "Sale: 50%, today",
				Related: []linter.Related{{Path: "notes/ünïcode.md", Line: 4, Column: 2}}},
			{Rule: "not-in-rules", Severity: linter.Warning, Path: "/abs/outside/a b.md",
				Start: linter.Position{Line: 1, Column: 1}, End: linter.Position{Line: 1, Column: 1},
				Message: "a rule the run does not describe"},
			{Rule: "missing-track", Severity: linter.Info, Path: "C:/Users/me/notes/x.md",
				Start: linter.Position{Line: 1, Column: 1}, End: linter.Position{Line: 1, Column: 4},
				Message: "control \x01 and <tags> & 'quotes'"},
		},
	}
}

// manyFindings returns n findings over a few files, cycling through the
// severities in the given proportions, sorted as the runner sorts them.
func manyFindings(errors, warnings, infos int) []linter.Finding {
	var fs []linter.Finding
	add := func(n int, sev linter.Severity, rule string) {
		for i := 0; i < n; i++ {
			fs = append(fs, linter.Finding{
				Rule: rule, Severity: sev, Path: fmt.Sprintf("notes/%03d.md", i%200),
				Start: linter.Position{Line: i + 1, Column: 1}, End: linter.Position{Line: i + 1, Column: 10},
				Message: fmt.Sprintf("%s finding %d", sev, i), Text: fmt.Sprintf("text %d", i),
			})
		}
	}
	add(errors, linter.Error, "duplicate-title")
	add(warnings, linter.Warning, "unsourced-statistic")
	add(infos, linter.Info, "missing-track")
	return linter.SortFindings(fs)
}

func TestSARIFSchema(t *testing.T) {
	if _, err := os.Stat(sarifSchemaPath); err != nil {
		t.Skipf("SARIF schema not found at %s (expected in CI at ../shared/sarif/ from the repository root): %v", sarifSchemaPath, err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	sch, err := c.Compile(sarifSchemaPath)
	if err != nil {
		t.Fatalf("compile the SARIF schema: %v", err)
	}
	truncated := &Run{ToolName: "notelint", ToolVersion: "(devel)", Findings: manyFindings(10, 20, MaxSARIFResults)}
	for name, r := range map[string]*Run{
		"sample":    sampleRun(),
		"special":   specialRun(),
		"empty":     {},
		"truncated": truncated,
	} {
		t.Run(name, func(t *testing.T) {
			inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(sarifOf(t, r)))
			if err != nil {
				t.Fatal(err)
			}
			if err := sch.Validate(inst); err != nil {
				t.Errorf("output is not valid SARIF 2.1.0:\n%v", err)
			}
		})
	}
	// The validator does reject what the schema forbids.
	for name, edit := range map[string][2]string{
		"column kind": {`"unicodeCodePoints"`, `"bytes"`},
		"level":       {`"level": "note"`, `"level": "info"`},
		"line":        {`"startLine": 2`, `"startLine": 0`},
		"version":     {`"version": "2.1.0"`, `"version": "2.0.0"`},
	} {
		bad := bytes.Replace(sarifOf(t, sampleRun()), []byte(edit[0]), []byte(edit[1]), 1)
		inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(bad))
		if err != nil {
			t.Fatal(err)
		}
		if sch.Validate(inst) == nil {
			t.Errorf("schema validation accepts a bad %s", name)
		}
	}
}

// sarifDoc is the part of a SARIF log the tests look at.
type sarifDoc struct {
	Schema  string `json:"$schema"`
	Version string
	Runs    []struct {
		ColumnKind         string         `json:"columnKind"`
		OriginalURIBaseIDs map[string]any `json:"originalUriBaseIds"`
		Properties         map[string]any
		Invocations        []struct {
			ExecutionSuccessful        *bool `json:"executionSuccessful"`
			ToolExecutionNotifications []struct {
				Level   string
				Message struct{ Text string }
			} `json:"toolExecutionNotifications"`
		}
		Tool struct {
			Driver struct {
				Name, Version, SemanticVersion, InformationURI string
				Rules                                          []struct {
					ID, Name                                string
					HelpURI                                 string `json:"helpUri"`
					ShortDescription, FullDescription, Help struct{ Text, Markdown string }
					DefaultConfiguration                    struct{ Level string }
					Properties                              struct{ Tags []string }
				}
			}
		}
		Results []struct {
			RuleID              string `json:"ruleId"`
			RuleIndex           *int   `json:"ruleIndex"`
			Level               string
			Message             struct{ Text string }
			Locations           []sarifTestLocation
			RelatedLocations    []sarifTestLocation `json:"relatedLocations"`
			PartialFingerprints map[string]string   `json:"partialFingerprints"`
			Properties          map[string]any
		}
	}
}

type sarifTestLocation struct {
	ID               int
	Message          struct{ Text string }
	PhysicalLocation struct {
		ArtifactLocation struct {
			URI       string `json:"uri"`
			URIBaseID string `json:"uriBaseId"`
		}
		Region map[string]int
	}
}

func decodeSARIF(t *testing.T, b []byte) sarifDoc {
	t.Helper()
	var doc sarifDoc
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Runs) != 1 {
		t.Fatalf("want one run, got %d", len(doc.Runs))
	}
	return doc
}

// TestSARIFForGitHub checks what the schema leaves optional but GitHub code
// scanning needs or ranks by.
func TestSARIFForGitHub(t *testing.T) {
	doc := decodeSARIF(t, sarifOf(t, sampleRun()))
	if doc.Version != "2.1.0" || !strings.Contains(doc.Schema, "sarif-schema-2.1.0.json") {
		t.Errorf("version %q, $schema %q", doc.Version, doc.Schema)
	}
	run := doc.Runs[0]
	if run.ColumnKind != "unicodeCodePoints" {
		t.Errorf("columnKind = %q, want unicodeCodePoints (linter.Position counts runes)", run.ColumnKind)
	}
	if _, ok := run.OriginalURIBaseIDs["%SRCROOT%"]; !ok {
		t.Errorf("originalUriBaseIds lacks %%SRCROOT%%: %v", run.OriginalURIBaseIDs)
	}
	if len(run.Invocations) != 1 || run.Invocations[0].ExecutionSuccessful == nil || !*run.Invocations[0].ExecutionSuccessful {
		t.Errorf("invocations[0].executionSuccessful must be true: %+v", run.Invocations)
	}
	if run.Properties != nil {
		t.Errorf("an untruncated run has properties %v", run.Properties)
	}
	d := run.Tool.Driver
	if d.Name != "notelint" || d.Version != "1.2.3" || d.SemanticVersion != "1.2.3" || d.InformationURI != "https://github.com/notelint/notelint" {
		t.Errorf("driver = %+v", d)
	}
	wantRules := map[string]string{
		"duplicate-title": "error", "invalid-note": "error", "leaked-jsonld": "error",
		"missing-track": "note", "unsourced-statistic": "warning",
	}
	if len(d.Rules) != len(wantRules) {
		t.Errorf("%d rules, want %d", len(d.Rules), len(wantRules))
	}
	for i, rule := range d.Rules {
		if i > 0 && d.Rules[i-1].ID >= rule.ID {
			t.Errorf("rules not sorted by ID: %s before %s", d.Rules[i-1].ID, rule.ID)
		}
		if lvl, ok := wantRules[rule.ID]; !ok || rule.DefaultConfiguration.Level != lvl {
			t.Errorf("rule %s: defaultConfiguration.level = %q, want %q", rule.ID, rule.DefaultConfiguration.Level, lvl)
		}
		if rule.ShortDescription.Text == "" || rule.FullDescription.Text == "" || rule.Help.Text == "" || rule.Help.Markdown == "" {
			t.Errorf("rule %s lacks a description or help: %+v", rule.ID, rule)
		}
		if rule.HelpURI != "https://github.com/notelint/notelint#"+rule.ID {
			t.Errorf("rule %s: helpUri = %q", rule.ID, rule.HelpURI)
		}
		if len(rule.Properties.Tags) == 0 {
			t.Errorf("rule %s has no tags", rule.ID)
		}
	}
	if r := d.Rules[0]; r.Name != "DuplicateTitle" || r.ShortDescription.Text != "two or more notes have the same title" ||
		r.FullDescription.Text != "Two notes with the same title compete in search and confuse readers." ||
		!strings.Contains(r.Help.Markdown, "**Fix**: retitle one of them.") {
		t.Errorf("duplicate-title descriptor = %+v", r)
	}

	in := sampleRun().Findings
	if len(run.Results) != len(in) {
		t.Fatalf("%d results for %d findings", len(run.Results), len(in))
	}
	fps := Fingerprints(in)
	for i, res := range run.Results {
		f := in[i]
		if res.RuleIndex == nil || d.Rules[*res.RuleIndex].ID != res.RuleID || res.RuleID != f.Rule {
			t.Errorf("result %d: ruleId %q, ruleIndex %v", i, res.RuleID, res.RuleIndex)
		}
		if res.Message.Text != f.Message {
			t.Errorf("result %d: message %q", i, res.Message.Text)
		}
		if got := res.PartialFingerprints[FingerprintKey]; got == "" || got != fps[i] {
			t.Errorf("result %d: partialFingerprints = %v, want %s", i, res.PartialFingerprints, fps[i])
		}
		if len(res.Locations) != 1 {
			t.Fatalf("result %d: %d locations", i, len(res.Locations))
		}
		loc := res.Locations[0].PhysicalLocation
		if loc.ArtifactLocation.URI != f.Path || loc.ArtifactLocation.URIBaseID != "%SRCROOT%" {
			t.Errorf("result %d: artifactLocation = %+v", i, loc.ArtifactLocation)
		}
		want := map[string]int{"startLine": f.Start.Line, "startColumn": f.Start.Column, "endLine": f.End.Line, "endColumn": f.End.Column}
		for k, v := range want {
			if loc.Region[k] != v {
				t.Errorf("result %d: region %s = %d, want %d (region %v)", i, k, loc.Region[k], v, loc.Region)
			}
		}
	}
	levels := []string{"error", "warning", "error", "error", "note"}
	for i, res := range run.Results {
		if res.Level != levels[i] {
			t.Errorf("result %d: level %q, want %q", i, res.Level, levels[i])
		}
	}
	rel := run.Results[0].RelatedLocations
	if len(rel) != 1 || rel[0].ID != 1 || rel[0].Message.Text != "same title" ||
		rel[0].PhysicalLocation.ArtifactLocation.URI != "content/b.md" ||
		rel[0].PhysicalLocation.Region["startLine"] != 2 || rel[0].PhysicalLocation.Region["startColumn"] != 9 {
		t.Errorf("relatedLocations = %+v", rel)
	}
	if run.Results[0].Properties["relatedMore"] != 3.0 {
		t.Errorf("relatedMore = %v", run.Results[0].Properties)
	}
}

func TestSARIFSpecialPaths(t *testing.T) {
	doc := decodeSARIF(t, sarifOf(t, specialRun()))
	run := doc.Runs[0]
	want := []struct{ uri, base string }{
		{"notes/50%25%20off%2C%20then%3A%20more%20%231%3F.md", "%SRCROOT%"},
		{"file:///abs/outside/a%20b.md", ""},
		{"file:///C:/Users/me/notes/x.md", ""},
	}
	for i, w := range want {
		got := run.Results[i].Locations[0].PhysicalLocation.ArtifactLocation
		if got.URI != w.uri || got.URIBaseID != w.base {
			t.Errorf("result %d: artifactLocation = %+v, want uri %q uriBaseId %q", i, got, w.uri, w.base)
		}
	}
	if got := run.Results[0].RelatedLocations[0].PhysicalLocation.ArtifactLocation.URI; got != "notes/%C3%BCn%C3%AFcode.md" {
		t.Errorf("related uri = %q", got)
	}
	// A rule with findings but no description still gets a descriptor.
	res := run.Results[1]
	if r := run.Tool.Driver.Rules[*res.RuleIndex]; r.ID != "not-in-rules" || r.ShortDescription.Text == "" || r.DefaultConfiguration.Level != "warning" {
		t.Errorf("descriptor for an undescribed rule = %+v", r)
	}
	// A range ending with a line break keeps its end.
	if reg := run.Results[0].Locations[0].PhysicalLocation.Region; reg["endLine"] != 3 || reg["endColumn"] != 1 {
		t.Errorf("region = %v", reg)
	}
	if v := run.Tool.Driver.SemanticVersion; v != "0.4.0-rc.1+build.7" {
		t.Errorf("semanticVersion = %q", v)
	}
}

func TestSemanticVersion(t *testing.T) {
	for in, want := range map[string]string{
		"1.2.3": "1.2.3", "v1.2.3": "1.2.3", "0.1.0-dev": "0.1.0-dev",
		"v0.0.0-20250101120000-abcdef123456": "0.0.0-20250101120000-abcdef123456",
		"(devel)":                            "", "": "", "1.2": "", "01.2.3": "",
	} {
		if got := semanticVersion(in); got != want {
			t.Errorf("semanticVersion(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestEscapePath(t *testing.T) {
	for in, want := range map[string]string{
		"content/a.md":      "content/a.md",
		"a b/c.md":          "a%20b/c.md",
		"100%.md":           "100%25.md",
		"a#b?c.md":          "a%23b%3Fc.md",
		"x:y.md":            "x%3Ay.md", // would otherwise read as a URI scheme
		"über/ß.md":         "%C3%BCber/%C3%9F.md",
		"a+b,c;d=e@f&g.md":  "a%2Bb%2Cc%3Bd%3De%40f%26g.md",
		`back\slash.md`:     "back%5Cslash.md",
		"~user/-_.md":       "~user/-_.md",
		"tab\there.md":      "tab%09here.md",
		"[x](y)!'*$.md":     "%5Bx%5D%28y%29%21%27%2A%24.md",
		"quote\"<>^`{}|.md": "quote%22%3C%3E%5E%60%7B%7D%7C.md",
	} {
		if got := escapePath(in); got != want {
			t.Errorf("escapePath(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSARIFTruncation(t *testing.T) {
	// 26,000 findings, errors spread over all files (so also among the
	// last 1,000 by path): all errors and warnings must survive the cut.
	fs := manyFindings(1000, 5000, 20000)
	total := len(fs)
	doc := decodeSARIF(t, sarifOf(t, &Run{ToolName: "notelint", Findings: fs}))
	run := doc.Runs[0]
	if len(run.Results) != MaxSARIFResults {
		t.Fatalf("%d results, want %d", len(run.Results), MaxSARIFResults)
	}
	levels := map[string]int{}
	for _, res := range run.Results {
		levels[res.Level]++
	}
	if levels["error"] != 1000 || levels["warning"] != 5000 || levels["note"] != MaxSARIFResults-6000 {
		t.Errorf("kept levels = %v; the cut must drop the least severe", levels)
	}
	p := run.Properties
	if p["truncated"] != true || p["totalResults"] != float64(total) || p["omittedResults"] != float64(total-MaxSARIFResults) {
		t.Errorf("run.properties = %v", p)
	}
	notes := run.Invocations[0].ToolExecutionNotifications
	if len(notes) != 1 || notes[0].Level != "warning" || !strings.Contains(notes[0].Message.Text, "26000 findings") ||
		!strings.Contains(notes[0].Message.Text, "1000 least severe") {
		t.Errorf("toolExecutionNotifications = %+v", notes)
	}
	// Fingerprints come from the whole run, so cutting does not change them.
	fps := map[string]bool{}
	for _, fp := range Fingerprints(fs) {
		fps[fp] = true
	}
	for _, res := range run.Results {
		if !fps[res.PartialFingerprints[FingerprintKey]] {
			t.Fatalf("fingerprint %v is not the finding's", res.PartialFingerprints)
		}
	}
	// Results stay in the findings' order.
	for i := 1; i < len(run.Results); i++ {
		a, b := run.Results[i-1].Locations[0].PhysicalLocation, run.Results[i].Locations[0].PhysicalLocation
		if a.ArtifactLocation.URI > b.ArtifactLocation.URI {
			t.Fatalf("results out of order at %d", i)
		}
	}

	// Exactly at the limit nothing is cut.
	doc = decodeSARIF(t, sarifOf(t, &Run{Findings: manyFindings(0, 0, MaxSARIFResults)}))
	if len(doc.Runs[0].Results) != MaxSARIFResults || doc.Runs[0].Properties != nil ||
		len(doc.Runs[0].Invocations[0].ToolExecutionNotifications) != 0 {
		t.Error("a run at the limit is reported as truncated")
	}
}

func TestSARIFRelatedCap(t *testing.T) {
	f := linter.Finding{Rule: "duplicate-title", Severity: linter.Error, Path: "a.md",
		Start: linter.Position{Line: 1, Column: 1}, End: linter.Position{Line: 1, Column: 5}, Message: "m", RelatedMore: 7}
	for i := 0; i < MaxSARIFRelated+200; i++ {
		f.Related = append(f.Related, linter.Related{Path: fmt.Sprintf("n%d.md", i), Line: 1, Column: 1})
	}
	doc := decodeSARIF(t, sarifOf(t, &Run{Findings: []linter.Finding{f}}))
	res := doc.Runs[0].Results[0]
	if len(res.RelatedLocations) != MaxSARIFRelated {
		t.Errorf("%d related locations, want %d", len(res.RelatedLocations), MaxSARIFRelated)
	}
	if res.Properties["relatedMore"] != float64(200+7) {
		t.Errorf("relatedMore = %v, want 207", res.Properties["relatedMore"])
	}
	ids := map[int]bool{}
	for _, l := range res.RelatedLocations {
		if ids[l.ID] || l.ID < 1 {
			t.Fatalf("related location id %d repeated or invalid", l.ID)
		}
		ids[l.ID] = true
	}
}

func TestSARIFEmpty(t *testing.T) {
	b := sarifOf(t, &Run{})
	if !bytes.Contains(b, []byte(`"results": []`)) || !bytes.Contains(b, []byte(`"rules": []`)) {
		t.Errorf("an empty run must have empty results and rules arrays:\n%s", b)
	}
	if decodeSARIF(t, b).Runs[0].Tool.Driver.Name != "notelint" {
		t.Error("driver name defaults to notelint")
	}
}
