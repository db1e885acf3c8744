package output

import (
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strings"

	"github.com/notelint/notelint/linter"
)

const (
	// InformationURI is the project's home page; rule help links point at
	// the rule's section of its README.
	InformationURI = "https://github.com/notelint/notelint"

	sarifSchema  = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
	sarifVersion = "2.1.0"
	srcRoot      = "%SRCROOT%"

	// MaxSARIFResults is the most results GitHub code scanning accepts in
	// one run; it rejects the whole upload above it.
	MaxSARIFResults = 25000
	// MaxSARIFRelated is the most locations GitHub accepts in one result.
	MaxSARIFRelated = 1000
)

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool               sarifTool                        `json:"tool"`
	Invocations        []sarifInvocation                `json:"invocations"`
	OriginalURIBaseIDs map[string]sarifArtifactLocation `json:"originalUriBaseIds"`
	ColumnKind         string                           `json:"columnKind"`
	Results            []sarifResult                    `json:"results"`
	Properties         *sarifRunProperties              `json:"properties,omitempty"`
}

type sarifRunProperties struct {
	Truncated      bool `json:"truncated"`
	TotalResults   int  `json:"totalResults"`
	OmittedResults int  `json:"omittedResults"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name            string      `json:"name"`
	Version         string      `json:"version,omitempty"`
	SemanticVersion string      `json:"semanticVersion,omitempty"`
	InformationURI  string      `json:"informationUri"`
	Rules           []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID                   string             `json:"id"`
	Name                 string             `json:"name"`
	ShortDescription     sarifText          `json:"shortDescription"`
	FullDescription      sarifText          `json:"fullDescription"`
	Help                 sarifText          `json:"help"`
	HelpURI              string             `json:"helpUri"`
	DefaultConfiguration sarifConfiguration `json:"defaultConfiguration"`
	Properties           sarifRuleProps     `json:"properties"`
}

type sarifText struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

type sarifConfiguration struct {
	Level string `json:"level"`
}

type sarifRuleProps struct {
	Tags []string `json:"tags"`
	// ProblemSeverity is how GitHub ranks alerts of rules that are not
	// security rules: error, warning or recommendation.
	ProblemSeverity string `json:"problem.severity"`
}

type sarifInvocation struct {
	ExecutionSuccessful        bool                `json:"executionSuccessful"`
	ToolExecutionNotifications []sarifNotification `json:"toolExecutionNotifications,omitempty"`
}

type sarifNotification struct {
	Descriptor sarifDescriptorRef `json:"descriptor"`
	Level      string             `json:"level"`
	Message    sarifText          `json:"message"`
}

type sarifDescriptorRef struct {
	ID string `json:"id"`
}

type sarifResult struct {
	RuleID              string            `json:"ruleId"`
	RuleIndex           int               `json:"ruleIndex"`
	Level               string            `json:"level"`
	Message             sarifText         `json:"message"`
	Locations           []sarifLocation   `json:"locations"`
	RelatedLocations    []sarifLocation   `json:"relatedLocations,omitempty"`
	PartialFingerprints map[string]string `json:"partialFingerprints"`
	Properties          *sarifResultProps `json:"properties,omitempty"`
}

type sarifResultProps struct {
	Field       string `json:"field,omitempty"`
	RelatedMore int    `json:"relatedMore,omitempty"`
}

type sarifLocation struct {
	ID               int                   `json:"id,omitempty"`
	PhysicalLocation sarifPhysicalLocation `json:"physicalLocation"`
	Message          *sarifText            `json:"message,omitempty"`
}

type sarifPhysicalLocation struct {
	ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
	Region           *sarifRegion          `json:"region,omitempty"`
}

type sarifArtifactLocation struct {
	URI         string     `json:"uri,omitempty"`
	URIBaseID   string     `json:"uriBaseId,omitempty"`
	Description *sarifText `json:"description,omitempty"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn,omitempty"`
	EndLine     int `json:"endLine,omitempty"`
	EndColumn   int `json:"endColumn,omitempty"`
}

