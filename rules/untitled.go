package rules

import (
	"bytes"
	"fmt"
	"path"
	"strings"
	"sync"

	"github.com/notelint/notelint/linter"
	"github.com/notelint/notelint/linter/site"
)

// UntitledOptions configures the untitled rule.
type UntitledOptions struct {
	// Placeholders are titles that count as no title, compared after
	// folding case, punctuation and a trailing counter ("Untitled (2)").
	Placeholders []string `yaml:"placeholders"`

	once   sync.Once
	folded map[string]string // folded placeholder → as configured
}

// foldedPlaceholders folds the list once per run, not once per note.
func (o *UntitledOptions) foldedPlaceholders() map[string]string {
	o.once.Do(func() {
		o.folded = make(map[string]string, len(o.Placeholders))
		for _, ph := range o.Placeholders {
			if f := stripCounter(foldTitle(ph)); f != "" {
				if _, dup := o.folded[f]; !dup {
					o.folded[f] = ph
				}
			}
		}
	})
	return o.folded
}

var defaultPlaceholders = []string{
	"Untitled", "Untitled draft", "Untitled note", "Untitled post", "Untitled page",
	"Untitled document", "New note", "New post", "New page", "New document",
	"No title", "Title", "Placeholder", "TBD", "TBA", "TODO", "Draft",
}

// Untitled flags notes with no usable title.
var Untitled = &linter.Rule{
	ID:       "untitled",
	Title:    "note has no usable title",
	Severity: linter.Error,
	Pages:    true,
	Options:  func() any { return &UntitledOptions{Placeholders: defaultPlaceholders} },
	Doc: `Flags a note with no title: no ` + "`title`" + ` in the frontmatter and no H1 in the
body, an empty title, or a placeholder an editor forgot to replace.

**Why**: readers see the title in listings, search results and the browser
tab. "Untitled" in a feed looks broken, and an empty title usually means the
page is published under its file name.

**Flagged**:

    title: Untitled
    title: "Untitled (2)"
    title: New note
    title: ""

**Fine**: a real title that contains a placeholder word,
` + "`Untitled Products: Why Nameless SKUs Fail`" + `; a reference page titled by the
name it documents, when its file has that name too (` + "`methods/Title.md`" + `
titled "Title" documents a ` + "`.Title`" + ` method; "Untitled" and "New note" never
count as names); and notes that are not pages (partials, includes,
drafts, redirects: see "How notelint sees your site" in the README).
A list page (a section's ` + "`_index.md`" + `, the home page) without a title is
fine: the generator or its template names it. So is a note that only
picks a template (` + "`template = \"latest.html\"`" + `, ` + "`layout:`" + `) and holds no text.

**Fix**: set a real ` + "`title:`" + ` in the frontmatter.

**Configure** the placeholder list (matching folds case, punctuation and a
trailing counter such as "(2)" or "copy 3"):

    rules:
      untitled:
        placeholders: ["Untitled", "TBD", "Sans titre"]
`,
	Note: func(p *linter.NotePass) {
		opts := p.Options.(*UntitledOptions)
		n := p.Note
		t := n.Title
		if !t.IsSet() && (n.Page.Kind != site.KindPage || templatePage(n)) {
			return // its template names it
		}
		switch {
		case !t.IsSet() && !n.Page.TitleH1:
			p.Reportf(linter.Span{Start: n.BodyStart, End: n.BodyStart}, "note has no title; set title: in the frontmatter (this site's generator does not title a page by its first heading)")
		case !t.IsSet():
			p.Reportf(linter.Span{Start: n.BodyStart, End: n.BodyStart}, "note has no title; set title: in the frontmatter or start the body with a # heading")
		case isNotText(n, t):
			p.Reportf(t.Span, "title is a list or mapping, not text; set a single title")
		case strings.TrimSpace(t.Text) == "":
			p.Reportf(t.Span, "title is empty; set a real title")
		default:
			if ph, ok := isPlaceholder(t.Text, opts.foldedPlaceholders()); ok && !namesItsSubject(n, t.Text) {
				p.Reportf(t.Span, "title %q is a placeholder (%s); set a real title", t.Text, ph)
			}
		}
	},
}

// templatePage reports whether a note only picks a template and holds no
// text (template = "latest.html" and nothing else): the template makes
// the page, title and all.
func templatePage(n *linter.Note) bool {
	if len(bytes.TrimSpace(n.BodySrc())) != 0 {
		return false
	}
	for _, k := range [...]string{"template", "layout", "type"} {
		if _, ok := n.Front.Get(k); ok {
			return true
		}
	}
	return false
}

// namesItsSubject reports whether a placeholder-like title is the name
// of what the page documents: its file is named by the same word
// (methods/page/Title.md titled "Title" documents a .Title method, and
// masm/title.md titled "TITLE" a TITLE directive). Titles that only ever
// mean "no title yet" (Untitled, New note, No title) never count.
func namesItsSubject(n *linter.Note, title string) bool {
	base := path.Base(n.Path)
	base = strings.TrimSuffix(base, path.Ext(base))
	f := foldTitle(title)
	if f != foldTitle(base) {
		return false
	}
	return !strings.HasPrefix(f, "untitled") && !strings.HasPrefix(f, "new ") && f != "no title"
}

// isNotText reports whether the title field holds a list or a mapping.
func isNotText(n *linter.Note, t linter.Text) bool {
	if t.Field == "h1" {
		return false
	}
	f, ok := n.Front.Get(t.Field)
	return ok && !f.Scalar
}

// isPlaceholder reports whether title is one of placeholders, allowing a
// trailing counter: "Untitled 2", "Untitled (3)", "Untitled copy".
func isPlaceholder(title string, folded map[string]string) (string, bool) {
	f := stripCounter(foldTitle(title))
	if f == "" {
		return "", false
	}
	if ph, ok := folded[f]; ok {
		return fmt.Sprintf("matches %q", ph), true
	}
	return "", false
}

// stripCounter removes trailing "copy", "copy 2", or a number. foldTitle
// keeps "#" and "_" and joins them to the word before, so "Untitled #2"
// and "Untitled_2" end in "untitled#2" and "untitled_2".
func stripCounter(s string) string {
	for {
		words := strings.Fields(s)
		if len(words) == 0 {
			return s
		}
		last := words[len(words)-1]
		switch i := strings.LastIndexAny(last, "#_"); {
		case i > 0 && isDigits(last[i+1:]):
			words[len(words)-1] = last[:i]
		case len(words) > 1 && (last == "copy" || isDigits(last)):
			words = words[:len(words)-1]
		default:
			return s
		}
		s = strings.Join(words, " ")
	}
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}
