package render

import (
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/r2p-monitor/r2p"
	"github.com/r2p-monitor/r2p/internal/diag"
	"github.com/r2p-monitor/r2p/internal/markdown"
	"github.com/r2p-monitor/r2p/internal/model"
	"github.com/r2p-monitor/r2p/internal/registry"
	"github.com/r2p-monitor/r2p/internal/source"
)

var (
	svgLink  = regexp.MustCompile(`<a href="([^"]*)"><title>`)
	svgUse   = regexp.MustCompile(`<use href="([^"#]*)#([A-Z]{3})"/>`)
	figureID = regexp.MustCompile(`<figure class="figure figure-(\w+)" id="([^"]*)"`)
)

// Each page kind shows its figures, and every link a map makes goes to a
// page the build writes: a state page for every state of the registry.
func TestFigures(t *testing.T) {
	out := generate(t, readSmall(t))
	for page, want := range map[string][]string{
		"index.html":                       {"map", "heatmap"},
		"treaties/rome-statute/index.html": {"map", "bars", "step"},
		"states/syr/index.html":            {"timeline"},
		"commitments/act/index.html":       {"map"},
		"compliance/index.html":            {"heatmap"},
	} {
		html := string(out[page])
		var got []string
		for _, m := range figureID.FindAllStringSubmatch(html, -1) {
			got = append(got, m[1])
		}
		if strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("%s has figures %v, want %v", page, got, want)
		}
	}
	page := string(out["treaties/rome-statute/index.html"])
	links := svgLink.FindAllStringSubmatch(page, -1)
	if len(links) < len(registry.States()) {
		t.Errorf("the treaty map links %d states; the registry has %d", len(links), len(registry.States()))
	}
	for _, l := range links {
		file := OutputPath(strings.TrimPrefix(l[1], "/r2p"))
		if _, ok := out[file]; !ok {
			t.Errorf("map link %s: %s is not generated", l[1], file)
		}
	}
	uses := svgUse.FindAllStringSubmatch(page, -1)
	if len(uses) == 0 {
		t.Fatal("the treaty map draws no <use>")
	}
	sprite := out[strings.TrimPrefix(uses[0][1], "/r2p/")]
	if sprite == nil {
		t.Fatalf("%s is not generated", uses[0][1])
	}
	for _, u := range uses {
		if !strings.Contains(string(sprite), `id="`+u[2]+`"`) {
			t.Errorf("the sprite has no %s", u[2])
		}
	}
}

// A site built to be opened from disk carries its outlines in the page:
// browsers do not follow <use> from one file:// document to another.
func TestOfflineMapIsInline(t *testing.T) {
	files := readSmall(t)
	fsys := fstest.MapFS{}
	for name, data := range files {
		fsys[name] = &fstest.MapFile{Data: data}
	}
	var l diag.List
	site := model.Build(source.Load(fsys, &l), model.Options{Offline: true}, &l)
	urls := NewURLs(site.Config.BaseURL, true)
	r := New(site, markdown.New(markdown.Config{Links: urls}), r2p.Defaults, "test", &l)
	st, _ := site.Treaty("rome-statute")
	svg := string(r.treatyPage(st).Charts.Map.SVG)
	if strings.Contains(svg, "<use") || !strings.Contains(svg, `<path d="M`) {
		t.Errorf("the offline map should draw its outlines inline")
	}
}
