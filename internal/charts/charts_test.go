package charts

import (
	"bytes"
	"compress/gzip"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/r2p-monitor/r2p/internal/registry"
)

var update = flag.Bool("update", false, "rewrite the goldens in testdata/")

// golden compares a figure with testdata/NAME.svg and its table with
// testdata/NAME.txt, or rewrites both with -update. The SVG goldens open
// in a browser, uncoloured: the colours live in static/css/charts.css.
func golden(t *testing.T, name string, f Figure) {
	t.Helper()
	var table strings.Builder
	table.WriteString(strings.Join(f.Table.Head, " | ") + "\n")
	for _, r := range f.Table.Rows {
		table.WriteString(strings.Join(r, " | ") + "\n")
	}
	for ext, got := range map[string]string{".svg": f.SVG + "\n", ".txt": table.String()} {
		path := filepath.Join("testdata", name+ext)
		if *update {
			if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (go test -update writes it)", err)
		}
		if string(want) != got {
			t.Errorf("%s differs from the output (go test -update rewrites it); first difference at byte %d", path, firstDiff(string(want), got))
		}
	}
}

func firstDiff(a, b string) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}

var statusCats = []Category{
	{"Party", K0}, {"Party, not yet in force", K3}, {"Signatory", K1}, {"Withdrawn", K2}, {"Not a party", KNone},
}

// smallMap colours a handful of states, one of them a dot (Andorra) and
// one too small to see (Luxembourg), and leaves the rest as background.
func smallMap(sprite string) MapData {
	return MapData{
		ID: "m", Title: "Rome Statute: each state's status", Desc: "A small test map & its <states>.",
		Categories: statusCats,
		Areas: []Area{
			{Code: "AND", Name: "Andorra", Category: 0},
			{Code: "BDI", Name: "Burundi", Category: 3},
			{Code: "LUX", Name: "Luxembourg", Category: 0},
			{Code: "NGA", Name: "Nigeria", Category: 1},
			{Code: "SYR", Name: "Syrian Arab Republic", Category: 2},
			{Code: "USA", Name: "United States of America", Category: 4},
		},
		Link:   func(code string) string { return "/r2p/states/" + strings.ToLower(code) + "/" },
		Sprite: sprite,
		Head:   [3]string{"Status", "Number", "States"},
	}
}

func TestGoldens(t *testing.T) {
	golden(t, "map", Map(smallMap("/r2p/figures/world.svg")))
	golden(t, "step", Step(StepData{
		ID: "s", Title: "Parties by year", Desc: "Step chart.",
		Points: []Point{{1998, 0}, {1999, 1}, {2000, 1}, {2001, 5}, {2002, 12}, {2003, 12}, {2004, 11}},
		Head:   [2]string{"Year", "Parties"},
	}))
	golden(t, "bars", Bars(BarsData{
		ID: "b", Title: "States by status in each region", Desc: "Stacked bars.",
		Categories: []Category{{"Parties", K0}, {"Signatories", K1}, {"Withdrawn", K2}, {"Neither", KNone}},
		Rows: []BarRow{
			{Label: "Africa", Values: []int{33, 10, 1, 10}, Note: "33 of 54"},
			{Label: "Oceania", Values: []int{4, 0, 0, 10}, Note: "4 of 14"},
		},
		Head: []string{"Region", "Parties", "Signatories", "Withdrawn", "Neither", "Total"},
	}))
	golden(t, "heatmap", Heatmap(HeatmapData{
		ID: "h", Title: "Compliance", Desc: "Heat map.", Corner: "State",
		Columns:    []string{"A/RES/60/1", "Genocide Convention"},
		Categories: []Category{{"Met", K0}, {"Partly met", K1}, {"Not met", K2}, {"Not assessed", KNone}},
		Rows: []HeatRow{
			{Label: "Eritrea", Cells: []HeatCell{{K2, "Not met"}, {KNone, ""}}},
			{Label: "Syrian Arab Republic", Cells: []HeatCell{{K2, "Not met"}, {K1, "Part"}}},
			{Label: "Yemen", Cells: []HeatCell{{KNone, "n/a"}, {K0, "Met"}}},
		},
	}))
	golden(t, "timeline", Timeline(TimelineData{
		ID: "t", Title: "Burundi over time", Desc: "Timeline.", From: 1996.5, To: 2018,
		Lanes: []Lane{
			{Label: "Risk level", Events: []Event{
				{At: YearOf(2015, 5, 1), Date: "May 2015", Label: "Serious concern", Mark: MarkDiamond, Slot: W2},
				{At: YearOf(2016, 7, 22), Date: "22 July 2016", Label: "Imminent risk", Mark: MarkDiamond, Slot: W3},
			}},
			{Label: "Rome Statute", Events: []Event{
				{At: YearOf(1999, 1, 13), Date: "13 January 1999", Label: "Signature", Mark: MarkOpen, Slot: K1},
				{At: YearOf(2004, 9, 21), Date: "21 September 2004", Label: "Ratification", Mark: MarkSolid, Slot: K3},
				{At: YearOf(2004, 12, 1), Date: "1 December 2004", Label: "Entry into force", Mark: MarkSquare, Slot: K0},
				{At: YearOf(2017, 10, 27), Date: "27 October 2017", Label: "Withdrawal", Mark: MarkCross, Slot: K2},
			}},
		},
		Marks:      []MarkLabel{{MarkOpen, "Signature"}, {MarkSolid, "Consent"}, {MarkSquare, "Entry into force"}, {MarkCross, "Withdrawal"}, {MarkDiamond, "Assessment"}},
		Categories: []Category{{"Signatory", K1}, {"Party, not yet in force", K3}, {"Party", K0}, {"Withdrawn", K2}, {"Serious concern", W2}, {"Imminent risk", W3}},
		Head:       [3]string{"Lane", "Date", "Event"},
	}))
}

