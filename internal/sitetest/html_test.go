package sitetest

import (
	"reflect"
	"strings"
	"testing"
)

const page = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>A &amp; B</title>
<script src="/r2p/js/x.js" defer></script>
</head>
<body class="kind-brief">
<!-- a <a href="/commented/"> link -->
<main id="main" tabindex=-1>
<article class="brief risk-current-crisis">
<p id="p1" class="para"><a class="para-num" href="#p1">1.</a> Text &lt;here&gt; <a href='/r2p/x/?a=1&amp;b=2'>x</a></p>
<img src="/r2p/map.png" alt="">
<br/>
</article>
<div data-search-results><a href="/r2p/y/">y</a></div>
</main>
</body>
</html>
`

func TestParseHTML(t *testing.T) {
	d := ParseHTML([]byte(page))
	if len(d.Problems) > 0 {
		t.Fatalf("problems in a well-formed page: %v", d.Problems)
	}
	var tags []string
	for _, e := range d.Elements() {
		tags = append(tags, e.Tag)
	}
	want := "html head meta title script body main article p a a img br div a"
	if got := strings.Join(tags, " "); got != want {
		t.Errorf("elements:\n got %s\nwant %s", got, want)
	}
	if got := d.One(t, "title").Text(); got != "A & B" {
		t.Errorf("title text %q", got)
	}
	if got := d.One(t, "main").Get("tabindex"); got != "-1" {
		t.Errorf("bare attribute value %q", got)
	}
	if got := d.One(t, "p a[href^='/r2p/x']").Get("href"); got != "/r2p/x/?a=1&b=2" {
		t.Errorf("href %q: character references must be decoded", got)
	}
	if got := d.One(t, "p#p1").Text(); got != "1. Text <here> x" {
		t.Errorf("paragraph text %q", got)
	}
	if got := d.One(t, "img").Line; got != 13 {
		t.Errorf("img at line %d, want 13", got)
	}
	if n := len(d.Find("a")); n != 3 {
		t.Errorf("found %d links, want 3 (the one in a comment is not a link)", n)
	}
}

func TestSelectors(t *testing.T) {
	d := ParseHTML([]byte(page))
	for sel, want := range map[string][]string{
		"article.brief a":                      {"#p1", "/r2p/x/?a=1&b=2"},
		"body .risk-current-crisis a.para-num": {"#p1"},
		"[data-search-results] a":              {"/r2p/y/"},
		`a[href="#p1"]`:                        {"#p1"},
		"a[href*=r2p]":                         {"/r2p/x/?a=1&b=2", "/r2p/y/"},
		"div a.para-num":                       nil,
		"#main [href]":                         {"#p1", "/r2p/x/?a=1&b=2", "/r2p/y/"},
	} {
		var got []string
		for _, e := range d.Find(sel) {
			got = append(got, e.Get("href"))
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: got %q, want %q", sel, got, want)
		}
	}
	if got := d.In(t, "[data-search-results]", "a"); len(got) != 1 {
		t.Errorf("In found %d links", len(got))
	}
}

func TestParseHTMLProblems(t *testing.T) {
	for src, want := range map[string]string{
		"<div><p>x</div>":           "line 1: <p> is closed by </div> at line 1",
		"<div>\n<span>":             "line 2: <span> is never closed",
		"</em>":                     "line 1: </em> has no open <em>",
		`<a href="x" href="y"></a>`: "line 1: <a> repeats attribute href",
	} {
		d := ParseHTML([]byte(src))
		if len(d.Problems) == 0 || !strings.Contains(strings.Join(d.Problems, "\n"), want) {
			t.Errorf("%q: problems %q, want %q", src, d.Problems, want)
		}
	}
}

func TestArchive(t *testing.T) {
	a := ParseArchive(t, []byte("# comment\n-- content/a.md --\nA\n-- want/errors --\nx\n"))
	if a.Comment != "# comment\n" {
		t.Errorf("comment %q", a.Comment)
	}
	site := a.Site()
	if _, ok := site["want/errors"]; ok {
		t.Error("want/ files leaked into the site")
	}
	if string(site["content/a.md"].Data) != "A\n" {
		t.Errorf("content/a.md = %q", site["content/a.md"].Data)
	}
	if w, ok := a.Want("errors"); !ok || w != "x\n" {
		t.Errorf("want/errors = %q, %v", w, ok)
	}
}
