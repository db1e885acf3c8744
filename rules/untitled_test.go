package rules

import "testing"

// TestIsPlaceholder: placeholders match whatever punctuation and counter
// an editor or a tool adds; real titles that merely contain one do not.
func TestIsPlaceholder(t *testing.T) {
	opts := &UntitledOptions{Placeholders: defaultPlaceholders}
	for title, want := range map[string]bool{
		"Untitled": true, "untitled": true, "Untitled (2)": true, "Untitled 2": true, "Untitled-2": true,
		"Untitled #2": true, "Untitled_2": true, "untitled copy": true, "Untitled copy 3": true,
		"New note (copy 2)": true, "TBD.": true, "TBD!": true, "“TBD”": true, "TODO:": true, "Ｕｎｔｉｔｌｅｄ": true,
		"Untitled Products: Why Nameless SKUs Fail": false, "1984": false, "2": false, "copy": false,
		"TBD++": false, "_TBD": false, "Draft.js": false, "#2": false, "Title #2 of 3": false,
	} {
		if _, got := isPlaceholder(title, opts.foldedPlaceholders()); got != want {
			t.Errorf("isPlaceholder(%q) = %v, want %v (fold %q)", title, got, want, stripCounter(foldTitle(title)))
		}
	}
}
