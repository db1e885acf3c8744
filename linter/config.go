package linter

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"

	"github.com/bmatcuk/doublestar/v4"
	"github.com/notelint/notelint/linter/site"
	"gopkg.in/yaml.v3"
)

// ConfigNames are the file names searched for, in order, in the linted
// directory and its parents.
var ConfigNames = []string{".notelint.yml", ".notelint.yaml"}

// Config is a loaded .notelint.yml.
type Config struct {
	// Path is the file the config came from ("" for defaults); Dir is the
	// directory include and exclude globs are relative to.
	Path string
	Dir  string

	Tracks  []Track
	Include []string
	Exclude []string
	Parse   ParseOptions
	// Report configures the weekly report (notelint report).
	Report ReportConfig
	// Site overrides what site detection finds (the site: section).
	Site site.Overrides
	// TracksSet is set when the config has a tracks: key, even an empty
	// list.
	TracksSet bool

	rules map[string]*ruleSetting
	raw   []byte // the config file's bytes, for Hash
}

type ruleSetting struct {
	severity Severity
	set      bool // severity given in config
	options  any
}

// Track is one of the archive's top-level sections.
type Track struct {
	Name    string   `yaml:"name"`
	Aliases []string `yaml:"aliases"`
}

// UnmarshalYAML accepts a plain name or a {name, aliases} mapping.
func (t *Track) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		t.Name = n.Value
		return nil
	}
	type plain Track
	if err := checkKeys(n, reflect.TypeOf(plain{})); err != nil {
		return err
	}
	return n.Decode((*plain)(t))
}

// StringList accepts a single string or a list of strings.
type StringList []string

// UnmarshalYAML implements yaml.Unmarshaler.
func (s *StringList) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		*s = StringList{n.Value}
		return nil
	}
	var l []string
	if err := n.Decode(&l); err != nil {
		return err
	}
	*s = l
	return nil
}

// fileConfig is the YAML shape of .notelint.yml.
type fileConfig struct {
	Tracks  []Track              `yaml:"tracks"`
	Include StringList           `yaml:"include"`
	Exclude StringList           `yaml:"exclude"`
	Fields  *Fields              `yaml:"fields"`
	Excerpt *excerptConfig       `yaml:"excerpt"`
	Rules   map[string]yaml.Node `yaml:"rules"`
	Report  *ReportConfig        `yaml:"report"`
	Site    *site.Overrides      `yaml:"site"`
	// TrackField is short for fields: {track: NAME}.
	TrackField string `yaml:"track-field"`
}

// ReportConfig is the report: section of the config.
type ReportConfig struct {
	// SourceURL links a note in the report to its source: a URL template
	// in which {path} becomes the note's path (as notelint prints it, each
	// segment percent-encoded) and {line} the line of a finding, such as
	// "https://github.com/org/repo/blob/main/{path}#L{line}".
	SourceURL string `yaml:"sourceURL"`
}

// Validate checks SourceURL: it must contain {path}, use no other
// placeholder than {path} and {line}, and be an http(s) or relative URL.
func (r ReportConfig) Validate() error {
	s := r.SourceURL
	if s == "" {
		return nil
	}
	if !strings.Contains(s, "{path}") {
		return fmt.Errorf("sourceURL %q must contain {path}", s)
	}
	rest := strings.NewReplacer("{path}", "p", "{line}", "1").Replace(s)
	if i := strings.IndexByte(rest, '{'); i >= 0 {
		ph := rest[i:]
		if j := strings.IndexByte(ph, '}'); j >= 0 {
			ph = ph[:j+1]
		}
		return fmt.Errorf("sourceURL %q: unknown placeholder %s (want {path} or {line})", s, ph)
	}
	u, err := url.Parse(rest)
	if err != nil {
		return fmt.Errorf("sourceURL %q is not a URL: %v", s, err)
	}
	if u.Scheme != "" && u.Scheme != "http" && u.Scheme != "https" {
		return fmt.Errorf("sourceURL %q: scheme %q is not allowed (want http, https or a relative URL)", s, u.Scheme)
	}
	return nil
}

type excerptConfig struct {
	Words int `yaml:"words"`
}

