package site

import (
	"fmt"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"
	"unicode"
)

// jekyll is what Jekyll's _config.yml says about publishing.
type jekyll struct {
	source      string // slash, relative to Root ("" for the root)
	collections map[string]bool
	output      map[string]bool // collections whose documents are rendered
	collDir     string
	exclude     []string
	include     []string
	permalink   string
	future      bool
	optionalFM  bool // jekyll-optional-front-matter: Markdown without frontmatter is a page
	defaults    []jekyllDefault
}

type jekyllDefault struct {
	path   string
	typ    string
	values map[string]any
}

var jekyllDefaultExcludes = []string{".sass-cache", ".jekyll-cache", "gemfiles", "Gemfile", "Gemfile.lock", "node_modules",
	"vendor/bundle", "vendor/cache", "vendor/gems", "vendor/ruby"}

func loadJekyll(m *Model, cfg map[string]any) error {
	j := &jekyll{collections: map[string]bool{"posts": true}, output: map[string]bool{"posts": true}, permalink: "date"}
	m.gen = j
	m.hashParts = append(m.hashParts, fmt.Sprintf("%v", cfg))
	if s := strAt(cfg, "source"); s != "" {
		j.source = strings.Trim(path.Clean(filepath.ToSlash(s)), "/.")
	}
	j.collDir = strings.Trim(strAt(cfg, "collections_dir"), "/")
	switch c := cfg["collections"].(type) {
	case map[string]any:
		for name, v := range c {
			j.collections[name] = true
			if b, ok := truthy(asMap(v)["output"]); ok && b {
				j.output[name] = true
			}
		}
	case []any:
		for _, name := range stringList(c) {
			j.collections[name] = true
		}
	}
	j.exclude = append(append([]string{}, jekyllDefaultExcludes...), stringList(cfg["exclude"])...)
	j.include = stringList(cfg["include"])
	if s := strAt(cfg, "permalink"); s != "" {
		j.permalink = s
	}
	j.future, _ = truthy(cfg["future"])
	for _, p := range stringList(cfg["plugins"]) {
		if p == "jekyll-optional-front-matter" {
			j.optionalFM = true
		}
	}
	for _, p := range stringList(cfg["gems"]) {
		if p == "jekyll-optional-front-matter" {
			j.optionalFM = true
		}
	}
	for _, dv := range listAt(cfg, "defaults") {
		d := asMap(dv)
		scope := asMap(d["scope"])
		vals := asMap(d["values"])
		if vals == nil {
			continue
		}
		lv := map[string]any{}
		for k, v := range vals {
			lv[strings.ToLower(k)] = v
		}
		j.defaults = append(j.defaults, jekyllDefault{path: strings.Trim(strAt(scope, "path"), "/"), typ: strAt(scope, "type"), values: lv})
	}
	// More specific scopes win: sort by path length, then with a type.
	sort.SliceStable(j.defaults, func(a, b int) bool {
		da, db := j.defaults[a], j.defaults[b]
		if len(da.path) != len(db.path) {
			return len(da.path) < len(db.path)
		}
		return da.typ == "" && db.typ != ""
	})
	m.ContentDirs = []string{"."}
	if j.source != "" {
		m.ContentDirs = []string{j.source}
	}
	// Languages: jekyll-polyglot's languages:/default_lang, else folders
	// named by language code at the top of the site.
	if langs := stringList(cfg["languages"]); len(langs) > 0 {
		for _, l := range langs {
			m.Langs = append(m.Langs, normLang(l))
		}
		m.DefaultLang = m.Langs[0]
		if s := strAt(cfg, "default_lang"); s != "" {
			m.DefaultLang = normLang(s)
		}
		m.fact("languages", strings.Join(m.Langs, ", "), "languages: in _config.yml")
	} else {
		m.detectLangFolders(filepath.Join(m.Root, filepath.FromSlash(j.source)))
		if s := strAt(cfg, "lang"); s != "" {
			m.DefaultLang = normLang(s)
		} else if m.langFolders["en"] {
			m.DefaultLang = "en"
		}
	}
	m.fact("permalinks", j.permalink, "permalink: in _config.yml, or Jekyll's default (date)")
	m.fact("titles", "mixed", "Jekyll titles a post without a title: by its file name, and notelint takes a page's first H1")
	return nil
}

