package tcp

import (
	"strconv"
	"time"

	"github.com/sockplay/sockplay/core/errno"
	"github.com/sockplay/sockplay/core/wire"
)

// onRetransmitTimeout is RFC 6298 section 5.4–5.6: resend from SND.UNA
// with a doubled RTO, one segment of congestion window (RFC 5681 3.1).
// It gives up with ETIMEDOUT as Linux's tcp_write_timeout does: after
// SYNRetries (SYN-ACK: SYNACKRetries) retransmissions of the SYN, and for
// data when the oldest unacknowledged segment has waited longer than
// UserTimeout or the time Retries2 backoffs from RTOMin take. Linux sends
// no RST when it gives up. A zero window does not stop the resend: see
// probeZeroWindow.
func (c *Conn) onRetransmitTimeout(now time.Duration) {
	if c.sndUna == c.sndNxt {
		return
	}
	zeroWindow := c.state.synchronized() && c.synAcked() && c.sndWnd == 0
	probing := zeroWindow && !c.closed
	switch c.state {
	case SynSent:
		if c.backoff >= c.cfg.SYNRetries {
			c.enterClosed(now, errno.ETIMEDOUT, "SYN retries exhausted: connection timed out")
			return
		}
	case SynReceived:
		if c.backoff >= c.cfg.SYNACKRetries {
			c.enterClosed(now, errno.ETIMEDOUT, "SYN,ACK retries exhausted")
			return
		}
	default:
		if probing && c.zeroWindowTimedOut(now) {
			c.enterClosed(now, errno.ETIMEDOUT, "zero window: no answer to retransmissions, connection timed out")
			return
		}
		if !probing && c.retries > 0 && c.dataTimedOut(now) {
			c.enterClosed(now, errno.ETIMEDOUT, "retransmissions exhausted: connection timed out")
			return
		}
	}
	if !probing {
		c.retries++
	}
	c.backoff++
	if c.synAcked() {
		// tcp_enter_loss: ssthresh from the algorithm unless this window
		// already reduced it, cwnd one segment, everything not SACKed lost.
		if c.backoff == 1 && (c.ca <= CADisorder || seqGEQ(c.sndUna, c.recover)) {
			c.ssthresh = c.ssthreshOnLoss() * c.mss32()
		}
		c.resetCongestion()
		c.cwnd = c.mss32()
		c.ca = CALoss
		c.recover = c.sndNxt
	}
	c.rtt.backoff(c.rtoMax())
	for i := range c.flight {
		f := &c.flight[i]
		f.retransmitted = true // Karn: no RTT sample from this flight
		f.lost, f.rtxOut = !f.sacked, false
	}
	c.sndPos = c.sndUna
	c.dupAcks = 0
	c.seqNote(now, "retransmission timeout #"+strconv.Itoa(c.backoff)+": resend from ", sndSeq(c.sndUna), ", RTO backs off to "+c.rtt.rto.String())
	c.arm(now, TimerRetransmit, now+c.clampToUserTimeout(now, c.rtt.rto))
	if zeroWindow {
		c.probeZeroWindow(now)
	}
}

// zeroWindowTimedOut is when Linux's tcp_retransmit_timer gives up on a
// receiver that shrank its window to zero below data we sent ("our
// retransmits become zero probes, but we should not timeout this
// connection"): while it answers them the probes do not count towards
// Retries2; it ends when nothing was received for TCP_RTO_MAX, or when the
// head of the queue has been outstanding for UserTimeout if set
// (tcp_rtx_probe0_timed_out). An orphan (closed socket) gets no such
// patience.
func (c *Conn) zeroWindowTimedOut(now time.Duration) bool {
	if c.cfg.UserTimeout > 0 && c.dataTimedOut(now) {
		return true
	}
	return now-c.lastRecv > c.rtoMax()
}

// probeZeroWindow resends the head of the queue although the window is
// zero, as Linux's __tcp_retransmit_skb does for the segment at SND.UNA:
// the receiver drops its data but must answer with an ACK that shows its
// window (RFC 9293 3.8.6.1). Like Linux, the probe occupies the one
// segment of congestion window the timeout left, so after the window
// opens the data goes again when this timer next fires.
func (c *Conn) probeZeroWindow(now time.Duration) {
	c.note(now, "window is zero: the retransmission is a zero-window probe")
	c.sendRetransmission(now, c.sndUna, CauseZeroWindowProbe)
}

// clampToUserTimeout shortens a retransmission timeout so that the
// connection gives up exactly when TCP_USER_TIMEOUT expires (Linux's
// tcp_clamp_rto_to_user_timeout).
func (c *Conn) clampToUserTimeout(now, rto time.Duration) time.Duration {
	if c.cfg.UserTimeout <= 0 || len(c.flight) == 0 || !c.state.synchronized() {
		return rto
	}
	remaining := c.flight[0].at + c.cfg.UserTimeout - now
	return max(min(rto, remaining), minTimeout)
}

