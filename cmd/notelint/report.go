package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/notelint/notelint/linter"
	"github.com/notelint/notelint/linter/report"
	"github.com/notelint/notelint/rules"
)

type reportFlags struct {
	out        outFlag
	format     string
	title      string
	history    string
	since      string
	compare    string
	keep       int
	now        string
	sourceURL  string
	configFile string
	enable     multiFlag
	disable    multiFlag
	jobs       int
	maxSize    int64
	cacheDir   string
	noCache    bool
}

func newReportFlags(stderr io.Writer) (*flag.FlagSet, *reportFlags) {
	f := &reportFlags{}
	fs := flag.NewFlagSet("notelint report", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Var(&f.out, "out", "write the report to `FILE` (atomically); its extension .html or .md sets the format; repeatable, one file per format")
	fs.Var(&f.out, "o", "shorthand for --out")
	fs.StringVar(&f.format, "format", "", "report `format`: html or markdown (default: from the --out extension, else markdown)")
	fs.StringVar(&f.title, "title", "", "the report's `title` (default \"Content quality report\")")
	fs.StringVar(&f.history, "history", "", "keep a snapshot of each run in `DIR` and compare with an earlier one")
	fs.StringVar(&f.since, "since", "7d", "compare with the snapshot closest to this `age`: Nh, Nd or Nw")
	fs.StringVar(&f.compare, "compare", "", "compare with this snapshot `FILE` instead of one from --history")
	fs.IntVar(&f.keep, "keep", 0, "keep only the newest `N` snapshots in --history (default: all)")
	fs.StringVar(&f.now, "now", "", "the run's date and `time` in RFC 3339, instead of the clock (for tests and backfills)")
	fs.StringVar(&f.sourceURL, "source-url", "", "link notes to their source: a URL `template` with {path} and {line} (overrides report.sourceURL)")
	fs.StringVar(&f.configFile, "config", "", "config `FILE` (default: .notelint.yml in the linted directory or a parent)")
	fs.Var(&f.enable, "enable", "turn on `RULE` at its default severity (repeatable)")
	fs.Var(&f.disable, "disable", "turn off `RULE` (repeatable)")
	fs.IntVar(&f.jobs, "jobs", 0, "notes checked in parallel (default: number of CPUs)")
	fs.Int64Var(&f.maxSize, "max-file-size", linter.DefaultMaxFileSize, "skip and report notes larger than this many `bytes`")
	fs.StringVar(&f.cacheDir, "cache", "", "keep the per-note cache in `DIR` (default: notelint in the user cache directory)")
	fs.BoolVar(&f.noCache, "no-cache", false, "do not read or write the cache")
	fs.Usage = func() {
		fmt.Fprint(stderr, `Usage: notelint report [flags] [PATH...]

Lints the notes under each PATH (default: .) like notelint does, and writes
the weekly quality report: open findings per track and rule, the notes to fix
first, duplicate titles, what is new and fixed since last week, and the trend.
With --history DIR each run leaves a snapshot there to compare with next time.

Flags:
`)
		fs.PrintDefaults()
	}
	return fs, f
}

// cmdReport implements notelint report. It exits 0 when the report was
// written, whatever it found, and 2 on errors.
func cmdReport(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs, f := newReportFlags(stderr)
	paths, err := parseInterspersed(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitClean
		}
		return exitError
	}
	code, err := writeReport(ctx, f, paths, stdout, stderr)
	if err != nil {
		return fail(stderr, "notelint report", err)
	}
	return code
}

