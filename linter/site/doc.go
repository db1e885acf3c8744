// Package site decides, for each Markdown file of a site, what its generator
// (Hugo, Jekyll) publishes: whether the file becomes a page, in which
// language, at which URL and under which title. Rules read these decisions
// as facts on each note instead of guessing from paths.
package site
