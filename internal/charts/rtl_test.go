package charts

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// figures draws each kind of chart from the same values, left to right or
// right to left, with Arabic labels and Latin names and symbols among them.
func figures(rtl bool) map[string]Figure {
	loc := Locale{RTL: rtl}
	cats := []Category{{"الأطراف", K0}, {"الدول الموقِّعة", K1}, {"الانسحابات", K2}, {"غير ذلك", KNone}}
	return map[string]Figure{
		"bars": Bars(BarsData{
			ID: "b", Title: "الدول حسب وضعها في كل منطقة", Desc: "أعمدة مكدَّسة.", Categories: cats, Locale: loc,
			Rows: []BarRow{
				{Label: "أفريقيا", Values: []int{33, 10, 1, 10}, Note: "33 من أصل 54"},
				{Label: "Oceania", Values: []int{4, 0, 0, 10}, Note: "4 من أصل 14"},
			},
			Head: []string{"المنطقة", "الأطراف", "الدول الموقِّعة", "الانسحابات", "غير ذلك", "المجموع"},
		}),
		"step": Step(StepData{
			ID: "s", Title: "عدد الأطراف", Desc: "رسم بياني درجي.", Locale: loc,
			Points: []Point{{1998, 0}, {1999, 1}, {2000, 1}, {2001, 5}, {2002, 12}, {2003, 12}, {2004, 11}},
			Head:   [2]string{"السنة", "الأطراف"},
		}),
		"timeline": Timeline(TimelineData{
			ID: "t", Title: "بوروندي", Desc: "خط زمني.", From: 1996.5, To: 2018, Locale: loc,
			Lanes: []Lane{
				{Label: "مستوى الخطر", Events: []Event{
					{At: YearOf(2015, 5, 1), Date: "أيار/مايو 2015", Label: "مصدر قلق بالغ", Mark: MarkDiamond, Slot: W2},
				}},
				{Label: "Rome Statute of the International Criminal Court", Events: []Event{
					{At: YearOf(1999, 1, 13), Date: "13 كانون الثاني/يناير 1999", Label: "التوقيع", Mark: MarkOpen, Slot: K1},
					{At: YearOf(2004, 9, 21), Date: "21 أيلول/سبتمبر 2004", Label: "التصديق", Mark: MarkSolid, Slot: K3},
					{At: YearOf(2017, 10, 27), Date: "27 تشرين الأول/أكتوبر 2017", Label: "الانسحاب", Mark: MarkCross, Slot: K2},
				}},
			},
			Marks:      []MarkLabel{{MarkOpen, "التوقيع"}, {MarkSolid, "الموافقة"}, {MarkCross, "الانسحاب"}},
			Categories: []Category{{"دولة موقِّعة", K1}, {"طرف", K0}},
			Head:       [3]string{"المعاهدة", "التاريخ", "الحدث"},
		}),
		"heatmap": Heatmap(HeatmapData{
			ID: "h", Title: "الامتثال", Desc: "خريطة حرارية.", Corner: "الدولة", Locale: loc,
			Columns:    []string{"A/RES/60/1", "اتفاقية منع جريمة الإبادة الجماعية"},
			Categories: []Category{{"مستوفى", K0}, {"مستوفى جزئياً", K1}},
			Rows: []HeatRow{
				{Label: "إريتريا", Cells: []HeatCell{{K0, "45%"}, {KNone, ""}}},
				{Label: "اليمن", Cells: []HeatCell{{K1, "جزئي"}, {K0, "7"}}},
			},
		}),
		"map": Map(MapData{
			ID: "m", Title: "نظام روما الأساسي", Desc: "خريطة.", Categories: cats[:2], Locale: loc,
			Areas: []Area{{Code: "BDI", Name: "بوروندي", Category: 1}, {Code: "NGA", Name: "نيجيريا", Category: 0}},
			Head:  [3]string{"الوضع", "العدد", "الدول"},
		}),
	}
}

// Right-to-left goldens, to look at in a browser.
func TestRTLGoldens(t *testing.T) {
	for name, f := range figures(true) {
		if name != "map" {
			golden(t, name+"_rtl", f)
		}
	}
}

var (
	svgTag   = regexp.MustCompile(`<svg [^>]*viewBox="(-?\d+) -?\d+ (\d+) \d+"[^>]*>`)
	textEl   = regexp.MustCompile(`<text ([^>]*)>([^<]*)</text>`)
	rectEl   = regexp.MustCompile(`<rect ([^>]*)/?>`)
	attrPair = regexp.MustCompile(`([a-z-]+)="([^"]*)"`)
	rotate   = regexp.MustCompile(`translate\((\S+) (\S+)\) rotate\((-?\d+)\)`)
)

