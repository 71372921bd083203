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
	Queue    Kind = "queue"   // a listener's SYN or accept queue changed length (Queue)
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

	// Queue is a listening socket's queues after a Queue event.
	Queue *QueueState `json:"queue,omitempty"`

	Text string `json:"text,omitempty"` // human-readable summary
	// Relative is Text with its sequence numbers counted from each side's
	// ISN, as tcpdump and the page's arrows count them; empty when Text
	// names none.
	Relative string `json:"relative,omitempty"`
}

// CapturedAt reports whether tcpdump on host records the packet of e:
// what the host sent, and what arrived for it from another host (a
// packet a host sends itself is captured once, as it leaves).
func (e *Event) CapturedAt(host string) bool {
	return e.Host == host && len(e.Bytes) > 0 && (e.Kind == Send || e.Kind == Deliver && e.From != e.To)
}

// Log is an append-only list of events. It keeps them in blocks of
// logBlock compact records (slot), so that appending never copies what
// is logged already and a session of 100,000 packets (several hundred
// thousand events) costs about a third of what Events would: names that
// recur (hosts, kinds, states, causes, timers, connections, errnos) are
// kept once and referred to by number, and fields few events use sit
// apart. An Event is rebuilt whole when it is read.
type Log struct {
	blocks [][]slot
	n      int
	names  names
	// sent is, by packet number, 1 + the index of the event that put it
	// on the wire (compact).
	sent []int32
}

// logBlock is the events a full block holds. The first block grows to it
// as a slice would, so a short session stays small.
const logBlock = 1024

// slot is one event as the log keeps it (about 100 bytes, where an Event
// is 272).
type slot struct {
	time, at time.Duration
	tcp      *TCPState
	bytes    []byte
	text     string
	rare     *rareFields
	// fill repeats fillLen times after bytes: a packet whose payload is
	// one byte over and over ("x" * N) keeps only its headers (compact).
	fillLen                  int32
	fill                     byte
	line, packet, fd         int32
	kind, host, from, to     name
	cause, timer, conn, errn name
}

// rareFields are the fields of the events that have them: calls,
// results, labelled packets, listener queues, notes with sequence numbers.
type rareFields struct {
	call     int
	label    string
	relative string
	queue    *QueueState
}

// Add appends e, numbering it.
func (l *Log) Add(e Event) {
	if k := len(l.blocks); k == 0 || len(l.blocks[k-1]) == logBlock {
		capacity := logBlock
		if k == 0 {
			capacity = 16
		}
		l.blocks = append(l.blocks, make([]slot, 0, capacity))
	}
	last := &l.blocks[len(l.blocks)-1]
	*last = append(*last, l.pack(&e))
	l.n++
	if e.Packet > 0 && len(e.Bytes) > 0 {
		l.compact(e.Kind, e.Packet, l.n-1)
	}
}

// compactRun is the shortest run of one byte worth keeping as a count.
const compactRun = 256

// compact keeps a packet's run of one repeated byte as a count, once the
// packet has left the wire (arrived or lost: its bytes can change no
// more), in the event that sent it and in this one, when both hold the
// same bytes. Bytes that differ are kept as they are.
func (l *Log) compact(kind Kind, packet, i int) {
	if kind == Send || kind == Dup {
		for len(l.sent) <= packet {
			l.sent = append(l.sent, 0)
		}
		l.sent[packet] = int32(i + 1)
		return
	}
	if kind != Deliver && kind != Drop || packet >= len(l.sent) || l.sent[packet] == 0 {
		return
	}
	last, first := l.slot(i), l.slot(int(l.sent[packet])-1)
	b := last.bytes
	if len(first.bytes) != len(b) || &first.bytes[0] != &b[0] || first.fillLen > 0 {
		return
	}
	n := 0
	for n < len(b) && b[len(b)-1-n] == b[len(b)-1] {
		n++
	}
	if n < compactRun {
		return
	}
	head := append([]byte(nil), b[:len(b)-n]...)
	for _, s := range []*slot{first, last} {
		s.bytes, s.fill, s.fillLen = head, b[len(b)-1], int32(n)
	}
}

