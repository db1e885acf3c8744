package site

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// writeSite lays out files (slash paths → contents) under a new folder,
// marked as the top of a repository so detection stops there.
func writeSite(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	files[".git/HEAD"] = "ref: refs/heads/main\n"
	for p, content := range files {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// want is what a test expects of one note: published or the start of
// the reason it is not, language and URL ("" to skip).
type want struct {
	path, why, lang, url string
}

var testNow = time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)

func checkSite(t *testing.T, dir string, ov *Overrides, gen Generator, wants []want) *Model {
	t.Helper()
	m, err := Load(dir, ov, testNow)
	if err != nil {
		t.Fatal(err)
	}
	if m.Generator != gen {
		t.Fatalf("generator %s, want %s (facts %v)", m.Generator, gen, m.Facts)
	}
	var files []string
	for _, w := range wants {
		files = append(files, filepath.Join(dir, filepath.FromSlash(w.path)))
	}
	m.Prepare(files)
	for _, w := range wants {
		file := filepath.Join(dir, filepath.FromSlash(w.path))
		p := m.Page(file, docOf(t, file))
		switch {
		case w.why == "" && !p.Published:
			t.Errorf("%s: not a page (%s); want a page", w.path, p.Why)
		case w.why != "" && p.Published:
			t.Errorf("%s: a page at %s; want not a page (%s)", w.path, p.URL, w.why)
		case w.why != "" && !strings.HasPrefix(p.Why, w.why):
			t.Errorf("%s: not a page because %q; want %q", w.path, p.Why, w.why)
		}
		if w.lang != "" && p.Lang != w.lang {
			t.Errorf("%s: lang %q, want %q", w.path, p.Lang, w.lang)
		}
		if w.url != "" && p.URL != w.url {
			t.Errorf("%s: URL %s, want %s", w.path, p.URL, w.url)
		}
	}
	return m
}

func TestZola(t *testing.T) {
	dir := writeSite(t, map[string]string{
		"config.toml":                           "base_url = \"https://example.org\"\ndefault_language = \"en\"\n[languages.fr]\n",
		"content/_index.md":                     "+++\n+++\n",
		"content/blog/_index.md":                "+++\ntitle = \"Blog\"\nsort_by = \"date\"\n+++\n",
		"content/blog/2024-01-05-first-post.md": "+++\ntitle = \"First post\"\n+++\nHello.\n",
		"content/blog/first-post.fr.md":         "+++\ntitle = \"Premier article\"\n+++\nBonjour.\n",
		"content/blog/wip.md":                   "+++\ntitle = \"Work in progress\"\ndraft = true\n+++\nSoon.\n",
		"content/blog/moved.md":                 "+++\ntitle = \"Moved\"\npath = \"elsewhere/moved\"\n+++\nText.\n",
		"content/blog/trip/index.md":            "+++\ntitle = \"Trip\"\n+++\nPhotos.\n",
		"content/blog/trip/notes.md":            "Notes kept next to the photos.\n",
		"content/hidden/_index.md":              "+++\nrender = false\n+++\n",
		"templates/page.md":                     "not content\n",
	})
	checkSite(t, dir, nil, Zola, []want{
		{path: "content/_index.md", url: "/"},
		{path: "content/blog/_index.md", url: "/blog/"},
		{path: "content/blog/2024-01-05-first-post.md", lang: "en", url: "/blog/first-post/"},
		{path: "content/blog/first-post.fr.md", lang: "fr", url: "/fr/blog/first-post/"},
		{path: "content/blog/wip.md", why: "draft = true"},
		{path: "content/blog/moved.md", url: "/elsewhere/moved/"},
		{path: "content/blog/trip/index.md", url: "/blog/trip/"},
		{path: "content/blog/trip/notes.md", why: "an asset of content/blog/trip/index.md"},
		{path: "content/hidden/_index.md", why: "render = false"},
		{path: "templates/page.md", why: "outside Zola's content folder"},
	})
}

func TestMkDocs(t *testing.T) {
	dir := writeSite(t, map[string]string{
		"mkdocs.yml": "site_name: Demo\ndocs_dir: site-docs\nexclude_docs: |\n  drafts/\n  *.tmp.md\n" +
			"markdown_extensions:\n  - pymdownx.emoji:\n      emoji_index: !!python/name:material.extensions.emoji.twemoji\n",
		"site-docs/index.md":           "# Home\n",
		"site-docs/getting-started.md": "# Getting started\n",
		"site-docs/guide/README.md":    "# Guide\n",
		"site-docs/drafts/idea.md":     "# Idea\n",
		"site-docs/notes.tmp.md":       "# Scratch\n",
		"site-docs/.hidden/x.md":       "# Hidden\n",
		"README.md":                    "# The repository\n",
	})
	m := checkSite(t, dir, nil, MkDocs, []want{
		{path: "site-docs/index.md", url: "/"},
		{path: "site-docs/getting-started.md", url: "/getting-started/"},
		{path: "site-docs/guide/README.md", url: "/guide/"},
		{path: "site-docs/drafts/idea.md", why: "exclude_docs in mkdocs.yml (drafts/)"},
		{path: "site-docs/notes.tmp.md", why: "exclude_docs in mkdocs.yml (*.tmp.md)"},
		{path: "README.md", why: "outside MkDocs' docs_dir"},
	})
	p := m.Page(filepath.Join(dir, "site-docs", "getting-started.md"), &Doc{})
	if !p.TitleH1 || p.FileTitle != "Getting started" {
		t.Errorf("titles: H1 %v, from the file %q", p.TitleH1, p.FileTitle)
	}
}

func TestDocusaurus(t *testing.T) {
	dir := writeSite(t, map[string]string{
		"docusaurus.config.js":                                    "module.exports = {\n  i18n: {\n    defaultLocale: 'en',\n    locales: ['en', 'fr'],\n  },\n};\n",
		"docs/intro.md":                                           "---\ntitle: Intro\n---\nHi.\n",
		"docs/01-guides/02-install.md":                            "# Install\n",
		"docs/guides/_snippet.md":                                 "Shared text.\n",
		"docs/api/custom.md":                                      "---\nslug: /reference/custom\n---\n# Custom\n",
		"blog/2024-03-01-launch.md":                               "---\ntitle: Launch\n---\nWe launched.\n",
		"blog/2024-04-02-wip/index.md":                            "---\ntitle: WIP\ndraft: true\n---\nSoon.\n",
		"versioned_docs/version-1.0/intro.md":                     "---\ntitle: Intro\n---\nOld.\n",
		"i18n/fr/docusaurus-plugin-content-docs/current/intro.md": "---\ntitle: Intro\n---\nSalut.\n",
		"src/pages/about.md":                                      "# About\n",
		"README.md":                                               "# Website\n",
	})
	m := checkSite(t, dir, nil, Docusaurus, []want{
		{path: "docs/intro.md", lang: "en", url: "/docs/intro"},
		{path: "docs/01-guides/02-install.md", url: "/docs/guides/install"},
		{path: "docs/guides/_snippet.md", why: "Docusaurus skips files and folders starting with _"},
		{path: "docs/api/custom.md", url: "/docs/reference/custom"},
		{path: "blog/2024-03-01-launch.md", url: "/blog/2024/03/01/launch"},
		{path: "blog/2024-04-02-wip/index.md", why: "draft: true"},
		{path: "versioned_docs/version-1.0/intro.md", url: "/docs/1.0/intro"},
		{path: "i18n/fr/docusaurus-plugin-content-docs/current/intro.md", lang: "fr", url: "/fr/docs/intro"},
		{path: "src/pages/about.md", url: "/about/"},
		{path: "README.md", why: "outside Docusaurus"},
	})
	// The current docs, a version and a translation are three partitions.
	parts := map[string]bool{}
	for _, p := range []string{"docs/intro.md", "versioned_docs/version-1.0/intro.md", "i18n/fr/docusaurus-plugin-content-docs/current/intro.md"} {
		f := filepath.Join(dir, filepath.FromSlash(p))
		parts[m.Page(f, docOf(t, f)).Partition()] = true
	}
	if len(parts) != 3 {
		t.Errorf("partitions %v, want three", parts)
	}
}

func TestDocFX(t *testing.T) {
	dir := writeSite(t, map[string]string{
		"docs/docfx.json":           `{"build": {"content": [{"files": ["**/*.md"], "exclude": ["**/includes/**", "obj/**"]}]}}`,
		"docs/index.md":             "# Docs\n",
		"docs/cpp/overview.md":      "---\ntitle: Overview\n---\n",
		"docs/cpp/includes/note.md": "A shared note.\n",
		"docs/cpp/old.md":           "---\nredirect_url: /cpp/overview\n---\n",
		"README.md":                 "# Repo\n",
	})
	checkSite(t, filepath.Join(dir, "docs"), nil, DocFX, []want{
		{path: "index.md", url: "/"},
		{path: "cpp/overview.md", url: "/cpp/overview"},
		{path: "cpp/includes/note.md", why: "excluded by build.content in docfx.json (**/includes/**)"},
		{path: "cpp/old.md", why: "redirect stub (redirect_url)"},
	})
}

func TestPlain(t *testing.T) {
	dir := writeSite(t, map[string]string{
		"en/returns.md":       "---\ntitle: Returns\n---\nText.\n",
		"de/returns.md":       "---\ntitle: Returns\n---\nText.\n",
		"notes/draft.md":      "---\ntitle: Soon\ndraft: true\n---\nText.\n",
		"notes/moved.md":      "---\nredirect_to: /notes/new/\n---\n",
		"notes/old.md":        "---\nredirect_from: [/a/, /b/]\n---\n",
		"notes/kept.md":       "---\ntitle: Kept\nredirect_from: [/c/]\n---\nA real page that old URLs lead to.\n",
		"notes/Slug Me.md":    "---\nslug: Returns & Refunds\n---\nText.\n",
		"notes/translated.md": "---\nlang: ja\n---\nテキスト。\n",
	})
	checkSite(t, dir, nil, None, []want{
		{path: "en/returns.md", lang: "en", url: "/en/returns/"},
		{path: "de/returns.md", lang: "de", url: "/de/returns/"},
		{path: "notes/draft.md", why: "draft: true"},
		{path: "notes/moved.md", why: "redirect stub (redirect_to)"},
		{path: "notes/old.md", why: "redirect stub (only redirect_from and no text)"},
		{path: "notes/kept.md", url: "/notes/kept/"},
		{path: "notes/Slug Me.md", url: "/notes/returns-refunds/"},
		{path: "notes/translated.md", lang: "ja"},
	})
	// Drafts are pages when asked for.
	checkSite(t, dir, &Overrides{Drafts: true}, None, []want{{path: "notes/draft.md"}})
}

func TestOverrides(t *testing.T) {
	dir := writeSite(t, map[string]string{
		"hugo.toml":                  "baseURL = 'https://example.org/'\n",
		"content/posts/a.md":         "---\ntitle: A\ndate: 2024-02-03\n---\nText.\n",
		"content/snippets/shared.md": "Shared text.\n",
	})
	ov := &Overrides{
		Dir:        dir,
		Permalinks: map[string]string{"posts": "/:year/:slug/"},
		Exclude:    []string{"content/snippets/**"},
		Languages:  []string{"en", "fr"},
	}
	m := checkSite(t, dir, ov, Hugo, []want{
		{path: "content/posts/a.md", url: "/2024/a/"},
		{path: "content/snippets/shared.md", why: "excluded from pages by site.exclude content/snippets/** in .notelint.yml"},
	})
	if strings.Join(m.Langs, ",") != "en,fr" {
		t.Errorf("languages %v", m.Langs)
	}
	// The generator can be named, and then only its configs count.
	m, err := Load(dir, &Overrides{Generator: "none"}, testNow)
	if err != nil || m.Generator != None {
		t.Errorf("generator none: %v, %v", m.Generator, err)
	}
	if err := (&Overrides{Generator: "gatsby"}).Validate(); err == nil || !strings.Contains(err.Error(), "want one of hugo, jekyll") {
		t.Errorf("unknown generator: %v", err)
	}
}

func TestBrokenConfigIsAnError(t *testing.T) {
	for name, files := range map[string]map[string]string{
		"hugo":   {"hugo.toml": "baseURL = [unclosed\n"},
		"jekyll": {"_config.yml": "exclude: [a\n"},
		"mkdocs": {"mkdocs.yml": "site_name: x\n  bad: indent\n"},
		"docfx":  {"docfx.json": "{\"build\": "},
	} {
		t.Run(name, func(t *testing.T) {
			dir := writeSite(t, files)
			_, err := Load(dir, nil, testNow)
			var ce *ConfigError
			if !errors.As(err, &ce) {
				t.Fatalf("err = %v, want a ConfigError", err)
			}
			for f := range files {
				if f != ".git/HEAD" && !strings.Contains(err.Error(), f) {
					t.Errorf("%v does not name %s", err, f)
				}
			}
			if strings.Count(err.Error(), "\n") > 0 {
				t.Errorf("not one line: %q", err)
			}
		})
	}
}

func TestDetectionStopsAtTheRepository(t *testing.T) {
	outer := writeSite(t, map[string]string{"_config.yml": "title: outer\n"})
	inner := filepath.Join(outer, "project")
	for _, p := range []string{".git", "notes"} {
		if err := os.MkdirAll(filepath.Join(inner, p), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	m, err := Load(filepath.Join(inner, "notes"), nil, testNow)
	if err != nil {
		t.Fatal(err)
	}
	if m.Generator != None {
		t.Errorf("found %s above the repository (%s)", m.Generator, m.ConfigFile)
	}
}

func TestPlainURLs(t *testing.T) {
	dir := writeSite(t, map[string]string{
		"Blog/Returns.md": "---\ntitle: T\n---\n",
		"blog/index.md":   "---\ntitle: T\n---\n",
		"x/y/Fix It!.md":  "---\ntitle: T\n---\n",
		"a/b.c.md":        "---\ntitle: T\n---\n",
		"s/full.md":       "---\nslug: Ｆｕｌｌ Width\n---\n",
		"s/perma.md":      "---\npermalink: //x/Y//\n---\n",
		"s/url-list.md":   "---\nurl: [a, b]\npermalink: /p/\n---\n",
		"s/upper.md":      "---\nURL: /Upper/\n---\n",
		"s/file.md":       "---\nurl: /feed.xml\n---\n",
		"s/blank-slug.md": "---\nslug: \"  \"\n---\n",
		"Über/ÄRGER.md":   "---\ntitle: T\n---\n",
	})
	checkSite(t, dir, nil, None, []want{
		{path: "Blog/Returns.md", url: "/blog/returns/"},
		{path: "blog/index.md", url: "/blog/"},
		{path: "x/y/Fix It!.md", url: "/x/y/fix-it/"},
		{path: "a/b.c.md", url: "/a/b-c/"},
		{path: "s/full.md", url: "/s/full-width/"},
		{path: "s/perma.md", url: "/x/y/"},
		{path: "s/url-list.md", url: "/p/"},
		{path: "s/upper.md", url: "/upper/"},
		{path: "s/file.md", url: "/feed.xml"},
		{path: "s/blank-slug.md", url: "/s/blank-slug/"},
		{path: "Über/ÄRGER.md", url: "/über/ärger/"},
	})
}

func TestDocusaurusPluginsAndDefaultLocale(t *testing.T) {
	dir := writeSite(t, map[string]string{
		"docusaurus.config.js": `module.exports = {
  i18n: { defaultLocale: 'en', locales: ['zh', 'en'] },
  plugins: [
    ["@docusaurus/plugin-content-blog", { id: "events", routeBasePath: "events", path: "./events" }],
  ],
};
`,
		"docs/intro.md": "---\ntitle: 介绍\n---\n中文。\n",
		"i18n/en/docusaurus-plugin-content-docs/current/intro.md": "---\ntitle: Intro\n---\nEnglish.\n",
		"docs/only-source.md":         "---\ntitle: 只有中文\n---\n中文。\n",
		"events/2024-05-01-meetup.md": "---\ntitle: Meetup\n---\nText.\n",
		"i18n/en/docusaurus-plugin-content-blog-events/2024-05-01-meetup.md": "---\ntitle: Meetup\n---\nText.\n",
	})
	checkSite(t, dir, nil, Docusaurus, []want{
		// The default locale is served from i18n/en/; the source is the
		// other locale's page.
		{path: "docs/intro.md", lang: "zh", url: "/zh/docs/intro"},
		{path: "i18n/en/docusaurus-plugin-content-docs/current/intro.md", lang: "en", url: "/docs/intro"},
		{path: "docs/only-source.md", lang: "en", url: "/docs/only-source"},
		{path: "events/2024-05-01-meetup.md", lang: "zh", url: "/zh/events/2024/05/01/meetup"},
		{path: "i18n/en/docusaurus-plugin-content-blog-events/2024-05-01-meetup.md", lang: "en", url: "/events/2024/05/01/meetup"},
	})
}

func TestVersionFolders(t *testing.T) {
	dir := writeSite(t, map[string]string{
		"hugo.toml":                         "baseURL = 'https://example.org/'\n",
		"content/docs/v3.4/install.md":      "---\ntitle: Install\n---\nText.\n",
		"content/docs/v3.5/install.md":      "---\ntitle: Install\n---\nText.\n",
		"content/blog/2024/launch.md":       "---\ntitle: Launch\n---\nText.\n",
		"content/docs/guides/v2-upgrade.md": "---\ntitle: Upgrade\n---\nText.\n",
	})
	m, err := Load(dir, nil, testNow)
	if err != nil {
		t.Fatal(err)
	}
	for p, want := range map[string]string{
		"content/docs/v3.4/install.md": "v3.4", "content/docs/v3.5/install.md": "v3.5",
		"content/blog/2024/launch.md": "", "content/docs/guides/v2-upgrade.md": "",
	} {
		f := filepath.Join(dir, filepath.FromSlash(p))
		if got := m.Page(f, docOf(t, f)).Version; got != want {
			t.Errorf("%s: version %q, want %q", p, got, want)
		}
	}
}

func TestDocusaurusVersionsAndShorthandPlugins(t *testing.T) {
	dir := writeSite(t, map[string]string{
		"docusaurus.config.ts": `export default {
  presets: [['classic', { docs: { path: '../docs' } }]],
  plugins: [['content-docs', { id: 'architecture', path: 'architecture', routeBasePath: '/architecture' }]],
};
`,
		"versions.json":                       `["0.86", "0.85"]`,
		"docs/view.md":                        "---\ntitle: View\n---\n",
		"versioned_docs/version-0.86/view.md": "---\ntitle: View\n---\n",
		"versioned_docs/version-0.85/view.md": "---\ntitle: View\n---\n",
		"architecture/overview.md":            "---\ntitle: Overview\n---\n",
	})
	checkSite(t, dir, nil, Docusaurus, []want{
		{path: "versioned_docs/version-0.86/view.md", url: "/docs/view"},
		{path: "versioned_docs/version-0.85/view.md", url: "/docs/0.85/view"},
		{path: "docs/view.md", url: "/docs/next/view"},
		{path: "architecture/overview.md", url: "/architecture/overview"},
	})
}

func TestMkDocsInheritAndExcludePlugin(t *testing.T) {
	dir := writeSite(t, map[string]string{
		"en/mkdocs.yml":              "site_name: Demo\ntheme:\n  name: material\n  language: en\nplugins:\n  exclude:\n    glob:\n      - snippets/*\n",
		"hi/mkdocs.yml":              "INHERIT: ../en/mkdocs.yml\ntheme:\n  language: hi\n",
		"hi/docs/index.md":           "# नमस्ते\n",
		"hi/docs/snippets/banner.md": "A banner included by other pages.\n",
	})
	m := checkSite(t, filepath.Join(dir, "hi"), nil, MkDocs, []want{
		{path: "docs/index.md", lang: "hi", url: "/"},
		{path: "docs/snippets/banner.md", why: "the exclude plugin in mkdocs.yml (snippets/*)"},
	})
	if m.DefaultLang != "hi" {
		t.Errorf("language %q, want hi", m.DefaultLang)
	}
}
