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
