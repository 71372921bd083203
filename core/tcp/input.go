package tcp

import (
	"time"

	"github.com/sockplay/sockplay/core/errno"
	"github.com/sockplay/sockplay/core/wire"
)

// segLen is SEG.LEN: payload plus one for each of SYN and FIN.
func segLen(seg *wire.TCP) uint32 {
	n := uint32(len(seg.Payload))
	if seg.Flags&wire.SYN != 0 {
		n++
	}
	if seg.Flags&wire.FIN != 0 {
		n++
	}
	return n
}

// Input processes a segment that arrived for this connection (already
// demultiplexed, checksum verified), following RFC 9293 section 3.10.7.
// Replies are collected by Output.
func (c *Conn) Input(now time.Duration, seg *wire.TCP) {
	if seg == nil {
		return
	}
	switch c.state {
	case Closed: // 3.10.7.1
		c.queue(ClosedInput(seg))
		return
	case Listen: // 3.10.7.2
		reply, _ := ListenInput(c.local, c.remote, seg)
		c.queue(reply)
		return
	case SynSent: // 3.10.7.3
		c.inputSynSent(now, seg)
		return
	}
	c.inputOtherwise(now, seg) // 3.10.7.4
}

// inputSynSent is RFC 9293 3.10.7.3.
func (c *Conn) inputSynSent(now time.Duration, seg *wire.TCP) {
	// First, check the ACK bit.
	ackOK := false
	if seg.Flags&wire.ACK != 0 {
		if seqLEQ(seg.Ack, c.iss) || seqGT(seg.Ack, c.sndNxt) {
			if seg.Flags&wire.RST == 0 {
				c.queue(resetFor(seg, c.local.Port, c.remote.Port))
			}
			return
		}
		ackOK = true
	}
	// Second, the RST bit: only one that acknowledges our SYN counts
	// (RFC 5961 section 3.2 keeps this rule).
	if seg.Flags&wire.RST != 0 {
		if ackOK {
			c.enterClosed(now, errno.ECONNREFUSED, "rcvd RST: connection refused")
		}
		return
	}
	// Fourth, the SYN bit. Anything else is dropped.
	if seg.Flags&wire.SYN == 0 {
		return
	}
	c.lastRecv = now
	c.receiveSYN(seg)
	c.sndWnd = uint32(seg.Window)
	c.maxSndWnd = c.sndWnd
	c.sndWL1, c.sndWL2 = seg.Seq, seg.Ack
	if !ackOK {
		// Simultaneous open (Figure 7): resend our SYN as a SYN,ACK.
		c.sndPos = c.iss
		c.synCause = CauseSYNACK
		c.setState(now, SynReceived, "rcvd SYN (simultaneous open): send SYN,ACK")
		return
	}
	c.ackAdvance(now, seg, c.sndWnd)
	c.setState(now, Established, "rcvd SYN,ACK: send ACK")
	c.ack.lastRecv = now // Linux's tcp_finish_connect starts lrcvtime here
	c.owe(CauseACK)
	c.inputText(now, seg)
}

