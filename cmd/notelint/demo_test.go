package main

import (
	"bytes"
	"context"
	"encoding/json"
	"testing"

	"github.com/notelint/notelint/rules"
)

// TestDemoArchive keeps the bundled demo archive honest: the README's first
// command must fail the gate, and every rule must fire somewhere in it.
func TestDemoArchive(t *testing.T) {
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), []string{"--no-cache", "--format", "json", "../../testdata/demo"}, &stdout, &stderr)
	if code != exitFindings {
		t.Fatalf("exit %d, want %d; stderr: %s", code, exitFindings, stderr.String())
	}
	var doc struct {
		Summary struct {
			ByRule map[string]int `json:"byRule"`
		} `json:"summary"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	for _, r := range append(rules.All(), rules.ByID("invalid-note")) {
		if doc.Summary.ByRule[r.ID] == 0 {
			t.Errorf("rule %s does not fire on the demo archive", r.ID)
		}
	}
}
