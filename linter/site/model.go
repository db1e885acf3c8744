package site

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/bmatcuk/doublestar/v4"
)

// Generator names a static site generator.
type Generator string

// The generators notelint knows. None is an archive that no known
// generator builds: every note is a page, titled by its title field or
// first H1, at a URL made from its path.
const (
	None       Generator = "none"
	Hugo       Generator = "hugo"
	Jekyll     Generator = "jekyll"
	Zola       Generator = "zola"
	MkDocs     Generator = "mkdocs"
	Docusaurus Generator = "docusaurus"
	DocFX      Generator = "docfx"
)

// Generators lists every value Overrides.Generator accepts.
var Generators = []Generator{Hugo, Jekyll, Zola, MkDocs, Docusaurus, DocFX, None}

// Kind is what sort of page a note is.
type Kind string

// Page kinds. A list page (a home page or a section's index) gets its
// title from its folder when it sets none.
const (
	KindPage    Kind = "page"
	KindSection Kind = "section"
	KindHome    Kind = "home"
)

// Page is what the generator does with one note. A zero Page is a note
// the model knows nothing about; Model.Page always fills in Published.
type Page struct {
	// Published is set when the generator renders the note as a page of
	// its own. Partials, includes, drafts, redirect stubs and files the
	// generator ignores are not pages; their text may still be shown
	// inside other pages.
	Published bool
	// Why says why a note is not a page, for people: "draft: true",
	// "in _includes/ (Jekyll includes)", "build.render: never (cascade
	// from content/_common/_index.md)".
	Why string
	// Kind is the page's kind.
	Kind Kind
	// Lang is the page's language code ("" when the site declares none
	// and the note says nothing).
	Lang string
	// Version is the documentation version the page belongs to
	// (Docusaurus versioned docs); "" for unversioned pages.
	Version string
	// URL is the site-relative URL the page is published at, as the site
	// would print it ("/docs/intro/"); "" when the model cannot tell.
	URL string
	// Section is the page's top-level section ("" at the top).
	Section string
	// TitleH1 is set when the generator falls back to the body's first H1
	// for a note without a title field.
	TitleH1 bool
	// Summary is what the generator shows of a page without a description
	// in listings and meta tags, derived from its body: "html" (the
	// opening of the body, markup and all: Hugo, Jekyll, Zola), "text"
	// (its first paragraph as plain text, code and tags left out:
	// Docusaurus), or "" (nothing: MkDocs, DocFX).
	Summary string
	// FileTitle is the title the generator derives when the note sets
	// none (a Jekyll post's from its file name, a section's from its
	// folder); "" when it derives none.
	FileTitle string
}

// Partition is the key of the page's part of the site for archive-wide
// comparisons: its language and documentation version. Translations and
// versions of one page are never duplicates of each other.
func (p Page) Partition() string {
	if p.Version == "" {
		return p.Lang
	}
	return p.Lang + "\x00" + p.Version
}

// Fields gives read access to a note's frontmatter: the decoded value of a
// top-level key (string, bool, number, time.Time, []any, map[string]any).
type Fields interface {
	Lookup(key string) (any, bool)
}

// Doc is what the model reads of one note besides its path.
type Doc struct {
	// Front is the frontmatter, or nil when the note has none.
	Front Fields
	// Keys are the frontmatter's top-level keys.
	Keys []string
	// HasTitle is set when the note has a non-empty title field.
	HasTitle bool
	// EmptyBody is set when the body holds no text.
	EmptyBody bool
}

func (d *Doc) lookup(key string) (any, bool) {
	if d.Front == nil {
		return nil, false
	}
	return d.Front.Lookup(key)
}

func (d *Doc) str(key string) string {
	v, ok := d.lookup(key)
	if !ok {
		return ""
	}
	return scalarString(v)
}

