package claims

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzParseTOM checks that no input makes the loader panic and that every
// diagnostic points into the input (or nowhere). The committed corpus is in
// testdata/fuzz/FuzzParseTOM; the claims files of testdata seed it as well.
func FuzzParseTOM(f *testing.F) {
	for _, name := range []string{"valid-tom.yaml", "broken-tom.yaml"} {
		src, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src)
	}
	cat := testCatalog(f)
	f.Fuzz(func(t *testing.T, src []byte) {
		tom, ds := ParseTOM("tom.yaml", src, cat, testNow)
		if tom == nil {
			t.Fatal("ParseTOM returned no TOM")
		}
		lines := strings.Split(string(src), "\n")
		for _, d := range ds {
			if d.Pos.File != "tom.yaml" {
				t.Errorf("diagnostic names file %q: %s", d.Pos.File, d.Error())
			}
			if d.Pos.Line == 0 {
				if d.Pos.Column != 0 {
					t.Errorf("column without line: %s", d.Error())
				}
				continue
			}
			if d.Pos.Line < 0 || d.Pos.Line > len(lines) {
				t.Errorf("line %d outside the input's %d lines: %s", d.Pos.Line, len(lines), d.Error())
				continue
			}
			if max := utf8.RuneCountInString(lines[d.Pos.Line-1]) + 1; d.Pos.Column < 0 || d.Pos.Column > max {
				t.Errorf("column %d outside line %d (at most %d): %s", d.Pos.Column, d.Pos.Line, max, d.Error())
			}
			if d.Summary == "" {
				t.Errorf("diagnostic without summary at %s", d.Pos)
			}
		}
		if !ds.HasErrors() {
			for _, c := range tom.Claims {
				if (c.Check == "") == (c.Attestation == nil) || c.ID == "" || c.Statement == "" {
					t.Errorf("claim loaded without errors is incomplete: %+v", c)
				}
			}
		}
	})
}
