package synth

import (
	"math"
	"math/bits"
	"time"
)

// rng is a splitmix64 generator. We carry our own instead of math/rand/v2
// because the standard library does not promise that IntN and friends keep
// returning the same values across Go releases, and a benchmark site must
// keep the same bytes for the same seed for as long as we compare numbers
// taken on it.
type rng struct{ s uint64 }

// Streams keep the parts of a site independent: brief 7's body does not
// change when the data tables grow, and any brief can be generated on its
// own, in any order, by any goroutine.
const (
	streamSetup uint64 = iota + 1
	streamHead
	streamBody
	streamTreaties
	streamRatifications
	streamCommitments
	streamStatus
	streamCompliance
)

func newRNG(seed, stream, index uint64) *rng {
	r := &rng{s: mix(seed ^ 0x243f6a8885a308d3)}
	r.s = mix(r.s ^ stream*0x9e3779b97f4a7c15)
	r.s = mix(r.s ^ (index + 1))
	return r
}

func mix(z uint64) uint64 {
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

func (r *rng) next() uint64 {
	r.s += 0x9e3779b97f4a7c15
	return mix(r.s)
}

// intn returns a number in [0, n). The multiply-high reduction has a bias
// of at most n/2^64, far below anything a synthetic site could show.
func (r *rng) intn(n int) int {
	if n <= 0 {
		return 0
	}
	hi, _ := bits.Mul64(r.next(), uint64(n))
	return int(hi)
}

// between returns a number in [lo, hi], both included.
func (r *rng) between(lo, hi int) int {
	if hi <= lo {
		return lo
	}
	return lo + r.intn(hi-lo+1)
}

func (r *rng) float() float64 { return float64(r.next()>>11) / (1 << 53) }

func (r *rng) chance(p float64) bool { return r.float() < p }

// pick returns an index into weights, chosen in proportion to them.
func (r *rng) pick(weights []int) int {
	total := 0
	for _, w := range weights {
		total += w
	}
	x := r.intn(total)
	for i, w := range weights {
		if x < w {
			return i
		}
		x -= w
	}
	return len(weights) - 1
}

// distinct returns k different numbers from [0, n) in the order drawn.
func (r *rng) distinct(k, n int) []int {
	if k > n {
		k = n
	}
	out := make([]int, 0, k)
	for len(out) < k {
		x := r.intn(n)
		dup := false
		for _, y := range out {
			dup = dup || y == x
		}
		if !dup {
			out = append(out, x)
		}
	}
	return out
}

func (r *rng) perm(n int) []int {
	p := make([]int, n)
	for i := range p {
		p[i] = i
	}
	for i := n - 1; i > 0; i-- {
		j := r.intn(i + 1)
		p[i], p[j] = p[j], p[i]
	}
	return p
}

// zipf draws ranks 0..n-1 with probability proportional to 1/(rank+q)^s,
// the shape of word frequencies in real text: a few words everywhere and a
// long tail that search indexes have to carry.
//
// Drawing is inversion of the cumulative weights. A guide table (the
// first rank of each of 2^16 equal slices of the total) makes each draw a
// lookup and a step or two, where a binary search costs a dozen probes:
// the generator draws a word about 900 times per brief.
type zipf struct {
	cum   []float64
	guide []int32
}

const guideSize = 1 << 16

func newZipf(n int, s, q float64) zipf {
	z := zipf{cum: make([]float64, n), guide: make([]int32, guideSize)}
	total := 0.0
	for i := range z.cum {
		total += math.Pow(float64(i)+q, -s)
		z.cum[i] = total
	}
	i := 0
	for k := range z.guide {
		for i < n-1 && z.cum[i] < float64(k)/guideSize*total {
			i++
		}
		z.guide[k] = int32(i)
	}
	return z
}

func (z zipf) draw(r *rng) int {
	u := r.float()
	x := u * z.cum[len(z.cum)-1]
	i := int(z.guide[int(u*guideSize)])
	for i < len(z.cum)-1 && z.cum[i] < x {
		i++
	}
	return i
}

// Dates are handled as days since 1970-01-01 (UTC), which makes "30 days
// later" and "somewhere between" plain integer arithmetic.
func day(y, m, d int) int {
	return int(time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

func dateString(d int) string {
	return time.Unix(int64(d)*86400, 0).UTC().Format(time.DateOnly)
}

func yearOf(d int) int { return time.Unix(int64(d)*86400, 0).UTC().Year() }
