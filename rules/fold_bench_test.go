package rules

import (
	"fmt"
	"strings"
	"testing"
)

// BenchmarkFoldTitle measures appendFoldTitle alone, the key of
// duplicate-title and duplicate-description: free-form titles, long
// descriptions, and reference-manual titles full of symbols ("C++",
// "operator<<", "_chsize"). Every note's title and description goes
// through it once a run.
func BenchmarkFoldTitle(b *testing.B) {
	titles := benchFreeform(10_000, 3)
	descs := make([]string, len(titles))
	for i, t := range titles {
		descs[i] = fmt.Sprintf("How %s shows up in %s, and what to check first (reviewed 2024-0%d-1%d).",
			benchNouns[i%len(benchNouns)], strings.ToLower(t), 1+i%9, i%10)
	}
	code := []string{"C++ Bit Fields", "C Bit Fields", "Overloading the << Operator for Your Own Classes",
		"_bstr_t::operator !=", "/Zc:wchar_t (wchar_t Is Native Type)", "operator== Operator (Microsoft::WRL)",
		"Node.js and .NET v1.2", "--x and x--: Prefix and Postfix", "arg1 >= arg2", "C# vs. C", "CString::~CString",
		"ref class and ref struct (C++/CLI and C++/CX)", "How to: Convert char * String to System::Byte Array"}
	for _, set := range []struct {
		name string
		s    []string
	}{{"titles", titles}, {"descriptions", descs}, {"code", code}} {
		b.Run(set.name, func(b *testing.B) {
			n := 0
			for _, s := range set.s {
				n += len(s)
			}
			b.SetBytes(int64(n))
			b.ReportAllocs()
			var buf []byte
			for b.Loop() {
				for _, s := range set.s {
					buf = appendFoldTitle(buf[:0], s)
				}
			}
		})
	}
}
