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
	Doc: `Flags notes whose titles are the same once case, Unicode width
(full-width letters), white space, quotes, apostrophes, dashes and
punctuation are folded away. Symbols that change what a title means are
kept. Every note of a group gets a finding that lists the others.

**Why**: two pages with one title compete in search, confuse readers in
listings, and usually mean an article was published twice.

**Flagged**: "How to Fix Split Shipments" and "How to fix split-shipments!"
in two notes; "Streams in Node.js." and "“Streams in node.js”".

**Fine**: "How to Fix Split Shipments" and "How to Fix Split Shipments in
Shopify" (different titles; see ` + "`near-duplicate-title`" + ` for rewordings).
"C Bit Fields" and "C++ Bit Fields", "Overloading the << Operator" and
"Overloading the >> Operator", "_chsize" and "chsize", "C#" and "C",
".NET" and "NET" (a symbol makes them different titles).

**How titles are compared**, after Unicode NFKC and lower case:

- Letters and digits are kept, and so are the symbols
  ` + "`+ # < > = & | _ @ / * % $ ~ ^ \\`" + ` and other math and currency symbols
  (` + "`≤`, `€`" + `).
- ` + "`.`" + ` is kept when a letter, digit or symbol follows it (".NET", "Node.js",
  "v1.2"); at the end of a word or alone it is punctuation ("Shipments.").
- ` + "`!`" + ` is kept before a symbol (` + "`!=`" + `) and at the start of a word (` + "`!x`" + `);
  elsewhere it is punctuation ("Wow!").
- ` + "`-`" + ` is kept next to a symbol (` + "`-=`, `->`" + `), at the start of a word
  (` + "`-1`, `--x`" + `) and as ` + "`--`" + ` after a word (` + "`x--`" + `); a hyphen between words or
  a dash used as punctuation is punctuation ("split-shipments").
- Apostrophes are dropped: "Don't" and "Dont" are the same.
- Everything else is punctuation: white space, quotes, brackets,
  ` + "`, ; : ?`" + `, typographic dashes, emoji. A run of it between two words
  counts as one space; at either end or next to a kept symbol it counts for
  nothing ("operator <<" and "operator<<" are the same).

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
	Options: func() any { return &DuplicateTitleOptions{Scope: "archive"} },
	Archive: func(p *linter.ArchivePass) {
		checkDuplicateTitles(p.Notes, p.Options.(*DuplicateTitleOptions), p.Report)
	},
}

func checkDuplicateTitles(notes []*linter.Note, opts *DuplicateTitleOptions, report reportFunc) {
	scope, _ := parseScope(opts.Scope)
	groups := groupBy(notes, func(b []byte, n *linter.Note) ([]byte, bool) {
		if !n.Title.IsSet() {
			return b, false
		}
		return scope.appendFoldedKey(b, n, n.Title.Text)
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

// appendFoldedKey appends the key that groups notes by text within the
// scope: the partition, a NUL, and foldTitle(text). It reports false when
// text folds to nothing.
func (s scope) appendFoldedKey(b []byte, n *linter.Note, text string) ([]byte, bool) {
	if s.kind != "archive" {
		b = append(b, s.key(n)...)
	}
	b = append(b, 0)
	k := len(b)
	b = appendFoldTitle(b, text)
	return b, len(b) > k
}