func (j *jekyll) configure(m *Model) {
	if m.overridden && len(m.ContentDirs) > 0 {
		j.source = strings.Trim(m.ContentDirs[0], "./")
	}
}

var postName = regexp.MustCompile(`^(\d{4})-(\d{1,2})-(\d{1,2})-(.+)$`)

func (j *jekyll) page(m *Model, rel string, d *Doc) Page {
	sub := rel
	if j.source != "" {
		if !strings.HasPrefix(rel, j.source+"/") {
			return Page{Why: "outside Jekyll's source folder " + j.source + "/"}
		}
		sub = rel[len(j.source)+1:]
	}
	// A page in a language folder is in that folder's language, even when
	// it says it is written in another: that is an untranslated copy,
	// published among the folder's pages.
	lang := m.langFromFolder(sub)
	if lang == "" {
		lang = m.frontLang(d, "")
	}
	p := Page{Kind: KindPage, TitleH1: true}
	parts := strings.Split(sub, "/")
	// What kind of file: a post, a draft, a document of a collection, or
	// a page; underscore folders other than those are not published.
	kind := "pages"
	coll := ""
	for i, part := range parts[:len(parts)-1] {
		if j.included(strings.Join(parts[:i+1], "/")) {
			continue
		}
		switch {
		case part == "_posts":
			kind, coll = "posts", "posts"
		case part == "_drafts":
			kind = "drafts"
		case strings.HasPrefix(part, "_") && j.collections[part[1:]] && (i == 0 || (j.collDir != "" && strings.Join(parts[:i], "/") == j.collDir)):
			kind, coll = part[1:], part[1:]
		case strings.HasPrefix(part, "_") || strings.HasPrefix(part, ".") || strings.HasPrefix(part, "#"):
			p.Why = "in " + strings.Join(parts[:i+1], "/") + "/ (Jekyll does not publish folders starting with " + part[:1] + ")"
			p.Lang = j.or(lang, m)
			return p
		}
	}
	name := parts[len(parts)-1]
	if (strings.HasPrefix(name, "_") || strings.HasPrefix(name, ".") || strings.HasSuffix(name, "~")) && !j.included(sub) {
		p.Why = "Jekyll does not publish files starting with " + name[:1]
		p.Lang = j.or(lang, m)
		return p
	}
	if ex := j.excluded(sub); ex != "" {
		p.Why = "excluded in _config.yml (" + ex + ")"
		p.Lang = j.or(lang, m)
		return p
	}
	vals := j.values(sub, kind, d)
	if lang == "" {
		if s := scalarString(vals["lang"]); s != "" {
			lang = normLang(s)
		}
	}
	p.Lang = j.or(lang, m)
	if kind == "pages" && d.Front == nil && !j.optionalFM {
		p.Why = "no frontmatter: Jekyll copies it as a static file, not a page"
		return p
	}
	if b, ok := truthy(vals["published"]); ok && !b && !m.Drafts {
		p.Why = "published: false"
		return p
	}
	if v, ok := vals["layout"]; ok && (v == nil || v == false || v == "none" || v == "null") {
		// Rendered bare, with no page around it: a fragment that other
		// pages load (an example, a feed snippet), not a page of its own.
		p.Why = "layout: null (a fragment rendered without a page around it)"
		return p
	}
	base := stripExt(name)
	var date time.Time
	slug := base
	switch kind {
	case "drafts":
		if !m.Drafts {
			p.Why = "in _drafts/"
			return p
		}
	case "posts":
		mm := postName.FindStringSubmatch(base)
		if mm == nil {
			p.Why = "post file name does not start with a date (YYYY-MM-DD-title)"
			return p
		}
		date, _ = time.Parse("2006-1-2", mm[1]+"-"+mm[2]+"-"+mm[3])
		slug = mm[4]
	}
	if t, ok := parseDate(vals["date"]); ok {
		date = t
	}
	if (kind == "posts" || kind == "drafts") && date.After(m.now) && !j.future && !m.Drafts {
		p.Why = "dated " + date.Format("2006-01-02") + ", in the future (future: false)"
		return p
	}
	if coll != "" && !j.output[coll] {
		p.Why = "collection " + coll + " has no output: true"
		return p
	}
	p.Published = true
	if coll != "" {
		p.TitleH1 = false
		p.FileTitle = titleize(slug)
	}
	p.Section = parts[0]
	if len(parts) == 1 {
		p.Section = ""
	}
	p.URL = j.url(m, sub, kind, coll, slug, date, vals, d)
	return p
}