// Model is what notelint knows about the site an archive belongs to: its
// generator and the rules by which that generator publishes notes. It is
// built once per run, before any note is parsed, and is safe for
// concurrent use.
type Model struct {
	// Generator builds the site; None when no generator was recognised.
	Generator Generator
	// Root is the site's directory (absolute): where its generator config
	// is, or the linted directory for a plain archive.
	Root string
	// ConfigFile is the generator config that was read (absolute); ""
	// when there is none.
	ConfigFile string
	// ContentDirs are the folders (slash-separated, relative to Root)
	// whose notes the generator publishes; "." for the whole tree.
	ContentDirs []string
	// DefaultLang is the default language; Langs every declared language,
	// the default first.
	DefaultLang string
	Langs       []string
	// Permalinks are URL patterns by section ("" for every section), as
	// the site's config or the notelint config set them.
	Permalinks map[string]string
	// Drafts counts drafts, future and expired notes as pages.
	Drafts bool
	// Facts says how each setting was found, one line each, for `notelint
	// init` and people reading the model.
	Facts []Fact

	exclude     []glob   // not pages (from the site config or notelint's)
	titles      string   // site.titles from the config: overrides TitleH1
	overridden  bool     // site.content replaced ContentDirs
	hashParts   []string // what the model read, for Hash
	now         time.Time
	cwd         string
	gen         generator
	dirsMu      sync.RWMutex
	dirs        map[string]*dirInfo
	langFolders map[string]bool // first-level folders that are languages
}

// Fact is one thing the model decided and why.
type Fact struct {
	Key   string // the site: setting it corresponds to
	Value string
	How   string // how it was found
}

// generator is what differs from one generator to the next.
type generator interface {
	// page decides on the note at rel (slash-separated, relative to Root).
	page(m *Model, rel string, d *Doc) Page
	// configure takes up the model's languages and content folders after
	// .notelint.yml's site: settings have replaced what was detected.
	configure(m *Model)
}

// glob is a doublestar pattern relative to a directory.
type glob struct {
	base    string // absolute
	pattern string
	source  string // where it comes from, for Why
}

func (g glob) match(abs string) bool {
	rel, err := filepath.Rel(g.base, abs)
	if err != nil || strings.HasPrefix(rel, "..") {
		return false
	}
	ok, _ := doublestar.Match(g.pattern, filepath.ToSlash(rel))
	return ok
}

func (m *Model) fact(key, value, how string) {
	m.Facts = append(m.Facts, Fact{key, value, how})
}

// Hash identifies everything the model read: when it changes, so may any
// note's page facts.
func (m *Model) Hash() string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00%v\x00%s\x00", m.Generator, m.Root, m.Drafts, m.now.Format("2006-01-02"))
	for _, p := range m.hashParts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	m.dirsMu.Lock()
	keys := make([]string, 0, len(m.dirs))
	for k := range m.dirs {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if hs := m.dirs[k].hash; hs != "" {
			fmt.Fprintf(h, "%s\x00%s\x00", k, hs)
		}
	}
	m.dirsMu.Unlock()
	return hex.EncodeToString(h.Sum(nil))
}

// Rel returns the path of the file at osPath relative to the site root,
// slash-separated, and false when the file lies outside the site.
func (m *Model) Rel(osPath string) (string, bool) {
	abs := osPath
	if !filepath.IsAbs(abs) {
		abs = filepath.Join(m.cwd, osPath)
	}
	rel, err := filepath.Rel(m.Root, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", false
	}
	return filepath.ToSlash(rel), true
}

// Page decides what the generator does with the note at osPath.
func (m *Model) Page(osPath string, d *Doc) Page {
	rel, ok := m.Rel(osPath)
	if !ok {
		// A note named from outside the site: judged on its own.
		p := plainPage(m, path.Base(filepath.ToSlash(osPath)), d)
		return p
	}
	abs := filepath.Join(m.Root, filepath.FromSlash(rel))
	for _, g := range m.exclude {
		if g.match(abs) {
			p := Page{Why: "excluded from pages by " + g.source, Kind: KindPage}
			p.Lang = m.frontLang(d, m.DefaultLang)
			return p
		}
	}
	p := m.gen.page(m, rel, d)
	if p.Kind == "" {
		p.Kind = KindPage
	}
	if p.Version == "" {
		p.Version = versionFolder(rel)
	}
	switch m.Generator {
	case MkDocs, DocFX:
	case Docusaurus:
		p.Summary = "text"
	default:
		p.Summary = "html"
	}
	if p.Published && m.overridden && m.Generator == None {
		if _, _, ok := underContent(m.ContentDirs, rel); !ok {
			p.Published, p.Why = false, "outside the content folders set in .notelint.yml ("+strings.Join(m.ContentDirs, ", ")+")"
		}
	}
	switch m.titles {
	case "frontmatter":
		p.TitleH1 = false
	case "frontmatter-or-h1":
		p.TitleH1 = true
	}
	if p.Published {
		if why := redirectStub(d); why != "" {
			p.Published, p.Why = false, why
		} else if p.Lang != "" && p.Lang != m.DefaultLang && !d.HasTitle && d.EmptyBody {
			p.Published, p.Why = false, "translation stub with no title and no text (the site shows the "+m.DefaultLang+" page instead)"
		}
	}
	return p
}

