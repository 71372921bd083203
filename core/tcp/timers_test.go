package tcp

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sockplay/sockplay/core/errno"
	"github.com/sockplay/sockplay/core/wire"
)

func secs(v ...float64) []time.Duration {
	out := make([]time.Duration, len(v))
	for i, s := range v {
		out[i] = time.Duration(s * float64(time.Second))
	}
	return out
}

func TestSYNRetriesThenETIMEDOUT(t *testing.T) {
	c := NewActive(DefaultConfig(), epA, epB, Init{ISS: 1}, 0)
	var synAt []time.Duration
	now := time.Duration(0)
	for range 50 {
		for _, s := range c.Output(now) {
			require.Equal(t, wire.SYN, s.Flags)
			synAt = append(synAt, now)
		}
		d, ok := c.Deadline()
		if !ok {
			break
		}
		now = d
		c.Advance(now)
	}
	// The SYN is retransmitted after 1, 2, 4, 8, 16, 32 s; 64 s later connect fails.
	assert.Equal(t, secs(0, 1, 3, 7, 15, 31, 63), synAt)
	assert.Equal(t, 127*time.Second, now)
	assert.Equal(t, Closed, c.State())
	assert.Equal(t, errno.ETIMEDOUT, c.Err())
	assert.Empty(t, c.Output(now), "nothing is sent on giving up")
	assert.Equal(t, errno.ETIMEDOUT, c.TakeErr())
	assert.Equal(t, errno.OK, c.TakeErr(), "reported once")
}

func TestSYNACKRetries(t *testing.T) {
	syn := &wire.TCP{SrcPort: epA.Port, DstPort: epB.Port, Seq: 9, Flags: wire.SYN, Window: 1000}
	c := NewPassive(DefaultConfig(), epB, epA, Init{ISS: 1}, syn, 0)
	var at []time.Duration
	now := time.Duration(0)
	for range 50 {
		for _, s := range c.Output(now) {
			require.Equal(t, wire.SYN|wire.ACK, s.Flags)
			at = append(at, now)
		}
		d, ok := c.Deadline()
		if !ok {
			break
		}
		now = d
		c.Advance(now)
	}
	assert.Equal(t, secs(0, 1, 3, 7, 15, 31), at)
	assert.Equal(t, Closed, c.State())
}

// sentBy records the times at which side s transmitted segments matching f.
func (n *network) record(s side, f func(*wire.TCP) bool) *[]time.Duration {
	var at []time.Duration
	prev := n.drop
	n.drop = func(from side, seg *wire.TCP) bool {
		if from == s && f(seg) {
			at = append(at, n.now)
		}
		return prev != nil && prev(from, seg)
	}
	return &at
}

func gaps(at []time.Duration) []time.Duration {
	var g []time.Duration
	for i := 1; i < len(at); i++ {
		g = append(g, at[i]-at[i-1])
	}
	return g
}

func TestRTOBackoffThenETIMEDOUT(t *testing.T) {
	n := newNetwork(t, 1)
	n.established()
	n.drop = func(from side, _ *wire.TCP) bool { return from == sideA } // the path from A dies
	sent := n.record(sideA, func(s *wire.TCP) bool { return len(s.Payload) > 0 })
	_, err := n.a().Send(n.now, []byte("hello"))
	require.Equal(t, errno.OK, err)
	start := n.now
	n.pump()
	assert.Equal(t, 200*time.Millisecond, n.a().Vars().RTO, "a 20 ms RTT gives the 200 ms floor")
	n.runUntil(time.Hour, func() bool { return n.a().State() == Closed })

	// RFC 6298 5.5: the RTO doubles, up to 120 s; Linux gives up when
	// the segment has waited tcp_retries2's 924.6 s.
	want := secs(0.2, 0.4, 0.8, 1.6, 3.2, 6.4, 12.8, 25.6, 51.2, 102.4, 120, 120, 120, 120, 120)
	assert.Equal(t, want, gaps(*sent))
	assert.Equal(t, 924600*time.Millisecond, n.now-start)
	assert.Equal(t, errno.ETIMEDOUT, n.a().Err())
	assert.Equal(t, 15, n.a().Vars().Retransmits)
}

