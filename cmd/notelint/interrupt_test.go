package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestInterruptLeavesNoOutput: an interrupted run (Ctrl-C cancels the
// context) exits 2 and leaves neither the output file nor a temporary one.
func TestInterruptLeavesNoOutput(t *testing.T) {
	dir := t.TempDir()
	notes := filepath.Join(dir, "notes")
	os.MkdirAll(notes, 0o755)
	for i := 0; i < 500; i++ {
		os.WriteFile(filepath.Join(notes, fmt.Sprintf("n%03d.md", i)), []byte("---\ntitle: Untitled\n---\n"), 0o644)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	out := filepath.Join(dir, "report.json")
	var stdout, stderr bytes.Buffer
	code := run(ctx, []string{"--no-cache", "--format", "json", "--output", out, notes}, &stdout, &stderr)
	if code != exitError || !strings.Contains(stderr.String(), "interrupted") {
		t.Errorf("exit %d, stderr %q", code, stderr.String())
	}
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		if e.Name() != "notes" {
			t.Errorf("left behind: %s", e.Name())
		}
	}
}
