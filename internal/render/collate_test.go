package render

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/r2p-monitor/r2p"
	"github.com/r2p-monitor/r2p/internal/diag"
)

// TestStatesByName: states are listed by their names in the page's
// language, in that language's alphabetical order, not by the bytes of
// their names.
func TestStatesByName(t *testing.T) {
	tests := []struct {
		lang  string
		order []string // names that must come in this order, others between them
	}{
		{"en", []string{"Costa Rica", "Côte d'Ivoire", "Croatia", "Türkiye", "Turkmenistan", "Zimbabwe"}},
		{"fr", []string{"Allemagne", "Autriche", "Dominique", "Égypte", "El Salvador", "Émirats arabes unis", "Équateur", "Zimbabwe"}},
		{"es", []string{"Alemania", "Argelia", "Egipto", "El Salvador", "Zimbabwe"}},
		{"ru", []string{"Австрия", "Алжир", "Германия", "Египет", "Зимбабве"}},
		{"ar", []string{"أفغانستان", "ألمانيا", "زمبابوي", "مصر"}},
		{"zh", []string{"阿富汗", "德国", "中国"}}, // a fu han, de guo, zhong guo
	}
	for _, tt := range tests {
		t.Run(tt.lang, func(t *testing.T) {
			r := numberRenderer(t, tt.lang, "")
			var names []string
			for _, st := range r.statesByName() {
				names = append(names, r.stateName(st))
			}
			if len(names) != len(r.site.States) {
				t.Fatalf("%d states listed, the site has %d", len(names), len(r.site.States))
			}
			last := -1
			for _, want := range tt.order {
				i := slices.Index(names, want)
				if i < 0 {
					t.Fatalf("%q is not listed", want)
				}
				if i < last {
					t.Errorf("%q comes before %q", want, names[last])
				}
				last = i
			}
		})
	}
}

// TestSortCollatedTies: texts that collate equal are ordered by their
// bytes, and equal texts keep their order.
func TestSortCollatedTies(t *testing.T) {
	type item struct{ name, code string }
	items := []item{{"Côte d’Ivoire", "b"}, {"Côte d'Ivoire", "a"}, {"cote", "c"}, {"Côte d'Ivoire", "d"}}
	sortCollated("fr", items, func(i item) string { return i.name })
	var got []string
	for _, i := range items {
		got = append(got, i.code)
	}
	if want := []string{"c", "a", "d", "b"}; !slices.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

// TestRowsByName: the matrix and the compliance page name each state in
// the page's language and list the rows in its alphabetical order.
func TestRowsByName(t *testing.T) {
	fr := generateLang(t, localSite, "fr")
	matrix := fr["fr/treaties/matrix/index.html"]
	order := func(page, html string, names ...string) {
		last := -1
		for _, n := range names {
			i := strings.Index(html, `">`+n+`</a></th>`)
			if i < 0 {
				t.Errorf("%s: no row for %s", page, n)
				continue
			}
			if i < last {
				t.Errorf("%s: %s comes too early", page, n)
			}
			last = i
		}
	}
	order("matrix", matrix, "Allemagne", "Dominique", "Égypte", "El Salvador", "Zimbabwe")
	order("compliance", fr["fr/compliance/index.html"], "Allemagne", "Égypte", "France")
	if !strings.Contains(matrix, `data-filter-item="égypte egy `) {
		t.Error("the matrix filter does not find a state by its French name")
	}
}

// TestStateNameFromTable: a states table that restates a state's UN name
// leaves it to be given in each language; one that renames a state keeps
// the site's name in every language.
func TestStateNameFromTable(t *testing.T) {
	var l diag.List
	table := "code,name\nSSD,South Sudan\nCIV,Ivory Coast\n"
	r, site := langRenderer(t, fstest.MapFS{
		"content/site.yaml":       {Data: []byte("language: ar\n")},
		"content/data/states.csv": {Data: []byte(table)},
	}, r2p.Defaults, "ar", &l)
	for code, want := range map[string]string{"SSD": "جنوب السودان", "CIV": "Ivory Coast", "FRA": "فرنسا"} {
		st, ok := site.State(code)
		if !ok {
			t.Fatalf("no state %s", code)
		}
		if got := r.stateName(st); got != want {
			t.Errorf("%s: %q, want %q", code, got, want)
		}
	}
}