func TestUserTimeout(t *testing.T) {
	n := newNetwork(t, 1)
	n.established()
	n.a().Config().UserTimeout = 10 * time.Second
	n.drop = func(from side, _ *wire.TCP) bool { return from == sideA }
	start := n.now
	_, err := n.a().Send(n.now, []byte("hello"))
	require.Equal(t, errno.OK, err)
	n.pump()
	n.runUntil(time.Hour, func() bool { return n.a().State() == Closed })
	assert.Equal(t, 10*time.Second, n.now-start)
	assert.Equal(t, errno.ETIMEDOUT, n.a().Err())
}

func TestKeepalive(t *testing.T) {
	n := newNetwork(t, 1)
	n.established()
	n.a().Config().KeepAlive = true
	n.pump()
	// Idle time counts from the last segment A received: the SYN,ACK at 20 ms.
	start := 2 * n.latency
	probes := n.record(sideA, func(s *wire.TCP) bool { return s.Seq == n.a().Vars().SndUna-1 })
	d, ok := n.a().Deadline()
	require.True(t, ok)
	assert.Equal(t, start+7200*time.Second, d)

	// A live peer answers the probe; the connection stays up.
	n.runFor(3 * time.Hour)
	assert.Equal(t, Established, n.a().State())
	require.Len(t, *probes, 1)
	assert.Equal(t, start+7200*time.Second, (*probes)[0])

	// The peer vanishes without a trace.
	*probes = nil
	n.conns[sideB] = nil
	n.listenB = false
	rst := n.record(sideA, func(s *wire.TCP) bool { return s.Flags&wire.RST != 0 })
	n.runUntil(5*time.Hour, func() bool { return n.a().State() == Closed })
	require.Len(t, *probes, 9)
	assert.Equal(t, secs(75, 75, 75, 75, 75, 75, 75, 75), gaps(*probes))
	require.Len(t, *rst, 1, "Linux resets a connection keepalive gives up on")
	assert.Equal(t, (*probes)[8]+75*time.Second, (*rst)[0])
	assert.Equal(t, errno.ETIMEDOUT, n.a().Err())
}

func TestZeroWindowAndPersistProbes(t *testing.T) {
	n := newNetwork(t, 1)
	n.cfg[sideB].RecvBuffer = 8192
	n.established()
	probes := n.record(sideA, func(s *wire.TCP) bool {
		return len(s.Payload) == 0 && s.Seq == n.a().Vars().SndUna-1
	})
	data := randomBytes(3, 12000)
	k, err := n.a().Send(n.now, data)
	require.Equal(t, errno.OK, err)
	require.Equal(t, len(data), k)
	n.pump()
	start := n.now
	n.runFor(2 * time.Second)

	// The buffer is full but for less than an MSS, which receiver SWS
	// avoidance does not offer.
	assert.Greater(t, n.b().RecvQueued(), 8192-n.b().Vars().MSS)
	assert.Equal(t, uint32(0), n.a().Vars().SndWnd)
	require.NotEmpty(t, *probes)
	// Probes back off from max(RTO, 200 ms): 0.2, 0.4, 0.8 s apart.
	assert.Equal(t, secs(0.4, 0.8), gaps(*probes)[:2])
	assert.Less(t, (*probes)[0]-start, time.Second)

	// Reading a little does not reopen the window (receiver SWS avoidance).
	buf := make([]byte, 20000)
	k, _ = n.b().Recv(n.now, buf[:100])
	require.Equal(t, 100, k)
	assert.Empty(t, n.b().Output(n.now))
	// Reading it all sends a window update at once, and the rest flows.
	k2, _ := n.b().Recv(n.now, buf[100:])
	got := append([]byte(nil), buf[:100+k2]...)
	upd := n.b().Output(n.now)
	require.Len(t, upd, 1)
	assert.NotZero(t, upd[0].Window)
	for _, s := range upd {
		n.transmit(sideB, s)
	}
	n.runFor(time.Second)
	for {
		k, err := n.b().Recv(n.now, buf)
		if err != errno.OK {
			break
		}
		got = append(got, buf[:k]...)
	}
	assert.Equal(t, data, got)
}

func TestLingerZeroSendsRST(t *testing.T) {
	n := newNetwork(t, 1)
	n.established()
	n.a().Config().LingerZero = true
	snd := n.a().Vars().SndNxt
	n.a().Close(n.now)
	segs := n.a().Output(n.now)
	require.Len(t, segs, 1)
	assert.Equal(t, wire.RST|wire.ACK, segs[0].Flags)
	assert.Equal(t, snd, segs[0].Seq)
	assert.Equal(t, Closed, n.a().State())
	n.transmit(sideA, segs[0])
	n.runFor(time.Second)
	assert.Equal(t, Closed, n.b().State())
	assert.Equal(t, errno.ECONNRESET, n.b().Err())
	_, err := n.b().Recv(n.now, make([]byte, 10))
	assert.Equal(t, errno.ECONNRESET, err)
	k, err := n.b().Recv(n.now, make([]byte, 10))
	assert.Equal(t, 0, k)
	assert.Equal(t, errno.OK, err, "then end of stream")
}

