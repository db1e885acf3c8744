package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/notelint/notelint/rules"
)

func cmdRules(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("notelint rules", flag.ContinueOnError)
	fs.SetOutput(stderr)
	md := fs.Bool("markdown", false, "print every rule's documentation as Markdown")
	if err := fs.Parse(args); err != nil {
		return exitError
	}
	if *md {
		writeRulesMarkdown(stdout)
		return exitClean
	}
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "RULE\tSEVERITY\tDESCRIPTION")
	for _, r := range rules.Everything() {
		fmt.Fprintf(tw, "%s\t%s\t%s\n", r.ID, r.Severity, r.Title)
	}
	tw.Flush()
	return exitClean
}

// writeRulesMarkdown prints the rule reference that the README embeds.
func writeRulesMarkdown(w io.Writer) {
	bw := bufio.NewWriter(w)
	fmt.Fprintln(bw, "| rule | default | flags |")
	fmt.Fprintln(bw, "|---|---|---|")
	for _, r := range rules.Everything() {
		fmt.Fprintf(bw, "| [`%s`](#%s) | %s | %s |\n", r.ID, r.ID, r.Severity, r.Title)
	}
	for _, r := range rules.Everything() {
		fmt.Fprintf(bw, "\n### %s\n\n*Default severity: %s.* %s.\n\n%s", r.ID, r.Severity, capitalize(r.Title), strings.TrimRight(r.Doc, "\n")+"\n")
	}
	bw.Flush()
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func cmdExplain(args []string, stdout, stderr io.Writer) int {
	if len(args) != 1 {
		fmt.Fprintln(stderr, "usage: notelint explain RULE (see 'notelint rules')")
		return exitError
	}
	r := rules.ByID(args[0])
	if r == nil {
		fmt.Fprintf(stderr, "notelint: unknown rule %q (see 'notelint rules')\n", args[0])
		return exitError
	}
	fmt.Fprintf(stdout, "%s (default severity: %s)\n%s\n\n%s", r.ID, r.Severity, capitalize(r.Title), strings.TrimRight(r.Doc, "\n")+"\n")
	return exitClean
}
