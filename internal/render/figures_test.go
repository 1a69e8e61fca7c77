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

// generateWith renders the site held by archive in lang, with the built-in
// templates and translations and extra appended to i18n/LANG.yaml.
func generateWith(t *testing.T, archive, lang, extra string) map[string]string {
	t.Helper()
	var l diag.List
	r, _ := langRenderer(t, siteFS(archive), defaultsWith(t, lang, extra), lang, &l)
	out := map[string]string{}
	err := r.Generated(map[string]markdown.Doc{}, func(f File) error {
		out[f.Path] = string(f.Data)
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

// TestFiguresInLanguage: a figure writes counts, dates and state names the
// way the page around it does, and lists names in the language's
// alphabetical order; years stay as they are.
func TestFiguresInLanguage(t *testing.T) {
	tests := []struct {
		name, lang, extra, page string
		want, not               []string
	}{
		{"fr treaty", "fr", "", "fr/treaties/model-treaty/index.html", []string{
			"1 janvier 2024",     // the caption's date
			"<title>Allemagne: ", // a state's tooltip
			"Dominique; El Salvador; Émirats arabes unis; Équateur; Érythrée", // French order
			`text-anchor="middle">2005</text>`,                                // a year on the axis
			"<th scope=\"row\">2001</th>",
		}, []string{"January", "Germany", "Zimbabwe; Émirats", "2\u202f001"}},
		{"fr state", "fr", "", "fr/states/fra/index.html", []string{"2 mai 2001", "France"}, []string{"May"}},
		{"fr home", "fr", "", "fr/index.html", []string{
			"0–19\u202f%",               // a bin of the legend
			"\u202f%</text>",            // a share in a cell
			"République arabe syrienne", // the map's state names
		}, []string{"Syrian Arab Republic"}},
		{"fr compliance", "fr", "", "fr/compliance/index.html", []string{"<text class=\"lbl\" x=\"", ">Allemagne</text>", ">Égypte</text>"}, nil},
		{"ar treaty", "ar", "", "ar/treaties/model-treaty/index.html", []string{
			"1 كانون الثاني/يناير 2024", "<title>ألمانيا: ", "(192)",
		}, []string{"January", "Germany"}},
		// Arabic-Indic digits, where the site asks for them, are used for
		// counts only: years and dates keep the digits of the page's dates.
		{"ar digits", "ar", "number.system: arab\n", "ar/treaties/model-treaty/index.html", []string{
			"(١٩٢)", "1 كانون الثاني/يناير 2024", "text-anchor=\"middle\">\u20662005\u2069</text>", // a year, isolated left to right
		}, []string{"(192)"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			html, ok := generateWith(t, localSite, tt.lang, tt.extra)[tt.page]
			if !ok {
				t.Fatalf("%s is not generated", tt.page)
			}
			for _, w := range tt.want {
				if !strings.Contains(html, w) {
					t.Errorf("%s lacks %q", tt.page, w)
				}
			}
			for _, n := range tt.not {
				if strings.Contains(html, n) {
					t.Errorf("%s holds %q", tt.page, n)
				}
			}
		})
	}
}
