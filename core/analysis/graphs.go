package analysis

import (
	"time"

	"github.com/sockplay/sockplay/core/trace"
	"github.com/sockplay/sockplay/core/wire"
)

// Segment is one point of a time-sequence graph: a segment of the
// direction graphed, its sequence space relative to the ISN.
type Segment struct {
	Frame    int           `json:"frame"`
	Packet   int           `json:"packet"`
	Time     time.Duration `json:"time"`
	Seq      uint64        `json:"seq"`
	End      uint64        `json:"end"` // Seq + data + SYN + FIN
	Tags     Tags          `json:"tags"`
	Cause    string        `json:"cause,omitempty"`
	Lost     bool          `json:"lost,omitempty"`
	Arrived  time.Duration `json:"arrived,omitempty"` // when it reached the receiver, 0 if never
	Delivers bool          `json:"-"`
}

// AckPoint is one ACK from the receiver of the direction graphed: the ACK
// line, the window's right edge (ACK + the scaled window) and the SACK
// blocks, all relative to the data's ISN.
type AckPoint struct {
	Frame  int           `json:"frame"`
	Packet int           `json:"packet"`
	Time   time.Duration `json:"time"`
	Ack    uint64        `json:"ack"`
	Window uint64        `json:"window"` // Ack + the advertised window, in bytes
	SACK   [][2]uint64   `json:"sack,omitempty"`
}

// SenderState is the data sender's congestion state as one of its
// segments left: the cwnd graph's points.
type SenderState struct {
	Frame  int           `json:"frame"`
	Packet int           `json:"packet"`
	Time   time.Duration `json:"time"`
	trace.TCPState
	Phase Phase `json:"phase"`
}

// Phase is the congestion-control phase a sender is in.
type Phase uint8

const (
	SlowStart           Phase = iota // cwnd below ssthresh (RFC 5681 3.1)
	CongestionAvoidance              // cwnd at or above ssthresh
	Recovery                         // fast recovery (RFC 6675)
	Loss                             // slow start again after a retransmission by timeout
)

var phaseNames = []string{"slow-start", "congestion-avoidance", "recovery", "loss"}

func (p Phase) String() string { return phaseNames[p] }

// Phases are the phases' names, by value.
func Phases() []string { return append([]string(nil), phaseNames...) }

// RTTSample is one RTT measurement of the data sender (RFC 6298) with the
// estimator's state after it.
type RTTSample struct {
	Packet int           `json:"packet"` // the ACK whose arrival gave the sample
	Time   time.Duration `json:"time"`
	Sample time.Duration `json:"sample"`
	SRTT   time.Duration `json:"srtt"`
	RTTVar time.Duration `json:"rttvar"`
	RTO    time.Duration `json:"rto"`
}

// Stream is everything the graphs of one direction of one connection
// draw: the segments of the sender, the ACKs of the receiver, the
// sender's state at each segment and its RTT samples.
type Stream struct {
	Conv     int           `json:"conv"`
	Reverse  bool          `json:"reverse"` // the direction B to A
	Segments []Segment     `json:"segments"`
	Acks     []AckPoint    `json:"acks"`
	States   []SenderState `json:"states"`
	RTT      []RTTSample   `json:"rtt"`
}

