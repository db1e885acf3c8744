package site

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"
	"unicode"

	"github.com/bmatcuk/doublestar/v4"
)

// hugo is what Hugo's config says about publishing.
type hugo struct {
	mounts          []hugoMount
	langs           map[string]bool
	defaultInSubdir bool
	ugly            bool
	lower           bool
	buildDrafts     bool
	buildFuture     bool
	buildExpired    bool
	dateKeys        []string
	pubKeys         []string
	expKeys         []string
	cascade         []cascadeRule
	siteTitle       string
	ignore          []*regexp.Regexp
	// buildAlias is set when build: means what _build: does, as in Hugo
	// 0.123 and later: unless the site pins an older Hugo.
	buildAlias bool
}

// hugoMount is a folder mounted as content.
type hugoMount struct {
	dir    string // slash, relative to Root
	target string // path under content it is mounted at ("" for the top)
	lang   string // its language, "" for the default
}

// cascadeRule is one entry of a cascade: values and what they apply to.
type cascadeRule struct {
	values map[string]any
	path   string // glob on the page's path, "" for all
	kind   string // glob on its kind
	lang   string
	env    string
	source string // for Why
	self   bool   // also applies to the page that declares it
}

// readHugoConfigDir merges a config/_default directory: hugo.* or
// config.* hold root keys, any other file the key named by its base name
// (languages.toml holds languages:).
func readHugoConfigDir(dir string) (map[string]any, error) {
	root := map[string]any{}
	return root, readHugoConfigFiles(dir, root)
}

// readHugoConfigFiles adds the files of dir, and of its subfolders (which
// Hugo reads too: module/module.yaml holds module:), to root.
func readHugoConfigFiles(dir string, root map[string]any) error {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, e := range ents {
		name := e.Name()
		if e.IsDir() {
			if err := readHugoConfigFiles(filepath.Join(dir, name), root); err != nil {
				return err
			}
			continue
		}
		ext := path.Ext(name)
		if ext != ".toml" && ext != ".yaml" && ext != ".yml" && ext != ".json" {
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			return err
		}
		cfg, err := decodeConfig(name, data)
		if err != nil {
			return fmt.Errorf("%s: %v", name, err)
		}
		base := strings.TrimSuffix(name, ext)
		if base == "hugo" || base == "config" {
			for k, v := range cfg {
				root[k] = v
			}
			continue
		}
		if prev := asMap(root[base]); prev != nil {
			for k, v := range cfg {
				prev[k] = v
			}
			continue
		}
		root[base] = cfg
	}
	return nil
}