// SARIF writes the run as a SARIF 2.1.0 log for GitHub code scanning and
// other SARIF viewers. It declares columnKind unicodeCodePoints, which is
// how linter.Position counts, describes every rule of r.Rules (title, doc,
// default level, a link to its documentation), and gives each result a
// partialFingerprints entry (see Fingerprint) so alerts follow a finding
// when lines move.
//
// Paths become URIs relative to %SRCROOT%, the directory notelint ran in;
// absolute paths (outside it) become file URIs.
//
// GitHub rejects a run with more than MaxSARIFResults results, so above
// that only the most severe MaxSARIFResults findings are written, and the
// run says so in its properties and in a tool execution notification.
// Related locations are likewise cut at MaxSARIFRelated per result, the
// rest being counted in the result's relatedMore property.
func SARIF(w io.Writer, r *Run) error {
	name := r.ToolName
	if name == "" {
		name = "notelint"
	}
	rules, index := sarifRules(r)
	run := sarifRun{
		Tool: sarifTool{Driver: sarifDriver{
			Name:            name,
			Version:         r.ToolVersion,
			SemanticVersion: semanticVersion(r.ToolVersion),
			InformationURI:  InformationURI,
			Rules:           rules,
		}},
		Invocations: []sarifInvocation{{ExecutionSuccessful: true}},
		OriginalURIBaseIDs: map[string]sarifArtifactLocation{
			srcRoot: {Description: &sarifText{Text: "The directory notelint was run in; result paths are relative to it."}},
		},
		ColumnKind: "unicodeCodePoints",
		Results:    []sarifResult{},
	}

	fps := Fingerprints(r.Findings)
	keep := mostSevere(r.Findings, MaxSARIFResults)
	if omitted := len(r.Findings) - len(keep); omitted > 0 {
		run.Properties = &sarifRunProperties{Truncated: true, TotalResults: len(r.Findings), OmittedResults: omitted}
		run.Invocations[0].ToolExecutionNotifications = []sarifNotification{{
			Descriptor: sarifDescriptorRef{ID: "results-truncated"},
			Level:      "warning",
			Message: sarifText{Text: fmt.Sprintf(
				"%d findings, over the %d results GitHub code scanning accepts in one run: the %d least severe are left out of this file; the text and JSON formats list them all",
				len(r.Findings), MaxSARIFResults, omitted)},
		}}
	}
	for _, i := range keep {
		run.Results = append(run.Results, sarifResultOf(r.Findings[i], index[r.Findings[i].Rule], fps[i]))
	}

	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(sarifLog{Schema: sarifSchema, Version: sarifVersion, Runs: []sarifRun{run}})
}

func sarifResultOf(f linter.Finding, ruleIndex int, fingerprint string) sarifResult {
	res := sarifResult{
		RuleID:              f.Rule,
		RuleIndex:           ruleIndex,
		Level:               sarifLevel(f.Severity),
		Message:             sarifText{Text: f.Message},
		PartialFingerprints: map[string]string{FingerprintKey: fingerprint},
	}
	region := &sarifRegion{StartLine: max(f.Start.Line, 1), StartColumn: max(f.Start.Column, 1)}
	if f.End.Line > f.Start.Line || f.End.Line == f.Start.Line && f.End.Column >= f.Start.Column {
		region.EndLine, region.EndColumn = f.End.Line, max(f.End.Column, 1)
	} else {
		// No usable end: an empty region at the start.
		region.EndLine, region.EndColumn = region.StartLine, region.StartColumn
	}
	res.Locations = []sarifLocation{{PhysicalLocation: sarifPhysicalLocation{
		ArtifactLocation: artifactLocation(f.Path), Region: region,
	}}}
	related, more := f.Related, f.RelatedMore
	if len(related) > MaxSARIFRelated {
		more += len(related) - MaxSARIFRelated
		related = related[:MaxSARIFRelated]
	}
	for i, rel := range related {
		loc := sarifLocation{ID: i + 1, PhysicalLocation: sarifPhysicalLocation{ArtifactLocation: artifactLocation(rel.Path)}}
		if rel.Line > 0 {
			loc.PhysicalLocation.Region = &sarifRegion{StartLine: rel.Line, StartColumn: max(rel.Column, 1)}
		}
		if rel.Message != "" {
			loc.Message = &sarifText{Text: rel.Message}
		}
		res.RelatedLocations = append(res.RelatedLocations, loc)
	}
	if f.Field != "" || more > 0 {
		res.Properties = &sarifResultProps{Field: f.Field, RelatedMore: more}
	}
	return res
}

