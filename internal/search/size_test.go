package search

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestClientScriptSize keeps static/js/search.js under 8 KB as a
// compressing host sends it (gzip -9).
func TestClientScriptSize(t *testing.T) {
	data, err := os.ReadFile("../../static/js/search.js")
	if err != nil {
		t.Fatal(err)
	}
	if n := gzipSize(data); n >= 8192 {
		t.Errorf("static/js/search.js is %d bytes gzipped; the budget is 8192", n)
	}
}

func gzipSize(data []byte) int {
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	w.Write(data)
	w.Close()
	return buf.Len()
}

// Pagefind 1.6.0 on the same 10,000 briefs, uncompressed server
// (../shared/bench/README.md): bytes and requests per query, not counting
// its test page.
var pagefind = map[string][2]int{
	"genocide":     {271220, 11},
	"arms embargo": {468875, 13},
	"Srebrenica":   {256214, 11},
}

// TestQueryCost indexes a synthetic site of R2P_SEARCH_BRIEFS briefs
// (default 10,000; skipped in -short) and prints, for the benchmark
// queries, the files the client fetches and their size as served and as a
// compressing host sends them, with search.js and search.css (the page and
// the site's own stylesheets are not counted, as Pagefind's figures do not
// count its test page). The briefs are TextOnPage, as a build makes them:
// the pages the client reads snippets from are counted here as their
// text alone, a lower bound; ../shared/bench/compare-search.sh counts the
// real pages. It fails if a query costs Pagefind's bytes or requests or
// more.
//
//	go test ./internal/search -run TestQueryCost -v
func TestQueryCost(t *testing.T) {
	if testing.Short() {
		t.Skip("indexes 10,000 synthetic briefs")
	}
	n := 10000
	if s := os.Getenv("R2P_SEARCH_BRIEFS"); s != "" {
		n, _ = strconv.Atoi(s)
	}
	docs := synthDocs(t, n)
	pages := map[string]string{}
	for i := range docs {
		docs[i].TextOnPage = true
		pages[docs[i].URL] = docs[i].Text
	}
	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	start := time.Now()
	ix := NewIndex("en")
	analyzeAll(ix, docs)
	analyzed := time.Since(start)
	files := ix.Files(false)
	elapsed := time.Since(start)
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	var total int64
	for _, d := range files {
		total += int64(len(d))
	}
	t.Logf("%d docs indexed in %v (analysis %v, files %v) on %d cores; %d files, %d bytes; %d MiB allocated",
		len(docs), elapsed.Round(time.Millisecond), analyzed.Round(time.Millisecond), (elapsed - analyzed).Round(time.Millisecond),
		runtime.GOMAXPROCS(0), len(files), total, (after.TotalAlloc-before.TotalAlloc)>>20)

	static := map[string][]byte{}
	for _, p := range []string{"static/js/search.js", "static/css/search.css"} {
		data, err := os.ReadFile("../../" + p)
		if err != nil {
			t.Fatal(err)
		}
		static[p] = data
	}
	queries := sortedKeys(pagefind)
	for _, q := range queries {
		c := newClient(t, files)
		c.pages = pages
		res := c.search(q, nil)
		fetched := append(sortedKeys(static), c.fetched...)
		var raw, gz int
		var lines []string
		for _, p := range fetched {
			data, ok := static[p]
			if !ok {
				data = files[p]
			}
			if text, ok := pages[p]; ok {
				data = []byte(text)
			}
			raw += len(data)
			gz += gzipSize(data)
			lines = append(lines, fmt.Sprintf("    %-28s %8d %7d", p, len(data), gzipSize(data)))
		}
		pf := pagefind[q]
		t.Logf("%q: %d hits, %d of the first page shown from heads; %d requests, %d bytes, %d gzip-9 (Pagefind %d requests, %d bytes)\n%s",
			q, len(res.ids), res.early, len(fetched), raw, gz, pf[1], pf[0], strings.Join(lines, "\n"))
		if len(res.frags) == 0 {
			t.Errorf("%q found nothing", q)
		}
		if n == 10000 && (raw >= pf[0] || len(fetched) >= pf[1]) {
			t.Errorf("%q costs %d bytes in %d requests; Pagefind needs %d in %d", q, raw, len(fetched), pf[0], pf[1])
		}
	}
}

// analyzeAll analyzes docs on all cores and adds them, as the build does.
func analyzeAll(ix *Index, docs []Doc) {
	next := make(chan Doc)
	done := make(chan bool)
	for range runtime.GOMAXPROCS(0) {
		go func() {
			for d := range next {
				ix.Add(Analyze(d, "en"))
			}
			done <- true
		}()
	}
	for _, d := range docs {
		next <- d
	}
	close(next)
	for range runtime.GOMAXPROCS(0) {
		<-done
	}
}
