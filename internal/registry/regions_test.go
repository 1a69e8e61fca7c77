package registry

import (
	"encoding/csv"
	"strings"
	"testing"
	"unicode"
)

func regionRows(t *testing.T) [][]string {
	t.Helper()
	rows, err := csv.NewReader(strings.NewReader(regionsCSV)).ReadAll()
	if err != nil {
		t.Fatalf("regions.csv: %v", err)
	}
	if got, want := strings.Join(rows[0], ","), "code,ar,zh,en,fr,ru,es"; got != want {
		t.Fatalf("header = %q, want %q", got, want)
	}
	return rows[1:]
}

// Every region and sub-region of the built-in registry has a row, and every
// row is used by some state, so the table and states.csv cannot drift apart.
func TestRegionRowsMatchRegistry(t *testing.T) {
	used := map[string]bool{}
	for _, st := range States() {
		for _, name := range []string{st.Region, st.Subregion} {
			used[name] = true
			if got, ok := RegionName(name, "en"); !ok || got != name {
				t.Errorf("%s: RegionName(%q, en) = %q, %v; want the name itself", st.Code, name, got, ok)
			}
		}
	}
	seen := map[string]bool{}
	for _, row := range regionRows(t) {
		code, en := row[0], row[3]
		if len(code) != 3 || strings.Trim(code, "0123456789") != "" {
			t.Errorf("%s: M49 code must be three digits", code)
		}
		if seen[code] || seen[en] {
			t.Errorf("%s %s: duplicate row", code, en)
		}
		seen[code], seen[en] = true, true
		if !used[en] {
			t.Errorf("%s %s: no state in states.csv has this region or sub-region", code, en)
		}
	}
}

func TestRegionCells(t *testing.T) {
	scripts := map[string]*unicode.RangeTable{"ar": unicode.Arabic, "zh": unicode.Han, "ru": unicode.Cyrillic,
		"en": unicode.Latin, "fr": unicode.Latin, "es": unicode.Latin}
	for _, row := range regionRows(t) {
		if len(row) != 1+len(Languages) {
			t.Fatalf("%s: %d cells, want %d", row[0], len(row), 1+len(Languages))
		}
		for i, lang := range Languages {
			cell := row[i+1]
			if cell == "" {
				if lang == "en" {
					t.Errorf("%s: empty en cell; en must always be set", row[0])
				}
				continue
			}
			if cell != strings.TrimSpace(cell) || strings.Contains(cell, "  ") {
				t.Errorf("%s %s: stray space in %q", row[0], lang, cell)
			}
			if !hasScript(cell, scripts[lang]) {
				t.Errorf("%s %s: %q is not in the language's script", row[0], lang, cell)
			}
		}
	}
}

// Spot checks against the M49 names (unstats.un.org/unsd/methodology/m49/).
func TestRegionNameSpotChecks(t *testing.T) {
	cases := []struct{ en, lang, want string }{
		{"Africa", "fr", "Afrique"},
		{"Sub-Saharan Africa", "fr", "Afrique subsaharienne"},
		{"Sub-Saharan Africa", "ar", "أفريقيا جنوب الصحراء الكبرى"},
		{"Western Asia", "ar", "غربي آسيا"},
		{"Americas", "ru", "Северная и Южная Америка"},
		{"Latin America and the Caribbean", "es", "América Latina y el Caribe"},
		{"South-eastern Asia", "zh", "东南亚"},
		{"Northern Europe", "es", "Europa septentrional"},
		{"Australia and New Zealand", "fr", "Australie et Nouvelle-Zélande"},
	}
	for _, c := range cases {
		if got, ok := RegionName(c.en, c.lang); !ok || got != c.want {
			t.Errorf("RegionName(%q, %q) = %q, %v; want %q", c.en, c.lang, got, ok, c.want)
		}
	}
}

func TestRegionNameLookup(t *testing.T) {
	if got, ok := RegionName(" sub-saharan africa ", "FR-ca"); !ok || got != "Afrique subsaharienne" {
		t.Errorf("RegionName ignores no case, space or subtag: %q, %v", got, ok)
	}
	for _, c := range []struct{ en, lang string }{
		{"Africa", "de"},        // not one of the six languages
		{"Africa", ""},          // no language
		{"Middle Africa", "fr"}, // an M49 intermediate region, not in the table
		{"", "fr"},
	} {
		if got, ok := RegionName(c.en, c.lang); ok {
			t.Errorf("RegionName(%q, %q) = %q, true; want false", c.en, c.lang, got)
		}
	}
	table, err := parseRegions("code,ar,zh,en,fr,ru,es\n002,,,Africa,Afrique,,\n")
	if err != nil {
		t.Fatal(err)
	}
	if got, ok := lookupRegion(table, "Africa", "ru"); ok {
		t.Errorf("an empty cell reported %q, true; want false", got)
	}
	if got, ok := lookupRegion(table, "Africa", "fr"); !ok || got != "Afrique" {
		t.Errorf("lookupRegion(Africa, fr) = %q, %v", got, ok)
	}
	if _, err := parseRegions("en,fr\nAfrica,Afrique\n"); err == nil {
		t.Error("a wrong header was accepted")
	}
}
