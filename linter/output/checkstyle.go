package output

import (
	"bufio"
	"encoding/xml"
	"fmt"
	"io"
	"strings"

	"github.com/notelint/notelint/linter"
)

// Checkstyle writes findings as Checkstyle XML, which many CI servers and
// code review tools read (Jenkins warnings-ng, reviewdog -f=checkstyle,
// GitLab converters, SonarQube importers):
//
//	<checkstyle version="4.3">
//	  <file name="content/a.md">
//	    <error line="2" column="8" severity="error" message="..." source="notelint.duplicate-title"/>
//	  </file>
//	</checkstyle>
//
// Files appear in the order of their first finding, which for sorted
// findings is by path; severities are error, warning and info. Files
// without findings are not listed.
func Checkstyle(w io.Writer, r *Run) error {
	bw := bufio.NewWriter(w)
	bw.WriteString(xml.Header)
	bw.WriteString(`<checkstyle version="4.3">` + "\n")
	for _, group := range byFile(r.Findings) {
		fmt.Fprintf(bw, "  <file name=\"%s\">\n", xmlAttr(group[0].Path))
		for _, f := range group {
			fmt.Fprintf(bw, "    <error line=\"%d\" column=\"%d\" severity=\"%s\" message=\"%s\" source=\"%s\"/>\n",
				max(f.Start.Line, 1), max(f.Start.Column, 1), checkstyleSeverity(f.Severity),
				xmlAttr(f.Message), xmlAttr("notelint."+f.Rule))
		}
		bw.WriteString("  </file>\n")
	}
	bw.WriteString("</checkstyle>\n")
	return bw.Flush()
}

func checkstyleSeverity(s linter.Severity) string {
	switch s {
	case linter.Error:
		return "error"
	case linter.Warning:
		return "warning"
	case linter.Info:
		return "info"
	}
	return "ignore"
}

// byFile groups findings by path, in the order each path first appears.
func byFile(fs []linter.Finding) [][]linter.Finding {
	at := map[string]int{}
	var groups [][]linter.Finding
	for _, f := range fs {
		i, ok := at[f.Path]
		if !ok {
			i = len(groups)
			at[f.Path] = i
			groups = append(groups, nil)
		}
		groups[i] = append(groups[i], f)
	}
	return groups
}

// xmlAttr escapes s for an attribute value or element text: markup
// characters and quotes become references, tabs and line breaks are kept as
// character references, and characters XML cannot hold become U+FFFD.
func xmlAttr(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return b.String()
}
