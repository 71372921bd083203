package tcp

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// TestTSOBurstSize: tcp_tso_autosize's burst, in segments, for the pacing
// rate of ten 1000-byte segments per SRTT in slow start (200 %).
func TestTSOBurstSize(t *testing.T) {
	for _, tc := range []struct {
		rtt  time.Duration
		segs int
	}{
		{100 * time.Millisecond, 2}, // 195 bytes a millisecond: tcp_min_tso_segs
		{10 * time.Millisecond, 2},  // 1953
		{time.Millisecond, 52},      // 19531, plus 65215 >> 1 for the short RTT
		{0, 65},                     // no sample yet: the GSO maximum
	} {
		c := &Conn{sndMSS: 1000, cwnd: 10000, ssthresh: maxCwnd}
		if tc.rtt > 0 {
			c.rtt.sample(tc.rtt, time.Millisecond, time.Minute)
		}
		require.Equal(t, tc.segs, c.tsoSegs(), "rtt %v", tc.rtt)
	}
}
