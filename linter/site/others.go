package site

import (
	"encoding/json"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/bmatcuk/doublestar/v4"
)

// zola is what Zola's config.toml says about publishing.
type zola struct {
	langs   map[string]bool
	content string // slash, relative to Root
}

func loadZola(m *Model, cfg map[string]any) error {
	z := &zola{langs: map[string]bool{}}
	m.gen = z
	m.hashParts = append(m.hashParts, fmt.Sprintf("%v", cfg))
	m.ContentDirs = []string{"content"}
	m.fact("content", "content", "Zola's content folder")
	m.DefaultLang = "en"
	if s := strAt(cfg, "default_language"); s != "" {
		m.DefaultLang = normLang(s)
	}
	m.Langs = []string{m.DefaultLang}
	z.langs[m.DefaultLang] = true
	var others []string
	for code := range mapAt(cfg, "languages") {
		if c := normLang(code); !z.langs[c] {
			z.langs[c] = true
			others = append(others, c)
		}
	}
	sort.Strings(others)
	m.Langs = append(m.Langs, others...)
	if len(others) > 0 {
		m.fact("languages", strings.Join(m.Langs, ", "), "Zola languages: and default_language")
	}
	m.fact("titles", "frontmatter", "Zola titles pages by their title field only")
	return nil
}

func (z *zola) configure(m *Model) {
	z.langs = map[string]bool{}
	for _, l := range m.Langs {
		z.langs[l] = true
	}
	z.content = "content"
	if len(m.ContentDirs) > 0 {
		z.content = m.ContentDirs[0]
	}
}

