package linter

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/bmatcuk/doublestar/v4"
)

// File is a note file found on disk.
type File struct {
	// Path is what findings show: relative to the working directory,
	// slash-separated.
	Path string
	// OSPath is the path to open.
	OSPath string
}

// Unreadable is a path that discovery could not read.
type Unreadable struct {
	Path string
	Err  error
}

// isNoteName reports whether name has a Markdown extension.
func isNoteName(name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	return ext == ".md" || ext == ".markdown"
}

// skipDir reports whether a directory is never walked into: VCS metadata,
// dependencies and hidden folders.
func skipDir(name string) bool {
	return name == "node_modules" || (strings.HasPrefix(name, ".") && name != "." && name != "..")
}

// Discover lists the notes under paths, sorted and each once, honouring the
// config's include and exclude globs (relative to the config's directory).
// A file named explicitly is linted whatever its name. Directory symlinks
// are not followed, so symlink loops cannot trap the walk.
func Discover(paths []string, c *Config) ([]File, []Unreadable, error) {
	if len(paths) == 0 {
		paths = []string{"."}
	}
	cwd, _ := os.Getwd()
	// filepath.Abs asks the system for the working directory on every
	// call; with 100,000 notes that is noticeable, so join by hand.
	abs := func(p string) string {
		if filepath.IsAbs(p) || cwd == "" {
			return filepath.Clean(p)
		}
		return filepath.Join(cwd, p)
	}
	cfgDir := abs(c.Dir)
	seen := map[string]bool{}
	var files []File
	var bad []Unreadable
	add := func(osPath string) {
		a := abs(osPath)
		if seen[a] {
			return
		}
		seen[a] = true
		files = append(files, File{Path: displayPath(cwd, a), OSPath: osPath})
	}
	for _, root := range paths {
		st, err := os.Stat(root)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil, nil, err
			}
			bad = append(bad, Unreadable{Path: root, Err: err})
			continue
		}
		if !st.IsDir() {
			add(root)
			continue
		}
		err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				bad = append(bad, Unreadable{Path: p, Err: err})
				if d != nil && d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				if p != root && skipDir(d.Name()) {
					return fs.SkipDir
				}
				return nil
			}
			if !isNoteName(d.Name()) {
				return nil
			}
			if d.Type()&fs.ModeSymlink != 0 {
				st, err := os.Stat(p)
				if err != nil {
					bad = append(bad, Unreadable{Path: p, Err: err})
					return nil
				}
				if !st.Mode().IsRegular() {
					return nil
				}
			} else if !d.Type().IsRegular() {
				return nil
			}
			if !c.selected(abs(p), cfgDir) {
				return nil
			}
			add(p)
			return nil
		})
		if err != nil {
			return nil, nil, err
		}
	}
	sort.Slice(files, func(i, j int) bool { return files[i].Path < files[j].Path })
	return files, bad, nil
}

// selected applies include and exclude globs to a path found by walking;
// abs and cfgDir are absolute.
func (c *Config) selected(abs, cfgDir string) bool {
	if len(c.Include) == 0 && len(c.Exclude) == 0 {
		return true
	}
	rel := abs
	if r, err := filepath.Rel(cfgDir, abs); err == nil {
		rel = r
	}
	rel = filepath.ToSlash(rel)
	if len(c.Include) > 0 {
		ok := false
		for _, g := range c.Include {
			if m, _ := doublestar.Match(g, rel); m {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	for _, g := range c.Exclude {
		if m, _ := doublestar.Match(g, rel); m {
			return false
		}
	}
	return true
}

// displayPath is abs relative to cwd when it lies below it, slash-separated.
func displayPath(cwd, abs string) string {
	if cwd != "" {
		if r, err := filepath.Rel(cwd, abs); err == nil && !strings.HasPrefix(r, "..") {
			return filepath.ToSlash(r)
		}
	}
	return filepath.ToSlash(abs)
}
