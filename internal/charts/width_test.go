package charts

import (
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// measured holds labels' real widths in em, regular (400) and bold (600),
// from testdata/measure.html in Chromium, whose system-ui here is DejaVu
// Sans, the widest of the fonts the site's stack falls back to. CJK fonts
// draw every ideograph 1 em wide in every weight, so those rows are exact.
var measured = []struct {
	label         string
	regular, bold float64
}{
	{"Cumpl.", 3.537, 3.927},
	{"Met", 1.870, 2.151},
	{"No cumpl.", 5.066, 5.657},
	{"Non resp.", 4.790, 5.447},
	{"Not met", 4.052, 4.549},
	{"Parc.", 2.428, 2.847},
	{"Part", 1.975, 2.352},
	{"Part.", 2.292, 2.732},
	{"Resp.", 2.739, 3.139},
	{"n. d.", 2.222, 2.536},
	{"n.d.", 1.905, 2.188},
	{"n/a", 1.584, 1.752},
	{"Вып.", 2.448, 2.738},
	{"Не вып.", 4.036, 4.472},
	{"Част.", 2.749, 3.036},
	{"н/д", 1.683, 1.864},
	{"جزئي", 2.282, 2.731},
	{"غ/م", 1.553, 1.781},
	{"غير مستوفى", 5.252, 6.400},
	{"مستوفى", 3.558, 4.339},
	{"مستوفى جزئياً", 5.930, 7.189},
	{"لم يُقيَّم", 3.040, 3.796},
	{"不适用", 3, 3},
	{"已履行", 3, 3},
	{"未履行", 3, 3},
	{"部分", 2, 2},
	{"100%", 2.859, 3.090},
	{"0123456789", 6.363, 6.959},
	{"abcdefghijklmnopqrstuvwxyz", 14.647, 16.540},
	{"ABCDEFGHIJKLMNOPQRSTUVWXYZ", 17.472, 19.627},
	{"абвгдежзийклмнопрстуфхцчшщъыьэюя", 21.313, 23.558},
	{"АБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ", 24.476, 27.680},
	{"ابتثجحخدذرزسشصضطظعغفقكلمنهوي", 15.638, 18.700},
}

// TestWidthCoversMeasured checks that the estimates never fall short of
// a real font's widths, in every script the site is written in.
func TestWidthCoversMeasured(t *testing.T) {
	for _, m := range measured {
		if got, want := textWidth(m.label, chartFont), m.regular*chartFont; got < want {
			t.Errorf("textWidth(%q) = %.1f, less than the measured %.1f", m.label, got, want)
		}
		if got, want := boldWidth(m.label, chartFont), m.bold*chartFont; got < want {
			t.Errorf("boldWidth(%q) = %.1f, less than the measured %.1f", m.label, got, want)
		}
	}
}

// TestHeatmapCellsFitLabels draws the compliance matrix's cell labels
// from the site's own translations and checks that each, as a browser
// draws it, with its 1.5-unit halo each side, fits inside its cell.
func TestHeatmapCellsFitLabels(t *testing.T) {
	bold := map[string]float64{}
	for _, m := range measured {
		bold[m.label] = m.bold * chartFont
	}
	for _, lang := range []string{"ar", "zh", "en", "fr", "ru", "es"} {
		labels := abbrLabels(t, lang)
		cells := make([]HeatCell, len(labels))
		for i, l := range labels {
			cells[i] = HeatCell{Slot: K0 + Slot(i), Text: l}
		}
		f := Heatmap(HeatmapData{
			ID: "h", Columns: labels, Categories: statusCats,
			Rows:   []HeatRow{{Label: "State", Cells: cells}},
			Locale: Locale{RTL: lang == "ar"},
		})
		m := regexp.MustCompile(`h(\d+)v\d+h-`).FindStringSubmatch(f.SVG)
		if m == nil {
			t.Fatalf("%s: no cell in the heat map", lang)
		}
		inner, _ := strconv.Atoi(m[1])
		for _, l := range labels {
			w, ok := bold[l]
			if !ok {
				t.Errorf("%s: no measured width for %q; measure it with testdata/measure.html and add it to measured", lang, l)
				continue
			}
			if w+3 > float64(inner) {
				t.Errorf("%s: %q is %.1f units wide with its halo, its cell %d", lang, l, w+3, inner)
			}
		}
	}
}

// abbrLabels reads the abbreviated ratings, the compliance matrix's cell
// labels, from the site's translation of lang.
func abbrLabels(t *testing.T, lang string) []string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "i18n", lang+".yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var strs map[string]any
	if err := yaml.Unmarshal(data, &strs); err != nil {
		t.Fatalf("i18n/%s.yaml: %v", lang, err)
	}
	var labels []string
	for k, v := range strs {
		if s, ok := v.(string); ok && strings.HasPrefix(k, "rating.abbr.") {
			labels = append(labels, s)
		}
	}
	if len(labels) == 0 {
		t.Fatalf("i18n/%s.yaml has no rating.abbr strings", lang)
	}
	sort.Strings(labels)
	return labels
}
