package linter

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

type testOpts struct {
	Words []string `yaml:"words"`
	Limit int      `yaml:"limit"`
}

var optRule = &Rule{ID: "opt-rule", Title: "t", Doc: "d", Severity: Warning,
	Options: func() any { return &testOpts{Limit: 3} }, Note: func(*NotePass) {}}
var plainRule = &Rule{ID: "plain-rule", Title: "t", Doc: "d", Severity: Error, Note: func(*NotePass) {}}

func TestParseConfig(t *testing.T) {
	src := `
tracks:
  - Ops
  - name: AI Automation Services
    aliases: [AI Services]
include: "content/**/*.md"
fields:
  description: [summary, description]
excerpt: {words: 30}
rules:
  plain-rule: off
  opt-rule:
    severity: error
    words: [a, b]
`
	c, err := ParseConfig("dir/.notelint.yml", []byte(src), []*Rule{optRule, plainRule})
	if err != nil {
		t.Fatal(err)
	}
	if want := []Track{{Name: "Ops"}, {Name: "AI Automation Services", Aliases: []string{"AI Services"}}}; !reflect.DeepEqual(c.Tracks, want) {
		t.Errorf("tracks = %+v", c.Tracks)
	}
	if c.Dir != "dir" || !reflect.DeepEqual(c.Include, []string{"content/**/*.md"}) {
		t.Errorf("dir %q include %v", c.Dir, c.Include)
	}
	if got := c.Parse.Fields.Description; !reflect.DeepEqual([]string(got), []string{"summary", "description"}) {
		t.Errorf("description fields = %v", got)
	}
	if got := c.Parse.Fields.Title; !reflect.DeepEqual([]string(got), []string{"title"}) {
		t.Errorf("unset title field should keep its default, got %v", got)
	}
	if c.Parse.ExcerptWords != 30 {
		t.Errorf("excerpt words = %d", c.Parse.ExcerptWords)
	}
	if c.Severity("plain-rule") != Off || c.Severity("opt-rule") != Error {
		t.Errorf("severities %v %v", c.Severity("plain-rule"), c.Severity("opt-rule"))
	}
	if o := c.Options("opt-rule").(*testOpts); !reflect.DeepEqual(o.Words, []string{"a", "b"}) || o.Limit != 3 {
		t.Errorf("options = %+v (defaults must survive)", o)
	}
}

func TestConfigErrors(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{"trakcs: [a]", `x.yml:1: unknown setting "trakcs"`},
		{"tracks: [a]\nrules:\n  nope: off", `x.yml:3: unknown rule "nope"`},
		{"rules:\n  plain-rule: loud", `x.yml:2: rules.plain-rule: unknown severity "loud"`},
		{"rules:\n  plain-rule: {limit: 2}", `x.yml:2: rules.plain-rule: unknown setting "limit" (this rule takes only severity)`},
		{"rules:\n  opt-rule:\n    limt: 2", `x.yml:3: rules.opt-rule: unknown setting "limt"`},
		{"rules:\n  opt-rule:\n    limit: many", `x.yml:3: cannot unmarshal`},
		{"tracks:\n  - {name: a, alias: [b]}", `x.yml:2: unknown setting "alias"`},
		{"excerpt: {words: 0}", `x.yml:1: excerpt.words must be at least 1`},
		{"include: ['[x']", `x.yml:1: invalid glob "[x"`},
		{"- a\n- b", `x.yml:1: config must be a mapping`},
		{"tracks: [a", `x.yml:1: did not find expected`},
	} {
		_, err := ParseConfig("x.yml", []byte(tc.src), []*Rule{optRule, plainRule})
		var ce *ConfigError
		if err == nil || !errors.As(err, &ce) {
			t.Errorf("%q: err = %v, want a ConfigError", tc.src, err)
			continue
		}
		if !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q:\n got %v\nwant %s", tc.src, err, tc.want)
		}
	}
}

func TestEmptyConfig(t *testing.T) {
	for _, src := range []string{"", "# only a comment\n", "~"} {
		c, err := ParseConfig("x.yml", []byte(src), []*Rule{plainRule})
		if err != nil || c.Severity("plain-rule") != Error {
			t.Errorf("%q: %v", src, err)
		}
	}
}

func FuzzParseConfig(f *testing.F) {
	f.Add([]byte("tracks: [a, {name: b, aliases: [c]}]\nrules:\n  opt-rule: {severity: error, words: [x]}\n"))
	f.Add([]byte("include: ['**/*.md']\nexcerpt: {words: 3}\nfields: {title: [t, title]}\n"))
	f.Add([]byte("rules: {plain-rule: off}"))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := ParseConfig("f.yml", data, []*Rule{optRule, plainRule})
		if err != nil {
			var ce *ConfigError
			if !errors.As(err, &ce) {
				t.Fatalf("error %v is not a ConfigError", err)
			}
			return
		}
		if c.Parse.ExcerptWords < 1 {
			t.Fatalf("excerpt words %d", c.Parse.ExcerptWords)
		}
	})
}

func TestReportConfig(t *testing.T) {
	src := "report:\n  sourceURL: https://github.com/org/repo/blob/main/{path}#L{line}\n"
	c, err := ParseConfig("x.yml", []byte(src), []*Rule{plainRule})
	if err != nil {
		t.Fatal(err)
	}
	if want := "https://github.com/org/repo/blob/main/{path}#L{line}"; c.Report.SourceURL != want {
		t.Errorf("sourceURL = %q, want %q", c.Report.SourceURL, want)
	}
	if c, err := ParseConfig("x.yml", []byte("tracks: [a]\n"), nil); err != nil || c.Report.SourceURL != "" {
		t.Errorf("no report key: %+v, %v", c.Report, err)
	}
	if err := (ReportConfig{SourceURL: "../notes/{path}"}).Validate(); err != nil {
		t.Errorf("relative URL: %v", err)
	}
	for _, tc := range []struct{ src, want string }{
		{"report:\n  sourceURL: https://example.com/blob/main", `x.yml:2: report.sourceURL "https://example.com/blob/main" must contain {path}`},
		{"report:\n  sourceURL: https://example.com/{branch}/{path}", `x.yml:2: report.sourceURL "https://example.com/{branch}/{path}": unknown placeholder {branch}`},
		{"report:\n  sourceURL: 'javascript:alert({path})'", `x.yml:2: report.sourceURL "javascript:alert({path})": scheme "javascript" is not allowed`},
		{"report:\n  sourceUrl: https://example.com/{path}", `x.yml:2: report: unknown setting "sourceUrl" (known: sourceURL)`},
		{"report: yes", `x.yml:1: cannot unmarshal`},
	} {
		_, err := ParseConfig("x.yml", []byte(tc.src), []*Rule{plainRule})
		var ce *ConfigError
		if err == nil || !errors.As(err, &ce) {
			t.Errorf("%q: err = %v, want a ConfigError", tc.src, err)
			continue
		}
		if !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q:\n got %v\nwant %s", tc.src, err, tc.want)
		}
	}
}
