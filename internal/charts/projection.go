package charts

import "math"

// The Equal Earth projection (Šavrič, Patterson and Jenny, "The Equal
// Earth map projection", International Journal of Geographical
// Information Science 33(3), 2019). It is equal-area, so a large country
// does not look more important than it is, and its curved sides keep the
// shapes of countries near the poles recognisable.
const (
	eeA1 = 1.340264
	eeA2 = -0.081106
	eeA3 = 0.000893
	eeA4 = 0.003796
	eeM  = 0.8660254037844386 // √3/2
)

// EqualEarth projects a point given in degrees onto the unit sphere's
// Equal Earth plane: x grows eastwards, y northwards, (0,0) maps to (0,0)
// and the map spans about ±2.7066 by ±1.3174.
func EqualEarth(lon, lat float64) (x, y float64) {
	lambda, phi := lon*math.Pi/180, lat*math.Pi/180
	theta := math.Asin(eeM * math.Sin(phi))
	t2 := theta * theta
	t6 := t2 * t2 * t2
	x = lambda * math.Cos(theta) / (eeM * (eeA1 + 3*eeA2*t2 + t6*(7*eeA3+9*eeA4*t2)))
	y = theta * (eeA1 + eeA2*t2 + t6*(eeA3+eeA4*t2))
	return x, y
}

// EqualEarthInverse returns the longitude and latitude, in degrees, of a
// point on the Equal Earth plane. y is a polynomial in θ with no closed
// inverse, so θ is found by Newton's method, as the paper describes.
func EqualEarthInverse(x, y float64) (lon, lat float64) {
	theta := y
	for range 20 {
		t2 := theta * theta
		t6 := t2 * t2 * t2
		f := theta*(eeA1+eeA2*t2+t6*(eeA3+eeA4*t2)) - y
		df := eeA1 + 3*eeA2*t2 + t6*(7*eeA3+9*eeA4*t2)
		d := f / df
		theta -= d
		if math.Abs(d) < 1e-14 {
			break
		}
	}
	t2 := theta * theta
	t6 := t2 * t2 * t2
	lambda := eeM * x * (eeA1 + 3*eeA2*t2 + t6*(7*eeA3+9*eeA4*t2)) / math.Cos(theta)
	phi := math.Asin(math.Sin(theta) / eeM)
	return lambda * 180 / math.Pi, phi * 180 / math.Pi
}
