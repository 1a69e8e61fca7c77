package build_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/r2p-monitor/r2p"
	"github.com/r2p-monitor/r2p/internal/build"
	"github.com/r2p-monitor/r2p/internal/synth"
)

// What an author waits for in the live preview, without the watcher and
// HTTP around it: from an edited brief on disk to its new HTML in the
// in-memory build. Each iteration appends a unique token to a different
// brief, tells Memory that file changed, and stops the clock when the
// early callback (or, failing that, the final result) holds the brief's
// page with the token. ms/edit is the median of that; ms/rebuild the
// median time until Rebuild returns with lists and feeds up to date too.
//
//	go test -run XXX -bench EditToServed -benchtime 20x ./internal/build/
func BenchmarkEditToServed(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("briefs=%d", n), func(b *testing.B) { benchmarkEditToServed(b, n) })
	}
}

func benchmarkEditToServed(b *testing.B, briefs int) {
	dir := filepath.Join(b.TempDir(), "site")
	if err := synth.Write(dir, synth.Options{Briefs: briefs, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	files, err := filepath.Glob(filepath.Join(dir, "content", "situations", "*.md"))
	if err != nil || len(files) != briefs {
		b.Fatalf("found %d briefs (%v)", len(files), err)
	}
	mem := build.NewMemory(os.DirFS(dir), r2p.Defaults, build.Options{})
	if _, _, err := mem.Rebuild(nil, nil); err != nil {
		b.Fatal(err)
	}
	var served, rebuilt []time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		file := files[(i*7919)%len(files)] // spread edits over the site
		rel, _ := filepath.Rel(dir, file)
		rel = filepath.ToSlash(rel)
		page := "situations/" + strings.TrimSuffix(filepath.Base(file), ".md") + "/index.html"
		token := []byte(fmt.Sprintf("bench-token-%d-%d", briefs, i))
		f, err := os.OpenFile(file, os.O_APPEND|os.O_WRONLY, 0)
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		start := time.Now()
		// The write is on the clock: it is part of an author's save.
		if _, err := f.Write(append(append([]byte("\n"), token...), '\n')); err != nil {
			b.Fatal(err)
		}
		if err := f.Close(); err != nil {
			b.Fatal(err)
		}
		var shown time.Duration
		out, _, err := mem.Rebuild([]string{rel}, func(files build.Files, _ []string) {
			if shown == 0 && bytes.Contains(files[page].Bytes(), token) {
				shown = time.Since(start)
			}
		})
		done := time.Since(start)
		b.StopTimer()
		if err != nil {
			b.Fatal(err)
		}
		if shown == 0 {
			if !bytes.Contains(out[page].Bytes(), token) {
				b.Fatalf("%s lacks the token after the rebuild", page)
			}
			shown = done
		}
		served = append(served, shown)
		rebuilt = append(rebuilt, done)
		b.StartTimer()
	}
	b.StopTimer()
	b.ReportMetric(ms(median(served)), "ms/edit")
	b.ReportMetric(ms(median(rebuilt)), "ms/rebuild")
	b.ReportMetric(ms(percentile(served, 95)), "p95-ms/edit")
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func median(ds []time.Duration) time.Duration { return percentile(ds, 50) }

// percentile is the nearest-rank percentile of ds.
func percentile(ds []time.Duration, p int) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	k := (p*len(s) + 99) / 100
	return s[max(k-1, 0)]
}