var versionName = regexp.MustCompile(`^v?\d+(\.\d+){1,2}$|^v\d+$`)

// versionFolder is the first folder of rel named like a documentation
// version (v3.4, 2.1, v2): sites such as etcd's keep one copy of their
// docs per release, and a page is compared with its own release's pages.
func versionFolder(rel string) string {
	dir := path.Dir(rel)
	if dir == "." {
		return ""
	}
	for _, seg := range strings.Split(dir, "/") {
		if versionName.MatchString(seg) {
			return seg
		}
	}
	return ""
}

// frontLang is the note's lang, language or locale field, else def.
func (m *Model) frontLang(d *Doc, def string) string {
	for _, k := range [...]string{"lang", "language", "locale"} {
		if v := strings.TrimSpace(d.str(k)); v != "" {
			return normLang(v)
		}
	}
	return def
}

// normLang folds a language code: "pt_BR" and "pt-br" are one language.
func normLang(s string) string {
	return strings.ReplaceAll(strings.ToLower(strings.TrimSpace(s)), "_", "-")
}

// redirectStub says why a note is a redirect and not a page, or "".
func redirectStub(d *Doc) string {
	for _, k := range [...]string{"redirect", "redirect_to", "redirect_url", "redirectTo", "redirect-to"} {
		if v, ok := d.lookup(k); ok && scalarString(v) != "" {
			return "redirect stub (" + k + ")"
		}
	}
	for _, k := range [...]string{"layout", "template"} {
		if v := d.str(k); strings.Contains(strings.ToLower(v), "redirect") {
			return "redirect stub (" + k + ": " + v + ")"
		}
	}
	if !d.EmptyBody || len(d.Keys) == 0 {
		return ""
	}
	// A note with nothing but where it is redirected from, and no text.
	redirect := false
	for _, k := range d.Keys {
		switch strings.ToLower(k) {
		case "redirect_from", "aliases":
			redirect = true
		case "layout", "sitemap", "permalink", "lang", "url", "slug", "title":
		default:
			return ""
		}
	}
	if redirect && !d.HasTitle {
		return "redirect stub (only redirect_from and no text)"
	}
	return ""
}

// dirInfo is what the model knows of one folder.
type dirInfo struct {
	files map[string]bool           // names of the notes (or all files) in it
	front map[string]map[string]any // frontmatter of its section index files
	hash  string                    // of its index files and their frontmatter, for Hash
	// leaf is the name of its page-bundle index file (index.md,
	// index.fr.md), "" when it has none; section is set when it has a
	// section index file (_index.md).
	leaf    string
	section bool
}

// Prepare learns, before any note is decided, what the model needs of the
// folders that hold notes and of their parents: which hold index files,
// and the frontmatter of section index files (Hugo's cascades). files are
// the OS paths of the run's notes; a folder none of them is in is listed
// from disk. Hash covers what Prepare read.
func (m *Model) Prepare(files []string) {
	if m.Generator != Hugo && m.Generator != Zola && m.Generator != MkDocs {
		return
	}
	byDir := map[string]map[string]bool{}
	for _, f := range files {
		abs := f
		if !filepath.IsAbs(abs) {
			abs = filepath.Join(m.cwd, f)
		}
		d := filepath.Dir(abs)
		if byDir[d] == nil {
			byDir[d] = map[string]bool{}
		}
		byDir[d][filepath.Base(abs)] = true
	}
	need := map[string]bool{}
	for d := range byDir {
		for a := d; !need[a]; a = filepath.Dir(a) {
			need[a] = true
			if a == m.Root || !strings.HasPrefix(a, m.Root) || filepath.Dir(a) == a {
				break
			}
		}
	}
	m.dirsMu.Lock()
	defer m.dirsMu.Unlock()
	if m.dirs == nil {
		m.dirs = map[string]*dirInfo{}
	}
	for d := range need {
		if names, ok := byDir[d]; ok {
			m.dirs[d] = m.readDirInfo(d, names)
		} else {
			m.dirs[d] = m.readDirInfo(d, nil)
		}
	}
}