var zolaDatePrefix = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?)?[_-]`)

func (z *zola) page(m *Model, rel string, d *Doc) Page {
	if !strings.HasPrefix(rel, z.content+"/") {
		return Page{Why: "outside Zola's content folder (" + z.content + "/)", Lang: m.frontLang(d, m.DefaultLang)}
	}
	sub := rel[len(z.content)+1:]
	dir, file := path.Split(sub)
	dir = strings.TrimSuffix(dir, "/")
	base := stripExt(file)
	lang := m.DefaultLang
	if i := strings.LastIndexByte(base, '.'); i > 0 && z.langs[normLang(base[i+1:])] {
		lang, base = normLang(base[i+1:]), base[:i]
	}
	p := Page{Lang: lang, Kind: KindPage}
	if dir != "" {
		p.Section, _, _ = strings.Cut(dir, "/")
	}
	if base == "_index" {
		p.Kind = KindSection
		if dir == "" {
			p.Kind = KindHome
		}
		if b, ok := truthy(valueOf(d, "render")); ok && !b {
			p.Why = "render = false"
			return p
		}
	} else {
		// Other Markdown files of a page with colocated assets are assets.
		for _, a := range dirChain(dir) {
			if base == "index" && a == dir {
				continue
			}
			di := m.dir(filepath.Join(m.Root, filepath.FromSlash(z.content), filepath.FromSlash(a)))
			if di.files["index.md"] {
				return Page{Why: "an asset of " + path.Join(z.content, a, "index.md") + ", not a page", Lang: lang}
			}
		}
	}
	if b, _ := truthy(valueOf(d, "draft")); b && !m.Drafts {
		p.Why = "draft = true"
		return p
	}
	p.Published = true
	prefix := ""
	if lang != m.DefaultLang {
		prefix = "/" + lang
	}
	if u := strings.TrimSpace(d.str("path")); u != "" {
		p.URL = prefix + "/" + strings.Trim(u, "/") + "/"
		return p
	}
	segs := strings.Split(dir, "/")
	for i, s := range segs {
		segs[i] = slugify(s)
	}
	sdir := strings.Join(segs, "/")
	switch {
	case base == "_index":
		p.URL = prefix + joinURL(sdir, "")
	default:
		name := base
		if base == "index" {
			name = path.Base(dir)
			sdir = path.Dir(sdir)
			if sdir == "." {
				sdir = ""
			}
		}
		if s := strings.TrimSpace(d.str("slug")); s != "" {
			name = s
		} else {
			name = zolaDatePrefix.ReplaceAllString(name, "")
		}
		p.URL = prefix + joinURL(sdir, slugify(name))
	}
	return p
}

func valueOf(d *Doc, key string) any {
	v, _ := d.lookup(key)
	return v
}

// mkdocs is what mkdocs.yml says about publishing.
type mkdocs struct {
	docsDir      string
	dirURLs      bool
	excludeDocs  []string // gitignore-style patterns
	excludeGlobs []string // the exclude plugin's globs (fnmatch, relative to docs_dir)
}

// readMkDocsConfig reads mkdocs.yml and the file its INHERIT: key names,
// whose settings it overrides key by key (nested mappings merge).
func readMkDocsConfig(p string, data []byte, depth int) (map[string]any, error) {
	cfg, err := decodeConfig(p, data)
	if err != nil || depth > 5 {
		return cfg, err
	}
	parent := strAt(cfg, "INHERIT")
	if parent == "" {
		return cfg, nil
	}
	pp := filepath.Join(filepath.Dir(p), filepath.FromSlash(parent))
	pdata, err := os.ReadFile(pp)
	if err != nil {
		return nil, fmt.Errorf("INHERIT: %v", err)
	}
	base, err := readMkDocsConfig(pp, pdata, depth+1)
	if err != nil {
		return nil, fmt.Errorf("INHERIT %s: %v", parent, err)
	}
	return mergeMaps(base, cfg), nil
}

// mergeMaps lays over on base: nested mappings merge, anything else is
// replaced.
func mergeMaps(base, over map[string]any) map[string]any {
	out := map[string]any{}
	for k, v := range base {
		out[k] = v
	}
	for k, v := range over {
		if bm, om := asMap(out[k]), asMap(v); bm != nil && om != nil {
			out[k] = mergeMaps(bm, om)
			continue
		}
		out[k] = v
	}
	return out
}

func loadMkDocs(m *Model, cfg map[string]any) error {
	k := &mkdocs{docsDir: "docs", dirURLs: true}
	m.gen = k
	m.hashParts = append(m.hashParts, fmt.Sprintf("%v", cfg))
	how := "MkDocs' default docs_dir"
	if s := strAt(cfg, "docs_dir"); s != "" {
		k.docsDir, how = strings.Trim(path.Clean(filepath.ToSlash(s)), "/"), "docs_dir in mkdocs.yml"
	}
	m.ContentDirs = []string{k.docsDir}
	m.fact("content", k.docsDir, how)
	if v, ok := cfg["use_directory_urls"]; ok {
		k.dirURLs, _ = truthy(v)
	}
	for _, line := range strings.Split(strAt(cfg, "exclude_docs"), "\n") {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
			k.excludeDocs = append(k.excludeDocs, line)
		}
	}
	// The mkdocs-exclude plugin leaves files out of the build too:
	// plugins: {exclude: {glob: [...]}} or a list holding that mapping.
	var plugins []any
	if pm := asMap(cfg["plugins"]); pm != nil {
		plugins = append(plugins, pm)
	} else {
		plugins = listAt(cfg, "plugins")
	}
	for _, pv := range plugins {
		ex := asMap(asMap(pv)["exclude"])
		for _, g := range stringList(ex["glob"]) {
			k.excludeGlobs = append(k.excludeGlobs, g)
		}
	}
	m.DefaultLang = normLang(strAt(cfg, "theme", "language"))
	if m.DefaultLang != "" {
		m.Langs = []string{m.DefaultLang}
		m.fact("languages", m.DefaultLang, "theme.language in mkdocs.yml")
	}
	m.fact("titles", "frontmatter-or-h1", "MkDocs: the title field, else the first H1, else the file name")
	return nil
}

func (k *mkdocs) configure(m *Model) {
	if m.overridden && len(m.ContentDirs) > 0 {
		k.docsDir = strings.Trim(m.ContentDirs[0], "/")
	}
}

func (k *mkdocs) page(m *Model, rel string, d *Doc) Page {
	if !strings.HasPrefix(rel, k.docsDir+"/") {
		return Page{Why: "outside MkDocs' docs_dir (" + k.docsDir + "/)", Lang: m.frontLang(d, m.DefaultLang)}
	}
	sub := rel[len(k.docsDir)+1:]
	p := Page{Kind: KindPage, TitleH1: true, Lang: m.frontLang(d, m.DefaultLang)}
	for _, part := range strings.Split(sub, "/") {
		if strings.HasPrefix(part, ".") {
			p.Why = "MkDocs skips files and folders starting with a dot"
			return p
		}
	}
	for _, pat := range k.excludeDocs {
		if gitignoreMatch(pat, sub) {
			p.Why = "exclude_docs in mkdocs.yml (" + pat + ")"
			return p
		}
	}
	for _, g := range k.excludeGlobs {
		// fnmatch: * matches across slashes.
		if ok, _ := doublestar.Match(strings.ReplaceAll(g, "*", "**"), sub); ok {
			p.Why = "the exclude plugin in mkdocs.yml (" + g + ")"
			return p
		}
	}
	if b, _ := truthy(valueOf(d, "draft")); b && !m.Drafts {
		p.Why = "draft: true"
		return p
	}
	p.Published = true
	dir, file := path.Split(sub)
	dir = strings.TrimSuffix(dir, "/")
	base := stripExt(file)
	if dir != "" {
		p.Section, _, _ = strings.Cut(dir, "/")
	}
	if strings.EqualFold(base, "readme") {
		di := m.dir(filepath.Join(m.Root, filepath.FromSlash(k.docsDir), filepath.FromSlash(dir)))
		if !di.files["index.md"] {
			base = "index"
		}
	}
	if base == "index" {
		p.URL = joinURL(dir, "")
		if dir == "" {
			p.Kind = KindHome
		}
	} else {
		p.FileTitle = fileTitle(base)
		if k.dirURLs {
			p.URL = joinURL(dir, base)
		} else {
			p.URL = "/" + path.Join(dir, base) + ".html"
		}
	}
	return p
}

// fileTitle is the title MkDocs makes of a file name: dashes and
// underscores become spaces, the first letter is capitalised.
func fileTitle(base string) string {
	s := strings.NewReplacer("-", " ", "_", " ").Replace(base)
	if s == "" {
		return ""
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// gitignoreMatch matches a gitignore-style pattern (as exclude_docs uses)
// against a slash path.
func gitignoreMatch(pat, p string) bool {
	neg := strings.HasPrefix(pat, "!")
	if neg {
		return false
	}
	anchored := strings.HasPrefix(pat, "/") || strings.Contains(strings.TrimSuffix(pat, "/"), "/")
	pat = strings.TrimPrefix(pat, "/")
	dirOnly := strings.HasSuffix(pat, "/")
	pat = strings.TrimSuffix(pat, "/")
	try := func(g string) bool {
		ok, _ := doublestar.Match(g, p)
		if ok {
			return true
		}
		ok, _ = doublestar.Match(g+"/**", p)
		return ok
	}
	if anchored {
		return try(pat)
	}
	if !dirOnly && try("**/"+pat) {
		return true
	}
	return try("**/" + pat)
}

// docusaurus is what Docusaurus' conventions say about publishing; its
// config is JavaScript and is only scanned for a few literal settings.
type docusaurus struct {
	docsBase string // route of docs ("/docs")
	plugins  []dsPlugin
	last     string // the version served without its number: lastVersion, else the newest in versions.json
	current  string // the route of the unreleased docs (docs/) when a version is last: "/next"
}

// dsPlugin is another instance of a content plugin: a folder of docs or
// blog posts served under its own route.
type dsPlugin struct {
	kind  string // "docs", "blog" or "pages"
	id    string
	dir   string // slash, relative to Root
	route string // "/events"
}

var (
	dsPluginStart = regexp.MustCompile(`['"](?:@docusaurus/plugin-)?content-(docs|blog|pages)['"]\s*,\s*\{`)
	dsKey         = func(k string) *regexp.Regexp { return regexp.MustCompile(k + `\s*:\s*['"]([^'"]*)['"]`) }
	dsID          = dsKey("id")
	dsPath        = dsKey("path")
)

