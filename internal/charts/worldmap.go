package charts

import (
	"crypto/sha256"
	"encoding/hex"
	"sort"
	"strings"
	"sync"
)

// MapData is a world map that colours each state by category.
type MapData struct {
	ID, Title, Desc string
	Categories      []Category // legend order
	Areas           []Area     // the states to draw as links; others are background
	// Link makes the URL of a state's page from its code; the map does
	// not know the site's base path. Nil draws no links.
	Link func(code string) string
	// Sprite is the URL of the shared geometry (SpriteFile); "" carries
	// the outlines in the page, as a page opened from disk must: browsers
	// do not follow <use> to another file:// document.
	Sprite string
	Head   [3]string // table columns: category, number of states, states
	Locale Locale    // the legend's and table's counts, and the order of the names
}

// Area is one state on a map.
type Area struct {
	Code     string // ISO alpha-3
	Name     string
	Category int // index into MapData.Categories
}

// The map's own units: the world's projected extent plus room for the
// legend under it.
const (
	mapFont    = 17
	mapPattern = 5
	dotRadius  = 3.5
)

// Map draws the world with every state of m.Areas filled by its category,
// as a link to its page with its name and category as a tooltip. States
// too small for the 1:110m shapes are marked dots. Background areas
// (Greenland, Western Sahara, ...) are drawn plain and unlinked.
func Map(m MapData) Figure {
	g := World()
	box := g.ViewBox
	b := canvas(m.Locale.RTL, float64(box[0]), float64(box[2]))
	legend := canvas(m.Locale.RTL, float64(box[0]), float64(box[2]))
	counts := make([]int, len(m.Categories))
	for _, a := range m.Areas {
		counts[a.Category]++
	}
	// A state the site adds beyond the registry may have no outline; it
	// is counted and listed in the table, but not drawn.
	var drawable []Area
	for _, a := range m.Areas {
		if g.Has(a.Code) {
			drawable = append(drawable, a)
		}
	}
	written := make([]string, len(counts))
	for i, n := range counts {
		written[i] = m.Locale.count(n)
	}
	lh := legend.legend(m.ID, m.Categories, written, float64(box[0]+8), float64(box[1]+box[3]+4), float64(box[2]-16), mapFont)
	box[3] += int(lh) + 8
	b.openBox(m.ID, "map", m.Title, m.Desc, box, mapFont, m.Link != nil)
	b.patterns(m.ID, mapPattern, slotsOf(m.Categories))
	b.f(`<path class="sea" d="%s"/>`, g.Sea)
	b.WriteString(`<g class="land" fill-rule="evenodd">`)
	drawn := map[string]bool{}
	for _, a := range drawable {
		drawn[a.Code] = true
	}
	b.WriteString(`<g class="bg">`)
	for _, s := range g.Shapes {
		if !drawn[s.Code] && !s.Hidden {
			b.shape(m.Sprite, s)
		}
	}
	b.WriteString("</g>")
	byCat := make([][]Area, len(m.Categories))
	for _, a := range drawable {
		byCat[a.Category] = append(byCat[a.Category], a)
	}
	// One group per category carries the fill, so each state's element
	// needs none of its own.
	for i, areas := range byCat {
		if len(areas) == 0 {
			continue
		}
		sort.Slice(areas, func(x, y int) bool { return areas[x].Code < areas[y].Code })
		b.f(`<g fill="%s">`, fill(m.ID, m.Categories[i].Slot))
		for _, a := range areas {
			b.area(g, m, a)
		}
		b.WriteString("</g>")
	}
	b.WriteString("</g>")
	b.WriteString(legend.String())
	b.close()
	return Figure{Kind: "map", ID: m.ID, Title: m.Title, Desc: m.Desc, SVG: b.String(), Table: mapTable(m)}
}

// shape draws one outline, inline or as a reference into the sprite.
func (b *svg) shape(sprite string, s Shape) {
	if s.Code != "" && sprite != "" {
		b.f(`<use href="%s#%s"/>`, esc(sprite), s.Code)
		return
	}
	b.f(`<path d="%s"/>`, s.D)
}

func (b *svg) area(g *Geometry, m MapData, a Area) {
	tip := a.Name + ": " + m.Categories[a.Category].Label
	if m.Link != nil {
		b.f(`<a href="%s">`, esc(m.Link(a.Code)))
	} else {
		b.WriteString("<g>")
	}
	b.f(`<title>%s</title>`, esc(tip))
	if i, ok := g.byCode[a.Code]; ok {
		s := g.Shapes[i]
		if !s.Hidden {
			b.shape(m.Sprite, s)
		}
		if s.Small {
			b.f(`<circle class="mark" cx="%d" cy="%d" r="%s"/>`, s.X, s.Y, num(dotRadius))
		}
	} else if i, ok := g.dotsByCode[a.Code]; ok {
		d := g.Dots[i]
		b.f(`<circle class="mark" cx="%d" cy="%d" r="%s"/>`, d.X, d.Y, num(dotRadius))
	}
	if m.Link != nil {
		b.WriteString("</a>")
	} else {
		b.WriteString("</g>")
	}
}

func mapTable(m MapData) Table {
	t := Table{Head: m.Head[:], Num: []bool{false, true, false}}
	names := make([][]string, len(m.Categories))
	for _, a := range m.Areas {
		names[a.Category] = append(names[a.Category], a.Name)
	}
	for i, c := range m.Categories {
		names := names[i]
		m.Locale.sort(names)
		t.Rows = append(t.Rows, []string{c.Label, m.Locale.count(len(names)), strings.Join(names, "; ")})
	}
	return t
}

// SpriteFile returns the shared geometry as a standalone SVG document, one
// <path id="CODE"> per state shape, and a file name that changes with its
// content, so that a browser may cache it for good. Maps given its URL as
// Sprite draw each state with <use href="URL#CODE">.
func SpriteFile() (name string, data []byte) {
	spriteOnce.Do(func() { spriteName, spriteData = makeSprite() })
	return spriteName, spriteData
}

var (
	spriteOnce sync.Once
	spriteName string
	spriteData []byte
)

func makeSprite() (string, []byte) {
	g := World()
	var b strings.Builder
	b.WriteString(`<svg xmlns="http://www.w3.org/2000/svg"><defs>`)
	for _, s := range g.Shapes {
		if s.Code != "" && !s.Hidden {
			b.WriteString(`<path id="` + s.Code + `" d="` + s.D + `"/>`)
		}
	}
	b.WriteString("</defs></svg>\n")
	sum := sha256.Sum256([]byte(b.String()))
	return "world-" + hex.EncodeToString(sum[:4]) + ".svg", []byte(b.String())
}