// inputOtherwise is RFC 9293 3.10.7.4 for SYN-RECEIVED and the
// synchronized states.
func (c *Conn) inputOtherwise(now time.Duration, seg *wire.TCP) {
	unscaledWindow := false
	if c.state == SynReceived {
		if c.synReceivedShortcuts(now, seg) {
			return
		}
		if !c.passive {
			seg, unscaledWindow = c.simultaneousSynAck(seg)
		}
	}

	// RFC 7323 section 5.3 R1: PAWS drops a segment whose timestamp is
	// older than TS.Recent, acknowledging it.
	if c.tsOK && seg.Options.HasTimestamps && seg.Flags&wire.RST == 0 && seqLT(seg.Options.TSVal, c.tsRecent) {
		c.seqNote(now, "PAWS: segment ", rcvSeq(seg.Seq), " has an old timestamp, dropped")
		c.owe(CauseDupACK)
		return
	}

	// First, check the sequence number.
	if !c.acceptable(seg.Seq, segLen(seg)) {
		if seqGEQ(seg.Seq+segLen(seg), c.lastAckSent) {
			// A retransmission of what we acknowledged last still
			// refreshes the timestamp to echo (Linux: end ≥ rcv_wup), so
			// the sender does not measure the time its ACK was lost.
			c.updateTSRecent(seg)
		}
		if seg.Flags&wire.RST == 0 {
			c.owe(CauseDupACK)
			if len(seg.Payload) > 0 && seqLT(seg.Seq, c.rcvNxt) && c.state != TimeWait {
				c.enterQuickAck() // Linux's tcp_send_dupack: our ACK was lost
			}
			if c.state == TimeWait && seg.Flags&wire.FIN != 0 && seg.Seq+segLen(seg) == c.rcvNxt {
				// A retransmitted FIN: acknowledge it, restart 2·MSL.
				c.arm(now, TimerTimeWait, now+atLeast(c.cfg.TimeWait, minTimeout))
			}
		}
		return
	}
	c.lastRecv = now
	c.keepaliveN = 0
	c.updateTSRecent(seg)

	// Second, check the RST bit (RFC 5961 section 3.2): only an exact
	// match resets; other in-window RSTs get a challenge ACK. Linux
	// sends no challenge ACK from TIME-WAIT.
	if seg.Flags&wire.RST != 0 {
		if seg.Seq != c.rcvNxt {
			if c.state != TimeWait {
				c.note(now, "RST in window but not at RCV.NXT: challenge ACK (RFC 5961)")
				c.owe(CauseChallengeACK)
			}
			return
		}
		c.inputReset(now)
		return
	}

	// Fourth, check the SYN bit: in window in a synchronized state it
	// gets a challenge ACK (RFC 5961 section 4.2, RFC 9293 3.10.7.4).
	if seg.Flags&wire.SYN != 0 {
		if c.state == SynReceived && c.passive {
			// Linux's tcp_check_req: reset the embryonic connection.
			c.queue(resetFor(seg, c.local.Port, c.remote.Port))
			c.enterClosed(now, errno.OK, "rcvd unexpected SYN: send RST")
			return
		}
		c.note(now, "SYN in a synchronized state: challenge ACK (RFC 5961)")
		c.owe(CauseChallengeACK)
		return
	}

	// Fifth, check the ACK field.
	if seg.Flags&wire.ACK == 0 {
		return
	}
	if !c.inputAck(now, seg, unscaledWindow) {
		return
	}

	// Sixth, the URG bit: urgent data is not modelled (see README).
	// Seventh, the segment text, and eighth, the FIN bit.
	c.inputText(now, seg)
}

// updateTSRecent is RFC 7323 section 5.3 R3: remember the timestamp to
// echo from a segment that starts at or before Last.ACK.sent.
func (c *Conn) updateTSRecent(seg *wire.TCP) {
	if c.tsOK && seg.Options.HasTimestamps && seqLEQ(seg.Seq, c.lastAckSent) && seqGEQ(seg.Options.TSVal, c.tsRecent) {
		c.tsRecent = seg.Options.TSVal
	}
}

// synReceivedShortcuts handles what Linux's tcp_check_req does before the
// RFC steps: a retransmitted SYN makes us resend the SYN,ACK.
func (c *Conn) synReceivedShortcuts(now time.Duration, seg *wire.TCP) bool {
	if seg.Flags&(wire.SYN|wire.ACK|wire.RST) == wire.SYN && seg.Seq == c.irs {
		c.note(now, "rcvd retransmitted SYN: resend SYN,ACK")
		c.sndPos = c.iss
		c.synCause = CauseRetransmitReply
		return true
	}
	return false
}

