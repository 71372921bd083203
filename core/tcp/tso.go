package tcp

import (
	"time"

	"github.com/sockplay/sockplay/core/wire"
)

// Linux hands new data to the device in TSO bursts of a few segments and
// sends each burst of two or more with PSH on its last segment (seen on
// this machine's kernel: a 15000-byte write to a peer 100 ms away leaves
// as 2-segment bursts, P on every second segment; 1 ms away as 5-segment
// bursts). packetdrill's `P. 1:10001(10000)` is the last of such bursts.
// A burst is as long as tcp_tso_autosize allows: what the pacing rate
// sends in a millisecond (sk_pacing_shift 10), plus more for short RTTs
// (tcp_tso_rtt_log 9), at least tcp_min_tso_segs (2).
const (
	gsoMaxSize  = 65536 - 321 // GSO_LEGACY_MAX_SIZE less MAX_TCP_HEADER+1 (sk_setup_caps)
	minTSOSegs  = 2           // tcp_min_tso_segs
	pacingShift = 10          // sk_pacing_shift: a burst is ~1 ms of the pacing rate
	tsoRTTLog   = 9           // tcp_tso_rtt_log
)

// tsoSegs is Linux's tcp_tso_autosize for the current pacing rate
// (tcp_update_pacing_rate: 200 % of cwnd per SRTT in slow start below
// half ssthresh, else 120 %).
func (c *Conn) tsoSegs() int {
	mss := uint64(max(c.sndMSS, 1))
	bytes := uint64(gsoMaxSize)
	if c.rtt.sampled && c.rtt.srtt > 0 {
		ratio := uint64(120)
		if c.cwnd < c.ssthresh/2 {
			ratio = 200
		}
		pkts := max(uint64(c.cwnd)/mss, uint64(c.sndNxt-c.sndUna)/mss)
		// rate in bytes per second: mss * pkts * ratio% / srtt
		rate := mss * pkts * ratio * 10000 / uint64(max(c.rtt.srtt/time.Microsecond, 1))
		bytes = rate >> pacingShift
		if r := uint64(c.rtt.minRTT/time.Microsecond) >> tsoRTTLog; r < 32 {
			bytes += gsoMaxSize >> r
		}
		bytes = min(bytes, gsoMaxSize)
	}
	return max(int(bytes/mss), minTSOSegs)
}

// markBursts sets PSH on the last segment of each burst of new data of two
// segments or more in out[from:] (what one transmit sent).
func (c *Conn) markBursts(from int, firstNew uint32) {
	size := c.tsoSegs()
	n := 0
	var last *wire.TCP
	end := func() {
		if n >= 2 {
			last.Flags |= wire.PSH
		}
		n = 0
	}
	for _, s := range c.out[from:] {
		if len(s.Payload) == 0 || seqLT(s.Seq, firstNew) {
			end()
			continue
		}
		n++
		last = s
		if n == size || s.Flags&wire.PSH != 0 {
			end()
		}
	}
	end()
}
