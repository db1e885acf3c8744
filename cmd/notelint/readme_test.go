package main

import (
	"bytes"
	"flag"
	"os"
	"strings"
	"testing"
)

var updateReadme = flag.Bool("update-readme", false, "regenerate the README's rules section")

// TestReadmeRules keeps the README's rule reference identical to the rules'
// documentation, the single source.
func TestReadmeRules(t *testing.T) {
	const start, end = "<!-- rules:start -->\n", "<!-- rules:end -->"
	path := "../../README.md"
	readme, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s := string(readme)
	i, j := strings.Index(s, start), strings.Index(s, end)
	if i < 0 || j < i {
		t.Fatalf("README lacks the %q ... %q markers", start, end)
	}
	var b bytes.Buffer
	writeRulesMarkdown(&b)
	want := b.String()
	got := s[i+len(start) : j]
	if got == want {
		return
	}
	if *updateReadme {
		s = s[:i+len(start)] + want + s[j:]
		if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Errorf("README rules section is out of date; run: go test ./cmd/notelint -update-readme")
}