// Stream gathers the graph data of conversation ci in one direction.
func (a *Analysis) Stream(ci int, reverse bool) (*Stream, bool) {
	if ci < 0 || ci >= len(a.Conversations) || a.Conversations[ci].Proto != "tcp" {
		return nil, false
	}
	c := &a.Conversations[ci]
	d := 0
	if reverse {
		d = 1
	}
	s := &Stream{Conv: ci, Reverse: reverse}
	loss := false // after a retransmission by timeout, until the sender leaves recovery
	for i := range a.Packets {
		p := &a.Packets[i]
		if p.Conv != ci || p.TCP == nil {
			continue
		}
		if p.Reverse == reverse {
			lo, hi := a.rel(p)
			seg := Segment{Frame: p.Frame, Packet: p.ID, Time: p.Time, Seq: lo, End: hi, Tags: p.Tags, Cause: p.Cause, Lost: p.Lost}
			if p.Delivered {
				seg.Arrived = p.Arrived
			}
			s.Segments = append(s.Segments, seg)
			if st := p.State; st != nil && !p.Copy {
				if p.Cause == "retransmit-timeout" {
					loss = true
				} else if st.Cwnd >= st.Ssthresh && !st.Recovery {
					loss = false
				}
				s.States = append(s.States, SenderState{Frame: p.Frame, Packet: p.ID, Time: p.Time, TCPState: *st,
					Phase: phase(st, loss)})
			}
			continue
		}
		if p.TCP.Flags&wire.ACK == 0 {
			continue
		}
		isn := c.isn[d]
		ack := uint64(p.TCP.Ack - isn)
		pt := AckPoint{Frame: p.Frame, Packet: p.ID, Time: p.Time, Ack: ack, Window: ack + c.window(1-d, p.TCP)}
		for _, b := range p.TCP.Options.SACK {
			pt.SACK = append(pt.SACK, [2]uint64{uint64(b.Left - isn), uint64(b.Right - isn)})
		}
		s.Acks = append(s.Acks, pt)
	}
	for _, r := range a.rtt {
		if c, rev, ok := a.convAt(r.conn, r.Time); ok && c == ci && rev == reverse {
			s.RTT = append(s.RTT, r.RTTSample)
		}
	}
	return s, true
}

func phase(st *trace.TCPState, loss bool) Phase {
	switch {
	case st.Recovery:
		return Recovery
	case loss && st.Cwnd < st.Ssthresh:
		return Loss
	case st.Cwnd < st.Ssthresh:
		return SlowStart
	}
	return CongestionAvoidance
}

// window is the window seg advertises, in bytes: scaled when both SYNs
// carried the option (RFC 7323 2.2), never on a SYN.
func (c *Conversation) window(dir int, seg *wire.TCP) uint64 {
	w := uint64(seg.Window)
	if seg.Flags&wire.SYN == 0 && c.wsOK[0] && c.wsOK[1] {
		w <<= c.wscale[dir]
	}
	return w
}

// ThroughputPoint is the data a direction carried in one interval.
type ThroughputPoint struct {
	Time time.Duration `json:"time"` // the interval's start
	Bits uint64        `json:"bits"` // bits per second over the interval: segments' data, retransmissions included
	Good uint64        `json:"good"` // bits per second of segments arriving with bytes not all there before (goodput)
}

// Throughput is the stream's throughput in intervals of bin (100 intervals
// over the connection's life when bin is 0).
func (a *Analysis) Throughput(s *Stream, bin time.Duration) []ThroughputPoint {
	c := &a.Conversations[s.Conv]
	if bin <= 0 {
		bin = max(c.Duration()/100, time.Millisecond)
	}
	n := int(c.Duration()/bin) + 1
	out := make([]ThroughputPoint, n)
	for i := range out {
		out[i].Time = c.Start + time.Duration(i)*bin
	}
	var delivered spans
	for _, seg := range s.Segments { // bytes first, bits per second at the end
		data := seg.End - seg.Seq
		if data == 0 {
			continue
		}
		out[int((seg.Time-c.Start)/bin)].Bits += data
		if seg.Arrived > 0 && !delivered.covers(seg.Seq, seg.End) {
			out[min(int((seg.Arrived-c.Start)/bin), n-1)].Good += data
			delivered.add(seg.Seq, seg.End)
		}
	}
	for i := range out {
		out[i].Bits = out[i].Bits * 8 * uint64(time.Second) / uint64(bin)
		out[i].Good = out[i].Good * 8 * uint64(time.Second) / uint64(bin)
	}
	return out
}

// rttNote is an RTT sample of the trace, with the connection it names.
type rttNote struct {
	RTTSample
	conn string // "local remote": the local end measured
}

// convAt is the conversation the connection name ("local remote", as the
// trace writes it) meant at time t, and whether local is its B side.
func (a *Analysis) convAt(name string, t time.Duration) (int, bool, bool) {
	found, reverse := -1, false
	for ci := range a.Conversations {
		c := &a.Conversations[ci]
		if c.Proto != "tcp" || c.Start > t {
			continue
		}
		switch name {
		case c.A.String() + " " + c.B.String():
			found, reverse = ci, false
		case c.B.String() + " " + c.A.String():
			found, reverse = ci, true
		}
	}
	return found, reverse, found >= 0
}
