package tcp

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sockplay/sockplay/core/errno"
	"github.com/sockplay/sockplay/core/wire"
)

// sendSegment has a send n bytes at now and returns what it transmits.
func sendSegment(t *testing.T, a *Conn, now time.Duration, n int) []*wire.TCP {
	t.Helper()
	_, err := a.Send(now, make([]byte, n))
	require.Equal(t, errno.OK, err)
	segs := a.Output(now)
	require.NotEmpty(t, segs)
	return segs
}

// endQuickAck sends b full segments one at a time, 1 ms apart, which b
// reads, until its quick-ACK mode is over; it returns the time after the
// last one and how many b acknowledged at once.
func endQuickAck(t *testing.T, a, b *Conn, now time.Duration) (time.Duration, int) {
	t.Helper()
	quick := 0
	for ; quick < 100; quick++ {
		now += time.Millisecond
		deliverAll(now, b, sendSegment(t, a, now, a.Vars().MSS))
		acks := b.Output(now)
		_, err := b.Recv(now, make([]byte, a.Vars().MSS))
		require.Equal(t, errno.OK, err)
		if len(acks) == 0 {
			b.Advance(now + 40*time.Millisecond)
			now += 40 * time.Millisecond
			deliverAll(now, a, b.Output(now))
			return now, quick
		}
		deliverAll(now, a, acks)
	}
	return now, quick
}

// Linux's quick-ACK mode (tcp_incr_quickack): the first data segments of a
// connection are acknowledged at once, up to 16 or half the window in
// segments; after that a lone segment waits 40 ms and every second full
// one is acknowledged at once (RFC 5681 4.2). Data to send carries the ACK.
func TestDelayedACKAfterQuickAckMode(t *testing.T) {
	a, b := handshake(t, DefaultConfig(), 100, 300)
	now, quick := endQuickAck(t, a, b, time.Second)
	assert.Equal(t, maxQuickAcks, quick, "64256-byte window / (2 × 536): capped at 16")

	mss := a.Vars().MSS
	segs := sendSegment(t, a, now, 3*mss)
	require.Len(t, segs, 3)
	b.Input(now, segs[0])
	assert.Empty(t, b.Output(now), "one segment: the ACK waits")
	b.Input(now, segs[1])
	acks := b.Output(now)
	require.Len(t, acks, 1, "two full segments: ACK at once")
	assert.Equal(t, segs[2].Seq, acks[0].Ack)
	b.Input(now, segs[2])
	assert.Empty(t, b.Output(now))
	d, ok := b.TimerDeadline(TimerDelayedACK)
	require.True(t, ok)
	assert.Equal(t, now+40*time.Millisecond, d)

	_, err := b.Send(now+time.Millisecond, []byte("reply"))
	require.Equal(t, errno.OK, err)
	out := b.Output(now + time.Millisecond)
	require.Len(t, out, 1, "the reply carries the ACK")
	assert.Equal(t, segs[2].Seq+uint32(mss), out[0].Ack)
	assert.False(t, b.timers[TimerDelayedACK].armed)

	// Switched off, every segment is acknowledged at once.
	a2, b2 := handshake(t, DefaultConfig(), 100, 300)
	b2.Config().DelayedACK = false
	_, quick = endQuickAck(t, a2, b2, time.Second)
	assert.Equal(t, 100, quick)
}

// A small window gives fewer quick ACKs: half the window in segments.
func TestQuickAcksFollowTheWindow(t *testing.T) {
	cfg := DefaultConfig()
	cfg.RecvBuffer = 4 * 1448
	a, b := handshake(t, cfg, 100, 300)
	_, quick := endQuickAck(t, a, b, time.Second)
	assert.Equal(t, 1, quick, "a 4380-byte window / (2 × 1448)")
}

