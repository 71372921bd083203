package analysis

import (
	"time"

	"github.com/sockplay/sockplay/core/inet"
	"github.com/sockplay/sockplay/core/trace"
	"github.com/sockplay/sockplay/core/wire"
)

// Packet is one packet put on the wire, with what the engine knows of it.
type Packet struct {
	ID    int           // the trace's packet number
	Frame int           // its number in the wire capture (the pcap), from 1
	Time  time.Duration // when it left
	From  string        // sending host
	To    string        // receiving host (or address, when no host has it)
	Copy  bool          // a copy the link made (net> dup, or duplication)
	Len   int           // IPv4 total length in bytes

	Src, Dst inet.AddrPort // ports are 0 for ICMP
	TCP      *wire.TCP     // decoded TCP segment, nil for other protocols
	UDP      *wire.UDP
	Label    string // what the payload carries, e.g. "GET / HTTP/1.1"

	Cause string          // why the sender sent it (tcp.Cause), "" for copies and non-TCP
	State *trace.TCPState // the sender's state as it left, nil when unknown

	Delivered bool          // it reached its destination host
	Arrived   time.Duration // when, if Delivered
	Lost      bool          // a Drop event: lost on the link, dropped by hand, discarded

	Conv    int  // index in Analysis.Conversations, -1 for none
	Reverse bool // sent from the conversation's B side to its A side

	Tags      Tags // the expert tags
	DupAckNum int  // n of "duplicate ACK #n"
	DupAckOf  int  // the Frame of the ACK it repeats, 0 when not captured
	// answers is the packet whose delivery made the receiving host send
	// this one at once (0 when none): a probe's ACK answers the probe.
	answers int
}

// SeqLen is the sequence space the segment occupies: its data plus one
// for SYN and one for FIN (RFC 9293 3.4).
func (p *Packet) SeqLen() uint32 {
	if p.TCP == nil {
		return 0
	}
	n := uint32(len(p.TCP.Payload))
	if p.TCP.Flags&wire.SYN != 0 {
		n++
	}
	if p.TCP.Flags&wire.FIN != 0 {
		n++
	}
	return n
}

// PayloadLen is the length of the TCP or UDP payload.
func (p *Packet) PayloadLen() int {
	switch {
	case p.TCP != nil:
		return len(p.TCP.Payload)
	case p.UDP != nil:
		return len(p.UDP.Payload)
	}
	return 0
}

// Analysis is everything the package derives from one trace.
type Analysis struct {
	Packets       []Packet // in the order they left, which is the wire capture's order
	Conversations []Conversation
	byID          map[int]int // packet ID -> index in Packets
	rtt           []rttNote
	arrivals      []int // indices in Packets, in the order they arrived
}

// Packet returns the packet with trace number id.
func (a *Analysis) Packet(id int) (*Packet, bool) {
	i, ok := a.byID[id]
	if !ok {
		return nil, false
	}
	return &a.Packets[i], true
}

// Analyze reads a session's whole trace. Packets the engine could not
// decode stay in the list with neither TCP nor UDP set.
func Analyze(events []trace.Event) *Analysis {
	a := &Analysis{byID: map[int]int{}}
	lastDelivered := 0 // the packet whose delivery the host is handling now
	for i := range events {
		e := &events[i]
		switch e.Kind {
		case trace.Send, trace.Dup:
			a.add(e, lastDelivered)
		case trace.Deliver:
			if p, ok := a.Packet(e.Packet); ok && !p.Delivered {
				p.Delivered, p.Arrived = true, e.Time
				a.arrivals = append(a.arrivals, a.byID[e.Packet])
			}
			lastDelivered = e.Packet
		case trace.Drop:
			if p, ok := a.Packet(e.Packet); ok {
				p.Lost = true
			}
		case trace.Fire, trace.Call, trace.Command:
			lastDelivered = 0 // what is sent next has another cause
		case trace.Note:
			if st := e.TCP; st != nil && st.Sample > 0 && e.Conn != "" {
				a.rtt = append(a.rtt, rttNote{RTTSample{Packet: lastDelivered, Time: e.Time, Sample: st.Sample, SRTT: st.SRTT, RTTVar: st.RTTVar, RTO: st.RTO}, e.Conn})
			}
		}
	}
	a.conversations(events)
	a.tag()
	return a
}

// add records a packet put on the wire. answering is the packet whose
// delivery is being handled, when the sender is its receiver.
func (a *Analysis) add(e *trace.Event, answering int) {
	p := Packet{ID: e.Packet, Frame: len(a.Packets) + 1, Time: e.Time, From: e.From, To: e.To,
		Copy: e.Kind == trace.Dup, Len: len(e.Bytes), Label: e.Label, Cause: e.Cause, State: e.TCP, Conv: -1}
	if e.Kind == trace.Send && answering != 0 {
		if q, ok := a.Packet(answering); ok && q.To == e.From && q.Arrived == e.Time {
			p.answers = answering
		}
	}
	if d, _ := wire.Inspect(e.Bytes); d != nil {
		switch {
		case d.TCP != nil:
			p.TCP = d.TCP
			p.Src, p.Dst = inet.AddrPortFrom(d.IP.Src, d.TCP.SrcPort), inet.AddrPortFrom(d.IP.Dst, d.TCP.DstPort)
		case d.UDP != nil:
			p.UDP = d.UDP
			p.Src, p.Dst = inet.AddrPortFrom(d.IP.Src, d.UDP.SrcPort), inet.AddrPortFrom(d.IP.Dst, d.UDP.DstPort)
		default:
			p.Src, p.Dst = inet.AddrPortFrom(d.IP.Src, 0), inet.AddrPortFrom(d.IP.Dst, 0)
		}
	}
	a.byID[p.ID] = len(a.Packets)
	a.Packets = append(a.Packets, p)
}
