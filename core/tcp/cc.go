package tcp

import (
	"math"
	"time"
)

// Congestion control algorithms, selectable per socket (TCP_CONGESTION).
// Both count in segments, as Linux does; Conn.cwnd holds the window in
// bytes (segments × MSS).
const (
	CongestionCubic = "cubic" // RFC 9438, Linux's default (tcp_cubic.c)
	CongestionReno  = "reno"  // RFC 5681 (tcp_reno_cong_avoid)
)

// ValidCongestion reports whether name is an algorithm the engine has;
// setsockopt(TCP_CONGESTION) of another fails with ENOENT, as Linux's
// for a module it does not have.
func ValidCongestion(name string) bool {
	return name == CongestionCubic || name == CongestionReno
}

// congestionControl is the algorithm's state. CUBIC follows Linux's
// tcp_cubic.c (HZ = 1000): W_cubic(t) = C(t−K)³ + W_max, β = 717/1024,
// fast convergence and the Reno-friendly region (RFC 9438 4.2–4.7);
// HyStart is not modelled.
type congestionControl struct {
	cwndCnt  uint32 // segments acknowledged towards the next increase (snd_cwnd_cnt)
	lastMax  uint32 // W_max, segments (last_max_cwnd)
	lastCwnd uint32
	lastTime int64 // ms
	epoch    int64 // ms since the connection's clock origin + 1; 0: no epoch
	originPt uint32
	k        uint32 // time to reach W_max, 1/1024 s (bic_K)
	ackCnt   uint32
	renoCwnd uint32 // the Reno-friendly estimate (tcp_cwnd)
	cnt      uint32 // segments acknowledged per increase of one
}

const (
	cubicBeta        = 717 // β × 1024
	cubicBetaScale   = 1024
	cubicHZ          = 10  // BICTCP_HZ: t in 1/1024 s
	cubicRTTScale    = 410 // bic_scale 41 × 10
	cubicBetaFriendl = 8 * (cubicBetaScale + cubicBeta) / 3 / (cubicBetaScale - cubicBeta)
)

// cubicFactor is cube_factor: 2^(10+3·BICTCP_HZ) / cube_rtt_scale.
const cubicFactor = uint64(1) << (10 + 3*cubicHZ) / cubicRTTScale

func (c *Conn) cubic() bool { return c.cfg.Congestion != CongestionReno }

// ssthreshOnLoss is the algorithm's ssthresh (segments) for a loss seen
// with cwnd segments: Reno halves, CUBIC keeps 70 % and remembers W_max.
func (c *Conn) ssthreshOnLoss() uint32 {
	cw := c.cwnd / c.mss32()
	if !c.cubic() {
		return max(cw/2, 2)
	}
	cc := &c.cc
	cc.epoch = 0
	if cw < cc.lastMax {
		cc.lastMax = cw * (cubicBetaScale + cubicBeta) / (2 * cubicBetaScale) // fast convergence
	} else {
		cc.lastMax = cw
	}
	return max(cw*cubicBeta/cubicBetaScale, 2)
}

// resetCongestion forgets CUBIC's epoch and W_max (bictcp_reset, on a
// retransmission timeout).
func (c *Conn) resetCongestion() {
	c.cc = congestionControl{}
}

// congestionAvoid grows cwnd for acked segments newly delivered by an ACK
// that advanced SND.UNA (tcp_cong_avoid), while the sender uses its
// window (RFC 7661's validation, Linux's tcp_is_cwnd_limited): slow start as tcp_slow_start,
// then Reno's one segment per window or CUBIC's curve.
func (c *Conn) congestionAvoid(now time.Duration, acked uint32) {
	if !c.cwndLimited() {
		return
	}
	mss := c.mss32()
	cw := c.cwnd / mss
	ss := c.ssthresh / mss
	if cw < ss {
		// Linux's tcp_slow_start: every segment acknowledged adds one
		// (RFC 3465's byte counting without its limit L), up to
		// ssthresh; the rest counts towards congestion avoidance.
		grown := min(cw+acked, ss)
		acked -= grown - cw
		cw = grown
		if acked == 0 {
			c.cwnd = min(cw*mss, maxCwnd)
			return
		}
	}
	w := cw
	if c.cubic() {
		w = c.cubicUpdate(now, cw, acked)
	}
	// tcp_cong_avoid_ai
	cc := &c.cc
	if cc.cwndCnt >= w {
		cc.cwndCnt = 0
		cw++
	}
	cc.cwndCnt += acked
	if cc.cwndCnt >= w {
		d := cc.cwndCnt / w
		cc.cwndCnt -= d * w
		cw += d
	}
	c.cwnd = min(cw*mss, maxCwnd)
}