func TestCloseWithUnreadDataSendsRST(t *testing.T) {
	n := newNetwork(t, 1)
	n.established()
	_, err := n.b().Send(n.now, []byte("unread"))
	require.Equal(t, errno.OK, err)
	n.pump()
	n.runFor(time.Second)
	require.Equal(t, 6, n.a().RecvQueued())
	n.a().Close(n.now)
	segs := n.a().Output(n.now)
	require.Len(t, segs, 1)
	assert.Equal(t, wire.RST|wire.ACK, segs[0].Flags)
	assert.Equal(t, Closed, n.a().State())
	n.transmit(sideA, segs[0])
	n.runFor(time.Second)
	assert.Equal(t, errno.ECONNRESET, n.b().Err())
}

func TestOrphanedFinWait2(t *testing.T) {
	n := newNetwork(t, 1)
	n.established()
	n.a().Close(n.now)
	n.pump()
	n.runFor(time.Second)
	require.Equal(t, FinWait2, n.a().State())
	require.Equal(t, CloseWait, n.b().State())

	// Data for a closed socket is answered with a RST (Linux).
	_, err := n.b().Send(n.now, []byte("late"))
	require.Equal(t, errno.OK, err)
	n.pump()
	n.runFor(time.Second)
	assert.Equal(t, Closed, n.a().State())
	assert.Equal(t, errno.EPIPE, n.b().Err(), "a RST in CLOSE-WAIT reads as EPIPE on Linux")

	// Without data, FIN-WAIT-2 of a closed socket ends after tcp_fin_timeout.
	n2 := newNetwork(t, 2)
	n2.established()
	n2.a().Close(n2.now)
	n2.pump()
	n2.runFor(time.Second)
	require.Equal(t, FinWait2, n2.a().State())
	n2.runFor(58 * time.Second)
	assert.Equal(t, FinWait2, n2.a().State())
	n2.runFor(2 * time.Second)
	assert.Equal(t, Closed, n2.a().State())
}

func TestTimeWaitRestartsOnRetransmittedFIN(t *testing.T) {
	cfg := plainConfig()
	a, b := handshake(t, cfg, 99, 299)
	a.Close(1)
	fin := a.Output(1)
	b.Input(2, fin[0])
	b.Output(2)
	b.Close(2)
	finB := b.Output(2)
	a.Input(3, finB[0])
	require.Equal(t, TimeWait, a.State())
	a.Output(3)
	a.Input(30*time.Second, finB[0]) // our ACK was lost; the FIN comes again
	assert.Equal(t, []string{"<SEQ=101><ACK=301><CTL=ACK>"}, rfcAll(a.Output(30*time.Second)))
	d, _ := a.Deadline()
	assert.Equal(t, 90*time.Second, d)
}

func TestLostSYNMeansOneSegmentWindowAndThreeSecondRTO(t *testing.T) {
	cfg := plainConfig()
	a := NewActive(cfg, epA, epB, Init{ISS: 100}, 0)
	a.Output(0) // lost
	a.Advance(time.Second)
	syn := a.Output(time.Second)
	require.Len(t, syn, 1)
	b := NewPassive(cfg, epB, epA, Init{ISS: 300}, syn[0], time.Second)
	deliverAll(time.Second+time.Millisecond, a, b.Output(time.Second))
	require.Equal(t, Established, a.State())
	v := a.Vars()
	assert.Equal(t, 3*time.Second, v.RTO, "RFC 6298 5.7: no sample from a retransmitted SYN")
	assert.Equal(t, uint32(v.MSS), v.Cwnd, "RFC 5681 3.1: initial window of one segment")
	assert.Equal(t, 1, v.Retransmits)
}

func TestCancelledNotesNameTheirTimer(t *testing.T) {
	for tm := Timer(0); tm <= numTimers; tm++ {
		if got, want := tm.CancelledNote(), tm.String()+" timer cancelled"; got != want {
			t.Errorf("timer %d: %q, want %q", tm, got, want)
		}
	}
}
