package render

import (
	"strings"
	"testing"

	"github.com/r2p-monitor/r2p/internal/registry"
)

// translatedSite publishes in English, French and Arabic; its tables give
// French titles (title_fr, short_title_fr, description_fr) and no Arabic
// ones, so the Arabic pages fall back to English.
const translatedSite = `
-- content/site.yaml --
title: Test
language: en
languages: [fr, ar]
as_of: 2024-01-01
-- content/data/treaties.csv --
id,title,short_title,title_fr,short_title_fr,adopted
model-treaty,Model Treaty on Examples,Model Treaty,Traité type sur les exemples,Traité type,2000-01-01
untitled,Treaty Without Translation,,,,2001-01-01
-- content/data/ratifications.csv --
state,treaty,action,date
FRA,model-treaty,ratification,2001-05-02
-- content/data/commitments.yaml --
- id: pledge
  title: Model pledge
  title_fr: Engagement type
  description: What a state undertakes.
  description_fr: Ce que l’État entreprend.
-- content/data/commitment_status.csv --
state,commitment,status,date
FRA,pledge,supporter,2015-01-01
`

// generateLang renders the site held by archive in lang.
func generateLang(t *testing.T, archive, lang string) map[string]string {
	t.Helper()
	return generateWith(t, archive, lang, "")
}

func TestTranslatedTitles(t *testing.T) {
	tests := []struct {
		lang, page string
		want, not  []string
	}{
		// The French pages take the tables' French columns, unmarked.
		{"fr", "fr/treaties/model-treaty/index.html",
			[]string{"<h1>Traité type sur les exemples</h1>", "<title>Traité type sur les exemples"},
			[]string{"Model Treaty"}},
		{"fr", "fr/treaties/index.html", []string{`<a href="/fr/treaties/model-treaty/">Traité type</a>`}, nil},
		{"fr", "fr/treaties/matrix/index.html",
			[]string{`<a href="/fr/treaties/model-treaty/">Traité type</a>: Traité type sur les exemples`, `<abbr title="Traité type sur les exemples">`},
			nil},
		{"fr", "fr/states/fra/index.html",
			[]string{`<a href="/fr/treaties/model-treaty/">Traité type</a>`, `<a href="/fr/commitments/pledge/">Engagement type</a>`},
			nil},
		{"fr", "fr/commitments/pledge/index.html",
			[]string{"<h1>Engagement type</h1>", `<p class="summary">Ce que l’État entreprend.</p>`}, nil},
		{"fr", "fr/commitments/index.html", []string{`<a href="/fr/commitments/pledge/">Engagement type</a>`}, nil},
		// A title no one translated is shown in English, marked as such.
		{"fr", "fr/treaties/untitled/index.html", []string{`<h1 lang="en" dir="auto">Treaty Without Translation</h1>`}, nil},
		// Arabic has no columns: everything falls back, marked.
		{"ar", "ar/treaties/model-treaty/index.html", []string{`<h1 lang="en" dir="auto">Model Treaty on Examples</h1>`}, nil},
		{"ar", "ar/treaties/matrix/index.html",
			[]string{`<a href="/ar/treaties/model-treaty/" lang="en" dir="auto">Model Treaty</a>: <span lang="en" dir="auto">Model Treaty on Examples</span>`},
			nil},
		{"ar", "ar/states/fra/index.html", []string{`<a href="/ar/treaties/model-treaty/" lang="en" dir="auto">Model Treaty</a>`}, nil},
		{"ar", "ar/commitments/pledge/index.html",
			[]string{`<h1 lang="en" dir="auto">Model pledge</h1>`, `<p class="summary" lang="en" dir="auto">What a state undertakes.</p>`}, nil},
		// The default language uses the plain columns and marks nothing.
		{"en", "treaties/model-treaty/index.html", []string{"<h1>Model Treaty on Examples</h1>"}, []string{"Traité", `lang="en" dir="auto"`}},
	}
	pages := map[string]map[string]string{}
	for _, tt := range tests {
		if pages[tt.lang] == nil {
			pages[tt.lang] = generateLang(t, translatedSite, tt.lang)
		}
		html, ok := pages[tt.lang][tt.page]
		if !ok {
			t.Errorf("%s: not generated", tt.page)
			continue
		}
		for _, w := range tt.want {
			if !strings.Contains(html, w) {
				t.Errorf("%s lacks %s", tt.page, w)
			}
		}
		for _, n := range tt.not {
			if strings.Contains(html, n) {
				t.Errorf("%s holds %s", tt.page, n)
			}
		}
	}
}

