package build_test

import (
	"strings"
	"testing"

	"github.com/r2p-monitor/r2p"
	"github.com/r2p-monitor/r2p/internal/build"
	"github.com/r2p-monitor/r2p/internal/sitetest"
)

// missingLine returns the line of MissingStrings about the strings
// i18n/LANG.yaml lacks, or "".
func missingLine(lines []string, lang string) string {
	for _, l := range lines {
		if strings.HasPrefix(l, "i18n/"+lang+".yaml:") && strings.Contains(l, " interface ") {
			return l
		}
	}
	return ""
}

// listed reports whether key is among the keys a MissingStrings line lists.
func listed(line, key string) bool {
	_, keys, _ := strings.Cut(line, "): ")
	for _, k := range strings.Split(keys, ", ") {
		if k == key {
			return true
		}
	}
	return false
}

// A site's i18n/LANG.yaml overrides the built-in file of that language
// key by key: a key it lacks keeps the built-in translation, on the pages
// and for r2p check alike. A language with no built-in file (xx) has only
// what the site gives, and check lists the rest.
func TestMissingFigureStrings(t *testing.T) {
	site := sitetest.FS(t, `
-- content/site.yaml --
title: Test
language: en
languages: [fr, es, ar, xx]
-- i18n/fr.yaml --
nav.states: Les États
-- i18n/xx.yaml --
nav.situations: Situations in xx
`)
	lines := build.MissingStrings(site, r2p.Defaults)
	for _, lang := range []string{"fr", "es", "ar", "en"} {
		if l := missingLine(lines, lang); l != "" {
			t.Errorf("%s is complete with the built-in file beneath it, but check says %q", lang, l)
		}
	}
	xx := missingLine(lines, "xx")
	if !listed(xx, "figure.table") || !listed(xx, "figure.compliance.oblig") || !listed(xx, "nav.states") || listed(xx, "nav.situations") {
		t.Errorf("missing strings of xx = %q; want the figure strings and nav.states listed, nav.situations not", xx)
	}
	if !strings.Contains(xx, "(shown in en)") {
		t.Errorf("check does not say the missing xx strings are shown in English: %q", xx)
	}

	// The French home page shows the site's own string and the built-in
	// French caption.
	out := sitetest.Build(t, site, build.Options{})
	home := string(out.File(t, "fr/index.html"))
	if !strings.Contains(home, "Les États") {
		t.Error("the French home page does not show the site's nav.states")
	}
	if !strings.Contains(home, "Situations par niveau de risque") || strings.Contains(home, "Situations by risk level") {
		t.Error("the French home page lost the built-in French map caption to the site's partial fr.yaml")
	}
}

// A site's own file for the default language overrides some strings and
// keeps the rest; a key no file gives is listed.
func TestMissingDefaultStrings(t *testing.T) {
	site := sitetest.FS(t, `
-- content/site.yaml --
title: Test
language: en
languages: [fr]
-- i18n/en.yaml --
nav.states: Countries
brief.custom_note: A note only this site has
`)
	lines := build.MissingStrings(site, r2p.Defaults)
	if en := missingLine(lines, "en"); en != "" {
		t.Errorf("en has every string, but check says %q", en)
	}
	if fr := missingLine(lines, "fr"); !listed(fr, "brief.custom_note") || listed(fr, "nav.states") {
		t.Errorf("missing strings of fr = %q; want only the site's own new key", fr)
	}
	out := sitetest.Build(t, site, build.Options{})
	home := string(out.File(t, "index.html"))
	if !strings.Contains(home, "Countries") || !strings.Contains(home, ">Situations</a>") {
		t.Error("the English home page should show the site's nav.states and the built-in nav.situations")
	}
}

// formsLine returns the line of MissingStrings about the plural strings of
// i18n/LANG.yaml that lack a form, or "".
func formsLine(lines []string, lang string) string {
	for _, l := range lines {
		if strings.HasPrefix(l, "i18n/"+lang+".yaml:") && strings.Contains(l, " plural ") {
			return l
		}
	}
	return ""
}

// A plural string counts as present whatever forms it gives; one that
// lacks a form its language uses for whole numbers is listed with the
// forms it lacks. The built-in files give every form.
func TestMissingPluralForms(t *testing.T) {
	site := sitetest.FS(t, `
-- content/site.yaml --
title: Test
language: en
languages: [ru, ar, zh, fr, es]
-- i18n/en.yaml --
site.things:
  one: "%d thing"
  other: "%d things"
-- i18n/ru.yaml --
site.things:
  one: "%d вещь"
  other: "%d вещи"
-- i18n/zh.yaml --
site.things: "%d 件事"
`)
	lines := build.MissingStrings(site, r2p.Defaults)
	for _, lang := range []string{"en", "ru", "zh"} {
		if l := missingLine(lines, lang); l != "" {
			t.Errorf("%s gives every string, but check says %q", lang, l)
		}
	}
	if ar := missingLine(lines, "ar"); !listed(ar, "site.things") {
		t.Errorf("ar lacks site.things, but check says %q", ar)
	}
	if got, want := formsLine(lines, "ru"), "site.things (few many)"; !strings.HasSuffix(got, ": "+want) {
		t.Errorf("plural forms missing in ru = %q, want it to end %q", got, want)
	}
	for _, lang := range []string{"en", "ar", "zh", "fr", "es"} {
		if l := formsLine(lines, lang); l != "" {
			t.Errorf("check says %q", l)
		}
	}
}
