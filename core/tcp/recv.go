package tcp

import (
	"time"

	"github.com/sockplay/sockplay/core/wire"
)

// oooSegment is data received beyond RCV.NXT, waiting for the hole
// before it to fill (RFC 9293 3.10.7.4 seventh step: segments are kept
// for later processing).
type oooSegment struct {
	seq  uint32
	data []byte
}

func (s oooSegment) end() uint32 { return s.seq + uint32(len(s.data)) }

// insertOutOfOrder stores data at seq (after RCV.NXT, inside the window),
// merging it with overlapping or adjacent segments.
func (c *Conn) insertOutOfOrder(seq uint32, data []byte) {
	lo, hi := seq, seq+uint32(len(data))
	var merged []oooSegment
	var kept []oooSegment
	for _, s := range c.ooo {
		if seqLT(s.end(), lo) || seqLT(hi, s.seq) {
			kept = append(kept, s)
			continue
		}
		merged = append(merged, s)
		if seqLT(s.seq, lo) {
			lo = s.seq
		}
		if seqGT(s.end(), hi) {
			hi = s.end()
		}
	}
	buf := make([]byte, hi-lo)
	for _, s := range merged {
		copy(buf[s.seq-lo:], s.data)
	}
	copy(buf[seq-lo:], data)
	n := oooSegment{seq: lo, data: buf}
	i := 0
	for i < len(kept) && seqLT(kept[i].seq, lo) {
		i++
	}
	c.ooo = append(kept[:i], append([]oooSegment{n}, kept[i:]...)...)
	c.noteRecentSACK(seq)
}

// noteRecentSACK puts seq first in the recency list that orders SACK
// blocks (RFC 2018 section 4: the first block reports the newest segment).
func (c *Conn) noteRecentSACK(seq uint32) {
	list := []uint32{seq}
	for _, s := range c.sackRecent {
		if s != seq && len(list) < 4 {
			list = append(list, s)
		}
	}
	c.sackRecent = list
}

// pullOutOfOrder moves queued segments that RCV.NXT has reached into the
// in-order buffer, and processes a queued FIN that is now in order.
func (c *Conn) pullOutOfOrder(now time.Duration) {
	for len(c.ooo) > 0 && seqLEQ(c.ooo[0].seq, c.rcvNxt) {
		s := c.ooo[0]
		c.ooo = c.ooo[1:]
		if seqGT(s.end(), c.rcvNxt) {
			c.rcvBuf.Append(s.data[c.rcvNxt-s.seq:])
			c.rcvNxt = s.end()
		}
	}
	if len(c.ooo) == 0 {
		c.ooo = nil
	}
	if c.oooFIN && c.oooFINSeq == c.rcvNxt && len(c.ooo) == 0 {
		c.inputFIN(now)
	}
}

// sackBlocks lists the out-of-order blocks for the SACK option, the one
// with the newest segment first, then the others most recent first (RFC
// 2018 section 4); 3 fit beside timestamps, 4 without.
func (c *Conn) sackBlocks() []wire.SACKBlock {
	if !c.sackOK || len(c.ooo) == 0 {
		return nil
	}
	limit := 4
	if c.tsOK {
		limit = 3
	}
	var out []wire.SACKBlock
	used := make([]bool, len(c.ooo))
	add := func(i int) {
		if !used[i] && len(out) < limit {
			used[i] = true
			out = append(out, wire.SACKBlock{Left: c.ooo[i].seq, Right: c.ooo[i].end()})
		}
	}
	for _, seq := range c.sackRecent {
		for i, s := range c.ooo {
			if seqLEQ(s.seq, seq) && seqLT(seq, s.end()) {
				add(i)
			}
		}
	}
	for i := len(c.ooo) - 1; i >= 0; i-- {
		add(i)
	}
	return out
}