// dataTimedOut is Linux's retransmits_timed_out: the head of the queue
// has been outstanding for UserTimeout, or for tcp_model_timeout(Retries2).
func (c *Conn) dataTimedOut(now time.Duration) bool {
	if len(c.flight) == 0 {
		return false
	}
	elapsed := now - c.flight[0].at
	if c.cfg.UserTimeout > 0 {
		return elapsed >= c.cfg.UserTimeout
	}
	return elapsed >= modelTimeout(c.cfg.Retries2, c.rtoMin(), c.rtoMax())
}

// modelTimeout is how long `boundary` retransmissions take when the RTO
// starts at base and doubles up to hi (Linux's tcp_model_timeout; 924.6 s
// for 15 from 200 ms).
func modelTimeout(boundary int, base, hi time.Duration) time.Duration {
	if boundary < 0 {
		boundary = 0
	}
	thresh := 0
	for base<<(thresh+1) <= hi && thresh < 62 {
		thresh++
	}
	if boundary <= thresh {
		return (2<<boundary - 1) * base
	}
	return (2<<thresh-1)*base + time.Duration(boundary-thresh)*hi
}

// onPersistTimeout probes a closed window (RFC 9293 3.8.6.1). Like Linux's
// tcp_write_wakeup it sends data if some window is open, otherwise a
// segment with the old sequence number SND.UNA−1 that the peer must
// answer with an ACK carrying its window.
func (c *Conn) onPersistTimeout(now time.Duration) {
	if !seqLT(c.sndPos, c.finSeq()) || c.sndUna != c.sndNxt || !c.synAcked() {
		return
	}
	c.persistN++
	c.persistBack++
	if (c.cfg.UserTimeout > 0 && c.persistN > 1 && now-c.lastRecv >= c.cfg.UserTimeout) || c.persistN > max(c.cfg.Retries2, 1) {
		c.enterClosed(now, errno.ETIMEDOUT, "zero-window probes unanswered: connection timed out")
		return
	}
	if usable := min(c.sndWnd, c.cwnd); usable > 0 {
		n := min(c.sndMSS, int(c.finSeq()-c.sndPos), int(usable))
		c.note(now, "window probe: send "+strconv.Itoa(n)+" bytes into a small window")
		c.sendData(now, c.sndPos, n, c.finQueued && c.sndPos+uint32(n) == c.finSeq(), CauseWindowProbe)
	} else {
		c.note(now, "zero-window probe #"+strconv.Itoa(c.persistN))
		c.emit(c.segment(now, c.sndUna-1, wire.ACK), CauseZeroWindowProbe)
	}
	c.arm(now, TimerPersist, now+c.persistInterval())
}

// keepaliveStates are those where Linux's keepalive timer probes.
func (c *Conn) keepaliveState() bool {
	switch c.state {
	case Established, CloseWait, FinWait1, FinWait2:
		return true
	}
	return false
}

// updateKeepalive follows SO_KEEPALIVE and TCP_KEEPIDLE changes: the timer
// runs KeepIdle after the last segment received (RFC 1122 4.2.3.6).
func (c *Conn) updateKeepalive(now time.Duration) {
	if !c.cfg.KeepAlive || !c.keepaliveState() {
		c.cancel(now, TimerKeepalive)
		return
	}
	idle := atLeast(c.cfg.KeepIdle, minTimeout)
	if c.timers[TimerKeepalive].armed && c.keepIdleSet == idle {
		return
	}
	c.keepIdleSet = idle
	c.arm(now, TimerKeepalive, max(c.lastRecv+idle, now))
}

// onKeepaliveTimeout is Linux's tcp_keepalive_timer: after KeepIdle of
// silence send a probe (SND.UNA−1, no data) every KeepInterval; after
// KeepCount unanswered probes (or UserTimeout) send a RST and fail with
// ETIMEDOUT.
func (c *Conn) onKeepaliveTimeout(now time.Duration) {
	if !c.cfg.KeepAlive || !c.keepaliveState() {
		return
	}
	idle := atLeast(c.cfg.KeepIdle, minTimeout)
	interval := atLeast(c.cfg.KeepInterval, minTimeout)
	if c.sndUna != c.sndNxt || seqLT(c.sndPos, c.finSeq()) {
		c.arm(now, TimerKeepalive, now+idle) // data pending: the retransmission timer watches
		return
	}
	elapsed := now - c.lastRecv
	if elapsed < idle {
		c.arm(now, TimerKeepalive, c.lastRecv+idle)
		return
	}
	if (c.cfg.UserTimeout > 0 && elapsed >= c.cfg.UserTimeout && c.keepaliveN > 0) ||
		(c.cfg.UserTimeout == 0 && c.keepaliveN >= max(c.cfg.KeepCount, 1)) {
		c.emit(c.activeReset(now), CauseReset)
		c.enterClosed(now, errno.ETIMEDOUT, "keepalive: no answer, connection timed out")
		return
	}
	c.keepaliveN++
	c.note(now, "keepalive probe #"+strconv.Itoa(c.keepaliveN))
	c.emit(c.segment(now, c.sndUna-1, wire.ACK), CauseKeepalive)
	c.arm(now, TimerKeepalive, now+interval)
}
