package tcp

import (
	"strconv"
	"time"

	"github.com/sockplay/sockplay/core/trace"
	"github.com/sockplay/sockplay/core/wire"
)

// maxSegmentsPerOutput bounds one Output call (the send buffer and windows
// bound it anyway; this guards against a pathological configuration).
const maxSegmentsPerOutput = 4096

// Output drains the segments to transmit now: queued replies, then the
// SYN, retransmissions, new data and FIN as the windows allow, then a
// bare ACK if one is still owed. Call it after every Input, Advance and
// user call. A data segment's payload is the send buffer's bytes in
// place, not a copy: encode or copy it before the next call on the
// connection, which may move them.
func (c *Conn) Output(now time.Duration) []*wire.TCP {
	c.transmit(now)
	if c.ackNow && c.synSeen && c.state != Closed && c.state != Listen && c.state != SynSent {
		why := c.ackCause
		if why == CauseNone {
			why = CauseACK
		}
		c.emit(c.segment(now, c.ackSeq(), wire.ACK), why)
	}
	c.updateKeepalive(now)
	out := c.out
	c.out = nil
	c.lastCauses, c.outCauses = c.outCauses, nil
	c.lastStates, c.outStates = c.outStates, nil
	return out
}

// queue adds a ready-made reply (a RST); nil is ignored.
func (c *Conn) queue(seg *wire.TCP) {
	if seg != nil {
		c.emit(seg, CauseReset)
	}
}

func (c *Conn) emit(seg *wire.TCP, why Cause) {
	c.out = append(c.out, seg)
	c.outCauses = append(c.outCauses, why)
	end := seg.Seq + uint32(len(seg.Payload))
	if seg.Flags&(wire.SYN|wire.FIN) != 0 {
		end++
	}
	st := c.congestion()
	st.Flight = seqMax(c.sndNxt, end) - c.sndUna
	c.outStates = append(c.outStates, st)
}

// congestion is the sender's state for the trace; Flight is left to the
// caller, who knows which segment it describes.
func (c *Conn) congestion() trace.TCPState {
	return trace.TCPState{Cwnd: c.cwnd, Ssthresh: c.ssthresh, Rwnd: c.sndWnd, Recovery: c.ca == CARecovery,
		SRTT: c.rtt.srtt, RTTVar: c.rtt.rttvar, RTO: c.rtt.rto, Flight: c.sndNxt - c.sndUna}
}

// ackSeq is the sequence number of a segment that carries no data: SND.NXT
// unless that lies beyond the peer's window (Linux's tcp_acceptable_seq).
func (c *Conn) ackSeq() uint32 {
	if end := c.sndUna + c.sndWnd; seqGT(c.sndNxt, end) {
		return end
	}
	return c.sndNxt
}

// segment builds a segment from this connection with the given flags.
// With ACK it acknowledges RCV.NXT, advertises the window and settles any
// ACK owed; timestamps and SACK blocks are added when negotiated.
func (c *Conn) segment(now time.Duration, seq uint32, flags wire.TCPFlags) *wire.TCP {
	s := &wire.TCP{SrcPort: c.local.Port, DstPort: c.remote.Port, Seq: seq, Flags: flags}
	syn := flags&wire.SYN != 0
	if flags&wire.ACK != 0 {
		s.Ack = c.rcvNxt
		s.Window = c.windowToAdvertise(syn)
		c.lastAckSent = c.rcvNxt
		c.ackSent()
		c.ackNow, c.ackCause = false, CauseNone
		c.cancel(now, TimerDelayedACK)
		if !syn {
			s.Options.SACK = c.sackBlocks()
		}
	} else if syn {
		s.Window = c.windowToAdvertise(true)
	}
	if syn {
		c.synOptions(&s.Options, flags&wire.ACK != 0)
	} else if c.tsOK {
		s.Options.HasTimestamps = true
		s.Options.TSVal = c.tsNow(now)
		s.Options.TSEcr = c.tsRecent
	}
	if syn && s.Options.HasTimestamps {
		s.Options.TSVal = c.tsNow(now)
	}
	return s
}

// synOptions are the options of our SYN, or of our SYN,ACK where only
// those the peer offered may appear (RFC 7323, RFC 2018).
func (c *Conn) synOptions(o *wire.TCPOptions, synAck bool) {
	o.MSS = uint16(clampInt(c.cfg.MSS, minMSS, maxMSS))
	if synAck {
		o.HasWScale, o.WScale = c.wscaleOK, c.rcvWScale
		o.SACKPermitted = c.sackOK
		if c.tsOK {
			o.HasTimestamps, o.TSEcr = true, c.tsRecent
		}
		return
	}
	o.HasWScale, o.WScale = c.offeredWScale, c.rcvWScale
	o.SACKPermitted = c.offeredSACK
	o.HasTimestamps = c.offeredTS
}

