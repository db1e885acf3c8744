package report

import (
	"fmt"
	"math"
	"strings"

	"github.com/notelint/notelint/linter"
)

// Chart is an SVG chart laid out in Go, so the template only prints
// shapes. Coordinates are in viewBox units; the page scales the chart.
type Chart struct {
	ID            string
	Title, Desc   string
	Width, Height float64
	Lines         []Line
	Rects         []Rect
	Texts         []Text
	// Empty is shown instead of shapes when there is nothing to draw.
	Empty string
}

// Line is an axis or grid line.
type Line struct {
	X1, Y1, X2, Y2 float64
	Class          string
}

// Rect is a bar, or a legend swatch; Tip is its tooltip.
type Rect struct {
	X, Y, W, H float64
	Class      string
	Tip        string
}

// Text is a label. Anchor is start, middle or end.
type Text struct {
	X, Y   float64
	Anchor string
	Class  string
	S      string
}

// sevClass is the CSS class of a severity's colour.
func sevClass(s linter.Severity) string {
	switch s {
	case linter.Error:
		return "sev-error"
	case linter.Warning:
		return "sev-warning"
	}
	return "sev-info"
}

// niceScale picks a round axis maximum and step for values up to max.
func niceScale(max int, ticks int) (top, step int) {
	if max <= 0 {
		return ticks, 1
	}
	raw := float64(max) / float64(ticks)
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if s := m * mag; s >= raw {
			step = int(math.Ceil(s))
			break
		}
	}
	if step < 1 {
		step = 1
	}
	top = (max + step - 1) / step * step
	return top, step
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

func countsText(c Counts) string {
	return fmt.Sprintf("%s, %s, %d info", plural(c.Error, "error", "errors"), plural(c.Warning, "warning", "warnings"), c.Info)
}

// trendChart draws open findings per snapshot as bars stacked by
// severity, errors at the bottom.
func trendChart(pts []TrendPoint) *Chart {
	const (
		W, H                     = 400.0, 250.0
		left, right, top, bottom = 36.0, 8.0, 38.0, 42.0
	)
	c := &Chart{ID: "trend-chart", Title: "Open findings by severity, run by run", Width: W, Height: H}
	if len(pts) == 0 {
		c.Empty = "No runs yet."
		return c
	}
	first, last := pts[0], pts[len(pts)-1]
	if len(pts) == 1 {
		c.Desc = fmt.Sprintf("A single run, on %s: %d open findings (%s). Later runs will add bars.",
			last.Date.UTC().Format("2 January 2006"), last.Open.Total, countsText(last.Open))
	} else {
		c.Desc = fmt.Sprintf("Stacked bars for the last %d runs, from %s to %s. Open findings went from %d to %d; now %s.",
			len(pts), first.Date.UTC().Format("2 January 2006"), last.Date.UTC().Format("2 January 2006"),
			first.Open.Total, last.Open.Total, countsText(last.Open))
	}
	max := 0
	for _, p := range pts {
		max = int(math.Max(float64(max), float64(p.Open.Total)))
	}
	yTop, step := niceScale(max, 4)
	plotW, plotH := W-left-right, H-top-bottom
	y := func(v int) float64 { return top + plotH - float64(v)*plotH/float64(yTop) }

	// Legend.
	lx := left
	for _, s := range []struct {
		sev   linter.Severity
		label string
	}{{linter.Error, "Errors"}, {linter.Warning, "Warnings"}, {linter.Info, "Info"}} {
		c.Rects = append(c.Rects, Rect{X: lx, Y: 8, W: 11, H: 11, Class: sevClass(s.sev)})
		c.Texts = append(c.Texts, Text{X: lx + 15, Y: 17.5, Anchor: "start", Class: "label", S: s.label})
		lx += 15 + textWidth(s.label, 12) + 14
	}
	// Grid and y axis.
	for v := 0; v <= yTop; v += step {
		c.Lines = append(c.Lines, Line{X1: left, Y1: y(v), X2: W - right, Y2: y(v), Class: "grid"})
		c.Texts = append(c.Texts, Text{X: left - 5, Y: y(v) + 4, Anchor: "end", Class: "tick", S: fmt.Sprint(v)})
	}
	c.Lines = append(c.Lines, Line{X1: left, Y1: top, X2: left, Y2: top + plotH, Class: "axis"},
		Line{X1: left, Y1: top + plotH, X2: W - right, Y2: top + plotH, Class: "axis"})

	slot := plotW / float64(len(pts))
	bw := math.Min(slot*0.62, 48)
	every := 1
	if len(pts) > 7 {
		every = 2
	}
	for i, p := range pts {
		x := left + slot*float64(i) + (slot-bw)/2
		date := p.Date.UTC().Format("2 Jan 2006")
		base := 0
		for _, s := range []struct {
			sev   linter.Severity
			n     int
			label string
		}{{linter.Error, p.Open.Error, plural(p.Open.Error, "error", "errors")},
			{linter.Warning, p.Open.Warning, plural(p.Open.Warning, "warning", "warnings")},
			{linter.Info, p.Open.Info, fmt.Sprintf("%d info", p.Open.Info)}} {
			if s.n == 0 {
				continue
			}
			c.Rects = append(c.Rects, Rect{X: x, Y: y(base + s.n), W: bw, H: y(base) - y(base+s.n),
				Class: sevClass(s.sev), Tip: date + ": " + s.label})
			base += s.n
		}
		c.Texts = append(c.Texts, Text{X: x + bw/2, Y: y(p.Open.Total) - 5, Anchor: "middle", Class: "value", S: fmt.Sprint(p.Open.Total)})
		if (len(pts)-1-i)%every == 0 {
			widest := p.Date.UTC().Format("2 Jan")
			if p.Current {
				widest = "this run"
			}
			label := func(y float64, s string) {
				// Keep the labels inside the chart at either end, both
				// lines aligned alike.
				t := Text{X: x + bw/2, Y: y, Anchor: "middle", Class: "tick", S: s}
				if half := textWidth(widest, 11) / 2; t.X+half > W-1 {
					t.X, t.Anchor = W-1, "end"
				} else if t.X-half < 1 {
					t.X, t.Anchor = 1, "start"
				}
				c.Texts = append(c.Texts, t)
			}
			label(top+plotH+16, p.Date.UTC().Format("2 Jan"))
			if p.Current {
				label(top+plotH+30, "this run")
			}
		}
	}
	return c
}

