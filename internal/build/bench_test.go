package build_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
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
// 10,000 briefs written to disk: the site built with the index and
// without it (see benchmarkShare).
//
//	go test -run XXX -bench IndexShare -benchtime 5x ./internal/build/
func BenchmarkIndexShare(b *testing.B) {
	membudget.OneOff() // as r2p build does
	site := diskSite(b, synthSite(b, 10000))
	benchmarkShare(b, share{site, build.Options{}}, share{site, build.Options{NoIndex: true}})
}

// BenchmarkDataShare measures what the structured data adds to a build of
// 10,000 briefs written to disk: the site built as it is and without
// content/data/, so without its state, treaty, commitment, compliance and
// matrix pages, their feeds and the open-data exports (see benchmarkShare).
//
//	go test -run XXX -bench DataShare -benchtime 5x ./internal/build/
func BenchmarkDataShare(b *testing.B) {
	membudget.OneOff() // as r2p build does
	site := synthSite(b, 10000)
	briefs := fstest.MapFS{}
	for p, f := range site {
		if !strings.HasPrefix(p, "content/data/") {
			briefs[p] = f
		}
	}
	if len(briefs) == len(site) {
		b.Fatal("the synthetic site has no content/data/")
	}
	benchmarkShare(b, share{diskSite(b, site), build.Options{}}, share{diskSite(b, briefs), build.Options{}})
}

// diskSite writes site to a directory and returns it as r2p build reads
// a site: from disk, so that its sources are not held in memory all
// through the build, as an in-memory file system's would be.
func diskSite(b *testing.B, site fstest.MapFS) fs.FS {
	dir := b.TempDir()
	for p, f := range site {
		path := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(path, f.Data, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	return os.DirFS(dir)
}

// share is one side of a comparison: a site and how it is built.
type share struct {
	site fs.FS
	opts build.Options
}

// benchmarkShare builds with and without alternately, each into its own
// output directory that is kept from one iteration to the next as a
// rebuild keeps public/. It reports the median wall and CPU time of each
// and the share that with adds, (with-without)/without, of those medians
// (%-added, %-cpu-added) and as the median of each iteration's pair of
// builds (%-paired, %-cpu-paired): the two builds of a pair run one after
// the other, so a machine that grows busier or quieter during the run
// moves both, and the paired figure is the steadier on a shared machine.
func benchmarkShare(b *testing.B, with, without share) {
	dir := b.TempDir()
	build1 := func(s share, dest string) (wall, cpu time.Duration) {
		runtime.GC()
		start, cpu0 := time.Now(), cputime.Used()
		out, err := build.NewDir(dest)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := build.Run(s.site, r2p.Defaults, s.opts, out.Write); err != nil {
			b.Fatal(err)
		}
		if err := out.Commit(); err != nil {
			b.Fatal(err)
		}
		return time.Since(start), cputime.Used() - cpu0
	}
	withDir, withoutDir := filepath.Join(dir, "with"), filepath.Join(dir, "without")
	build1(with, withDir) // first builds fill the directories
	build1(without, withoutDir)
	var tw, to, cw, co []time.Duration
	run := func(isWith bool) {
		s, dest, walls, cpus := without, withoutDir, &to, &co
		if isWith {
			s, dest, walls, cpus = with, withDir, &tw, &cw
		}
		w, c := build1(s, dest)
		*walls, *cpus = append(*walls, w), append(*cpus, c)
	}
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		run(i%2 == 0)
		run(i%2 != 0)
	}
	b.StopTimer()
	added := func(with, without time.Duration) float64 { return 100 * float64(with-without) / float64(without) }
	b.ReportMetric(median(tw).Seconds(), "s-with")
	b.ReportMetric(median(to).Seconds(), "s-without")
	b.ReportMetric(added(median(tw), median(to)), "%-added")
	b.ReportMetric(median(cw).Seconds(), "cpu-s-with")
	b.ReportMetric(median(co).Seconds(), "cpu-s-without")
	b.ReportMetric(added(median(cw), median(co)), "%-cpu-added")
	paired := func(with, without []time.Duration) float64 {
		shares := make([]float64, len(with))
		for i := range with {
			shares[i] = added(with[i], without[i])
		}
		slices.Sort(shares)
		if n := len(shares); n%2 == 0 {
			return (shares[n/2-1] + shares[n/2]) / 2
		}
		return shares[len(shares)/2]
	}
	b.ReportMetric(paired(tw, to), "%-paired")
	b.ReportMetric(paired(cw, co), "%-cpu-paired")
}
