package rules

import (
	"fmt"
	"path"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/notelint/notelint/linter"
	"golang.org/x/text/unicode/norm"
)

// DuplicateSlug flags notes that would be published at the same URL.
var DuplicateSlug = &linter.Rule{
	ID:       "duplicate-slug",
	Title:    "two or more notes resolve to the same URL",
	Severity: linter.Error,
	Pages:    true,
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
	groups := groupBy(notes, func(b []byte, n *linter.Note) ([]byte, bool) { return appendNoteURL(b, n), true })
	reportGroups(report, groups, slugSpan, "same URL",
		func(n *linter.Note, others string) string {
			return fmt.Sprintf("URL %s is also the URL of %s; give each note its own slug", noteURL(n), others)
		})
}

// noteURL is the path a generator publishes the note at.
func noteURL(n *linter.Note) string { return string(appendNoteURL(nil, n)) }

// appendNoteURL appends noteURL(n) to b.
func appendNoteURL(b []byte, n *linter.Note) []byte {
	for _, k := range [...]string{"url", "permalink"} {
		if f, ok := n.Front.Get(k); ok && f.Scalar {
			if u := strings.TrimSpace(f.Text.Text); u != "" {
				b = append(b, '/')
				if ndIsASCII(u) {
					b = appendLowerASCII(b, strings.Trim(u, "/"))
				} else {
					b = append(b, strings.Trim(strings.ToLower(u), "/")...)
				}
				return append(b, '/')
			}
		}
	}
	dir, file := path.Split(n.Path)
	dir = strings.Trim(dir, "/")
	name := strings.TrimSuffix(file, path.Ext(file))
	hasSlug := n.Slug.IsSet() && strings.TrimSpace(n.Slug.Text) != ""
	b = append(b, '/')
	if !hasSlug && (name == "index" || name == "_index") {
		b = appendLower(b, dir)
		return append(b, '/')
	}
	if dir != "" {
		b = appendLower(b, dir)
		b = append(b, '/')
	}
	if hasSlug {
		b = appendSlug(b, n.Slug.Text)
	} else {
		b = appendSlug(b, name)
	}
	return append(b, '/')
}

// appendLower appends strings.ToLower(s) to b.
func appendLower(b []byte, s string) []byte {
	if ndIsASCII(s) {
		return appendLowerASCII(b, s)
	}
	return append(b, strings.ToLower(s)...)
}

func appendLowerASCII(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	return b
}

// slugify lower-cases s and turns runs of spaces and punctuation into one
// dash, keeping letters and digits of any script.
func slugify(s string) string { return string(appendSlug(nil, s)) }

// appendSlug appends slugify(s) to b. ASCII, the common case, needs
// neither NFKC nor Unicode classes (and its leading and trailing spaces
// never make a dash, so it needs no trimming either).
func appendSlug(b []byte, s string) []byte {
	if !ndIsASCII(s) {
		s = norm.NFKC.String(strings.TrimSpace(s))
	}
	start := len(b)
	dash := false
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '_':
			case 'A' <= c && c <= 'Z':
				c += 'a' - 'A'
			default:
				dash = true
				continue
			}
			if dash && len(b) > start {
				b = append(b, '-')
			}
			dash = false
			b = append(b, c)
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if unicode.IsLetter(r) || unicode.IsNumber(r) {
			if dash && len(b) > start {
				b = append(b, '-')
			}
			dash = false
			b = utf8.AppendRune(b, unicode.ToLower(r))
		} else {
			dash = true
		}
	}
	return b
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
