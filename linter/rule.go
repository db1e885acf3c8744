package linter

import (
	"fmt"
	"regexp"
	"sort"
)

// Rule is one check. Per-note rules set Note; rules that compare notes with
// each other set Archive instead.
type Rule struct {
	// ID is kebab-case and never renamed: configs, suppressions, baselines
	// and SARIF refer to it.
	ID string
	// Title is one line, lower case, no period.
	Title string
	// Doc is Markdown for users: what it flags, why it matters, examples,
	// how to fix it, how to configure it.
	Doc string
	// Severity is the default; config may raise, lower or turn it off.
	Severity Severity
	// Options returns a pointer to a new options struct holding the
	// defaults, or is nil when the rule takes none. Config decodes the
	// rule's settings into it; the rule reads it back from Pass.Options.
	Options func() any

	Note    func(*NotePass)
	Archive func(*ArchivePass)

	// Pages is set for rules that judge pages: titles, URLs, tracks. They
	// see only the notes the site publishes as pages of their own (see
	// Note.Page), not partials, includes, drafts or redirect stubs, whose
	// text content rules still check.
	Pages bool

	// engine marks the rules the runner itself reports (invalid-note).
	engine bool
}

// InvalidNote is reported by the runner for files it cannot read or parse.
var InvalidNote = &Rule{
	ID:       "invalid-note",
	Title:    "note cannot be read or parsed",
	Severity: Error,
	engine:   true,
	Doc: `Reported for a file that notelint could not read or parse: invalid YAML,
TOML or JSON frontmatter, frontmatter that is not a set of keys, a binary
file with a Markdown name, text that is not UTF-8, or a file that could not
be opened. The finding points at the offending line and column; the rest
of the archive is still checked, but no other rule runs on that note.

**Fix** the file so it parses: the message quotes the parser's error.
`,
}

// InternalError is reported when a rule panics on a note. It is a bug in
// notelint; the run carries on and exits 2.
var InternalError = &Rule{
	ID:       "internal-error",
	Title:    "a rule failed on this note",
	Severity: Error,
	engine:   true,
	Doc: `Reported when a rule crashes on a note. This is a bug in notelint, not in
the note: please report it with the note that triggers it. The other rules
and notes are still checked, and the run exits with status 2.
`,
}

// EngineRules are the rules the runner reports itself.
func EngineRules() []*Rule {
	return []*Rule{InvalidNote, InternalError, InvalidSuppression, UnusedSuppression}
}

var kebab = regexp.MustCompile(`^[a-z][a-z0-9]*(-[a-z0-9]+)*$`)

// Validate checks a rule set: kebab-case unique IDs, a title and a doc, and
// exactly one of Note and Archive.
func Validate(rules []*Rule) error {
	seen := map[string]bool{}
	for _, r := range rules {
		if !kebab.MatchString(r.ID) {
			return fmt.Errorf("rule %q: ID must be kebab-case", r.ID)
		}
		if seen[r.ID] {
			return fmt.Errorf("rule %q: duplicate ID", r.ID)
		}
		seen[r.ID] = true
		if r.Title == "" || r.Doc == "" {
			return fmt.Errorf("rule %q: Title and Doc are required", r.ID)
		}
		if !r.engine && (r.Note == nil) == (r.Archive == nil) {
			return fmt.Errorf("rule %q: set exactly one of Note and Archive", r.ID)
		}
		if r.Severity == Off {
			return fmt.Errorf("rule %q: default severity must not be off", r.ID)
		}
	}
	return nil
}

// Pass is what a rule sees while it runs.
type Pass struct {
	Rule   *Rule
	Config *Config
	// Options is the value Rule.Options returned, with config applied.
	Options any
	sev     Severity
	out     *[]Finding
}

// report records a finding in note n, unless n is only context.
func (p *Pass) report(n *Note, rep Report) {
	if n.context {
		return
	}
	*p.out = append(*p.out, makeFinding(n, p.Rule.ID, p.sev, rep))
}

// Report is one problem a rule found.
type Report struct {
	Span    Span
	Field   string // frontmatter key, "body", "excerpt" or "h1"; derived from Span when empty
	Message string
	Related []Related
	// RelatedMore counts related locations left out of Related.
	RelatedMore int
}

// Related points at another place that takes part in a finding, such as
// the other note with the same title.
type Related struct {
	Path    string `json:"path"`
	Line    int    `json:"line"`
	Column  int    `json:"column"`
	Message string `json:"message,omitempty"`
}

// NotePass is handed to per-note rules.
type NotePass struct {
	Pass
	Note *Note
}

// Reportf reports a problem at span.
func (p *NotePass) Reportf(span Span, format string, args ...any) {
	p.report(p.Note, Report{Span: span, Message: fmt.Sprintf(format, args...)})
}

// Report reports a problem with all details.
func (p *NotePass) Report(r Report) { p.report(p.Note, r) }

// ArchivePass is handed to archive-wide rules. Notes excludes broken ones
// (and, for rules with Pages set, notes that are not pages) and is sorted
// by path. The notes carry metadata only (no syntax tree, and
// Src only up to the end of the frontmatter and title): report at the spans
// of the title, the frontmatter and its fields.
type ArchivePass struct {
	Pass
	Notes []*Note
	// All is every note that parsed, pages or not, for rules that must
	// weigh a setting against the whole archive.
	All     []*Note
	notices *[]string
}

// Notice records a message about the run as a whole, shown once under
// the findings: why a rule stayed silent, or how to configure it.
func (p *ArchivePass) Notice(format string, args ...any) {
	if p.notices != nil {
		*p.notices = append(*p.notices, p.Rule.ID+": "+fmt.Sprintf(format, args...))
	}
}

// Report reports a problem in note n.
func (p *ArchivePass) Report(n *Note, r Report) { p.report(n, r) }

// RelatedTo builds a Related pointing at span in note n.
func RelatedTo(n *Note, span Span, msg string) Related {
	pos := n.Position(span.Start)
	return Related{Path: n.Path, Line: pos.Line, Column: pos.Column, Message: msg}
}

// SortRules orders rules by ID.
func SortRules(rules []*Rule) {
	sort.Slice(rules, func(i, j int) bool { return rules[i].ID < rules[j].ID })
}

// RunNoteRule runs one per-note rule on one parsed note and returns what it
// reported, for benchmarks and tools; the runner does the same for every
// note.
func RunNoteRule(r *Rule, cfg *Config, n *Note) []Finding {
	var out []Finding
	pass := &NotePass{Pass: newPass(r, cfg, &out), Note: n}
	r.Note(pass)
	return out
}
