package themetest

import (
	"bytes"
	"encoding/json"
	"image/png"
	"strings"
	"testing"

	"github.com/r2p-monitor/r2p/internal/build"
	"github.com/r2p-monitor/r2p/internal/sitetest"
)

// jsonLD returns the page's JSON-LD block, decoded, or nil without one.
func jsonLD(t *testing.T, doc *sitetest.Doc) map[string]any {
	t.Helper()
	var found map[string]any
	for _, s := range doc.Find(`script[type="application/ld+json"]`) {
		if found != nil {
			t.Fatal("more than one JSON-LD block")
		}
		if err := json.Unmarshal([]byte(s.Text()), &found); err != nil {
			t.Fatalf("JSON-LD does not parse: %v\n%s", err, s.Text())
		}
	}
	return found
}

func meta(doc *sitetest.Doc, attr, name string) string {
	for _, m := range doc.Find("meta") {
		if m.Get(attr) == name {
			return m.Get("content")
		}
	}
	return ""
}

// TestShareCards checks that every page of each kind carries a complete
// card: title, description, URL and the default image, which must exist
// and be 1200×630 as the tags say.
func TestShareCards(t *testing.T) {
	out := ownSite(t)
	img, err := png.DecodeConfig(bytes.NewReader(out.File(t, "img/share.png")))
	if err != nil {
		t.Fatalf("img/share.png: %v", err)
	}
	if img.Width != 1200 || img.Height != 630 {
		t.Errorf("img/share.png is %d×%d, want 1200×630", img.Width, img.Height)
	}
	for _, k := range kinds {
		doc := out.HTML(t, k.File)
		for _, tag := range []struct{ attr, name, want string }{
			{"property", "og:title", ""},
			{"property", "og:description", ""},
			{"property", "og:url", "https://example.org/"},
			{"property", "og:image", "https://example.org/img/share.png"},
			{"property", "og:image:alt", ""},
			{"name", "twitter:card", "summary_large_image"},
			{"name", "description", ""},
		} {
			got := meta(doc, tag.attr, tag.name)
			switch {
			case got == "":
				t.Errorf("%s: no <meta %s=%q>", k.File, tag.attr, tag.name)
			case !strings.HasPrefix(got, tag.want):
				t.Errorf("%s: %s = %q, want %q", k.File, tag.name, got, tag.want)
			}
		}
	}
}

// TestJSONLD checks the schema.org blocks of the home page (WebSite), a
// brief (Article) and /data/ (Dataset).
func TestJSONLD(t *testing.T) {
	out := ownSite(t)
	home := jsonLD(t, out.HTML(t, "index.html"))
	if home["@type"] != "WebSite" || home["url"] != "https://example.org/" || home["name"] == "" {
		t.Errorf("home: want a WebSite at https://example.org/, got %v", home)
	}

	brief := jsonLD(t, out.HTML(t, "situations/syria/index.html"))
	if brief["@type"] != "Article" || brief["headline"] != "Syrian Arab Republic" || brief["datePublished"] != "2016-07-22" {
		t.Errorf("brief: want an Article with headline and datePublished, got %v", brief)
	}
	about, _ := brief["about"].([]any)
	if len(about) != 1 || about[0].(map[string]any)["identifier"] != "SYR" {
		t.Errorf("brief: about = %v, want the Syrian Arab Republic (SYR)", brief["about"])
	}
	if brief["spatialCoverage"] == nil || brief["publisher"] == nil {
		t.Errorf("brief: want spatialCoverage and publisher, got %v", brief)
	}

	data := jsonLD(t, out.HTML(t, "data/index.html"))
	if data["@type"] != "Dataset" || data["license"] == nil {
		t.Errorf("data: want a Dataset with a licence, got %v", data)
	}
	dist, _ := data["distribution"].([]any)
	formats := map[string]int{}
	for _, d := range dist {
		m := d.(map[string]any)
		formats[m["encodingFormat"].(string)]++
		file := strings.TrimPrefix(m["contentUrl"].(string), "https://example.org/")
		out.Exists(t, file)
	}
	if formats["text/csv"] < 6 || formats["application/json"] < 7 {
		t.Errorf("data: distribution has %v, want a CSV and a JSON per table and r2p.json", formats)
	}

	if ld := jsonLD(t, out.HTML(t, "states/syr/index.html")); ld != nil {
		t.Errorf("a state page has no schema.org type of its own, got %v", ld)
	}
}

// TestJSONLDCannotBreakOut builds a brief whose title and summary try to
// close the JSON-LD <script> and open another: the block must keep them as
// data, and the page must hold no second script.
func TestJSONLDCannotBreakOut(t *testing.T) {
	const evil = `</script><script>alert(1)</script><!--`
	site := sitetest.FS(t, `
-- content/site.yaml --
title: T
base_url: https://example.org/
language: en
as_of: 2016-07-22
-- content/situations/x.md --
---
title: "A `+evil+` B"
states: [SYR]
risk: current-crisis
date: 2016-07-22
summary: "Summary `+evil+`"
---
Text.
`)
	out := sitetest.Build(t, site, build.Options{})
	page := out.File(t, "situations/x/index.html")
	if n := bytes.Count(bytes.ToLower(page), []byte("<script")); n != 1 {
		t.Errorf("want one <script> (the JSON-LD), found %d:\n%s", n, page)
	}
	ld := jsonLD(t, sitetest.ParseHTML(page))
	if ld["headline"] != "A "+evil+" B" {
		t.Errorf("headline = %q, want the title as written", ld["headline"])
	}
	i := bytes.Index(page, []byte(`<script type="application/ld+json">`))
	block := page[i+len(`<script type="application/ld+json">`):]
	block = block[:bytes.Index(block, []byte("</script>"))]
	if bytes.ContainsAny(block, "<>&") {
		t.Errorf("JSON-LD holds a raw <, > or &:\n%s", block)
	}
}
