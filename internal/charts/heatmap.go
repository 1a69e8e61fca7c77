package charts

import (
	"fmt"
	"math"
	"strings"
)

// HeatmapData is a matrix of rows against columns, each cell coloured by
// its category or share and, where room allows, labelled.
type HeatmapData struct {
	ID, Title, Desc string
	Columns         []string
	Rows            []HeatRow
	Categories      []Category // the legend; cells may use other slots (a ramp)
	Corner          string     // heading of the row labels in the table
	// Table replaces the cell-by-cell table, for a matrix whose page
	// already lists every cell.
	Table  *Table
	Locale Locale // the direction of the page's language
}

// HeatRow is one row of the matrix; Cells follow Columns.
type HeatRow struct {
	Label string
	Cells []HeatCell
}

// HeatCell is one cell. An empty cell (no Text, KNone) is left blank, so
// that "no assessment" differs from a grey "not assessed".
type HeatCell struct {
	Slot Slot
	Text string
}

const (
	heatCell    = 22
	heatColMin  = 40
	heatPattern = 6
	// Labels are written in the cells only up to this many cells: beyond
	// it they would be too small to read and too many bytes to send, and
	// the patterns tell the categories apart on their own.
	heatLabelled = 600
)

// Heatmap draws the matrix: row labels at the left (right to left, at the
// right, with the first column beside them), column labels slanted above,
// cells of one slot merged into one path so that a large matrix stays
// small.
func Heatmap(d HeatmapData) Figure {
	labelW := 0.0
	for _, r := range d.Rows {
		labelW = max(labelW, textWidth(truncate(r.Label, 28), chartFont))
	}
	labelW = math.Ceil(labelW) + 10
	colTop := 0.0
	for _, c := range d.Columns {
		colTop = max(colTop, textWidth(truncate(c, 28), chartFont)*math.Sqrt2/2)
	}
	colTop = math.Ceil(colTop) + 12
	// A cell's label is bold and haloed (1.5 units each side, charts.css);
	// 10 units beyond its estimate leave it clear of the cell's edges.
	heatColW := heatColMin
	for _, r := range d.Rows {
		for _, c := range r.Cells {
			heatColW = max(heatColW, int(math.Ceil(boldWidth(c.Text, chartFont)))+10)
		}
	}
	w := int(labelW) + len(d.Columns)*heatColW + int(colTop) // slanted labels lean right
	gridH := len(d.Rows) * heatCell
	legend := canvas(d.Locale.RTL, 0, float64(w))
	lh := legend.legend(d.ID, d.Categories, nil, 0, colTop+float64(gridH)+10, float64(w), chartFont)
	h := int(colTop) + gridH + 10 + int(lh)
	// A matrix of a few cells would be blown up to the page's width; its
	// natural width caps it, and CSS lets it shrink below that.
	b := canvas(d.Locale.RTL, 0, float64(w))
	b.sized = w
	b.open(d.ID, "heatmap", d.Title, d.Desc, w, h, chartFont, false)
	var slots []Slot
	paths := map[Slot]*strings.Builder{}
	for i, r := range d.Rows {
		for j, c := range r.Cells {
			if c.Slot == KNone && c.Text == "" {
				continue
			}
			if paths[c.Slot] == nil {
				paths[c.Slot] = &strings.Builder{}
				slots = append(slots, c.Slot)
			}
			x, y := int(labelW)+j*heatColW, int(colTop)+i*heatCell
			left := int(b.left(float64(x+1), float64(heatColW-2)))
			fmt.Fprintf(paths[c.Slot], "M%d %dh%dv%dh-%dz", left, y+1, heatColW-2, heatCell-2, heatColW-2)
		}
	}
	b.patterns(d.ID, heatPattern, append(slotsOf(d.Categories), slots...))
	// Column labels rise away from the row labels: up and to the right,
	// or, right to left, up and to the left.
	slant := -45
	if b.rtl {
		slant = 45
	}
	for j, c := range d.Columns {
		x := labelW + float64(j*heatColW+heatColW/2)
		b.f(`<text class="lbl" transform="translate(%s %s) rotate(%d)">%s</text>`, num(b.x(x)), num(colTop-6), slant, b.text(truncate(c, 28)))
	}
	for i, r := range d.Rows {
		y := colTop + float64(i*heatCell)
		b.f(`<text class="lbl" x="%s" y="%s" text-anchor="end">%s</text>`, num(b.x(labelW-8)), num(y+heatCell-7), b.text(truncate(r.Label, 28)))
	}
	for _, s := range slots {
		b.f(`<path class="cell" fill="%s" d="%s"/>`, fill(d.ID, s), paths[s].String())
	}
	if len(d.Rows)*len(d.Columns) <= heatLabelled {
		for i, r := range d.Rows {
			for j, c := range r.Cells {
				if c.Text != "" {
					x := labelW + float64(j*heatColW+heatColW/2)
					y := colTop + float64(i*heatCell) + heatCell - 7
					b.f(`<text class="val" x="%s" y="%s" text-anchor="middle">%s</text>`, num(b.x(x)), num(y), b.text(c.Text))
				}
			}
		}
	}
	b.WriteString(legend.String())
	b.close()
	t := heatTable(d)
	if d.Table != nil {
		t = *d.Table
	}
	return Figure{Kind: "heatmap", ID: d.ID, Title: d.Title, Desc: d.Desc, SVG: b.String(), Table: t}
}

func heatTable(d HeatmapData) Table {
	t := Table{Head: append([]string{d.Corner}, d.Columns...)}
	for _, r := range d.Rows {
		row := []string{r.Label}
		for _, c := range r.Cells {
			row = append(row, c.Text)
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}
