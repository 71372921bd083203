package tcp

import (
	"time"

	"github.com/sockplay/sockplay/core/wire"
)

// When to acknowledge received data, as Linux decides it (tcp_input.c's
// tcp_event_data_recv and __tcp_ack_snd_check, tcp_output.c's
// tcp_send_delayed_ack, tcp_timer.c's tcp_delack_timer_handler): RFC 9293
// 3.8.6.3 and RFC 5681 4.2 allow delaying an ACK up to 500 ms and require
// one for every second full segment; Linux adds a quick-ACK mode that
// acknowledges every segment at the start of a connection and after a
// long pause, and an interactive ("pingpong") mode, entered on replying
// quickly or on the peer's FIN, where ACKs wait to ride on the reply.

const (
	delackMax      = 200 * time.Millisecond // TCP_DELACK_MAX (HZ/5)
	maxQuickAcks   = 16                     // TCP_MAX_QUICKACKS
	rcvMSSDefault  = 536                    // TCP_MSS_DEFAULT
	rcvMSSMinimum  = 88                     // TCP_MIN_MSS
	tcpHeaderBytes = 20
)

// delayedAck is the receiver's ACK state (Linux's icsk_ack).
type delayedAck struct {
	scheduled bool          // data or a FIN awaits its ACK (ICSK_ACK_SCHED)
	pushed    int           // short segments seen since the last ACK (ICSK_ACK_PUSHED, PUSHED2), at most 2
	quick     int           // ACKs left to send at once (quick-ACK mode)
	pingpong  bool          // interactive: delay ACKs to ride on replies
	ato       time.Duration // the delay to use; 0 until the first data
	lastRecv  time.Duration // when data last arrived (lrcvtime)
	rcvMSS    int           // the peer's segment size as measured
	lastSeg   int           // the previous short segment's size (last_seg_size)
}

// atoMin is the shortest delay (Linux's TCP_ATO_MIN, 40 ms:
// Config.DelayedACKTimeout).
func (c *Conn) atoMin() time.Duration { return atLeast(c.cfg.DelayedACKTimeout, minTimeout) }

// rcvMSS is the peer's segment size as measured; before any data, Linux's
// tcp_initialize_rcv_mss guess: 536 unless the MSS or window is smaller.
func (c *Conn) rcvMSS() int {
	if c.ack.rcvMSS == 0 {
		hint := min(c.advMSS(), c.sndMSS, int(c.rcvWndAdv/2), rcvMSSDefault)
		c.ack.rcvMSS = max(hint, rcvMSSMinimum)
	}
	return c.ack.rcvMSS
}

// measureRcvMSS is Linux's tcp_measure_rcv_mss: a full-sized segment sets
// the estimate; a short one marks the ACK as "pushed" (the sender had no
// more), unless two equal ones in a row show a smaller MSS.
func (c *Conn) measureRcvMSS(seg *wire.TCP) {
	lss := c.ack.lastSeg
	c.ack.lastSeg = 0
	n := len(seg.Payload)
	if n >= c.rcvMSS() {
		c.ack.rcvMSS = min(n, c.advMSS())
		return
	}
	n += seg.HeaderLen()
	remnant := seg.Flags&(wire.FIN|wire.URG|wire.SYN|wire.PSH) != 0
	if n >= rcvMSSDefault+tcpHeaderBytes || (n >= rcvMSSMinimum+tcpHeaderBytes && !remnant) {
		n -= c.headerLen()
		c.ack.lastSeg = n
		if n == lss {
			c.ack.rcvMSS = n
			return
		}
	}
	c.ack.pushed = min(c.ack.pushed+1, 2)
}

// headerLen is our fixed TCP header: 20 bytes, 32 with timestamps
// (Linux's tcp_header_len).
func (c *Conn) headerLen() int {
	if c.tsOK {
		return tcpHeaderBytes + 12
	}
	return tcpHeaderBytes
}

// incrQuickAck is Linux's tcp_incr_quickack: enough quick ACKs to cover
// half the advertised window, at least 2, at most 16.
func (c *Conn) incrQuickAck() {
	q := int(c.rcvWndAdv) / (2 * c.rcvMSS())
	if q == 0 {
		q = 2
	}
	c.ack.quick = max(c.ack.quick, min(q, maxQuickAcks))
}

// enterQuickAck is Linux's tcp_enter_quickack_mode, on a duplicate or an
// out-of-window segment: ACK at once from now on.
func (c *Conn) enterQuickAck() {
	c.incrQuickAck()
	c.ack.pingpong = false
	c.ack.ato = c.atoMin()
}

// inQuickAck is Linux's tcp_in_quickack_mode.
func (c *Conn) inQuickAck() bool { return c.ack.quick > 0 && !c.ack.pingpong }