func (l *Log) pack(e *Event) slot {
	nm := &l.names
	s := slot{
		time: e.Time, at: e.At, tcp: e.TCP, bytes: e.Bytes, text: e.Text,
		line: int32(e.Line), packet: int32(e.Packet), fd: int32(e.FD),
		kind: nm.of(string(e.Kind)), host: nm.of(e.Host), from: nm.of(e.From), to: nm.of(e.To),
		cause: nm.of(e.Cause), timer: nm.of(e.Timer), conn: nm.of(e.Conn), errn: nm.of(e.Errno),
	}
	if e.Call != 0 || e.Label != "" || e.Relative != "" || e.Queue != nil {
		s.rare = &rareFields{call: e.Call, label: e.Label, relative: e.Relative, queue: e.Queue}
	}
	return s
}

func (l *Log) unpack(i int, s *slot) Event {
	nm := &l.names
	e := Event{
		Index: i, Line: int(s.line), Time: s.time, At: s.at, TCP: s.tcp, Bytes: s.bytes, Text: s.text,
		Packet: int(s.packet), FD: int(s.fd),
		Kind: Kind(nm.text(s.kind)), Host: nm.text(s.host), From: nm.text(s.from), To: nm.text(s.to),
		Cause: nm.text(s.cause), Timer: nm.text(s.timer), Conn: nm.text(s.conn), Errno: nm.text(s.errn),
	}
	if r := s.rare; r != nil {
		e.Call, e.Label, e.Relative, e.Queue = r.call, r.label, r.relative, r.queue
	}
	if s.fillLen > 0 {
		b := make([]byte, len(s.bytes)+int(s.fillLen))
		copy(b, s.bytes)
		for k := len(s.bytes); k < len(b); k++ {
			b[k] = s.fill
		}
		e.Bytes = b
	}
	return e
}

// Len is the number of events logged.
func (l *Log) Len() int { return l.n }

// At is event i, 0 <= i < Len.
func (l *Log) At(i int) Event { return l.unpack(i, l.slot(i)) }

func (l *Log) slot(i int) *slot { return &l.blocks[i/logBlock][i%logBlock] }

// SetText replaces event i's text: the session writes a packet's tcpdump
// line into its Send event once it is known.
func (l *Log) SetText(i int, text string) { l.slot(i).text = text }

// Since returns a copy of the events appended after the first n.
func (l *Log) Since(n int) []Event {
	n = max(n, 0)
	if n >= l.n {
		return nil
	}
	out := make([]Event, 0, l.n-n)
	for i := n; i < l.n; i++ {
		out = append(out, l.At(i))
	}
	return out
}

// Events returns a copy of every event.
func (l *Log) Events() []Event { return l.Since(0) }

// name is a string the log keeps once, by number; 0 is "".
type name uint32

// names numbers the strings that recur in events. A string is looked up
// among the last few numbered before the map, since consecutive events
// mostly repeat the same host, kind and connection.
type names struct {
	list   []string
	index  map[string]name
	recent [8]name
	next   int
}

func (nm *names) of(s string) name {
	if s == "" {
		return 0
	}
	for _, n := range nm.recent {
		if n != 0 && nm.list[n-1] == s {
			return n
		}
	}
	n, ok := nm.index[s]
	if !ok {
		if nm.index == nil {
			nm.index = map[string]name{}
		}
		nm.list = append(nm.list, s)
		n = name(len(nm.list))
		nm.index[s] = n
	}
	nm.recent[nm.next] = n
	nm.next = (nm.next + 1) % len(nm.recent)
	return n
}

func (nm *names) text(n name) string {
	if n == 0 {
		return ""
	}
	return nm.list[n-1]
}

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

// QueueState is a listener's SYN queue (handshakes in progress) and
// accept queue (connections waiting for accept), each with the most it
// admits.
type QueueState struct {
	SynQ      int `json:"synQ"`
	SynMax    int `json:"synMax"`
	AcceptQ   int `json:"acceptQ"`
	AcceptMax int `json:"acceptMax"`
}
