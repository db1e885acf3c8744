package rules

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/notelint/notelint/linter"
	"github.com/notelint/notelint/linter/linttest"
)

func TestValidate(t *testing.T) {
	if err := linter.Validate(Everything()); err != nil {
		t.Fatal(err)
	}
}

// TestRules runs every rule over its fixture directory, testdata/<id>.
func TestRules(t *testing.T) {
	for _, r := range All() {
		t.Run(r.ID, func(t *testing.T) {
			t.Parallel()
			linttest.Run(t, filepath.Join("testdata", r.ID), r)
		})
	}
}

// TestFixturesExist checks that every rule has fixtures that expect at least
// one finding and at least one note it must leave alone.
func TestFixturesExist(t *testing.T) {
	for _, r := range All() {
		dir := filepath.Join("testdata", r.ID)
		wants, clean := 0, 0
		err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
				return err
			}
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			if strings.Contains(string(b), "want ") {
				wants++
			} else {
				clean++
			}
			return nil
		})
		if err != nil {
			t.Errorf("%s: %v", r.ID, err)
			continue
		}
		if wants == 0 || clean == 0 {
			t.Errorf("%s: fixtures need notes that must be flagged (%d) and look-alikes that must not (%d)", r.ID, wants, clean)
		}
	}
}

func TestDuplicateTitleScope(t *testing.T) {
	linttest.Run(t, filepath.Join("testdata", "duplicate-title-scoped"), DuplicateTitle)
}

func TestScope(t *testing.T) {
	n := &linter.Note{Path: "content/methods/page/Params.md"}
	for _, tc := range []struct{ in, key string }{
		{"", ""}, {"archive", ""}, {"directory", "content/methods/page"}, {"field:lang", ""},
	} {
		s, err := parseScope(tc.in)
		if err != nil {
			t.Fatalf("%q: %v", tc.in, err)
		}
		if got := s.key(n); got != tc.key {
			t.Errorf("%q: key %q, want %q", tc.in, got, tc.key)
		}
	}
	for _, bad := range []string{"dir", "field:", "folder"} {
		if _, err := parseScope(bad); err == nil {
			t.Errorf("scope %q accepted", bad)
		}
	}
}

func TestMissingTrackOnlyWhereTracksAre(t *testing.T) {
	// No tracks declared and one page in three sets the field: the rule
	// stays silent and says so once.
	res := linttest.RunResult(t, filepath.Join("testdata", "missing-track-undeclared"), MissingTrack)
	if len(res.Notices) != 1 || !strings.Contains(res.Notices[0], "missing-track: not checked: no tracks are declared in the config and 1 of 3 pages set track:") {
		t.Errorf("notices = %q", res.Notices)
	}
	// Most pages set it: the one without is flagged, the draft is not a page.
	res = linttest.RunResult(t, filepath.Join("testdata", "missing-track-majority"), MissingTrack)
	if len(res.Notices) != 0 {
		t.Errorf("notices = %q", res.Notices)
	}
	linttest.Run(t, filepath.Join("testdata", "missing-track-list"), MissingTrack)
}

func TestUntitledOnHugo(t *testing.T) {
	// A Hugo site: partials under a render: never cascade, redirect stubs,
	// empty translations and drafts are not pages; a page titled only by
	// its first heading has no title in Hugo.
	res := linttest.RunResult(t, filepath.Join("testdata", "untitled-hugo"), Untitled)
	if res.Notes != 9 || res.Pages != 4 {
		t.Errorf("%d notes, %d pages; want 9 notes, 4 pages", res.Notes, res.Pages)
	}
}

func TestDuplicateSlugUsesTheSitesURLs(t *testing.T) {
	// Hugo permalinks by date: the same slug in two years is two URLs;
	// translations live under /fr/; drafts are not published.
	linttest.Run(t, filepath.Join("testdata", "duplicate-slug-hugo"), DuplicateSlug)
}

func TestLeakedFrontmatterOnZola(t *testing.T) {
	// Zola (like Hugo) reads frontmatter after blank lines: not a leak,
	// and the title is read from it.
	linttest.Run(t, filepath.Join("testdata", "leaked-frontmatter-zola"), LeakedFrontmatter, Untitled)
}

func TestLeakedMarkupOnMkDocs(t *testing.T) {
	// MkDocs derives no summary from the body: only descriptions count.
	linttest.Run(t, filepath.Join("testdata", "leaked-markup-mkdocs"), LeakedMarkup)
}

func TestUntitledTemplatePages(t *testing.T) {
	// A section and a note that only picks a template are named by their
	// templates; a page with text still needs a title.
	linttest.Run(t, filepath.Join("testdata", "untitled-zola"), Untitled)
}