// activeReset is the RST we send when aborting: RST,ACK at SND.NXT like
// Linux's tcp_send_active_reset.
func (c *Conn) activeReset(now time.Duration) *wire.TCP {
	return c.segment(now, c.ackSeq(), wire.RST|wire.ACK)
}

// transmit sends what the state, the windows and the send buffer allow.
func (c *Conn) transmit(now time.Duration) {
	switch c.state {
	case Closed, Listen, TimeWait:
		return
	}
	if c.sndPos == c.iss && c.sndUna == c.iss {
		c.sendSYN(now)
	}
	if !c.synAcked() {
		return
	}
	if c.ca == CARecovery || c.ca == CADisorder {
		c.retransmitLost(now)
	}
	from, firstNew := len(c.out), c.sndNxt
	pending := seqLT(c.sndPos, c.finSeq())
	for range maxSegmentsPerOutput {
		if !c.sendNext(now) {
			break
		}
	}
	if pending {
		limited := c.score().inFlight() >= int(c.cwnd/c.mss32())
		if c.sndNxt != firstNew || limited {
			c.validateCwnd(limited)
		}
	}
	c.markBursts(from, firstNew)
	c.updatePersist(now)
}

// sendSYN sends (or resends) our SYN, or SYN,ACK once we have theirs.
func (c *Conn) sendSYN(now time.Duration) {
	flags := wire.SYN
	why := CauseSYN
	if c.synSeen {
		flags |= wire.ACK
		why = CauseSYNACK
	}
	if seqLT(c.iss, c.sndNxt) {
		why = CauseRetransmitTimeout
	}
	if c.synCause != CauseNone {
		why, c.synCause = c.synCause, CauseNone
	}
	c.emit(c.segment(now, c.iss, flags), why)
	c.sndPos = c.iss + 1
	c.recordSent(now, c.iss, c.iss+1)
	c.armIfIdle(now, TimerRetransmit, now+c.rtt.rto)
}

// recordSent notes the transmission of [seq, end): new sequence space
// extends SND.NXT and the flight record, resent space is a retransmission.
func (c *Conn) recordSent(now time.Duration, seq, end uint32) {
	if seqLT(seq, c.sndNxt) {
		c.retransmits++
		if seq == c.iss {
			c.synRetrans = true
		}
		for i := range c.flight {
			f := &c.flight[i]
			if seqGT(f.end, seq) {
				c.xmits++
				f.retransmitted, f.xmit, f.order = true, now, c.xmits
				f.rtxOut = !f.sacked
			}
			if seqGEQ(f.end, end) {
				break
			}
		}
	}
	if seqGT(end, c.sndNxt) {
		c.xmits++
		c.flight = append(c.flight, sentSegment{end: end, at: now, xmit: now, order: c.xmits})
		c.sndNxt = end
	}
}

// sendNext sends one segment from sndPos if the rules allow, reporting
// whether it did.
func (c *Conn) sendNext(now time.Duration) bool {
	pos := c.sndPos
	if seqLT(pos, c.sndNxt) {
		if r, ok := c.sackedAt(pos); ok { // the peer has it: skip (RFC 2018)
			c.sndPos = r.Right
			return true
		}
	}
	end := c.finSeq()
	unsent := 0
	if seqLT(pos, end) {
		unsent = int(end - pos)
	}
	finNext := c.finQueued && pos == end
	if unsent == 0 && !finNext {
		return false
	}
	retransmission := seqLT(pos, c.sndNxt)
	n := min(c.sndMSS, unsent)
	if retransmission {
		if next, ok := c.nextSacked(pos); ok && seqLT(next, pos+uint32(n)) {
			n = int(next - pos)
		}
	}
	if unsent > 0 {
		// The peer's window bounds the sequence space (SND.UNA +
		// SND.WND); cwnd bounds the segments in flight (RFC 6675's pipe,
		// Linux's tcp_packets_in_flight): SACKed and lost ones have left
		// the network.
		usable := 0
		if wndEnd := c.sndUna + c.sndWnd; seqLT(pos, wndEnd) {
			usable = int(wndEnd - pos)
		}
		n = min(n, usable, int(c.cwndRoom()))
		if n == 0 {
			return false
		}
		partial := n < c.sndMSS
		// Sender silly window avoidance (RFC 9293 3.8.6.2.1): new data
		// cut short by the window goes only if it is at least half the
		// largest window the peer offered. It never holds a
		// retransmission, which may be short because SACKed data follows.
		if partial && n < unsent && !retransmission && uint32(n) < c.maxSndWnd/2 {
			return false
		}
		// Nagle, Linux's Minshall variant: hold a short last segment while
		// an earlier short segment is unacknowledged. A FIN goes anyway.
		if partial && n == unsent && !retransmission && !c.finQueued && !c.cfg.NoDelay &&
			seqGT(c.sndSml, c.sndUna) && seqLEQ(c.sndSml, c.sndNxt) {
			return false
		}
	}
	why := CauseNone // new data or FIN
	if retransmission {
		why = CauseRetransmitTimeout // only a timeout rewinds sndPos below SND.NXT
	}
	c.sendData(now, pos, n, c.finQueued && n == unsent, why)
	return true
}