// dsPlugins finds the content plugin instances of a Docusaurus config:
// the object after each "@docusaurus/plugin-content-…" with its id, path
// and routeBasePath.
func dsPlugins(src string) (plugins []any, rest string) {
	var out []any
	var b strings.Builder
	last := 0
	for _, loc := range dsPluginStart.FindAllStringSubmatchIndex(src, -1) {
		kind := src[loc[2]:loc[3]]
		// The object runs to its matching brace.
		depth, end := 0, len(src)
		for i := loc[1] - 1; i < len(src); i++ {
			if src[i] == '{' {
				depth++
			} else if src[i] == '}' {
				depth--
				if depth == 0 {
					end = i
					break
				}
			}
		}
		obj := src[loc[1]:end]
		b.WriteString(src[last:loc[0]])
		last = end
		pl := map[string]any{"kind": kind}
		if mm := dsID.FindStringSubmatch(obj); mm != nil {
			pl["id"] = mm[1]
		}
		if mm := dsPath.FindStringSubmatch(obj); mm != nil {
			pl["path"] = mm[1]
		}
		if mm := dsRouteBase.FindStringSubmatch(obj); mm != nil {
			pl["routeBasePath"] = mm[1]
		}
		out = append(out, pl)
	}
	b.WriteString(src[last:])
	return out, b.String()
}

