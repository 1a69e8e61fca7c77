package registry

import (
	"encoding/csv"
	"strings"
	"testing"
	"unicode"
)

func namesRows(t *testing.T) [][]string {
	t.Helper()
	rows, err := csv.NewReader(strings.NewReader(namesCSV)).ReadAll()
	if err != nil {
		t.Fatalf("names.csv: %v", err)
	}
	if got, want := strings.Join(rows[0], ","), "code,ar,zh,en,fr,ru,es"; got != want {
		t.Fatalf("header = %q, want %q", got, want)
	}
	return rows[1:]
}

func TestNamesRowsMatchRegistry(t *testing.T) {
	rows := namesRows(t)
	if len(rows) != 195 {
		t.Fatalf("names.csv has %d rows, want 195", len(rows))
	}
	seen := map[string]bool{}
	for _, row := range rows {
		code := row[0]
		if seen[code] {
			t.Errorf("%s: duplicate row", code)
		}
		seen[code] = true
		st, ok := Lookup(code)
		if !ok {
			t.Errorf("%s: not in the registry", code)
			continue
		}
		if row[3] != st.Name {
			t.Errorf("%s: en = %q, registry name = %q", code, row[3], st.Name)
		}
	}
	for _, st := range States() {
		if !seen[st.Code] {
			t.Errorf("%s: registry state missing from names.csv", st.Code)
		}
	}
}

func hasScript(s string, tables ...*unicode.RangeTable) bool {
	for _, r := range s {
		if unicode.IsOneOf(tables, r) {
			return true
		}
	}
	return false
}

func TestNamesCells(t *testing.T) {
	empty := map[string]int{}
	for _, row := range namesRows(t) {
		code := row[0]
		for i, lang := range Languages {
			cell := row[i+1]
			if cell != strings.TrimSpace(cell) {
				t.Errorf("%s %s: leading or trailing space in %q", code, lang, cell)
			}
			if strings.Contains(cell, "  ") {
				t.Errorf("%s %s: double space in %q", code, lang, cell)
			}
			if cell == "" {
				empty[lang]++
				continue
			}
			switch lang {
			case "ar":
				if !hasScript(cell, unicode.Arabic) {
					t.Errorf("%s ar: %q has no Arabic script", code, cell)
				}
			case "zh":
				if !hasScript(cell, unicode.Han) {
					t.Errorf("%s zh: %q has no Han characters", code, cell)
				}
			case "ru":
				if !hasScript(cell, unicode.Cyrillic) {
					t.Errorf("%s ru: %q has no Cyrillic", code, cell)
				}
			case "en", "fr", "es":
				if !hasScript(cell, unicode.Latin) {
					t.Errorf("%s %s: %q has no Latin script", code, lang, cell)
				}
			}
		}
	}
	if empty["en"] > 0 {
		t.Errorf("%d empty en cells; en must always be set", empty["en"])
	}
	for lang, n := range empty {
		t.Logf("%s: %d names not recorded (fall back to English)", lang, n)
	}
}

// Spot checks against the UN M49 names (unstats.un.org/unsd/methodology/m49/).
func TestNameSpotChecks(t *testing.T) {
	cases := []struct{ code, lang, want string }{
		{"FRA", "fr", "France"},
		{"DEU", "ar", "ألمانيا"},
		{"DEU", "zh", "德国"},
		{"CHN", "zh", "中国"},
		{"RUS", "ru", "Российская Федерация"},
		{"RUS", "es", "Federación de Rusia"},
		{"SYR", "ar", "الجمهورية العربية السورية"},
		{"MMR", "ru", "Мьянма"},
		{"CIV", "fr", "Côte d’Ivoire"},
		{"TUR", "fr", "Türkiye"},
		{"NLD", "es", "Países Bajos (Reino de los)"},
		{"NLD", "ru", "Нидерланды (Королевство)"},
		{"GBR", "zh", "大不列颠及北爱尔兰联合王国"},
		{"PSE", "es", "Estado de Palestina"},
		{"VAT", "fr", "Saint-Siège"},
		{"COD", "fr", "République démocratique du Congo"},
		{"SSD", "ar", "جنوب السودان"},
		{"USA", "en", "United States of America"},
	}
	for _, c := range cases {
		got, ok := Name(c.code, c.lang)
		if !ok || got != c.want {
			t.Errorf("Name(%q, %q) = %q, %v; want %q", c.code, c.lang, got, ok, c.want)
		}
	}
}

func TestNameLookup(t *testing.T) {
	if got, ok := Name("fra", "FR"); !ok || got != "France" {
		t.Errorf("Name is not case-insensitive: %q, %v", got, ok)
	}
	if got, ok := Name("FRA", "fr-CH"); !ok || got != "France" {
		t.Errorf("Name ignores no region subtag: %q, %v", got, ok)
	}
	if _, ok := Name("XXX", "fr"); ok {
		t.Error("Name(XXX) reported true")
	}
	if _, ok := Name("FRA", "de"); ok {
		t.Error("Name(FRA, de) reported true for a language not in the table")
	}
	if _, ok := Name("FRA", ""); ok {
		t.Error("Name(FRA, \"\") reported true")
	}
	for _, st := range States() {
		if got, ok := Name(st.Code, "en"); !ok || got != st.Name {
			t.Errorf("Name(%s, en) = %q, %v; want %q", st.Code, got, ok, st.Name)
		}
	}
}
