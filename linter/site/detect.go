package site

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// Overrides are the site: settings of .notelint.yml. Each one set replaces
// what detection found.
type Overrides struct {
	// Generator is hugo, jekyll, zola, mkdocs, docusaurus, docfx or none.
	Generator string `yaml:"generator"`
	// Content are the folders whose notes are pages, relative to the
	// config file.
	Content []string `yaml:"content"`
	// Languages are the site's language codes, the default first.
	Languages []string `yaml:"languages"`
	// DefaultLanguage is the language of notes that name none.
	DefaultLanguage string `yaml:"default-language"`
	// Permalinks are URL patterns by section; the key "*" applies to
	// every section (Jekyll's single permalink setting).
	Permalinks map[string]string `yaml:"permalinks"`
	// Exclude are globs, relative to the config file, of notes that are
	// not pages (partials, snippets). Content rules still check them.
	Exclude []string `yaml:"exclude"`
	// Drafts counts drafts, future and expired notes as pages.
	Drafts bool `yaml:"drafts"`
	// Titles is where titles come from: "frontmatter" (only the title
	// field) or "frontmatter-or-h1" (else the first H1).
	Titles string `yaml:"titles"`

	// Dir is the directory relative settings are resolved against: the
	// config file's.
	Dir string `yaml:"-"`
}

// Validate checks the values that must come from a fixed set.
func (o *Overrides) Validate() error {
	if o.Generator != "" && !knownGenerator(Generator(o.Generator)) {
		names := make([]string, len(Generators))
		for i, g := range Generators {
			names[i] = string(g)
		}
		return fmt.Errorf("site.generator %q: want one of %s", o.Generator, strings.Join(names, ", "))
	}
	switch o.Titles {
	case "", "frontmatter", "frontmatter-or-h1":
	default:
		return fmt.Errorf("site.titles %q: want frontmatter or frontmatter-or-h1", o.Titles)
	}
	return nil
}

func knownGenerator(g Generator) bool {
	for _, k := range Generators {
		if g == k {
			return true
		}
	}
	return false
}

// ConfigError is a generator config that cannot be read.
type ConfigError struct {
	File string
	Err  error
}

func (e *ConfigError) Error() string {
	return fmt.Sprintf("%s: cannot read this %s: %v", e.File, "site config", e.Err)
}

func (e *ConfigError) Unwrap() error { return e.Err }

// candidate is a file that may configure a generator.
type candidate struct {
	gen   Generator
	names []string
	// check confirms a file that other tools use too (config.toml).
	check func(dir string, cfg map[string]any) bool
}

var candidates = []candidate{
	{Hugo, []string{"hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json"}, nil},
	{Hugo, []string{"config/_default/hugo.toml", "config/_default/hugo.yaml", "config/_default/hugo.json",
		"config/_default/config.toml", "config/_default/config.yaml", "config/_default/config.json"}, nil},
	{Docusaurus, []string{"docusaurus.config.js", "docusaurus.config.ts", "docusaurus.config.mjs", "docusaurus.config.cjs", "docusaurus.config.mts"}, nil},
	{MkDocs, []string{"mkdocs.yml", "mkdocs.yaml"}, nil},
	{DocFX, []string{"docfx.json"}, nil},
	{Jekyll, []string{"_config.yml", "_config.yaml", "_config.toml"}, nil},
	{Zola, []string{"zola.toml"}, nil},
	{Zola, []string{"config.toml"}, func(dir string, cfg map[string]any) bool {
		_, ok := cfg["base_url"]
		return ok
	}},
	{Hugo, []string{"config.toml", "config.yaml", "config.yml", "config.json"}, func(dir string, cfg map[string]any) bool {
		for _, k := range [...]string{"baseURL", "contentDir", "defaultContentLanguage", "theme", "languageCode", "permalinks"} {
			if _, ok := lookupFold(cfg, k); ok {
				return isDir(filepath.Join(dir, "content")) || isDir(filepath.Join(dir, "layouts")) || isDir(filepath.Join(dir, "themes"))
			}
		}
		return false
	}},
}

func isDir(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.IsDir()
}

