package rules

import (
	"fmt"
	"path"
	"strings"
	"unicode"

	"github.com/notelint/notelint/linter"
	"golang.org/x/text/unicode/norm"
)

// DuplicateSlug flags notes that would be published at the same URL.
var DuplicateSlug = &linter.Rule{
	ID:       "duplicate-slug",
	Title:    "two or more notes resolve to the same URL",
	Severity: linter.Error,
	Doc: `Flags notes that a site generator would publish at the same URL. A note's
URL is its ` + "`url`" + ` (or ` + "`permalink`" + `) field if set; otherwise its folder plus its
` + "`slug`" + ` field, or its file name when it has no slug (` + "`index.md`" + ` and
` + "`_index.md`" + ` stand for their folder). Slugs are compared the way generators
make them: lower case, spaces and punctuation as dashes.

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
	order, groups := groupBy(notes, noteURL)
	reportGroups(report, order, groups, slugSpan, "same URL",
		func(n *linter.Note, others string) string {
			return fmt.Sprintf("URL %s is also the URL of %s; give each note its own slug", noteURL(n), others)
		})
}

// noteURL is the path a generator publishes the note at.
func noteURL(n *linter.Note) string {
	for _, k := range []string{"url", "permalink"} {
		if f, ok := n.Front.Get(k); ok && f.Scalar && strings.TrimSpace(f.Text.Text) != "" {
			return "/" + strings.Trim(strings.ToLower(strings.TrimSpace(f.Text.Text)), "/") + "/"
		}
	}
	dir, file := path.Split(n.Path)
	dir = strings.Trim(dir, "/")
	name := strings.TrimSuffix(file, path.Ext(file))
	slug := ""
	if n.Slug.IsSet() && strings.TrimSpace(n.Slug.Text) != "" {
		slug = slugify(n.Slug.Text)
	} else if name == "index" || name == "_index" {
		return "/" + strings.ToLower(dir) + "/"
	} else {
		slug = slugify(name)
	}
	if dir == "" {
		return "/" + slug + "/"
	}
	return "/" + strings.ToLower(dir) + "/" + slug + "/"
}

// slugify lower-cases s and turns runs of spaces and punctuation into one
// dash, keeping letters and digits of any script.
func slugify(s string) string {
	s = norm.NFKC.String(strings.TrimSpace(s))
	var b strings.Builder
	dash := false
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsNumber(r) || r == '_' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(unicode.ToLower(r))
		} else {
			dash = true
		}
	}
	return b.String()
}

// slugSpan points at whatever decides the URL: the url or slug field, else
// the start of the note.
func slugSpan(n *linter.Note) linter.Span {
	for _, k := range []string{"url", "permalink"} {
		if f, ok := n.Front.Get(k); ok && f.Scalar && strings.TrimSpace(f.Text.Text) != "" {
			return f.Text.Span
		}
	}
	if n.Slug.IsSet() && strings.TrimSpace(n.Slug.Text) != "" {
		return n.Slug.Span
	}
	return linter.Span{Start: n.BodyStart, End: n.BodyStart}
}
