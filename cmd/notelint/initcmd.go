package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/notelint/notelint/linter"
	"github.com/notelint/notelint/rules"
	"gopkg.in/yaml.v3"
)

func cmdInit(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("notelint init", flag.ContinueOnError)
	fs.SetOutput(stderr)
	force := fs.Bool("force", false, "overwrite an existing .notelint.yml")
	if err := fs.Parse(args); err != nil {
		return exitError
	}
	dir := "."
	if fs.NArg() > 1 {
		fmt.Fprintln(stderr, "usage: notelint init [--force] [DIR]")
		return exitError
	}
	if fs.NArg() == 1 {
		dir = fs.Arg(0)
	}
	path := filepath.Join(dir, ".notelint.yml")
	if _, err := os.Stat(path); err == nil && !*force {
		fmt.Fprintf(stderr, "notelint: %s already exists; use --force to overwrite it\n", path)
		return exitError
	}
	tracks, err := usedTracks(dir)
	if err != nil {
		fmt.Fprintf(stderr, "notelint: %v\n", err)
		return exitError
	}
	if err := writeFileAtomic(path, func(w io.Writer) error {
		_, err := io.WriteString(w, starterConfig(tracks))
		return err
	}); err != nil {
		fmt.Fprintf(stderr, "notelint: %v\n", err)
		return exitError
	}
	fmt.Fprintf(stdout, "wrote %s with %d track(s) found in the archive\n", path, len(tracks))
	return exitClean
}

// usedTracks collects the track values the archive's notes use, most used
// first.
func usedTracks(dir string) ([]string, error) {
	cfg := linter.DefaultConfig(rules.Everything())
	files, _, err := linter.Discover([]string{dir}, cfg)
	if err != nil {
		return nil, err
	}
	srcs := make([]linter.Source, len(files))
	for i, f := range files {
		srcs[i] = linter.Source{Path: f.Path, OSPath: f.OSPath}
	}
	collect := &linter.Rule{ID: "collect-tracks", Title: "x", Doc: "x", Severity: linter.Info}
	counts := map[string]int{}
	var names []string
	collect.Archive = func(p *linter.ArchivePass) {
		for _, n := range p.Notes {
			v := strings.TrimSpace(n.Track.Text)
			if v == "" {
				continue
			}
			if counts[v] == 0 {
				names = append(names, v)
			}
			counts[v]++
		}
	}
	cfg.SetSeverity(collect, linter.Info)
	if _, err := linter.Run(context.Background(), srcs, nil, linter.Options{Config: cfg, Rules: []*linter.Rule{collect}}); err != nil {
		return nil, err
	}
	sort.SliceStable(names, func(i, j int) bool {
		if counts[names[i]] != counts[names[j]] {
			return counts[names[i]] > counts[names[j]]
		}
		return names[i] < names[j]
	})
	return names, nil
}

func starterConfig(tracks []string) string {
	var b strings.Builder
	b.WriteString(`# notelint configuration. Reference: notelint explain RULE, and the README.

# The archive's top-level sections. A note's track must match one of these
# (case is ignored; a slug such as "ghl-services" matches "GHL Services").
# Items may also be {name: ..., aliases: [...]}.
`)
	if len(tracks) == 0 {
		b.WriteString("tracks: []\n")
	} else {
		b.WriteString("tracks:\n")
		for _, t := range tracks {
			q, _ := yaml.Marshal(t)
			fmt.Fprintf(&b, "  - %s", q)
		}
	}
	b.WriteString(`
# Which files are notes, relative to this file (doublestar globs).
# include: ["content/**/*.md"]
# exclude: ["content/drafts/**"]

# Frontmatter keys to read; each may be a list, tried in order.
# fields:
#   title: title
#   description: [description, summary, excerpt]
#   track: track

# Words in an excerpt derived from the body when there is no description.
# excerpt: {words: 70}

# Weekly report (notelint report): link each note to its source.
# report:
#   sourceURL: "https://github.com/ORG/REPO/blob/main/{path}#L{line}"

# Per-rule settings: a severity (error, warning, info, off), or a mapping
# with severity and the rule's options.
# rules:
#   unsourced-statistic: {severity: error}
#   untitled: {placeholders: ["Untitled", "TBD"]}
`)
	return b.String()
}
