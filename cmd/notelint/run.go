package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"time"

	"github.com/fatih/color"
	"github.com/mattn/go-isatty"
	"github.com/notelint/notelint/linter"
	"github.com/notelint/notelint/linter/output"
	"github.com/notelint/notelint/linter/site"
	"github.com/notelint/notelint/rules"
)

// version is set at build time with -ldflags "-X main.version=...";
// otherwise it comes from the module's build information.
var version = ""

func toolVersion() string {
	if version != "" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "0.1.0-dev"
}

const (
	exitClean    = 0
	exitFindings = 1
	exitError    = 2
)

// usageError is a mistake in the command line.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		switch args[0] {
		case "rules":
			return cmdRules(args[1:], stdout, stderr)
		case "explain":
			return cmdExplain(args[1:], stdout, stderr)
		case "version":
			fmt.Fprintf(stdout, "notelint %s\n", toolVersion())
			return exitClean
		case "init":
			return cmdInit(args[1:], stdout, stderr)
		case "report":
			return cmdReport(ctx, args[1:], stdout, stderr)
		case "site":
			return cmdSite(ctx, args[1:], stdout, stderr)
		case "help":
			printUsage(stdout)
			return exitClean
		}
	}
	return cmdLint(ctx, args, stdout, stderr)
}

func printUsage(w io.Writer) {
	fmt.Fprint(w, `notelint checks a Markdown note archive for content defects.

Usage:
  notelint [flags] [PATH...]    lint notes under PATH (default: .)
  notelint rules [--markdown]   list the rules
  notelint explain RULE         show a rule's full documentation
  notelint init [DIR]           write a starter .notelint.yml, tracks filled in
  notelint report [PATH...]     write the weekly quality report (see notelint report -h)
  notelint site [--pages] [PATH]  show how notelint sees the site: generator, pages, languages, URLs
  notelint version              print the version

Flags:
`)
}

// multiFlag collects a repeatable string flag; commas also separate values.
type multiFlag []string

func (m *multiFlag) String() string { return strings.Join(*m, ",") }
func (m *multiFlag) Set(s string) error {
	for _, v := range strings.Split(s, ",") {
		if v = strings.TrimSpace(v); v != "" {
			*m = append(*m, v)
		}
	}
	return nil
}

type lintFlags struct {
	formats     formatFlag
	outputFile  string
	configFile  string
	failOn      string
	enable      multiFlag
	disable     multiFlag
	noColor     bool
	quiet       bool
	jobs        int
	maxFileSize int64

	cacheDir      string
	noCache       bool
	changedSince  string
	drafts        bool
	baseline      string
	writeBaseline string
}

