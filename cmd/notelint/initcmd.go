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
	"time"

	"github.com/agnivade/levenshtein"
	"github.com/notelint/notelint/linter"
	"github.com/notelint/notelint/linter/site"
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
	found, err := survey(dir)
	if err != nil {
		fmt.Fprintf(stderr, "notelint: %v\n", err)
		return exitError
	}
	if err := writeFileAtomic(path, func(w io.Writer) error {
		_, err := io.WriteString(w, starterConfig(found))
		return err
	}); err != nil {
		fmt.Fprintf(stderr, "notelint: %v\n", err)
		return exitError
	}
	gen := string(found.model.Generator)
	if found.model.Generator == site.None {
		gen = "no site generator"
	}
	fmt.Fprintf(stdout, "wrote %s: %s, %d notes, %d pages, %d track(s) found in the archive\n",
		path, gen, found.notes, found.pages, len(found.tracks))
	if len(found.doubtful) > 0 {
		fmt.Fprintf(stdout, "%d value(s) look like misspellings of a track and are left commented out; check them\n", len(found.doubtful))
	}
	return exitClean
}

// usedTrack is a track value and how many notes use it.
type usedTrack struct {
	name  string
	count int
	near  string // for a doubtful value: the track it is close to
}

// trackFields are the frontmatter fields that may hold a page's track,
// tried in this order.
var trackFields = []string{"track", "section", "category", "categories", "topic", "area"}

// maxTracks is the most distinct values a field may have to be taken for
// tracks; more is a taxonomy of tags, not a set of sections.
const maxTracks = 25

// surveyed is what init learned of an archive.
type surveyed struct {
	dir          string // where the config goes
	model        *site.Model
	notes, pages int
	trackField   string
	trackShare   string // "41 of 50 pages", for the comment
	tracks       []string
	doubtful     []usedTrack
	noTrackWhy   string
}

