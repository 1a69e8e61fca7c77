package charts

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strconv"
	"sync"
)

// world.json is Natural Earth's 1:110m country topology (and 1:10m
// centroids for the states too small for it) as tools/worldmap/convert.js
// writes it: arcs in hundredths of a degree, delta-encoded; shapes as
// polygons of rings of arc indices (~i is arc i reversed), keyed by ISO
// alpha-3 or, for areas outside the registry, by name.
//
//go:embed world.json
var worldJSON []byte

// mapScale is how many SVG units one unit of the Equal Earth plane takes.
// At 170 the world is about 920 units wide: coarse enough that rounding
// to whole units drops most of the 110m points, fine enough that a
// border moves by less than a pixel on a page 46rem wide.
const mapScale = 170

// dotMin is the size, in SVG units, under which a shape gets a dot as
// well: a country a few units across cannot be seen, or hit with a
// pointer, without one.
const dotMin = 6

// Geometry is the world map projected once and shared by every map of a
// build.
type Geometry struct {
	Shapes     []Shape // registry states by code, then background areas by name
	Dots       []Dot   // states with no 1:110m shape, by code
	ViewBox    [4]int  // min x, min y, width, height
	Sea        string  // path data: the globe's outline within ViewBox
	byCode     map[string]int
	dotsByCode map[string]int
}

// Shape is one area's outline as SVG path data in whole units.
type Shape struct {
	Code   string // ISO alpha-3; "" for an area outside the registry
	Name   string // Natural Earth's name, for background areas
	D      string
	X, Y   int  // centroid of its largest polygon
	Small  bool // drawn with a dot as well
	Hidden bool // rounded away entirely: only its dot shows
}

// Dot is a state drawn as a marked point: its centroid at 1:10m.
type Dot struct {
	Code string
	X, Y int
}

var (
	worldOnce sync.Once
	world     *Geometry
)

// World returns the projected world map. The embedded data is checked by
// the package tests, so a failure to decode it is a defect of the binary.
func World() *Geometry {
	worldOnce.Do(func() {
		g, err := projectWorld(worldJSON)
		if err != nil {
			panic(fmt.Sprintf("charts: world.json: %v", err))
		}
		world = g
	})
	return world
}

// Has reports whether the map shows the state, as a shape or a dot.
func (g *Geometry) Has(code string) bool {
	_, shape := g.byCode[code]
	_, dot := g.dotsByCode[code]
	return shape || dot
}

type worldFile struct {
	Scale  float64 `json:"scale"`
	Arcs   [][]int `json:"arcs"`
	Shapes []struct {
		ID       string    `json:"id"`
		Name     string    `json:"name"`
		Polygons [][][]int `json:"polygons"`
	} `json:"shapes"`
	Dots []struct {
		ID       string `json:"id"`
		Lon, Lat int
	} `json:"dots"`
}

type pt struct{ x, y int }

func projectWorld(data []byte) (*Geometry, error) {
	var f worldFile
	if err := json.Unmarshal(data, &f); err != nil {
		return nil, err
	}
	arcs := make([][]pt, len(f.Arcs))
	for i, a := range f.Arcs {
		arcs[i] = decodeArc(a)
	}
	g := &Geometry{byCode: map[string]int{}, dotsByCode: map[string]int{}}
	box := newBBox()
	for _, s := range f.Shapes {
		sh := Shape{Code: s.ID, Name: s.Name}
		var rings [][]pt
		var largest []pt
		largestArea := -1.0
		for _, poly := range s.Polygons {
			for i, ring := range poly {
				r, err := stitch(arcs, ring)
				if err != nil {
					return nil, fmt.Errorf("%s%s: %w", s.ID, s.Name, err)
				}
				for _, piece := range splitAntimeridian(r) {
					if piece = dedupe(project(piece, f.Scale)); piece == nil {
						continue // rounded to a point or a line
					}
					rings = append(rings, piece)
					if a := math.Abs(area(piece)); i == 0 && a > largestArea {
						largest, largestArea = piece, a
					}
				}
			}
		}
		sh.D = pathData(rings)
		sb := newBBox()
		for _, r := range rings {
			for _, p := range r {
				sb.add(p)
				box.add(p)
			}
		}
		switch {
		case largest != nil:
			sh.X, sh.Y = centroid(largest)
			sh.Small = sb.maxX-sb.minX < dotMin && sb.maxY-sb.minY < dotMin
		case s.ID == "":
			continue
		default:
			// Too small to survive rounding: place the dot on the raw
			// outline instead.
			r, _ := stitch(arcs, s.Polygons[0][0])
			p := project(r[:1], f.Scale)[0]
			sh.X, sh.Y = p.x, p.y
			sh.Hidden, sh.Small = true, true
		}
		if sh.Code != "" {
			g.byCode[sh.Code] = len(g.Shapes)
		}
		g.Shapes = append(g.Shapes, sh)
	}
	for _, d := range f.Dots {
		x, y := EqualEarth(float64(d.Lon)/f.Scale, float64(d.Lat)/f.Scale)
		p := toUnits(x, y)
		box.add(p)
		g.dotsByCode[d.ID] = len(g.Dots)
		g.Dots = append(g.Dots, Dot{Code: d.ID, X: p.x, Y: p.y})
	}
	sort.SliceStable(g.Dots, func(i, j int) bool { return g.Dots[i].Code < g.Dots[j].Code })
	for i, d := range g.Dots {
		g.dotsByCode[d.Code] = i
	}
	const margin = 6
	g.ViewBox = [4]int{box.minX - margin, box.minY - margin, box.maxX - box.minX + 2*margin, box.maxY - box.minY + 2*margin}
	g.Sea = seaPath(g.ViewBox)
	return g, nil
}

