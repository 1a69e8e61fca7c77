package build_test

import (
	"runtime"
	"testing"
	"time"

	"github.com/r2p-monitor/r2p"
	"github.com/r2p-monitor/r2p/internal/build"
	"github.com/r2p-monitor/r2p/internal/render"
)

// Whole builds of a synthetic site, in memory: read, model, convert,
// render. The site is generated once, outside the timer; the sink only
// counts, so the figures are the generator's and not the disk's.
//
//	go test -run XXX -bench Build -benchtime 1x ./internal/build/
func BenchmarkBuild1000(b *testing.B)  { benchmarkBuild(b, 1000) }
func BenchmarkBuild10000(b *testing.B) { benchmarkBuild(b, 10000) }

func benchmarkBuild(b *testing.B, briefs int) {
	site := synthSite(b, briefs)
	discard := func(render.File) error { return nil }
	b.ReportAllocs()
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	var pages int
	start := time.Now()
	b.ResetTimer()
	for b.Loop() {
		stats, err := build.Run(site, r2p.Defaults, build.Options{}, discard)
		if err != nil {
			b.Fatal(err)
		}
		pages += stats.Pages
	}
	b.StopTimer()
	elapsed := time.Since(start)
	runtime.ReadMemStats(&after)
	if pages == 0 {
		b.Fatal("no pages built")
	}
	b.ReportMetric(float64(pages)/float64(b.N), "pages/op")
	b.ReportMetric(float64(elapsed.Nanoseconds())/float64(pages), "ns/page")
	b.ReportMetric(float64(after.Mallocs-before.Mallocs)/float64(pages), "allocs/page")
}
