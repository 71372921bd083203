package tcp

import (
	"strconv"
	"time"
)

// Loss recovery as Linux's tcp_input.c and tcp_recovery.c do it: a
// scoreboard of the segments in flight (SACKed, lost, retransmitted),
// RACK's time-based loss detection (RFC 8985 6.2; on ACKs, not by its
// reordering timer), NewReno's head-of-queue marking without SACK, and
// Proportional Rate Reduction (RFC 6937) for cwnd during recovery.

// score counts the segments after SND.UNA as Linux's tcp_sock does.
type score struct {
	out, sacked, lost, retrans int    // packets_out, sacked_out, lost_out, retrans_out
	pipe                       uint32 // bytes in flight: neither SACKed nor lost, or retransmitted
}

// inFlight is tcp_packets_in_flight: packets_out − left_out + retrans_out.
func (s score) inFlight() int { return max(s.out-s.sacked-s.lost+s.retrans, 0) }

func (c *Conn) score() score {
	var sc score
	start := c.sndUna
	for i := range c.flight {
		f := &c.flight[i]
		if seqLEQ(f.end, c.sndUna) {
			continue
		}
		n := f.end - seqMax(start, c.sndUna)
		start = f.end
		sc.out++
		if f.sacked {
			sc.sacked++
			continue
		}
		if f.lost {
			sc.lost++
		}
		if f.rtxOut {
			sc.retrans++
		}
		if !f.lost || f.rtxOut {
			sc.pipe += n
		}
	}
	if !c.sackOK {
		// Without SACK each duplicate ACK stands for a segment that left
		// the network (tcp_add_reno_sack).
		d := min(c.dupAcks, sc.out-sc.lost)
		sc.sacked = d
		sc.pipe -= min(sc.pipe, uint32(d)*c.mss32())
	}
	return sc
}

// cwndRoom is how many bytes the congestion window lets go now: Linux's
// tcp_cwnd_test counts segments, so whole segments fit while fewer are
// in flight than cwnd allows.
func (c *Conn) cwndRoom() uint32 {
	sc := c.score()
	cw := int(c.cwnd / c.mss32())
	if sc.inFlight() >= cw {
		return 0
	}
	return uint32(cw-sc.inFlight()) * c.mss32()
}

// fack is the highest sequence number the peer has SACKed (or SND.UNA).
func (c *Conn) fack() uint32 {
	if n := len(c.sacked); n > 0 {
		return c.sacked[n-1].Right
	}
	return c.sndUna
}

// markSACKed flags the segments the scoreboard now covers whole,
// returning how many are newly SACKed (tcp_sacktag_write_queue).
func (c *Conn) markSACKed(now time.Duration, priorFack uint32) int {
	newly := 0
	start := c.sndUna
	for i := range c.flight {
		f := &c.flight[i]
		st := seqMax(start, c.sndUna)
		start = f.end
		if f.sacked || seqLEQ(f.end, c.sndUna) {
			continue
		}
		if r, ok := c.sackedAt(st); !ok || seqLT(r.Right, f.end) {
			continue
		}
		f.sacked, f.lost, f.rtxOut = true, false, false
		newly++
		c.delivered(now, f, st, priorFack)
	}
	return newly
}

// delivered notes a segment the peer now holds: RACK's most recently
// sent delivered segment (tcp_rack_advance) and reordering, when a
// never-retransmitted segment arrives below data SACKed before it
// (tcp_check_sack_reordering).
func (c *Conn) delivered(now time.Duration, f *sentSegment, start, priorFack uint32) {
	if !f.retransmitted && seqLT(start, priorFack) {
		c.reordSeen = true
	}
	rtt := now - f.xmit
	if f.retransmitted && rtt < c.rtt.minRTT {
		return // perhaps the original's ACK: ambiguous
	}
	c.rack.advanced = true
	c.rack.rtt = rtt
	if !c.rack.valid || f.order > c.rack.order {
		c.rack.xmit, c.rack.order, c.rack.valid = f.xmit, f.order, true
	}
}