// Linux's tcp_fin: in ESTABLISHED the FIN's ACK waits (the application
// will likely close and send its FIN with it); in FIN-WAIT-2 it goes at
// once. (Before any data the delay is zero: Linux's ato starts at 0.)
func TestFINAckDelayedUnlessClosing(t *testing.T) {
	a, b := handshake(t, DefaultConfig(), 100, 300)
	deliverAll(time.Second-time.Millisecond, b, sendSegment(t, a, time.Second-time.Millisecond, 10))
	deliverAll(time.Second-time.Millisecond, a, b.Output(time.Second-time.Millisecond))
	_, err := b.Recv(time.Second-time.Millisecond, make([]byte, 10))
	require.Equal(t, errno.OK, err)
	require.Equal(t, errno.OK, a.ShutdownWrite(time.Second))
	deliverAll(time.Second, b, a.Output(time.Second))
	assert.Empty(t, b.Output(time.Second), "CLOSE-WAIT: the FIN's ACK is delayed")
	d, ok := b.TimerDeadline(TimerDelayedACK)
	require.True(t, ok)
	assert.Equal(t, time.Second+40*time.Millisecond, d)
	b.Close(time.Second + 10*time.Millisecond)
	fin := b.Output(time.Second + 10*time.Millisecond)
	require.Len(t, fin, 1, "the FIN carries the ACK")
	assert.Equal(t, wire.FIN|wire.ACK, fin[0].Flags)

	deliverAll(time.Second+10*time.Millisecond, a, fin)
	acks := a.Output(time.Second + 10*time.Millisecond)
	require.Len(t, acks, 1, "FIN-WAIT-2: the FIN's ACK goes at once")
	assert.Equal(t, TimeWait, a.State())
}

// Data sent within the delay of the last arrival is a reply: the
// connection turns interactive (Linux's pingpong mode) and even in
// quick-ACK mode the next request's ACK waits for the reply. If the reply
// does not come in time the timer sends the ACK and interactive mode ends.
func TestInteractiveModeDelaysAcks(t *testing.T) {
	a, b := handshake(t, DefaultConfig(), 100, 300)
	now := time.Second
	deliverAll(now, b, sendSegment(t, a, now, 10))
	acks := b.Output(now)
	require.Len(t, acks, 1, "the first request: quick-ACK mode")
	deliverAll(now, a, acks)
	now += 5 * time.Millisecond
	deliverAll(now, a, sendSegment(t, b, now, 20))
	deliverAll(now, b, a.Output(now))

	now += 100 * time.Millisecond
	deliverAll(now, b, sendSegment(t, a, now, 10))
	assert.Empty(t, b.Output(now), "interactive: the ACK waits for the reply")
	d, ok := b.TimerDeadline(TimerDelayedACK)
	require.True(t, ok)
	b.Advance(d)
	acks = b.Output(d)
	require.Len(t, acks, 1, "no reply came: the timer sends the ACK")
	deliverAll(d, a, acks)

	now = d + 100*time.Millisecond
	deliverAll(now, b, sendSegment(t, a, now, 10))
	assert.Len(t, b.Output(now), 1, "interactive mode is over: quick ACKs again")
}

// Linux's tcp_cleanup_rbuf: once quick-ACK mode is over, reading a short
// segment that emptied the queue sends its ACK at once.
func TestReadingAShortSegmentAcksIt(t *testing.T) {
	a, b := handshake(t, DefaultConfig(), 100, 300)
	now, _ := endQuickAck(t, a, b, time.Second)
	now += time.Millisecond
	deliverAll(now, b, sendSegment(t, a, now, 100))
	assert.Empty(t, b.Output(now))
	n, err := b.Recv(now, make([]byte, 1000))
	require.Equal(t, errno.OK, err)
	require.Equal(t, 100, n)
	assert.Len(t, b.Output(now), 1, "the read emptied the queue: ACK now")
}

// A pause longer than the RTO (Linux's tcp_event_data_recv) starts quick-ACK
// mode again: the sender is restarting from a small window.
func TestQuickAckAfterAPause(t *testing.T) {
	a, b := handshake(t, DefaultConfig(), 100, 300)
	now, _ := endQuickAck(t, a, b, time.Second)
	now += 3 * time.Second
	deliverAll(now, b, sendSegment(t, a, now, a.Vars().MSS))
	assert.Len(t, b.Output(now), 1)
}
