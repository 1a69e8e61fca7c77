package charts

import "testing"

func TestNiceStep(t *testing.T) {
	for _, c := range []struct {
		span float64
		n    int
		want float64
	}{
		{12, 5, 5}, {3, 5, 1}, {150, 5, 50}, {193, 5, 50}, {100, 4, 25}, {18, 8, 5}, {67, 8, 10}, {0, 5, 1},
	} {
		if got := niceStep(c.span, c.n); got != c.want {
			t.Errorf("niceStep(%v, %d) = %v, want %v", c.span, c.n, got, c.want)
		}
	}
}