func (j *jekyll) or(lang string, m *Model) string {
	if lang != "" {
		return lang
	}
	return m.DefaultLang
}

// values are the note's frontmatter laid over the config's defaults.
func (j *jekyll) values(sub, kind string, d *Doc) map[string]any {
	vals := map[string]any{}
	for _, df := range j.defaults {
		if df.path != "" && sub != df.path && !strings.HasPrefix(sub, df.path+"/") {
			if ok, _ := path.Match(df.path, sub); !ok {
				continue
			}
		}
		if df.typ != "" && df.typ != kind {
			continue
		}
		for k, v := range df.values {
			vals[k] = v
		}
	}
	for _, k := range [...]string{"published", "date", "permalink", "lang", "categories", "category", "slug", "title", "layout"} {
		if v, ok := d.lookup(k); ok {
			vals[k] = v
		}
	}
	return vals
}

func (j *jekyll) included(p string) bool {
	for _, in := range j.include {
		in = strings.Trim(in, "/")
		if p == in {
			return true
		}
	}
	return false
}

// excluded returns the exclude entry that covers p, or "".
func (j *jekyll) excluded(p string) string {
	for _, ex := range j.exclude {
		e := strings.Trim(ex, "/")
		if e == "" {
			continue
		}
		if p == e || strings.HasPrefix(p, e+"/") {
			return ex
		}
		if ok, _ := path.Match(e, p); ok {
			return ex
		}
		if ok, _ := path.Match(e, path.Base(p)); ok && !strings.Contains(e, "/") {
			return ex
		}
	}
	return ""
}

// jekyllStyles are the built-in permalink styles.
var jekyllStyles = map[string]string{
	"date":     "/:categories/:year/:month/:day/:title:output_ext",
	"pretty":   "/:categories/:year/:month/:day/:title/",
	"ordinal":  "/:categories/:year/:y_day/:title:output_ext",
	"weekdate": "/:categories/:year/W:week/:short_day/:title:output_ext",
	"none":     "/:categories/:title:output_ext",
}

func (j *jekyll) url(m *Model, sub, kind, coll, slug string, date time.Time, vals map[string]any, d *Doc) string {
	if pl := scalarString(vals["permalink"]); pl != "" {
		return escapePath(j.expand(pl, sub, coll, slug, date, vals, d))
	}
	style := j.permalink
	if m.Permalinks[""] != "" {
		style = m.Permalinks[""]
	}
	tmpl := style
	if s, ok := jekyllStyles[style]; ok {
		tmpl = s
	}
	switch {
	case kind == "posts" || kind == "drafts":
		return escapePath(j.expand(tmpl, sub, "posts", slug, date, vals, d))
	case coll != "":
		return escapePath(j.expand(permalinkSuffix("/:collection/:path", style), sub, coll, slug, date, vals, d))
	}
	// Pages keep their path, and take the style's ending: a slash makes
	// them folders.
	dir, name := path.Split(sub)
	base := stripExt(name)
	if base == "index" {
		return escapePath("/" + dir)
	}
	return escapePath(strings.Replace(permalinkSuffix("/"+dir+base, style), ":output_ext", ".html", 1))
}