// simultaneousSynAck turns the peer's SYN,ACK in a simultaneous open
// (Figure 7, line 6) into the plain ACK it amounts to. By the letter of
// RFC 9293 its SYN lies before RCV.NXT and the segment would be
// unacceptable; Linux's tcp_validate_incoming makes the same exception.
// Its window, being in a SYN, is not scaled.
func (c *Conn) simultaneousSynAck(seg *wire.TCP) (*wire.TCP, bool) {
	if seg.Flags&(wire.SYN|wire.ACK|wire.RST) != wire.SYN|wire.ACK || seg.Seq+1 != c.rcvNxt || seg.Ack != c.sndNxt {
		return seg, false
	}
	ack := *seg
	ack.Flags &^= wire.SYN
	ack.Seq = c.rcvNxt
	ack.Payload = nil
	return &ack, true
}

// rcvWnd is RCV.WND: what is left of the window last advertised.
func (c *Conn) rcvWnd() uint32 {
	if seqGT(c.rcvEdge, c.rcvNxt) {
		return c.rcvEdge - c.rcvNxt
	}
	return 0
}

// acceptable is the segment acceptance test of RFC 9293 3.10.7.4. With a
// zero window a segment starting exactly at RCV.NXT is let in so that its
// ACK, RST or bare FIN is processed (the "special allowance" the RFC asks
// for; Linux does the same) while its data is trimmed away.
func (c *Conn) acceptable(seq, length uint32) bool {
	wnd := c.rcvWnd()
	switch {
	case wnd == 0:
		return seq == c.rcvNxt
	case length == 0:
		return seqInWindow(seq, c.rcvNxt, wnd)
	default:
		return seqInWindow(seq, c.rcvNxt, wnd) || seqInWindow(seq+length-1, c.rcvNxt, wnd)
	}
}

// inputReset is an acceptable RST (RFC 9293 3.10.7.4 second step, with
// the errors Linux's tcp_reset reports).
func (c *Conn) inputReset(now time.Duration) {
	switch c.state {
	case SynReceived:
		if c.passive {
			c.enterClosed(now, errno.OK, "rcvd RST: back to LISTEN")
			return
		}
		c.enterClosed(now, errno.ECONNREFUSED, "rcvd RST: connection refused")
	case CloseWait:
		c.enterClosed(now, errno.EPIPE, "rcvd RST")
	case TimeWait:
		c.enterClosed(now, errno.OK, "rcvd RST in TIME-WAIT")
	default:
		c.enterClosed(now, errno.ECONNRESET, "rcvd RST: connection reset")
	}
}

// inputAck is the fifth step. It reports whether processing continues.
func (c *Conn) inputAck(now time.Duration, seg *wire.TCP, unscaledWindow bool) bool {
	if c.state == SynReceived {
		if !(seqLT(c.sndUna, seg.Ack) && seqLEQ(seg.Ack, c.sndNxt)) {
			c.queue(resetFor(seg, c.local.Port, c.remote.Port))
			return false
		}
		c.setState(now, Established, "rcvd ACK of SYN")
		c.ack.lastRecv = now // as tcp_create_openreq_child
	}
	// RFC 9293 / RFC 5961 section 5.2: an ACK beyond SND.NXT, or far
	// below SND.UNA, is answered with an ACK and dropped.
	if seqGT(seg.Ack, c.sndNxt) {
		c.owe(CauseACK)
		return false
	}
	if seqLT(seg.Ack, c.sndUna-c.maxSndWnd) {
		c.seqNote(now, "ACK ", sndSeq(seg.Ack), " too old: challenge ACK (RFC 5961)")
		c.owe(CauseChallengeACK)
		return false
	}
	c.ackAdvance(now, seg, c.peerWindow(seg, unscaledWindow))

	finAcked := c.finQueued && seqGT(c.sndUna, c.finSeq())
	switch c.state {
	case FinWait1:
		if finAcked {
			c.setState(now, FinWait2, "rcvd ACK of FIN")
			if c.closed {
				c.arm(now, TimerFinWait2, now+atLeast(c.cfg.FinWait2Timeout, minTimeout))
			}
		}
	case Closing:
		if finAcked {
			c.enterTimeWait(now, "rcvd ACK of FIN")
		}
		return false
	case LastAck:
		if finAcked {
			c.enterClosed(now, errno.OK, "rcvd ACK of FIN")
		}
		return false
	case TimeWait:
		// Only a retransmitted FIN is expected: acknowledge what
		// occupies sequence space and restart 2·MSL for a FIN.
		if segLen(seg) > 0 {
			c.owe(CauseACK)
		}
		if seg.Flags&wire.FIN != 0 {
			c.arm(now, TimerTimeWait, now+atLeast(c.cfg.TimeWait, minTimeout))
		}
		return false
	}
	return true
}