var (
	dsDefaultLocale = regexp.MustCompile(`defaultLocale\s*:\s*['"]([A-Za-z_-]+)['"]`)
	dsLocales       = regexp.MustCompile(`locales\s*:\s*\[([^\]]*)\]`)
	dsRouteBase     = regexp.MustCompile(`routeBasePath\s*:\s*['"]([^'"]*)['"]`)
	dsQuoted        = regexp.MustCompile(`['"]([A-Za-z_-]+)['"]`)
	dsLastVersion   = regexp.MustCompile(`lastVersion\s*:\s*['"]([^'"]+)['"]`)
	dsCurrentPath   = regexp.MustCompile(`current\s*:\s*\{[^}]*?path\s*:\s*['"]([^'"]*)['"]`)
)

// docusaurusConfig picks the settings notelint reads out of the config's
// source text.
func docusaurusConfig(src string) map[string]any {
	cfg := map[string]any{}
	// Settings of plugin instances are theirs; the rest are the site's
	// and the preset's.
	plugins, src := dsPlugins(src)
	if len(plugins) > 0 {
		cfg["plugins"] = plugins
	}
	if mm := dsDefaultLocale.FindStringSubmatch(src); mm != nil {
		cfg["defaultLocale"] = mm[1]
	}
	if mm := dsLocales.FindStringSubmatch(src); mm != nil {
		var l []any
		for _, q := range dsQuoted.FindAllStringSubmatch(mm[1], -1) {
			l = append(l, q[1])
		}
		cfg["locales"] = l
	}
	if mm := dsRouteBase.FindStringSubmatch(src); mm != nil {
		cfg["routeBasePath"] = mm[1]
	}
	if mm := dsLastVersion.FindStringSubmatch(src); mm != nil {
		cfg["lastVersion"] = mm[1]
	}
	if mm := dsCurrentPath.FindStringSubmatch(src); mm != nil {
		cfg["currentPath"] = mm[1]
	}
	return cfg
}

