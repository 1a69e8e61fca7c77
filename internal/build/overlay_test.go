package build_test

import (
	"bytes"
	"io/fs"
	"testing"
	"testing/fstest"

	"github.com/r2p-monitor/r2p"
	"github.com/r2p-monitor/r2p/internal/build"
	"github.com/r2p-monitor/r2p/internal/sitetest"
)

// A directory holding only content/ builds: templates and static files
// come from the defaults embedded in the binary.
func TestContentOnlySite(t *testing.T) {
	site := smallSite(t)
	for p := range site {
		if !hasPrefix(p, "content/") {
			t.Fatalf("fixture is not content-only: %s", p)
		}
	}
	out := sitetest.Build(t, site, build.Options{})
	// Every embedded static file is published.
	err := fs.WalkDir(r2p.Defaults, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		want, _ := fs.ReadFile(r2p.Defaults, p)
		if got := out.File(t, p[len("static/"):]); !bytes.Equal(got, want) {
			t.Errorf("public/%s differs from the embedded %s", p[len("static/"):], p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	about := out.HTML(t, "about/index.html")
	if got := about.One(t, "article h1").Text(); got != "About" {
		t.Errorf("about page h1 = %q", got)
	}
}

// A site's templates/page.html replaces the built-in one by file name and
// nothing else: briefs keep the built-in brief template and every page
// keeps the built-in base layout. A site's static file replaces the
// built-in file at the same path.
func TestSiteOverridesDefaultsByName(t *testing.T) {
	site := smallSite(t)
	site["templates/page.html"] = &fstest.MapFile{Data: []byte(
		`{{define "main"}}<article class="site-own"><h1>{{.Title}}</h1>{{.Content}}</article>{{end}}`)}
	site["static/css/r2p.css"] = &fstest.MapFile{Data: []byte("/* the site's own */\n")}
	site["static/img/logo.svg"] = &fstest.MapFile{Data: []byte("<svg/>")}
	out := sitetest.Build(t, site, build.Options{})

	about := out.HTML(t, "about/index.html")
	if len(about.Find("article.site-own h1")) != 1 {
		t.Error("about page was not rendered with the site's templates/page.html")
	}
	if len(about.Find("header.site-header nav")) != 1 {
		t.Error("about page lost the built-in base layout")
	}
	brief := out.HTML(t, "situations/syria/index.html")
	if len(brief.Find(".site-own")) != 0 || len(brief.Find("article.brief")) != 1 {
		t.Error("the site's page.html leaked into the brief template")
	}
	if got := string(out.File(t, "css/r2p.css")); got != "/* the site's own */\n" {
		t.Errorf("css/r2p.css = %q, want the site's file", got)
	}
	out.Exists(t, "img/logo.svg")
}

// Overlay is the file system that gives the rule above: Upper wins by
// path, directories merge, and an error other than "does not exist" from
// Upper is not papered over by Lower.
func TestOverlay(t *testing.T) {
	upper := fstest.MapFS{
		"templates/page.html":       {Data: []byte("upper")},
		"templates/partials/a.html": {Data: []byte("upper a")},
	}
	lower := fstest.MapFS{
		"templates/page.html":       {Data: []byte("lower")},
		"templates/base.html":       {Data: []byte("lower base")},
		"templates/partials/b.html": {Data: []byte("lower b")},
	}
	o := build.Overlay{Upper: upper, Lower: lower}
	for p, want := range map[string]string{
		"templates/page.html":       "upper",
		"templates/base.html":       "lower base",
		"templates/partials/a.html": "upper a",
		"templates/partials/b.html": "lower b",
	} {
		if got, err := fs.ReadFile(o, p); err != nil || string(got) != want {
			t.Errorf("%s = %q, %v; want %q", p, got, err, want)
		}
	}
	entries, err := fs.ReadDir(o, "templates/partials")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if got := join(names); got != "a.html b.html" {
		t.Errorf("ReadDir = %s, want a.html b.html", got)
	}
	if err := fstest.TestFS(o, "templates/page.html", "templates/base.html", "templates/partials/a.html", "templates/partials/b.html"); err != nil {
		t.Errorf("Overlay is not a well-behaved fs.FS: %v", err)
	}
}

func hasPrefix(s, p string) bool { return len(s) >= len(p) && s[:len(p)] == p }

func join(s []string) string {
	var b bytes.Buffer
	for i, x := range s {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(x)
	}
	return b.String()
}
