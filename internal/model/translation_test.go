package model

import (
	"testing"

	"golang.org/x/tools/txtar"
)

func TestTranslationsAreTiedToOriginals(t *testing.T) {
	a, err := txtar.ParseFile("testdata/validate/translations.txtar")
	if err != nil {
		t.Fatal(err)
	}
	site, _ := buildArchive(t, a, Options{})
	if got := site.Config.Langs(); len(got) != 3 || got[0] != "en" {
		t.Fatalf("languages = %v, want en first of three", got)
	}
	orig, ok := site.Page("/situations/syria/")
	if !ok {
		t.Fatal("original brief missing")
	}
	fr := orig.Translations["fr"]
	if fr == nil || fr.URL != "/fr/situations/syria/" || fr.Lang != "fr" || fr.Original != orig {
		t.Fatalf("French translation = %+v", fr)
	}
	if fr.Brief.Risk != "current-crisis" || fr.Brief.States[0] != "SYR" || fr.Date != orig.Date {
		t.Errorf("translation did not take the brief's record from the original: %+v", fr.Brief)
	}
	if _, ok := site.Page("/report.v2/"); !ok {
		t.Error("report.v2.md is a page of its own, not a translation")
	}
	for _, p := range site.Pages {
		if p.Lang != "en" {
			t.Errorf("%s in Pages has language %q; Pages holds the default language only", p.Source, p.Lang)
		}
	}
	if len(site.Translations) != 2 {
		t.Errorf("got %d translations, want 2 (fr and ar of the brief)", len(site.Translations))
	}
}
