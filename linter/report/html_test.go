package report

import (
	"bytes"
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

const sourcePrefix = "https://example.com/org/repo/blob/main/"

func parseReport(t *testing.T, r *Report) *html.Node {
	t.Helper()
	var buf bytes.Buffer
	if err := HTML(&buf, r); err != nil {
		t.Fatal(err)
	}
	doc, err := html.Parse(&buf)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func walk(n *html.Node, f func(*html.Node)) {
	f(n)
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c, f)
	}
}

func attr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

func text(n *html.Node) string {
	var b strings.Builder
	walk(n, func(c *html.Node) {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
	})
	return b.String()
}

func firstElement(n *html.Node) *html.Node {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			return c
		}
	}
	return nil
}

// TestHTMLStructure checks what the page promises: headings in order,
// tables with captions and scoped headers, charts with a title and a
// description, no script, no external resources, light and dark schemes,
// print styles.
func TestHTMLStructure(t *testing.T) {
	for name, r := range map[string]*Report{"sample": sampleReport(), "no history": func() *Report {
		cur, _ := sampleHistory()
		return Build(cur, nil, Options{})
	}(), "empty": Build(&Snapshot{Version: 1, Date: now}, nil, Options{HistoryDir: "h"})} {
		t.Run(name, func(t *testing.T) { checkStructure(t, r) })
	}
}

func checkStructure(t *testing.T, r *Report) {
	doc := parseReport(t, r)
	var headings []int
	var headingText []string
	ids := map[string]bool{}
	tables, svgs := 0, 0
	var style string
	walk(doc, func(n *html.Node) {
		if n.Type != html.ElementNode {
			return
		}
		if id, ok := attr(n, "id"); ok {
			if ids[id] {
				t.Errorf("id %q used twice", id)
			}
			ids[id] = true
		}
		for _, a := range n.Attr {
			if strings.HasPrefix(strings.ToLower(a.Key), "on") {
				t.Errorf("<%s> has event handler %s=%q", n.Data, a.Key, a.Val)
			}
			if a.Key == "src" || a.Key == "srcset" || a.Key == "xlink:href" {
				t.Errorf("<%s> loads %s=%q", n.Data, a.Key, a.Val)
			}
			if a.Key == "href" && !strings.HasPrefix(a.Val, "#") && !strings.HasPrefix(a.Val, sourcePrefix) {
				t.Errorf("<%s href=%q> is neither an anchor nor a source link", n.Data, a.Val)
			}
		}
		switch n.DataAtom {
		case atom.Html:
			if lang, _ := attr(n, "lang"); lang == "" {
				t.Error("<html> has no lang")
			}
		case atom.Script, atom.Img, atom.Iframe, atom.Object, atom.Embed, atom.Link, atom.Video, atom.Audio, atom.Image:
			t.Errorf("page has a <%s> element", n.Data)
		case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
			headings = append(headings, int(n.Data[1]-'0'))
			headingText = append(headingText, text(n))
		case atom.Style:
			style += text(n)
		case atom.Table:
			tables++
			if c := firstElement(n); c == nil || c.DataAtom != atom.Caption || strings.TrimSpace(text(c)) == "" {
				t.Errorf("a table does not start with a caption")
			}
		case atom.Th:
			if s, _ := attr(n, "scope"); s != "col" && s != "row" {
				t.Errorf("<th>%s</th> has no scope", text(n))
			}
		case atom.Svg:
			svgs++
			c := firstElement(n)
			if c == nil || c.Data != "title" || strings.TrimSpace(text(c)) == "" {
				t.Errorf("an <svg> does not start with a <title>")
			}
			hasDesc := false
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				hasDesc = hasDesc || c.Type == html.ElementNode && c.Data == "desc" && strings.TrimSpace(text(c)) != ""
			}
			if !hasDesc {
				t.Error("an <svg> has no <desc>")
			}
			if role, _ := attr(n, "role"); role != "img" {
				t.Errorf("<svg> role = %q", role)
			}
			if l, _ := attr(n, "aria-labelledby"); l == "" {
				t.Error("<svg> has no aria-labelledby")
			}
		}
	})
	if len(headings) == 0 || headings[0] != 1 {
		t.Fatalf("headings %v: the first must be h1", headings)
	}
	for i := 1; i < len(headings); i++ {
		if headings[i] == 1 {
			t.Errorf("second h1: %q", headingText[i])
		}
		if headings[i] > headings[i-1]+1 {
			t.Errorf("heading %q (h%d) skips a level after h%d", headingText[i], headings[i], headings[i-1])
		}
	}
	wantOrder := []string{"Summary", "By track", "By rule", "Fix these first", "Duplicate and similar titles", "New", "Fixed", "Charts"}
	var h2 []string
	for i, l := range headings {
		if l == 2 {
			h2 = append(h2, headingText[i])
		}
	}
	if len(h2) != len(wantOrder) {
		t.Fatalf("sections %q, want %q", h2, wantOrder)
	}
	for i := range wantOrder {
		if !strings.HasPrefix(h2[i], wantOrder[i]) {
			t.Errorf("section %d is %q, want %q", i+1, h2[i], wantOrder[i])
		}
	}
	if tables < 2 || svgs != 2 {
		t.Errorf("%d tables and %d charts", tables, svgs)
	}
	for _, want := range []string{"@media print", "prefers-color-scheme: dark", "overflow-x: auto"} {
		if !strings.Contains(style, want) {
			t.Errorf("style lacks %q", want)
		}
	}
	for _, bad := range []string{"url(", "@import", "@font-face"} {
		if strings.Contains(style, bad) {
			t.Errorf("style has %q: the page must load nothing", bad)
		}
	}
}

