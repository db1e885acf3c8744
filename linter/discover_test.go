package linter

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

func writeTree(t *testing.T, root string, files map[string]string) {
	t.Helper()
	for p, s := range files {
		full := filepath.Join(root, p)
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func paths(fs []File) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Path)
	}
	return out
}

func TestDiscover(t *testing.T) {
	root := t.TempDir()
	writeTree(t, root, map[string]string{
		"content/a.md":               "",
		"content/b.markdown":         "",
		"content/c.txt":              "",
		"content/drafts/d.md":        "",
		"content/.hidden/e.md":       "",
		".git/f.md":                  "",
		"node_modules/pkg/README.md": "",
		"other/g.md":                 "",
	})
	if err := os.Symlink(filepath.Join(root, "content"), filepath.Join(root, "content", "loop")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(root, "other", "g.md"), filepath.Join(root, "content", "link.md")); err != nil {
		t.Fatal(err)
	}
	t.Chdir(root)

	cfg := DefaultConfig(nil)
	files, bad, err := Discover([]string{".", "content", "content/a.md"}, cfg)
	if err != nil || len(bad) > 0 {
		t.Fatal(err, bad)
	}
	want := []string{"content/a.md", "content/b.markdown", "content/drafts/d.md", "content/link.md", "other/g.md"}
	if got := paths(files); !reflect.DeepEqual(got, want) {
		t.Errorf("got %v\nwant %v", got, want)
	}

	cfg.Include = []string{"content/**/*.md"}
	cfg.Exclude = []string{"content/drafts/**"}
	files, _, _ = Discover(nil, cfg)
	if got, want := paths(files), []string{"content/a.md", "content/link.md"}; !reflect.DeepEqual(got, want) {
		t.Errorf("with globs: got %v, want %v", got, want)
	}

	// A file named on the command line is linted whatever its name.
	files, _, _ = Discover([]string{"content/c.txt"}, DefaultConfig(nil))
	if got := paths(files); !reflect.DeepEqual(got, []string{"content/c.txt"}) {
		t.Errorf("explicit file: %v", got)
	}

	if _, _, err := Discover([]string{"missing"}, DefaultConfig(nil)); err == nil {
		t.Error("a missing path is not an error")
	}
}
