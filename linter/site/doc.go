// Package site decides what a site generator publishes, so that rules
// judge the pages readers see and not every Markdown file in a folder.
//
// A Model is built once per run, before any note is parsed:
//
//	Load     find the generator's config at or above the linted folder
//	         (hugo.toml, config/_default/, _config.yml, zola.toml or a
//	         config.toml with base_url, mkdocs.yml, docusaurus.config.*,
//	         docfx.json) and read its settings; .notelint.yml's site:
//	         settings override what was found
//	Prepare  learn which folders hold index files and read the
//	         frontmatter of section index files (Hugo cascades)
//	Page     for each note: is it a page, in which language and
//	         documentation version, at which URL, titled how
//
// The linter calls Page for every note after parsing it and stores the
// answer on the note; rules read those facts and never a generator's
// config. Each generator's rules live in a file of their own (hugo.go,
// jekyll.go, others.go); what is not recognised is a plain archive in
// which every note is a page.
package site