// ConfigError is a problem in a config file, with the line it is on.
type ConfigError struct {
	Path string
	Line int
	Msg  string
}

func (e *ConfigError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.Path, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.Path, e.Msg)
}

// DefaultConfig is the configuration used when there is no config file.
func DefaultConfig(rules []*Rule) *Config {
	c := &Config{Dir: ".", Parse: DefaultParseOptions(), rules: map[string]*ruleSetting{}}
	for _, r := range rules {
		c.rules[r.ID] = &ruleSetting{severity: r.Severity, options: newOptions(r)}
	}
	return c
}

func newOptions(r *Rule) any {
	if r.Options == nil {
		return nil
	}
	return r.Options()
}

// FindConfig looks for a config file in dir and its parents. It returns ""
// when there is none.
func FindConfig(dir string) string {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return ""
	}
	for {
		for _, name := range ConfigNames {
			p := filepath.Join(abs, name)
			if st, err := os.Stat(p); err == nil && st.Mode().IsRegular() {
				return p
			}
		}
		parent := filepath.Dir(abs)
		if parent == abs {
			return ""
		}
		abs = parent
	}
}

// LoadConfig reads a config file. Unknown keys, bad values and unknown rule
// IDs are errors naming the file and line, so a typo never silently turns
// a check off.
func LoadConfig(path string, rules []*Rule) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read config: %w", err)
	}
	return ParseConfig(path, data, rules)
}

// ParseConfig parses config data that came from path.
func ParseConfig(path string, data []byte, rules []*Rule) (*Config, error) {
	c := DefaultConfig(rules)
	c.Path = path
	c.Dir = filepath.Dir(path)
	c.raw = data
	fail := func(line int, format string, args ...any) error {
		return &ConfigError{Path: path, Line: line, Msg: fmt.Sprintf(format, args...)}
	}
	var root yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&root); err != nil {
		if errors.Is(err, io.EOF) {
			return c, nil // empty file: defaults
		}
		err = yamlConfigError(path, err)
		// yaml.v3 may place an error at end of input one line past the end.
		if ce, ok := err.(*ConfigError); ok {
			ce.Line = min(ce.Line, bytes.Count(bytes.TrimRight(data, "\n"), []byte("\n"))+1)
		}
		return nil, err
	}
	doc := &root
	if doc.Kind == yaml.DocumentNode && len(doc.Content) > 0 {
		doc = doc.Content[0]
	}
	if doc.Kind != yaml.MappingNode {
		if doc.Kind == yaml.ScalarNode && doc.Tag == "!!null" {
			return c, nil
		}
		return nil, fail(doc.Line, "config must be a mapping of settings")
	}
	if err := checkKeys(doc, reflect.TypeOf(fileConfig{})); err != nil {
		return nil, wrapConfigErr(path, err)
	}
	var fc fileConfig
	if err := doc.Decode(&fc); err != nil {
		return nil, yamlConfigError(path, err)
	}
	for i, t := range fc.Tracks {
		if strings.TrimSpace(t.Name) == "" {
			return nil, fail(doc.Line, "tracks[%d]: a track needs a name", i)
		}
	}
	c.Tracks = fc.Tracks
	c.TracksSet = mapValue(doc, "tracks") != nil
	for _, g := range append(append([]string{}, fc.Include...), fc.Exclude...) {
		if !doublestar.ValidatePattern(g) {
			return nil, fail(lineOfValue(doc, g), "invalid glob %q", g)
		}
	}
	c.Include, c.Exclude = fc.Include, fc.Exclude
	if fc.Fields != nil {
		def := DefaultFields()
		f := *fc.Fields
		for _, p := range []struct{ dst, def *StringList }{
			{&f.Title, &def.Title}, {&f.Description, &def.Description}, {&f.Track, &def.Track},
			{&f.Slug, &def.Slug}, {&f.Date, &def.Date}, {&f.Draft, &def.Draft},
		} {
			if len(*p.dst) == 0 {
				*p.dst = *p.def
			}
		}
		c.Parse.Fields = f
	}
	if fc.TrackField != "" {
		if fc.Fields != nil && len(fc.Fields.Track) > 0 && (len(fc.Fields.Track) != 1 || fc.Fields.Track[0] != fc.TrackField) {
			return nil, fail(keyLine(doc, "track-field"), "track-field %q and fields.track %q disagree; keep one", fc.TrackField, strings.Join(fc.Fields.Track, ", "))
		}
		c.Parse.Fields.Track = StringList{fc.TrackField}
	}
	if fc.Site != nil {
		n := mapValue(doc, "site")
		if err := checkKeys(n, reflect.TypeOf(site.Overrides{})); err != nil {
			var ce *ConfigError
			if errors.As(err, &ce) {
				ce.Msg = "site: " + ce.Msg
			}
			return nil, wrapConfigErr(path, err)
		}
		if err := fc.Site.Validate(); err != nil {
			return nil, fail(keyLine(doc, "site"), "%v", err)
		}
		for _, g := range fc.Site.Exclude {
			if !doublestar.ValidatePattern(g) {
				return nil, fail(lineOfValue(n, g), "site.exclude: invalid glob %q", g)
			}
		}
		c.Site = *fc.Site
	}
	c.Site.Dir = c.Dir
	if fc.Excerpt != nil {
		if fc.Excerpt.Words < 1 {
			return nil, fail(keyLine(doc, "excerpt"), "excerpt.words must be at least 1")
		}
		c.Parse.ExcerptWords = fc.Excerpt.Words
	}
	if fc.Report != nil {
		if err := checkKeys(mapValue(doc, "report"), reflect.TypeOf(ReportConfig{})); err != nil {
			var ce *ConfigError
			if errors.As(err, &ce) {
				ce.Msg = "report: " + ce.Msg
			}
			return nil, wrapConfigErr(path, err)
		}
		if err := fc.Report.Validate(); err != nil {
			line := keyLine(doc, "report")
			if n := mapValue(doc, "report"); n != nil {
				if l := keyLine(n, "sourceURL"); l > 0 {
					line = l
				}
			}
			return nil, fail(line, "report.%v", err)
		}
		c.Report = *fc.Report
	}
	byID := map[string]*Rule{}
	for _, r := range rules {
		byID[r.ID] = r
	}
	rulesNode := mapValue(doc, "rules")
	if rulesNode != nil && rulesNode.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(rulesNode.Content); i += 2 {
			k, v := rulesNode.Content[i], rulesNode.Content[i+1]
			r, ok := byID[k.Value]
			if !ok {
				return nil, fail(k.Line, "unknown rule %q (see 'notelint rules')", k.Value)
			}
			if err := c.applyRule(r, v); err != nil {
				return nil, wrapConfigErr(path, err)
			}
		}
	}
	return c, nil
}

