package output

import (
	"bufio"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
)

// JUnit writes findings as a JUnit XML report, for CI systems that show
// test results (GitLab merge requests, Jenkins, Azure Pipelines, CircleCI):
// one testsuite named "notelint", one testcase per file with findings, and
// in it one <failure> per finding, with the message as its message
// attribute, the rule as its type and "path:line:col rule message" (plus
// any related locations) as its text. Findings of every severity are
// failures.
//
// A Run holds findings, not the list of files checked, so files without
// findings are not listed as passing testcases; the number of files and
// notes checked is given as testsuite properties instead. A run with no
// findings has one passing testcase named "notelint", because some CI
// systems treat a report with no tests as an error.
func JUnit(w io.Writer, r *Run) error {
	groups := byFile(r.Findings)
	tests, failures := len(groups), len(groups)
	if tests == 0 {
		tests = 1
	}
	bw := bufio.NewWriter(w)
	bw.WriteString(xml.Header)
	fmt.Fprintf(bw, "<testsuites name=\"notelint\" tests=\"%d\" failures=\"%d\" errors=\"0\">\n", tests, failures)
	fmt.Fprintf(bw, "  <testsuite name=\"notelint\" tests=\"%d\" failures=\"%d\" errors=\"0\" skipped=\"0\">\n", tests, failures)
	bw.WriteString("    <properties>\n")
	fmt.Fprintf(bw, "      <property name=\"files\" value=\"%d\"/>\n", r.Files)
	fmt.Fprintf(bw, "      <property name=\"notes\" value=\"%d\"/>\n", r.Notes)
	fmt.Fprintf(bw, "      <property name=\"findings\" value=\"%d\"/>\n", len(r.Findings))
	bw.WriteString("    </properties>\n")
	if len(groups) == 0 {
		bw.WriteString("    <testcase name=\"notelint\" classname=\"notelint\"/>\n")
	}
	for _, group := range groups {
		fmt.Fprintf(bw, "    <testcase name=\"%s\" classname=\"notelint\">\n", xmlAttr(group[0].Path))
		for _, f := range group {
			var text strings.Builder
			fmt.Fprintf(&text, "%s %s %s", posString(f), f.Rule, f.Message)
			for _, rel := range f.Related {
				fmt.Fprintf(&text, "\n    see %s:%d:%d", rel.Path, rel.Line, rel.Column)
			}
			if f.RelatedMore > 0 {
				fmt.Fprintf(&text, "\n    and %d more", f.RelatedMore)
			}
			fmt.Fprintf(bw, "      <failure message=\"%s\" type=\"%s\">%s</failure>\n",
				xmlAttr(f.Message), xmlAttr(f.Rule), xmlText(text.String()))
		}
		bw.WriteString("    </testcase>\n")
	}
	bw.WriteString("  </testsuite>\n</testsuites>\n")
	return bw.Flush()
}

// xmlText escapes s for element text, keeping line breaks as they are so
// the text reads well where CI shows it.
func xmlText(s string) string {
	return strings.ReplaceAll(xmlAttr(s), "&#xA;", "\n")
}
