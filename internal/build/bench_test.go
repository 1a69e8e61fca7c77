package build_test

import (
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/r2p-monitor/r2p"
	"github.com/r2p-monitor/r2p/internal/build"
	"github.com/r2p-monitor/r2p/internal/cputime"
	"github.com/r2p-monitor/r2p/internal/membudget"
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
	membudget.OneOff() // as r2p build does
	site := synthSite(b, briefs)
	// The bytes of a written page go back to the renderer, as they do
	// when a build writes to disk.
	discard := func(f render.File) error { render.Recycle(f); return nil }
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

// BenchmarkIndexShare measures what the search index adds to a build of
// 10,000 briefs written to disk: each iteration builds the site with the
// index and without it, alternately, into two output directories that are
// kept from one iteration to the next as a rebuild keeps public/. It
// reports the median of each and the share the index adds,
// (with-without)/without.
//
//	go test -run XXX -bench IndexShare -benchtime 5x ./internal/build/
func BenchmarkIndexShare(b *testing.B) {
	membudget.OneOff() // as r2p build does
	site := synthSite(b, 10000)
	dir := b.TempDir()
	build1 := func(noIndex bool, dest string) (wall, cpu time.Duration) {
		runtime.GC()
		start, cpu0 := time.Now(), cputime.Used()
		out, err := build.NewDir(dest)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := build.Run(site, r2p.Defaults, build.Options{NoIndex: noIndex}, out.Write); err != nil {
			b.Fatal(err)
		}
		if err := out.Commit(); err != nil {
			b.Fatal(err)
		}
		return time.Since(start), cputime.Used() - cpu0
	}
	with, without := filepath.Join(dir, "with"), filepath.Join(dir, "without")
	build1(false, with) // first builds fill the directories
	build1(true, without)
	var tw, to, cw, co []time.Duration
	run := func(noIndex bool) {
		dest, walls, cpus := with, &tw, &cw
		if noIndex {
			dest, walls, cpus = without, &to, &co
		}
		w, c := build1(noIndex, dest)
		*walls, *cpus = append(*walls, w), append(*cpus, c)
	}
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		run(i%2 != 0)
		run(i%2 == 0)
	}
	b.StopTimer()
	added := func(with, without time.Duration) float64 { return 100 * float64(with-without) / float64(without) }
	b.ReportMetric(median(tw).Seconds(), "s-with")
	b.ReportMetric(median(to).Seconds(), "s-without")
	b.ReportMetric(added(median(tw), median(to)), "%-added")
	b.ReportMetric(median(cw).Seconds(), "cpu-s-with")
	b.ReportMetric(median(co).Seconds(), "cpu-s-without")
	b.ReportMetric(added(median(cw), median(co)), "%-cpu-added")
}