// applyRule reads one entry under rules:, either a severity ("off") or a
// mapping with an optional severity and the rule's options.
func (c *Config) applyRule(r *Rule, v *yaml.Node) error {
	set := c.rules[r.ID]
	if v.Kind == yaml.ScalarNode {
		s, err := ParseSeverity(v.Value)
		if err != nil {
			return &ConfigError{Line: v.Line, Msg: fmt.Sprintf("rules.%s: %v", r.ID, err)}
		}
		set.severity, set.set = s, true
		return nil
	}
	if v.Kind != yaml.MappingNode {
		return &ConfigError{Line: v.Line, Msg: fmt.Sprintf("rules.%s: want a severity or a mapping of settings", r.ID)}
	}
	opts := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: v.Line, Column: v.Column}
	for i := 0; i+1 < len(v.Content); i += 2 {
		k, val := v.Content[i], v.Content[i+1]
		if k.Value == "severity" {
			s, err := ParseSeverity(val.Value)
			if err != nil {
				return &ConfigError{Line: val.Line, Msg: fmt.Sprintf("rules.%s.severity: %v", r.ID, err)}
			}
			set.severity, set.set = s, true
			continue
		}
		opts.Content = append(opts.Content, k, val)
	}
	if len(opts.Content) == 0 {
		return nil
	}
	if set.options == nil {
		k := opts.Content[0]
		return &ConfigError{Line: k.Line, Msg: fmt.Sprintf("rules.%s: unknown setting %q (this rule takes only severity)", r.ID, k.Value)}
	}
	if err := checkKeys(opts, reflect.TypeOf(set.options).Elem()); err != nil {
		var ce *ConfigError
		if errors.As(err, &ce) {
			ce.Msg = "rules." + r.ID + ": " + ce.Msg
		}
		return err
	}
	if err := opts.Decode(set.options); err != nil {
		return yamlConfigError("", err)
	}
	if v, ok := set.options.(interface{ Validate() error }); ok {
		if err := v.Validate(); err != nil {
			return &ConfigError{Line: v0(opts), Msg: fmt.Sprintf("rules.%s: %v", r.ID, err)}
		}
	}
	return nil
}

