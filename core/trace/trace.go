// Package trace is the ordered log of everything that happens in a session:
// calls and their results, packets sent, delivered and dropped, state
// changes and timers. Renderers (the CLI, the page, graders) read only this
// log and the state queries, so they all see the same facts.
package trace

import "time"

// Kind says what an event records.
type Kind string

const (
	Call     Kind = "call"    // a socket call was made on a host
	Result   Kind = "result"  // a call returned (possibly long after, for a blocking call)
	Blocked  Kind = "blocked" // a call could not finish now and blocks its host
	Send     Kind = "send"    // a packet was put on the wire
	Deliver  Kind = "deliver" // a packet arrived at its destination host
	Drop     Kind = "drop"    // a packet was lost (link loss, user drop, checksum or malformed)
	Dup      Kind = "dup"     // a packet was duplicated on the wire
	Delay    Kind = "delay"   // a packet in flight was held back
	Corrupt  Kind = "corrupt" // a packet in flight had a byte flipped
	State    Kind = "state"   // a TCP connection changed state
	TimerSet Kind = "timer"   // a timer was armed
	Fire     Kind = "fire"    // a timer expired
	Note     Kind = "note"    // anything else worth telling (retransmission, window probe, ...)
	Command  Kind = "command" // a net> command changed the network or the clock
)

// Event is one entry of the log. Fields that do not apply stay zero.
type Event struct {
	Index int           `json:"index"` // position in the log
	Line  int           `json:"line"`  // the script line (1-based) that caused it, 0 if none
	Time  time.Duration `json:"time"`  // virtual time since the session started
	Kind  Kind          `json:"kind"`
	Host  string        `json:"host,omitempty"`

	// Packets.
	Packet int    `json:"packet,omitempty"` // packet number on the wire, from 1
	From   string `json:"from,omitempty"`   // sending host (packets) or old state (State)
	To     string `json:"to,omitempty"`     // receiving host (packets) or new state (State)
	Bytes  []byte `json:"bytes,omitempty"`  // the IPv4 packet, for Send/Deliver/Drop
	Label  string `json:"label,omitempty"`  // what the payload carries, e.g. "GET / HTTP/1.1"
	Cause  string `json:"cause,omitempty"`  // why a TCP segment was sent (Send): "data", "retransmit-timeout", "dup-ack", ... (tcp.Cause)
	// TCP is the sender's congestion and RTT state as a TCP segment left
	// (Send) or after an RTT sample (Note): what a capture cannot show.
	TCP *TCPState `json:"tcp,omitempty"`
	// Conn names the TCP connection a state, timer or note event belongs
	// to: "10.0.0.1:34884 10.0.0.2:80", local address first.
	Conn string `json:"conn,omitempty"`

	// Sockets and timers.
	FD    int           `json:"fd,omitempty"`
	Timer string        `json:"timer,omitempty"` // "retransmit", "persist", "delack", "keepalive", "time-wait", ...
	At    time.Duration `json:"at,omitempty"`    // when an armed timer will fire

	Call  int    `json:"call,omitempty"`  // the call a Call/Blocked/Result event belongs to, numbered from 1
	Errno string `json:"errno,omitempty"` // a Result that failed: "ECONNREFUSED"

	Text string `json:"text,omitempty"` // human-readable summary
	// Relative is Text with its sequence numbers counted from each side's
	// ISN, as tcpdump and the page's arrows count them; empty when Text
	// names none.
	Relative string `json:"relative,omitempty"`
}

// Log is an append-only list of events. It keeps them in blocks of
// logBlock events, so that appending never copies what is logged already:
// a session of 100,000 packets logs several hundred thousand events.
type Log struct {
	blocks [][]Event
	n      int
}

// logBlock is the events a full block holds (about 240 KB). The first
// block grows to it as a slice would, so a short session stays small.
const logBlock = 1024

// Add appends e, numbering it.
func (l *Log) Add(e Event) {
	e.Index = l.n
	if k := len(l.blocks); k == 0 || len(l.blocks[k-1]) == logBlock {
		capacity := logBlock
		if k == 0 {
			capacity = 16
		}
		l.blocks = append(l.blocks, make([]Event, 0, capacity))
	}
	last := &l.blocks[len(l.blocks)-1]
	*last = append(*last, e)
	l.n++
}

// Len is the number of events logged.
func (l *Log) Len() int { return l.n }

// At is event i, 0 <= i < Len, in place: labelling a packet after the
// fact changes the logged event.
func (l *Log) At(i int) *Event { return &l.blocks[i/logBlock][i%logBlock] }

// Since returns a copy of the events appended after the first n.
func (l *Log) Since(n int) []Event {
	n = max(n, 0)
	if n >= l.n {
		return nil
	}
	out := make([]Event, 0, l.n-n)
	for b := n / logBlock; b < len(l.blocks); b++ {
		block := l.blocks[b]
		if b == n/logBlock {
			block = block[n%logBlock:]
		}
		out = append(out, block...)
	}
	return out
}

// Events returns a copy of every event.
func (l *Log) Events() []Event { return l.Since(0) }

// TCPState is a TCP sender's congestion control (RFC 5681, RFC 6675) and
// retransmission timer (RFC 6298) state at one moment.
type TCPState struct {
	Cwnd     uint32        `json:"cwnd"`
	Ssthresh uint32        `json:"ssthresh"`
	Rwnd     uint32        `json:"rwnd"`   // the peer's window, SND.WND
	Flight   uint32        `json:"flight"` // SND.NXT − SND.UNA once the segment left (RFC 5681's FlightSize)
	Recovery bool          `json:"recovery,omitempty"`
	SRTT     time.Duration `json:"srtt"`
	RTTVar   time.Duration `json:"rttvar"`
	RTO      time.Duration `json:"rto"`
	Sample   time.Duration `json:"sample,omitempty"` // the RTT measured (Note events)
}