// ruleChart draws a horizontal bar per rule with open findings, coloured
// by the rule's severity, with the rule's name above its bar.
func ruleChart(rows []RuleRow) *Chart {
	const (
		W                        = 400.0
		left, right, top, bottom = 6.0, 34.0, 6.0, 26.0
		rowH                     = 36.0
	)
	c := &Chart{ID: "rule-chart", Title: "Open findings by rule", Width: W}
	var shown []RuleRow
	for _, r := range rows {
		if r.Counts.Total > 0 {
			shown = append(shown, r)
		}
	}
	if len(shown) == 0 {
		c.Height = 60
		c.Empty = "No open findings."
		c.Desc = "No rule has open findings."
		return c
	}
	var parts []string
	max := 0
	for _, r := range shown {
		parts = append(parts, fmt.Sprintf("%s %d", r.ID, r.Counts.Total))
		max = int(math.Max(float64(max), float64(r.Counts.Total)))
	}
	c.Desc = "Bars for each rule, longest first: " + strings.Join(parts, ", ") + "."
	plotW := W - left - right
	plotH := rowH * float64(len(shown))
	c.Height = top + plotH + bottom
	xTop, step := niceScale(max, 4)
	x := func(v int) float64 { return left + float64(v)*plotW/float64(xTop) }
	for v := 0; v <= xTop; v += step {
		c.Lines = append(c.Lines, Line{X1: x(v), Y1: top, X2: x(v), Y2: top + plotH, Class: "grid"})
		c.Texts = append(c.Texts, Text{X: x(v), Y: top + plotH + 18, Anchor: "middle", Class: "tick", S: fmt.Sprint(v)})
	}
	c.Lines = append(c.Lines, Line{X1: left, Y1: top + plotH, X2: left + plotW, Y2: top + plotH, Class: "axis"},
		Line{X1: left, Y1: top, X2: left, Y2: top + plotH, Class: "axis"})
	for i, r := range shown {
		y := top + rowH*float64(i)
		c.Texts = append(c.Texts, Text{X: left + 4, Y: y + 14, Anchor: "start", Class: "label", S: r.ID})
		w := x(r.Counts.Total) - left
		c.Rects = append(c.Rects, Rect{X: left, Y: y + 19, W: w, H: 12, Class: sevClass(r.Severity),
			Tip: fmt.Sprintf("%s: %d open (%s)", r.ID, r.Counts.Total, r.Severity)})
		c.Texts = append(c.Texts, Text{X: left + w + 4, Y: y + 29.5, Anchor: "start", Class: "value", S: fmt.Sprint(r.Counts.Total)})
	}
	return c
}

// textWidth estimates the width of s in a sans-serif font of size px: a
// little over half the size per character, which is enough to keep
// labels apart and inside the chart.
func textWidth(s string, px float64) float64 {
	return float64(len([]rune(s))) * px * 0.56
}