// seaPath outlines the globe between the map's top and bottom edges: the
// curved meridians ±180° joined by straight parallels, so that the map
// reads as the Equal Earth shape, not a rectangle, yet leaves the space
// under it (where the legend goes) empty.
func seaPath(box [4]int) string {
	_, top := EqualEarthInverse(0, -float64(box[1])/mapScale)
	_, bottom := EqualEarthInverse(0, -float64(box[1]+box[3])/mapScale)
	var ring []pt
	const steps = 24
	for i := 0; i <= steps; i++ {
		lat := top + (bottom-top)*float64(i)/steps
		ring = append(ring, toUnits(EqualEarth(180, lat)))
	}
	for i := steps; i >= 0; i-- {
		lat := top + (bottom-top)*float64(i)/steps
		ring = append(ring, toUnits(EqualEarth(-180, lat)))
	}
	return pathData([][]pt{ring})
}

// decodeArc undoes the delta encoding of one arc: points in hundredths
// of a degree.
func decodeArc(flat []int) []pt {
	out := make([]pt, 0, len(flat)/2)
	lon, lat := 0, 0
	for i := 0; i+1 < len(flat); i += 2 {
		lon += flat[i]
		lat += flat[i+1]
		out = append(out, pt{lon, lat})
	}
	return out
}

// project turns a ring in hundredths of a degree into whole map units.
// Rounding after projection, and from the same stored points, keeps a
// shared border identical on both sides.
func project(r []pt, scale float64) []pt {
	out := make([]pt, len(r))
	for i, p := range r {
		out[i] = toUnits(EqualEarth(float64(p.x)/scale, float64(p.y)/scale))
	}
	return out
}

// toUnits scales a projected point to SVG units, flipping y so that north
// is up.
func toUnits(x, y float64) pt {
	return pt{int(math.Round(x * mapScale)), int(math.Round(-y * mapScale))}
}

// stitch joins a ring's arcs; each arc starts where the last one ended,
// so that shared point is written once.
func stitch(arcs [][]pt, ring []int) ([]pt, error) {
	var out []pt
	for k, i := range ring {
		rev := i < 0
		if rev {
			i = ^i
		}
		if i >= len(arcs) {
			return nil, fmt.Errorf("arc %d out of range", i)
		}
		a := arcs[i]
		for j := range a {
			p := a[j]
			if rev {
				p = a[len(a)-1-j]
			}
			if j == 0 && k > 0 {
				continue
			}
			out = append(out, p)
		}
	}
	return out, nil
}

// dedupe drops points that rounding made repeat. A ring that keeps fewer
// than four points (three corners and the closing one) has no area left.
func dedupe(r []pt) []pt {
	out := r[:0:0]
	for _, p := range r {
		if len(out) == 0 || out[len(out)-1] != p {
			out = append(out, p)
		}
	}
	if len(out) < 4 || area(out) == 0 {
		return nil
	}
	return out
}

func area(r []pt) float64 {
	a := 0
	for i := range r {
		j := (i + 1) % len(r)
		a += r[i].x*r[j].y - r[j].x*r[i].y
	}
	return float64(a) / 2
}

func centroid(r []pt) (int, int) {
	var a, cx, cy float64
	for i := range r {
		j := (i + 1) % len(r)
		f := float64(r[i].x*r[j].y - r[j].x*r[i].y)
		a += f
		cx += float64(r[i].x+r[j].x) * f
		cy += float64(r[i].y+r[j].y) * f
	}
	if a == 0 {
		return r[0].x, r[0].y
	}
	return int(math.Round(cx / (3 * a))), int(math.Round(cy / (3 * a)))
}

// pathData writes rings as compact SVG path data: an absolute move to the
// first ring, relative line-tos, and a relative move from each ring's
// start to the next, with no separator before a minus sign.
func pathData(rings [][]pt) string {
	var b []byte
	var start pt
	for k, r := range rings {
		if k == 0 {
			b = append(b, 'M')
			b = appendPair(b, r[0].x, r[0].y, true)
		} else {
			b = append(b, 'm')
			b = appendPair(b, r[0].x-start.x, r[0].y-start.y, true)
		}
		start = r[0]
		b = append(b, 'l')
		prev := r[0]
		last := len(r)
		if r[last-1] == r[0] {
			last-- // z closes the ring
		}
		for i, p := range r[1:last] {
			b = appendPair(b, p.x-prev.x, p.y-prev.y, i == 0)
			prev = p
		}
		b = append(b, 'z')
	}
	return string(b)
}

func appendPair(b []byte, x, y int, first bool) []byte {
	b = appendNum(b, x, first)
	return appendNum(b, y, false)
}

func appendNum(b []byte, n int, first bool) []byte {
	if !first && n >= 0 {
		b = append(b, ' ')
	}
	return strconv.AppendInt(b, int64(n), 10)
}

type bbox struct{ minX, minY, maxX, maxY int }

func newBBox() bbox {
	return bbox{math.MaxInt, math.MaxInt, math.MinInt, math.MinInt}
}

func (b *bbox) add(p pt) {
	b.minX, b.minY = min(b.minX, p.x), min(b.minY, p.y)
	b.maxX, b.maxY = max(b.maxX, p.x), max(b.maxY, p.y)
}
