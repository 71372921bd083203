package stack

import (
	"time"

	"github.com/sockplay/sockplay/core/errno"
	"github.com/sockplay/sockplay/core/inet"
)

// Result is what a socket call returned. A call that cannot finish now
// on a blocking socket comes back with Blocked set; its real result
// arrives later as a Completion.
type Result struct {
	Ret     int           // the return value: fd, byte count, option value, ready count
	Data    []byte        // bytes received
	Addr    inet.AddrPort // peer address (accept, recvfrom, getpeername) or local (getsockname)
	Err     errno.Errno   // OK, or the errno Linux would set (the call returned -1)
	Blocked bool          // the call blocks its host until the network lets it finish
	On      string        // what a blocked call waits for: "accept(3): no connection yet"
	Linger  *Linger       // getsockopt(SO_LINGER)
	Timeval *Timeval      // getsockopt(SO_RCVTIMEO, SO_SNDTIMEO)
	Name    string        // getsockopt(TCP_CONGESTION)
	Poll    []PollFD      // poll: every entry with its revents
	// Refused says why the call was not made at all (its host is blocked
	// in another call). Nothing changed.
	Refused string
}

// Failed reports whether the call returned -1 or was refused.
func (r Result) Failed() bool { return r.Err != errno.OK || r.Refused != "" }

func fail(e errno.Errno) Result { return Result{Ret: -1, Err: e} }

func ok(ret int) Result { return Result{Ret: ret} }

// Linger is struct linger for SO_LINGER.
type Linger struct {
	OnOff  int // non-zero: close lingers
	Linger int // seconds; 0 with OnOff set means close resets the connection
}

// OptVal is a setsockopt argument: an int, a struct linger, a struct
// timeval or a name (TCP_CONGESTION).
type OptVal struct {
	Int     int
	Name    string
	Linger  *Linger
	Timeval *Timeval
}

// IntOpt is an int option value.
func IntOpt(v int) OptVal { return OptVal{Int: v} }

// PollFD is struct pollfd.
type PollFD struct {
	FD      int
	Events  int16
	Revents int16
}

// Completion is the late result of a call that blocked.
type Completion struct {
	Host   string
	Call   int // the call number given with SetCall when the call was made
	Line   int // the script line that made the call
	Op     string
	FD     int
	Result Result
}

// Pending describes the call that blocks a host.
type Pending struct {
	Call int
	Line int
	Op   string // "accept", "connect", "recv" ...
	FD   int
	On   string // "accept(3): no connection yet"
	// Deadline is when the call gives up (poll timeout, SO_LINGER), if HasDeadline.
	Deadline    time.Duration
	HasDeadline bool
}
