package search

import (
	"bytes"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/r2p-monitor/r2p/internal/markdown"
	"github.com/r2p-monitor/r2p/internal/synth"
)

func eachSynthDocZZ(t testing.TB, n int, fn func(Doc)) {
	md := markdown.New(markdown.Config{})
	type job struct {
		path string
		data []byte
	}
	jobs := make(chan job, 64)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				if d, ok := briefDoc(t, md, j.path, j.data); ok {
					fn(d)
				}
			}
		}()
	}
	synth.Each(synth.Options{Briefs: n, Seed: 1}, func(path string, data []byte) error {
		if strings.HasPrefix(path, "content/situations/") && strings.HasSuffix(path, ".md") {
			jobs <- job{path, bytes.Clone(data)}
		}
		return nil
	})
	close(jobs)
	wg.Wait()
	for _, d := range stateDocs() {
		fn(d)
	}
}

func TestZZScaleOld(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv("ZZ_N"))
	if n == 0 {
		t.Skip()
	}
	var peak atomic.Uint64
	stop := make(chan bool)
	go func() {
		var ms runtime.MemStats
		for {
			select {
			case <-stop:
				return
			case <-time.After(5 * time.Millisecond):
			}
			runtime.ReadMemStats(&ms)
			if ms.HeapInuse > peak.Load() {
				peak.Store(ms.HeapInuse)
			}
		}
	}()
	ix := NewIndex("en")
	start := time.Now()
	eachSynthDocZZ(t, n, func(d Doc) { ix.Add(Analyze(d, "en")) })
	added := time.Since(start)
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	live := ms.HeapAlloc
	peakAdd := peak.Load()
	start = time.Now()
	files := ix.Files(false)
	ft := time.Since(start)
	close(stop)
	t.Logf("n=%d add %v; live after add %d MiB; peak during add %d MiB; Files %v; peak overall %d MiB; %d files", ix.Len(), added, live>>20, peakAdd>>20, ft, peak.Load()>>20, len(files))
}
