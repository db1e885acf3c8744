// Command notelint checks a Markdown note archive for content defects:
// duplicate and placeholder titles, frontmatter and JSON-LD leaking into
// what readers see, raw markup in excerpts, unsourced statistics and notes
// outside any track.
//
// Usage:
//
//	notelint [flags] [PATH...]    lint (default: the current directory)
//	notelint rules [--markdown]   list the rules
//	notelint explain RULE         show a rule's documentation
//	notelint init [DIR]           write a starter .notelint.yml
//	notelint version
//
// Exit status: 0 no finding at or above --fail-on; 1 findings at or above
// it; 2 the run could not be completed (usage, config or I/O error).
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
