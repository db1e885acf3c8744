package linter

import (
	"bytes"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
)

// ChangedSince lists the files that differ from git revision rev: changed
// in commits since rev, changed in the working tree, or new and not
// ignored. Paths are absolute. dir is any directory inside the repository.
func ChangedSince(dir, rev string) (map[string]bool, error) {
	top, err := git(dir, "rev-parse", "--show-toplevel")
	if err != nil {
		return nil, fmt.Errorf("--changed-since needs a git repository: %v", err)
	}
	top = strings.TrimSpace(top)
	if _, err := git(dir, "rev-parse", "--verify", "--quiet", rev+"^{commit}"); err != nil {
		return nil, fmt.Errorf("--changed-since: %q is not a commit in %s", rev, top)
	}
	changed := map[string]bool{}
	for _, args := range [][]string{
		{"diff", "--name-only", "-z", "--no-renames", "--diff-filter=d", rev, "--"},
		{"ls-files", "-z", "--others", "--exclude-standard", "--full-name"},
	} {
		out, err := git(top, args...)
		if err != nil {
			return nil, fmt.Errorf("--changed-since: git %s: %v", args[0], err)
		}
		for _, p := range strings.Split(out, "\x00") {
			if p != "" {
				changed[filepath.Join(top, filepath.FromSlash(p))] = true
			}
		}
	}
	return changed, nil
}

func git(dir string, args ...string) (string, error) {
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		if msg := strings.TrimSpace(stderr.String()); msg != "" {
			return "", fmt.Errorf("%s", msg)
		}
		return "", err
	}
	return string(out), nil
}