// Every UN Member and Observer State in the registry is on the map, as a
// shape that survived rounding or as a dot.
func TestEveryRegistryStateIsOnTheMap(t *testing.T) {
	g := World()
	var all []Area
	for _, st := range registry.States() {
		if !g.Has(st.Code) {
			t.Errorf("%s (%s) is neither a shape nor a dot", st.Code, st.Name)
		}
		all = append(all, Area{Code: st.Code, Name: st.Name, Category: 4})
	}
	m := smallMap("")
	m.Areas = all
	svg := Map(m).SVG
	for _, st := range registry.States() {
		link := `<a href="/r2p/states/` + strings.ToLower(st.Code) + `/"><title>` + esc(st.Name) + `: Not a party</title>`
		i := strings.Index(svg, link)
		if i < 0 {
			t.Errorf("%s has no link on the map", st.Code)
			continue
		}
		rest := svg[i+len(link):]
		if !strings.HasPrefix(rest, "<path d=") && !strings.HasPrefix(rest, "<circle class=\"mark\"") {
			t.Errorf("%s's link holds neither a shape nor a dot: %.60s", st.Code, rest)
		}
	}
	if n := len(registry.States()); len(g.Dots) == 0 || len(g.Dots) >= n {
		t.Errorf("%d dots for %d states", len(g.Dots), n)
	}
}

// One map, with every outline in the page, stays under 100 KB and 40 KB
// gzipped; drawn against the shared sprite, the page's part is much
// smaller, and the sprite itself is within the same budget.
func TestMapSize(t *testing.T) {
	var areas []Area
	for i, st := range registry.States() {
		areas = append(areas, Area{Code: st.Code, Name: st.Name, Category: i % len(statusCats)})
	}
	m := smallMap("")
	m.Areas = areas
	inline := Map(m).SVG
	m.Sprite = "/figures/world-0123abcd.svg"
	shared := Map(m).SVG
	_, sprite := SpriteFile()
	for _, c := range []struct {
		name       string
		data       string
		raw, gzip_ int
	}{
		{"inline map", inline, 100_000, 40_000},
		{"map using the sprite", shared, 40_000, 8_000},
		{"sprite", string(sprite), 100_000, 40_000},
	} {
		gz := gzipLen(c.data)
		t.Logf("%s: %d bytes, %d gzipped", c.name, len(c.data), gz)
		if len(c.data) > c.raw || gz > c.gzip_ {
			t.Errorf("%s is %d bytes (%d gzipped); the budget is %d (%d)", c.name, len(c.data), gz, c.raw, c.gzip_)
		}
	}
}

func gzipLen(s string) int {
	var b bytes.Buffer
	w, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
	w.Write([]byte(s))
	w.Close()
	return b.Len()
}

// Each <use> points at an element the sprite defines.
func TestSpriteHasEveryUse(t *testing.T) {
	_, sprite := SpriteFile()
	var areas []Area
	for _, st := range registry.States() {
		areas = append(areas, Area{Code: st.Code, Name: st.Name})
	}
	m := smallMap("world.svg")
	m.Areas = areas
	uses := regexp.MustCompile(`<use href="world\.svg#([A-Z]{3})"/>`).FindAllStringSubmatch(Map(m).SVG, -1)
	if len(uses) < 150 {
		t.Fatalf("only %d <use> elements", len(uses))
	}
	for _, u := range uses {
		if !strings.Contains(string(sprite), `<path id="`+u[1]+`" d="`) {
			t.Errorf("the sprite has no %s", u[1])
		}
	}
}

// No path of the map jumps across it: a ring running over the 180th
// meridian, left uncut, draws a line from one side of the world to the
// other. The widest country (Russia, cut) spans well under half the map.
func TestNoLineAcrossTheMap(t *testing.T) {
	g := World()
	move := regexp.MustCompile(`-?\d+`)
	for _, s := range g.Shapes {
		for _, ring := range strings.Split(s.D, "z") {
			_, rest, ok := strings.Cut(ring, "l")
			if !ok {
				continue
			}
			nums := move.FindAllString(rest, -1)
			for i := 0; i+1 < len(nums); i += 2 {
				if dx := atoi(nums[i]); dx > g.ViewBox[2]/3 || -dx > g.ViewBox[2]/3 {
					t.Errorf("%s%s: a step of %d units across a map %d wide", s.Code, s.Name, dx, g.ViewBox[2])
				}
			}
		}
	}
}

