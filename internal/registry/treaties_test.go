package registry

import (
	"strings"
	"testing"
)

// TestTreatiesTable checks the embedded table: its header, an English
// title on every row, no number or English title given twice.
func TestTreatiesTable(t *testing.T) {
	rows, err := parseTreaties(treatiesCSV)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, row := range rows {
		for _, key := range []string{"untc:" + row["untc"], "en:" + strings.ToLower(row["en"])} {
			if key != "untc:" && seen[key] {
				t.Errorf("%s is given twice", key)
			}
			seen[key] = true
		}
		for _, lang := range Languages {
			if s := row[lang]; s != strings.TrimSpace(s) || strings.Contains(s, "  ") {
				t.Errorf("%s %s: stray spaces in %q", row["untc"], lang, s)
			}
		}
	}
	if _, err := parseTreaties("untc,en\nIV-1,x\n"); err == nil {
		t.Error("a wrong header is accepted")
	}
	if _, err := parseTreaties(strings.Join(TreatyColumns, ",") + "\nIV-1,a,b,,d,e,f\n"); err == nil {
		t.Error("a row without an English title is accepted")
	}
}

// TestTreatyTitle finds rows by UN Treaty Collection number, then by
// English title, and ignores a region subtag and case.
func TestTreatyTitle(t *testing.T) {
	for _, c := range []struct{ untc, title, lang, want string }{
		{"IV-1", "", "en", "Convention on the Prevention and Punishment of the Crime of Genocide"},
		{"iv-1", "anything", "EN-GB", "Convention on the Prevention and Punishment of the Crime of Genocide"},
		{"", " arms trade treaty ", "en", "Arms Trade Treaty"},
		{"XXVI-99", "Arms Trade Treaty", "en", "Arms Trade Treaty"},
	} {
		if got, ok := TreatyTitle(c.untc, c.title, c.lang); !ok || got != c.want {
			t.Errorf("TreatyTitle(%q, %q, %q) = %q, %v; want %q", c.untc, c.title, c.lang, got, ok, c.want)
		}
	}
	for _, c := range []struct{ untc, title, lang string }{
		{"", "", "fr"}, {"XXVI-99", "Some other treaty", "en"}, {"IV-1", "", "de"},
	} {
		if got, ok := TreatyTitle(c.untc, c.title, c.lang); ok {
			t.Errorf("TreatyTitle(%q, %q, %q) = %q; want none", c.untc, c.title, c.lang, got)
		}
	}
}