func loadDocusaurus(m *Model, cfg map[string]any) error {
	ds := &docusaurus{docsBase: "/docs"}
	m.gen = ds
	m.fact("titles", "frontmatter-or-h1", "Docusaurus: the title field, else the first H1")
	m.hashParts = append(m.hashParts, fmt.Sprintf("%v", cfg))
	if s, ok := cfg["routeBasePath"].(string); ok {
		ds.docsBase = "/" + strings.Trim(s, "/")
		if ds.docsBase == "/" {
			ds.docsBase = ""
		}
	}
	if data, err := os.ReadFile(filepath.Join(m.Root, "versions.json")); err == nil {
		var versions []string
		if json.Unmarshal(data, &versions) == nil && len(versions) > 0 {
			ds.last = versions[0]
			m.hashParts = append(m.hashParts, string(data))
		}
	}
	if s, ok := cfg["lastVersion"].(string); ok {
		ds.last = s
	}
	if ds.last == "current" {
		ds.last = ""
	}
	if ds.last != "" {
		// The docs in docs/ are not released yet: served under /next,
		// or the path the config gives them.
		ds.current = "/next"
		if s, ok := cfg["currentPath"].(string); ok {
			ds.current = "/" + strings.Trim(s, "/")
		}
	}
	m.DefaultLang = "en"
	if s, ok := cfg["defaultLocale"].(string); ok {
		m.DefaultLang = normLang(s)
	}
	m.Langs = []string{m.DefaultLang}
	for _, l := range stringList(cfg["locales"]) {
		if c := normLang(l); c != m.DefaultLang {
			m.Langs = append(m.Langs, c)
		}
	}
	m.ContentDirs = []string{"docs", "blog", "src/pages", "versioned_docs", "i18n"}
	for _, v := range listAt(cfg, "plugins") {
		pm := asMap(v)
		pl := dsPlugin{kind: strAt(pm, "kind"), id: strAt(pm, "id")}
		pl.dir = strings.Trim(path.Clean(strAt(pm, "path")), "/")
		if pl.id == "" || pl.dir == "" || pl.dir == "." || strings.HasPrefix(pl.dir, "..") {
			continue // the preset's own docs or blog, or a path we cannot place
		}
		pl.route = "/" + strings.Trim(strAt(pm, "routeBasePath"), "/")
		if strAt(pm, "routeBasePath") == "" {
			pl.route = "/" + pl.dir
		}
		ds.plugins = append(ds.plugins, pl)
		m.ContentDirs = append(m.ContentDirs, pl.dir)
	}
	m.fact("content", strings.Join(m.ContentDirs, ", "), "Docusaurus' default folders and the content plugins in its config (which is read, not run)")
	m.fact("languages", strings.Join(m.Langs, ", "), "defaultLocale and locales in the Docusaurus config")
	return nil
}

// configure: Docusaurus' folders are fixed by its conventions here; the
// content setting does not move them.
func (ds *docusaurus) configure(*Model) {}

var dsNumberPrefix = regexp.MustCompile(`^\d+[-_.\s]+`)
var dsBlogDate = regexp.MustCompile(`^(\d{4})[-/](\d{1,2})[-/](\d{1,2})[-/]?(.*)$`)

