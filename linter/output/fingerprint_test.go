package output

import (
	"crypto/sha256"
	"encoding/hex"
	"testing"

	"github.com/notelint/notelint/linter"
)

func TestFingerprintScheme(t *testing.T) {
	f := linter.Finding{Rule: "duplicate-title", Path: "content/a.md", Text: "  How to\r\n Fix\tSPLIT   Shipments "}
	sum := sha256.Sum256([]byte("duplicate-title\x00content/a.md\x00how to fix split shipments"))
	if got, want := Fingerprint(f), hex.EncodeToString(sum[:]); got != want {
		t.Errorf("Fingerprint = %s, want %s (sha256 of rule NUL path NUL normalised text)", got, want)
	}
}

func TestFingerprintIgnoresPositions(t *testing.T) {
	a := linter.Finding{Rule: "unsourced-statistic", Path: "n.md", Text: "62% of shoppers\nabandon carts",
		Start: linter.Position{Line: 3, Column: 1}, End: linter.Position{Line: 4, Column: 14}, Message: "m", Severity: linter.Warning}
	b := a
	b.Start, b.End = linter.Position{Line: 40, Column: 9}, linter.Position{Line: 40, Column: 37}
	b.Text = "62% OF SHOPPERS   abandon carts" // re-wrapped and re-cased
	b.Message, b.Severity, b.Field = "other wording", linter.Error, "body"
	if Fingerprint(a) != Fingerprint(b) {
		t.Error("fingerprint depends on position, wrapping, case, message, severity or field")
	}
	for name, c := range map[string]linter.Finding{
		"rule": {Rule: "leaked-markup", Path: a.Path, Text: a.Text},
		"path": {Rule: a.Rule, Path: "m.md", Text: a.Text},
		"text": {Rule: a.Rule, Path: a.Path, Text: "63% of shoppers abandon carts"},
	} {
		if Fingerprint(c) == Fingerprint(a) {
			t.Errorf("changing the %s keeps the fingerprint", name)
		}
	}
	// The separators keep fields from running into each other.
	if Fingerprint(linter.Finding{Rule: "a", Path: "bc"}) == Fingerprint(linter.Finding{Rule: "ab", Path: "c"}) {
		t.Error("rule and path are not separated")
	}
}

func TestFingerprintsCountTwins(t *testing.T) {
	fs := []linter.Finding{
		{Rule: "unsourced-statistic", Path: "a.md", Text: "62%", Start: linter.Position{Line: 1}},
		{Rule: "unsourced-statistic", Path: "a.md", Text: "40%", Start: linter.Position{Line: 2}},
		{Rule: "unsourced-statistic", Path: "a.md", Text: "62%", Start: linter.Position{Line: 9}},
		{Rule: "unsourced-statistic", Path: "b.md", Text: "62%", Start: linter.Position{Line: 1}},
		{Rule: "unsourced-statistic", Path: "a.md", Text: " 62% ", Start: linter.Position{Line: 12}},
	}
	got := Fingerprints(fs)
	base := Fingerprint(fs[0])
	want := []string{base, Fingerprint(fs[1]), base + ":2", Fingerprint(fs[3]), base + ":3"}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("Fingerprints()[%d] = %s, want %s", i, got[i], want[i])
		}
	}
	seen := map[string]bool{}
	for _, fp := range got {
		if seen[fp] {
			t.Errorf("fingerprint %s is not unique", fp)
		}
		seen[fp] = true
	}
	// Moving the twins' lines does not change their values.
	fs[0].Start.Line, fs[2].Start.Line = 100, 200
	if again := Fingerprints(fs); again[0] != got[0] || again[2] != got[2] {
		t.Error("twin fingerprints depend on line numbers")
	}
}
