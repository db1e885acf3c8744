package main

import (
	"context"
	"flag"
	"fmt"
	"github.com/agnivade/levenshtein"
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
	used, err := usedTracks(dir)
	if err != nil {
		fmt.Fprintf(stderr, "notelint: %v\n", err)
		return exitError
	}
	tracks, doubtful := sortOutTracks(used)
	if err := writeFileAtomic(path, func(w io.Writer) error {
		_, err := io.WriteString(w, starterConfig(tracks, doubtful))
		return err
	}); err != nil {
		fmt.Fprintf(stderr, "notelint: %v\n", err)
		return exitError
	}
	fmt.Fprintf(stdout, "wrote %s with %d track(s) found in the archive\n", path, len(tracks))
	if len(doubtful) > 0 {
		fmt.Fprintf(stdout, "%d value(s) look like misspellings of a track and are left commented out; check them\n", len(doubtful))
	}
	return exitClean
}

// usedTracks collects the track values the archive's notes use, most used
// first.
// usedTrack is a track value and how many notes use it.
type usedTrack struct {
	name  string
	count int
	near  string // for a doubtful value: the track it is close to
}

func usedTracks(dir string) ([]usedTrack, error) {
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
	out := make([]usedTrack, len(names))
	for i, n := range names {
		out[i] = usedTrack{name: n, count: counts[n]}
	}
	return out, nil
}

// sortOutTracks merges spellings that differ only in case or in spaces
// and dashes (the most used spelling wins, as missing-track matches them
// anyway) and sets apart values within a small edit distance of a more
// used track, which are likely misspellings. used is most used first.
func sortOutTracks(used []usedTrack) (tracks []string, doubtful []usedTrack) {
	seen := map[string]bool{}
	for _, u := range used {
		k := normTrack(u.name)
		if seen[k] {
			continue
		}
		near := ""
		for _, t := range tracks {
			tk := normTrack(t)
			if d := levenshtein.ComputeDistance(k, tk); d > 0 && d*4 <= max(len(tk), 4) {
				near = t
				break
			}
		}
		seen[k] = true
		if near != "" {
			u.near = near
			doubtful = append(doubtful, u)
			continue
		}
		tracks = append(tracks, u.name)
	}
	return tracks, doubtful
}

func normTrack(s string) string {
	return strings.Join(strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return r == ' ' || r == '-' || r == '_' }), "-")
}

func starterConfig(tracks []string, doubtful []usedTrack) string {
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
		for _, d := range doubtful {
			q, _ := yaml.Marshal(d.name)
			fmt.Fprintf(&b, "  # - %s    # %d note(s); close to %q: a misspelling?\n", strings.TrimSuffix(string(q), "\n"), d.count, d.near)
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
