package charts

import "math"

// Natural Earth lets a few rings (eastern Russia, Fiji) run across the
// 180th meridian: a step from 179.4° to -180° is a short hop on the globe
// but a line across the whole map once projected. Such a ring is unwrapped
// into continuous longitudes, cut at the meridian, and the far piece is
// moved back by 360°.

const (
	halfTurn = 180 * 100 // in the stored hundredths of a degree
	fullTurn = 2 * halfTurn
)

func splitAntimeridian(r []pt) [][]pt {
	crosses := false
	for i := 1; i < len(r); i++ {
		if d := r[i].x - r[i-1].x; d > halfTurn || d < -halfTurn {
			crosses = true
			break
		}
	}
	if !crosses {
		return [][]pt{r}
	}
	u := make([]pt, len(r))
	u[0] = r[0]
	for i := 1; i < len(r); i++ {
		p := r[i]
		for p.x-u[i-1].x > halfTurn {
			p.x -= fullTurn
		}
		for p.x-u[i-1].x < -halfTurn {
			p.x += fullTurn
		}
		u[i] = p
	}
	if u[len(u)-1] != u[0] {
		return [][]pt{r} // a ring around a pole; none is drawn
	}
	cut, shift := halfTurn, -fullTurn
	for _, p := range u {
		if p.x < -halfTurn {
			cut, shift = -halfTurn, fullTurn
			break
		}
	}
	west := clipX(u, cut, false)
	east := clipX(u, cut, true)
	near, far := west, east
	if shift > 0 {
		near, far = east, west
	}
	for i := range far {
		far[i].x += shift
	}
	var out [][]pt
	for _, piece := range [][]pt{near, far} {
		if len(piece) >= 4 {
			out = append(out, piece)
		}
	}
	return out
}

// clipX keeps the part of a closed ring on one side of the vertical line
// x = cut (Sutherland–Hodgman against a single edge). Where the ring
// leaves and re-enters the side several times, the pieces are joined
// along the line by zero-width edges, which fill nothing.
func clipX(r []pt, cut int, keepEast bool) []pt {
	in := func(p pt) bool {
		if keepEast {
			return p.x >= cut
		}
		return p.x <= cut
	}
	var out []pt
	for i := 0; i+1 < len(r); i++ {
		p, q := r[i], r[i+1]
		switch {
		case in(p) && in(q):
			out = append(out, p)
		case in(p):
			out = append(out, p, cross(p, q, cut))
		case in(q):
			out = append(out, cross(p, q, cut))
		}
	}
	if len(out) > 0 {
		out = append(out, out[0])
	}
	return out
}

func cross(p, q pt, cut int) pt {
	t := float64(cut-p.x) / float64(q.x-p.x)
	return pt{cut, p.y + int(math.Round(float64(q.y-p.y)*t))}
}
