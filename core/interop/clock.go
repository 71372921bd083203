package interop

import (
	"sort"
	"sync"
	"time"

	"gvisor.dev/gvisor/pkg/tcpip"
)

// epoch is what gVisor reads as wall time at virtual time 0.
var epoch = time.Unix(0, 0)

// virtualClock is a tcpip.Clock that only moves when told to and runs due
// timer callbacks on the caller's goroutine, in deadline order and, for equal
// deadlines, in arming order. faketime.ManualClock would do too, but it runs
// same-instant timers in map order and zero-delay timers on fresh goroutines;
// both break the byte-identical runs we want, and it cannot tell us when its
// next timer is due, which we need to jump both clocks in lock step.
type virtualClock struct {
	mu    sync.Mutex
	now   time.Duration
	armed uint64 // arming counter, for a total order among equal deadlines
	// timers holds every armed timer; small (a few per endpoint).
	timers map[*virtualTimer]struct{}
}

var _ tcpip.Clock = (*virtualClock)(nil)

func newVirtualClock() *virtualClock {
	return &virtualClock{timers: map[*virtualTimer]struct{}{}}
}

// Now implements tcpip.Clock.
func (c *virtualClock) Now() time.Time {
	return epoch.Add(c.Elapsed())
}

// NowMonotonic implements tcpip.Clock.
func (c *virtualClock) NowMonotonic() tcpip.MonotonicTime {
	var zero tcpip.MonotonicTime
	return zero.Add(c.Elapsed())
}

// Elapsed is the virtual time since the clock was made.
func (c *virtualClock) Elapsed() time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// AfterFunc implements tcpip.Clock. A timer with d <= 0 is due at once and
// runs at the next Advance, never inline: callers arm timers while holding
// locks the callback takes.
func (c *virtualClock) AfterFunc(d time.Duration, f func()) tcpip.Timer {
	t := &virtualTimer{clock: c, callback: f}
	t.Reset(d)
	return t
}

// NextDeadline returns when the earliest armed timer is due.
func (c *virtualClock) NextDeadline() (time.Duration, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	next, ok := time.Duration(0), false
	for t := range c.timers {
		if !ok || t.deadline < next {
			next, ok = t.deadline, true
		}
	}
	return next, ok
}

// AdvanceTo moves the clock to at (never backwards), running every timer due
// on the way at its own deadline, including timers those callbacks arm.
func (c *virtualClock) AdvanceTo(at time.Duration) {
	for {
		t := c.popDue(at)
		if t == nil {
			break
		}
		t.callback()
	}
	c.mu.Lock()
	if at > c.now {
		c.now = at
	}
	c.mu.Unlock()
}

// popDue disarms and returns the first timer due by at, moving the clock to
// its deadline.
func (c *virtualClock) popDue(at time.Duration) *virtualTimer {
	c.mu.Lock()
	defer c.mu.Unlock()
	due := make([]*virtualTimer, 0, len(c.timers))
	for t := range c.timers {
		if t.deadline <= at {
			due = append(due, t)
		}
	}
	if len(due) == 0 {
		return nil
	}
	sort.Slice(due, func(i, j int) bool {
		if due[i].deadline != due[j].deadline {
			return due[i].deadline < due[j].deadline
		}
		return due[i].seq < due[j].seq
	})
	first := due[0]
	delete(c.timers, first)
	if first.deadline > c.now {
		c.now = first.deadline
	}
	return first
}

// virtualTimer implements tcpip.Timer on a virtualClock.
type virtualTimer struct {
	clock    *virtualClock
	callback func()
	deadline time.Duration // guarded by clock.mu
	seq      uint64        // guarded by clock.mu
}

// Stop implements tcpip.Timer.
func (t *virtualTimer) Stop() bool {
	t.clock.mu.Lock()
	defer t.clock.mu.Unlock()
	_, armed := t.clock.timers[t]
	delete(t.clock.timers, t)
	return armed
}

// Reset implements tcpip.Timer.
func (t *virtualTimer) Reset(d time.Duration) {
	c := t.clock
	c.mu.Lock()
	defer c.mu.Unlock()
	t.deadline = c.now + max(d, 0)
	c.armed++
	t.seq = c.armed
	c.timers[t] = struct{}{}
}
