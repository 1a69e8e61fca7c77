package build_test

import (
	"github.com/r2p-monitor/r2p"
	"strings"
	"testing"

	"github.com/r2p-monitor/r2p/internal/build"
	"github.com/r2p-monitor/r2p/internal/sitetest"
)

func TestLanguages(t *testing.T) {
	site := sitetest.ReadArchive(t, "testdata/sites/languages.txtar").Site()
	out := sitetest.Build(t, site, build.Options{})
	if problems := sitetest.Crawl(out, "https://example.org/r2p/"); len(problems) > 0 {
		t.Errorf("%d problems crawling the multilingual site:\n%s", len(problems), strings.Join(problems, "\n"))
	}
	page := func(p string) *sitetest.Doc {
		t.Helper()
		data, ok := out.Files[p]
		if !ok {
			t.Fatalf("%s was not written", p)
		}
		return sitetest.ParseHTML(data)
	}
	attr := func(d *sitetest.Doc, sel, name string) string {
		t.Helper()
		return d.One(t, sel).Get(name)
	}

	// Routing: the default language keeps the root, others get a prefix.
	fr := page("fr/situations/syria/index.html")
	if got := attr(fr, "html", "lang"); got != "fr" {
		t.Errorf("French brief: html lang %q", got)
	}
	if got := fr.One(t, "h1").Text(); got != "République arabe syrienne" {
		t.Errorf("French brief h1 = %q", got)
	}
	ar := page("ar/situations/syria/index.html")
	if attr(ar, "html", "lang") != "ar" || attr(ar, "html", "dir") != "rtl" {
		t.Errorf("Arabic brief: html lang=%q dir=%q, want ar rtl", attr(ar, "html", "lang"), attr(ar, "html", "dir"))
	}
	if got := attr(page("situations/syria/index.html"), "html", "dir"); got != "ltr" {
		t.Errorf("English brief dir %q", got)
	}

	// hreflang: a translated page names every translation; an untranslated
	// one names only the languages it really exists in.
	hreflangs := func(d *sitetest.Doc) map[string]string {
		m := map[string]string{}
		for _, l := range d.Root.Find(`link[rel="alternate"][hreflang]`) {
			m[l.Get("hreflang")] = l.Get("href")
		}
		return m
	}
	h := hreflangs(page("situations/syria/index.html"))
	if h["en"] != "https://example.org/r2p/situations/syria/" || h["fr"] != "https://example.org/r2p/fr/situations/syria/" || h["ar"] != "https://example.org/r2p/ar/situations/syria/" {
		t.Errorf("hreflang of the Syria brief = %v", h)
	}
	h = hreflangs(page("situations/yemen/index.html"))
	if _, ok := h["fr"]; ok || len(h) > 1 {
		t.Errorf("untranslated Yemen brief declares alternates %v", h)
	}

	// Fallback: a page without a translation is shown in the default
	// language, marked, with its canonical URL at the original.
	ye := page("fr/situations/yemen/index.html")
	if got := attr(ye, "html", "lang"); got != "fr" {
		t.Errorf("French Yemen page html lang %q (the interface is French)", got)
	}
	if got := attr(ye, "article", "lang"); got != "en" {
		t.Errorf("French Yemen page content lang %q, want en", got)
	}
	if len(ye.Root.Find("p.fallback")) != 1 {
		t.Error("French Yemen page does not say it is shown in English")
	}
	if got := attr(ye, `link[rel="canonical"]`, "href"); got != "https://example.org/r2p/situations/yemen/" {
		t.Errorf("fallback canonical = %q", got)
	}

	// Root-relative links in a translation stay in its language; shared
	// files are not prefixed.
	about := string(out.Files["fr/about/index.html"])
	if !strings.Contains(about, `href="/r2p/fr/situations/syria/"`) {
		t.Error("the French about page's Markdown link does not lead to the French brief")
	}
	if !strings.Contains(about, `href="/r2p/css/r2p.css"`) {
		t.Error("the French about page's stylesheet is not the shared one")
	}

	// Interface strings and state names in the page's language.
	if !strings.Contains(string(out.Files["fr/situations/index.html"]), "République arabe syrienne") {
		t.Error("the French list does not show the French title")
	}
	if !strings.Contains(string(out.Files["fr/states/syr/index.html"]), "République arabe syrienne") {
		t.Error("the French state page does not use the UN's French name")
	}
	if !strings.Contains(string(out.Files["fr/situations/syria/index.html"]), "22 juillet 2016") {
		t.Error("the French brief's date is not written in French")
	}

	// Files every language shares are written once.
	for _, p := range []string{"fr/feed.xml", "fr/404.html", "fr/data/r2p.json", "ar/sitemap.xml"} {
		if _, ok := out.Files[p]; ok {
			t.Errorf("%s written: shared files belong to the default language only", p)
		}
	}
	// UN document symbols stay left to right inside right-to-left text.
	if !strings.Contains(string(out.Files["ar/situations/syria/index.html"]), `dir="ltr"`) {
		t.Error("the Arabic brief does not isolate the UN symbol left to right")
	}
}

// r2p check lists the interface strings a language lacks, so that a
// translator knows what is left; the build itself falls back to the
// default language's text.
func TestMissingStringsListed(t *testing.T) {
	site := sitetest.FS(t, `
-- content/site.yaml --
language: en
languages: [fr, xx]
-- i18n/xx.yaml --
nav.situations: Situations in xx
`)
	lines := build.MissingStrings(site, r2p.Defaults)
	var xx string
	for _, l := range lines {
		if strings.HasPrefix(l, "i18n/fr.yaml") {
			t.Errorf("French is complete, but check says %q", l)
		}
		if strings.HasPrefix(l, "i18n/xx.yaml") {
			xx = l
		}
	}
	if !strings.Contains(xx, "nav.states") || strings.Contains(xx, "nav.situations,") {
		t.Errorf("missing strings of xx = %q; want nav.states listed and nav.situations not", xx)
	}
}