func newLintFlags(stderr io.Writer) (*flag.FlagSet, *lintFlags) {
	f := &lintFlags{}
	fs := flag.NewFlagSet("notelint", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Var(&f.formats, "format", "output `format`: text, json, sarif, github, rdjsonl, checkstyle or junit; NAME=FILE writes to FILE (repeatable)")
	fs.StringVar(&f.outputFile, "output", "", "write the report to `FILE` instead of standard output")
	fs.StringVar(&f.outputFile, "o", "", "shorthand for --output")
	fs.StringVar(&f.configFile, "config", "", "config `FILE` (default: .notelint.yml in the linted directory or a parent)")
	fs.StringVar(&f.failOn, "fail-on", "error", "exit 1 when a finding is at or above this `severity`: error, warning, info or none")
	fs.Var(&f.enable, "enable", "turn on `RULE` at its default severity (repeatable)")
	fs.Var(&f.disable, "disable", "turn off `RULE` (repeatable)")
	fs.BoolVar(&f.noColor, "no-color", false, "no colour in text output (also NO_COLOR=1; off when not a terminal)")
	fs.BoolVar(&f.quiet, "q", false, "quiet: print findings only, no summary")
	fs.BoolVar(&f.quiet, "quiet", false, "same as -q")
	fs.IntVar(&f.jobs, "jobs", 0, "notes checked in parallel (default: number of CPUs)")
	fs.Int64Var(&f.maxFileSize, "max-file-size", linter.DefaultMaxFileSize, "skip and report notes larger than this many `bytes`")
	fs.StringVar(&f.cacheDir, "cache", "", "keep the per-note cache in `DIR` (default: notelint in the user cache directory)")
	fs.BoolVar(&f.noCache, "no-cache", false, "do not read or write the cache")
	fs.StringVar(&f.changedSince, "changed-since", "", "report only on notes added or changed since git `REV`; archive-wide rules still compare them with every note")
	fs.BoolVar(&f.drafts, "drafts", false, "check drafts, future and expired notes as pages too (the site does not publish them)")
	fs.StringVar(&f.baseline, "baseline", "", "accept the findings recorded in `FILE`: they no longer fail the run, and entries that match nothing are reported as fixed")
	fs.StringVar(&f.writeBaseline, "write-baseline", "", "record today's findings in `FILE` (atomically) and exit 0")
	fs.Usage = func() {
		printUsage(stderr)
		fs.PrintDefaults()
	}
	return fs, f
}

// parseInterspersed lets flags follow paths: notelint content --format json.
// Everything after "--" is a path, even if it starts with a dash.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var tail []string
	for i, a := range args {
		if a == "--" {
			args, tail = args[:i], args[i+1:]
			break
		}
	}
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return append(pos, tail...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

func cmdLint(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs, f := newLintFlags(stderr)
	paths, err := parseInterspersed(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitClean
		}
		return exitError
	}
	code, err := lint(ctx, f, paths, stdout, stderr)
	if err != nil {
		return fail(stderr, "notelint", err)
	}
	return code
}

// fail prints err as the one line a failed run leaves on stderr, with a
// pointer to the usage for a usage error, and returns exit status 2.
func fail(stderr io.Writer, prog string, err error) int {
	var ue usageError
	if errors.As(err, &ue) {
		fmt.Fprintf(stderr, "%s: %v\nRun '%s -h' for usage.\n", prog, err, prog)
	} else {
		fmt.Fprintf(stderr, "%s: %v\n", prog, err)
	}
	return exitError
}

func lint(ctx context.Context, f *lintFlags, paths []string, stdout, stderr io.Writer) (int, error) {
	outs, err := f.formats.resolve(f.outputFile)
	if err != nil {
		return 0, err
	}
	failOn, err := linter.ParseSeverity(f.failOn)
	if err != nil {
		return 0, usageError{"--fail-on: " + err.Error()}
	}
	all := rules.Everything()
	cfg, srcs, unreadable, model, err := prepare(f.configFile, paths, all, f.enable, f.disable, f.drafts)
	if err != nil {
		return 0, err
	}
	partial := false
	checked := map[string]bool{}
	if f.changedSince != "" {
		dir := "."
		if len(paths) > 0 {
			dir = paths[0]
			if st, err := os.Stat(dir); err == nil && !st.IsDir() {
				dir = filepath.Dir(dir)
			}
		}
		changed, err := linter.ChangedSince(dir, f.changedSince)
		if err != nil {
			return 0, err
		}
		partial = true
		for i := range srcs {
			if changed[realPath(srcs[i].OSPath)] {
				checked[srcs[i].Path] = true
			} else {
				srcs[i].Context = true
			}
		}
		kept := unreadable[:0]
		for _, u := range unreadable {
			if changed[realPath(u.Path)] {
				kept = append(kept, u)
			}
		}
		unreadable = kept
	}
	var base *linter.Baseline
	if f.baseline != "" {
		if base, err = linter.ReadBaseline(f.baseline); err != nil {
			return 0, err
		}
	}
	cache := openCache(f, cfg, model, stderr)
	res, err := linter.Run(ctx, srcs, unreadable, linter.Options{
		Config: cfg, Rules: all, Jobs: f.jobs, MaxFileSize: f.maxFileSize, Partial: partial, Cache: cache, Site: model,
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
	if f.writeBaseline != "" {
		b := linter.NewBaseline("notelint "+toolVersion(), res.Findings)
		if err := writeFileAtomic(f.writeBaseline, b.Write); err != nil {
			return 0, err
		}
		fmt.Fprintf(stderr, "notelint: recorded %d finding(s) in %s\n", len(b.Findings), f.writeBaseline)
		return exitClean, nil
	}
	findings := res.Findings
	if base != nil {
		var isChecked func(string) bool
		if partial {
			isChecked = func(p string) bool { return checked[p] }
		}
		var accepted int
		var fixed []linter.BaselineEntry
		findings, accepted, fixed = base.Filter(findings, isChecked)
		if !f.quiet {
			fmt.Fprintf(stderr, "notelint: baseline %s accepted %d finding(s)", f.baseline, accepted)
			if len(fixed) > 0 {
				fmt.Fprintf(stderr, "; %d entr(ies) no longer match and can be removed (fixed):", len(fixed))
				for i, e := range fixed {
					if i == 10 {
						fmt.Fprintf(stderr, "\n  and %d more; run --write-baseline to rewrite the file", len(fixed)-10)
						break
					}
					fmt.Fprintf(stderr, "\n  %s: %s: %s", e.Path, e.Rule, e.Message)
				}
			}
			fmt.Fprintln(stderr)
		}
	}
	notices := res.Notices
	if cfg.Path == "" {
		notices = append(notices, dominantRuleNotices(findings, res.Pages)...)
	}
	out := &output.Run{ToolName: "notelint", ToolVersion: toolVersion(),
		Files: res.Files, Notes: res.Notes, Pages: res.Pages, Generator: string(model.Generator),
		Notices: notices, Findings: findings, Rules: all}
	for _, o := range outs {
		if o.file == "" {
			if err := writeFormat(stdout, o.name, out, f, useColor(f, stdout)); err != nil {
				return 0, err
			}
		} else if err := writeFileAtomic(o.file, func(w io.Writer) error {
			return writeFormat(w, o.name, out, f, false)
		}); err != nil {
			return 0, err
		}
		if o.name == "github" {
			if err := appendStepSummary(out); err != nil {
				fmt.Fprintf(stderr, "notelint: %v\n", err)
			}
		}
	}
	if res.Internal > 0 {
		fmt.Fprintf(stderr, "notelint: %d internal error(s); please report them\n", res.Internal)
		return exitError, nil
	}
	if linter.AtLeast(findings, failOn) {
		return exitFindings, nil
	}
	return exitClean, nil
}

// prepare loads the configuration, applies --enable and --disable, and
// finds the notes: what linting and the report share.
func prepare(configFile string, paths []string, all []*linter.Rule, enable, disable []string, drafts bool) (*linter.Config, []linter.Source, []linter.Unreadable, *site.Model, error) {
	cfg, err := loadConfig(configFile, paths, all)
	if err != nil {
		return nil, nil, nil, nil, err
	}
	for _, id := range enable {
		r := rules.ByID(id)
		if r == nil {
			return nil, nil, nil, nil, usageError{fmt.Sprintf("--enable: unknown rule %q (see 'notelint rules')", id)}
		}
		if cfg.Severity(id) == linter.Off {
			cfg.SetSeverity(r, r.Severity)
		}
	}
	for _, id := range disable {
		r := rules.ByID(id)
		if r == nil {
			return nil, nil, nil, nil, usageError{fmt.Sprintf("--disable: unknown rule %q (see 'notelint rules')", id)}
		}
		cfg.SetSeverity(r, linter.Off)
	}
	files, unreadable, err := linter.Discover(paths, cfg)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, nil, nil, nil, fmt.Errorf("%v", err)
		}
		return nil, nil, nil, nil, err
	}
	if len(files) == 0 && len(unreadable) == 0 && cfg.Path != "" && len(cfg.Include) > 0 {
		return nil, nil, nil, nil, fmt.Errorf("%s: include matches no notes under %s", cfg.Path, strings.Join(orDot(paths), " "))
	}
	ov := cfg.Site
	ov.Drafts = ov.Drafts || drafts
	model, err := site.Load(siteDir(paths), &ov, time.Now())
	if err != nil {
		return nil, nil, nil, nil, err
	}
	// Templates, assets and build output are not notes to the generator.
	srcs := make([]linter.Source, 0, len(files))
	osPaths := make([]string, 0, len(files))
	for _, fl := range files {
		if model.Skipped(fl.OSPath) != "" {
			continue
		}
		srcs = append(srcs, linter.Source{Path: fl.Path, OSPath: fl.OSPath})
		osPaths = append(osPaths, fl.OSPath)
	}
	model.Prepare(osPaths)
	return cfg, srcs, unreadable, model, nil
}

// formatFlag collects --format NAME or NAME=FILE.
type formatFlag []string

func (m *formatFlag) String() string     { return strings.Join(*m, ",") }
func (m *formatFlag) Set(s string) error { *m = append(*m, s); return nil }

var formatNames = []string{"text", "json", "sarif", "github", "rdjsonl", "checkstyle", "junit"}

type outputSpec struct{ name, file string }

// resolve checks the formats and decides where each goes: its own file,
// --output, or standard output (for at most one).
func (m formatFlag) resolve(outputFile string) ([]outputSpec, error) {
	vals := []string(m)
	if len(vals) == 0 {
		vals = []string{"text"}
	}
	var outs []outputSpec
	toStdout := 0
	for _, v := range vals {
		name, file, _ := strings.Cut(v, "=")
		known := false
		for _, n := range formatNames {
			known = known || n == name
		}
		if !known {
			return nil, usageError{fmt.Sprintf("unknown --format %q (want %s, optionally =FILE)", name, strings.Join(formatNames, ", "))}
		}
		if strings.Contains(v, "=") && file == "" {
			return nil, usageError{fmt.Sprintf("--format %s=: missing file name", name)}
		}
		if file == "" {
			toStdout++
			file = outputFile
		}
		outs = append(outs, outputSpec{name, file})
	}
	if toStdout > 1 {
		return nil, usageError{"only one --format can go to standard output; write the others to files with NAME=FILE"}
	}
	return outs, nil
}

func writeFormat(w io.Writer, name string, out *output.Run, f *lintFlags, colour bool) error {
	switch name {
	case "json":
		return output.JSON(w, out)
	case "sarif":
		return output.SARIF(w, out)
	case "github":
		return output.GitHub(w, out)
	case "rdjsonl":
		return output.RDJSONL(w, out)
	case "checkstyle":
		return output.Checkstyle(w, out)
	case "junit":
		return output.JUnit(w, out)
	}
	return output.Text(w, out, output.TextOptions{Color: colour, Quiet: f.quiet})
}

// stepSummaryLimit is GitHub's size limit for one step's summary.
const stepSummaryLimit = 1 << 20

// appendStepSummary adds the Markdown summary to $GITHUB_STEP_SUMMARY when
// running in GitHub Actions.
func appendStepSummary(out *output.Run) error {
	p := os.Getenv("GITHUB_STEP_SUMMARY")
	if p == "" {
		return nil
	}
	used := int64(0)
	if st, err := os.Stat(p); err == nil {
		used = st.Size()
	}
	room := stepSummaryLimit - int(used)
	if room < 1024 {
		return fmt.Errorf("step summary: %s is full; summary skipped", p)
	}
	fh, err := os.OpenFile(p, os.O_APPEND|os.O_WRONLY|os.O_CREATE, 0o644)
	if err != nil {
		return fmt.Errorf("step summary: %w", err)
	}
	defer fh.Close()
	return output.StepSummary(fh, out, room)
}

func orDot(paths []string) []string {
	if len(paths) == 0 {
		return []string{"."}
	}
	return paths
}

// useColor decides on colour: never with --no-color, NO_COLOR, or when the
// output is not a terminal.
func useColor(f *lintFlags, w io.Writer) bool {
	if f.noColor || os.Getenv("NO_COLOR") != "" || color.NoColor && os.Getenv("FORCE_COLOR") == "" {
		return false
	}
	file, ok := w.(*os.File)
	return ok && (isatty.IsTerminal(file.Fd()) || isatty.IsCygwinTerminal(file.Fd()))
}

// dominantRuleNotices says, for a run without a config, which rule
// flags more than half of the pages: on such an archive the rule is
// usually at odds with how the site is written, and one config line
// changes it.
func dominantRuleNotices(findings []linter.Finding, pages int) []string {
	if pages < 10 {
		return nil
	}
	paths := map[string]map[string]bool{}
	for _, f := range findings {
		if paths[f.Rule] == nil {
			paths[f.Rule] = map[string]bool{}
		}
		paths[f.Rule][f.Path] = true
	}
	var out []string
	for _, r := range rules.All() {
		if n := len(paths[r.ID]); n*2 > pages {
			out = append(out, fmt.Sprintf("%s flags %d of %d pages; if that is how this site is written, turn it off with rules: {%s: off} in .notelint.yml, or run notelint init to write a config for this site (see notelint explain %s)",
				r.ID, n, pages, r.ID, r.ID))
		}
	}
	return out
}

// siteDir is the folder site detection starts from: the first path, or
// the folder of the first path when it is a file.
func siteDir(paths []string) string {
	dir := "."
	if len(paths) > 0 {
		dir = paths[0]
		if st, err := os.Stat(dir); err == nil && !st.IsDir() {
			dir = filepath.Dir(dir)
		}
	}
	return dir
}

// loadConfig reads --config, or finds .notelint.yml beside the first path.
func loadConfig(explicit string, paths []string, all []*linter.Rule) (*linter.Config, error) {
	p := explicit
	if p == "" {
		p = linter.FindConfig(siteDir(paths))
	}
	if p == "" {
		return linter.DefaultConfig(all), nil
	}
	return linter.LoadConfig(p, all)
}

// openCache opens the per-note cache unless --no-cache. The default
// location is used only if it can be created; a cache is an optimisation
// and never a reason to fail.
func openCache(f *lintFlags, cfg *linter.Config, model *site.Model, stderr io.Writer) *linter.Cache {
	if f.noCache {
		return nil
	}
	dir := f.cacheDir
	if dir == "" {
		base, err := os.UserCacheDir()
		if err != nil {
			return nil
		}
		dir = filepath.Join(base, "notelint")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		if f.cacheDir != "" {
			fmt.Fprintf(stderr, "notelint: cache: %v; running without it\n", err)
		}
		return nil
	}
	return linter.OpenCache(dir, cacheSalt()+"\x00"+cfg.Hash()+"\x00"+model.Hash())
}

// cacheSalt ties cache entries to this build: the version for a release,
// and for a development build also the executable's own hash, so a rebuilt
// binary never trusts results of the previous one.
func cacheSalt() string {
	v := toolVersion()
	if !strings.HasSuffix(v, "-dev") && !strings.Contains(v, "devel") {
		return v
	}
	exe, err := os.Executable()
	if err != nil {
		return v + fmt.Sprint(time.Now().UnixNano())
	}
	fh, err := os.Open(exe)
	if err != nil {
		return v + fmt.Sprint(time.Now().UnixNano())
	}
	defer fh.Close()
	h := sha256.New()
	io.Copy(h, fh)
	return v + hex.EncodeToString(h.Sum(nil))
}

// realPath is the absolute path with symlinks resolved, as git reports it.
func realPath(p string) string {
	abs, err := filepath.Abs(p)
	if err != nil {
		return p
	}
	if r, err := filepath.EvalSymlinks(abs); err == nil {
		return r
	}
	return abs
}

// writeFileAtomic writes through a temporary file in the same directory and
// renames it into place, so readers never see a half-written file and an
// interrupted run leaves nothing behind.
func writeFileAtomic(path string, write func(io.Writer) error) (err error) {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err = write(tmp); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err = os.Chmod(tmp.Name(), 0o644); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
