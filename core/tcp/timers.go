package tcp

import "time"

// Timer names one of a connection's timers.
type Timer uint8

const (
	TimerRetransmit Timer = iota // RFC 6298 retransmission (also SYN and SYN-ACK)
	TimerPersist                 // zero-window probes (RFC 9293 3.8.6.1)
	TimerDelayedACK              // RFC 5681 4.2 / RFC 9293 3.8.6.3
	TimerKeepalive               // RFC 9293 3.8.4 / RFC 1122 4.2.3.6
	TimerTimeWait                // 2·MSL
	TimerFinWait2                // orphaned FIN-WAIT-2 (Linux tcp_fin_timeout)
	numTimers
)

var timerNames = [numTimers]string{"retransmit", "persist", "delack", "keepalive", "time-wait", "fin-wait-2"}

// cancelledNotes are the trace's notes for cancelled timers, made once:
// a timer is cancelled several times per round trip.
var cancelledNotes = [numTimers]string{"retransmit timer cancelled", "persist timer cancelled",
	"delack timer cancelled", "keepalive timer cancelled", "time-wait timer cancelled", "fin-wait-2 timer cancelled"}

// CancelledNote is the trace's note when t is cancelled.
func (t Timer) CancelledNote() string {
	if t < numTimers {
		return cancelledNotes[t]
	}
	return t.String() + " timer cancelled"
}

// String is the name the trace uses, e.g. "retransmit".
func (t Timer) String() string {
	if t < numTimers {
		return timerNames[t]
	}
	return "unknown"
}

type timerSlot struct {
	armed bool
	at    time.Duration
}

func (c *Conn) arm(now time.Duration, t Timer, at time.Duration) {
	s := &c.timers[t]
	if s.armed && s.at == at {
		return
	}
	s.armed, s.at = true, at
	c.events = append(c.events, Event{Time: now, Kind: EventTimerArmed, Timer: t, At: at})
}

// armIfIdle arms t unless it is already running.
func (c *Conn) armIfIdle(now time.Duration, t Timer, at time.Duration) {
	if !c.timers[t].armed {
		c.arm(now, t, at)
	}
}

func (c *Conn) cancel(now time.Duration, t Timer) {
	s := &c.timers[t]
	if !s.armed {
		return
	}
	s.armed = false
	c.events = append(c.events, Event{Time: now, Kind: EventTimerCancelled, Timer: t, At: s.at})
}

func (c *Conn) cancelAll(now time.Duration) {
	for t := Timer(0); t < numTimers; t++ {
		c.cancel(now, t)
	}
}

// Deadline is the earliest armed timer's expiry.
func (c *Conn) Deadline() (time.Duration, bool) {
	var best time.Duration
	found := false
	for _, s := range c.timers {
		if s.armed && (!found || s.at < best) {
			best, found = s.at, true
		}
	}
	return best, found
}

// maxFiringsPerAdvance bounds Advance so that a misconfigured tiny timeout
// cannot loop for long; every timer re-arms at least 1 ms ahead.
const maxFiringsPerAdvance = 100000

// Advance fires, in deadline order, every timer whose deadline is ≤ now.
// Each fires at its own deadline, as if the clock had stopped there.
func (c *Conn) Advance(now time.Duration) {
	for range maxFiringsPerAdvance {
		next, at, ok := c.nextDue(now)
		if !ok {
			return
		}
		c.timers[next].armed = false
		c.events = append(c.events, Event{Time: at, Kind: EventTimerFired, Timer: next, At: at})
		c.fire(at, next)
	}
}

func (c *Conn) nextDue(now time.Duration) (Timer, time.Duration, bool) {
	best, bestAt, found := Timer(0), time.Duration(0), false
	for t := Timer(0); t < numTimers; t++ {
		s := c.timers[t]
		if s.armed && s.at <= now && (!found || s.at < bestAt) {
			best, bestAt, found = t, s.at, true
		}
	}
	return best, bestAt, found
}

func (c *Conn) fire(now time.Duration, t Timer) {
	switch t {
	case TimerRetransmit:
		c.onRetransmitTimeout(now)
	case TimerPersist:
		c.onPersistTimeout(now)
	case TimerDelayedACK:
		c.delayedAckFired()
	case TimerKeepalive:
		c.onKeepaliveTimeout(now)
	case TimerTimeWait:
		c.setState(now, Closed, "2MSL timeout")
		c.cancelAll(now)
	case TimerFinWait2:
		c.setState(now, Closed, "FIN-WAIT-2 timeout (tcp_fin_timeout)")
		c.cancelAll(now)
	}
}

// TimerDeadline reports when timer t fires, if it is armed.
func (c *Conn) TimerDeadline(t Timer) (time.Duration, bool) {
	if t >= numTimers || !c.timers[t].armed {
		return 0, false
	}
	return c.timers[t].at, true
}
