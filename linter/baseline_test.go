package linter

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

func TestBaseline(t *testing.T) {
	f := func(rule, path, text string, line int) Finding {
		return Finding{Rule: rule, Path: path, Text: text, Start: Position{line, 1}, Message: "m"}
	}
	old := []Finding{
		f("untitled", "a.md", "Untitled", 2),
		f("unsourced-statistic", "a.md", "62% of shoppers\nabandon carts.", 9),
		f("unsourced-statistic", "a.md", "62% of shoppers abandon carts.", 20), // a twin
		f("missing-track", "b.md", "", 1),
	}
	b := NewBaseline("notelint", old)
	var buf bytes.Buffer
	if err := b.Write(&buf); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "baseline.json")
	os.WriteFile(path, buf.Bytes(), 0o644)
	b, err := ReadBaseline(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Findings) != 4 || b.Findings[1].Fingerprint == b.Findings[2].Fingerprint {
		t.Fatalf("entries = %+v", b.Findings)
	}

	// Lines moved, text re-wrapped, one twin fixed, b.md fixed, a new finding.
	now := []Finding{
		f("untitled", "a.md", "Untitled", 5),
		f("unsourced-statistic", "a.md", "62%  of shoppers abandon carts.", 30),
		f("unsourced-statistic", "a.md", "40% of carts", 31),
	}
	kept, accepted, fixed := b.Filter(now, nil)
	if accepted != 2 || len(kept) != 1 || kept[0].Text != "40% of carts" {
		t.Errorf("kept %+v, accepted %d", kept, accepted)
	}
	if len(fixed) != 2 || fixed[0].Rule != "unsourced-statistic" || fixed[1].Path != "b.md" {
		t.Errorf("fixed = %+v", fixed)
	}
	// A partial run that did not check b.md does not call it fixed.
	_, _, fixed = b.Filter(now, func(p string) bool { return p == "a.md" })
	if len(fixed) != 1 {
		t.Errorf("partial run: fixed = %+v", fixed)
	}
}

func TestReadBaselineErrors(t *testing.T) {
	dir := t.TempDir()
	for name, s := range map[string]string{"garbage.json": "nope", "future.json": `{"version": 9, "findings": []}`} {
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte(s), 0o644)
		if _, err := ReadBaseline(p); err == nil {
			t.Errorf("%s accepted", name)
		}
	}
	if _, err := ReadBaseline(filepath.Join(dir, "missing.json")); err == nil {
		t.Error("missing file accepted")
	}
}