func v0(n *yaml.Node) int { return n.Line }

// checkKeys reports the first key of mapping n that no field of struct t
// names in its yaml tag.
func checkKeys(n *yaml.Node, t reflect.Type) error {
	if n.Kind != yaml.MappingNode {
		return nil
	}
	known := map[string]bool{}
	var names []string
	for i := 0; i < t.NumField(); i++ {
		tag := strings.Split(t.Field(i).Tag.Get("yaml"), ",")[0]
		if tag != "" && tag != "-" {
			known[tag] = true
			names = append(names, tag)
		}
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		if !known[k.Value] {
			return &ConfigError{Line: k.Line, Msg: fmt.Sprintf("unknown setting %q (known: %s)", k.Value, strings.Join(names, ", "))}
		}
	}
	return nil
}

func mapValue(n *yaml.Node, key string) *yaml.Node {
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}

func keyLine(n *yaml.Node, key string) int {
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i].Line
		}
	}
	return 0
}

// lineOfValue finds the line of the first scalar equal to v.
func lineOfValue(n *yaml.Node, v string) int {
	if n.Kind == yaml.ScalarNode && n.Value == v {
		return n.Line
	}
	for _, c := range n.Content {
		if l := lineOfValue(c, v); l > 0 {
			return l
		}
	}
	return 0
}

func yamlConfigError(path string, err error) error {
	var ce *ConfigError
	if errors.As(err, &ce) {
		if ce.Path == "" {
			ce.Path = path
		}
		return ce
	}
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	msg = strings.TrimPrefix(msg, "unmarshal errors:\n")
	msg = strings.TrimSpace(msg)
	line := 0
	if strings.HasPrefix(msg, "line ") {
		var n int
		if _, e := fmt.Sscanf(msg, "line %d:", &n); e == nil {
			line = n
			msg = strings.TrimSpace(msg[strings.IndexByte(msg, ':')+1:])
			if isYAMLParserError(msg) {
				line++ // see yamlProblem
			}
		}
	}
	return &ConfigError{Path: path, Line: line, Msg: msg}
}

func wrapConfigErr(path string, err error) error {
	var ce *ConfigError
	if errors.As(err, &ce) && ce.Path == "" {
		ce.Path = path
	}
	return err
}

// Severity is the effective severity of rule id (Off if it does not run).
func (c *Config) Severity(id string) Severity {
	if s, ok := c.rules[id]; ok {
		return s.severity
	}
	return Off
}

// SetSeverity overrides a rule's severity, as --enable and --disable do.
func (c *Config) SetSeverity(r *Rule, s Severity) {
	set, ok := c.rules[r.ID]
	if !ok {
		set = &ruleSetting{options: newOptions(r)}
		c.rules[r.ID] = set
	}
	set.severity = s
}

// Options returns the configured options of rule id.
func (c *Config) Options(id string) any {
	if s, ok := c.rules[id]; ok {
		return s.options
	}
	return nil
}

// Hash identifies everything in the configuration that can change a
// note's findings: the config file and each rule's effective severity.
func (c *Config) Hash() string {
	h := sha256.New()
	h.Write(c.raw)
	ids := make([]string, 0, len(c.rules))
	for id := range c.rules {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		fmt.Fprintf(h, "\x00%s=%d", id, c.rules[id].severity)
	}
	fmt.Fprintf(h, "\x00%+v", c.Parse)
	return hex.EncodeToString(h.Sum(nil))
}