// rackState is RFC 8985's RACK.xmit_ts and RACK.rtt; order stands for
// RACK.end_seq, which breaks ties between segments sent at the same
// time: in virtual time a burst and the retransmission after it can
// share a clock reading that Linux's microseconds would tell apart.
type rackState struct {
	xmit     time.Duration
	order    uint64
	rtt      time.Duration
	valid    bool
	advanced bool // a delivery since the last loss detection
}

// rackReoWnd is tcp_rack_reo_wnd: no reordering window until reordering
// has been seen once in recovery or DupThresh segments are SACKed;
// otherwise min_rtt/4, at most SRTT.
func (c *Conn) rackReoWnd(sacked int) time.Duration {
	if !c.reordSeen && (c.ca >= CARecovery || sacked >= dupThresh) {
		return 0
	}
	return min(c.rtt.minRTT/4, c.rtt.srtt)
}

// rackDetectLoss marks lost every segment sent before the most recently
// sent delivered one and outstanding longer than RACK.rtt plus the
// reordering window (tcp_rack_detect_loss), returning how many.
func (c *Conn) rackDetectLoss(now time.Duration, sacked int) int {
	if !c.rack.advanced {
		return 0
	}
	c.rack.advanced = false
	reo := c.rackReoWnd(sacked)
	n := 0
	for i := range c.flight {
		f := &c.flight[i]
		if seqLEQ(f.end, c.sndUna) || f.sacked || (f.lost && !f.rtxOut) {
			continue
		}
		if f.order >= c.rack.order {
			continue // not sent before the most recently sent delivered one
		}
		if c.rack.rtt+reo-(now-f.xmit) <= 0 {
			f.lost, f.rtxOut = true, false
			n++
		}
	}
	return n
}

// markHeadLost is tcp_newreno_mark_lost: without SACK the first
// unacknowledged segment is deemed lost.
func (c *Conn) markHeadLost() int {
	for i := range c.flight {
		f := &c.flight[i]
		if seqLEQ(f.end, c.sndUna) {
			continue
		}
		if f.lost {
			return 0
		}
		f.lost, f.rtxOut = true, false
		return 1
	}
	return 0
}

// ackRecovery runs after an ACK's scoreboard update, as Linux's
// tcp_fastretrans_alert then tcp_cong_control: leave recovery once
// SND.UNA passes the recovery point, detect losses, enter recovery when
// some are, and set cwnd (PRR in recovery, growth otherwise).
// delivered counts the segments this ACK newly acknowledged or SACKed.
func (c *Conn) ackRecovery(now time.Duration, advanced, dubious bool, delivered int) {
	newlyLost := 0
	if dubious || c.ca != CAOpen {
		if c.ca == CARecovery && seqGEQ(c.sndUna, c.recover) && (c.sackOK || c.sndUna != c.recover) {
			// tcp_end_cwnd_reduction (Reno holds the state until data
			// above the recovery point is acknowledged: RFC 6582 4.1).
			c.cwnd = c.ssthresh
			c.ca = CAOpen
			c.dupAcks = 0
			c.seqNote(now, "ACK ", sndSeq(c.sndUna), ": fast recovery done, cwnd "+strconv.FormatUint(uint64(c.cwnd/c.mss32()), 10)+" segments")
		}
		if c.ca == CALoss && seqGEQ(c.sndUna, c.recover) {
			c.ca = CAOpen
		}
		if c.ca != CALoss {
			sacked := c.score().sacked
			switch {
			case !c.sackOK && ((c.ca < CARecovery && c.dupAcks >= dupThresh) || (c.ca == CARecovery && advanced)):
				newlyLost = c.markHeadLost()
			case c.sackOK:
				newlyLost = c.rackDetectLoss(now, sacked)
			}
			if c.ca < CARecovery {
				sc := c.score()
				switch {
				case sc.lost > 0:
					c.enterRecovery(now)
				case sc.sacked > 0 || sc.retrans > 0:
					c.ca = CADisorder
				default:
					c.ca = CAOpen
				}
			}
		}
	}
	switch {
	case c.ca == CARecovery:
		c.reduceCwnd(delivered, newlyLost, advanced)
	case advanced && delivered > 0:
		c.congestionAvoid(now, uint32(delivered))
	}
}

