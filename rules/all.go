// Package rules holds notelint's checks, one file each. A rule's Doc is its
// user documentation: `notelint explain`, `notelint rules --markdown`, the
// README and SARIF all come from it.
package rules

import "github.com/notelint/notelint/linter"

// All returns every content rule, sorted by ID. The engine's own rules
// (invalid-note, internal-error) come from linter.EngineRules.
func All() []*linter.Rule {
	rs := []*linter.Rule{
		DuplicateDescription,
		DuplicateSlug,
		DuplicateTitle,
		LeakedFrontmatter,
		LeakedJSONLD,
		LeakedMarkup,
		MissingTrack,
		NearDuplicateTitle,
		UnsourcedStatistic,
		Untitled,
	}
	linter.SortRules(rs)
	return rs
}

// Everything is All plus the engine rules: what config, explain and output
// formats must know about.
func Everything() []*linter.Rule {
	rs := append(linter.EngineRules(), All()...)
	linter.SortRules(rs)
	return rs
}

// ByID finds a rule by its ID.
func ByID(id string) *linter.Rule {
	for _, r := range Everything() {
		if r.ID == id {
			return r
		}
	}
	return nil
}
