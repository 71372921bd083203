package tcp

import (
	"strconv"
	"time"

	"github.com/sockplay/sockplay/core/wire"
)

// peerWindow is SEG.WND scaled by the peer's shift (RFC 7323 2.3); the
// window of a SYN is never scaled.
func (c *Conn) peerWindow(seg *wire.TCP, unscaled bool) uint32 {
	if unscaled || seg.Flags&wire.SYN != 0 || !c.wscaleOK {
		return uint32(seg.Window)
	}
	return uint32(seg.Window) << c.sndWScale
}

// ackAdvance processes an acceptable ACK field (SND.UNA−MAX.SND.WND ≤
// SEG.ACK ≤ SND.NXT): new data acknowledged, duplicate ACKs, SACK blocks
// and the send window (RFC 9293 3.10.7.4 fifth step, RFC 5681, RFC 6582).
func (c *Conn) ackAdvance(now time.Duration, seg *wire.TCP, wnd uint32) {
	ack := seg.Ack
	priorFack := c.fack()
	delivered, newlySACKed := 0, 0
	if c.sackOK {
		c.updateScoreboard(seg.Options.SACK)
		newlySACKed = c.markSACKed(now, priorFack)
		delivered += newlySACKed
	}
	advanced, dup, synOnly := false, false, false
	switch {
	case seqGT(ack, c.sndUna):
		advanced = true
		synOnly = c.sndUna == c.iss
		// Segments the ACK covers, as Linux counts packets; those not
		// SACKed before are newly delivered.
		acked, fresh := 0, 0
		start := c.sndUna
		for i := range c.flight {
			f := &c.flight[i]
			st := seqMax(start, c.sndUna)
			start = f.end
			if seqLEQ(f.end, c.sndUna) {
				continue
			}
			if seqGT(f.end, ack) {
				break
			}
			acked++
			if !f.sacked {
				fresh++
				c.delivered(now, f, st, priorFack)
			}
		}
		c.sndUna = ack
		if seqLT(c.sndPos, c.sndUna) {
			c.sndPos = c.sndUna
		}
		c.sampleRTT(now, seg)
		c.dropAcked()
		c.backoff, c.retries, c.persistN = 0, 0, 0
		if c.sackOK {
			delivered += fresh
			c.dupAcks = 0
		} else {
			// tcp_remove_reno_sacks: one segment filled the hole, the
			// rest were counted by duplicate ACKs already.
			delivered += max(acked-c.dupAcks, 1)
			if c.ca < CARecovery {
				c.dupAcks = 0
			} else {
				c.dupAcks = max(c.dupAcks-(acked-1), 0)
			}
		}
		if synOnly {
			c.startTransfer()
		}
		if c.sndUna == c.sndNxt {
			c.cancel(now, TimerRetransmit)
		} else {
			c.arm(now, TimerRetransmit, now+c.rtt.rto) // RFC 6298 5.3
		}
	case ack == c.sndUna && c.isDuplicateAck(seg):
		c.persistN = 0
		// An ACK that SACKs new data counts even when the window changed
		// (RFC 6675 section 2): a receiver may grow its window meanwhile.
		if wnd == c.sndWnd || newlySACKed > 0 {
			dup = true
			c.dupAcks++
			if !c.sackOK {
				// tcp_add_reno_sack, at most packets_out less the holes.
				sc := c.score()
				c.dupAcks = min(c.dupAcks, max(sc.out-max(sc.lost, 1), 0))
				delivered += c.score().sacked - sc.sacked
			}
		}
	default:
		c.persistN = 0
	}
	if c.synAcked() && !synOnly {
		c.ackRecovery(now, advanced, dup || newlySACKed > 0, delivered)
	}
	// Update the send window from segments not older than the last
	// update (SND.WL1/SND.WL2).
	if seqGEQ(ack, c.sndUna) && (seqLT(c.sndWL1, seg.Seq) || (c.sndWL1 == seg.Seq && seqLEQ(c.sndWL2, ack))) {
		if wnd != c.sndWnd {
			if c.sndWnd == 0 {
				c.note(now, "peer window opened to "+strconv.FormatUint(uint64(wnd), 10))
			} else if wnd == 0 {
				c.note(now, "peer window is zero")
			}
		}
		c.sndWnd, c.sndWL1, c.sndWL2 = wnd, seg.Seq, ack
		c.maxSndWnd = max(c.maxSndWnd, wnd)
		if wnd > 0 {
			c.cancel(now, TimerPersist)
		}
	}
}

// isDuplicateAck is RFC 5681 section 2's definition but for the window:
// outstanding data, no payload, no SYN/FIN, the same ACK. Only those that
// also repeat the window count towards the three duplicates.
func (c *Conn) isDuplicateAck(seg *wire.TCP) bool {
	return c.sndUna != c.sndNxt && len(seg.Payload) == 0 && seg.Flags&(wire.SYN|wire.FIN) == 0
}

// synAcked reports that our SYN has been acknowledged.
func (c *Conn) synAcked() bool { return c.sndUna != c.iss }

