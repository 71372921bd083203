package tcp

import (
	"time"

	"github.com/sockplay/sockplay/core/trace"
)

// EventKind says what an Event records.
type EventKind uint8

const (
	EventState          EventKind = iota + 1 // the state changed: From → To
	EventTimerArmed                          // Timer armed to fire At
	EventTimerCancelled                      // Timer stopped before firing
	EventTimerFired                          // Timer expired
	EventNote                                // retransmission, probe, RTO change ...
)

// Event is something a learner may want to see in the trace. Fields that
// do not apply stay zero.
type Event struct {
	Time     time.Duration
	Kind     EventKind
	From, To State
	Timer    Timer
	At       time.Duration
	Text     string
	TCP      *trace.TCPState // after an RTT sample
}

func (c *Conn) note(now time.Duration, text string) {
	c.events = append(c.events, Event{Time: now, Kind: EventNote, Text: text})
}

// setState moves to s, recording why.
func (c *Conn) setState(now time.Duration, s State, reason string) {
	if s == c.state {
		return
	}
	c.events = append(c.events, Event{Time: now, Kind: EventState, From: c.state, To: s, Text: reason})
	c.state = s
}

// Events drains the events recorded since the last call.
func (c *Conn) Events() []Event {
	ev := c.events
	c.events = nil
	return ev
}