// dir returns what the model knows of the folder at abs, listing it from
// disk if Prepare did not see it.
func (m *Model) dir(abs string) *dirInfo {
	// After Prepare the map is only read: notes are decided in parallel.
	m.dirsMu.RLock()
	di, ok := m.dirs[abs]
	m.dirsMu.RUnlock()
	if ok {
		return di
	}
	m.dirsMu.Lock()
	defer m.dirsMu.Unlock()
	if m.dirs == nil {
		m.dirs = map[string]*dirInfo{}
	}
	di, ok = m.dirs[abs]
	if !ok {
		di = m.readDirInfo(abs, nil)
		m.dirs[abs] = di
	}
	return di
}

// readDirInfo builds a folder's dirInfo from the names of its notes, or
// from a listing of the folder when names is nil.
func (m *Model) readDirInfo(abs string, names map[string]bool) *dirInfo {
	di := &dirInfo{files: names}
	if names == nil {
		di.files = map[string]bool{}
		ents, _ := os.ReadDir(abs)
		for _, e := range ents {
			if e.Type().IsRegular() {
				di.files[e.Name()] = true
			}
		}
	}
	var idx []string
	for name := range di.files {
		if isIndexName(name, "index") || isIndexName(name, "_index") || strings.EqualFold(stripExt(name), "readme") {
			idx = append(idx, name)
		}
	}
	if len(idx) == 0 {
		return di
	}
	sort.Strings(idx)
	for _, name := range idx {
		if isIndexName(name, "index") && di.leaf == "" {
			di.leaf = name
		}
		if isIndexName(name, "_index") {
			di.section = true
		}
	}
	h := sha256.New()
	for _, name := range idx {
		fmt.Fprintf(h, "%s\x00", name)
		if m.Generator != Hugo || !isIndexName(name, "_index") {
			continue
		}
		fm, raw := readFront(filepath.Join(abs, name))
		h.Write(raw)
		if fm != nil {
			if di.front == nil {
				di.front = map[string]map[string]any{}
			}
			di.front[name] = fm
		}
	}
	di.hash = hex.EncodeToString(h.Sum(nil))
	return di
}

// stripExt returns name without its Markdown extension.
func stripExt(name string) string {
	if i := strings.LastIndexByte(name, '.'); i > 0 {
		return name[:i]
	}
	return name
}

// underContent returns rel relative to the first content dir holding it.
func underContent(dirs []string, rel string) (dir, sub string, ok bool) {
	best := -1
	for _, d := range dirs {
		if d == "." || d == "" {
			if best < 0 {
				dir, sub, ok, best = ".", rel, true, 0
			}
			continue
		}
		if strings.HasPrefix(rel, d+"/") && len(d) > best {
			dir, sub, ok, best = d, rel[len(d)+1:], true, len(d)
		}
	}
	return dir, sub, ok
}

