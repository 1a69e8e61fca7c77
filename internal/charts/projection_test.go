package charts

import (
	"math"
	"testing"
)

// Published values: PROJ's test suite (test/gie/builtins.gie) checks
// +proj=eqearth on a sphere of radius 6378137 m with these points, to 1 cm.
func TestEqualEarthPublishedValues(t *testing.T) {
	const r = 6378137.0
	for _, c := range []struct{ lon, lat, x, y float64 }{
		{0, 0, 0, 0},
		{180, 0, 17263256.84, 0},
		{180, 45, 14795421.79, 5486671.72},
	} {
		x, y := EqualEarth(c.lon, c.lat)
		if math.Abs(x*r-c.x) > 0.01 || math.Abs(y*r-c.y) > 0.01 {
			t.Errorf("EqualEarth(%v, %v) = (%.2f, %.2f) m, want (%.2f, %.2f)", c.lon, c.lat, x*r, y*r, c.x, c.y)
		}
	}
}

// The paper gives the map's proportions: the pole line is at y = ±1.3174
// on the unit sphere and the equator spans ±2.7066, a width-to-height
// ratio of 2.05458.
func TestEqualEarthExtent(t *testing.T) {
	x, _ := EqualEarth(180, 0)
	_, y := EqualEarth(0, 90)
	if math.Abs(x-2.70663) > 1e-5 || math.Abs(y-1.31736) > 1e-5 {
		t.Errorf("extent (%.6f, %.6f), want (2.70663, 1.31736)", x, y)
	}
	if ratio := x / y; math.Abs(ratio-2.05458) > 1e-4 {
		t.Errorf("width/height = %.5f, want 2.05458", ratio)
	}
}

// Properties that follow from the formulas: symmetry about both axes, the
// inverse undoing the projection, and equal area: the Jacobian of the
// projection, divided by the sphere's own area element cos φ, is 1
// everywhere (in radians).
func TestEqualEarthProperties(t *testing.T) {
	for lon := -180.0; lon <= 180; lon += 15 {
		for lat := -89.0; lat <= 89; lat += 7 {
			x, y := EqualEarth(lon, lat)
			mx, my := EqualEarth(-lon, -lat)
			if math.Abs(x+mx) > 1e-12 || math.Abs(y+my) > 1e-12 {
				t.Fatalf("not symmetric at (%v, %v)", lon, lat)
			}
			gl, gp := EqualEarthInverse(x, y)
			if math.Abs(gl-lon) > 1e-9 || math.Abs(gp-lat) > 1e-9 {
				t.Fatalf("inverse of (%v, %v) gave (%v, %v)", lon, lat, gl, gp)
			}
			const h = 1e-5 // degrees
			x1, y1 := EqualEarth(lon+h, lat)
			x2, y2 := EqualEarth(lon, lat+h)
			rad := h * math.Pi / 180
			jac := ((x1-x)*(y2-y) - (x2-x)*(y1-y)) / (rad * rad)
			if want := math.Cos(lat * math.Pi / 180); math.Abs(jac/want-1) > 1e-4 {
				t.Fatalf("area scale at (%v, %v) is %.6f, want 1", lon, lat, jac/want)
			}
		}
	}
}
