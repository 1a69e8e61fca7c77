package cputime

import (
	"runtime"
	"testing"
)

// Work on this goroutine shows as CPU time used.
func TestUsedGrowsWithWork(t *testing.T) {
	if runtime.GOOS == "windows" || runtime.GOOS == "plan9" {
		t.Skip("CPU time is not read on " + runtime.GOOS)
	}
	before := Used()
	x := 0
	for i := range 200_000_000 {
		x += i % 7
	}
	after := Used()
	if after <= before {
		t.Errorf("CPU time went from %v to %v over a busy loop (sum %d)", before, after, x)
	}
}
