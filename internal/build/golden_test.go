package build_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/r2p-monitor/r2p/internal/build"
	"github.com/r2p-monitor/r2p/internal/sitetest"
)

func buildSmall(t *testing.T, opt build.Options) *sitetest.Output {
	t.Helper()
	return sitetest.Build(t, sitetest.ReadArchive(t, "testdata/sites/small.txtar").Site(), opt)
}

// The feed, sitemap and robots.txt are read by machines that care about
// every byte, and the brief and list pages are what readers see first; their
// goldens under testdata/golden show any change in review.
// go test ./internal/build -run Golden -update rewrites them.
func TestGoldenSmallSite(t *testing.T) {
	out := buildSmall(t, build.Options{})
	for _, p := range []string{
		"feed.xml",
		"sitemap.xml",
		"robots.txt",
		"situations/syria/index.html",
		"situations/index.html",
	} {
		t.Run(p, func(t *testing.T) {
			name := strings.ReplaceAll(strings.ReplaceAll(p, "/index.html", ".html"), "/", "_")
			sitetest.Golden(t, "testdata/golden/small/"+name, out.File(t, p))
		})
	}
}

// TestSmallSiteShape checks, by structure rather than bytes, what the
// contract promises for the small site, so that a golden rewritten in a
// hurry cannot hide a lost page or a broken promise.
func TestSmallSiteShape(t *testing.T) {
	out := buildSmall(t, build.Options{})
	out.Exists(t,
		"index.html", "404.html", "about/index.html",
		"situations/index.html", "situations/syria/index.html", "situations/burundi/index.html",
		"states/index.html", "states/syr/index.html", "states/bdi/index.html",
		"feed.xml", "sitemap.xml", "robots.txt", "css/r2p.css", "css/chroma.css",
	)
	if out.Stats.Files != len(out.Files) {
		t.Errorf("Stats.Files = %d, but %d files were emitted", out.Stats.Files, len(out.Files))
	}
	var pages int
	var size int64
	for p, data := range out.Files {
		if strings.HasSuffix(p, ".html") {
			pages++
		}
		size += int64(len(data))
	}
	if out.Stats.Pages != pages || out.Stats.Bytes != size {
		t.Errorf("Stats = %+v, want %d pages and %d bytes", out.Stats, pages, size)
	}

	// Briefs in the feed newest first: Syria (2016-07-22) before Burundi (2016-05-01).
	feed := string(out.File(t, "feed.xml"))
	if s, b := strings.Index(feed, "/situations/syria/"), strings.Index(feed, "/situations/burundi/"); s < 0 || b < 0 || s > b {
		t.Errorf("feed.xml does not list syria before burundi:\n%s", feed)
	}

	brief := out.HTML(t, "situations/syria/index.html")
	if got := brief.One(t, "h1").Text(); got != "Syrian Arab Republic" {
		t.Errorf("brief h1 = %q", got)
	}
	// Body paragraphs are numbered as in UN documents, each linking to itself.
	nums := brief.Find("p.para a.para-num")
	if len(nums) < 2 {
		t.Fatalf("brief has %d numbered paragraphs, want at least 2", len(nums))
	}
	for i, a := range nums {
		want := "#p" + strconv.Itoa(i+1)
		if a.Get("href") != want || a.Parent.Get("id") != want[1:] {
			t.Errorf("paragraph %d: %v in %v, want href and id %s", i+1, a, a.Parent, want)
		}
	}
	// The UN symbol in running text links to the document system.
	if len(brief.Find(`a.symbol[href="https://undocs.org/A/HRC/31/68"]`)) == 0 {
		t.Error("A/HRC/31/68 in the brief body is not linked to undocs.org")
	}
	// The Markdown table and footnote made it through.
	if len(brief.Find("table td")) == 0 || len(brief.Find(`a.footnote-ref[href="#fn:1"]`)) != 1 {
		t.Error("brief lost its table or footnote")
	}

	// Each brief appears once on the list page, under its risk level.
	list := out.HTML(t, "situations/index.html")
	for _, c := range []struct{ risk, href string }{
		{"current-crisis", "/situations/syria/"},
		{"imminent-risk", "/situations/burundi/"},
	} {
		if got := list.Find(".risk-" + c.risk + ` a[href="` + c.href + `"]`); len(got) != 1 {
			t.Errorf("list page: %d links to %s under %s, want 1", len(got), c.href, c.risk)
		}
	}
	// A page with menu: main is in the navigation of every page.
	if len(out.HTML(t, "index.html").Find(`nav a[href="/about/"]`)) != 1 {
		t.Error("home page navigation lacks /about/")
	}
}
