package themetest

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/r2p-monitor/r2p/internal/sitetest"
)

// budget is the most a page may weigh, gzipped: its HTML with every
// stylesheet and script it links. Issue 5 sets it at 30 KB, close to the
// 20–25 KB that low-bandwidth guidance asks of a page, for readers on a
// poor connection. Figures (inline SVG) and images are outside it.
const budget = 30_000

// inlineSVG matches an inline figure, which the budget leaves aside.
var inlineSVG = regexp.MustCompile(`(?s)<svg[\s>].*?</svg>`)

func gzipLen(t testing.TB, data []byte) int {
	t.Helper()
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		t.Fatal(err)
	}
	zw.Write(data)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Len()
}

// weight is what one page costs a reader.
type weight struct {
	HTML, Figures int      // gzipped; Figures is the inline SVG left out of HTML
	Assets        []string // linked stylesheets and scripts, with gzipped sizes
	Total         int      // HTML + assets
}

func pageWeight(t testing.TB, out *sitetest.Output, file string) weight {
	t.Helper()
	page := out.File(t, file)
	noFig := inlineSVG.ReplaceAll(page, nil)
	w := weight{HTML: gzipLen(t, noFig)}
	w.Figures = gzipLen(t, page) - w.HTML
	w.Total = w.HTML
	for _, e := range sitetest.ParseHTML(page).Elements() {
		var ref string
		switch {
		case e.Tag == "link" && e.Get("rel") == "stylesheet":
			ref = e.Get("href")
		case e.Tag == "script" && e.Get("src") != "":
			ref = e.Get("src")
		default:
			continue
		}
		// The site is built for https://example.org/, so links are
		// root-relative paths of public/.
		asset := strings.TrimPrefix(ref, "/")
		n := gzipLen(t, out.File(t, asset))
		w.Assets = append(w.Assets, fmt.Sprintf("%s %d", asset, n))
		w.Total += n
	}
	return w
}

// TestPageWeight checks the budget on one page of every kind of the
// repository's own site, lists included: they grow with the data, but on
// the site a newcomer builds they must fit.
func TestPageWeight(t *testing.T) {
	out := ownSite(t)
	for _, k := range kinds {
		w := pageWeight(t, out, k.File)
		t.Logf("%-12s %6d B gzipped = HTML %5d + %s (figures aside: %d)", k.Kind, w.Total, w.HTML, strings.Join(w.Assets, " + "), w.Figures)
		if w.Total >= budget {
			t.Errorf("%s (%s) weighs %d bytes gzipped, over the %d-byte budget: HTML %d, %s",
				k.Kind, k.File, w.Total, budget, w.HTML, strings.Join(w.Assets, ", "))
		}
	}
}
