package build_test

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"os"
	"runtime"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/r2p-monitor/r2p/internal/build"
	"github.com/r2p-monitor/r2p/internal/sitetest"
	"github.com/r2p-monitor/r2p/internal/synth"
)

// Identical input gives identical bytes: no map order, no clock, no
// dependence on which goroutine finished first. Checked on the
// repository's own site and on a synthetic one large enough that pages
// finish out of order on several cores.
func TestBuildIsDeterministic(t *testing.T) {
	sites := map[string]fstest.MapFS{
		"small": sitetest.ReadArchive(t, "testdata/sites/small.txtar").Site(),
		"synth": synthSite(t, 60),
	}
	for name, site := range sites {
		t.Run(name, func(t *testing.T) {
			a := sitetest.Build(t, site, build.Options{})
			b := sitetest.Build(t, site, build.Options{})
			assertSameOutput(t, a, b)
		})
	}
	t.Run("repository", func(t *testing.T) {
		a := sitetest.Build(t, repoSite(), build.Options{})
		b := sitetest.Build(t, repoSite(), build.Options{})
		assertSameOutput(t, a, b)
	})
}

// One core or many, the output is the same: parallel rendering must write
// by index, never in arrival order.
func TestBuildSameOnOneCoreAndMany(t *testing.T) {
	site := synthSite(t, 60)
	prev := runtime.GOMAXPROCS(1)
	one := sitetest.Build(t, site, build.Options{})
	runtime.GOMAXPROCS(max(4, prev))
	many := sitetest.Build(t, site, build.Options{})
	runtime.GOMAXPROCS(prev)
	assertSameOutput(t, one, many)
}

// repoSite is the repository's own site (content/, templates/, static/ at
// the module root): what `go run ./cmd/r2p build` builds.
func repoSite() fs.FS { return os.DirFS("../..") }

func containsAny(data []byte, subs ...string) bool {
	for _, s := range subs {
		if bytes.Contains(data, []byte(s)) {
			return true
		}
	}
	return false
}

func synthSite(t testing.TB, briefs int) fstest.MapFS {
	t.Helper()
	site := fstest.MapFS{}
	for p, data := range synth.Files(synth.Options{Briefs: briefs, Seed: 1}) {
		site[p] = &fstest.MapFile{Data: data, Mode: 0o644}
	}
	return site
}

const draftSite = `
-- content/situations/syria.md --
---
title: Syrian Arab Republic
states: [SYR]
risk: current-crisis
date: 2016-07-22
---
Published.
-- content/situations/yemen.md --
---
title: Yemen
states: [YEM]
risk: current-crisis
date: 2016-08-01
draft: true
---
Not yet.
-- content/notes.md --
---
title: Notes
draft: true
---
Private.
`

// Drafts stay out of every output (pages, lists, feed, sitemap, state
// pages) unless the build asks for them.
func TestDrafts(t *testing.T) {
	site := sitetest.FS(t, draftSite)
	out := sitetest.Build(t, site, build.Options{})
	out.Exists(t, "situations/syria/index.html")
	out.Absent(t, "situations/yemen/index.html", "notes/index.html")
	for _, p := range []string{"feed.xml", "sitemap.xml", "situations/index.html", "index.html", "states/yem/index.html"} {
		if containsAny(out.File(t, p), "/situations/yemen/", "/notes/") {
			t.Errorf("public/%s mentions a draft", p)
		}
	}

	with := sitetest.Build(t, site, build.Options{Drafts: true})
	with.Exists(t, "situations/yemen/index.html", "notes/index.html")
	if !containsAny(with.File(t, "feed.xml"), "/situations/yemen/") {
		t.Error("with Drafts, feed.xml leaves out the draft brief")
	}
	if len(with.HTML(t, "states/yem/index.html").Find(`a[href="/situations/yemen/"]`)) == 0 {
		t.Error("with Drafts, the state page does not link its draft brief")
	}
}

// Every page reaches the search index, however the workers' batches of
// pages to analyze fall: with one worker, which fills several batches
// and flushes a part-filled one at the end, and with several. A page left
// in a batch would leave its doc id without a head (null) in the chunks.
func TestIndexHoldsEveryPage(t *testing.T) {
	site := synthSite(t, 150)
	for _, workers := range []int{1, 3} {
		out := sitetest.Build(t, site, build.Options{Workers: workers})
		var man struct{ N int }
		if err := json.Unmarshal(out.File(t, "search/index.json"), &man); err != nil {
			t.Fatal(err)
		}
		heads := 0
		for _, p := range out.Paths() {
			if !strings.HasPrefix(p, "search/h/") {
				continue
			}
			var chunk []json.RawMessage
			if err := json.Unmarshal(out.File(t, p), &chunk); err != nil {
				t.Fatalf("%s: %v", p, err)
			}
			for i, h := range chunk {
				if string(h) == "null" {
					t.Errorf("%d workers: %s holds no head at %d: a page was not indexed", workers, p, i)
				}
			}
			heads += len(chunk)
		}
		if heads != man.N || man.N < 150 {
			t.Errorf("%d workers: %d heads for %d docs, want one each and at least the 150 briefs", workers, heads, man.N)
		}
	}
}
