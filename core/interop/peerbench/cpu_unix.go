//go:build unix

package peerbench

import (
	"syscall"
	"time"
)

// CPUKind names what Sample.CPU measures here.
const CPUKind = "CPU time"

// cpuTime is the process's user and system time: gVisor's goroutines
// run on every core, so wall time would flatter it.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
