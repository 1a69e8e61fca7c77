// Package cputime reads the CPU time the process has used, for benchmarks
// that must measure work on a shared machine, where wall time measures the
// neighbours too.
package cputime

import "time"

// Used is the CPU time, user and system, that the process has used so
// far, the garbage collector's included; 0 where it cannot be read.
func Used() time.Duration { return used() }
