package goal

import (
	"github.com/sockplay/sockplay/core/trace"
	"github.com/sockplay/sockplay/core/wire"
)

// Goal is a parsed goal: a predicate the Checker evaluates.
type Goal struct {
	Text string // as written
	root node
}

// Monotone reports whether the goal, once met, stays met whatever lines
// come after: true of "something happened" and "at least N times", not of
// a state ("socket … TIME-WAIT" ends when the timer fires), "never", "not"
// or "at most".
func (g *Goal) Monotone() bool { return g.root.monotone() }

// node is a predicate.
type node interface {
	monotone() bool
	events(add func(*Event)) // the event patterns it reads, for the Checker
}

type orNode struct{ terms []node }
type andNode struct{ terms []node }
type notNode struct{ x node }

// happened: some event matched e.
type happened struct{ e *Event }

// never: no event matched e.
type never struct{ e *Event }

// counted: the number of matches of e (the most over one connection, when
// perConn) compares with n.
type counted struct {
	e       *Event
	perConn bool
	cmp     string
	n       int
}

// before: a match of a came before a match of b.
type before struct{ a, b *Event }

// socketIs: a socket of host (with port as its local or remote port,
// when port > 0) is in state now.
type socketIs struct {
	host  string
	port  int
	state string
}

func (n *orNode) monotone() bool  { return allMonotone(n.terms) }
func (n *andNode) monotone() bool { return allMonotone(n.terms) }
func (*notNode) monotone() bool   { return false }
func (*happened) monotone() bool  { return true }
func (*never) monotone() bool     { return false }
func (n *counted) monotone() bool { return n.cmp == ">=" || n.cmp == ">" }
func (*before) monotone() bool    { return true }
func (*socketIs) monotone() bool  { return false }

func allMonotone(ts []node) bool {
	for _, t := range ts {
		if !t.monotone() {
			return false
		}
	}
	return true
}

func (n *orNode) events(add func(*Event))   { eachEvents(n.terms, add) }
func (n *andNode) events(add func(*Event))  { eachEvents(n.terms, add) }
func (n *notNode) events(add func(*Event))  { n.x.events(add) }
func (n *happened) events(add func(*Event)) { add(n.e) }
func (n *never) events(add func(*Event))    { add(n.e) }
func (n *counted) events(add func(*Event))  { add(n.e) }
func (n *before) events(add func(*Event))   { add(n.a); add(n.b) }
func (*socketIs) events(func(*Event))       {}

func eachEvents(ts []node, add func(*Event)) {
	for _, t := range ts {
		t.events(add)
	}
}

// What an Event pattern matches.
type eventKind uint8

const (
	evSegment  eventKind = iota + 1 // a TCP segment
	evDatagram                      // a UDP datagram
	evICMP                          // an ICMP message
	evCall                          // a call that returned
	evEntered                       // a TCP connection entered a state
	evFired                         // a timer expired
)

// Event is a pattern over trace events (packets, state changes, timers) or
// call results. Empty strings and negative numbers match anything.
type Event struct {
	kind eventKind

	// Packets.
	from, to  string     // host names; "" is any
	fate      trace.Kind // trace.Send, trace.Deliver or trace.Drop
	flags     wire.TCPFlags
	flagsSet  bool // flags given
	flagsMore bool // [F*]: these flags and maybe others
	cause     string
	anyRexmit bool // retransmit without a kind: any retransmission cause
	data      int  // 1: carries payload, -1: carries none, 0: either
	win       int  // the raw window field, -1 any
	unacked   bool // it carries data and left while earlier data was unacknowledged
	request   bool // carries the start of an HTTP request
	icmpType  int  // -1 any
	icmpCode  int  // -1 any

	// Calls.
	host   string
	op     string
	fails  bool
	errno  string
	retCmp string // "" when the return value is not compared
	ret    int

	// States and timers.
	state string
	timer string
}
