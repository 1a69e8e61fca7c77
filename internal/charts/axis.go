package charts

import "math"

// niceStep returns a step of 1, 2 or 5 times a power of ten that cuts
// span into at most n intervals, so axis labels are round numbers.
func niceStep(span float64, n int) float64 {
	if span <= 0 {
		return 1
	}
	raw := span / float64(n)
	p := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if m*p >= raw {
			if m == 2.5 && p < 10 {
				continue // 2.5 would put fractions on an axis of counts
			}
			return m * p
		}
	}
	return 10 * p
}

// scale maps a domain linearly onto a range of user units.
type scale struct{ d0, d1, r0, r1 float64 }

func (s scale) at(v float64) float64 {
	if s.d1 == s.d0 {
		return s.r0
	}
	return s.r0 + (v-s.d0)*(s.r1-s.r0)/(s.d1-s.d0)
}

// ticks lists the multiples of step within [lo, hi].
func ticks(lo, hi, step float64) []float64 {
	var out []float64
	for v := math.Ceil(lo/step) * step; v <= hi+1e-9; v += step {
		out = append(out, math.Round(v*1e6)/1e6)
	}
	return out
}