func isFile(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.Mode().IsRegular()
}

// Load finds the site that dir belongs to and reads its generator's
// config. Detection looks in dir and its parents, up to the top of the
// repository (the first folder holding .git); ov replaces what it finds.
// now decides which dated notes are published yet.
func Load(dir string, ov *Overrides, now time.Time) (*Model, error) {
	if ov == nil {
		ov = &Overrides{}
	}
	if err := ov.Validate(); err != nil {
		return nil, err
	}
	cwd, _ := os.Getwd()
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	m := &Model{Generator: None, Root: abs, now: now, cwd: cwd, Drafts: ov.Drafts, gen: plain{}}
	if ov.Dir != "" {
		if d, err := filepath.Abs(ov.Dir); err == nil && strings.HasPrefix(abs+string(filepath.Separator), d+string(filepath.Separator)) {
			m.Root = d
		}
	}
	want := Generator(ov.Generator)
	gen, file, cfg, err := detect(abs, want)
	if err != nil {
		return nil, err
	}
	if gen != "" {
		m.Generator, m.ConfigFile, m.Root = gen, file, filepath.Dir(file)
		if strings.Contains(filepath.ToSlash(file), "/config/_default/") {
			m.Root = filepath.Dir(filepath.Dir(m.Root)) // the folder holding config/
		}
		rel, _ := filepath.Rel(m.Root, file)
		how := "found " + filepath.ToSlash(rel)
		if want != "" {
			how = "set in .notelint.yml; config " + filepath.ToSlash(rel)
		}
		m.fact("generator", string(gen), how)
		if err := m.load(cfg); err != nil {
			return nil, &ConfigError{File: file, Err: err}
		}
	} else if want != "" && want != None {
		m.Generator = want
		m.fact("generator", string(want), "set in .notelint.yml (no config of it found; its defaults apply)")
		if err := m.load(map[string]any{}); err != nil {
			return nil, err
		}
	} else {
		how := "no generator config (hugo.toml, _config.yml, mkdocs.yml, ...) in " + dir + " or its parents"
		if want == None {
			how = "set in .notelint.yml"
		}
		m.fact("generator", string(None), how)
		m.fact("titles", "frontmatter-or-h1", "the title field, else the first H1")
		m.ContentDirs = []string{"."}
		m.detectLangFolders(abs)
	}
	m.apply(ov)
	return m, nil
}

// detect looks for a generator config in dir and its parents. With want
// set, only that generator's configs are considered.
func detect(dir string, want Generator) (Generator, string, map[string]any, error) {
	for d := dir; ; {
		for _, c := range candidates {
			if want != "" && c.gen != want {
				continue
			}
			for _, name := range c.names {
				p := filepath.Join(d, filepath.FromSlash(name))
				if !isFile(p) {
					continue
				}
				var cfg map[string]any
				if c.gen != Docusaurus {
					data, err := os.ReadFile(p)
					if err != nil {
						return "", "", nil, &ConfigError{File: p, Err: err}
					}
					switch {
					case c.gen == Hugo && strings.Contains(name, "_default/"):
						cfg, err = readHugoConfigDir(filepath.Dir(p))
					case c.gen == MkDocs:
						cfg, err = readMkDocsConfig(p, data, 0)
					default:
						cfg, err = decodeConfig(name, data)
					}
					if err != nil {
						if c.check != nil {
							continue // not this generator's file after all
						}
						return "", "", nil, &ConfigError{File: p, Err: err}
					}
				} else {
					data, err := os.ReadFile(p)
					if err != nil {
						return "", "", nil, &ConfigError{File: p, Err: err}
					}
					cfg = docusaurusConfig(string(data))
				}
				if c.check != nil && !c.check(d, cfg) {
					continue
				}
				return c.gen, p, cfg, nil
			}
		}
		if isDir(filepath.Join(d, ".git")) || isFile(filepath.Join(d, ".git")) {
			break
		}
		parent := filepath.Dir(d)
		if parent == d {
			break
		}
		d = parent
	}
	return "", "", nil, nil
}

