package tcp

import (
	"strconv"
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
	Relative string          // Text with its sequence numbers counted from each side's ISN (seqNote)
	TCP      *trace.TCPState // after an RTT sample
}

func (c *Conn) note(now time.Duration, text string) {
	c.events = append(c.events, Event{Time: now, Kind: EventNote, Text: text})
}

// sndSeq and rcvSeq are sequence numbers in a note: this side's, counted
// from ISS, and the peer's, counted from IRS.
type (
	sndSeq uint32
	rcvSeq uint32
)

// seqNote records a note that names sequence numbers. parts are strings,
// sndSeq and rcvSeq: Text has the numbers as on the wire, Relative as
// tcpdump and the page's arrows count them, from each side's ISN.
func (c *Conn) seqNote(now time.Duration, parts ...any) {
	var abs, rel []byte
	for _, p := range parts {
		switch v := p.(type) {
		case string:
			abs, rel = append(abs, v...), append(rel, v...)
		case sndSeq:
			abs = strconv.AppendUint(abs, uint64(v), 10)
			rel = strconv.AppendUint(rel, uint64(uint32(v)-c.iss), 10)
		case rcvSeq:
			abs = strconv.AppendUint(abs, uint64(v), 10)
			rel = strconv.AppendUint(rel, uint64(uint32(v)-c.irs), 10)
		}
	}
	c.events = append(c.events, Event{Time: now, Kind: EventNote, Text: string(abs), Relative: string(rel)})
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
