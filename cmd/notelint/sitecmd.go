package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/notelint/notelint/linter"
	"github.com/notelint/notelint/linter/site"
	"github.com/notelint/notelint/rules"
)

// cmdSite prints how notelint sees the site: the generator and settings
// it found, and with --pages what it decided for every note.
func cmdSite(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("notelint site", flag.ContinueOnError)
	fs.SetOutput(stderr)
	pages := fs.Bool("pages", false, "list every note: page or not (and why), language, URL and title, tab-separated")
	configFile := fs.String("config", "", "config `FILE` (default: .notelint.yml in the linted directory or a parent)")
	drafts := fs.Bool("drafts", false, "count drafts, future and expired notes as pages")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: notelint site [--pages] [--drafts] [--config FILE] [PATH...]")
		fs.PrintDefaults()
	}
	paths, err := parseInterspersed(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitClean
		}
		return exitError
	}
	all := rules.Everything()
	cfg, srcs, _, model, err := prepare(*configFile, paths, all, nil, nil, *drafts)
	if err != nil {
		return fail(stderr, "notelint", err)
	}
	var notes []*linter.Note
	collect := &linter.Rule{ID: "collect-pages", Title: "x", Doc: "x", Severity: linter.Info,
		Archive: func(p *linter.ArchivePass) { notes = append(notes, p.All...) }}
	cfg.SetSeverity(collect, linter.Info)
	if _, err := linter.Run(ctx, srcs, nil, linter.Options{Config: cfg, Rules: []*linter.Rule{collect}, Site: model}); err != nil {
		return fail(stderr, "notelint", err)
	}
	if *pages {
		sort.Slice(notes, func(i, j int) bool { return notes[i].Path < notes[j].Path })
		fmt.Fprintln(stdout, "path\tpage\tlang\turl\ttitle")
		for _, n := range notes {
			state := "yes"
			if !n.Page.Published {
				state = "no: " + n.Page.Why
			}
			fmt.Fprintf(stdout, "%s\t%s\t%s\t%s\t%s\n", n.Path, state, n.Page.Lang, n.Page.URL, oneLine(n.Title.Text))
		}
		return exitClean
	}
	printSite(stdout, model, notes)
	return exitClean
}

// printSite prints the model's facts and a tally of its decisions.
func printSite(w io.Writer, m *site.Model, notes []*linter.Note) {
	fmt.Fprintf(w, "site root   %s\n", m.Root)
	for _, f := range m.Facts {
		fmt.Fprintf(w, "%-11s %s  (%s)\n", f.Key, f.Value, f.How)
	}
	published := 0
	why := map[string]int{}
	langs := map[string]int{}
	for _, n := range notes {
		if n.Page.Published {
			published++
			langs[n.Page.Lang]++
			continue
		}
		why[reasonKind(n.Page.Why)]++
	}
	fmt.Fprintf(w, "\n%d notes, %d pages", len(notes), published)
	if len(langs) > 1 {
		var ls []string
		for l, c := range langs {
			if l == "" {
				l = "(none)"
			}
			ls = append(ls, fmt.Sprintf("%s %d", l, c))
		}
		sort.Strings(ls)
		fmt.Fprintf(w, " (%s)", strings.Join(ls, ", "))
	}
	fmt.Fprintln(w)
	var ws []string
	for k := range why {
		ws = append(ws, k)
	}
	sort.Slice(ws, func(i, j int) bool { return why[ws[i]] > why[ws[j]] || why[ws[i]] == why[ws[j]] && ws[i] < ws[j] })
	for _, k := range ws {
		fmt.Fprintf(w, "  %6d not pages: %s\n", why[k], k)
	}
	fmt.Fprintln(w, "\nnotelint site --pages lists every note.")
}

// reasonKind shortens a Why to its kind, for tallies: the part before a
// parenthesis.
func reasonKind(why string) string {
	if i := strings.Index(why, " ("); i > 0 {
		return why[:i]
	}
	return why
}

func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
