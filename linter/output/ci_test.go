package output

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"io"
	"strings"
	"testing"
)

func render(t *testing.T, print func(io.Writer, *Run) error, r *Run) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := print(&b, r); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestRDJSONLGolden(t *testing.T) {
	golden(t, "sample.rdjsonl", render(t, RDJSONL, sampleRun()))
}

func TestCheckstyleGolden(t *testing.T) {
	golden(t, "sample.checkstyle.xml", render(t, Checkstyle, sampleRun()))
}

func TestJUnitGolden(t *testing.T) {
	golden(t, "sample.junit.xml", render(t, JUnit, sampleRun()))
}

func TestRDJSONLShape(t *testing.T) {
	r := specialRun()
	lines := strings.Split(strings.TrimSuffix(string(render(t, RDJSONL, r)), "\n"), "\n")
	if len(lines) != len(r.Findings) {
		t.Fatalf("%d lines for %d findings", len(lines), len(r.Findings))
	}
	for i, line := range lines {
		var d struct {
			Message  string
			Severity string
			Location struct {
				Path  string
				Range struct {
					Start map[string]int
					End   map[string]int
				}
			}
			Source struct{ Name, URL string }
			Code   struct{ Value, URL string }
		}
		dec := json.NewDecoder(strings.NewReader(line))
		dec.DisallowUnknownFields() // reviewdog rejects unknown fields too
		if err := dec.Decode(&d); err != nil {
			t.Fatalf("line %d: %v\n%s", i+1, err, line)
		}
		f := r.Findings[i]
		if d.Message != f.Message || d.Location.Path != f.Path || d.Code.Value != f.Rule ||
			d.Code.URL != "https://github.com/notelint/notelint#"+f.Rule || d.Source.Name != "notelint" || d.Source.URL == "" {
			t.Errorf("line %d = %+v", i+1, d)
		}
		if s := d.Location.Range.Start; s["line"] != f.Start.Line || s["column"] != f.Start.Column {
			t.Errorf("line %d: start %v", i+1, s)
		}
	}
	if !strings.Contains(lines[0], `"severity":"ERROR"`) || !strings.Contains(lines[1], `"severity":"WARNING"`) || !strings.Contains(lines[2], `"severity":"INFO"`) {
		t.Errorf("severities:\n%s", strings.Join(lines, "\n"))
	}
	// An empty range has no end; reviewdog reads that as zero-length.
	if strings.Contains(lines[1], `"end"`) {
		t.Errorf("empty range has an end: %s", lines[1])
	}
	if !strings.Contains(lines[0], `"end":{"line":3,"column":1}`) {
		t.Errorf("exclusive end lost: %s", lines[0])
	}
	if len(render(t, RDJSONL, &Run{})) != 0 {
		t.Error("no findings must print nothing")
	}
}

type checkstyleDoc struct {
	Version string `xml:"version,attr"`
	Files   []struct {
		Name   string `xml:"name,attr"`
		Errors []struct {
			Line     int    `xml:"line,attr"`
			Column   int    `xml:"column,attr"`
			Severity string `xml:"severity,attr"`
			Message  string `xml:"message,attr"`
			Source   string `xml:"source,attr"`
		} `xml:"error"`
	} `xml:"file"`
}

func TestCheckstyleShape(t *testing.T) {
	var doc checkstyleDoc
	if err := xml.Unmarshal(render(t, Checkstyle, sampleRun()), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Version != "4.3" || len(doc.Files) != 4 || doc.Files[0].Name != "content/a.md" || len(doc.Files[0].Errors) != 2 {
		t.Fatalf("checkstyle = %+v", doc)
	}
	e := doc.Files[0].Errors[0]
	if e.Line != 2 || e.Column != 8 || e.Severity != "error" || e.Source != "notelint.duplicate-title" ||
		e.Message != sampleRun().Findings[0].Message {
		t.Errorf("first error = %+v", e)
	}
	if s := doc.Files[3].Errors[0].Severity; s != "info" {
		t.Errorf("info severity = %q", s)
	}

	// Escaping: the attributes read back as written, but for characters
	// XML cannot hold.
	doc = checkstyleDoc{}
	r := specialRun()
	if err := xml.Unmarshal(render(t, Checkstyle, r), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Files[0].Name != r.Findings[0].Path || doc.Files[0].Errors[0].Message != r.Findings[0].Message {
		t.Errorf("escaping lost text: %+v", doc.Files[0])
	}
	if got := doc.Files[2].Errors[0].Message; got != "control \uFFFD and <tags> & 'quotes'" {
		t.Errorf("message = %q", got)
	}
	if err := xml.Unmarshal(render(t, Checkstyle, &Run{}), &checkstyleDoc{}); err != nil {
		t.Errorf("empty report: %v", err)
	}
}

type junitDoc struct {
	Tests    int `xml:"tests,attr"`
	Failures int `xml:"failures,attr"`
	Suites   []struct {
		Name       string `xml:"name,attr"`
		Tests      int    `xml:"tests,attr"`
		Failures   int    `xml:"failures,attr"`
		Properties []struct {
			Name  string `xml:"name,attr"`
			Value string `xml:"value,attr"`
		} `xml:"properties>property"`
		Cases []struct {
			Name      string `xml:"name,attr"`
			Classname string `xml:"classname,attr"`
			Failures  []struct {
				Message string `xml:"message,attr"`
				Type    string `xml:"type,attr"`
				Text    string `xml:",chardata"`
			} `xml:"failure"`
		} `xml:"testcase"`
	} `xml:"testsuite"`
}

func TestJUnitShape(t *testing.T) {
	var doc junitDoc
	if err := xml.Unmarshal(render(t, JUnit, sampleRun()), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Tests != 4 || doc.Failures != 4 || len(doc.Suites) != 1 {
		t.Fatalf("junit = %+v", doc)
	}
	s := doc.Suites[0]
	if s.Name != "notelint" || s.Tests != 4 || s.Failures != 4 || len(s.Cases) != 4 {
		t.Fatalf("suite = %+v", s)
	}
	if len(s.Properties) != 3 || s.Properties[0].Name != "files" || s.Properties[0].Value != "4" {
		t.Errorf("properties = %+v", s.Properties)
	}
	c := s.Cases[0]
	if c.Name != "content/a.md" || len(c.Failures) != 2 {
		t.Fatalf("first testcase = %+v", c)
	}
	f := c.Failures[0]
	want := "content/a.md:2:8 duplicate-title " + sampleRun().Findings[0].Message + "\n    see content/b.md:2:9\n    and 3 more"
	if f.Type != "duplicate-title" || f.Message != sampleRun().Findings[0].Message || f.Text != want {
		t.Errorf("failure = %+v\nwant text %q", f, want)
	}

	doc = junitDoc{}
	if err := xml.Unmarshal(render(t, JUnit, &Run{Files: 3, Notes: 3}), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Tests != 1 || doc.Failures != 0 || len(doc.Suites[0].Cases) != 1 || len(doc.Suites[0].Cases[0].Failures) != 0 {
		t.Errorf("a clean run must have one passing testcase: %+v", doc)
	}

	doc = junitDoc{}
	r := specialRun()
	if err := xml.Unmarshal(render(t, JUnit, r), &doc); err != nil {
		t.Fatal(err)
	}
	if got := doc.Suites[0].Cases[0].Failures[0].Message; got != r.Findings[0].Message {
		t.Errorf("message attribute = %q, want %q", got, r.Findings[0].Message)
	}
}
