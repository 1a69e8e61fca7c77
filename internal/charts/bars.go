package charts

// BarsData is a set of stacked horizontal bars, one per row, each split
// into the categories' counts and drawn to a common scale.
type BarsData struct {
	ID, Title, Desc string
	Categories      []Category
	Rows            []BarRow
	Head            []string // table columns: the row label, then one per category, then the total
	Locale          Locale   // how the counts are written
}

// BarRow is one bar: its label, a count per category and a note written
// after the bar (such as "12 of 54").
type BarRow struct {
	Label  string
	Values []int
	Note   string
}

const (
	barW       = 640
	barRow     = 26
	barThick   = 18
	barPattern = 6
)

// Bars draws the rows as stacked bars with each segment's count written in
// it where it fits, and a legend under them. Right to left, the labels are
// at the right and the bars grow leftwards.
func Bars(d BarsData) Figure {
	labelW := 0.0
	biggest := 0
	for _, r := range d.Rows {
		labelW = max(labelW, textWidth(r.Label, chartFont))
		biggest = max(biggest, sum(r.Values))
	}
	labelW = min(labelW, 200) + 8
	noteW := 0.0
	for _, r := range d.Rows {
		noteW = max(noteW, textWidth(r.Note, chartFont))
	}
	x := scale{0, float64(max(biggest, 1)), labelW, barW - noteW - 12}
	legend := canvas(d.Locale.RTL, 0, barW)
	top := 6.0
	lh := legend.legend(d.ID, d.Categories, nil, 0, top+float64(len(d.Rows)*barRow)+8, barW, chartFont)
	h := int(top + float64(len(d.Rows)*barRow) + 8 + lh)
	b := canvas(d.Locale.RTL, 0, barW)
	b.open(d.ID, "bars", d.Title, d.Desc, barW, h, chartFont, false)
	b.patterns(d.ID, barPattern, slotsOf(d.Categories))
	for i, r := range d.Rows {
		y := top + float64(i*barRow)
		b.f(`<text class="lbl" x="%s" y="%s" text-anchor="end">%s</text>`, num(b.x(labelW-8)), num(y+barThick-5), b.text(truncate(r.Label, 30)))
		at := 0
		for j, v := range r.Values {
			if v == 0 {
				continue
			}
			x0, x1 := x.at(float64(at)), x.at(float64(at+v))
			slot := d.Categories[j].Slot
			b.f(`<rect x="%s" y="%s" width="%s" height="%d" fill="%s" class="sw"><title>%s</title></rect>`,
				num(b.left(x0, x1-x0)), num(y), num(x1-x0), barThick, fill(d.ID, slot), esc(r.Label+": "+d.Categories[j].Label+" "+d.Locale.count(v)))
			if s := d.Locale.count(v); x1-x0 >= boldWidth(s, chartFont)+8 {
				b.f(`<text class="val" x="%s" y="%s" text-anchor="middle">%s</text>`, num(b.x((x0+x1)/2)), num(y+barThick-5), b.text(s))
			}
			at += v
		}
		if r.Note != "" {
			b.f(`<text class="lbl muted" x="%s" y="%s">%s</text>`, num(b.x(x.at(float64(at))+6)), num(y+barThick-5), b.text(r.Note))
		}
	}
	b.WriteString(legend.String())
	b.close()
	return Figure{Kind: "bars", ID: d.ID, Title: d.Title, Desc: d.Desc, SVG: b.String(), Table: barsTable(d)}
}

func sum(v []int) int {
	n := 0
	for _, x := range v {
		n += x
	}
	return n
}

func barsTable(d BarsData) Table {
	t := Table{Head: d.Head}
	t.Num = make([]bool, len(d.Categories)+2)
	for i := 1; i < len(t.Num); i++ {
		t.Num[i] = true
	}
	for _, r := range d.Rows {
		row := []string{r.Label}
		for _, v := range r.Values {
			row = append(row, d.Locale.count(v))
		}
		t.Rows = append(t.Rows, append(row, d.Locale.count(sum(r.Values))))
	}
	return t
}
