package linttest

import (
	"strings"
	"testing"
)

func TestExtract(t *testing.T) {
	src := "---\r\ntitle: X # want 8 \"no title\"\r\n---\r\nbody <!-- want `a` 3 \"b\" -->\nnext # want-1 \"c\"\n"
	ws, out, err := extract("n.md", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if len(out) != len(src) {
		t.Fatalf("blanking changed the length: %d != %d", len(out), len(src))
	}
	if strings.Contains(string(out), "want") || !strings.Contains(string(out), "title: X") || strings.Count(string(out), "\r\n") != 3 {
		t.Errorf("blanked source = %q", out)
	}
	type w struct {
		line, col int
		raw       string
	}
	var got []w
	for _, x := range ws {
		got = append(got, w{x.line, x.col, x.raw})
	}
	want := []w{{2, 8, "no title"}, {4, 0, "a"}, {4, 3, "b"}, {4, 0, "c"}}
	if len(got) != len(want) {
		t.Fatalf("wants = %+v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("want %d = %+v, expected %+v", i, got[i], want[i])
		}
	}
}

func TestParseWantsErrors(t *testing.T) {
	for _, s := range []string{"", "7", `"unterminated`, "`x", "bare words", `"(["`} {
		if _, err := parseWants(s); err == nil {
			t.Errorf("parseWants(%q) accepted", s)
		}
	}
}