// plainPage is a note of an archive with no generator: a page, titled by
// its title field or first H1, at its folder plus slug or file name.
func plainPage(m *Model, rel string, d *Doc) Page {
	p := Page{Published: true, Kind: KindPage, TitleH1: true, Summary: "html", Lang: m.frontLang(d, m.DefaultLang)}
	if b, _ := truthy(valueOf(d, "draft")); b && !m.Drafts {
		p.Published, p.Why = false, "draft: true"
	} else if b, ok := truthy(valueOf(d, "published")); ok && !b && !m.Drafts {
		p.Published, p.Why = false, "published: false"
	}
	dir, file := path.Split(rel)
	dir = strings.Trim(dir, "/")
	name := stripExt(file)
	if i := strings.IndexByte(dir, '/'); i >= 0 {
		p.Section = dir[:i]
	} else {
		p.Section = dir
	}
	if u := strings.TrimSpace(d.str("url")); u != "" {
		p.URL = folderURL(u)
	} else if u := strings.TrimSpace(d.str("permalink")); u != "" {
		p.URL = folderURL(u)
	} else {
		slug := strings.TrimSpace(d.str("slug"))
		switch {
		case slug != "":
			p.URL = joinURL(dir, slugify(slug))
		case name == "index" || name == "_index":
			p.URL = joinURL(dir, "")
		default:
			p.URL = joinURL(dir, slugify(name))
		}
		p.URL = strings.ToLower(p.URL)
	}
	return p
}

type plain struct{}

func (plain) configure(*Model) {}

func (plain) page(m *Model, rel string, d *Doc) Page {
	p := plainPage(m, rel, d)
	if l := m.langFromFolder(rel); l != "" {
		p.Lang = l // see the same choice for Jekyll
	}
	return p
}

// joinURL makes "/dir/name/" from its parts, either of which may be "".
func joinURL(dir, name string) string {
	var b strings.Builder
	b.WriteByte('/')
	if dir != "" && dir != "." {
		b.WriteString(dir)
		b.WriteByte('/')
	}
	if name != "" {
		b.WriteString(name)
		b.WriteByte('/')
	}
	return b.String()
}

// folderURL is a url field as a plain archive publishes it: lower case,
// a folder unless it names a file ("pricing" is /pricing/).
func folderURL(u string) string {
	t := strings.Trim(strings.ToLower(cleanURL(u)), "/")
	switch {
	case t == "":
		return "/"
	case path.Ext(t) != "":
		return "/" + t
	}
	return "/" + t + "/"
}

// cleanURL turns a url or permalink value into a site path with a
// leading slash: a full URL loses its scheme and host.
func cleanURL(u string) string {
	u = strings.TrimSpace(u)
	if i := strings.Index(u, "://"); i >= 0 {
		rest := u[i+3:]
		if j := strings.IndexByte(rest, '/'); j >= 0 {
			u = rest[j:]
		} else {
			u = "/"
		}
	}
	if !strings.HasPrefix(u, "/") {
		u = "/" + u
	}
	return u
}

// notContent are, by generator, the top-level folders it reads as
// templates, assets or build output, never as content.
var notContent = map[Generator][]string{
	Hugo:       {"archetypes", "layouts", "themes", "static", "assets", "data", "i18n", "resources", "public"},
	Zola:       {"templates", "themes", "static", "sass", "public"},
	Jekyll:     {"_site", "vendor"},
	MkDocs:     {"site"},
	Docusaurus: {"build", "node_modules"},
	DocFX:      {"_site", "obj"},
}

// Skipped says why the generator never reads the file at osPath as a note
// (a template, an asset, build output), or "" when it may. Such files are
// not linted at all: an archetype's frontmatter is a template, not YAML.
func (m *Model) Skipped(osPath string) string {
	rel, ok := m.Rel(osPath)
	if !ok {
		return ""
	}
	first, _, _ := strings.Cut(rel, "/")
	if first == rel {
		return ""
	}
	for _, c := range m.ContentDirs {
		if c == first || strings.HasPrefix(c, first+"/") {
			return ""
		}
	}
	for _, d := range notContent[m.Generator] {
		if first == d {
			return string(m.Generator) + " reads " + d + "/ as templates, assets or build output"
		}
	}
	return ""
}

// FrontAfterSpace reports whether the generator finds a note's
// frontmatter after blank lines and indentation (Hugo and Zola do).
func (m *Model) FrontAfterSpace() bool { return m.Generator == Hugo || m.Generator == Zola }

// Plain is the model of an archive that no generator builds, rooted at
// the working directory: every note is a page.
func Plain() *Model {
	cwd, _ := os.Getwd()
	return &Model{Generator: None, Root: cwd, cwd: cwd, gen: plain{}, ContentDirs: []string{"."}}
}
