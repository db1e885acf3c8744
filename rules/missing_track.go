package rules

import (
	"fmt"
	"strings"

	"github.com/agnivade/levenshtein"
	"github.com/notelint/notelint/linter"
)

// MissingTrack flags notes that belong to no declared track.
var MissingTrack = &linter.Rule{
	ID:       "missing-track",
	Title:    "note belongs to no declared track",
	Severity: linter.Error,
	Doc: `Flags a note whose ` + "`track`" + ` field is missing, empty, or not one of the tracks
declared in the config.

**Why**: tracks are the archive's top-level sections. A note without one, or
with a misspelled one, is missing from its section's listing, feeds and
navigation: it is published but nobody finds it.

**Flagged** (with ` + "`tracks: [Omnichannel Systems, GHL Services]`" + `):

    track:                      # empty
    track: Omnichanel Systems   # not declared; did you mean "Omnichannel Systems"?

and a note with no ` + "`track`" + ` key at all.

**Fine**: ` + "`track: omnichannel systems`" + ` (case is ignored) and
` + "`track: ghl-services`" + ` (a track's slug matches too), and any alias declared
for a track.

**Fix**: set ` + "`track:`" + ` to one of the declared tracks.

**Configure** the tracks in ` + "`.notelint.yml`" + `; with none declared, only missing
and empty values are flagged. The field name is set under ` + "`fields.track`" + `.

    tracks:
      - Omnichannel Systems
      - name: AI Automation Services
        aliases: [AI Services]
`,
	Note: func(p *linter.NotePass) {
		n := p.Note
		t := n.Track
		key := "track"
		if f := p.Config.Parse.Fields.Track; len(f) > 0 {
			key = f[0]
		}
		switch {
		case !t.IsSet():
			// At the block's opening delimiter: ---, +++, or the brace
			// of a JSON object (after the "<!--" that may hold it).
			span := n.Front.Span
			switch n.Front.Format {
			case "":
				span = linter.Span{Start: n.BodyStart, End: n.BodyStart}
			case "json":
				span.End = n.Front.Content.Start + 1
			default:
				span.End = span.Start + 3
			}
			p.Reportf(span, "note has no %s; add %s: with one of the archive's tracks", key, key)
		case strings.TrimSpace(t.Text) == "":
			p.Reportf(t.Span, "%s is empty; set it to one of the archive's tracks", key)
		case len(p.Config.Tracks) > 0:
			if _, ok := matchTrack(t.Text, p.Config.Tracks); !ok {
				msg := fmt.Sprintf("%s %q is not a declared track", key, t.Text)
				if near := closestTrack(t.Text, p.Config.Tracks); near != "" {
					msg += fmt.Sprintf("; did you mean %q?", near)
				} else {
					msg += "; use one of the tracks in the config"
				}
				p.Reportf(t.Span, "%s", msg)
			}
		}
	},
}

// trackKey folds a track name or value for matching: case, and the
// difference between "GHL Services" and its slug "ghl-services".
func trackKey(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(strings.TrimSpace(s)) {
		if r == ' ' || r == '-' || r == '_' || r == '\t' {
			dash = true
			continue
		}
		if dash && b.Len() > 0 {
			b.WriteByte('-')
		}
		dash = false
		b.WriteRune(r)
	}
	return b.String()
}

func matchTrack(v string, tracks []linter.Track) (string, bool) {
	k := trackKey(v)
	for _, t := range tracks {
		if trackKey(t.Name) == k {
			return t.Name, true
		}
		for _, a := range t.Aliases {
			if trackKey(a) == k {
				return t.Name, true
			}
		}
	}
	return "", false
}

// closestTrack is the declared track nearest to v by edit distance, if it
// is close enough to be a likely typo (a third of the name at most).
func closestTrack(v string, tracks []linter.Track) string {
	k := trackKey(v)
	best, bestD := "", -1
	for _, t := range tracks {
		for _, name := range append([]string{t.Name}, t.Aliases...) {
			d := levenshtein.ComputeDistance(k, trackKey(name))
			if bestD < 0 || d < bestD {
				best, bestD = t.Name, d
			}
		}
	}
	if bestD < 0 || bestD*3 > max(len(k), 3) {
		return ""
	}
	return best
}
