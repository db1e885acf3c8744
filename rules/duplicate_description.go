package rules

import (
	"fmt"

	"github.com/notelint/notelint/linter"
)

// DuplicateDescription flags notes that share a description.
var DuplicateDescription = &linter.Rule{
	ID:       "duplicate-description",
	Title:    "two or more notes have the same description",
	Severity: linter.Warning,
	Pages:    true,
	Doc: `Flags notes whose description (the ` + "`description`" + ` field or its fallbacks such
as ` + "`summary`" + `) is the same once case, white space, quotes, dashes and
punctuation are folded away. Symbols that change what a description means
are kept: descriptions are compared as ` + "`duplicate-title`" + ` compares titles
(` + "`notelint explain duplicate-title`" + ` gives the exact rule). Every note of a
group gets a finding that lists the others.

**Why**: the description is the snippet search engines and feeds show under
the title. A template that stamps one description on fifty notes makes them
look identical in results, and search engines treat it as low-quality
duplicate content.

**Flagged**: "Everything you need to know about returns." on two notes, or
once with "everything you need to know about RETURNS" (no final period).

**Fine**: two different descriptions, or notes without one (their excerpt
is derived from their own body). "Returns the boolean truth of arg1 ==
arg2." and "Returns the boolean truth of arg1 >= arg2.", or "Learn more
about: C Bit Fields" and "Learn more about: C++ Bit Fields", are different
descriptions.

**Fix**: write a description for each note that says what that note covers.

Only pages are compared (not partials, drafts or redirects), each with
pages of its own language and documentation version; the numbered parts
of one document (` + "`faq/1/`" + `, ` + "`faq/2/`" + `) may share a description.

**Configure** which notes are compared with ` + "`scope`" + ` and ` + "`languages`" + `, as for
` + "`duplicate-title`" + `: ` + "`archive`" + ` (default), ` + "`directory`" + `, or ` + "`field:NAME`" + `.
`,
	Options: func() any { return &DuplicateTitleOptions{Scope: "archive", Languages: true} },
	Archive: func(p *linter.ArchivePass) {
		checkDuplicateDescriptions(p.Notes, p.Options.(*DuplicateTitleOptions), p.Report)
	},
}

func checkDuplicateDescriptions(notes []*linter.Note, opts *DuplicateTitleOptions, report reportFunc) {
	scope, _ := parseScope(opts.Scope)
	groups := groupBy(notes, func(b []byte, n *linter.Note) ([]byte, bool) {
		if n.Description.Text == "" {
			return b, false
		}
		return scope.appendFoldedKey(b, n, opts.Languages, n.Description.Text)
	})
	groups = dropMultipartDocuments(groups)
	reportGroups(report, groups, func(n *linter.Note) linter.Span { return n.Description.Span }, "same description",
		func(n *linter.Note, others string) string {
			return fmt.Sprintf("%s is the same as in %s; write one that says what this note covers", n.Description.Field, others)
		})
}
