package build_test

import (
	"strings"
	"testing"

	"github.com/r2p-monitor/r2p/internal/build"
	"github.com/r2p-monitor/r2p/internal/sitetest"
)

const subPathBase = "https://example.org/r2p/"

// Served under https://example.org/r2p/, every internal link and anchor
// of every page resolves, nothing escapes /r2p/, and nothing in the markup
// needs a relaxed Content-Security-Policy. Checked on the repository's own
// site (given the base URL on the command line, as a publisher would) and
// on a fixture that uses every kind of link an author writes.
func TestSubPathCrawl(t *testing.T) {
	t.Run("repository", func(t *testing.T) {
		out := sitetest.Build(t, repoSite(), build.Options{BaseURL: subPathBase})
		assertCrawlClean(t, out)
	})
	t.Run("fixture", func(t *testing.T) {
		out := sitetest.Build(t, sitetest.ReadArchive(t, "testdata/sites/subpath.txtar").Site(), build.Options{})
		out.Exists(t, "situations/syria-map.svg")
		assertCrawlClean(t, out)
	})
}

func assertCrawlClean(t *testing.T, out *sitetest.Output) {
	t.Helper()
	if len(out.Files) < 10 {
		t.Fatalf("only %d files built; nothing to crawl", len(out.Files))
	}
	if problems := sitetest.Crawl(out, subPathBase); len(problems) > 0 {
		t.Errorf("%d problems crawling the site under %s:\n%s", len(problems), subPathBase, strings.Join(problems, "\n"))
	}
}

// The crawler must find what it looks for; otherwise the test above would
// pass on a site full of broken links. This site breaks every rule once.
func TestCrawlFindsBreakage(t *testing.T) {
	site := sitetest.FS(t, `
-- content/about.md --
---
title: About
---
[nowhere](/nowhere/), [no anchor](/situations/#nope), [up and out](../../../x/), [bare](nowhere.html)
-- templates/page.html --
{{define "main"}}<div style="color:red" onclick="go()" id="twice"><span id="twice">{{.Content}}</span></div><script>go()</script><a href="javascript:go()">x</a><a href="/about/">by hand</a>{{end}}
`)
	out := sitetest.Build(t, site, build.Options{BaseURL: subPathBase})
	got := strings.Join(sitetest.Crawl(out, subPathBase), "\n")
	for _, want := range []string{
		`broken link "/r2p/nowhere/": public/nowhere/index.html does not exist`,
		`broken link "/r2p/situations/#nope": public/situations/index.html has no id "nope"`,
		`link "../../../x/" leaves /r2p/`,
		`broken link "nowhere.html": public/about/nowhere.html does not exist`,
		`style attribute on <div>`,
		`onclick event handler on <div>`,
		`id "twice" is also given at line`,
		`inline <script>`,
		`javascript: URL on <a>`,
		`root-relative link "/about/" escapes /r2p/`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("crawl did not report %s; it reported:\n%s", want, got)
		}
	}
}

// A broken link in the feed or sitemap is reported as well.
func TestCrawlChecksFeeds(t *testing.T) {
	out := sitetest.Build(t, smallSite(t), build.Options{BaseURL: subPathBase})
	if problems := sitetest.Crawl(out, subPathBase); len(problems) > 0 {
		t.Fatalf("the small site is not clean to start with:\n%s", strings.Join(problems, "\n"))
	}
	out.Files["sitemap.xml"] = append(out.Files["sitemap.xml"], "<loc>https://example.org/r2p/gone/</loc>"...)
	got := strings.Join(sitetest.Crawl(out, subPathBase), "\n")
	if !strings.Contains(got, `broken link "https://example.org/r2p/gone/"`) {
		t.Errorf("crawl missed a broken sitemap entry:\n%s", got)
	}
}
