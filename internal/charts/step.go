package charts

import (
	"math"
	"strconv"
)

// StepData is a count that changes from year to year, such as the
// parties to a treaty.
type StepData struct {
	ID, Title, Desc string
	Points          []Point   // by year, ascending; Value holds at the end of Year
	Head            [2]string // table columns: year, value
	Locale          Locale    // how the values are written; years are written as they are
}

// Point is a value at the end of a year.
type Point struct {
	Year, Value int
}

const (
	stepW, stepH = 640, 240
	stepL, stepR = 44, 44
	stepT, stepB = 14, 26
	chartFont    = 13
)

// Step draws the points as a step line over the years, the area under it
// lightly filled, with the last value written at its end. Right to left,
// the years run from the right and the values are at the right.
func Step(d StepData) Figure {
	b := canvas(d.Locale.RTL, 0, stepW)
	b.open(d.ID, "step", d.Title, d.Desc, stepW, stepH, chartFont, false)
	if len(d.Points) == 0 {
		b.close()
		return Figure{Kind: "step", ID: d.ID, Title: d.Title, Desc: d.Desc, SVG: b.String(), Table: Table{Head: d.Head[:]}}
	}
	first, last := d.Points[0].Year, d.Points[len(d.Points)-1].Year+1
	top := 0
	for _, p := range d.Points {
		top = max(top, p.Value)
	}
	// Counts are whole: a step under 1 would label 0, 0, 1, 1, 2.
	ystep := max(niceStep(float64(max(top, 1)), 5), 1)
	ymax := max(ystep*math.Ceil(float64(top)/ystep), ystep)
	x := scale{float64(first), float64(last), stepL, stepW - stepR}
	y := scale{0, ymax, stepH - stepB, stepT}
	b.WriteString(`<g class="grid">`)
	for _, v := range ticks(0, ymax, ystep) {
		b.f(`<path d="M%s %sH%s"/>`, num(b.x(x.r0)), num(y.at(v)), num(b.x(x.r1)))
	}
	b.WriteString("</g>")
	for _, v := range ticks(0, ymax, ystep) {
		b.f(`<text class="lbl muted" x="%s" y="%s" text-anchor="end">%s</text>`, num(b.x(x.r0-6)), num(y.at(v)+4), b.text(d.Locale.count(int(v))))
	}
	xstep := niceStep(float64(last-first), 8)
	for _, v := range ticks(float64(first), float64(last-1), xstep) {
		b.f(`<text class="lbl muted" x="%s" y="%d" text-anchor="middle">%s</text>`, num(b.x(x.at(v+0.5))), stepH-8, b.text(strconv.Itoa(int(v))))
	}
	line := "M" + num(b.x(x.at(float64(first)))) + " " + num(y.at(float64(d.Points[0].Value)))
	for i := range d.Points {
		end := last
		if i+1 < len(d.Points) {
			end = d.Points[i+1].Year
		}
		line += "H" + num(b.x(x.at(float64(end))))
		if i+1 < len(d.Points) {
			line += "V" + num(y.at(float64(d.Points[i+1].Value)))
		}
	}
	b.f(`<path class="area" d="%sV%sH%sz"/>`, line, num(y.at(0)), num(b.x(x.at(float64(first)))))
	b.f(`<path class="line" d="%s"/>`, line)
	b.f(`<path class="axis" d="M%s %sH%s"/>`, num(b.x(x.r0)), num(y.at(0)), num(b.x(x.r1)))
	lastV := d.Points[len(d.Points)-1].Value
	b.f(`<text class="val" x="%s" y="%s">%s</text>`, num(b.x(x.r1+6)), num(y.at(float64(lastV))+4), b.text(d.Locale.count(lastV)))
	b.close()
	return Figure{Kind: "step", ID: d.ID, Title: d.Title, Desc: d.Desc, SVG: b.String(), Table: stepTable(d)}
}

// stepTable lists the years in which the value changed, and the last
// year: the rest repeat the row above.
func stepTable(d StepData) Table {
	t := Table{Head: d.Head[:], Num: []bool{false, true}}
	for i, p := range d.Points {
		if i == 0 || i == len(d.Points)-1 || p.Value != d.Points[i-1].Value {
			t.Rows = append(t.Rows, []string{strconv.Itoa(p.Year), d.Locale.count(p.Value)})
		}
	}
	return t
}
