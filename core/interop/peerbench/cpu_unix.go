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

// PeakRSS is the most resident memory the process has had, in bytes
// (Linux reports ru_maxrss in KB), and whether it is known.
func PeakRSS() (int64, bool) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, false
	}
	return int64(ru.Maxrss) * 1024, true
}
