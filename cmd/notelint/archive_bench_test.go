package main

import (
	"bytes"
	"context"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"

	"github.com/adrg/frontmatter"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"
)

// BenchmarkArchive compares a full run with the floor on the archive named
// by NOTELINT_BENCH_ARCHIVE (for example one written by cmd/notegen):
//
//	NOTELINT_BENCH_ARCHIVE=/tmp/gen100k go test -run '^$' -bench Archive -benchtime 3x ./cmd/notelint
//
// The floor is the least any linter of Markdown with frontmatter does: walk
// the tree, read each note, decode its frontmatter with adrg/frontmatter
// and parse its body with goldmark, on every core, keeping nothing. The
// full run is the command with every default rule and no cache.
func BenchmarkArchive(b *testing.B) {
	dir := os.Getenv("NOTELINT_BENCH_ARCHIVE")
	if dir == "" {
		b.Skip("set NOTELINT_BENCH_ARCHIVE to a folder of notes")
	}
	b.Run("floor", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			floor(b, dir)
		}
	})
	b.Run("full", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			if code := run(context.Background(), []string{"--no-cache", "-q", dir}, io.Discard, io.Discard); code == 2 {
				b.Fatalf("notelint failed (exit %d)", code)
			}
		}
	})
}

func floor(b *testing.B, dir string) {
	var paths []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && filepath.Ext(p) == ".md" {
			paths = append(paths, p)
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	md := goldmark.New(goldmark.WithExtensions(extension.GFM, extension.Footnote))
	next := make(chan string)
	var wg sync.WaitGroup
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for p := range next {
				src, err := os.ReadFile(p)
				if err != nil {
					continue
				}
				var meta map[string]any
				body, err := frontmatter.Parse(bytes.NewReader(src), &meta)
				if err != nil {
					body = src
				}
				md.Parser().Parse(text.NewReader(body))
			}
		}()
	}
	for _, p := range paths {
		next <- p
	}
	close(next)
	wg.Wait()
}