// load reads the generator's settings from its config.
func (m *Model) load(cfg map[string]any) error {
	switch m.Generator {
	case Hugo:
		return loadHugo(m, cfg)
	case Jekyll:
		return loadJekyll(m, cfg)
	case Zola:
		return loadZola(m, cfg)
	case MkDocs:
		return loadMkDocs(m, cfg)
	case Docusaurus:
		return loadDocusaurus(m, cfg)
	case DocFX:
		return loadDocFX(m, cfg)
	}
	return nil
}

// apply lays the notelint config's site: settings over what was found.
func (m *Model) apply(ov *Overrides) {
	base := ov.Dir
	if base == "" {
		base = m.Root
	}
	base, _ = filepath.Abs(base)
	if len(ov.Content) > 0 {
		m.ContentDirs = nil
		for _, c := range ov.Content {
			p := filepath.Join(base, filepath.FromSlash(c))
			if rel, err := filepath.Rel(m.Root, p); err == nil {
				m.ContentDirs = append(m.ContentDirs, filepath.ToSlash(rel))
			}
		}
		m.overridden = true
		m.fact("content", strings.Join(m.ContentDirs, ", "), "set in .notelint.yml")
	}
	if len(ov.Languages) > 0 {
		m.Langs = nil
		for _, l := range ov.Languages {
			m.Langs = append(m.Langs, normLang(l))
		}
		m.DefaultLang = m.Langs[0]
		m.fact("languages", strings.Join(m.Langs, ", "), "set in .notelint.yml")
	}
	if ov.DefaultLanguage != "" {
		m.DefaultLang = normLang(ov.DefaultLanguage)
		m.fact("default-language", m.DefaultLang, "set in .notelint.yml")
	}
	if len(ov.Permalinks) > 0 {
		if m.Permalinks == nil {
			m.Permalinks = map[string]string{}
		}
		keys := make([]string, 0, len(ov.Permalinks))
		for k, v := range ov.Permalinks {
			if k == "*" {
				k = ""
			}
			m.Permalinks[k] = v
			keys = append(keys, k)
		}
		sort.Strings(keys)
		m.fact("permalinks", strings.Join(keys, ", "), "set in .notelint.yml")
	}
	for _, g := range ov.Exclude {
		m.exclude = append(m.exclude, glob{base: base, pattern: g, source: "site.exclude " + g + " in .notelint.yml"})
	}
	if ov.Titles != "" {
		m.titles = ov.Titles
		m.fact("titles", ov.Titles, "set in .notelint.yml")
	}
	m.hashParts = append(m.hashParts, fmt.Sprintf("%+v", *ov))
	m.gen.configure(m)
}

// detectLangFolders marks the first-level folders of a plain archive that
// are language codes, when there are two or more of them: an archive that
// keeps its translations in en/, de/, ja/.
func (m *Model) detectLangFolders(root string) {
	ents, err := os.ReadDir(root)
	if err != nil {
		return
	}
	found := map[string]bool{}
	for _, e := range ents {
		if e.IsDir() && isLangCode(e.Name()) && len(e.Name()) <= 5 {
			found[normLang(e.Name())] = true
		}
	}
	if len(found) < 2 {
		return
	}
	m.langFolders = found
	var codes []string
	for c := range found {
		codes = append(codes, c)
	}
	sort.Strings(codes)
	if m.DefaultLang == "" && found["en"] {
		m.DefaultLang = "en"
	}
	if len(m.Langs) == 0 {
		m.Langs = codes
		if m.DefaultLang != "" {
			m.Langs = []string{m.DefaultLang}
			for _, c := range codes {
				if c != m.DefaultLang {
					m.Langs = append(m.Langs, c)
				}
			}
		}
	}
	m.fact("languages", strings.Join(codes, ", "), "folders named by language code at the top of the archive")
}

// langFromFolder returns the language of a path whose first folder is a
// language folder.
func (m *Model) langFromFolder(rel string) string {
	if m.langFolders == nil {
		return ""
	}
	if i := strings.IndexByte(rel, '/'); i > 0 && m.langFolders[normLang(rel[:i])] {
		return normLang(rel[:i])
	}
	return ""
}
