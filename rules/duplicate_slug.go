package rules

import (
	"fmt"
	"strings"

	"github.com/notelint/notelint/linter"
)

// DuplicateSlug flags notes that would be published at the same URL.
var DuplicateSlug = &linter.Rule{
	ID:       "duplicate-slug",
	Title:    "two or more notes resolve to the same URL",
	Severity: linter.Error,
	Pages:    true,
	Doc: `Flags pages that the site's generator would publish at the same URL.
The URL is worked out the way the generator does it (see "How notelint
sees your site" in the README): Hugo's ` + "`permalinks`" + `, ` + "`url`" + ` and ` + "`slug`" + `,
Jekyll's ` + "`permalink`" + ` patterns with the date and title of a post's file
name, Zola's ` + "`path`" + `, Docusaurus' ` + "`slug`" + ` and number prefixes, language
prefixes for translations. In an archive no generator builds, a note's URL
is its ` + "`url`" + ` (or ` + "`permalink`" + `) field if set; otherwise its folder plus its
` + "`slug`" + ` field, or its file name when it has no slug (` + "`index.md`" + ` and
` + "`_index.md`" + ` stand for their folder), lower case, with spaces and
punctuation as dashes. The message prints the URL as the site publishes
it, whatever folder notelint runs from.

**Why**: only one of the notes is reachable; the generator silently
overwrites the other, or the build fails.

**Flagged**: ` + "`blog/returns.md`" + ` and ` + "`blog/returns-policy.md`" + ` with
` + "`slug: returns`" + `; two notes with ` + "`url: /pricing/`" + `.

**Fine**: the same slug in two folders (` + "`/blog/returns`" + ` and ` + "`/docs/returns`" + `).

**Fix**: give one of the notes another slug, or delete the copy.
`,
	Archive: func(p *linter.ArchivePass) { checkDuplicateSlugs(p.Notes, p.Report) },
}

func checkDuplicateSlugs(notes []*linter.Note, report reportFunc) {
	groups := groupBy(notes, func(b []byte, n *linter.Note) ([]byte, bool) {
		u := n.Page.URL
		if u == "" {
			return b, false // the site model cannot tell
		}
		// /a and /a/ are served as one page.
		if len(u) > 1 {
			u = strings.TrimSuffix(u, "/")
		}
		return append(b, u...), true
	})
	reportGroups(report, groups, slugSpan, "same URL",
		func(n *linter.Note, others string) string {
			return fmt.Sprintf("URL %s is also the URL of %s; give each note its own slug", n.Page.URL, others)
		})
}

// slugSpan points at whatever decides the URL: the url or slug field, else
// the start of the note.
func slugSpan(n *linter.Note) linter.Span {
	for _, k := range []string{"url", "permalink", "path"} {
		if f, ok := n.Front.Get(k); ok && f.Scalar && strings.TrimSpace(f.Text.Text) != "" {
			return f.Text.Span
		}
	}
	if n.Slug.IsSet() && strings.TrimSpace(n.Slug.Text) != "" {
		return n.Slug.Span
	}
	return linter.Span{Start: n.BodyStart, End: n.BodyStart}
}
