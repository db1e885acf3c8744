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
	Pages:    true,
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

**When it runs**: only on archives that have tracks. It checks every page
when tracks are declared in ` + "`.notelint.yml`" + `, or when no tracks are declared
but at least two thirds of the pages set the field (then only missing and
empty values are flagged). Otherwise it stays silent, and the summary says
so once. Notes that are not pages (partials, drafts, redirects) are not
checked.

**Configure** the tracks in ` + "`.notelint.yml`" + `. The field is ` + "`track`" + ` unless
` + "`track-field:`" + ` (or ` + "`fields.track`" + `) names another, such as ` + "`categories`" + ` or
` + "`section`" + `; a list field (` + "`categories: [a, b]`" + `) is fine when one of its
values is a declared track.

    tracks:
      - Omnichannel Systems
      - name: AI Automation Services
        aliases: [AI Services]
`,
	Archive: func(p *linter.ArchivePass) { checkTracks(p) },
}

// trackShare is the share of pages that must carry the track field for
// the rule to run when the config declares no tracks: two thirds.
const trackShareNum, trackShareDen = 2, 3

func checkTracks(p *linter.ArchivePass) {
	key := "track"
	if f := p.Config.Parse.Fields.Track; len(f) > 0 {
		key = f[0]
	}
	declared := p.Config.Tracks
	if len(declared) == 0 {
		with := 0
		for _, n := range p.Notes {
			if n.Track.IsSet() {
				with++
			}
		}
		if len(p.Notes) == 0 || with*trackShareDen < len(p.Notes)*trackShareNum {
			if len(p.Notes) > 0 {
				p.Notice("not checked: no tracks are declared in the config and %d of %d pages set %s:; "+
					"to check tracks, list them under tracks: in .notelint.yml, or name the field this site uses with track-field: (see notelint explain missing-track)",
					with, len(p.Notes), key)
			}
			return
		}
	}
	for _, n := range p.Notes {
		checkTrack(p, n, key, declared)
	}
}

func checkTrack(p *linter.ArchivePass, n *linter.Note, key string, declared []linter.Track) {
	t := n.Track
	if !t.IsSet() {
		// At the block's opening delimiter: ---, +++, or the brace of a
		// JSON object (after the "<!--" that may hold it).
		span := n.Front.Span
		switch n.Front.Format {
		case "":
			span = linter.Span{Start: n.BodyStart, End: n.BodyStart}
		case "json":
			span.End = n.Front.Content.Start + 1
		default:
			span.End = span.Start + 3
		}
		p.Report(n, linter.Report{Span: span, Message: fmt.Sprintf("note has no %s; add %s: with one of the archive's tracks", key, key)})
		return
	}
	values := []string{t.Text}
	if f, ok := n.Front.Get(t.Field); ok && !f.Scalar {
		// A list field (categories: [a, b]): any one declared track will do.
		values = values[:0]
		if l, ok := f.Value.([]any); ok {
			for _, v := range l {
				if s, ok := v.(string); ok && strings.TrimSpace(s) != "" {
					values = append(values, s)
				}
			}
		}
		if len(values) == 0 {
			p.Report(n, linter.Report{Span: t.Span, Message: fmt.Sprintf("%s is empty; set it to one of the archive's tracks", key)})
			return
		}
		if len(declared) == 0 {
			return
		}
		for _, v := range values {
			if _, ok := matchTrack(v, declared); ok {
				return
			}
		}
		p.Report(n, linter.Report{Span: t.Span, Message: fmt.Sprintf("%s %q names no declared track; add one of the tracks in the config", key, strings.Join(values, ", "))})
		return
	}
	switch {
	case strings.TrimSpace(t.Text) == "":
		p.Report(n, linter.Report{Span: t.Span, Message: fmt.Sprintf("%s is empty; set it to one of the archive's tracks", key)})
	case len(declared) > 0:
		if _, ok := matchTrack(t.Text, declared); !ok {
			msg := fmt.Sprintf("%s %q is not a declared track", key, t.Text)
			if near := closestTrack(t.Text, declared); near != "" {
				msg += fmt.Sprintf("; did you mean %q?", near)
			} else {
				msg += "; use one of the tracks in the config"
			}
			p.Report(n, linter.Report{Span: t.Span, Message: msg})
		}
	}
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
