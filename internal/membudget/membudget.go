// Package membudget sets how far the heap may grow before the collector
// runs, for a one-off build and for the live preview.
package membudget

import (
	"os"
	"runtime/debug"
	"runtime/metrics"
	"sync"
	"time"
)

// How a one-off build or check uses memory. It allocates a great deal
// and keeps little: at 10,000 briefs it allocates some 2 GB while holding
// 100 to 170 MB. Collecting whenever the heap doubles (Go's default)
// spends a tenth of the build's CPU time on the collector. Instead the
// heap may grow to a budget, two and a half times what it holds but never
// less than budgetFloor (so a mid-sized site collects a few times per
// build rather than dozens) nor more than budgetCeiling (so 100,000
// briefs stay under 2 GiB of peak memory). Small sites never reach the
// floor: for them budgetGCPercent governs, five times what they hold.
const (
	budgetFloor     = 420 << 20
	budgetCeiling   = 1400 << 20
	budgetGCPercent = 400
	budgetEvery     = 25 * time.Millisecond
)

// Budget is the soft memory limit for a heap holding live bytes.
func Budget(live uint64) int64 {
	return min(max(int64(live)*5/2, budgetFloor), budgetCeiling)
}

// OneOff applies the policy for a one-off build or check, leaving alone
// what the user set with GOGC or GOMEMLIMIT. It lasts for the life of the
// process.
func OneOff() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(budgetGCPercent)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		following.Do(func() {
			debug.SetMemoryLimit(Budget(0))
			go followBudget()
		})
	}
}

var following sync.Once

// Resident keeps a long-lived process (the preview, which sets its own
// limit once it has built the site) under the ceiling until then, unless
// the user set GOMEMLIMIT.
func Resident() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(budgetCeiling)
	}
}

// followBudget raises the limit as the heap comes to hold more, reading
// the live heap as the last collection measured it.
func followBudget() {
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	last := Budget(0)
	for range time.Tick(budgetEvery) {
		metrics.Read(sample)
		if sample[0].Value.Kind() != metrics.KindUint64 {
			return
		}
		if b := Budget(sample[0].Value.Uint64()); b != last {
			debug.SetMemoryLimit(b)
			last = b
		}
	}
}
