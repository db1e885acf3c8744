package site

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
)

// mapFields is a frontmatter read by parseFront.
type mapFields map[string]any

func (m mapFields) Lookup(key string) (any, bool) { return lookupFold(m, key) }

// docOf reads a note the way the linter hands it to the model.
func docOf(t *testing.T, path string) *Doc {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	d := &Doc{EmptyBody: true}
	fm, raw, at := parseFront(src)
	body := src[at:]
	if fm != nil {
		d.Front = mapFields(fm)
		for k := range fm {
			d.Keys = append(d.Keys, k)
		}
		sort.Strings(d.Keys)
		d.HasTitle = strings.TrimSpace(scalarString(fm["title"])) != ""
	} else if raw != nil {
		d.Front = mapFields{}
	}
	d.EmptyBody = len(bytes.TrimSpace(body)) == 0
	return d
}

// notesOf lists the Markdown files of a site as notelint discovers them:
// hidden folders skipped.
func notesOf(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && p != dir && strings.HasPrefix(d.Name(), ".") {
			return fs.SkipDir
		}
		if ext := filepath.Ext(p); !d.IsDir() && (ext == ".md" || ext == ".markdown") {
			out = append(out, p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// deviations are where the model departs from the generator on purpose,
// by site and path: what the model says instead, and why.
var deviations = map[string]map[string]struct{ page, lang, why string }{
	"hugo-multilingual": {
		// Hugo publishes an empty translation with an empty title; themes
		// fall back to the default language's page, and a reader never
		// sees the stub as a page of its own.
		"content/de/posts/bike-commute.md": {page: "no", why: "translation stub"},
		"content/fr/posts/bike-commute.md": {page: "no", why: "translation stub"},
	},
	"jekyll-languages": {
		// Jekyll knows no languages; the folder says which one a page is
		// in, which is what comparing pages within a language needs.
		"de/community/index.md": {lang: "de", why: "language folder"},
		// An untranslated copy in the de folder says lang: en; it is
		// published among the German pages and compared with them.
		"de/downloads/index.md": {lang: "de", why: "language folder over lang:"},
	},
}

// TestModelMatchesGenerator checks the model against what Hugo and Jekyll
// publish for each fixture site (pages.tsv, kept honest by
// TestOracleGolden): which notes are pages, their languages and URLs, and
// the titles the generator makes for notes that set none.
func TestModelMatchesGenerator(t *testing.T) {
	for name := range fixtureSites(t) {
		t.Run(name, func(t *testing.T) {
			dir := filepath.Join(sitesDir, name)
			abs, _ := filepath.Abs(dir)
			want := map[string]oraclePage{}
			for _, p := range readPagesTSV(t, filepath.Join(dir, "pages.tsv")) {
				want[p.Path] = p
			}
			m, err := Load(dir, nil, time.Now())
			if err != nil {
				t.Fatal(err)
			}
			notes := notesOf(t, dir)
			m.Prepare(notes)
			for _, file := range notes {
				rel, _ := filepath.Rel(abs, mustAbs(t, file))
				rel = filepath.ToSlash(rel)
				d := docOf(t, file)
				got := m.Page(file, d)
				w, published := want[rel]
				dev := deviations[name][rel]
				switch {
				case dev.page == "no":
					if got.Published {
						t.Errorf("%s: the model publishes it; want not a page (%s)", rel, dev.why)
					}
					continue
				case published && !got.Published:
					t.Errorf("%s: %s publishes it at %s; the model says not a page: %s", rel, name, w.URL, got.Why)
					continue
				case !published && got.Published:
					t.Errorf("%s: %s does not publish it; the model says a page at %s", rel, name, got.URL)
					continue
				case !published:
					continue
				}
				wantLang := w.Lang
				if dev.lang != "" {
					wantLang = dev.lang
				}
				if normLang(wantLang) != got.Lang && !(wantLang == "" && got.Lang == m.DefaultLang) {
					t.Errorf("%s: lang %q, want %q", rel, got.Lang, wantLang)
				}
				if got.URL != w.URL {
					t.Errorf("%s: URL %s, want %s", rel, got.URL, w.URL)
				}
				if !d.HasTitle && got.Kind == KindPage && got.FileTitle != w.Title {
					t.Errorf("%s: title made from the file %q, want %q", rel, got.FileTitle, w.Title)
				}
			}
		})
	}
}

func mustAbs(t *testing.T, p string) string {
	a, err := filepath.Abs(p)
	if err != nil {
		t.Fatal(err)
	}
	return a
}
