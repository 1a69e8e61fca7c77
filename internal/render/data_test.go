package render

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/r2p-monitor/r2p"
	"github.com/r2p-monitor/r2p/internal/diag"
	"github.com/r2p-monitor/r2p/internal/markdown"
	"github.com/r2p-monitor/r2p/internal/model"
	"github.com/r2p-monitor/r2p/internal/source"
	"golang.org/x/tools/txtar"
)

var update = flag.Bool("update", false, "rewrite the goldens in testdata/golden")

// generate builds the site in files and returns every generated file by
// path. Content pages are not converted: the data pages do not need them.
func generate(t *testing.T, files map[string][]byte) map[string][]byte {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, data := range files {
		fsys[name] = &fstest.MapFile{Data: data}
	}
	var l diag.List
	src := source.Load(fsys, &l)
	site := model.Build(src, model.Options{}, &l)
	urls := NewURLs(site.Config.BaseURL, false)
	md := markdown.New(markdown.Config{Links: urls})
	r := New(site, md, r2p.Defaults, "test", &l)
	out := map[string][]byte{}
	err := r.Generated(map[string]markdown.Doc{}, func(f File) error {
		if _, dup := out[f.Path]; dup {
			t.Errorf("%s generated twice", f.Path)
		}
		out[f.Path] = f.Data
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := l.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func readSmall(t *testing.T) map[string][]byte {
	t.Helper()
	a, err := txtar.ParseFile("testdata/small.txtar")
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	for _, f := range a.Files {
		files[f.Name] = f.Data
	}
	return files
}

// goldenFiles are the outputs kept as goldens: every export, both kinds of
// feed and one page of each data kind.
var goldenFiles = []string{
	"data/states.csv", "data/treaties.csv", "data/treaties.json", "data/ratifications.csv", "data/ratifications.json",
	"data/commitments.csv", "data/commitments.json", "data/commitment_status.csv", "data/compliance.csv",
	"data/compliance.json", "data/datapackage.json",
	"states/syr/feed.xml", "treaties/rome-statute/feed.xml",
	"states/index.html", "states/syr/index.html", "states/fra/index.html", "treaties/index.html", "treaties/rome-statute/index.html",
	"treaties/matrix/index.html", "commitments/index.html", "commitments/act/index.html",
	"compliance/index.html", "data/index.html",
}

func TestGolden(t *testing.T) {
	out := generate(t, readSmall(t))
	for _, name := range goldenFiles {
		got, ok := out[name]
		if !ok {
			t.Errorf("%s was not generated", name)
			continue
		}
		file := filepath.Join("testdata", "golden", strings.ReplaceAll(name, "/", "_"))
		if *update {
			if err := os.WriteFile(file, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(file)
		if err != nil {
			t.Fatalf("%v (run go test -update)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from %s; run go test ./internal/render -update and review the diff", name, file)
		}
	}
}

// TestCSVRoundTrip feeds every exported CSV back in as the site's tables
// and expects the same exports, byte for byte: no record, list, quote or
// neutralised cell is lost on the way.
func TestCSVRoundTrip(t *testing.T) {
	files := readSmall(t)
	first := generate(t, files)
	again := map[string][]byte{}
	for name, data := range files {
		if !strings.HasPrefix(name, "content/data/") {
			again[name] = data
		}
	}
	for _, s := range model.Schemas {
		again["content/data/"+s.Name+".csv"] = first["data/"+s.Name+".csv"]
	}
	second := generate(t, again)
	var names []string
	for name := range first {
		if strings.HasPrefix(name, "data/") && !strings.HasSuffix(name, ".html") {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	for _, name := range names {
		if !bytes.Equal(first[name], second[name]) {
			t.Errorf("%s changed on the round trip:\nfirst:\n%s\nsecond:\n%s", name, first[name], second[name])
		}
	}
	if !bytes.Contains(first["data/states.csv"], []byte("'=not a formula")) ||
		!bytes.Contains(first["data/ratifications.csv"], []byte("'-1 reservation")) ||
		!bytes.Contains(first["data/commitment_status.csv"], []byte("'@somebody")) ||
		!bytes.Contains(first["data/treaties.csv"], []byte(`"'=Traité, avec une virgule"`)) {
		t.Errorf("formula cells are not neutralised")
	}
	// The tables' translations are exported, after the schema's columns,
	// and so come back: the byte-for-byte comparison above covers them.
	for table, header := range map[string]string{
		"treaties":    "reported_as_of,source,note,title_fr,short_title_ar\r\n",
		"commitments": "statuses,source,note,title_es,description_zh\r\n",
		"states":      "status,source,note\r\n",
	} {
		if !bytes.Contains(first["data/"+table+".csv"], []byte(header)) {
			t.Errorf("data/%s.csv: the header does not end with %q", table, header)
		}
	}
	for _, want := range []string{"Statut de Rome de la Cour pénale internationale", "نظام روما"} {
		if !bytes.Contains(second["data/treaties.csv"], []byte(want)) {
			t.Errorf("data/treaties.csv lost %q on the round trip", want)
		}
	}
	for _, field := range []string{`"name": "title_fr"`, `"name": "short_title_ar"`, `"name": "title_es"`, `"name": "description_zh"`} {
		if !bytes.Contains(first["data/datapackage.json"], []byte(field)) {
			t.Errorf("datapackage.json does not describe %s", field)
		}
	}
}

// TestJSONRoundTrip does the same for the JSON exports.
func TestJSONRoundTrip(t *testing.T) {
	files := readSmall(t)
	first := generate(t, files)
	again := map[string][]byte{}
	for name, data := range files {
		if !strings.HasPrefix(name, "content/data/") {
			again[name] = data
		}
	}
	for _, s := range model.Schemas {
		again["content/data/"+s.Name+".json"] = first["data/"+s.Name+".json"]
	}
	second := generate(t, again)
	for _, s := range model.Schemas {
		name := "data/" + s.Name + ".json"
		if !bytes.Equal(first[name], second[name]) {
			t.Errorf("%s changed on the round trip", name)
		}
	}
}

// TestDataLinks checks that the data pages link to the pages a brief's
// treaty: source and an assessment's obligation name.
func TestDataLinks(t *testing.T) {
	out := generate(t, readSmall(t))
	state := string(out["states/syr/index.html"])
	for _, want := range []string{`href="/r2p/treaties/rome-statute/"`, `href="/r2p/commitments/focal-point/"`, `href="/r2p/situations/syria/"`, `href="/r2p/states/syr/feed.xml"`} {
		if !strings.Contains(state, want) {
			t.Errorf("states/syr/index.html lacks %s", want)
		}
	}
	if strings.Contains(string(out["states/fra/index.html"]), "After as_of") {
		t.Error("an assessment dated after as_of is shown")
	}
	if strings.Contains(string(out["treaties/rome-statute/index.html"]), "2017") {
		t.Error("a withdrawal dated after as_of is shown")
	}
}