// survey builds the site model of dir and reads its pages' frontmatter to
// find the field, if any, that holds tracks.
func survey(dir string) (*surveyed, error) {
	all := rules.Everything()
	cfg := linter.DefaultConfig(all)
	files, _, err := linter.Discover([]string{dir}, cfg)
	if err != nil {
		return nil, err
	}
	model, err := site.Load(dir, &site.Overrides{Dir: dir}, time.Now())
	if err != nil {
		return nil, err
	}
	var srcs []linter.Source
	var osPaths []string
	for _, f := range files {
		if model.Skipped(f.OSPath) == "" {
			srcs = append(srcs, linter.Source{Path: f.Path, OSPath: f.OSPath})
			osPaths = append(osPaths, f.OSPath)
		}
	}
	model.Prepare(osPaths)
	out := &surveyed{dir: dir, model: model}
	counts := map[string]map[string]int{} // field → value → pages
	carriers := map[string]int{}          // field → pages that set it
	var order = map[string][]string{}
	collect := &linter.Rule{ID: "collect-tracks", Title: "x", Doc: "x", Severity: linter.Info, Pages: true}
	collect.Archive = func(p *linter.ArchivePass) {
		out.notes, out.pages = len(p.All), len(p.Notes)
		for _, n := range p.Notes {
			for _, field := range trackFields {
				f, ok := n.Front.Get(field)
				if !ok {
					continue
				}
				var vals []string
				switch v := f.Value.(type) {
				case string:
					vals = []string{v}
				case []any:
					for _, e := range v {
						if s, ok := e.(string); ok {
							vals = append(vals, s)
						}
					}
				}
				seen := false
				for _, v := range vals {
					if v = strings.TrimSpace(v); v == "" {
						continue
					}
					if counts[field] == nil {
						counts[field] = map[string]int{}
					}
					if counts[field][v] == 0 {
						order[field] = append(order[field], v)
					}
					counts[field][v]++
					seen = true
				}
				if seen {
					carriers[field]++
				}
			}
		}
	}
	cfg.SetSeverity(collect, linter.Info)
	if _, err := linter.Run(context.Background(), srcs, nil, linter.Options{Config: cfg, Rules: []*linter.Rule{collect}, Site: model}); err != nil {
		return nil, err
	}
	out.noTrackWhy = "no field of " + strings.Join(trackFields, ", ") + "\n# is set on two thirds of the pages with at most " +
		fmt.Sprint(maxTracks) + " different values"
	for _, field := range trackFields {
		c := carriers[field]
		if out.pages == 0 || c*3 < out.pages*2 || len(counts[field]) > maxTracks {
			continue
		}
		names := order[field]
		sort.SliceStable(names, func(i, j int) bool {
			if counts[field][names[i]] != counts[field][names[j]] {
				return counts[field][names[i]] > counts[field][names[j]]
			}
			return names[i] < names[j]
		})
		used := make([]usedTrack, len(names))
		for i, n := range names {
			used[i] = usedTrack{name: n, count: counts[field][n]}
		}
		out.trackField = field
		out.trackShare = fmt.Sprintf("%d of %d pages set it", c, out.pages)
		out.tracks, out.doubtful = sortOutTracks(used)
		break
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

func starterConfig(f *surveyed) string {
	var b strings.Builder
	b.WriteString(`# notelint configuration, written by notelint init. Reference: notelint explain RULE,
# notelint site (how notelint sees this site), and the README.

`)
	m := f.model
	fact := map[string]site.Fact{}
	for _, x := range m.Facts {
		fact[x.Key] = x
	}
	b.WriteString("# What the site publishes. Detection found these; each line may be changed.\n")
	b.WriteString("site:\n")
	fmt.Fprintf(&b, "  generator: %s%s\n", m.Generator, comment(fact["generator"].How))
	switch m.Generator {
	case site.Hugo, site.Jekyll, site.Zola, site.MkDocs:
		dir, _ := filepath.Abs(f.dir)
		var dirs []string
		for _, d := range m.ContentDirs {
			if rel, err := filepath.Rel(dir, filepath.Join(m.Root, filepath.FromSlash(d))); err == nil {
				dirs = append(dirs, filepath.ToSlash(rel))
			}
		}
		if len(dirs) > 0 {
			fmt.Fprintf(&b, "  content: %s%s\n", yamlList(dirs), comment(fact["content"].How))
		}
	}
	if len(m.Langs) > 1 {
		fmt.Fprintf(&b, "  languages: %s%s\n", yamlList(m.Langs), comment(fact["languages"].How+"; the first is the default"))
	} else {
		b.WriteString("  # languages: [en, de]    # none found; the first listed is the default\n")
	}
	if x, ok := fact["titles"]; ok {
		if x.Value == "frontmatter" || x.Value == "frontmatter-or-h1" {
			fmt.Fprintf(&b, "  titles: %s%s\n", x.Value, comment(x.How))
		} else {
			fmt.Fprintf(&b, "  # titles: frontmatter-or-h1%s\n", comment(x.How))
		}
	}
	b.WriteString("  # exclude: [\"partials/**\"]  # notes that are not pages of their own; content rules still check them\n")
	b.WriteString("  # drafts: true            # check drafts and future posts as pages too\n\n")

	b.WriteString(`# The archive's tracks (top-level sections). missing-track checks that
# every page names one; case is ignored and a slug such as "ghl-services"
# matches "GHL Services". Items may also be {name: ..., aliases: [...]}.
`)
	switch {
	case f.trackField == "":
		fmt.Fprintf(&b, "# No tracks found: %s.\n# missing-track stays off; list the tracks here to turn it on.\n# tracks: []\n", f.noTrackWhy)
	default:
		if f.trackField != "track" {
			fmt.Fprintf(&b, "track-field: %s%s\n", f.trackField, comment(f.trackShare))
		} else {
			fmt.Fprintf(&b, "# The field is track: (%s).\n", f.trackShare)
		}
		b.WriteString("tracks:\n")
		for _, t := range f.tracks {
			q, _ := yaml.Marshal(t)
			fmt.Fprintf(&b, "  - %s", q)
		}
		for _, d := range f.doubtful {
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
#   duplicate-title: {scope: directory}
`)
	return b.String()
}

// comment is an end-of-line comment, or nothing.
func comment(s string) string {
	if s == "" {
		return ""
	}
	return "    # " + s
}

// yamlList writes a flow list of strings.
func yamlList(vals []string) string {
	q := make([]string, len(vals))
	for i, v := range vals {
		b, _ := yaml.Marshal(v)
		q[i] = strings.TrimSuffix(string(b), "\n")
	}
	return "[" + strings.Join(q, ", ") + "]"
}