// inputText is the seventh (segment text) and eighth (FIN) steps.
func (c *Conn) inputText(now time.Duration, seg *wire.TCP) {
	start := seg.Seq
	if seg.Flags&wire.SYN != 0 {
		start++
	}
	data := seg.Payload
	finSeq := start + uint32(len(data))
	fin := seg.Flags&wire.FIN != 0
	switch c.state {
	case Established, FinWait1, FinWait2:
	default:
		return // after the peer's FIN no text is expected (RFC 9293)
	}
	if c.readShut && (c.state == FinWait1 || c.state == FinWait2) && len(data) > 0 && seqGT(finSeq, c.rcvNxt) {
		// Linux's tcp_rcv_state_process: data nobody will read.
		c.queue(c.activeReset(now))
		c.enterClosed(now, errno.OK, "rcvd data after close(): send RST")
		return
	}
	// Trim what was already received.
	if seqLT(start, c.rcvNxt) {
		d := c.rcvNxt - start
		if d >= uint32(len(data)) {
			data = nil
		} else {
			data = data[d:]
		}
		start = c.rcvNxt
	}
	// Trim to the window: whatever it offers is accepted (window.go).
	limit := c.rcvWnd()
	off := start - c.rcvNxt
	if len(data) > 0 {
		if off >= limit {
			data = nil
			fin = false
		} else if uint64(off)+uint64(len(data)) > uint64(limit) {
			data = data[:limit-off]
			fin = false
		}
	}
	if len(seg.Payload) > 0 && len(data) == 0 {
		c.owe(CauseDupACK) // a duplicate or beyond the window: tell the sender where we are
		c.enterQuickAck()  // Linux's tcp_data_queue, out_of_window
	}
	holes := false // RFC 5681 4.2: ACK out-of-order data and a filled hole at once
	if len(data) > 0 {
		if off == 0 {
			hadHoles := len(c.ooo) > 0
			c.rcvBuf.Append(data)
			c.rcvNxt += uint32(len(data))
			c.dataReceived(now, seg)
			c.pullOutOfOrder(now)
			if len(data) >= 128 { // Linux's tcp_event_data_recv
				c.growWindow(len(data))
			}
			holes = hadHoles || len(c.ooo) > 0
		} else {
			c.insertOutOfOrder(start, data)
			if c.sackOK { // Linux's tcp_data_queue_ofo
				c.growWindow(len(data))
			}
			c.ack.scheduled = true
			c.owe(CauseDupACK)
		}
	}
	if fin {
		switch {
		case finSeq == c.rcvNxt:
			c.inputFIN(now)
		case seqGT(finSeq, c.rcvNxt):
			c.oooFIN, c.oooFINSeq = true, finSeq
		}
	}
	c.ackCheck(now, holes)
}

// inputFIN is the eighth step for a FIN at RCV.NXT. As Linux's tcp_fin,
// the FIN's ACK waits like data's in ESTABLISHED (the application is
// likely to close and send its own FIN with it: interactive mode) and
// goes at once in FIN-WAIT-1 and FIN-WAIT-2.
func (c *Conn) inputFIN(now time.Duration) {
	c.rcvNxt++
	c.finReceived = true
	c.oooFIN = false
	c.ack.scheduled = true
	switch c.state {
	case SynReceived, Established:
		c.ack.pingpong = true
		c.setState(now, CloseWait, "rcvd FIN")
	case FinWait1:
		c.owe(CauseACK)
		c.setState(now, Closing, "rcvd FIN (simultaneous close)")
	case FinWait2:
		c.owe(CauseACK)
		c.enterTimeWait(now, "rcvd FIN")
	}
}
