package tcp

import (
	"slices"

	"github.com/sockplay/sockplay/core/wire"
)

// Clone is an independent copy of the connection: the same state, timers
// and buffers, none of them shared, so that both go on alike from here
// (a session's snapshot). The TCP states in events are never changed
// once made and are shared.
func (c *Conn) Clone() *Conn {
	d := *c
	d.sndBuf = c.sndBuf.clone()
	d.rcvBuf = c.rcvBuf.clone()
	d.flight = slices.Clone(c.flight)
	d.sacked = slices.Clone(c.sacked)
	d.ooo = make([]oooSegment, len(c.ooo), cap(c.ooo))
	for i, s := range c.ooo {
		s.data = slices.Clone(s.data)
		d.ooo[i] = s
	}
	d.sackRecent = slices.Clone(c.sackRecent)
	d.out = make([]*wire.TCP, len(c.out), cap(c.out))
	for i, seg := range c.out {
		d.out[i] = seg.Clone()
	}
	d.outCauses = slices.Clone(c.outCauses)
	d.lastCauses = slices.Clone(c.lastCauses)
	d.outStates = slices.Clone(c.outStates)
	d.lastStates = slices.Clone(c.lastStates)
	d.events = slices.Clone(c.events)
	return &d
}

// clone keeps the capacity too: when the live bytes move to the front
// depends on it.
func (q *byteQueue) clone() byteQueue {
	buf := make([]byte, len(q.buf), cap(q.buf))
	copy(buf, q.buf)
	return byteQueue{buf: buf, head: q.head}
}