// sendData emits n bytes from seq (plus the FIN if fin) and advances the
// transmission point; why is CauseNone for a first transmission.
func (c *Conn) sendData(now time.Duration, seq uint32, n int, fin bool, why Cause) {
	flags := wire.ACK
	off := int(seq - c.sndBufSeq)
	end := c.finSeq()
	if n > 0 && seq+uint32(n) == end {
		flags |= wire.PSH // the end of what the application wrote
	}
	if fin {
		flags |= wire.FIN
	}
	s := c.segment(now, seq, flags)
	if n > 0 {
		s.Payload = c.sndBuf.Slice(off, off+n)
		c.dataSent(now)
	}
	if c.ca == CARecovery {
		c.prrOut++ // PRR's prr_out counts every segment sent in recovery
	}
	if why == CauseNone {
		why = CauseData
		if n == 0 {
			why = CauseFIN
		}
	}
	c.emit(s, why)
	next := seq + uint32(n)
	if fin {
		next++
	}
	if seqLT(seq, c.sndNxt) {
		c.seqNote(now, "retransmit ", sndSeq(seq), ":", sndSeq(seq+uint32(n)), " ("+strconv.Itoa(n)+" bytes)")
	}
	c.recordSent(now, seq, next)
	if seqGT(next, c.sndPos) {
		c.sndPos = next
	}
	if n > 0 && n < c.sndMSS {
		c.sndSml = seq + uint32(n)
	}
	c.armIfIdle(now, TimerRetransmit, now+c.rtt.rto)
}

// sendRetransmission resends one segment from seq, skipping what the peer
// has SACKed, for loss recovery or as a zero-window probe; the peer's
// window does not limit it. It reports whether something went.
func (c *Conn) sendRetransmission(now time.Duration, seq uint32, why Cause) bool {
	if seqLT(seq, c.sndUna) {
		seq = c.sndUna
	}
	if !seqLT(seq, c.sndNxt) {
		return false
	}
	if r, ok := c.sackedAt(seq); ok {
		seq = r.Right
	}
	end := c.finSeq()
	n := 0
	if seqLT(seq, end) {
		n = min(c.sndMSS, int(end-seq))
	}
	if next, ok := c.nextSacked(seq); ok && seqLT(next, seq+uint32(n)) {
		n = int(next - seq)
	}
	if f := c.flightAt(seq); f != nil && seqLT(f.end, seq+uint32(n)) {
		n = int(f.end - seq) // one segment of the scoreboard at a time
	}
	fin := c.finQueued && seq+uint32(n) == end && seqGT(c.sndNxt, end)
	if n == 0 && !fin {
		return false
	}
	c.sendData(now, seq, n, fin, why)
	return true
}

// updatePersist runs the persist timer while data waits for a window and
// nothing is in flight to bring an ACK (RFC 9293 3.8.6.1).
func (c *Conn) updatePersist(now time.Duration) {
	waiting := seqLT(c.sndPos, c.finSeq())
	if waiting && c.sndUna == c.sndNxt {
		c.armIfIdle(now, TimerPersist, now+c.persistInterval())
		return
	}
	c.persistBack = 0
	c.cancel(now, TimerPersist)
}

// persistInterval is Linux's tcp_probe0_when: max(RTO, PersistMin) doubled
// per probe since the window closed, at most RTOMax.
func (c *Conn) persistInterval() time.Duration {
	d := max(c.rtt.rto, atLeast(c.cfg.PersistMin, minTimeout))
	for i := 0; i < c.persistBack && d < c.rtoMax(); i++ {
		d *= 2
	}
	return min(d, c.rtoMax())
}