// TestHTMLEscapesTitles makes sure a note's title or a message cannot add
// markup to the page: it shows as text.
func TestHTMLEscapesTitles(t *testing.T) {
	doc := parseReport(t, sampleReport())
	var titleShown, messageShown bool
	walk(doc, func(n *html.Node) {
		if n.Type == html.ElementNode && (n.DataAtom == atom.Script || n.DataAtom == atom.Img) {
			t.Errorf("a title or message injected <%s>", n.Data)
		}
		if n.Type == html.TextNode {
			titleShown = titleShown || strings.Contains(n.Data, evil1+evil2)
			messageShown = messageShown || strings.Contains(n.Data, "<script>alert(2)</script>")
		}
	})
	if !titleShown || !messageShown {
		t.Errorf("the hostile title (%v) or message (%v) is not shown as text", titleShown, messageShown)
	}
	var buf bytes.Buffer
	HTML(&buf, sampleReport())
	if strings.Contains(buf.String(), "<script") || strings.Contains(buf.String(), "<img") {
		t.Error("raw <script or <img in the page")
	}
	// A javascript: source template never becomes a link.
	cur, hist := sampleHistory()
	r := Build(cur, hist, Options{SourceURL: "javascript:alert({path})"})
	buf.Reset()
	HTML(&buf, r)
	if strings.Contains(buf.String(), "javascript:") {
		t.Error("javascript: URL in the page")
	}
}

// TestContrast checks the colour schemes of the page: every text colour
// has a contrast of at least 4.5:1 (WCAG AA) against the backgrounds it
// is shown on, in the light, dark and print schemes.
func TestContrast(t *testing.T) {
	css, err := templateFS.ReadFile("templates/report.html.tmpl")
	if err != nil {
		t.Fatal(err)
	}
	blocks := regexp.MustCompile(`(?s):root \{(.*?)\}`).FindAllSubmatch(css, -1)
	if len(blocks) != 3 {
		t.Fatalf("found %d :root blocks, want light, dark and print", len(blocks))
	}
	varRE := regexp.MustCompile(`--([a-z-]+):\s*(#[0-9a-fA-F]{3,6})`)
	for i, b := range blocks {
		vars := map[string]string{}
		for _, m := range varRE.FindAllSubmatch(b[1], -1) {
			vars[string(m[1])] = string(m[2])
		}
		for _, bg := range []string{"bg", "soft", "notice"} {
			for _, fg := range []string{"fg", "muted", "link", "error", "warning", "info", "good"} {
				if c := contrast(vars[fg], vars[bg]); c < 4.5 {
					t.Errorf("scheme %d: --%s %s on --%s %s has contrast %.2f, want 4.5", i, fg, vars[fg], bg, vars[bg], c)
				}
			}
		}
	}
}

func contrast(a, b string) float64 {
	lum := func(h string) float64 {
		h = strings.TrimPrefix(h, "#")
		if len(h) == 3 {
			h = string([]byte{h[0], h[0], h[1], h[1], h[2], h[2]})
		}
		v, _ := strconv.ParseUint(h, 16, 32)
		ch := func(c uint64) float64 {
			f := float64(c) / 255
			if f <= 0.03928 {
				return f / 12.92
			}
			return math.Pow((f+0.055)/1.055, 2.4)
		}
		return 0.2126*ch(v>>16&0xff) + 0.7152*ch(v>>8&0xff) + 0.0722*ch(v&0xff)
	}
	la, lb := lum(a), lum(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}
