package analysis

import (
	"sort"

	"github.com/sockplay/sockplay/core/wire"
)

// direction is what the tagging keeps of one direction of a connection.
type direction struct {
	delivered spans // sequence space that arrived, from segments sent so far
	// The receiver's view, in arrival order.
	seenEnd     uint64 // highest end of sequence space captured at the receiver
	seenAny     bool
	lastArrival int // highest Frame delivered so far
	// Duplicate-ACK runs of this direction's sender.
	lastAck      uint32
	hasAck       bool
	dupRun       int
	dupOrigFrame int
}

// tag computes every packet's expert tags: first in the order packets
// left (what each sender did), then in the order they arrived (what each
// receiver saw).
func (a *Analysis) tag() {
	dirs := make([][2]direction, len(a.Conversations))
	for i := range a.Packets {
		p := &a.Packets[i]
		if p.Lost {
			p.Tags.add(TagLost)
		}
		if p.Copy {
			p.Tags.add(TagLinkCopy)
		}
		if p.TCP == nil || p.Conv < 0 {
			continue
		}
		a.tagSent(p, &dirs[p.Conv][dirIndex(p)])
	}
	for _, i := range a.arrivals {
		if p := &a.Packets[i]; p.TCP != nil && p.Conv >= 0 {
			a.tagArrived(p, &dirs[p.Conv][dirIndex(p)])
		}
	}
	for i := range a.Packets {
		p := &a.Packets[i]
		if p.Conv < 0 {
			continue
		}
		c := &a.Conversations[p.Conv]
		if p.Tags.Has(TagRetransmission) {
			c.Retransmissions++
		}
		if p.Tags.Has(TagLost) {
			c.Lost++
		}
	}
}

func dirIndex(p *Packet) int {
	if p.Reverse {
		return 1
	}
	return 0
}

// rel is p's sequence space as offsets from its direction's ISN.
func (a *Analysis) rel(p *Packet) (lo, hi uint64) {
	isn := a.Conversations[p.Conv].isn[dirIndex(p)]
	lo = uint64(p.TCP.Seq - isn)
	return lo, lo + uint64(p.SeqLen())
}

// tagSent tags what the sender did, from its recorded cause and state and
// the bytes it sent.
func (a *Analysis) tagSent(p *Packet, d *direction) {
	seg := p.TCP
	switch p.Cause {
	case "retransmit-timeout", "retransmit-fast", "retransmit-recovery", "retransmit-reply":
		p.Tags.add(TagRetransmission)
		if lo, hi := a.rel(p); d.delivered.covers(lo, hi) {
			p.Tags.add(TagSpurious)
		}
	case "zero-window-probe":
		p.Tags.add(TagZeroWindowProbe)
	case "window-probe":
		p.Tags.add(TagWindowProbe)
	case "keepalive":
		p.Tags.add(TagKeepAlive)
	case "window-update":
		p.Tags.add(TagWindowUpdate)
	case "dup-ack":
		a.tagDupACK(p, d)
	}
	if seg.Flags&wire.ACK != 0 && !p.Tags.Has(TagDupACK) && p.Cause != "" {
		d.hasAck, d.lastAck, d.dupRun, d.dupOrigFrame = true, seg.Ack, 0, p.Frame
	}
	if seg.Window == 0 && seg.Flags&(wire.SYN|wire.FIN|wire.RST) == 0 {
		p.Tags.add(TagZeroWindow)
	}
	if st := p.State; st != nil && len(seg.Payload) > 0 && st.Rwnd > 0 && st.Flight >= st.Rwnd &&
		(p.Cause == "data" || p.Cause == "window-probe") {
		p.Tags.add(TagWindowFull)
	}
	if p.Delivered && p.SeqLen() > 0 {
		d.delivered.add(a.rel(p))
	}
}

// tagDupACK tells a duplicate ACK from the answer to a probe, which the
// receiver sends for the same reason (the probe's byte is out of window)
// but which says nothing about loss.
func (a *Analysis) tagDupACK(p *Packet, d *direction) {
	if q, ok := a.Packet(p.answers); ok && q.Conv == p.Conv {
		switch {
		case q.Tags.Has(TagKeepAlive):
			p.Tags.add(TagKeepAliveACK)
			return
		case q.Tags.Has(TagZeroWindowProbe):
			p.Tags.add(TagZeroWindowProbeACK)
			return
		}
	}
	if !d.hasAck || d.lastAck != p.TCP.Ack {
		return // it also acknowledges new data: the first of its number, no duplicate
	}
	p.Tags.add(TagDupACK)
	d.dupRun++
	p.DupAckNum, p.DupAckOf = d.dupRun, d.dupOrigFrame
}

// tagArrived tags what the receiver saw, in the order segments reached it.
func (a *Analysis) tagArrived(p *Packet, d *direction) {
	if p.SeqLen() == 0 {
		return
	}
	if p.Frame < d.lastArrival {
		p.Tags.add(TagOutOfOrder)
	} else {
		d.lastArrival = p.Frame
	}
	lo, hi := a.rel(p)
	if d.seenAny && lo > d.seenEnd {
		p.Tags.add(TagPrevNotCaptured)
	}
	if !d.seenAny || hi > d.seenEnd {
		d.seenEnd, d.seenAny = hi, true
	}
}

// spans is a set of sequence offsets: sorted, disjoint, not touching.
type spans []span

type span struct{ lo, hi uint64 }

// add puts [lo, hi) in the set, merging what it touches.
func (s *spans) add(lo, hi uint64) {
	if lo >= hi {
		return
	}
	x := *s
	i := sort.Search(len(x), func(i int) bool { return x[i].hi >= lo }) // first span touching or after
	j := i
	for j < len(x) && x[j].lo <= hi {
		lo, hi = min(lo, x[j].lo), max(hi, x[j].hi)
		j++
	}
	if i == j { // touches nothing: insert
		x = append(x, span{})
		copy(x[i+1:], x[i:])
		x[i] = span{lo, hi}
		*s = x
		return
	}
	x[i] = span{lo, hi}
	*s = append(x[:i+1], x[j:]...)
}

// covers reports whether [lo, hi) lies wholly in the set.
func (s spans) covers(lo, hi uint64) bool {
	if lo >= hi {
		return false
	}
	i := sort.Search(len(s), func(i int) bool { return s[i].hi >= hi })
	return i < len(s) && s[i].lo <= lo
}