func attrs(s string) map[string]string {
	m := map[string]string{}
	for _, a := range attrPair.FindAllStringSubmatch(s, -1) {
		m[a[1]] = a[2]
	}
	return m
}

func float(t *testing.T, s string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatalf("%q is not a number", s)
	}
	return v
}

// near: coordinates are written to 0.1, rounded after mirroring.
func near(a, b float64) bool { return math.Abs(a-b) < 0.11 }

// A right-to-left figure is its left-to-right layout mirrored: every text
// keeps its anchor and sits at the mirrored place, every box spans the
// mirrored interval, slanted labels lean the other way, and the <svg>
// sets text right to left. Text that starts with a number or a Latin
// letter is isolated left to right; Arabic text is not.
func TestRTLMirrorsLayout(t *testing.T) {
	ltr, rtl := figures(false), figures(true)
	for name := range ltr {
		t.Run(name, func(t *testing.T) {
			l, r := ltr[name].SVG, rtl[name].SVG
			if strings.Contains(l, "direction=") || !strings.Contains(svgTag.FindString(r), `direction="rtl"`) {
				t.Fatal("only the right-to-left figure sets direction=\"rtl\" on its <svg>")
			}
			box := svgTag.FindStringSubmatch(l)
			mirror := 2*float(t, box[1]) + float(t, box[2])
			lt, rt := textEl.FindAllStringSubmatch(l, -1), textEl.FindAllStringSubmatch(r, -1)
			if len(lt) != len(rt) || len(lt) == 0 {
				t.Fatalf("%d texts left to right, %d right to left", len(lt), len(rt))
			}
			for i := range lt {
				la, ra := attrs(lt[i][1]), attrs(rt[i][1])
				if la["text-anchor"] != ra["text-anchor"] {
					t.Errorf("text %q: anchor %q right to left, %q left to right", lt[i][2], ra["text-anchor"], la["text-anchor"])
				}
				if x, ok := la["x"]; ok {
					if got, want := float(t, ra["x"]), mirror-float(t, x); !near(got, want) {
						t.Errorf("text %q at x=%v right to left, want %v", lt[i][2], got, want)
					}
				}
				if m := rotate.FindStringSubmatch(la["transform"]); m != nil {
					n := rotate.FindStringSubmatch(ra["transform"])
					if n == nil || !near(float(t, n[1]), mirror-float(t, m[1])) || n[3] != strings.TrimPrefix(m[3], "-") {
						t.Errorf("slanted text %q: %s right to left, %s left to right", lt[i][2], ra["transform"], la["transform"])
					}
				}
				isolated := strings.HasPrefix(rt[i][2], "\u2066") && strings.HasSuffix(rt[i][2], "\u2069")
				if want := !startsRTL(lt[i][2]); isolated != want {
					t.Errorf("text %q: isolated left to right %v, want %v", rt[i][2], isolated, want)
				}
			}
			lr, rr := rectEl.FindAllStringSubmatch(l, -1), rectEl.FindAllStringSubmatch(r, -1)
			if len(lr) != len(rr) {
				t.Fatalf("%d boxes left to right, %d right to left", len(lr), len(rr))
			}
			for i := range lr {
				la, ra := attrs(lr[i][1]), attrs(rr[i][1])
				x, ok := la["x"]
				if !ok {
					continue // a pattern's tile
				}
				if got, want := float(t, ra["x"]), mirror-float(t, x)-float(t, la["width"]); !near(got, want) {
					t.Errorf("box %v at x=%v right to left, want %v", la, got, want)
				}
			}
		})
	}
}

// Right to left, time runs from the right: the first year of a step chart
// or a timeline is to the right of the last.
func TestRTLTimeRunsFromTheRight(t *testing.T) {
	year := regexp.MustCompile(`<text class="lbl muted" x="([\d.]+)" y="[\d.]+" text-anchor="middle">\x{2066}(\d{4})\x{2069}</text>`)
	for _, name := range []string{"step", "timeline"} {
		ys := year.FindAllStringSubmatch(figures(true)[name].SVG, -1)
		if len(ys) < 2 {
			t.Fatalf("%s: %d years on the axis", name, len(ys))
		}
		first, last := ys[0], ys[len(ys)-1]
		if first[2] >= last[2] || float(t, first[1]) <= float(t, last[1]) {
			t.Errorf("%s: %s at x=%s, %s at x=%s; the earlier year should be to the right", name, first[2], first[1], last[2], last[1])
		}
	}
}
