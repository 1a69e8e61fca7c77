package render

import (
	"testing"
	"testing/fstest"

	"github.com/r2p-monitor/r2p"
	"github.com/r2p-monitor/r2p/internal/cputime"
	"github.com/r2p-monitor/r2p/internal/diag"
	"github.com/r2p-monitor/r2p/internal/markdown"
	"github.com/r2p-monitor/r2p/internal/model"
	"github.com/r2p-monitor/r2p/internal/source"
	"github.com/r2p-monitor/r2p/internal/synth"
)

// benchSite models a synthetic site of n briefs with the built-in
// templates, and converts every page's body once, so that the benchmarks
// below time templates and page data alone.
func benchSite(b testing.TB, n int) (*Renderer, *model.Site, map[*model.Page]markdown.Doc) {
	b.Helper()
	fsys := fstest.MapFS{}
	for p, data := range synth.Files(synth.Options{Briefs: n, Seed: 1}) {
		fsys[p] = &fstest.MapFile{Data: data}
	}
	var l diag.List
	site := model.Build(source.Load(fsys, &l), model.Options{}, &l)
	md := markdown.New(markdown.Config{})
	r := NewLang(site, md, r2p.Defaults, "bench", site.Config.Language, &l)
	if err := l.Err(); err != nil {
		b.Fatal(err)
	}
	docs := map[*model.Page]markdown.Doc{}
	for _, p := range site.Pages {
		doc, errs := md.Convert(p.Body, markdown.Options{Path: p.Source, Numbered: p.Kind == model.KindBrief})
		if len(errs) > 0 {
			b.Fatal(errs)
		}
		docs[p] = doc
	}
	return r, site, docs
}

// BenchmarkPages renders every content page (briefs, mostly) of a
// 1,000-brief site: what templates cost per page.
//
//	go test -run XXX -bench Pages -benchtime 10x ./internal/render/
func BenchmarkPages(b *testing.B) {
	r, site, docs := benchSite(b, 1000)
	b.ReportAllocs()
	b.ResetTimer()
	cpu := cputime.Used()
	for b.Loop() {
		for _, p := range site.Pages {
			if IsList(p.URL) {
				continue
			}
			if _, err := r.Page(p, docs[p]); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*len(site.Pages)), "µs/page")
	b.ReportMetric(float64((cputime.Used()-cpu).Microseconds())/float64(b.N*len(site.Pages)), "cpu-µs/page")
}

// BenchmarkGenerated renders the generated pages (lists, state, treaty
// and commitment pages, feeds, data exports) of a 1,000-brief site on one
// goroutine.
//
//	go test -run XXX -bench Generated -benchtime 10x ./internal/render/
func BenchmarkGenerated(b *testing.B) {
	r, _, _ := benchSite(b, 1000)
	r.Workers = 1
	b.ReportAllocs()
	b.ResetTimer()
	cpu := cputime.Used()
	for b.Loop() {
		if err := r.Generated(map[string]markdown.Doc{}, func(File) error { return nil }); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64((cputime.Used()-cpu).Milliseconds())/float64(b.N), "cpu-ms/op")
}

// BenchmarkStatePages makes the page of every state of a 10,000-brief
// site, data and template, on one goroutine: the pages with the most
// table rows.
//
//	go test -run XXX -bench StatePages -benchtime 10x ./internal/render/
func BenchmarkStatePages(b *testing.B) {
	r, site, _ := benchSite(b, 10000)
	b.ReportAllocs()
	b.ResetTimer()
	cpu := cputime.Used()
	for b.Loop() {
		for _, st := range site.States {
			if _, err := r.htmlFile(StateURL(st.Code), tmplState, r.statePage(st)); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64((cputime.Used()-cpu).Milliseconds())/float64(b.N), "cpu-ms/op")
}
