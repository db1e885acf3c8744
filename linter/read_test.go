package linter

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	for _, size := range []int{0, 1, 8191, 8192, 8193, 20000, 70000} {
		p := filepath.Join(dir, "n.md")
		want := []byte(strings.Repeat("x", size))
		os.WriteFile(p, want, 0o644)
		for name, read := range map[string]func(string, int64) ([]byte, int64, error){"readFile": readFile, "readFileOS": readFileOS} {
			got, n, err := read(p, 50000)
			switch {
			case err != nil:
				t.Errorf("%s(%d bytes): %v", name, size, err)
			case size > 50000:
				if got != nil || n <= 50000 {
					t.Errorf("%s(%d bytes) over the limit: got %d bytes, size %d", name, size, len(got), n)
				}
			case !bytes.Equal(got, want) || n != int64(size):
				t.Errorf("%s(%d bytes): got %d bytes, size %d", name, size, len(got), n)
			}
		}
	}
	if _, _, err := readFile(filepath.Join(dir, "missing.md"), 100); !os.IsNotExist(err) {
		t.Errorf("missing file: %v", err)
	}
	if _, _, err := readFile(dir, 100); err == nil {
		t.Error("reading a directory did not fail")
	}
}
