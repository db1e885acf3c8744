// Package linttest runs rules over fixture notes that carry their expected
// findings in comments, in the manner of golang.org/x/tools/go/analysis/analysistest.
//
// A fixture line expects findings with a comment on the same line:
//
//	title: Untitled            # want "note has no title"
//	Stockouts cost $4M a year. <!-- want 1 `statistic .* has no source` -->
//
// Each expectation is a regular expression matched against the message,
// optionally preceded by the 1-based column the finding must start at.
// A finding on a line that cannot hold a comment (a frontmatter delimiter)
// is expected from a nearby line with a relative offset: "# want-1 ...".
// Comments are blanked with spaces before linting, so offsets do not move.
package linttest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/notelint/notelint/linter"
	"github.com/notelint/notelint/linter/site"
)

type want struct {
	path   string
	line   int
	col    int // 0: any
	re     *regexp.Regexp
	raw    string
	usedBy int
}

var wantComment = regexp.MustCompile(`(<!--\s*want([+-]\d+)?\s+(.*?)\s*-->|#\s*want([+-]\d+)?\s+(.*)$)`)

// Run lints every note under dir as one archive with only the given rules
// (and invalid-note) turned on, and compares findings with the fixtures'
// expectations. A .notelint.yml in dir configures the run.
func Run(t *testing.T, dir string, rules ...*linter.Rule) []linter.Finding {
	t.Helper()
	return RunResult(t, dir, rules...).Findings
}

// RunResult is Run, returning the whole result (notices, page counts)
// for tests that check more than findings.
func RunResult(t *testing.T, dir string, rules ...*linter.Rule) *linter.Result {
	t.Helper()
	res, wants := lint(t, dir, rules)
	ids := map[string]bool{linter.InvalidNote.ID: true}
	for _, r := range rules {
		ids[r.ID] = true
	}
	for _, f := range res.Findings {
		if !ids[f.Rule] {
			continue
		}
		matched := false
		for _, w := range wants {
			if w.path == f.Path && w.line == f.Start.Line && (w.col == 0 || w.col == f.Start.Column) && w.re.MatchString(f.Message) && w.usedBy == 0 {
				w.usedBy++
				matched = true
				break
			}
		}
		if !matched {
			t.Errorf("%s:%d:%d: unexpected finding [%s]: %s", f.Path, f.Start.Line, f.Start.Column, f.Rule, f.Message)
		}
	}
	for _, w := range wants {
		if w.usedBy == 0 {
			col := ""
			if w.col > 0 {
				col = fmt.Sprintf(" at column %d", w.col)
			}
			t.Errorf("%s:%d: no finding%s matched %q", w.path, w.line, col, w.raw)
		}
	}
	return res
}

func lint(t *testing.T, dir string, rules []*linter.Rule) (*linter.Result, []*want) {
	t.Helper()
	all := append(linter.EngineRules(), rules...)
	cfg := linter.DefaultConfig(all)
	cfgPath := filepath.Join(dir, ".notelint.yml")
	if data, err := os.ReadFile(cfgPath); err == nil {
		cfg, err = linter.ParseConfig(cfgPath, data, all)
		if err != nil {
			t.Fatal(err)
		}
	}
	var srcs []linter.Source
	var wants []*want
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || !(strings.HasSuffix(p, ".md") || strings.HasSuffix(p, ".markdown")) {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		ws, blanked, err := extract(rel, data)
		if err != nil {
			return err
		}
		wants = append(wants, ws...)
		srcs = append(srcs, linter.Source{Path: rel, OSPath: p, Src: blanked})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Slice(srcs, func(i, j int) bool { return srcs[i].Path < srcs[j].Path })
	// The fixture directory is a site of its own: a generator config in
	// it (hugo.toml, _config.yml, ...) makes the notes that site's.
	ov := cfg.Site
	if ov.Dir == "" {
		ov.Dir = dir
	}
	model, err := site.Load(dir, &ov, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	osPaths := make([]string, len(srcs))
	for i, s := range srcs {
		osPaths[i] = s.OSPath
	}
	model.Prepare(osPaths)
	res, err := linter.Run(context.Background(), srcs, nil, linter.Options{Config: cfg, Rules: all, Jobs: 2, Site: model})
	if err != nil {
		t.Fatal(err)
	}
	return res, wants
}

// extract finds want comments and returns the source with them blanked.
func extract(path string, src []byte) ([]*want, []byte, error) {
	out := append([]byte(nil), src...)
	var wants []*want
	line := 1
	start := 0
	for start <= len(src) {
		end := start
		for end < len(src) && src[end] != '\n' && src[end] != '\r' {
			end++
		}
		text := string(src[start:end])
		if m := wantComment.FindStringSubmatchIndex(text); m != nil {
			args, rel := "", ""
			if m[6] >= 0 {
				args = text[m[6]:m[7]]
				if m[4] >= 0 {
					rel = text[m[4]:m[5]]
				}
			} else {
				args = text[m[10]:m[11]]
				if m[8] >= 0 {
					rel = text[m[8]:m[9]]
				}
			}
			delta, _ := strconv.Atoi(rel)
			ws, err := parseWants(args)
			if err != nil {
				return nil, nil, fmt.Errorf("%s:%d: %v", path, line, err)
			}
			for _, w := range ws {
				w.path, w.line = path, line+delta
			}
			wants = append(wants, ws...)
			for i := start + m[0]; i < start+m[1]; i++ {
				out[i] = ' '
			}
		}
		if end >= len(src) {
			break
		}
		if src[end] == '\r' && end+1 < len(src) && src[end+1] == '\n' {
			end++
		}
		start = end + 1
		line++
	}
	return wants, out, nil
}

// parseWants parses `12 "re" "re2"`: regexps, each optionally preceded by
// a column number.
func parseWants(s string) ([]*want, error) {
	var ws []*want
	col := 0
	for s = strings.TrimSpace(s); s != ""; s = strings.TrimSpace(s) {
		switch c := s[0]; {
		case c >= '0' && c <= '9':
			i := strings.IndexFunc(s, func(r rune) bool { return r < '0' || r > '9' })
			if i < 0 {
				i = len(s)
			}
			col, _ = strconv.Atoi(s[:i])
			s = s[i:]
		case c == '"' || c == '`':
			var lit string
			var rest string
			if c == '`' {
				j := strings.IndexByte(s[1:], '`')
				if j < 0 {
					return nil, fmt.Errorf("unterminated want %s", s)
				}
				lit, rest = s[1:1+j], s[2+j:]
			} else {
				q, err := strconv.QuotedPrefix(s)
				if err != nil {
					return nil, fmt.Errorf("bad want %s: %v", s, err)
				}
				lit, _ = strconv.Unquote(q)
				rest = s[len(q):]
			}
			re, err := regexp.Compile(lit)
			if err != nil {
				return nil, err
			}
			ws = append(ws, &want{col: col, re: re, raw: lit})
			col = 0
			s = rest
		default:
			return nil, fmt.Errorf("want: expected a column or a quoted regexp at %q", s)
		}
	}
	if len(ws) == 0 {
		return nil, fmt.Errorf("want with no expectation")
	}
	return ws, nil
}