// permalinkSuffix ends a template as Jekyll's add_permalink_suffix does
// for the site's permalink style.
func permalinkSuffix(tmpl, style string) string {
	switch style {
	case "pretty":
		return tmpl + "/"
	case "date", "ordinal", "none", "weekdate":
		return tmpl + ":output_ext"
	}
	if strings.HasSuffix(style, "/") {
		tmpl += "/"
	}
	if strings.HasSuffix(style, ":output_ext") {
		tmpl += ":output_ext"
	}
	return tmpl
}

// jekyllSlugify is Jekyll's Utils.slugify: in "pretty" mode it keeps
// ._~!$&'()+,;=@ as well as letters and digits; cased keeps the case.
func jekyllSlugify(s string, pretty, cased bool) string {
	var b strings.Builder
	dash := false
	for _, r := range s {
		keep := unicode.IsLetter(r) || unicode.IsDigit(r) || (pretty && strings.ContainsRune("._~!$&'()+,;=@", r))
		if !keep {
			dash = true
			continue
		}
		if dash && b.Len() > 0 {
			b.WriteByte('-')
		}
		dash = false
		b.WriteRune(r)
	}
	if cased {
		return b.String()
	}
	return strings.ToLower(b.String())
}

// escapePath percent-encodes what does not belong in a URL path, as
// Jekyll does ("Marginalia Index" becomes "Marginalia%20Index").
func escapePath(p string) string {
	const keep = "-._~!$&'()*+,;=:@/"
	var b strings.Builder
	for i := 0; i < len(p); i++ {
		c := p[i]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte(keep, c) >= 0 || c == '%' {
			b.WriteByte(c)
			continue
		}
		fmt.Fprintf(&b, "%%%02X", c)
	}
	return b.String()
}

// expand fills in a Jekyll permalink template.
func (j *jekyll) expand(tmpl, sub, coll, slug string, date time.Time, vals map[string]any, d *Doc) string {
	var cats []string
	switch c := vals["categories"].(type) {
	case string:
		cats = strings.Fields(c) // a string of categories is split on spaces
	default:
		cats = stringList(c)
	}
	if c := scalarString(vals["category"]); c != "" && len(cats) == 0 {
		cats = []string{c}
	}
	if coll == "posts" {
		// Folders above _posts are categories too.
		if i := strings.Index(sub, "_posts/"); i > 0 {
			cats = append(strings.Split(strings.Trim(sub[:i], "/"), "/"), cats...)
		}
	}
	for i, c := range cats {
		cats[i] = strings.ToLower(c)
	}
	titleSlug := jekyllSlugify(slug, true, true)
	slugSlug := jekyllSlugify(slug, false, false)
	if s := scalarString(vals["slug"]); s != "" {
		titleSlug, slugSlug = jekyllSlugify(s, true, true), jekyllSlugify(s, false, false)
	}
	rel := sub
	if coll != "" && coll != "posts" {
		rel = strings.TrimPrefix(sub, "_"+coll+"/")
	}
	repl := map[string]string{
		":categories": strings.Join(cats, "/"),
		":year":       fmt.Sprintf("%04d", date.Year()),
		":month":      fmt.Sprintf("%02d", int(date.Month())),
		":i_month":    fmt.Sprintf("%d", int(date.Month())),
		":day":        fmt.Sprintf("%02d", date.Day()),
		":i_day":      fmt.Sprintf("%d", date.Day()),
		":short_year": fmt.Sprintf("%02d", date.Year()%100),
		":y_day":      fmt.Sprintf("%03d", date.YearDay()),
		":title":      titleSlug,
		":slug":       slugSlug,
		":name":       jekyllSlugify(stripExt(path.Base(sub)), false, false),
		":collection": coll,
		":path":       stripExt(rel),
		":basename":   stripExt(path.Base(sub)),
		":output_ext": ".html",
	}
	u := expandPattern(tmpl, repl)
	for strings.Contains(u, "//") {
		u = strings.ReplaceAll(u, "//", "/")
	}
	return u
}