// startTransfer sets the initial congestion window once the handshake is
// over: RFC 6928's 10 segments, or one if the SYN had to be retransmitted
// (RFC 5681 3.1). Without an RTT sample after a retransmitted SYN the RTO
// falls back to 3 s (RFC 6298 5.7).
func (c *Conn) startTransfer() {
	iw := clampInt(c.cfg.InitialCwnd, 1, 1000)
	if c.synRetrans {
		iw = 1
		if !c.rtt.sampled {
			c.rtt.rto = clampDuration(3*time.Second, c.rtoMin(), c.rtoMax())
		}
	}
	c.cwnd = uint32(iw * c.sndMSS)
}

// finSeq is the sequence number of our FIN.
func (c *Conn) finSeq() uint32 { return c.sndBufSeq + uint32(c.sndBuf.Len()) }

// dropAcked frees acknowledged data and bookkeeping below SND.UNA.
func (c *Conn) dropAcked() {
	if seqGT(c.sndUna, c.sndBufSeq) {
		n := min(int(c.sndUna-c.sndBufSeq), c.sndBuf.Len())
		c.sndBuf.Drop(n)
		c.sndBufSeq += uint32(n)
	}
	i := 0
	for i < len(c.flight) && seqLEQ(c.flight[i].end, c.sndUna) {
		i++
	}
	c.flight = c.flight[i:]
	kept := c.sacked[:0]
	for _, r := range c.sacked {
		if seqGT(r.Right, c.sndUna) {
			r.Left = seqMax(r.Left, c.sndUna)
			kept = append(kept, r)
		}
	}
	c.sacked = kept
}

// sampleRTT measures the round trip as Linux's tcp_ack_update_rtt does:
// from the send time of the newest segment the ACK covers, unless it
// covers a retransmitted one (Karn's algorithm, RFC 6298 section 3); then
// from the echoed timestamp (RFC 7323 section 4), which is unambiguous. It
// runs before dropAcked so the flight records are still there.
func (c *Conn) sampleRTT(now time.Duration, seg *wire.TCP) {
	found, karn, r := false, false, time.Duration(0)
	for _, s := range c.flight {
		if seqGT(s.end, c.sndUna) {
			break
		}
		karn = karn || s.retransmitted
		found, r = true, now-s.at
	}
	switch {
	case found && !karn:
		c.updateRTO(now, r)
	case c.tsOK && seg.Options.HasTimestamps && seg.Options.TSEcr != 0:
		r := time.Duration(c.tsNow(now)-seg.Options.TSEcr) * time.Millisecond
		if r >= 0 && r < c.rtoMax() {
			c.updateRTO(now, r)
		}
	}
}

func (c *Conn) updateRTO(now time.Duration, r time.Duration) {
	c.rtt.sample(r, c.rtoMin(), c.rtoMax())
	st := c.congestion()
	st.Sample = r
	c.events = append(c.events, Event{Time: now, Kind: EventNote, TCP: &st,
		Text: "RTT sample " + r.String() + ": SRTT " + c.rtt.srtt.String() + ", RTTVAR " + c.rtt.rttvar.String() + ", RTO " + c.rtt.rto.String()})
}

const maxCwnd = 1 << 30

// updateScoreboard merges valid SACK blocks (RFC 2018 section 5) into the
// sorted, disjoint list of what the peer holds above SND.UNA.
func (c *Conn) updateScoreboard(blocks []wire.SACKBlock) {
	for _, b := range blocks {
		l, r := b.Left, b.Right
		if !seqLT(l, r) || seqLEQ(r, c.sndUna) || seqGT(r, c.sndNxt) {
			continue // reversed, old (D-SACK) or never sent
		}
		l = seqMax(l, c.sndUna)
		c.sacked = mergeRange(c.sacked, seqRange{l, r})
	}
}

// mergeRange inserts r into a sorted list of disjoint ranges, merging
// overlapping and adjacent ones.
func mergeRange(list []seqRange, r seqRange) []seqRange {
	out := make([]seqRange, 0, len(list)+1)
	placed := false
	for _, x := range list {
		switch {
		case seqLT(x.Right, r.Left):
			out = append(out, x)
		case seqLT(r.Right, x.Left):
			if !placed {
				out = append(out, r)
				placed = true
			}
			out = append(out, x)
		default:
			if seqLT(x.Left, r.Left) {
				r.Left = x.Left
			}
			if seqGT(x.Right, r.Right) {
				r.Right = x.Right
			}
		}
	}
	if !placed {
		out = append(out, r)
	}
	return out
}

// sackedAt returns the SACKed block containing seq.
func (c *Conn) sackedAt(seq uint32) (seqRange, bool) {
	for _, r := range c.sacked {
		if seqLEQ(r.Left, seq) && seqLT(seq, r.Right) {
			return r, true
		}
	}
	return seqRange{}, false
}

// nextSacked is the start of the first SACKed block after seq.
func (c *Conn) nextSacked(seq uint32) (uint32, bool) {
	for _, r := range c.sacked {
		if seqGT(r.Left, seq) {
			return r.Left, true
		}
	}
	return 0, false
}