// cubicUpdate is bictcp_update: how many segments must be acknowledged
// for cwnd to grow by one, to follow the cubic curve from the start of
// this epoch (or the Reno-friendly estimate when that is faster).
func (c *Conn) cubicUpdate(now time.Duration, cw, acked uint32) uint32 {
	cc := &c.cc
	ms := int64(now/time.Millisecond) + 1
	cc.ackCnt += acked
	if cc.lastCwnd == cw && ms-cc.lastTime <= 1000/32 {
		return cc.cnt
	}
	if cc.epoch == 0 || ms != cc.lastTime {
		cc.lastCwnd, cc.lastTime = cw, ms
		if cc.epoch == 0 {
			cc.epoch = ms
			cc.ackCnt = acked
			cc.renoCwnd = cw
			if cc.lastMax <= cw {
				cc.k, cc.originPt = 0, cw
			} else {
				cc.k = uint32(math.Cbrt(float64(cubicFactor * uint64(cc.lastMax-cw))))
				cc.originPt = cc.lastMax
			}
		}
		// t in 1/1024 s, one minimum RTT ahead (the window an ACK
		// sent now will see).
		minRTTms := int64((c.rtt.minRTT + time.Millisecond - 1) / time.Millisecond)
		t := uint64(ms-cc.epoch+minRTTms) << cubicHZ / 1000
		var offs uint64
		if t < uint64(cc.k) {
			offs = uint64(cc.k) - t
		} else {
			offs = t - uint64(cc.k)
		}
		delta := uint32(cubicRTTScale * offs * offs * offs >> (10 + 3*cubicHZ))
		target := cc.originPt + delta
		if t < uint64(cc.k) {
			target = cc.originPt - min(delta, cc.originPt)
		}
		if target > cw {
			cc.cnt = cw / (target - cw)
		} else {
			cc.cnt = 100 * cw
		}
		if cc.lastMax == 0 && cc.cnt > 20 {
			cc.cnt = 20 // the first epoch grows at least as fast as slow start's end
		}
	}
	// The Reno-friendly region (RFC 9438 4.3): W_est grows as Reno with
	// β = 0.7 would.
	if d := cw * cubicBetaFriendl >> 3; d > 0 {
		for cc.ackCnt > d {
			cc.ackCnt -= d
			cc.renoCwnd++
		}
	}
	if cc.renoCwnd > cw {
		if m := cw / (cc.renoCwnd - cw); cc.cnt > m {
			cc.cnt = m
		}
	}
	cc.cnt = max(cc.cnt, 2)
	return cc.cnt
}

func (c *Conn) mss32() uint32 { return uint32(max(c.sndMSS, 1)) }

// cwndUse is how much of cwnd the sender used in the current window
// (Linux's is_cwnd_limited, max_packets_out and cwnd_usage_seq).
type cwndUse struct {
	limited bool
	maxOut  int
	until   uint32
}

// validateCwnd is tcp_cwnd_validate, after new data went or found cwnd
// full: remember for this window whether cwnd limited the sender, or else
// the most segments it had out.
func (c *Conn) validateCwnd(limited bool) {
	u := &c.cwndUse
	out := c.score().out
	if seqGEQ(c.sndUna, u.until) || limited || (!u.limited && out > u.maxOut) {
		u.limited, u.maxOut, u.until = limited, out, c.sndNxt
	}
}

// cwndLimited is tcp_is_cwnd_limited: cwnd grows only when the sender
// filled it in this window, or in slow start while it is below twice the
// most segments out.
func (c *Conn) cwndLimited() bool {
	if c.cwndUse.limited {
		return true
	}
	return c.cwnd < c.ssthresh && c.cwnd/c.mss32() < 2*uint32(c.cwndUse.maxOut)
}