// sarifRules describes r.Rules sorted by ID, plus a bare entry for any rule
// that has findings but is not among them, so that every ruleIndex points
// somewhere. It returns the index of each rule ID.
func sarifRules(r *Run) ([]sarifRule, map[string]int) {
	byID := map[string]*linter.Rule{}
	for _, rule := range r.Rules {
		if rule != nil {
			byID[rule.ID] = rule
		}
	}
	for _, f := range r.Findings {
		if _, ok := byID[f.Rule]; !ok {
			byID[f.Rule] = &linter.Rule{ID: f.Rule, Severity: f.Severity}
		}
	}
	ids := make([]string, 0, len(byID))
	for id := range byID {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	rules := make([]sarifRule, 0, len(ids))
	index := make(map[string]int, len(ids))
	for i, id := range ids {
		index[id] = i
		rules = append(rules, sarifRuleOf(byID[id]))
	}
	return rules, index
}

func sarifRuleOf(rule *linter.Rule) sarifRule {
	title, doc := rule.Title, strings.TrimSpace(rule.Doc)
	if title == "" {
		title = "notelint rule " + rule.ID
	}
	if doc == "" {
		doc = title + "."
	}
	level := sarifLevel(rule.Severity)
	problem := level
	if level == "note" || level == "none" {
		problem = "recommendation"
	}
	return sarifRule{
		ID:                   rule.ID,
		Name:                 camelCase(rule.ID),
		ShortDescription:     sarifText{Text: title},
		FullDescription:      sarifText{Text: firstParagraph(doc)},
		Help:                 sarifText{Text: doc, Markdown: doc},
		HelpURI:              RuleURL(rule.ID),
		DefaultConfiguration: sarifConfiguration{Level: level},
		Properties:           sarifRuleProps{Tags: []string{"content", "notelint"}, ProblemSeverity: problem},
	}
}

// RuleURL is where a rule is documented: its section of the README.
func RuleURL(id string) string { return InformationURI + "#" + id }

func sarifLevel(s linter.Severity) string {
	switch s {
	case linter.Error:
		return "error"
	case linter.Warning:
		return "warning"
	case linter.Info:
		return "note"
	}
	return "none"
}

// mostSevere returns the indexes of the n most severe findings, in their
// original order; ties go to the earlier finding.
func mostSevere(fs []linter.Finding, n int) []int {
	idx := make([]int, len(fs))
	for i := range idx {
		idx[i] = i
	}
	if len(fs) <= n {
		return idx
	}
	sort.SliceStable(idx, func(a, b int) bool { return fs[idx[a]].Severity > fs[idx[b]].Severity })
	idx = idx[:n]
	sort.Ints(idx)
	return idx
}

// camelCase turns a kebab-case rule ID into its CamelCase name.
func camelCase(id string) string {
	var b strings.Builder
	for _, part := range strings.Split(id, "-") {
		if part == "" {
			continue
		}
		b.WriteString(strings.ToUpper(part[:1]) + part[1:])
	}
	return b.String()
}

// firstParagraph is the first paragraph of a Markdown doc on one line.
func firstParagraph(doc string) string {
	doc = strings.ReplaceAll(doc, "\r\n", "\n")
	if i := strings.Index(doc, "\n\n"); i >= 0 {
		doc = doc[:i]
	}
	return strings.Join(strings.Fields(doc), " ")
}

var semverRE = regexp.MustCompile(`^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)` +
	`(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?` +
	`(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$`)

// semanticVersion is v without a leading "v" if that is a semantic version
// (as a Go module version is), else "".
func semanticVersion(v string) string {
	v = strings.TrimPrefix(v, "v")
	if semverRE.MatchString(v) {
		return v
	}
	return ""
}

// artifactLocation turns a finding's path into a SARIF artifact location:
// relative paths are URI references resolved against %SRCROOT%, absolute
// ones file URIs.
func artifactLocation(path string) sarifArtifactLocation {
	switch {
	case strings.HasPrefix(path, "//"): // a UNC path: //host/share/...
		return sarifArtifactLocation{URI: "file:" + escapePath(path)}
	case strings.HasPrefix(path, "/"):
		return sarifArtifactLocation{URI: "file://" + escapePath(path)}
	case isDrivePath(path): // C:/Users/...
		return sarifArtifactLocation{URI: "file:///" + path[:2] + escapePath(path[2:])}
	}
	return sarifArtifactLocation{URI: escapePath(path), URIBaseID: srcRoot}
}

func isDrivePath(p string) bool {
	return len(p) >= 3 && p[1] == ':' && p[2] == '/' &&
		('a' <= p[0] && p[0] <= 'z' || 'A' <= p[0] && p[0] <= 'Z')
}

// escapePath percent-encodes a slash-separated path for use in a URI: every
// byte other than an unreserved character (RFC 3986: letters, digits,
// "-", ".", "_", "~") or "/" is written as %XX, so spaces, "%", "#", "?",
// ":" and non-ASCII names survive. Consumers decode it back to the path.
func escapePath(p string) string {
	const hexDigits = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(p); i++ {
		c := p[i]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
			c == '-' || c == '.' || c == '_' || c == '~' || c == '/' {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hexDigits[c>>4])
		b.WriteByte(hexDigits[c&15])
	}
	return b.String()
}
