package site

import (
	"cmp"
	"encoding/json"
	"flag"
	"fmt"
	"html"
	"io/fs"
	"net/url"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/sites/*/pages.tsv from what the generators publish")

// sitesDir holds the fixture sites. Each site's name starts with the
// generator that builds it (hugo-…, jekyll-…), and its pages.tsv records
// what that generator published, so the site model can be checked against
// the real generators on machines that do not have them.
const sitesDir = "../../testdata/sites"

// oraclePage is what a generator published for one Markdown file.
type oraclePage struct {
	Path  string // slash path of the source file, relative to the site root
	Lang  string // Hugo's .Lang; Jekyll's page.lang, or "" when unset
	URL   string // site-relative URL: Hugo's .RelPermalink, Jekyll's page.url
	Title string // Hugo's .Title; Jekyll's page.title, or "" when unset
}

// markerRE finds the line that the fixture sites' layouts write into every
// page they render from a source file. Its content is JSON, escaped as an
// HTML attribute value.
var markerRE = regexp.MustCompile(`<meta name="notelint-oracle" content="([^"]*)">`)

// marker is the JSON the layouts write. Source is Hugo's .File.Filename
// (absolute) or Jekyll's page.path (relative to the site root).
type marker struct {
	Source string `json:"source"`
	Lang   string `json:"lang"`
	URL    string `json:"url"`
	Title  string `json:"title"`
}

// markdownExts are the extensions Hugo and Jekyll treat as Markdown by default.
var markdownExts = map[string]bool{
	".md": true, ".markdown": true, ".mdown": true, ".mkd": true, ".mkdn": true, ".mkdown": true,
}

// generatorPages builds a copy of siteDir with the real generator and
// returns, sorted by Path, one record per Markdown file that it rendered as
// a page. A page counts only if an output file carrying its marker was
// written: pages the generator lists but does not render, files it copies
// as they are, and pages without a source file (taxonomies, terms, sections
// without _index.md) are left out.
func generatorPages(t *testing.T, generator, siteDir string) []oraclePage {
	t.Helper()
	if generator != "hugo" && generator != "jekyll" {
		t.Fatalf("unknown generator %q", generator)
	}
	bin, err := exec.LookPath(generator)
	if err != nil {
		t.Skipf("%s is not installed; on Debian or Ubuntu: apt-get install %s", generator, generator)
	}

	tmp := t.TempDir()
	src, out := filepath.Join(tmp, "site"), filepath.Join(tmp, "public")
	if err := os.CopyFS(src, os.DirFS(siteDir)); err != nil {
		t.Fatalf("copy %s: %v", siteDir, err)
	}
	// pages.tsv is the expected answer, not part of the site: Jekyll would
	// copy it to the output as a static file.
	if err := os.Remove(filepath.Join(src, "pages.tsv")); err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	args := []string{"build", "--source", src, "--destination", out, "--safe", "--quiet"}
	if generator == "hugo" {
		args = []string{"--source", src, "--destination", out, "--baseURL", "https://example.org/",
			"--cacheDir", filepath.Join(tmp, "cache"), "--noBuildLock", "--quiet"}
	}
	cmd := exec.Command(bin, args...)
	cmd.Dir = src
	cmd.Env = generatorEnv()
	msg, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s: %v\n%s", strings.Join(cmd.Args, " "), err, msg)
	}
	if len(msg) > 0 {
		t.Logf("%s says:\n%s", generator, msg)
	}
	return publishedPages(t, generator, src, out)
}

// generatorEnv is the environment without settings that would change what a
// generator publishes (HUGO_*, JEKYLL_*, time zone, locale), with a UTC
// clock for dates and a UTF-8 locale so Ruby reads non-ASCII sources.
func generatorEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		switch {
		case strings.HasPrefix(name, "HUGO_"), strings.HasPrefix(name, "JEKYLL_"),
			name == "TZ", name == "LANG", name == "LANGUAGE", strings.HasPrefix(name, "LC_"):
			continue
		}
		env = append(env, kv)
	}
	return append(env, "TZ=UTC", "LC_ALL=C.UTF-8", "LANG=C.UTF-8")
}

// publishedPages walks the output directory out for page markers and maps
// each back to its source file under src.
//
// Jekyll renders a page whose layout is missing or null without any layout,
// so such a page would carry no marker and go unnoticed: for Jekyll, every
// HTML file in the output must carry a marker or be a copy of a static file.
// Hugo writes marker-less HTML of its own (alias redirects, taxonomy pages,
// sections without _index.md), none of them from a source file.
func publishedPages(t *testing.T, generator, src, out string) []oraclePage {
	t.Helper()
	roots := []string{src}
	if real, err := filepath.EvalSymlinks(src); err == nil && real != src {
		roots = append(roots, real)
	}
	pages := map[string]oraclePage{}
	err := filepath.WalkDir(out, func(file string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(file)
		if err != nil {
			return err
		}
		written, _ := filepath.Rel(out, file)
		written = filepath.ToSlash(written)
		found := markerRE.FindAllSubmatch(data, -1)
		if len(found) == 0 && generator == "jekyll" && strings.HasSuffix(written, ".html") {
			if static, err := os.ReadFile(filepath.Join(src, filepath.FromSlash(written))); err != nil || string(static) != string(data) {
				t.Errorf("%s has no page marker: its page was rendered without a layout that includes oracle-marker.html", written)
			}
		}
		if len(found) > 1 {
			t.Errorf("%s carries %d page markers; a layout must write only its own page's", written, len(found))
		}
		for _, m := range found {
			var mk marker
			if err := json.Unmarshal([]byte(html.UnescapeString(string(m[1]))), &mk); err != nil {
				t.Errorf("%s: bad page marker %q: %v", written, m[1], err)
				continue
			}
			p := oraclePage{Path: sourcePath(mk.Source, roots), Lang: mk.Lang, URL: mk.URL, Title: mk.Title}
			if p.Path == "" || !markdownExts[strings.ToLower(path.Ext(p.Path))] {
				continue
			}
			if !servedAt(p.URL, written) {
				t.Errorf("%s: page %s says its URL is %q, which is not where it was written", written, p.Path, p.URL)
			}
			if prev, ok := pages[p.Path]; ok && prev != p {
				t.Errorf("%s rendered twice, differently: %+v and %+v", p.Path, prev, p)
			}
			pages[p.Path] = p
		}
		return nil
	})
	if err != nil {
		t.Fatalf("walk %s: %v", out, err)
	}
	list := make([]oraclePage, 0, len(pages))
	for _, p := range pages {
		list = append(list, p)
	}
	slices.SortFunc(list, func(a, b oraclePage) int { return cmp.Compare(a.Path, b.Path) })
	return list
}

// sourcePath turns a marker's source (absolute, or already relative to the
// site root) into a slash path relative to the site root; "" if none.
func sourcePath(source string, roots []string) string {
	if source == "" || !filepath.IsAbs(source) {
		return strings.TrimPrefix(filepath.ToSlash(source), "/")
	}
	for _, root := range roots {
		if rel, err := filepath.Rel(root, source); err == nil && filepath.IsLocal(rel) {
			return filepath.ToSlash(rel)
		}
	}
	return filepath.ToSlash(source)
}

// servedAt reports whether a page with the site-relative URL u may have been
// written to the output file written (a slash path).
func servedAt(u, written string) bool {
	p, err := url.PathUnescape(u)
	if err != nil {
		p = u
	}
	p = strings.TrimPrefix(p, "/")
	if p == "" || strings.HasSuffix(p, "/") {
		return written == p+"index.html"
	}
	return written == p || written == p+".html" || written == p+"/index.html"
}

// formatPagesTSV renders pages as pages.tsv: a header line, then one
// tab-separated line per page.
func formatPagesTSV(t *testing.T, pages []oraclePage) string {
	t.Helper()
	var b strings.Builder
	b.WriteString("path\tlang\turl\ttitle\n")
	for _, p := range pages {
		fields := []string{p.Path, p.Lang, p.URL, p.Title}
		for _, f := range fields {
			if strings.ContainsAny(f, "\t\r\n") {
				t.Fatalf("%s: field %q cannot be written to a TSV line", p.Path, f)
			}
		}
		b.WriteString(strings.Join(fields, "\t") + "\n")
	}
	return b.String()
}

// readPagesTSV reads a site's pages.tsv, the generator's recorded answer.
func readPagesTSV(t *testing.T, file string) []oraclePage {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	if lines[0] != "path\tlang\turl\ttitle" {
		t.Fatalf("%s: header is %q, want path, lang, url, title separated by tabs", file, lines[0])
	}
	var pages []oraclePage
	for i, line := range lines[1:] {
		f := strings.Split(line, "\t")
		if len(f) != 4 {
			t.Fatalf("%s:%d: %d fields, want 4", file, i+2, len(f))
		}
		pages = append(pages, oraclePage{Path: f[0], Lang: f[1], URL: f[2], Title: f[3]})
	}
	return pages
}

// recordedWith is the generator version each site's pages.tsv was recorded
// with: Debian's packages, which CI installs. Other versions publish other
// pages (Hugo 0.123 started to read build options from build as well as
// _build, for one), so their answers are not compared.
var recordedWith = map[string]string{"hugo": "0.111.3", "jekyll": "4.3.1"}

// generatorVersion asks the installed generator for its version, as
// "0.111.3"; "" if it is not installed.
func generatorVersion(t *testing.T, generator string) string {
	t.Helper()
	arg := "version"
	if generator == "jekyll" {
		arg = "--version"
	}
	if _, err := exec.LookPath(generator); err != nil {
		return ""
	}
	out, err := exec.Command(generator, arg).Output()
	if err != nil {
		t.Fatalf("%s %s: %v", generator, arg, err)
	}
	// "hugo v0.111.3+extended linux/amd64 ...", "jekyll 4.3.1"
	f := strings.Fields(string(out))
	if len(f) < 2 {
		t.Fatalf("%s %s printed %q", generator, arg, out)
	}
	v, _, _ := strings.Cut(strings.TrimPrefix(f[1], "v"), "+")
	v, _, _ = strings.Cut(v, "-")
	return v
}

// fixtureSites lists the site directories under sitesDir with the generator
// each is built with, taken from the part of its name before the first "-".
func fixtureSites(t *testing.T) map[string]string {
	t.Helper()
	entries, err := os.ReadDir(sitesDir)
	if err != nil {
		t.Fatal(err)
	}
	sites := map[string]string{}
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		gen, _, _ := strings.Cut(e.Name(), "-")
		if gen != "hugo" && gen != "jekyll" {
			t.Errorf("%s: site names start with the generator, hugo- or jekyll-", e.Name())
			continue
		}
		sites[e.Name()] = gen
	}
	if len(sites) == 0 {
		t.Fatalf("no fixture sites in %s", sitesDir)
	}
	return sites
}

// TestOracleGolden rebuilds every fixture site with its generator and checks
// that pages.tsv still says what the generator publishes. With -update it
// rewrites pages.tsv instead.
func TestOracleGolden(t *testing.T) {
	for name, gen := range fixtureSites(t) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			if v := generatorVersion(t, gen); v != "" && v != recordedWith[gen] {
				t.Skipf("pages.tsv records %s %s; this machine has %s %s", gen, recordedWith[gen], gen, v)
			}
			dir := filepath.Join(sitesDir, name)
			got := formatPagesTSV(t, generatorPages(t, gen, dir))
			golden := filepath.Join(dir, "pages.tsv")
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run: go test ./linter/site -run TestOracleGolden -update)", err)
			}
			if string(want) != got {
				t.Errorf("%s differs from what %s publishes (- recorded, + published; run: go test ./linter/site -run TestOracleGolden -update):\n%s",
					golden, gen, lineDiff(string(want), got))
			}
		})
	}
}

// TestOraclePagesFiles checks, without the generators, that every fixture
// site has a well-formed pages.tsv whose paths are sorted, unique and exist.
func TestOraclePagesFiles(t *testing.T) {
	for name := range fixtureSites(t) {
		dir := filepath.Join(sitesDir, name)
		pages := readPagesTSV(t, filepath.Join(dir, "pages.tsv"))
		if len(pages) == 0 {
			t.Errorf("%s: pages.tsv lists no pages", name)
		}
		for i, p := range pages {
			if i > 0 && pages[i-1].Path >= p.Path {
				t.Errorf("%s: pages.tsv is not sorted by unique path at %s", name, p.Path)
			}
			if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(p.Path))); err != nil {
				t.Errorf("%s: pages.tsv lists %s: %v", name, p.Path, err)
			}
			if !strings.HasPrefix(p.URL, "/") {
				t.Errorf("%s: %s has URL %q, want a site-relative URL starting with /", name, p.Path, p.URL)
			}
		}
	}
}

// lineDiff lists the lines only in want (-) and only in got (+).
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	for _, l := range w {
		if !slices.Contains(g, l) {
			fmt.Fprintf(&b, "- %s\n", l)
		}
	}
	for _, l := range g {
		if !slices.Contains(w, l) {
			fmt.Fprintf(&b, "+ %s\n", l)
		}
	}
	return b.String()
}
