package serve

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/r2p-monitor/r2p/internal/synth"
)

// TestServeLatency measures what issue 4 promises an author, through the
// whole preview: from the write of an edited brief (a plain append, then an
// atomic rename-over as editors save) to the first GET that returns the new
// text, polling every 2 ms, on the 10,000-brief synthetic site. It prints
// the median and 95th percentile over 30 edits of each kind. It is a
// measurement, not a timed assertion, so it runs only when asked:
//
//	R2P_BENCH=1 go test -run ServeLatency -v -timeout 30m ./internal/serve/
//
// R2P_BENCH_BRIEFS and R2P_BENCH_EDITS change the site size and edit count.
func TestServeLatency(t *testing.T) {
	if os.Getenv("R2P_BENCH") != "1" {
		t.Skip("a benchmark through the real server; set R2P_BENCH=1 to run it")
	}
	briefs, edits := envInt("R2P_BENCH_BRIEFS", 10000), envInt("R2P_BENCH_EDITS", 30)
	dir := filepath.Join(t.TempDir(), "site")
	start := time.Now()
	if err := synth.Write(dir, synth.Options{Briefs: briefs, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %d briefs in %s", briefs, time.Since(start).Round(time.Millisecond))
	start = time.Now()
	p := startPreviewDir(t, dir)
	t.Logf("first build and listen in %s", time.Since(start).Round(time.Millisecond))
	files, err := filepath.Glob(filepath.Join(dir, "content", "situations", "*.md"))
	if err != nil || len(files) != briefs {
		t.Fatalf("found %d briefs (%v)", len(files), err)
	}
	for _, kind := range []string{"append", "rename-over"} {
		var lat []time.Duration
		for i := range edits {
			file := files[(i*7919+len(kind))%len(files)]
			url := "/situations/" + strings.TrimSuffix(filepath.Base(file), ".md") + "/"
			token := fmt.Sprintf("latency-%s-%d", kind, i)
			lat = append(lat, p.timeEdit(kind, file, url, token))
			// Let the rest of the rebuild (lists, feeds) finish, so that
			// each edit starts from an idle preview as an author's would.
			p.waitLog(i + 1 + edits*slices.Index([]string{"append", "rename-over"}, kind))
		}
		slices.Sort(lat)
		t.Logf("%s, %d briefs, %d edits: median %s, p95 %s, min %s, max %s", kind, briefs, edits,
			lat[len(lat)/2].Round(100*time.Microsecond), lat[(95*len(lat)+99)/100-1].Round(100*time.Microsecond),
			lat[0].Round(100*time.Microsecond), lat[len(lat)-1].Round(100*time.Microsecond))
	}
}

// timeEdit saves token into file the given way and polls url every 2 ms
// until the server returns it.
func (p *preview) timeEdit(kind, file, url, token string) time.Duration {
	p.t.Helper()
	old, err := os.ReadFile(file)
	if err != nil {
		p.t.Fatal(err)
	}
	text := string(old) + "\n" + token + "\n"
	start := time.Now()
	switch kind {
	case "append":
		f, err := os.OpenFile(file, os.O_APPEND|os.O_WRONLY, 0)
		if err != nil {
			p.t.Fatal(err)
		}
		if _, err := f.WriteString("\n" + token + "\n"); err != nil {
			p.t.Fatal(err)
		}
		f.Close()
	case "rename-over":
		tmp := filepath.Join(filepath.Dir(file), "."+filepath.Base(file)+".tmp")
		if err := os.WriteFile(tmp, []byte(text), 0o644); err != nil {
			p.t.Fatal(err)
		}
		if err := os.Rename(tmp, file); err != nil {
			p.t.Fatal(err)
		}
	}
	for deadline := start.Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(2 * time.Millisecond) {
		if _, body := p.get("GET", url); strings.Contains(body, token) {
			return time.Since(start)
		}
	}
	p.t.Fatalf("%s never showed %s", url, token)
	return 0
}

// waitLog waits until the preview has logged n rebuilds after its first
// build.
func (p *preview) waitLog(n int) {
	p.t.Helper()
	for deadline := time.Now().Add(60 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		log := p.log.String()
		if strings.Count(log, "rebuilt (")+strings.Count(log, "rebuild failed") >= n {
			return
		}
	}
	p.t.Fatalf("the preview never finished rebuild %d:\n%s", n, p.log.String())
}

func envInt(name string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(name)); err == nil && v > 0 {
		return v
	}
	return def
}