func atoi(s string) int {
	n, neg := 0, false
	for _, c := range s {
		if c == '-' {
			neg = true
			continue
		}
		n = n*10 + int(c-'0')
	}
	if neg {
		return -n
	}
	return n
}

// The markup holds nothing a strict Content-Security-Policy blocks, and
// every id starts with the figure's own, once.
func TestMarkupIsSafe(t *testing.T) {
	figs := []Figure{Map(smallMap("")), Map(smallMap("/s.svg")),
		Bars(BarsData{ID: "b", Categories: statusCats[:2], Rows: []BarRow{{Label: "<x>", Values: []int{1, 2}}}}),
		Heatmap(HeatmapData{ID: "h", Columns: []string{"a"}, Categories: statusCats, Rows: []HeatRow{{Label: "r", Cells: []HeatCell{{K1, "&"}}}}}),
		Step(StepData{ID: "s", Points: []Point{{2000, 1}}}),
		Timeline(TimelineData{ID: "t", From: 2000, To: 2010, Lanes: []Lane{{Label: "l", Events: []Event{{At: 2001, Label: "<b>"}}}}}),
	}
	ids := regexp.MustCompile(` id="([^"]*)"`)
	for _, f := range figs {
		for _, bad := range []string{"style=", "<style", "<script", " on", "javascript:", "<b>", "<x>"} {
			if strings.Contains(f.SVG, bad) {
				t.Errorf("%s figure contains %q", f.Kind, bad)
			}
		}
		seen := map[string]bool{}
		for _, m := range ids.FindAllStringSubmatch(f.SVG, -1) {
			if !strings.HasPrefix(m[1], f.ID+"-") || seen[m[1]] {
				t.Errorf("%s figure: id %q is not %s-… or is repeated", f.Kind, m[1], f.ID)
			}
			seen[m[1]] = true
		}
		if !strings.Contains(f.SVG, `aria-labelledby="`+f.ID+`-t `+f.ID+`-d"`) || !strings.Contains(f.SVG, `<title id="`+f.ID+`-t">`) {
			t.Errorf("%s figure lacks its title and description", f.Kind)
		}
		if a, b := f.SVG, figureAgain(f); a != b {
			t.Errorf("%s figure differs between two runs", f.Kind)
		}
	}
}

// figureAgain redraws a figure of the same kind from the same inputs, to
// check output does not depend on map order or the like.
func figureAgain(f Figure) string {
	switch f.Kind {
	case "map":
		if strings.Contains(f.SVG, "/s.svg") {
			return Map(smallMap("/s.svg")).SVG
		}
		return Map(smallMap("")).SVG
	}
	return f.SVG
}

// TestLocale: the counts a figure writes and the order of the names in a
// map's table come from its Locale; years are written as they are.
func TestLocale(t *testing.T) {
	loc := Locale{
		Count: func(n int) string { return "#" + strconv.Itoa(n) },
		Sort: func(names []string) { // reverse order, to tell it from the default
			sort.Sort(sort.Reverse(sort.StringSlice(names)))
		},
	}
	m := smallMap("")
	m.Locale = loc
	f := Map(m)
	if !strings.Contains(f.SVG, "Party (#2)") {
		t.Error("the map's legend does not write its counts with Locale.Count")
	}
	if got := f.Table.Rows[0]; got[1] != "#2" || got[2] != "Luxembourg; Andorra" {
		t.Errorf("map table row %q: want #2 and the names in Locale.Sort's order", got)
	}
	bars := Bars(BarsData{ID: "b", Categories: statusCats[:2], Rows: []BarRow{{Label: "Africa", Values: []int{40, 14}}}, Locale: loc})
	if !strings.Contains(bars.SVG, ">#40</text>") || strings.Join(bars.Table.Rows[0], " ") != "Africa #40 #14 #54" {
		t.Errorf("bars: counts not written with Locale.Count: %q", bars.Table.Rows[0])
	}
	step := Step(StepData{ID: "s", Points: []Point{{2001, 1}, {2002, 2}}, Locale: loc})
	if !strings.Contains(step.SVG, ">#2</text>") || !strings.Contains(step.SVG, ">2001</text>") {
		t.Error("step: values should go through Locale.Count, years not")
	}
	if strings.Join(step.Table.Rows[0], " ") != "2001 #1" {
		t.Errorf("step table row %q", step.Table.Rows[0])
	}
}

// TestStepWholeTicks: an axis of small counts is labelled in whole steps,
// each label once.
func TestStepWholeTicks(t *testing.T) {
	f := Step(StepData{ID: "s", Points: []Point{{2001, 1}, {2002, 2}}})
	labels := regexp.MustCompile(`text-anchor="end">(\d+)</text>`).FindAllStringSubmatch(f.SVG, -1)
	var got []string
	for _, l := range labels {
		got = append(got, l[1])
	}
	if strings.Join(got, " ") != "0 1 2" {
		t.Errorf("axis labels %v, want 0 1 2", got)
	}
}
