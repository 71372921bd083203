package stack

import (
	"math"
	"time"

	"github.com/sockplay/sockplay/core/errno"
	"github.com/sockplay/sockplay/core/limits"
)

// SO_RCVTIMEO and SO_SNDTIMEO, as Linux keeps them (net/core/sock.c,
// sock_set_timeout and sock_get_timeout): in jiffies, so a timeout is
// rounded up to a whole tick and reads back rounded.
const (
	hz = 250 // CONFIG_HZ of Debian's kernels: a jiffy is 4 ms
	// noTimeout is MAX_SCHEDULE_TIMEOUT: the call may block for ever.
	// It is the default, and what {0, 0} sets.
	noTimeout  = math.MaxInt64
	usecPerSec = 1_000_000
	jiffy      = time.Second / hz
)

// Timeval is struct timeval: SO_RCVTIMEO and SO_SNDTIMEO's value.
type Timeval struct {
	Sec  int64
	Usec int64
}

// timeoFrom is sock_set_timeout: EDOM for microseconds outside
// 0..999999; a negative time leaves 0 jiffies, which makes the call never
// sleep (EAGAIN at once, as if non-blocking); {0, 0} and times too long to
// count in jiffies mean no timeout.
func timeoFrom(tv Timeval) (int64, errno.Errno) {
	if tv.Usec < 0 || tv.Usec >= usecPerSec {
		return 0, errno.EDOM
	}
	if tv.Sec < 0 {
		return 0, errno.OK
	}
	if tv.Sec == 0 && tv.Usec == 0 || tv.Sec >= noTimeout/hz-1 {
		return noTimeout, errno.OK
	}
	return tv.Sec*hz + (tv.Usec+usecPerSec/hz-1)/(usecPerSec/hz), errno.OK
}

// timevalOf is sock_get_timeout: what getsockopt reports.
func timevalOf(timeo int64) Timeval {
	if timeo == noTimeout {
		return Timeval{}
	}
	return Timeval{Sec: timeo / hz, Usec: timeo % hz * usecPerSec / hz}
}

// runTimed is run for a call under SO_RCVTIMEO or SO_SNDTIMEO: a blocked
// call gives up after timeo jiffies and returns what expired says (EAGAIN,
// or the bytes moved so far). The caller counts a timeo of 0 as
// non-blocking.
func (h *Host) runTimed(op string, fd int, nonblock bool, nonblockErr errno.Errno, try attempt, timeo int64, expired func() Result, again copier) Result {
	if nonblock || timeo == noTimeout {
		return h.run(op, fd, nonblock, nonblockErr, try, again)
	}
	wait, ok := limits.Scale(timeo, jiffy)
	if !ok {
		wait = limits.End
	}
	return h.runWithDeadline(op, fd, false, nonblockErr, try, limits.AddTime(h.w.Now(), wait), true, expired, again)
}

// failWith is what a timed-out call returns when it moved nothing.
func failWith(e errno.Errno) func() Result { return func() Result { return fail(e) } }
