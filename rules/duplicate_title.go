package rules

import (
	"fmt"
	"path"
	"strings"

	"github.com/notelint/notelint/linter"
)

// DuplicateTitleOptions configures duplicate-title.
type DuplicateTitleOptions struct {
	// Scope limits which notes are compared: "archive" (all), "directory"
	// (notes in the same folder), or "field:NAME" (notes with the same
	// value of frontmatter field NAME, such as field:lang for translations).
	Scope string `yaml:"scope"`
	// Languages compares pages only with pages in the same language (and
	// documentation version), as the site model decides them.
	Languages bool `yaml:"languages"`
}

// Validate checks Scope.
func (o *DuplicateTitleOptions) Validate() error {
	_, err := parseScope(o.Scope)
	return err
}

// DuplicateTitle flags notes that share a title.
var DuplicateTitle = &linter.Rule{
	ID:       "duplicate-title",
	Title:    "two or more notes have the same title",
	Severity: linter.Error,
	Pages:    true,
	Doc: `Flags notes whose titles are the same once case, Unicode width
(full-width letters), white space, dashes and punctuation are folded away.
Every note of a group gets a finding that lists the others.

**Why**: two pages with one title compete in search, confuse readers in
listings, and usually mean an article was published twice.

**Flagged**: "How to Fix Split Shipments" and "How to fix split-shipments!"
in two notes.

**Fine**: "How to Fix Split Shipments" and "How to Fix Split Shipments in
Shopify" (different titles; see ` + "`near-duplicate-title`" + ` for rewordings).

**Fix**: merge the notes, or retitle one so each says what makes it
different.

**Configure** which notes are compared with ` + "`scope`" + `: ` + "`archive`" + ` (the default),
` + "`directory`" + ` (only notes in the same folder, for reference manuals where
"Params" is a method of several types), or ` + "`field:NAME`" + ` (only notes with the
same value of a frontmatter field, such as ` + "`field:lang`" + ` for an archive that
keeps translations side by side):

    rules:
      duplicate-title:
        scope: field:lang
`,
	Options: func() any { return &DuplicateTitleOptions{Scope: "archive", Languages: true} },
	Archive: func(p *linter.ArchivePass) {
		checkDuplicateTitles(p.Notes, p.Options.(*DuplicateTitleOptions), p.Report)
	},
}

func checkDuplicateTitles(notes []*linter.Note, opts *DuplicateTitleOptions, report reportFunc) {
	scope, _ := parseScope(opts.Scope)
	groups := groupBy(notes, func(b []byte, n *linter.Note) ([]byte, bool) {
		if !hasOwnTitle(n) {
			return b, false
		}
		return scope.appendFoldedKey(b, n, opts.Languages, n.Title.Text)
	})
	reportGroups(report, groups, func(n *linter.Note) linter.Span { return n.Title.Span }, "same title",
		func(n *linter.Note, others string) string {
			return fmt.Sprintf("title %q is also used by %s; give each note its own title", n.Title.Text, others)
		})
}

// scope partitions notes for archive-wide comparisons.
type scope struct {
	kind  string // "archive", "directory" or "field"
	field string
}

func parseScope(s string) (scope, error) {
	switch {
	case s == "" || s == "archive":
		return scope{kind: "archive"}, nil
	case s == "directory":
		return scope{kind: "directory"}, nil
	case strings.HasPrefix(s, "field:") && len(s) > len("field:"):
		return scope{kind: "field", field: s[len("field:"):]}, nil
	}
	return scope{}, fmt.Errorf("scope %q: want archive, directory or field:NAME", s)
}

// key is the partition a note falls in.
func (s scope) key(n *linter.Note) string {
	switch s.kind {
	case "directory":
		return path.Dir(n.Path)
	case "field":
		if f, ok := n.Front.Get(s.field); ok {
			if v, ok := f.Value.(string); ok {
				return v // what fmt.Sprint gives, without the allocation
			}
			return fmt.Sprint(f.Value)
		}
	}
	return ""
}

// appendPart appends the key of the part of the archive a note is
// compared within: its scope key and, with languages, its language and
// documentation version (linter.Note.Page). Every archive-wide
// comparison rule partitions notes this way.
func (s scope) appendPart(b []byte, n *linter.Note, languages bool) []byte {
	if s.kind != "archive" {
		b = append(b, s.key(n)...)
	}
	if languages {
		b = append(b, 0)
		b = append(b, n.Page.Partition()...)
	}
	return b
}

// hasOwnTitle reports whether the note has a title of its own, set in
// its frontmatter or its first H1 (not one the generator makes from its
// file name, which nothing in the note can be pointed at for).
func hasOwnTitle(n *linter.Note) bool {
	return n.Title.IsSet() && n.Title.Field != "file" && strings.TrimSpace(n.Title.Text) != ""
}

// appendFoldedKey appends the key that groups notes by text within their
// part (see appendPart), a NUL, and foldTitle(text). It reports false
// when text folds to nothing.
func (s scope) appendFoldedKey(b []byte, n *linter.Note, languages bool, text string) ([]byte, bool) {
	b = s.appendPart(b, n, languages)
	b = append(b, 0)
	k := len(b)
	b = appendFoldTitle(b, text)
	return b, len(b) > k
}