// TestYearsNotGrouped: on a French page, counts go through number, while
// years, dates and codes are written as they are.
func TestYearsNotGrouped(t *testing.T) {
	page := generateLang(t, translatedSite, "fr")["fr/treaties/model-treaty/index.html"]
	for _, want := range []string{`<th scope="row">2001</th>`, `datetime="2001-05-02"`, "2001</time>"} {
		if !strings.Contains(page, want) {
			t.Errorf("the French treaty page lacks %s", want)
		}
	}
	for _, bad := range []string{"2\u202f001", "2\u00a0001", "2 001"} {
		if strings.Contains(page, bad) {
			t.Errorf("a year is grouped: %q", bad)
		}
	}
	states := generateLang(t, translatedSite, "fr")["fr/states/fra/index.html"]
	if !strings.Contains(states, "<dd>FRA</dd>") {
		t.Error("the state code is not shown as it is")
	}
}

// TestRegistryTitles: a treaty the registry knows, by its UN Treaty
// Collection number, takes the registry's title in a language its table
// does not give, and the table's own column wins over the registry.
func TestRegistryTitles(t *testing.T) {
	site := `
-- content/site.yaml --
language: en
languages: [fr]
-- content/data/treaties.csv --
id,title,untc,title_fr
rome,Rome Statute (site's wording),XVIII-10,
att,Arms Trade Treaty,XXVI-8,Traité du site
`
	fr := generateLang(t, site, "fr")
	want, ok := registry.TreatyTitle("XVIII-10", "", "fr")
	if !ok {
		t.Skip("the registry holds no French title for XVIII-10")
	}
	if page := fr["fr/treaties/rome/index.html"]; !strings.Contains(page, "<h1>"+want+"</h1>") {
		t.Errorf("rome: want the registry's title %q", want)
	}
	if page := fr["fr/treaties/att/index.html"]; !strings.Contains(page, "<h1>Traité du site</h1>") {
		t.Errorf("att: want the table's own title")
	}
}

// State pages and the states list name each state in the page's language
// (the registry's UN names), and the list orders them by that name.
func TestStateNamesInLanguage(t *testing.T) {
	for _, lang := range []string{"fr", "ar"} {
		want, ok := registry.Name("FRA", lang)
		if !ok {
			t.Fatalf("the registry has no %s name for FRA", lang)
		}
		out := generateLang(t, translatedSite, lang)
		page := out[lang+"/states/fra/index.html"]
		if !strings.Contains(page, "<h1>"+want+"</h1>") || !strings.Contains(page, "<title>"+want+" · ") {
			t.Errorf("%s state page does not name France %q", lang, want)
		}
		if !strings.Contains(out[lang+"/states/index.html"], ">"+want+"</a>") {
			t.Errorf("%s states list does not name France %q", lang, want)
		}
	}
	// In French, Afrique du Sud (ZAF) comes before Algérie (DZA) within
	// Africa; in English, Algeria comes before South Africa.
	list := generateLang(t, translatedSite, "fr")["fr/states/index.html"]
	if zaf, dza := strings.Index(list, "/fr/states/zaf/"), strings.Index(list, "/fr/states/dza/"); zaf < 0 || dza < 0 || zaf > dza {
		t.Errorf("French list order: zaf at %d, dza at %d; want Afrique du Sud first", zaf, dza)
	}
}