// dataReceived is Linux's tcp_event_data_recv for in-order data: the first
// data starts quick-ACK mode; later the delay follows the gaps between
// arrivals, and a gap longer than the RTO restarts quick-ACK mode.
func (c *Conn) dataReceived(now time.Duration, seg *wire.TCP) {
	c.ack.scheduled = true
	c.measureRcvMSS(seg)
	if c.ack.ato == 0 {
		c.incrQuickAck()
		c.ack.ato = c.atoMin()
	} else {
		switch m := now - c.ack.lastRecv; {
		case m <= c.atoMin()/2:
			c.ack.ato = c.ack.ato/2 + c.atoMin()/2
		case m < c.ack.ato:
			c.ack.ato = min(c.ack.ato/2+m, c.rtt.rto)
		case m > c.rtt.rto:
			c.incrQuickAck()
		}
	}
	c.ack.lastRecv = now
}

// ackCheck is Linux's __tcp_ack_snd_check, after a segment's data or FIN
// was taken: ACK at once when more than one segment is unacknowledged and
// the window would not shrink, in quick-ACK mode, or when now says so
// (a filled hole, RFC 5681 4.2); otherwise arm the delayed-ACK timer.
func (c *Conn) ackCheck(now time.Duration, ackNow bool) {
	if !c.ack.scheduled {
		return
	}
	unacked := int(c.rcvNxt - c.lastAckSent)
	if ackNow || !c.cfg.DelayedACK || c.inQuickAck() ||
		(unacked > c.rcvMSS() && (c.rcvBuf.Len() == 0 || c.offeredWindow() >= c.rcvWndAdv)) {
		c.owe(CauseACK)
		return
	}
	c.sendDelayedAck(now)
}

// sendDelayedAck is Linux's tcp_send_delayed_ack: wait ato, bounded by
// the RTT (at least 40 ms) and by 200 ms when interactive or pushed
// (500 ms otherwise); an earlier deadline already set stands, and one
// about to expire sends the ACK now.
func (c *Conn) sendDelayedAck(now time.Duration) {
	ato := c.ack.ato
	if ato == 0 { // no data yet (a bare FIN): Linux's timer fires on the next tick
		c.owe(CauseACK)
		return
	}
	if ato > c.atoMin() {
		maxATO := 500 * time.Millisecond
		if c.ack.pingpong || c.ack.pushed > 0 {
			maxATO = delackMax
		}
		if c.rtt.sampled {
			maxATO = min(maxATO, max(c.rtt.srtt, c.atoMin()))
		}
		ato = min(ato, maxATO)
	}
	ato = min(ato, delackMax)
	at := now + ato
	if old, ok := c.TimerDeadline(TimerDelayedACK); ok {
		if old <= now+ato/4 {
			c.owe(CauseDelayedACK)
			return
		}
		at = min(at, old)
	}
	c.arm(now, TimerDelayedACK, at)
}

// delayedAckFired is Linux's tcp_delack_timer_handler: the ACK was not
// carried by a reply in time, so interactive mode ends; otherwise the
// delay was too short and doubles (up to the RTO).
func (c *Conn) delayedAckFired() {
	if !c.ack.scheduled {
		return
	}
	if c.ack.pingpong {
		c.ack.pingpong = false
		c.ack.ato = c.atoMin()
	} else {
		c.ack.ato = min(2*c.ack.ato, c.rtt.rto)
	}
	c.owe(CauseDelayedACK)
}

// ackSent is Linux's tcp_event_ack_sent: an ACK of what was scheduled
// uses up one quick ACK.
func (c *Conn) ackSent() {
	if c.ack.quick > 0 && c.ack.scheduled {
		c.ack.quick--
		if c.ack.quick == 0 {
			c.ack.ato = c.atoMin()
		}
	}
	c.ack.scheduled, c.ack.pushed = false, 0
}

// dataSent is Linux's tcp_event_data_sent: data sent within ato of the
// last arrival is a reply, so the connection is interactive.
func (c *Conn) dataSent(now time.Duration) {
	if c.ack.ato > 0 && now-c.ack.lastRecv < c.ack.ato {
		c.ack.pingpong = true
	}
}

// ackOnRead is Linux's tcp_cleanup_rbuf's first rule: after a read, ACK
// what is scheduled when more than a segment is unacknowledged, or when
// the read emptied the queue and a short segment was in it (twice, or
// once when not interactive).
func (c *Conn) ackOnRead() bool {
	if !c.ack.scheduled {
		return false
	}
	return int(c.rcvNxt-c.lastAckSent) > c.rcvMSS() ||
		((c.ack.pushed == 2 || (c.ack.pushed == 1 && !c.ack.pingpong)) && c.rcvBuf.Len() == 0 && len(c.ooo) == 0)
}
