//go:build !unix

package peerbench

import "time"

// CPUKind names what Sample.CPU measures here.
const CPUKind = "wall time (one thread)"

var origin = time.Now()

// cpuTime is wall time where the process cannot see its CPU time (wasm
// under Node runs on one thread, so the two agree).
func cpuTime() time.Duration { return time.Since(origin) }

// PeakRSS is unknown here.
func PeakRSS() (int64, bool) { return 0, false }
