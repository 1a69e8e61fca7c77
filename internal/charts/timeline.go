package charts

import (
	"math"
	"strconv"
)

// TimelineData is a set of lanes, each a sequence of dated events; each
// event opens a period, coloured by its slot, that lasts until the next
// event or To. A state's treaty record is one lane per treaty (signed,
// consent, in force, withdrawn); its risk history is a lane of
// assessments.
type TimelineData struct {
	ID, Title, Desc string
	From, To        float64 // in years, e.g. 2016.55 for 22 July 2016
	Lanes           []Lane
	Marks           []MarkLabel // legend of the event marks
	Categories      []Category  // legend of the periods
	Head            [3]string   // table columns: lane, date, event
	Locale          Locale      // the direction of the page's language
}

// Lane is one row of the timeline.
type Lane struct {
	Label  string
	Events []Event // by date
}

// Event is a dated happening. At places it; Date is how the page writes
// the date (a partial date stays partial).
type Event struct {
	At    float64
	Date  string
	Label string
	Mark  Mark
	Slot  Slot // the period it opens; KNone draws none
}

// Mark is the symbol of an event, told apart by shape, not colour.
type Mark int

// The marks.
const (
	MarkOpen    Mark = iota // open circle
	MarkSolid               // filled circle
	MarkSquare              // filled square
	MarkCross               // ×
	MarkDiamond             // open diamond
)

// MarkLabel names a mark in the legend.
type MarkLabel struct {
	Mark  Mark
	Label string
}

const (
	tlW      = 640
	tlLane   = 28
	tlPeriod = 12
)

// Timeline draws the lanes over a common axis of years; right to left,
// the years run from the right and the lanes are named at the right.
func Timeline(d TimelineData) Figure {
	labelW := 0.0
	for _, l := range d.Lanes {
		labelW = max(labelW, textWidth(truncate(l.Label, 26), chartFont))
	}
	labelW = math.Ceil(labelW) + 10
	x := scale{d.From, d.To, labelW, tlW - 12}
	axisY := float64(len(d.Lanes)*tlLane) + 4
	legend := canvas(d.Locale.RTL, 0, tlW)
	lh := legend.marks(d.Marks, 0, axisY+26)
	lh += legend.legend(d.ID, d.Categories, nil, 0, axisY+26+lh, tlW, chartFont)
	h := int(axisY + 26 + lh)
	b := canvas(d.Locale.RTL, 0, tlW)
	// A mark and its tooltip take some 200 bytes: a large state's timeline
	// is tens of kilobytes, which a builder growing from nothing copies
	// again at every doubling.
	events := 0
	for _, l := range d.Lanes {
		events += len(l.Events)
	}
	b.Grow(4096 + 256*events)
	b.open(d.ID, "timeline", d.Title, d.Desc, tlW, h, chartFont, false)
	var slots []Slot
	for _, l := range d.Lanes {
		for _, e := range l.Events {
			if e.Slot != KNone {
				slots = append(slots, e.Slot)
			}
		}
	}
	b.patterns(d.ID, barPattern, append(slotsOf(d.Categories), slots...))
	step := niceStep(d.To-d.From, 8)
	b.WriteString(`<g class="grid">`)
	for _, v := range ticks(d.From, d.To, step) {
		b.f(`<path d="M%s 0V%s"/>`, num(b.x(x.at(v))), num(axisY))
	}
	b.WriteString("</g>")
	for _, v := range ticks(d.From, d.To, step) {
		b.f(`<text class="lbl muted" x="%s" y="%s" text-anchor="middle">%s</text>`, num(b.x(x.at(v))), num(axisY+16), b.text(strconv.Itoa(int(v))))
	}
	for i, l := range d.Lanes {
		y := float64(i * tlLane)
		mid := y + tlLane/2
		b.f(`<text class="lbl" x="%s" y="%s" text-anchor="end">%s</text>`, num(b.x(labelW-8)), num(mid+4), b.text(truncate(l.Label, 26)))
		for j, e := range l.Events {
			end := d.To
			if j+1 < len(l.Events) {
				end = l.Events[j+1].At
			}
			if e.Slot != KNone && end > e.At {
				b.f(`<rect class="sw" x="%s" y="%s" width="%s" height="%d" fill="%s"/>`,
					num(b.left(x.at(e.At), x.at(end)-x.at(e.At))), num(mid-tlPeriod/2), num(x.at(end)-x.at(e.At)), tlPeriod, fill(d.ID, e.Slot))
			}
		}
		for _, e := range l.Events {
			b.mark(e.Mark, b.x(x.at(e.At)), mid, l.Label+": "+e.Label+", "+e.Date)
		}
	}
	b.f(`<path class="axis" d="M%s %sH%s"/>`, num(b.x(x.r0)), num(axisY), num(b.x(x.r1)))
	b.WriteString(legend.String())
	b.close()
	return Figure{Kind: "timeline", ID: d.ID, Title: d.Title, Desc: d.Desc, SVG: b.String(), Table: timelineTable(d)}
}

// mark draws an event's symbol centred on (x, y), with a tooltip.
func (b *svg) mark(m Mark, x, y float64, tip string) {
	const r = 5
	t := "<title>" + esc(tip) + "</title>"
	switch m {
	case MarkSolid:
		b.f(`<circle class="mark solid" cx="%s" cy="%s" r="%d">%s</circle>`, num(x), num(y), r, t)
	case MarkSquare:
		b.f(`<rect class="mark solid" x="%s" y="%s" width="%d" height="%d">%s</rect>`, num(x-r), num(y-r), 2*r, 2*r, t)
	case MarkCross:
		b.f(`<path class="mark" d="M%s %sl%d %dm0 -%dl-%d %d">%s</path>`, num(x-r), num(y-r), 2*r, 2*r, 2*r, 2*r, 2*r, t)
	case MarkDiamond:
		b.f(`<path class="mark open" d="M%s %sl%d %dl-%d %dl-%d -%dz">%s</path>`, num(x), num(y-r-1), r+1, r+1, r+1, r+1, r+1, r+1, t)
	default:
		b.f(`<circle class="mark open" cx="%s" cy="%s" r="%d">%s</circle>`, num(x), num(y), r, t)
	}
}

// marks draws the legend of event symbols in a row and returns its height.
func (b *svg) marks(ms []MarkLabel, x, y float64) float64 {
	if len(ms) == 0 {
		return 0
	}
	cx, top := x, y
	b.WriteString(`<g class="leg">`)
	for _, m := range ms {
		w := 12 + 6 + textWidth(m.Label, chartFont) + 16
		if cx > x && cx+w > tlW {
			cx, y = x, y+chartFont+8
		}
		b.mark(m.Mark, b.x(cx+6), y+6, m.Label)
		b.f(`<text class="lbl" x="%s" y="%s">%s</text>`, num(b.x(cx+18)), num(y+10), b.text(m.Label))
		cx += w
	}
	b.WriteString("</g>")
	return y - top + chartFont + 8
}

func timelineTable(d TimelineData) Table {
	t := Table{Head: d.Head[:]}
	for _, l := range d.Lanes {
		for _, e := range l.Events {
			t.Rows = append(t.Rows, []string{l.Label, e.Date, e.Label})
		}
	}
	return t
}

// YearOf places a date given as year, month and day (month or day 0 when
// the source gives none) on the timeline's axis of years.
func YearOf(y, m, d int) float64 {
	at := float64(y)
	if m > 0 {
		at += float64(m-1) / 12
	}
	if d > 0 {
		at += float64(d-1) / 365
	}
	return at
}
