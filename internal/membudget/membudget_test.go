package membudget

import "testing"

// The budget is two and a half times the live heap, within its floor and
// ceiling.
func TestBudget(t *testing.T) {
	for _, c := range []struct {
		live uint64
		want int64
	}{
		{0, budgetFloor},
		{100 << 20, budgetFloor},
		{200 << 20, 500 << 20},
		{560 << 20, budgetCeiling},
		{2 << 30, budgetCeiling},
	} {
		if got := Budget(c.live); got != c.want {
			t.Errorf("Budget(%d MiB) = %d MiB, want %d MiB", c.live>>20, got>>20, c.want>>20)
		}
	}
}