func writeReport(ctx context.Context, f *reportFlags, paths []string, stdout, stderr io.Writer) (int, error) {
	type target struct {
		file   string // "" for standard output
		format report.Format
	}
	var targets []target
	var format report.Format
	if f.format != "" {
		v, err := report.ParseFormat(f.format)
		if err != nil {
			return 0, usageError{"--format: " + err.Error()}
		}
		format = v
	}
	switch {
	case len(f.out) == 0:
		if format == "" {
			format = report.FormatMarkdown
		}
		targets = append(targets, target{"", format})
	case format != "" && len(f.out) > 1:
		return 0, usageError{"--format applies to a single --out; name the files .html and .md instead"}
	case format != "":
		targets = append(targets, target{f.out[0], format})
	default:
		for _, o := range f.out {
			v, ok := report.FormatOf(o)
			if !ok {
				return 0, usageError{fmt.Sprintf("--out %s: cannot tell the format from the extension; name it .html or .md, or give --format", o)}
			}
			targets = append(targets, target{o, v})
		}
	}
	now := time.Now().UTC()
	if f.now != "" {
		t, err := time.Parse(time.RFC3339, f.now)
		if err != nil {
			return 0, usageError{fmt.Sprintf("--now %q: want a date and time in RFC 3339, such as 2024-05-13T08:00:00Z", f.now)}
		}
		now = t.UTC()
	}
	since, err := report.ParseAge(f.since)
	if err != nil {
		return 0, usageError{"--since " + err.Error()}
	}
	if f.keep < 0 {
		return 0, usageError{"--keep: want a number of snapshots, 0 for all"}
	}
	if f.keep > 0 && f.history == "" {
		return 0, usageError{"--keep needs --history DIR"}
	}
	var compare *report.Snapshot
	if f.compare != "" {
		if compare, err = report.ReadSnapshot(f.compare); err != nil {
			return 0, err
		}
	}

	all := rules.Everything()
	cfg, srcs, unreadable, model, err := prepare(f.configFile, paths, all, f.enable, f.disable, false)
	if err != nil {
		return 0, err
	}
	sourceURL := cfg.Report.SourceURL
	if f.sourceURL != "" {
		rc := linter.ReportConfig{SourceURL: f.sourceURL}
		if err := rc.Validate(); err != nil {
			return 0, usageError{"--source-url: " + strings.TrimPrefix(err.Error(), "sourceURL ")}
		}
		sourceURL = f.sourceURL
	}
	cache := openCache(&lintFlags{cacheDir: f.cacheDir, noCache: f.noCache}, cfg, model, stderr)
	res, err := linter.Run(ctx, srcs, unreadable, linter.Options{
		Config: cfg, Rules: all, Jobs: f.jobs, MaxFileSize: f.maxSize, Cache: cache, Site: model,
	})
	if err != nil {
		if errors.Is(err, context.Canceled) {
			return 0, errors.New("interrupted")
		}
		return 0, err
	}
	if cache != nil {
		if err := cache.Save(); err != nil && f.cacheDir != "" {
			fmt.Fprintf(stderr, "notelint: %v\n", err)
		}
	}

	cur := report.NewSnapshot(now, "notelint "+toolVersion(), cfg.Hash(), orDot(paths), res)
	var history []*report.Snapshot
	var notices []string
	if f.history != "" {
		var skipped []error
		history, skipped, err = report.LoadHistory(f.history)
		if err != nil {
			return 0, err
		}
		for _, e := range skipped {
			fmt.Fprintf(stderr, "notelint report: skipped a history file: %v\n", e)
			notices = append(notices, "A history file was skipped: "+e.Error())
		}
	}
	// Name the current folder rather than ".", which says nothing in a
	// report read elsewhere.
	var where []string
	for _, p := range orDot(paths) {
		if p == "." || p == "./" {
			if abs, err := filepath.Abs(p); err == nil && filepath.Base(abs) != string(filepath.Separator) {
				p = filepath.Base(abs)
			}
		}
		where = append(where, p)
	}
	rep := report.Build(cur, history, report.Options{
		Title: f.title, SourceURL: sourceURL, Tracks: cfg.Tracks, Rules: all, Since: since,
		Previous: compare, HistoryDir: f.history, Notices: notices, Where: where,
	})
	summary := fmt.Sprintf("%d open finding(s) in %d note(s)", rep.Open.Total, rep.Notes)
	if rep.Previous != nil {
		summary += fmt.Sprintf("; %d new, %d fixed since %s", rep.New, rep.Fixed, rep.Previous.Date.Format("2006-01-02 15:04 UTC"))
	}
	var written []string
	for _, t := range targets {
		if t.file == "" {
			if err := report.Write(stdout, t.format, rep); err != nil {
				return 0, err
			}
			continue
		}
		if err := writeFileAtomic(t.file, func(w io.Writer) error { return report.Write(w, t.format, rep) }); err != nil {
			return 0, err
		}
		written = append(written, t.file)
	}
	if len(written) > 0 {
		fmt.Fprintf(stderr, "notelint report: wrote %s: %s\n", strings.Join(written, ", "), summary)
	} else {
		fmt.Fprintf(stderr, "notelint report: %s\n", summary)
	}
	if res.Internal > 0 {
		// A crashed rule leaves its findings out; recording that would make
		// them look fixed now and new next time.
		fmt.Fprintf(stderr, "notelint: %d internal error(s); please report them. No snapshot was recorded.\n", res.Internal)
		return exitError, nil
	}
	if f.history != "" {
		p := filepath.Join(f.history, report.SnapshotName(now))
		if err := writeFileAtomic(p, cur.Write); err != nil {
			return 0, err
		}
		fmt.Fprintf(stderr, "notelint report: recorded snapshot %s\n", p)
		removed, err := report.Prune(f.history, f.keep)
		if err != nil {
			return 0, err
		}
		if len(removed) > 0 {
			fmt.Fprintf(stderr, "notelint report: removed %d old snapshot(s) (--keep %d)\n", len(removed), f.keep)
		}
	}
	return exitClean, nil
}

// outFlag collects --out files; unlike multiFlag it does not split at
// commas, which file names may contain.
type outFlag []string

func (o *outFlag) String() string     { return strings.Join(*o, " ") }
func (o *outFlag) Set(s string) error { *o = append(*o, s); return nil }
