package rules

import (
	"bytes"
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

**What is compared**: only pages (not partials, includes, drafts or
redirect stubs; see "How notelint sees your site" in the README), each
with the pages of its own language and documentation version: a
translation is not a duplicate. A one-word title ("Overview", "Get",
"Truncate") names a page within its section, so it is compared only with
notes in the same folder: reference manuals title a method page by the
method's name. The numbered parts of one document (` + "`faq/1/index.md`" + `,
` + "`faq/2/index.md`" + `) carry its title by design and are not reported, and neither
is one page repeated for each of several sections, under one name in a
folder each (` + "`languages/go/quickstart.md`" + ` and ` + "`languages/java/quickstart.md`" + `,
both "Quick start"); pages told apart only by a year or a number are
reported. A title
the generator makes from a file name is not compared.

**Fix**: merge the notes, or retitle one so each says what makes it
different.

**Configure** which notes are compared with ` + "`languages`" + ` (` + "`true`" + `, the default:
only pages of one language; ` + "`false`" + `: across languages) and ` + "`scope`" + `: ` + "`archive`" + ` (the default),
` + "`directory`" + ` (only notes in the same folder, for reference manuals where
"Params" is a method of several types), or ` + "`field:NAME`" + ` (only notes with the
same value of a frontmatter field, such as ` + "`field:lang`" + ` for an archive that
keeps translations side by side):

    rules:
      duplicate-title:
        scope: field:lang
        languages: true
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
		start := len(b)
		b, ok := scope.appendFoldedKey(b, n, opts.Languages, n.Title.Text)
		if ok && bytes.IndexByte(b[bytes.LastIndexByte(b[start:], 0)+start:], ' ') < 0 {
			// A one-word title ("Overview", "Get", "Truncate") names the
			// page within its section: compared only within its folder.
			b = append(append(b, 0), path.Dir(n.Path)...)
		}
		return b, ok
	})
	groups = dropMultipartDocuments(groups)
	reportGroups(report, groups, func(n *linter.Note) linter.Span { return n.Title.Span }, "same title",
		func(n *linter.Note, others string) string {
			return fmt.Sprintf("title %q is also used by %s; give each note its own title", n.Title.Text, others)
		})
}

// dropMultipartDocuments leaves out groups whose notes are the numbered
// parts of one document (faq/1/index.md, faq/2/index.md, ...): every part
// carries the document's title by design.
func dropMultipartDocuments(groups [][]*linter.Note) [][]*linter.Note {
	out := groups[:0]
	for _, g := range groups {
		if !isMultipart(g) && !isParallel(g) {
			out = append(out, g)
		}
	}
	return out
}

// isParallel reports whether g is one page repeated for each of several
// sections by design: every note has the same name (its file name, or its
// folder's for an index file, number prefixes aside) in a folder of its
// own, such as languages/go/quickstart.md and languages/java/quickstart.md
// titled "Quick start". Notes told apart only by a year or a number are
// not parallel: that is an archive publishing one title twice.
func isParallel(g []*linter.Note) bool {
	name := ""
	dirs := map[string]bool{}
	for _, n := range g {
		dir, file := path.Split(n.Path)
		base := strings.TrimSuffix(file, path.Ext(file))
		if base == "index" || base == "_index" || strings.EqualFold(base, "readme") {
			dir, base = path.Split(strings.TrimSuffix(dir, "/"))
		}
		base = strings.TrimLeft(base, "0123456789-_.")
		if base == "" || (name != "" && base != name) || dirs[dir] {
			return false
		}
		name = base
		dirs[dir] = true
		for _, seg := range strings.Split(strings.Trim(dir, "/"), "/") {
			if isDigits(seg) {
				return false
			}
		}
	}
	return true
}

// isMultipart reports whether every note of g is a numbered part of one
// document, or that document's first page (faq/index.md beside
// faq/2/index.md).
func isMultipart(g []*linter.Note) bool {
	doc := ""
	for _, n := range g {
		if k := partsKey(n.Path); k != n.Path {
			if doc != "" && k != doc {
				return false
			}
			doc = k
		}
	}
	if doc == "" {
		return false
	}
	for _, n := range g {
		if partsKey(n.Path) == doc {
			continue
		}
		dir, file := path.Split(n.Path)
		name := strings.TrimSuffix(file, path.Ext(file))
		if name != "index" && name != "_index" && name != "README" || !strings.HasPrefix(doc, dir+"#") {
			return false
		}
	}
	return true
}

// partsKey is the path with the number of a numbered part replaced: the
// last folder or file name that is a number below 100, or a file name
// ending in one (-2, _2, part-2). Larger numbers are ids, not parts
// (returns-41578.md).
func partsKey(p string) string {
	dir, file := path.Split(p)
	ext := path.Ext(file)
	name := strings.TrimSuffix(file, ext)
	if isPartNumber(name) {
		return dir + "#" + ext
	}
	if i := strings.LastIndexAny(name, "-_"); i > 0 && isPartNumber(name[i+1:]) {
		return dir + name[:i+1] + "#" + ext
	}
	d := strings.TrimSuffix(dir, "/")
	if base := path.Base(d); isPartNumber(base) && (name == "index" || name == "_index" || name == "README") {
		return path.Dir(d) + "/#/" + file
	}
	return p
}

func isPartNumber(s string) bool { return len(s) <= 2 && isDigits(s) }

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
