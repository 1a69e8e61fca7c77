package build_test

import (
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/r2p-monitor/r2p"
	"github.com/r2p-monitor/r2p/internal/build"
	"github.com/r2p-monitor/r2p/internal/sitetest"
)

// missingLine returns the line of MissingStrings about i18n/LANG.yaml, or "".
func missingLine(lines []string, lang string) string {
	for _, l := range lines {
		if strings.HasPrefix(l, "i18n/"+lang+".yaml:") {
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

// A site's i18n/LANG.yaml takes the place of the built-in file of that
// language, so the figure strings it lacks are shown in the default
// language; r2p check lists them, as it lists any other string the file
// lacks. A language the site does not override keeps the built-in
// translations and is not listed.
func TestMissingFigureStrings(t *testing.T) {
	frDefault, err := fs.ReadFile(r2p.Defaults, "i18n/fr.yaml")
	if err != nil {
		t.Fatal(err)
	}
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
	site["i18n/es.yaml"] = &fstest.MapFile{Data: frDefault}
	lines := build.MissingStrings(site, r2p.Defaults)

	fr := missingLine(lines, "fr")
	for _, k := range []string{"figure.table", "figure.home.map", "figure.treaty.map", "figure.state.date", "nav.treaties"} {
		if !listed(fr, k) {
			t.Errorf("the site's fr.yaml lacks %s, but check does not list it: %q", k, fr)
		}
	}
	if listed(fr, "nav.states") {
		t.Errorf("the site's fr.yaml gives nav.states, but check lists it: %q", fr)
	}
	if !strings.Contains(fr, "(shown in en)") {
		t.Errorf("check does not say the missing French strings are shown in English: %q", fr)
	}
	if xx := missingLine(lines, "xx"); !listed(xx, "figure.table") || !listed(xx, "figure.compliance.oblig") || listed(xx, "nav.situations") {
		t.Errorf("missing strings of xx = %q; want the figure strings listed and nav.situations not", xx)
	}
	// A file with every key (here, French text under es) is complete, and
	// a language the site leaves to the built-in file is complete too.
	for _, lang := range []string{"es", "ar", "en"} {
		if l := missingLine(lines, lang); l != "" {
			t.Errorf("%s is complete, but check says %q", lang, l)
		}
	}

	// What check lists is what the pages show in the default language.
	out := sitetest.Build(t, site, build.Options{})
	home := string(out.File(t, "fr/index.html"))
	if !strings.Contains(home, "Les États") || !strings.Contains(home, "Situations by risk level, as of") {
		t.Error("the French home page should show the site's nav.states and the English map caption; " +
			"if the build now merges the site's i18n file with the built-in one key by key, " +
			"MissingStrings should read both layers again")
	}
}

// A site's own file for the default language hides the built-in one too;
// the strings it lacks have no text to fall back to, and check lists them.
func TestMissingDefaultStrings(t *testing.T) {
	site := sitetest.FS(t, `
-- content/site.yaml --
title: Test
language: en
languages: [fr]
-- i18n/en.yaml --
nav.states: Countries
`)
	en := missingLine(build.MissingStrings(site, r2p.Defaults), "en")
	if !listed(en, "figure.table") || !listed(en, "nav.situations") || listed(en, "nav.states") {
		t.Errorf("missing strings of en = %q; want figure.table and nav.situations listed, nav.states not", en)
	}
	if !strings.Contains(en, "missing (shown as their keys)") {
		t.Errorf("check does not say the default language's missing strings show as keys: %q", en)
	}
}
