package tcp

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sockplay/sockplay/core/errno"
	"github.com/sockplay/sockplay/core/wire"
)

// shrunkZeroWindow sends 16000 bytes from A into B's full window, then
// shrinks B's receive buffer to 2048 bytes (setsockopt SO_RCVBUF): B ends
// up advertising a zero window below data A has already sent, which only
// A's retransmission timer can probe. It returns the data A sent.
func shrunkZeroWindow(t *testing.T) (*network, []byte) {
	n := newNetwork(t, 1)
	n.established()
	n.b().Config().RecvBuffer = 2048
	data := randomBytes(5, 16000)
	k, err := n.a().Send(n.now, data)
	require.Equal(t, errno.OK, err)
	require.Equal(t, len(data), k)
	n.pump()
	n.runUntil(time.Second, func() bool { return n.a().Vars().SndWnd == 0 })
	v := n.a().Vars()
	require.True(t, seqLT(v.SndUna, v.SndNxt), "data beyond the zero window is outstanding")
	return n, data
}

// readAll drains B until A has nothing left to send, returning what B read.
func (n *network) readAll(limit time.Duration) []byte {
	n.t.Helper()
	var got []byte
	buf := make([]byte, 100000)
	end := n.now + limit
	for n.a().Vars().SendBuffered > 0 || n.b().RecvQueued() > 0 {
		require.Less(n.t, n.now, end, "the transfer stalls; last segments: %v", n.lastTrace(10))
		k, _ := n.b().Recv(n.now, buf)
		got = append(got, buf[:k]...)
		n.pump()
		n.runFor(100 * time.Millisecond)
	}
	return got
}

// Linux's tcp_retransmit_timer: when the receiver shrinks its window to
// zero our retransmissions become zero-window probes (the head segment
// still goes, and the receiver answers it), they back off, and they do not
// count towards tcp_retries2 while the receiver answers.
func TestRetransmissionsIntoShrunkZeroWindowProbeAndNeverTimeOut(t *testing.T) {
	n, data := shrunkZeroWindow(t)
	una := n.a().Vars().SndUna
	probes := n.record(sideA, func(s *wire.TCP) bool { return s.Seq == una && len(s.Payload) > 0 })
	answers := n.record(sideB, func(s *wire.TCP) bool { return s.Ack == una && s.Window == 0 })

	n.runFor(time.Hour) // far beyond the 924.6 s of tcp_retries2
	require.Equal(t, Established, n.a().State(), "a receiver that answers is never timed out")
	assert.Equal(t, errno.OK, n.a().Err())
	require.Greater(t, len(*probes), 30)
	assert.Len(t, *answers, len(*probes), "every probe is answered")
	for _, g := range gaps(*probes) {
		assert.LessOrEqual(t, g, 120*time.Second, "backoff is capped at RTOMax")
	}
	g := gaps(*probes)
	assert.Equal(t, 2*g[0], g[1], "the probes back off")
	assert.Equal(t, 120*time.Second, g[len(g)-1])
	assert.Equal(t, una, n.a().Vars().SndUna)

	// The application reads: the window opens and everything arrives once.
	got := n.readAll(10 * time.Minute)
	assert.Equal(t, data, got)
	v := n.a().Vars()
	assert.Equal(t, v.SndNxt, v.SndUna)
	assert.Zero(t, v.Backoff)
	assert.Equal(t, Established, n.a().State())
}

// The patience lasts only while the receiver answers: with nothing heard
// for RTOMax (Linux's TCP_RTO_MAX, 120 s) the connection times out.
func TestShrunkZeroWindowTimesOutAfterRTOMaxOfSilence(t *testing.T) {
	n, _ := shrunkZeroWindow(t)
	n.runFor(30 * time.Minute)
	require.Equal(t, Established, n.a().State())

	n.conns[sideB] = nil // the receiver vanishes without a trace
	n.listenB = false
	silentFrom := n.a().lastRecv
	n.runUntil(time.Hour, func() bool { return n.a().State() == Closed })
	assert.Equal(t, errno.ETIMEDOUT, n.a().Err())
	assert.Greater(t, n.now-silentFrom, 120*time.Second)
	assert.LessOrEqual(t, n.now-silentFrom, 240*time.Second, "gives up at the first timeout past 120 s of silence")
}

// TCP_USER_TIMEOUT still bounds how long the head of the queue may wait,
// answered probes or not (Linux's tcp_rtx_probe0_timed_out).
func TestShrunkZeroWindowHonoursUserTimeout(t *testing.T) {
	n, _ := shrunkZeroWindow(t)
	n.a().Config().UserTimeout = 30 * time.Second
	first := n.a().flight[0].at
	n.runUntil(time.Hour, func() bool { return n.a().State() == Closed })
	assert.Equal(t, errno.ETIMEDOUT, n.a().Err())
	assert.Equal(t, first+30*time.Second, n.now)
}

// An orphan (the application closed the socket) gets no such patience:
// the probes count towards tcp_retries2 as in Linux, where the socket is
// SOCK_DEAD.
func TestShrunkZeroWindowOrphanTimesOutAsUsual(t *testing.T) {
	n, _ := shrunkZeroWindow(t)
	n.a().Close(n.now)
	first := n.a().flight[0].at
	n.pump()
	n.runUntil(time.Hour, func() bool { return n.a().State() == Closed })
	assert.Equal(t, errno.ETIMEDOUT, n.a().Err())
	limit := first + modelTimeout(15, 200*time.Millisecond, 120*time.Second) // 924.6 s
	assert.GreaterOrEqual(t, n.now, limit)
	assert.Less(t, n.now, limit+120*time.Second, "at the first timeout past tcp_retries2's limit")
}
