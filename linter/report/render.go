package report

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	htmltemplate "html/template"
	"io"
	"strconv"
	"strings"
	texttemplate "text/template"
	"time"
)

//go:embed templates/*.tmpl
var templateFS embed.FS

// funcs are shared by both templates; escaping differs and is added per
// format.
var funcs = map[string]any{
	"date":      func(t time.Time) string { return t.UTC().Format("2 January 2006") },
	"shortdate": func(t time.Time) string { return t.UTC().Format("2 Jan 2006") },
	"datetime":  func(t time.Time) string { return t.UTC().Format("2 January 2006, 15:04 UTC") },
	"signed":    signed,
	"plural":    func(n int, one, many string) string { return plural(n, one, many) },
	"sevClass":  sevClass,
	"countsText": func(c Counts) string {
		var parts []string
		if c.Error > 0 {
			parts = append(parts, plural(c.Error, "error", "errors"))
		}
		if c.Warning > 0 {
			parts = append(parts, plural(c.Warning, "warning", "warnings"))
		}
		if c.Info > 0 {
			parts = append(parts, fmt.Sprintf("%d info", c.Info))
		}
		return strings.Join(parts, ", ")
	},
	"trendClass": func(n int) string {
		switch {
		case n > 0:
			return "up"
		case n < 0:
			return "down"
		}
		return ""
	},
	"num":  num,
	"half": func(v float64) float64 { return v / 2 },
	"sub":  func(a, b int) int { return a - b },
	"dict": func(kv ...any) (map[string]any, error) {
		if len(kv)%2 != 0 {
			return nil, errors.New("dict: odd number of arguments")
		}
		m := make(map[string]any, len(kv)/2)
		for i := 0; i < len(kv); i += 2 {
			k, ok := kv[i].(string)
			if !ok {
				return nil, errors.New("dict: keys must be strings")
			}
			m[k] = kv[i+1]
		}
		return m, nil
	},
}

var (
	htmlTmpl = htmltemplate.Must(htmltemplate.New("report.html.tmpl").Funcs(funcs).ParseFS(templateFS, "templates/report.html.tmpl"))
	mdTmpl   = texttemplate.Must(texttemplate.New("report.md.tmpl").Funcs(funcs).Funcs(texttemplate.FuncMap{
		"md": mdText, "cell": mdCell, "code": mdCode, "link": mdLink,
	}).ParseFS(templateFS, "templates/report.md.tmpl"))
)

// HTML writes the report as one self-contained page: inline CSS and SVG,
// no script and no external resources. Titles and messages are escaped by
// html/template, so a note cannot inject markup.
func HTML(w io.Writer, r *Report) error {
	var buf bytes.Buffer
	if err := htmlTmpl.Execute(&buf, r); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// Markdown writes the report as GitHub-flavoured Markdown, for an issue or
// a job's step summary.
func Markdown(w io.Writer, r *Report) error {
	var buf bytes.Buffer
	if err := mdTmpl.Execute(&buf, r); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// signed writes a change with its sign: +3, −2, 0.
func signed(n int) string {
	switch {
	case n > 0:
		return "+" + strconv.Itoa(n)
	case n < 0:
		return "−" + strconv.Itoa(-n)
	}
	return "0"
}

// num prints a coordinate with at most one decimal.
func num(v float64) string {
	s := strconv.FormatFloat(v, 'f', 1, 64)
	s = strings.TrimSuffix(s, ".0")
	if s == "-0" {
		s = "0"
	}
	return s
}

// mdText escapes text for a Markdown paragraph: characters that would
// start emphasis, links, code or HTML are backslash-escaped, and line
// breaks become spaces.
func mdText(s string) string {
	var b strings.Builder
	for _, r := range oneLine(s) {
		if strings.ContainsRune("\\`*_[]<>|~&#", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// mdCell escapes text for a table cell (mdText escapes | too).
func mdCell(s string) string { return mdText(s) }

// mdCode writes s as an inline code span, fenced with more backticks than
// it contains; | is escaped, as GitHub tables require even in code.
func mdCode(s string) string {
	s = oneLine(s)
	fence := "`"
	for strings.Contains(s, fence) {
		fence += "`"
	}
	s = strings.ReplaceAll(s, "|", `\|`)
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") {
		s = " " + s + " "
	}
	return fence + s + fence
}

// mdLink links text to u, or writes just the text when there is no URL
// or it is neither http(s) nor relative.
func mdLink(text, u string) string {
	if u == "" || !safeURL(u) {
		return mdCell(text)
	}
	u = strings.NewReplacer(" ", "%20", "(", "%28", ")", "%29", "|", "%7C", "<", "%3C", ">", "%3E", "\n", "", "\r", "").Replace(u)
	return "[" + mdCell(text) + "](" + u + ")"
}

func safeURL(u string) bool {
	i := strings.IndexAny(u, ":/?#")
	if i < 0 || u[i] != ':' {
		return true // relative
	}
	scheme := strings.ToLower(u[:i])
	return scheme == "http" || scheme == "https"
}

func oneLine(s string) string {
	s = strings.ReplaceAll(s, "\r\n", " ")
	return strings.NewReplacer("\n", " ", "\r", " ").Replace(s)
}

// Format names an output format.
type Format string

// The report formats.
const (
	FormatHTML     Format = "html"
	FormatMarkdown Format = "markdown"
)

// ParseFormat accepts html and markdown (also md).
func ParseFormat(s string) (Format, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "html", "htm":
		return FormatHTML, nil
	case "markdown", "md":
		return FormatMarkdown, nil
	}
	return "", errors.New("unknown report format " + strconv.Quote(s) + " (want html or markdown)")
}

// FormatOf guesses the format from a file name's extension: .html or .htm,
// .md or .markdown.
func FormatOf(name string) (Format, bool) {
	n := strings.ToLower(name)
	switch {
	case strings.HasSuffix(n, ".html"), strings.HasSuffix(n, ".htm"):
		return FormatHTML, true
	case strings.HasSuffix(n, ".md"), strings.HasSuffix(n, ".markdown"):
		return FormatMarkdown, true
	}
	return "", false
}

// Write renders r in format f.
func Write(w io.Writer, f Format, r *Report) error {
	if f == FormatHTML {
		return HTML(w, r)
	}
	return Markdown(w, r)
}