func (ds *docusaurus) page(m *Model, rel string, d *Doc) Page {
	parts := strings.Split(rel, "/")
	lang := m.DefaultLang
	kind, version := "", ""
	var sub []string
	var plugin *dsPlugin
	for i := range ds.plugins {
		pl := &ds.plugins[i]
		if strings.HasPrefix(rel, pl.dir+"/") {
			plugin, kind, sub = pl, pl.kind, strings.Split(rel[len(pl.dir)+1:], "/")
		}
	}
	switch {
	case plugin != nil:
	case len(parts) > 3 && parts[0] == "i18n" && ds.pluginFolder(parts[2]) != nil:
		plugin = ds.pluginFolder(parts[2])
		lang, kind, sub = normLang(parts[1]), plugin.kind, parts[3:]
		if kind == "docs" && len(sub) > 1 {
			sub = sub[1:] // current/ or version-x/
		}
	case parts[0] == "docs":
		kind, sub = "docs", parts[1:]
	case parts[0] == "blog":
		kind, sub = "blog", parts[1:]
	case len(parts) > 2 && parts[0] == "src" && parts[1] == "pages":
		kind, sub = "pages", parts[2:]
	case len(parts) > 2 && parts[0] == "versioned_docs" && strings.HasPrefix(parts[1], "version-"):
		kind, version, sub = "docs", strings.TrimPrefix(parts[1], "version-"), parts[2:]
	case len(parts) > 3 && parts[0] == "i18n":
		lang = normLang(parts[1])
		switch {
		case parts[2] == "docusaurus-plugin-content-docs" && len(parts) > 4:
			kind, sub = "docs", parts[4:]
			if parts[3] != "current" {
				version = strings.TrimPrefix(parts[3], "version-")
			}
		case parts[2] == "docusaurus-plugin-content-blog":
			kind, sub = "blog", parts[3:]
		case parts[2] == "docusaurus-plugin-content-pages":
			kind, sub = "pages", parts[3:]
		}
	}
	p := Page{Lang: lang, Version: version, Kind: KindPage, TitleH1: true}
	if kind == "" {
		p.Why = "outside Docusaurus' docs/, blog/ and src/pages/"
		return p
	}
	for _, s := range sub {
		if strings.HasPrefix(s, "_") {
			p.Why = "Docusaurus skips files and folders starting with _ (partials)"
			return p
		}
		if s == "__tests__" || strings.Contains(s, ".test.") {
			p.Why = "a test file"
			return p
		}
	}
	if b, _ := truthy(valueOf(d, "draft")); b && !m.Drafts {
		p.Why = "draft: true"
		return p
	}
	p.Published = true
	if lang == m.DefaultLang && parts[0] != "i18n" && ds.translatedForDefault(m, kind, plugin, version, sub) {
		// i18n/<default locale>/ has this file too: the site serves that
		// one in the default locale, and this source only in the others.
		if other := ds.otherLocale(m); other != "" {
			lang = other
			p.Lang = other
		}
	}
	prefix := ""
	if lang != m.DefaultLang {
		prefix = "/" + lang
	}
	dirParts := sub[:len(sub)-1]
	base := stripExt(sub[len(sub)-1])
	switch kind {
	case "docs":
		if len(dirParts) > 0 {
			p.Section = dirParts[0]
		}
		vbase := ds.docsBase
		if plugin != nil {
			vbase = strings.TrimSuffix(plugin.route, "/")
		}
		switch {
		case version == "" && plugin == nil && ds.current != "":
			vbase += ds.current
		case version != "" && version != "current" && version != ds.last:
			vbase += "/" + version
		}
		var segs []string
		for _, s := range dirParts {
			segs = append(segs, dsNumberPrefix.ReplaceAllString(s, ""))
		}
		name := dsNumberPrefix.ReplaceAllString(base, "")
		if id := strings.TrimSpace(d.str("id")); id != "" {
			name = id
		}
		if strings.EqualFold(name, "index") || strings.EqualFold(name, "readme") || (len(segs) > 0 && name == segs[len(segs)-1]) {
			name = ""
		}
		if slug := strings.TrimSpace(d.str("slug")); slug != "" {
			if strings.HasPrefix(slug, "/") {
				p.URL = prefix + vbase + slug
				return p
			}
			name = slug
		}
		p.URL = prefix + vbase + joinURL(strings.Join(segs, "/"), name)
		p.URL = strings.TrimSuffix(p.URL, "/")
		if p.URL == "" {
			p.URL = "/"
		}
		p.FileTitle = name
	case "blog":
		p.Section = "blog"
		blogBase := "/blog"
		if plugin != nil {
			p.Section, blogBase = plugin.id, strings.TrimSuffix(plugin.route, "/")
		}
		name := strings.Join(append(append([]string{}, dirParts...), base), "/")
		if base == "index" {
			name = strings.Join(dirParts, "/")
		}
		date := ""
		if mm := dsBlogDate.FindStringSubmatch(name); mm != nil {
			date = fmt.Sprintf("%s/%02s/%02s", mm[1], pad2(mm[2]), pad2(mm[3]))
			name = mm[4]
		}
		if slug := strings.TrimSpace(d.str("slug")); slug != "" {
			p.URL = prefix + blogBase + "/" + strings.Trim(slug, "/")
			return p
		}
		if date != "" {
			p.URL = prefix + blogBase + "/" + date + "/" + name
		} else {
			p.URL = prefix + blogBase + "/" + name
		}
	case "pages":
		name := base
		if name == "index" {
			name = ""
		}
		p.URL = prefix + joinURL(strings.Join(dirParts, "/"), name)
	}
	return p
}