func loadHugo(m *Model, cfg map[string]any) error {
	h := &hugo{langs: map[string]bool{}, lower: true, buildAlias: true}
	if max := strAt(cfg, "module", "hugoVersion", "max"); max != "" && versionBefore(max, 0, 123) {
		h.buildAlias = false
	}
	m.gen = h
	m.hashParts = append(m.hashParts, fmt.Sprintf("%v", cfg))
	contentDir := "content"
	if s := strAt(cfg, "contentDir"); s != "" {
		contentDir = path.Clean(filepath.ToSlash(s))
	}
	m.DefaultLang = "en"
	how := "Hugo's own default, en"
	if s := strAt(cfg, "defaultContentLanguage"); s != "" {
		m.DefaultLang, how = normLang(s), "defaultContentLanguage"
	}
	if v, ok := lookupFold(cfg, "defaultContentLanguageInSubdir"); ok {
		h.defaultInSubdir, _ = truthy(v)
	}
	type lang struct {
		code, dir string
		weight    int
	}
	var langs []lang
	disabled := map[string]bool{}
	if v, ok := lookupFold(cfg, "disableLanguages"); ok {
		for _, l := range stringList(v) {
			disabled[normLang(l)] = true
		}
	}
	for code, v := range mapAt(cfg, "languages") {
		lc := asMap(v)
		c := normLang(code)
		if disabled[c] {
			continue
		}
		if d, ok := lookupFold(lc, "disabled"); ok {
			if b, _ := truthy(d); b {
				continue
			}
		}
		l := lang{code: c}
		if s := strAt(lc, "contentDir"); s != "" {
			l.dir = path.Clean(filepath.ToSlash(s))
		}
		if w, ok := lookupFold(lc, "weight"); ok {
			fmt.Sscan(scalarString(w), &l.weight)
		}
		langs = append(langs, l)
	}
	sort.Slice(langs, func(i, j int) bool {
		if langs[i].weight != langs[j].weight {
			return langs[i].weight < langs[j].weight
		}
		return langs[i].code < langs[j].code
	})
	m.Langs = []string{m.DefaultLang}
	h.langs[m.DefaultLang] = true
	for _, l := range langs {
		if !h.langs[l.code] {
			m.Langs = append(m.Langs, l.code)
			h.langs[l.code] = true
		}
	}
	if len(langs) > 0 {
		m.fact("languages", strings.Join(m.Langs, ", "), "Hugo languages: in the config; the default is "+how)
	}
	// Module mounts with a content target replace the content folder.
	for _, mv := range listAt(cfg, "module", "mounts") {
		mm := asMap(mv)
		target := path.Clean(filepath.ToSlash(strAt(mm, "target")))
		if target != "content" && !strings.HasPrefix(target, "content/") {
			continue
		}
		mt := hugoMount{dir: path.Clean(filepath.ToSlash(strAt(mm, "source"))), target: strings.TrimPrefix(strings.TrimPrefix(target, "content"), "/")}
		mt.lang = normLang(strAt(mm, "lang"))
		if mt.lang == "" {
			if l := stringList(valueAt(mm, "sites", "matrix", "languages")); len(l) == 1 {
				mt.lang = normLang(l[0])
			}
		}
		h.mounts = append(h.mounts, mt)
	}
	if len(h.mounts) > 0 {
		var dirs []string
		for _, mt := range h.mounts {
			dirs = append(dirs, mt.dir)
		}
		m.ContentDirs = dirs
		m.fact("content", strings.Join(dirs, ", "), "Hugo module.mounts with a content target")
	} else {
		for _, l := range langs {
			if l.dir != "" {
				h.mounts = append(h.mounts, hugoMount{dir: l.dir, lang: l.code})
			}
		}
		if len(h.mounts) > 0 {
			var dirs []string
			for _, mt := range h.mounts {
				dirs = append(dirs, mt.dir)
			}
			m.ContentDirs = dirs
			m.fact("content", strings.Join(dirs, ", "), "Hugo languages.*.contentDir")
		} else {
			h.mounts = []hugoMount{{dir: contentDir}}
			m.ContentDirs = []string{contentDir}
			if contentDir == "content" {
				m.fact("content", contentDir, "Hugo's default")
			} else {
				m.fact("content", contentDir, "Hugo contentDir")
			}
		}
	}
	if v, ok := lookupFold(cfg, "uglyURLs"); ok {
		h.ugly, _ = truthy(v)
	}
	if v, ok := lookupFold(cfg, "disablePathToLower"); ok {
		if b, _ := truthy(v); b {
			h.lower = false
		}
	}
	for _, k := range [...]struct {
		key string
		dst *bool
	}{{"buildDrafts", &h.buildDrafts}, {"buildFuture", &h.buildFuture}, {"buildExpired", &h.buildExpired}} {
		if v, ok := lookupFold(cfg, k.key); ok {
			*k.dst, _ = truthy(v)
		}
	}
	h.dateKeys = []string{"date", "publishdate", "pubdate", "published", "lastmod", "modified"}
	h.pubKeys = []string{"publishdate", "pubdate", "published", "date"}
	h.expKeys = []string{"expirydate", "unpublishdate"}
	if fm := mapAt(cfg, "frontmatter"); fm != nil {
		for _, k := range [...]struct {
			key string
			dst *[]string
		}{{"date", &h.dateKeys}, {"publishDate", &h.pubKeys}, {"expiryDate", &h.expKeys}} {
			if v, ok := lookupFold(fm, k.key); ok {
				var keys []string
				for _, s := range stringList(v) {
					if s == ":default" {
						keys = append(keys, *k.dst...)
					} else if !strings.HasPrefix(s, ":") {
						keys = append(keys, strings.ToLower(s))
					}
				}
				*k.dst = keys
			}
		}
	}
	if pl := mapAt(cfg, "permalinks"); pl != nil {
		m.Permalinks = map[string]string{}
		page := mapAt(pl, "page")
		for k, v := range pl {
			if s, ok := v.(string); ok {
				m.Permalinks[k] = s
			}
		}
		for k, v := range page {
			if s, ok := v.(string); ok {
				m.Permalinks[k] = s
			}
		}
		if len(m.Permalinks) > 0 {
			keys := make([]string, 0, len(m.Permalinks))
			for k := range m.Permalinks {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			m.fact("permalinks", strings.Join(keys, ", "), "Hugo permalinks:")
		}
	}
	if v, ok := lookupFold(cfg, "cascade"); ok {
		h.cascade = cascadeRules(v, "the site config", true)
	}
	h.siteTitle = strAt(cfg, "title")
	if v, ok := lookupFold(cfg, "ignoreFiles"); ok {
		for _, s := range stringList(v) {
			if re, err := regexp.Compile(s); err == nil {
				h.ignore = append(h.ignore, re)
			}
		}
	}
	m.fact("titles", "frontmatter", "Hugo titles pages by their title field only")
	return nil
}

// valueAt walks nested maps and returns the value at the end.
func valueAt(m map[string]any, keys ...string) any {
	parent := m
	if len(keys) > 1 {
		parent = mapAt(m, keys[:len(keys)-1]...)
	}
	if parent == nil {
		return nil
	}
	v, _ := lookupFold(parent, keys[len(keys)-1])
	return v
}

// listAt is the list at a path of keys.
func listAt(m map[string]any, keys ...string) []any {
	l, _ := valueAt(m, keys...).([]any)
	if l == nil {
		if ms, ok := valueAt(m, keys...).([]map[string]any); ok {
			for _, x := range ms {
				l = append(l, x)
			}
		}
	}
	return l
}

// cascadeRules reads a cascade value: one mapping, or a list of them, each
// with an optional _target (or target) saying which pages it applies to.
func cascadeRules(v any, source string, self bool) []cascadeRule {
	var entries []map[string]any
	if m := asMap(v); m != nil {
		entries = append(entries, m)
	} else {
		for _, e := range listAt(map[string]any{"c": v}, "c") {
			if m := asMap(e); m != nil {
				entries = append(entries, m)
			}
		}
	}
	var rules []cascadeRule
	for _, e := range entries {
		r := cascadeRule{values: map[string]any{}, source: source, self: self}
		for k, val := range e {
			lk := strings.ToLower(k)
			if lk == "_target" || lk == "target" {
				t := asMap(val)
				r.path = strAt(t, "path")
				r.kind = strAt(t, "kind")
				r.lang = strAt(t, "lang")
				r.env = strAt(t, "environment")
				continue
			}
			r.values[lk] = val
		}
		rules = append(rules, r)
	}
	return rules
}

func (r cascadeRule) matches(hpath string, kind Kind, lang string) bool {
	if r.env != "" && r.env != "production" {
		if ok, _ := doublestar.Match(r.env, "production"); !ok {
			return false
		}
	}
	if r.lang != "" {
		if ok, _ := doublestar.Match(r.lang, lang); !ok {
			return false
		}
	}
	if r.kind != "" {
		if ok, _ := doublestar.Match(r.kind, string(kind)); !ok {
			return false
		}
	}
	if r.path != "" {
		ok, _ := doublestar.Match(strings.ToLower(r.path), strings.ToLower(hpath))
		if !ok {
			return false
		}
	}
	return true
}

// isIndexName reports whether name is a leaf bundle's index file
// (index.md, index.fr.md, index.html).
func isIndexName(name, prefix string) bool {
	if !strings.HasPrefix(name, prefix+".") {
		return false
	}
	ext := path.Ext(name)
	return ext == ".md" || ext == ".markdown" || ext == ".html" || ext == ".htm"
}

func (h *hugo) configure(m *Model) {
	h.langs = map[string]bool{}
	for _, l := range m.Langs {
		h.langs[l] = true
	}
	if !m.overridden {
		return
	}
	byDir := map[string]hugoMount{}
	for _, mt := range h.mounts {
		byDir[mt.dir] = mt
	}
	h.mounts = nil
	for _, d := range m.ContentDirs {
		mt, ok := byDir[d]
		if !ok {
			mt = hugoMount{dir: d}
		}
		h.mounts = append(h.mounts, mt)
	}
}

func (h *hugo) page(m *Model, rel string, d *Doc) Page {
	for _, re := range h.ignore {
		if re.MatchString(rel) {
			return Page{Why: "matches Hugo ignoreFiles " + re.String()}
		}
	}
	var mt *hugoMount
	for i := range h.mounts {
		x := &h.mounts[i]
		if (x.dir == "." || strings.HasPrefix(rel, x.dir+"/")) && (mt == nil || len(x.dir) > len(mt.dir)) {
			mt = x
		}
	}
	if mt == nil {
		return Page{Why: "outside Hugo's content folder (" + strings.Join(m.ContentDirs, ", ") + ")", Lang: m.frontLang(d, m.DefaultLang)}
	}
	sub := rel
	if mt.dir != "." {
		sub = rel[len(mt.dir)+1:]
	}
	if mt.target != "" {
		sub = mt.target + "/" + sub
	}
	dir, file := path.Split(sub)
	dir = strings.TrimSuffix(dir, "/")
	base := stripExt(file)
	lang := mt.lang
	// The suffix names a language only when it is exactly one the site
	// declares ("notes.FR.md" and "rail-pass.de.md" on a site without de
	// are English pages).
	if i := strings.LastIndexByte(base, '.'); i > 0 && h.langs[base[i+1:]] {
		lang, base = base[i+1:], base[:i]
	}
	if lang == "" {
		lang = m.DefaultLang
	}
	p := Page{Lang: lang, Kind: KindPage}
	switch {
	case base == "_index" && dir == "":
		p.Kind = KindHome
	case base == "_index":
		p.Kind = KindSection
	}
	if dir != "" {
		p.Section, _, _ = strings.Cut(dir, "/")
	}
	// A Markdown file in a leaf bundle (a folder with an index file) is a
	// resource of that page, not a page.
	mountAbs := filepath.Join(m.Root, filepath.FromSlash(mt.dir))
	relDir := strings.TrimPrefix(strings.TrimPrefix(dir, mt.target), "/")
	ancestors := dirChain(relDir)
	for i, a := range ancestors {
		di := m.dir(filepath.Join(mountAbs, filepath.FromSlash(a)))
		own := i == len(ancestors)-1
		if own && (base == "index" || base == "_index") {
			continue
		}
		if di.leaf != "" {
			bundle := path.Join(mt.dir, a, di.leaf)
			return Page{Why: "a resource of the page bundle " + bundle + ", not a page", Lang: lang, Kind: KindPage, Section: p.Section}
		}
	}
	// Frontmatter values, with the cascades of the sections above laid
	// under them: the nearest section wins, the note's own values win
	// over all.
	// A cascade's target path is matched against the page's path: with
	// its file extension in Hugo before 0.123, without it since.
	hpath := "/" + path.Join(dir, base)
	if base == "index" || base == "_index" {
		hpath = "/" + dir
	}
	hpaths := [2]string{hpath, "/" + sub}
	eff := map[string]any{}
	from := map[string]string{}
	layer := func(rules []cascadeRule, self bool) {
		for _, r := range rules {
			if (self && !r.self) || !(r.matches(hpaths[0], p.Kind, lang) || r.matches(hpaths[1], p.Kind, lang)) {
				continue
			}
			for k, v := range r.values {
				if k == "build" && !h.buildAlias {
					continue
				}
				if k == "build" || k == "_build" {
					k = "build"
					if prev := asMap(eff[k]); prev != nil {
						merged := map[string]any{}
						for kk, vv := range prev {
							merged[kk] = vv
						}
						for kk, vv := range asMap(v) {
							merged[strings.ToLower(kk)] = vv
						}
						v = merged
					}
				}
				eff[k] = v
				from[k] = r.source
			}
		}
	}
	layer(h.cascade, false)
	for i, a := range ancestors {
		di := m.dir(filepath.Join(mountAbs, filepath.FromSlash(a)))
		own := i == len(ancestors)-1 && p.Kind != KindPage
		if own && base != "_index" {
			continue
		}
		fm := h.sectionFront(di, lang, m.DefaultLang, mt.lang != "")
		if fm == nil {
			continue
		}
		if v, ok := lookupFold(fm, "cascade"); ok {
			src := path.Join(mt.dir, a, "_index.md")
			layer(cascadeRules(v, "cascade in "+src, true), own)
		}
	}
	for _, k := range [...]string{"draft", "headless", "build", "_build", "publishdate", "pubdate", "published", "date", "expirydate", "unpublishdate", "lastmod", "modified"} {
		if k == "build" && !h.buildAlias {
			continue
		}
		if v, ok := d.lookup(k); ok {
			if k == "_build" {
				k = "build"
			}
			eff[k] = v
			from[k] = "its frontmatter"
		}
	}
	via := func(k string) string {
		if from[k] == "its frontmatter" || from[k] == "" {
			return ""
		}
		return " (" + from[k] + ")"
	}
	if b, _ := truthy(eff["headless"]); b {
		p.Why = "headless: true" + via("headless")
		return p
	}
	if bm := asMap(eff["build"]); bm != nil {
		if r, ok := lookupFold(bm, "render"); ok {
			s := strings.ToLower(scalarString(r))
			if s == "never" || s == "false" || s == "link" {
				p.Why = "build.render: " + s + via("build")
				return p
			}
		}
	}
	if b, _ := truthy(eff["draft"]); b && !h.buildDrafts && !m.Drafts {
		p.Why = "draft: true" + via("draft")
		return p
	}
	if t, ok := firstDate(eff, h.expKeys); ok && !t.IsZero() && t.Before(m.now) && !h.buildExpired && !m.Drafts {
		p.Why = "expired on " + t.Format("2006-01-02")
		return p
	}
	if t, ok := firstDate(eff, h.pubKeys); ok && t.After(m.now) && !h.buildFuture && !m.Drafts {
		p.Why = "publish date " + t.Format("2006-01-02") + " is in the future"
		return p
	}
	p.Published = true
	// Titles: the title field only; a list page without one is named
	// after its folder, the home page after the site.
	switch p.Kind {
	case KindHome:
		p.FileTitle = h.siteTitle
	case KindSection:
		p.FileTitle = h.sectionTitle(path.Base(dir))
	}
	date, _ := firstDate(eff, h.dateKeys)
	// Hugo's sections are the folders with an _index file; a page in a
	// folder without one belongs to the nearest section above.
	var sections []string
	for _, a := range ancestors[1:] {
		if m.dir(filepath.Join(mountAbs, filepath.FromSlash(a))).section {
			sections = append(sections, a)
		}
	}
	secPath := p.Section
	if len(sections) > 0 {
		secPath = path.Join(mt.target, sections[len(sections)-1])
	}
	p.URL = h.url(m, p, d, dir, base, secPath, date)
	return p
}

// versionBefore reports whether a version such as "0.122.0" is before
// major.minor.
func versionBefore(v string, major, minor int) bool {
	var a, b int
	fmt.Sscanf(strings.TrimPrefix(v, "v"), "%d.%d", &a, &b)
	return a < major || a == major && b < minor
}

// sectionFront is the frontmatter of a folder's _index file for lang.
func (h *hugo) sectionFront(di *dirInfo, lang, def string, langMount bool) map[string]any {
	for _, ext := range [...]string{".md", ".markdown", ".html"} {
		if fm := di.front["_index."+lang+ext]; fm != nil {
			return fm
		}
	}
	if lang == def || langMount {
		for _, ext := range [...]string{".md", ".markdown", ".html"} {
			if fm := di.front["_index"+ext]; fm != nil {
				return fm
			}
		}
	}
	return nil
}

func isSectionIndex(name string) bool { return isIndexName(name, "_index") }

// dirChain lists a folder and its ancestors, top first: "a/b" gives "",
// "a", "a/b".
func dirChain(dir string) []string {
	out := []string{""}
	if dir == "" || dir == "." {
		return out
	}
	parts := strings.Split(dir, "/")
	for i := range parts {
		out = append(out, strings.Join(parts[:i+1], "/"))
	}
	return out
}

// firstDate is the first of keys (lower case, as eff holds them) that is
// a date.
func firstDate(vals map[string]any, keys []string) (time.Time, bool) {
	for _, k := range keys {
		if v, ok := vals[k]; ok {
			if t, ok := parseDate(v); ok {
				return t, true
			}
		}
	}
	return time.Time{}, false
}

// sectionTitle is the name a section without a title goes by: its
// folder, first letter up. Hugo 0.111 leaves the title empty, newer
// versions and themes name the section after its folder; either way the
// page is not untitled.
func (h *hugo) sectionTitle(name string) string {
	if name == "" {
		return ""
	}
	rs := []rune(strings.ReplaceAll(name, "-", " "))
	rs[0] = unicode.ToUpper(rs[0])
	return string(rs)
}

// url is where Hugo publishes the page.
func (h *hugo) url(m *Model, p Page, d *Doc, dir, base, sections string, date time.Time) string {
	prefix := ""
	if p.Lang != m.DefaultLang || h.defaultInSubdir {
		prefix = "/" + p.Lang
	}
	if u := strings.TrimSpace(d.str("url")); u != "" {
		return cleanURL(u)
	}
	slug := strings.TrimSpace(d.str("slug"))
	var u string
	switch {
	case p.Kind != KindPage:
		u = joinURL(dir, "")
	case m.Permalinks[p.Section] != "" && dir != "":
		u = h.permalink(m.Permalinks[p.Section], p, d, dir, sections, base, slug, date)
	default:
		name := base
		if base == "index" {
			name = ""
			if slug != "" {
				dir = path.Dir(dir)
				if dir == "." {
					dir = ""
				}
			}
		}
		if slug != "" {
			name = slug
		}
		u = joinURL(dir, name)
		if h.ugly && base != "index" {
			u = strings.TrimSuffix(u, "/") + ".html"
		}
	}
	for strings.Contains(u, "//") {
		u = strings.ReplaceAll(u, "//", "/")
	}
	u = hugoSanitize(u)
	if h.lower {
		u = strings.ToLower(u)
	}
	return prefix + u
}

// permalink expands a Hugo permalink pattern.
func (h *hugo) permalink(pattern string, p Page, d *Doc, dir, sections, base, slug string, date time.Time) string {
	title := d.str("title")
	filename := base
	if base == "index" {
		filename = path.Base(dir)
	}
	repl := map[string]string{
		":year":            fmt.Sprintf("%d", date.Year()),
		":month":           fmt.Sprintf("%02d", int(date.Month())),
		":monthname":       strings.ToLower(date.Month().String()),
		":day":             fmt.Sprintf("%02d", date.Day()),
		":weekday":         fmt.Sprintf("%d", int(date.Weekday())),
		":weekdayname":     strings.ToLower(date.Weekday().String()),
		":yearday":         fmt.Sprintf("%d", date.YearDay()),
		":section":         p.Section,
		":sections":        sections,
		":title":           urlize(title),
		":filename":        urlize(filename),
		":contentbasename": urlize(filename),
	}
	if slug != "" {
		repl[":slug"] = urlize(slug)
		repl[":slugorfilename"] = urlize(slug)
		repl[":slugorcontentbasename"] = urlize(slug)
	} else {
		repl[":slug"] = urlize(title)
		repl[":slugorfilename"] = urlize(filename)
		repl[":slugorcontentbasename"] = urlize(filename)
	}
	return expandPattern(pattern, repl)
}

// expandPattern replaces :tokens, longest first, in a permalink pattern.
func expandPattern(pattern string, repl map[string]string) string {
	var b strings.Builder
	for i := 0; i < len(pattern); {
		if pattern[i] == ':' {
			j := i + 1
			for j < len(pattern) && (pattern[j] >= 'a' && pattern[j] <= 'z' || pattern[j] == '_') {
				j++
			}
			if v, ok := repl[pattern[i:j]]; ok {
				b.WriteString(v)
				i = j
				continue
			}
		}
		b.WriteByte(pattern[i])
		i++
	}
	u := b.String()
	if !strings.HasPrefix(u, "/") {
		u = "/" + u
	}
	return u
}

// urlize makes a path element of text as Hugo's urlize does: spaces
// become dashes, characters that do not belong in a path are dropped,
// and the result is lower case.
func urlize(s string) string {
	return strings.ToLower(hugoSanitize(strings.TrimSpace(s)))
}

// hugoSanitize keeps letters, digits, marks and . / _ - # + ~ %, and turns
// spaces into dashes, as Hugo does when it makes a path.
func hugoSanitize(s string) string {
	var b strings.Builder
	prevDash := false
	for _, r := range s {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) || strings.ContainsRune("./_-#+~%", r):
			b.WriteRune(r)
			prevDash = r == '-'
		case unicode.IsSpace(r):
			if !prevDash {
				b.WriteByte('-')
				prevDash = true
			}
		}
	}
	return b.String()
}
