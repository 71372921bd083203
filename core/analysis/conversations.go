package analysis

import (
	"time"

	"github.com/sockplay/sockplay/core/inet"
	"github.com/sockplay/sockplay/core/trace"
	"github.com/sockplay/sockplay/core/wire"
)

// Conversation is one TCP connection or one UDP flow: what ss and
// Wireshark's Conversations table show of it.
type Conversation struct {
	Proto  string // "tcp" or "udp"
	Stream int    // Wireshark's tcp.stream or udp.stream: numbered from 0 per protocol, in order of appearance
	// A sent the conversation's first packet, B received it.
	A, B         inet.AddrPort
	HostA, HostB string
	Frames       [2]int // packets A to B, B to A
	Bytes        [2]int // their IPv4 bytes
	Payload      [2]int // their TCP or UDP payload bytes
	Start, End   time.Duration
	// Retransmissions and Lost count the packets tagged so.
	Retransmissions, Lost int
	// FirstData is the time from the first SYN to the first byte of data
	// in either direction; -1 when either never happened.
	FirstData time.Duration
	// StateA and StateB are each side's last TCP state in the trace
	// ("ESTABLISHED", "TIME-WAIT", ...); "" when the trace has none.
	StateA, StateB string

	isn    [2]uint32 // each direction's initial sequence number (the SYN's, else the first seen)
	hasISN [2]bool
	isnSYN [2]bool  // the ISN is a SYN's: the stream's first byte is ISN+1
	wscale [2]uint8 // each direction's window scale, from its SYN (RFC 7323 2.2)
	wsOK   [2]bool
	synAt  time.Duration
	hasSYN bool
}

// Duration is the time from its first packet to its last.
func (c *Conversation) Duration() time.Duration { return c.End - c.Start }

// ISN is the initial sequence number of direction dir (0: A to B).
func (c *Conversation) ISN(dir int) uint32 { return c.isn[dir] }

// Name is "A <-> B" as Wireshark's Conversations table writes it.
func (c *Conversation) Name() string { return c.A.String() + " <-> " + c.B.String() }

type convKey struct {
	udp    bool
	lo, hi inet.AddrPort
}

func keyOf(udp bool, x, y inet.AddrPort) convKey {
	if less(y, x) {
		x, y = y, x
	}
	return convKey{udp, x, y}
}

func less(x, y inet.AddrPort) bool {
	a, b := x.Addr().As4(), y.Addr().As4()
	for i := range a {
		if a[i] != b[i] {
			return a[i] < b[i]
		}
	}
	return x.Port() < y.Port()
}

// conversations assigns every TCP and UDP packet to its conversation and
// counts it there. A SYN with a new ISN on a pair of ports already seen
// starts a new connection, as the port's reuse after TIME-WAIT does.
func (a *Analysis) conversations(events []trace.Event) {
	latest := map[convKey]int{}
	streams := [2]int{}
	for i := range a.Packets {
		p := &a.Packets[i]
		if p.TCP == nil && p.UDP == nil {
			continue
		}
		udp := p.UDP != nil
		k := keyOf(udp, p.Src, p.Dst)
		ci, ok := latest[k]
		if ok && !udp && a.reused(&a.Conversations[ci], p) {
			ok = false
		}
		if !ok {
			proto := 0
			name := "tcp"
			if udp {
				proto, name = 1, "udp"
			}
			ci = len(a.Conversations)
			a.Conversations = append(a.Conversations, Conversation{Proto: name, Stream: streams[proto],
				A: p.Src, B: p.Dst, HostA: p.From, HostB: p.To, Start: p.Time, FirstData: -1})
			streams[proto]++
			latest[k] = ci
		}
		a.count(ci, p)
	}
	a.finalStates(events)
}

// reused reports whether p, a SYN without ACK, opens a new connection on
// the ports of c.
func (a *Analysis) reused(c *Conversation, p *Packet) bool {
	if p.TCP.Flags&(wire.SYN|wire.ACK) != wire.SYN {
		return false
	}
	dir := 0
	if p.Src != c.A {
		dir = 1
	}
	return c.hasISN[dir] && c.hasSYN && c.isn[dir] != p.TCP.Seq
}

func (a *Analysis) count(ci int, p *Packet) {
	c := &a.Conversations[ci]
	dir := 0
	if p.Src != c.A {
		dir = 1
	}
	p.Conv, p.Reverse = ci, dir == 1
	c.Frames[dir]++
	c.Bytes[dir] += p.Len
	c.Payload[dir] += p.PayloadLen()
	c.End = p.Time
	if p.TCP == nil {
		return
	}
	syn := p.TCP.Flags&wire.SYN != 0
	if !c.hasISN[dir] {
		c.isn[dir], c.hasISN[dir], c.isnSYN[dir] = p.TCP.Seq, true, syn
	}
	if syn && p.TCP.Options.HasWScale {
		c.wscale[dir], c.wsOK[dir] = p.TCP.Options.WScale, true
	}
	if syn && !c.hasSYN {
		c.hasSYN, c.synAt = true, p.Time
	}
	if c.FirstData < 0 && c.hasSYN && len(p.TCP.Payload) > 0 {
		c.FirstData = p.Time - c.synAt
	}
}

// finalStates reads each side's last TCP state from the trace's state
// events, which name their connection local address first.
func (a *Analysis) finalStates(events []trace.Event) {
	byName := map[string][]int{} // both ways of naming a connection -> its conversations, oldest first
	for ci := range a.Conversations {
		c := &a.Conversations[ci]
		if c.Proto != "tcp" {
			continue
		}
		ab, ba := c.A.String()+" "+c.B.String(), c.B.String()+" "+c.A.String()
		byName[ab] = append(byName[ab], ci)
		byName[ba] = append(byName[ba], ci)
	}
	for i := range events {
		e := &events[i]
		if e.Kind != trace.State || e.Conn == "" {
			continue
		}
		cs := byName[e.Conn]
		if len(cs) == 0 {
			continue
		}
		ci := cs[0]
		for _, x := range cs[1:] { // the connection on these ports at that time
			if a.Conversations[x].Start <= e.Time {
				ci = x
			}
		}
		c := &a.Conversations[ci]
		if e.Conn == c.A.String()+" "+c.B.String() {
			c.StateA = e.To
		} else {
			c.StateB = e.To
		}
	}
}
