package search

import (
	"fmt"
	"os"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/r2p-monitor/r2p/internal/cputime"
)

// BenchmarkAnalyze measures the per-page cost that indexing adds to a
// build: go test ./internal/search -run - -bench Analyze. cpu-ns/op is
// the process's CPU time (GC included) per page, steadier than ns/op on a
// busy machine.
func BenchmarkAnalyze(b *testing.B) {
	docs := synthDocs(b, 500)
	for i := range docs {
		docs[i].TextOnPage = true // as a served site's briefs are
	}
	b.ResetTimer()
	cpu := cputime.Used()
	i := 0
	for ; b.Loop(); i++ {
		Analyze(docs[i%len(docs)], "en")
	}
	b.ReportMetric(float64(cputime.Used()-cpu)/float64(i), "cpu-ns/op")
}

// BenchmarkFiles measures FilesFunc alone on 10,000 synthetic briefs
// (and 100,000 with R2P_BENCH_LARGE=1), added once, writing nowhere:
//
//	go test ./internal/search -run - -bench Files -benchtime 5x
func BenchmarkFiles(b *testing.B) {
	sizes := []int{10000}
	if os.Getenv("R2P_BENCH_LARGE") == "1" {
		sizes = append(sizes, 100000)
	}
	for _, n := range sizes {
		b.Run(fmt.Sprintf("%dk", n/1000), func(b *testing.B) {
			ix := NewIndex("en")
			eachSynthDoc(b, n, func(d Doc) {
				d.TextOnPage = true // as a served site's briefs are
				ix.Add(Analyze(d, "en"))
			})
			b.ResetTimer()
			cpu := cputime.Used()
			i := 0
			for ; b.Loop(); i++ {
				ix.FilesFunc(false, func(string, []byte) error { return nil })
			}
			b.ReportMetric(float64(cputime.Used()-cpu)/float64(i), "cpu-ns/op")
		})
	}
}

// BenchmarkIndex indexes a synthetic site as the build does: briefs are
// generated, converted and analyzed on all cores and added as they come,
// then the files are written (here, counted). It reports
//
//	held-MiB        live heap once every doc is added (after a GC)
//	files-ms        wall time of Files or FilesFunc
//	files-cpu-ms    CPU time of the process meanwhile, GC included
//	peak-add-MiB    the highest HeapInuse seen (every 2 ms) while docs
//	                are added, less the heap at the start: the index, plus
//	                the generator's and the Markdown converter's garbage
//	peak-files-MiB  the same while the files are written
//
// for three ways of using the index: "files" adds with Add and takes the
// map of Files, as a caller that never heard of Plan does; "stream" calls
// Plan first, writes each fragment as AddFragment returns it and takes the
// rest from FilesFunc, as an offline build does; "served" leaves each
// brief's text on its page (TextOnPage) and streams the files, as a
// served build does. "none" analyzes and drops each doc:
// its peak is the generator's, the converter's and Analyze's garbage, the
// part of the others' that is not the index. 10,000 briefs by default;
// R2P_BENCH_LARGE=1 adds 100,000 (a few minutes, and some 3 GB of memory
// for the "files" case).
//
//	go test ./internal/search -run - -bench Index -benchtime 1x
func BenchmarkIndex(b *testing.B) {
	sizes := []int{10000}
	if os.Getenv("R2P_BENCH_LARGE") == "1" {
		sizes = append(sizes, 100000)
	}
	for _, n := range sizes {
		for _, mode := range []string{"none", "files", "stream", "served"} {
			b.Run(fmt.Sprintf("%s/%dk", mode, n/1000), func(b *testing.B) {
				for b.Loop() {
					benchIndex(b, n, mode)
				}
			})
		}
	}
}

func benchIndex(b *testing.B, n int, mode string) {
	stream, offline := mode == "stream" || mode == "served", mode == "stream"
	var urls []string
	if stream {
		urls = synthURLs(b, n)
	}
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	base := ms.HeapInuse
	var peak atomic.Uint64
	stop, stopped := make(chan bool), make(chan bool)
	go func() {
		defer close(stopped)
		var ms runtime.MemStats
		tick := time.NewTicker(2 * time.Millisecond)
		defer tick.Stop()
		for {
			runtime.ReadMemStats(&ms)
			if ms.HeapInuse > peak.Load() {
				peak.Store(ms.HeapInuse)
			}
			select {
			case <-stop:
				return
			case <-tick.C:
			}
		}
	}()

	ix := NewIndex("en")
	if stream {
		ix.Plan(urls)
		urls = nil
	}
	var written atomic.Int64
	var wrote sync.Map
	eachSynthDoc(b, n, func(d Doc) {
		d.TextOnPage = mode == "served"
		a := Analyze(d, "en")
		switch mode {
		case "none":
			return
		case "files":
			ix.Add(a)
			return
		}
		path, data, ok := ix.AddFragment(a, offline)
		if ok != offline {
			b.Errorf("%s: AddFragment handed out a file: %v", d.URL, ok)
		}
		written.Add(int64(len(data)))
		wrote.Store(path, true)
	})
	runtime.GC()
	runtime.ReadMemStats(&ms)
	held := ms.HeapAlloc - min(ms.HeapAlloc, base)
	peakAdd := peak.Swap(ms.HeapInuse)

	start, cpu := time.Now(), cputime.Used()
	var files int
	if mode == "none" {
		// nothing to write
	} else if stream {
		err := ix.FilesFunc(offline, func(path string, data []byte) error {
			files++
			written.Add(int64(len(data)))
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	} else {
		m := ix.Files(false)
		files = len(m)
		for _, d := range m {
			written.Add(int64(len(d)))
		}
	}
	elapsed, cpuFiles := time.Since(start), cputime.Used()-cpu
	close(stop)
	<-stopped

	docs := ix.Len()
	if mode == "none" {
		b.ReportMetric(float64(peakAdd-min(peakAdd, base))/(1<<20), "peak-add-MiB")
		return
	}
	b.ReportMetric(float64(held)/(1<<20), "held-MiB")
	b.ReportMetric(float64(elapsed.Milliseconds()), "files-ms")
	b.ReportMetric(float64(cpuFiles.Milliseconds()), "files-cpu-ms")
	b.ReportMetric(float64(peakAdd-min(peakAdd, base))/(1<<20), "peak-add-MiB")
	b.ReportMetric(float64(peak.Load()-min(peak.Load(), base))/(1<<20), "peak-files-MiB")
	b.Logf("%d docs, %d files, %d MB written, %d cores", docs, files, written.Load()/1e6, runtime.GOMAXPROCS(0))
}
