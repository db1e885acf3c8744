package output

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/fatih/color"
	"github.com/notelint/notelint/linter"
)

// TextOptions controls the text printer.
type TextOptions struct {
	Color bool
	// Quiet prints only findings, without the summary line.
	Quiet bool
}

// Text writes findings for people, one per line and a block per file:
//
//	content/a.md:2:8  error  title "X" is also used by content/b.md; ...  duplicate-title
//	    see content/b.md:2:9
//
// followed by a one-line summary.
func Text(w io.Writer, r *Run, opt TextOptions) error {
	bw := bufio.NewWriter(w)
	paint := func(c *color.Color, s string) string {
		if !opt.Color {
			return s
		}
		c.EnableColor()
		return c.Sprint(s)
	}
	bold := color.New(color.Bold)
	dim := color.New(color.Faint)
	sevColor := map[linter.Severity]*color.Color{
		linter.Error:   color.New(color.FgRed, color.Bold),
		linter.Warning: color.New(color.FgYellow),
		linter.Info:    color.New(color.FgCyan),
	}
	// Findings of one file form a block; positions are aligned within it.
	for i := 0; i < len(r.Findings); {
		path := r.Findings[i].Path
		j := i
		posW := 0
		for j < len(r.Findings) && r.Findings[j].Path == path {
			posW = max(posW, len(posString(r.Findings[j])))
			j++
		}
		if i > 0 {
			bw.WriteString("\n")
		}
		for _, f := range r.Findings[i:j] {
			pos := posString(f)
			sev := f.Severity.String()
			fmt.Fprintf(bw, "%s%s  %s%s  %s  %s\n",
				paint(bold, pos), strings.Repeat(" ", posW-len(pos)),
				paint(sevColor[f.Severity], sev), strings.Repeat(" ", len("warning")-len(sev)),
				f.Message, paint(dim, f.Rule))
			for _, rel := range f.Related {
				fmt.Fprintf(bw, "    %s\n", paint(dim, fmt.Sprintf("see %s:%d:%d", printablePath(rel.Path), rel.Line, rel.Column)))
			}
			if f.RelatedMore > 0 {
				fmt.Fprintf(bw, "    %s\n", paint(dim, fmt.Sprintf("and %d more", f.RelatedMore)))
			}
		}
		i = j
	}
	if !opt.Quiet {
		if len(r.Findings) > 0 {
			bw.WriteString("\n")
		}
		bw.WriteString(Summary(r) + "\n")
		for _, n := range r.Notices {
			fmt.Fprintf(bw, "%s %s\n", paint(dim, "note:"), n)
		}
	}
	return bw.Flush()
}

func posString(f linter.Finding) string {
	return fmt.Sprintf("%s:%d:%d", printablePath(f.Path), f.Start.Line, f.Start.Column)
}

// printablePath quotes a path with control characters (a newline in a file
// name would otherwise split the line) or invalid UTF-8.
func printablePath(p string) string {
	if !utf8.ValidString(p) || strings.IndexFunc(p, unicode.IsControl) >= 0 {
		return strconv.Quote(p)
	}
	return p
}

// Summary is the one-line tally: files, notes, and findings by severity.
func Summary(r *Run) string {
	c := linter.Count(r.Findings)
	notes := plural(r.Notes, "note")
	if r.Pages < r.Notes && r.Generator != "" {
		// Some notes are partials, drafts or redirects: say how many are
		// pages, which page rules looked at.
		notes += fmt.Sprintf(" (%s)", plural(r.Pages, "page"))
	}
	s := fmt.Sprintf("%s checked, %s: ", plural(r.Files, "file"), notes)
	if len(r.Findings) == 0 {
		return s + "no findings"
	}
	var parts []string
	if c.Error > 0 {
		parts = append(parts, plural(c.Error, "error"))
	}
	if c.Warning > 0 {
		parts = append(parts, plural(c.Warning, "warning"))
	}
	if c.Info > 0 {
		parts = append(parts, plural(c.Info, "info"))
	}
	return s + strings.Join(parts, ", ")
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	if word == "info" {
		return fmt.Sprintf("%d infos", n)
	}
	return fmt.Sprintf("%d %ss", n, word)
}
