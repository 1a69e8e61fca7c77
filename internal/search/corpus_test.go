package search

import (
	"bytes"
	"runtime"
	"strings"
	"sync"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/r2p-monitor/r2p/internal/markdown"
	"github.com/r2p-monitor/r2p/internal/registry"
	"github.com/r2p-monitor/r2p/internal/source"
	"github.com/r2p-monitor/r2p/internal/synth"
)

// synthDocs returns the docs the build would index for a synthetic site of
// n briefs: the briefs (text through the real Markdown converter) and a
// page and card for every registry state, as the lead's wiring passes
// them. The tests use internal/synth, markdown and registry; the package
// itself imports none of them.
func synthDocs(t testing.TB, n int) []Doc {
	t.Helper()
	md := markdown.New(markdown.Config{})
	type job struct {
		path string
		data []byte
	}
	jobs := make(chan job, 64)
	var mu sync.Mutex
	var docs []Doc
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				d, ok := briefDoc(t, md, j.path, j.data)
				if ok {
					mu.Lock()
					docs = append(docs, d)
					mu.Unlock()
				}
			}
		}()
	}
	err := synth.Each(synth.Options{Briefs: n, Seed: 1}, func(path string, data []byte) error {
		if isBrief(path) {
			jobs <- job{path, bytes.Clone(data)}
		}
		return nil
	})
	close(jobs)
	wg.Wait()
	if err != nil {
		t.Fatal(err)
	}
	return append(docs, stateDocs()...)
}

// eachSynthDoc calls fn, from several goroutines at once, with each doc
// of a synthetic site of n briefs, as synthDocs would return them, without
// holding them all: the scale benchmark measures the index, not the
// corpus.
func eachSynthDoc(t testing.TB, n int, fn func(Doc)) {
	t.Helper()
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
	err := synth.Each(synth.Options{Briefs: n, Seed: 1}, func(path string, data []byte) error {
		if isBrief(path) {
			jobs <- job{path, bytes.Clone(data)}
		}
		return nil
	})
	close(jobs)
	wg.Wait()
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range stateDocs() {
		fn(d)
	}
}

// synthURLs returns the URLs of the docs of a synthetic site of n briefs,
// for Plan, without converting them.
func synthURLs(t testing.TB, n int) []string {
	var urls []string
	err := synth.Each(synth.Options{Briefs: n, Seed: 1}, func(path string, _ []byte) error {
		if isBrief(path) {
			urls = append(urls, briefURL(path))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range stateDocs() {
		urls = append(urls, d.URL)
	}
	return urls
}

func isBrief(path string) bool {
	return strings.HasPrefix(path, "content/situations/") && strings.HasSuffix(path, ".md")
}

func briefURL(path string) string {
	return "/situations/" + strings.TrimSuffix(strings.TrimPrefix(path, "content/situations/"), ".md") + "/"
}

func briefDoc(t testing.TB, md *markdown.Converter, path string, data []byte) (Doc, bool) {
	fm, _, body, line, err := source.SplitFrontMatter(data)
	if err != nil {
		t.Errorf("%s: %v", path, err)
		return Doc{}, false
	}
	var meta struct {
		Title  string   `yaml:"title"`
		States []string `yaml:"states"`
		Risk   string   `yaml:"risk"`
		Date   string   `yaml:"date"`
	}
	if err := yaml.Unmarshal(fm, &meta); err != nil {
		t.Errorf("%s: %v", path, err)
		return Doc{}, false
	}
	doc, _ := md.Convert(body, markdown.Options{Path: path, Line: line, Numbered: true})
	d := Doc{URL: briefURL(path), Title: meta.Title, Kind: "brief", Date: meta.Date,
		States: meta.States, Risk: meta.Risk, Text: doc.Text}
	for _, code := range meta.States {
		if st, ok := registry.Lookup(code); ok {
			d.Region = append(d.Region, st.Region)
		}
	}
	return d, true
}

func stateDocs() []Doc {
	var docs []Doc
	for _, st := range registry.States() {
		docs = append(docs, Doc{
			URL: "/states/" + strings.ToLower(st.Code) + "/", Title: st.Name, Kind: "state",
			States: []string{st.Code}, Region: []string{st.Region},
			Text:  st.Name + " is in " + st.Subregion + ".",
			Card:  &Card{Title: st.Name, Subtitle: st.Region, Facts: [][2]string{{"Region", st.Region}, {"Sub-region", st.Subregion}}},
			Names: []string{st.Name, st.Code},
		})
	}
	return docs
}