// pluginFolder returns the plugin instance whose i18n folder is name
// (docusaurus-plugin-content-blog-events), or nil.
func (ds *docusaurus) pluginFolder(name string) *dsPlugin {
	for i := range ds.plugins {
		pl := &ds.plugins[i]
		if name == "docusaurus-plugin-content-"+pl.kind+"-"+pl.id {
			return pl
		}
	}
	return nil
}

// translatedForDefault reports whether i18n/<default locale>/ holds a
// translation of the source file sub of this kind.
func (ds *docusaurus) translatedForDefault(m *Model, kind string, plugin *dsPlugin, version string, sub []string) bool {
	folder := "docusaurus-plugin-content-" + kind
	if plugin != nil {
		folder += "-" + plugin.id
	}
	parts := []string{m.Root, "i18n", m.DefaultLang, folder}
	if kind == "docs" {
		if version == "" {
			parts = append(parts, "current")
		} else {
			parts = append(parts, "version-"+version)
		}
	}
	return isFile(filepath.Join(append(parts, sub...)...))
}

// otherLocale is the one locale besides the default, when there is
// exactly one: the language of sources that the default locale replaces.
func (ds *docusaurus) otherLocale(m *Model) string {
	if len(m.Langs) == 2 {
		return m.Langs[1]
	}
	return ""
}

func pad2(s string) string {
	if len(s) == 1 {
		return "0" + s
	}
	return s
}

// docfx is what docfx.json's build.content says is built.
type docfx struct {
	content []docfxContent
}

type docfxContent struct {
	src     string
	files   []string
	exclude []string
}

func loadDocFX(m *Model, cfg map[string]any) error {
	x := &docfx{}
	m.gen = x
	m.fact("titles", "frontmatter-or-h1", "DocFX: the title field, else the first H1")
	m.hashParts = append(m.hashParts, fmt.Sprintf("%v", cfg))
	for _, cv := range listAt(cfg, "build", "content") {
		c := asMap(cv)
		e := docfxContent{src: strings.Trim(path.Clean(filepath.ToSlash(strAt(c, "src"))), "/")}
		if e.src == "." {
			e.src = ""
		}
		e.files = stringList(c["files"])
		e.exclude = stringList(c["exclude"])
		x.content = append(x.content, e)
	}
	m.ContentDirs = []string{"."}
	m.fact("content", "build.content in docfx.json", "docfx.json")
	m.DefaultLang = ""
	return nil
}

// configure: docfx.json's build.content decides what is built.
func (x *docfx) configure(*Model) {}

func (x *docfx) page(m *Model, rel string, d *Doc) Page {
	p := Page{Kind: KindPage, TitleH1: true, Lang: m.frontLang(d, m.DefaultLang)}
	for _, c := range x.content {
		sub := rel
		if c.src != "" {
			if !strings.HasPrefix(rel, c.src+"/") {
				continue
			}
			sub = rel[len(c.src)+1:]
		}
		in := false
		for _, g := range c.files {
			if ok, _ := doublestar.Match(g, sub); ok {
				in = true
				break
			}
		}
		if !in {
			continue
		}
		for _, g := range c.exclude {
			if ok, _ := doublestar.Match(g, sub); ok {
				p.Why = "excluded by build.content in docfx.json (" + g + ")"
				return p
			}
		}
		p.Published = true
		dir, file := path.Split(sub)
		dir = strings.TrimSuffix(dir, "/")
		if dir != "" {
			p.Section, _, _ = strings.Cut(dir, "/")
		}
		base := stripExt(file)
		if base == "index" {
			p.URL = joinURL(dir, "")
		} else {
			p.URL = "/" + path.Join(dir, base)
		}
		p.URL = strings.ToLower(p.URL)
		return p
	}
	p.Why = "not in build.content of docfx.json"
	return p
}
