package output

import "github.com/notelint/notelint/linter"

// FingerprintKey names notelint's fingerprint in SARIF partialFingerprints.
// The version changes if the scheme ever does, so that code scanning does
// not match old alerts against values computed differently.
const FingerprintKey = "notelint/v1"

// Fingerprint is linter.Fingerprint: rule, path and normalised flagged
// text, no line numbers. Baselines use the same scheme.
func Fingerprint(f linter.Finding) string { return linter.Fingerprint(f) }

// Fingerprints is linter.Fingerprints: one per finding, twins in a file
// told apart by ":2", ":3" in file order.
func Fingerprints(fs []linter.Finding) []string { return linter.Fingerprints(fs) }