// enterRecovery is tcp_enter_recovery: ssthresh from the algorithm, the
// recovery point at SND.NXT, PRR's counters from zero.
func (c *Conn) enterRecovery(now time.Duration) {
	sc := c.score()
	c.priorCwnd = c.cwnd
	c.ssthresh = c.ssthreshOnLoss() * c.mss32()
	c.prrDelivered, c.prrOut = 0, 0
	c.recover = c.sndNxt
	c.ca = CARecovery
	c.cc.cwndCnt = 0
	what := strconv.Itoa(sc.sacked) + " segments SACKed above it"
	if !c.sackOK {
		what = strconv.Itoa(c.dupAcks) + " duplicate ACKs"
	}
	c.seqNote(now, "segment at ", sndSeq(c.firstLost()), " lost ("+what+"): fast retransmit, ssthresh "+
		strconv.FormatUint(uint64(c.ssthresh/c.mss32()), 10)+" segments")
}

// reduceCwnd is PRR (RFC 6937, Linux's tcp_cwnd_reduction): while more
// is in flight than ssthresh, send in proportion to what is delivered
// (ssthresh/prior cwnd); below it, catch up by slow start but no faster
// than delivery plus one; the first ACK always lets one retransmission go.
func (c *Conn) reduceCwnd(delivered, newlyLost int, advanced bool) {
	if delivered <= 0 {
		return
	}
	mss := c.mss32()
	c.prrDelivered += delivered
	inFlight := c.score().inFlight()
	ssth := int(c.ssthresh / mss)
	delta := ssth - inFlight
	var sndcnt int
	if delta < 0 {
		prior := max(int(c.priorCwnd/mss), 1)
		sndcnt = (ssth*c.prrDelivered+prior-1)/prior - c.prrOut
	} else {
		sndcnt = max(c.prrDelivered-c.prrOut, delivered)
		if advanced && newlyLost == 0 {
			sndcnt++
		}
		sndcnt = min(delta, sndcnt)
	}
	if c.prrOut == 0 {
		sndcnt = max(sndcnt, 1)
	}
	c.cwnd = uint32(max(inFlight+sndcnt, 0)) * mss
}

// firstLost is the start of the first segment marked lost and not yet
// retransmitted (or SND.UNA).
func (c *Conn) firstLost() uint32 {
	start := c.sndUna
	for _, f := range c.flight {
		st := seqMax(start, c.sndUna)
		start = f.end
		if seqGT(f.end, c.sndUna) && f.lost && !f.rtxOut && !f.sacked {
			return st
		}
	}
	return c.sndUna
}

// retransmitLost resends the segments marked lost, in order, while the
// congestion window has room (tcp_xmit_retransmit_queue).
func (c *Conn) retransmitLost(now time.Duration) {
	for range maxSegmentsPerOutput {
		if c.cwndRoom() == 0 {
			return
		}
		seq := c.firstLost()
		f := c.flightAt(seq)
		if f == nil || !f.lost || f.rtxOut || f.sacked {
			return
		}
		why := CauseRetransmitRecovery
		if c.prrOut == 0 {
			why = CauseRetransmitFast
		}
		if !c.sendRetransmission(now, seq, why) {
			return
		}
	}
}

// flightAt is the flight record of the segment starting at seq.
func (c *Conn) flightAt(seq uint32) *sentSegment {
	start := c.sndUna
	for i := range c.flight {
		st := seqMax(start, c.sndUna)
		start = c.flight[i].end
		if st == seq && seqGT(c.flight[i].end, c.sndUna) {
			return &c.flight[i]
		}
	}
	return nil
}
