package render

import (
	"strings"
	"testing"
)

// TestRegionsInLanguage: the M49 region and sub-region names on the states
// list, a state's page, a treaty's page (table and chart) and the matrix's
// filter are in the page's language, from the registry's table of M49
// names, while the ids built from them stay the English slug in every
// language; English pages keep the English names.
func TestRegionsInLanguage(t *testing.T) {
	type want struct{ page, text string }
	tests := map[string][]want{
		"en": {
			{"states/fra/index.html", `<dd>Europe · Western Europe</dd>`},
			{"states/syr/index.html", `<dd>Asia · Western Asia</dd>`},
			{"states/index.html", `<h2 id="region-africa">Africa <span`},
			{"states/index.html", `<td>Northern Africa</td>`},
			{"treaties/model-treaty/index.html", `<th scope="row">Africa</th>`},
			{"treaties/matrix/index.html", `data-filter-item="egypt egy africa"`},
		},
		"fr": {
			{"fr/states/fra/index.html", `<dd>Europe · Europe occidentale</dd>`},
			{"fr/states/syr/index.html", `<dd>Asie · Asie occidentale</dd>`},
			{"fr/states/index.html", `<h2 id="region-africa">Afrique <span`},
			{"fr/states/index.html", `<td>Afrique septentrionale</td>`},
			{"fr/states/index.html", `<td>Afrique subsaharienne</td>`},
			{"fr/treaties/model-treaty/index.html", `<th scope="row">Afrique</th>`},
			{"fr/treaties/model-treaty/index.html", `<th scope="row">Amériques</th>`},
			{"fr/treaties/matrix/index.html", `data-filter-item="égypte egy afrique"`},
		},
		"ar": {
			{"ar/states/fra/index.html", `<dd>أوروبا · أوروبا الغربية</dd>`},
			{"ar/states/syr/index.html", `<dd>آسيا · غربي آسيا</dd>`},
			{"ar/states/index.html", `<h2 id="region-africa">أفريقيا <span`},
			{"ar/states/index.html", `<td>أفريقيا جنوب الصحراء الكبرى</td>`},
			{"ar/treaties/model-treaty/index.html", `<th scope="row">أوقيانوسيا</th>`},
			{"ar/treaties/matrix/index.html", `data-filter-item="الجمهورية العربية السورية syr آسيا"`},
		},
	}
	for lang, wants := range tests {
		t.Run(lang, func(t *testing.T) {
			out := generateWith(t, localSite, lang, "")
			for _, w := range wants {
				if !strings.Contains(out[w.page], w.text) {
					t.Errorf("%s lacks %s", w.page, w.text)
				}
			}
			if lang == "en" {
				return
			}
			for _, page := range []string{lang + "/states/index.html", lang + "/states/fra/index.html", lang + "/treaties/model-treaty/index.html"} {
				for _, en := range []string{">Africa", "Western Europe", "Sub-Saharan Africa<"} {
					if strings.Contains(out[page], en) {
						t.Errorf("%s still shows the English region %q", page, strings.Trim(en, "<>"))
					}
				}
			}
		})
	}
}

// TestRegionsChartInLanguage: the region charts of a treaty's page and of
// the home page label their bars or rows, and their tables, with the
// regions in the page's language.
func TestRegionsChartInLanguage(t *testing.T) {
	out := generateWith(t, localSite, "fr", "")
	for _, page := range []string{"fr/treaties/model-treaty/index.html", "fr/index.html"} {
		fig := figureHTML(out[page], "fig-regions")
		if fig == "" {
			t.Errorf("%s has no region chart", page)
			continue
		}
		for _, name := range []string{"Afrique", "Amériques", "Asie", "Europe", "Océanie"} {
			if !strings.Contains(fig, name) {
				t.Errorf("%s: the region chart lacks %q", page, name)
			}
		}
		if strings.Contains(fig, "Americas") || strings.Contains(fig, "Oceania") {
			t.Errorf("%s: the region chart still shows English region names", page)
		}
	}
}

func TestLocalRegion(t *testing.T) {
	for _, c := range []struct{ name, lang, want string }{
		{"Sub-Saharan Africa", "fr", "Afrique subsaharienne"},
		{"Sub-Saharan Africa", "en", "Sub-Saharan Africa"},
		{"Sub-Saharan Africa", "de", "Sub-Saharan Africa"}, // no M49 names in German: English
		{"Sahel", "fr", "Sahel"},                           // a site's own region: as given
		{"", "fr", ""},
	} {
		if got := localRegion(c.name, c.lang); got != c.want {
			t.Errorf("localRegion(%q, %q) = %q, want %q", c.name, c.lang, got, c.want)
		}
	}
}
