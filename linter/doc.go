// Package linter reads notes and runs rules over them: the note model,
// parsing with exact positions, configuration, suppressions, baselines,
// the cache and the runner.
//
// A run goes: Discover lists the files; the site model (package
// linter/site) decides which are pages; Run parses each note, gives it
// its Page facts, runs per-note rules, then archive-wide rules over the
// notes that remain, applies suppressions and sorts the findings.
//
// # For rule authors
//
// A rule is a Rule value (ID, Title, Doc, Severity, Options, and one of
// Note or Archive; Pages for rules that judge only published pages). It
// sees:
//
//   - Note: Path, Src, Front (Frontmatter, Field, Get, Lookup), Title,
//     Description, Excerpt, Derived (Excerpt, ExcerptBlock), Track, Slug,
//     Date, Draft, Page (what the site publishes: Published, Lang, URL,
//     Kind, Section), Body and BodyStart, and the methods Position,
//     BodySrc, BodySpan and NodeText;
//   - Text and Span for every piece of text with its place in Src
//     (Text.SpanOf maps a part of a text back to the source), and
//     TextBuffer for rendering many blocks without allocating;
//   - NotePass and ArchivePass with Reportf, Report, Notice, Options and
//     Config; Report, Related and RelatedTo for findings that point at
//     other notes;
//   - Severity and its constants.
//
// Rules never read files, generator configs or flags: what the site
// publishes arrives on Note.Page.
//
// # For the engine and commands
//
// Run, Options, Source, Result and NoteMeta run a lint; Discover, File
// and Unreadable find notes; Config, LoadConfig, ParseConfig,
// FindConfig and DefaultConfig read .notelint.yml; Cache, Baseline,
// ChangedSince, Finding, Count, AtLeast and SortFindings serve the
// commands and printers; Parse and RunNoteRule are for tests and
// benchmarks. EngineRules are the rules the runner reports itself.
package linter
