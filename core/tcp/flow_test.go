package tcp

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sockplay/sockplay/core/errno"
	"github.com/sockplay/sockplay/core/wire"
)

func deliverAll(now time.Duration, to *Conn, segs []*wire.TCP) {
	for _, s := range segs {
		to.Input(now, clone(s))
	}
}

func TestOptionsNegotiation(t *testing.T) {
	a := NewActive(DefaultConfig(), epA, epB, Init{ISS: 1, TSOffset: 1000}, 5*time.Millisecond)
	syn := a.Output(5 * time.Millisecond)
	require.Len(t, syn, 1)
	o := syn[0].Options
	assert.Equal(t, uint16(1460), o.MSS)
	assert.True(t, o.HasWScale)
	assert.Equal(t, uint8(7), o.WScale)
	assert.True(t, o.SACKPermitted)
	assert.True(t, o.HasTimestamps)
	assert.Equal(t, uint32(1005), o.TSVal, "TSval is the ms clock plus the offset")
	assert.Equal(t, uint32(0), o.TSEcr)
	assert.Equal(t, uint16(64240), syn[0].Window, "Linux's initial window")

	// A peer without options: none may appear in the SYN,ACK and none is used.
	bare := clone(syn[0])
	bare.Options = wire.TCPOptions{}
	b := NewPassive(DefaultConfig(), epB, epA, Init{ISS: 50}, bare, 5*time.Millisecond)
	sa := b.Output(5 * time.Millisecond)
	require.Len(t, sa, 1)
	assert.Equal(t, wire.TCPOptions{MSS: 1460}, sa[0].Options)
	v := b.Vars()
	assert.False(t, v.WScaleOK || v.SACKOK || v.TimestampsOK)
	assert.Equal(t, 536, v.MSS, "no MSS option means 536 (RFC 9293 3.7.1)")

	// Both sides with options.
	b = NewPassive(DefaultConfig(), epB, epA, Init{ISS: 50, TSOffset: 7}, syn[0], 6*time.Millisecond)
	sa = b.Output(6 * time.Millisecond)
	assert.Equal(t, uint32(1005), sa[0].Options.TSEcr)
	a.Input(8*time.Millisecond, sa[0])
	require.Equal(t, Established, a.State())
	v = a.Vars()
	assert.True(t, v.WScaleOK && v.SACKOK && v.TimestampsOK)
	assert.Equal(t, 1448, v.MSS, "1460 less the 12 bytes of the timestamp option")
	assert.Equal(t, uint32(64240), v.SndWnd, "the SYN's window is not scaled")
	assert.Equal(t, 3*time.Millisecond, v.SRTT, "RTT from the echoed timestamp")
	ack := a.Output(8 * time.Millisecond)
	require.Len(t, ack, 1)
	assert.Equal(t, uint16(502), ack[0].Window, "later windows are scaled: 64240 rounded up to 128")
	assert.Equal(t, uint32(13), ack[0].Options.TSEcr)
	b.Input(9*time.Millisecond, ack[0])
	assert.Equal(t, uint32(64256), b.Vars().SndWnd)
}

func TestPAWSDropsOldTimestamp(t *testing.T) {
	a, b := handshake(t, DefaultConfig(), 100, 300)
	_, err := b.Send(time.Second, []byte("new"))
	require.Equal(t, errno.OK, err)
	seg := b.Output(time.Second)
	require.Len(t, seg, 1)
	old := clone(seg[0])
	old.Options.TSVal -= 100000
	a.Input(time.Second, old)
	assert.Equal(t, 0, a.RecvQueued(), "the segment with an old timestamp is dropped")
	dup := a.Output(time.Second)
	require.Len(t, dup, 1, "and acknowledged")
	a.Input(time.Second, seg[0])
	assert.Equal(t, 3, a.RecvQueued())
}

func TestNagle(t *testing.T) {
	for _, noDelay := range []bool{false, true} {
		t.Run(map[bool]string{false: "on", true: "TCP_NODELAY"}[noDelay], func(t *testing.T) {
			a, b := handshake(t, DefaultConfig(), 100, 300)
			a.Config().NoDelay = noDelay
			var sent []*wire.TCP
			for _, s := range "abc" {
				_, err := a.Send(time.Second, []byte{byte(s)})
				require.Equal(t, errno.OK, err)
				sent = append(sent, a.Output(time.Second)...)
			}
			if noDelay {
				require.Len(t, sent, 3, "every write goes out at once")
				return
			}
			require.Len(t, sent, 1, "small writes wait while a small segment is unacknowledged")
			assert.Equal(t, "a", string(sent[0].Payload))
			// The peer's ACK releases the rest (at once: the first
			// data of a connection is in Linux's quick-ACK mode).
			d := time.Second + 10*time.Millisecond
			b.Input(d, sent[0])
			ack := b.Output(d)
			require.Len(t, ack, 1)
			a.Input(d+10*time.Millisecond, ack[0])
			rest := a.Output(d + 10*time.Millisecond)
			require.Len(t, rest, 1)
			assert.Equal(t, "bc", string(rest[0].Payload))
			assert.NotZero(t, rest[0].Flags&wire.PSH)
		})
	}
}

// flight sends k full segments from a and returns them.
func flight(t *testing.T, a *Conn, now time.Duration, k int) []*wire.TCP {
	t.Helper()
	_, err := a.Send(now, make([]byte, k*a.Vars().MSS))
	require.Equal(t, errno.OK, err)
	segs := a.Output(now)
	require.Len(t, segs, k)
	return segs
}

// handshakeRTT connects a to b over a path of round trip rtt, so that
// both have an RTT sample (RACK's reordering window is a quarter of it).
func handshakeRTT(t *testing.T, cfg Config, rtt time.Duration) (a, b *Conn) {
	t.Helper()
	a = NewActive(cfg, epA, epB, Init{ISS: 100}, 0)
	syn := a.Output(0)
	require.Len(t, syn, 1)
	b = NewPassive(cfg, epB, epA, Init{ISS: 300}, syn[0], rtt/2)
	deliverAll(rtt, a, b.Output(rtt/2))
	deliverAll(rtt*3/2, b, a.Output(rtt))
	require.Equal(t, Established, b.State())
	a.Events()
	b.Events()
	return a, b
}

// Linux's loss recovery (tcp_fastretrans_alert with RACK, PRR): two
// SACKed segments above a hole are reordering still (RACK's window is a
// quarter of the minimum RTT); the third makes it a loss, entering
// recovery with CUBIC's ssthresh (70 % of cwnd) and PRR letting the
// retransmission go; the ACK of everything ends recovery at ssthresh.
func TestFastRetransmitAfterThreeSACKedSegments(t *testing.T) {
	const rtt = 10 * time.Millisecond
	a, b := handshakeRTT(t, DefaultConfig(), rtt)
	mss := uint32(a.Vars().MSS)
	now := time.Second
	segs := flight(t, a, now, 10)
	var dups []*wire.TCP
	for _, s := range segs[1:] { // the first is lost
		b.Input(now+rtt/2, s)
		dups = append(dups, b.Output(now+rtt/2)...)
	}
	require.Len(t, dups, 9, "out-of-order data is acknowledged at once")
	for i, d := range dups {
		assert.Equal(t, segs[0].Seq, d.Ack)
		require.Len(t, d.Options.SACK, 1)
		assert.Equal(t, wire.SACKBlock{Left: segs[1].Seq, Right: segs[i+1].Seq + mss}, d.Options.SACK[0])
	}
	now += rtt
	for i, d := range dups[:3] {
		a.Input(now, d)
		out := a.Output(now)
		if i < 2 {
			assert.Empty(t, out, "within RACK's reordering window")
			assert.Equal(t, CADisorder, a.Info(now).CAState)
			continue
		}
		require.Len(t, out, 1, "the third SACKed segment makes the hole a loss")
		assert.Equal(t, segs[0].Seq, out[0].Seq)
		assert.Len(t, out[0].Payload, int(mss))
		b.Input(now, out[0])
	}
	v := a.Vars()
	assert.True(t, v.InRecovery)
	assert.Equal(t, 7*mss, v.Ssthresh, "CUBIC's beta: 70 % of cwnd 10")
	assert.Equal(t, 7*mss, v.Cwnd, "PRR: what is in flight (6) and the retransmission")
	full := b.Output(now)
	require.Len(t, full, 1)
	assert.Equal(t, segs[9].Seq+mss, full[0].Ack, "the hole is filled: everything is acknowledged")
	a.Input(now+rtt, full[0])
	v = a.Vars()
	assert.False(t, v.InRecovery)
	assert.Equal(t, 8*mss, v.Cwnd, "ssthresh, then CUBIC's curve: 7 segments delivered add one")
	assert.Equal(t, 1, v.Retransmits)
	assert.Equal(t, 10*int(mss), b.RecvQueued())
}

// Limited transmit (RFC 3042) as Linux does it: a SACKed segment has
// left the network, so each of the first duplicate ACKs lets a new
// segment go; without SACK each duplicate ACK counts as one.
func TestLimitedTransmit(t *testing.T) {
	for _, sack := range []bool{true, false} {
		t.Run(map[bool]string{true: "SACK", false: "no SACK"}[sack], func(t *testing.T) {
			const rtt = 10 * time.Millisecond
			cfg := DefaultConfig()
			cfg.SACK = sack
			cfg.SendBuffer = 1 << 20
			a, b := handshakeRTT(t, cfg, rtt)
			mss := a.Vars().MSS
			now := time.Second
			_, err := a.Send(now, make([]byte, 16*mss))
			require.Equal(t, errno.OK, err)
			segs := a.Output(now)
			require.Len(t, segs, 10, "the initial window")
			b.Input(now+rtt/2, segs[0])
			deliverAll(now+rtt, a, b.Output(now+rtt/2))
			require.Len(t, a.Output(now+rtt), 2, "slow start: one segment acknowledged, two go")
			next := segs[9].Seq + uint32(3*mss)
			for _, s := range segs[2:4] { // the second is late
				b.Input(now+rtt/2, s)
				dup := b.Output(now + rtt/2)
				require.Len(t, dup, 1)
				a.Input(now+rtt, dup[0])
				out := a.Output(now + rtt)
				require.Len(t, out, 1, "a duplicate ACK sends new data")
				assert.Equal(t, next, out[0].Seq)
				next += uint32(mss)
				assert.Equal(t, CADisorder, a.Info(now+rtt).CAState)
			}
			assert.Zero(t, a.Vars().Retransmits)
		})
	}
}

func TestSACKBlocksNewestFirst(t *testing.T) {
	a, b := handshake(t, DefaultConfig(), 100, 300)
	mss := uint32(a.Vars().MSS)
	now := time.Second
	segs := flight(t, a, now, 8)
	block := func(i, j int) wire.SACKBlock { return wire.SACKBlock{Left: segs[i].Seq, Right: segs[j].Seq + mss} }
	var last []*wire.TCP
	for _, i := range []int{1, 3, 5, 6} { // 0, 2, 4 lost
		b.Input(now, segs[i])
		last = b.Output(now)
	}
	require.Len(t, last, 1)
	assert.Equal(t, []wire.SACKBlock{block(5, 6), block(3, 3), block(1, 1)}, last[0].Options.SACK)
	v := b.Vars()
	assert.Equal(t, []Range{{segs[1].Seq, int(mss)}, {segs[3].Seq, int(mss)}, {segs[5].Seq, 2 * int(mss)}}, v.OutOfOrder)
	b.Input(now, segs[0]) // fills the first hole
	out := b.Output(now)
	require.Len(t, out, 1)
	assert.Equal(t, segs[2].Seq, out[0].Ack)
	assert.Equal(t, []wire.SACKBlock{block(5, 6), block(3, 3)}, out[0].Options.SACK)
}

func TestRetransmissionSkipsSACKedData(t *testing.T) {
	for _, sack := range []bool{true, false} {
		t.Run(map[bool]string{true: "SACK", false: "no SACK"}[sack], func(t *testing.T) {
			cfg := DefaultConfig()
			cfg.SACK = sack
			a, b := handshakeRTT(t, cfg, 10*time.Millisecond)
			now := time.Second
			segs := flight(t, a, now, 4)
			var acks []*wire.TCP
			for _, i := range []int{1, 3} { // 0 and 2 lost
				b.Input(now, segs[i])
				acks = append(acks, b.Output(now)...)
			}
			a.Input(now, acks[len(acks)-1]) // a single duplicate ACK reaches A
			require.Empty(t, a.Output(now))

			var resent []uint32
			for range 10 {
				d, ok := a.Deadline()
				require.True(t, ok)
				now = max(now, d)
				a.Advance(now)
				for _, s := range a.Output(now) {
					resent = append(resent, s.Seq)
					b.Input(now, s)
					deliverAll(now, a, b.Output(now))
					for _, s2 := range a.Output(now) {
						resent = append(resent, s2.Seq)
						b.Input(now, s2)
						deliverAll(now, a, b.Output(now))
					}
				}
				if a.Vars().SndUna == a.Vars().SndNxt {
					break
				}
			}
			assert.Equal(t, 4*a.Vars().MSS, b.RecvQueued())
			if sack {
				assert.Equal(t, []uint32{segs[0].Seq, segs[2].Seq}, resent, "only the holes are resent")
			} else {
				assert.Equal(t, []uint32{segs[0].Seq, segs[2].Seq, segs[3].Seq}, resent, "go-back-N resends data the peer has")
			}
		})
	}
}

// After a timeout, a hole shorter than the MSS at SND.UNA with SACKed data
// right after it is resent at once: sender SWS avoidance holds new data cut
// by the window, never a retransmission (found against gVisor).
func TestTimeoutResendsShortHoleBeforeSACKedData(t *testing.T) {
	a, b := handshakeRTT(t, DefaultConfig(), 10*time.Millisecond)
	mss := a.Vars().MSS
	now := time.Second
	var segs []*wire.TCP
	for _, size := range []int{100, 2 * mss} {
		k, err := a.Send(now, make([]byte, size))
		require.Equal(t, errno.OK, err)
		require.Equal(t, size, k)
		segs = append(segs, a.Output(now)...)
	}
	require.Len(t, segs, 3)
	require.Len(t, segs[0].Payload, 100)
	var acks []*wire.TCP
	for _, s := range segs[1:] { // the short one is lost
		b.Input(now, s)
		acks = append(acks, b.Output(now)...)
	}
	// One duplicate ACK, two segments SACKed: no fast retransmit yet.
	a.Input(now, acks[len(acks)-1])
	require.Empty(t, rfcAll(a.Output(now)))
	require.Equal(t, []Range{{segs[1].Seq, 2 * mss}}, a.Vars().SACKed)

	d, ok := a.Deadline()
	require.True(t, ok)
	a.Advance(d)
	resent := a.Output(d)
	require.Equal(t, []string{fmt.Sprintf("<SEQ=%d><ACK=301><CTL=ACK><DATA=100>", segs[0].Seq)}, rfcAll(resent),
		"the timeout resends the hole, and only the hole")
	b.Input(d, resent[0])
	deliverAll(d, a, b.Output(d))
	assert.Equal(t, a.Vars().SndNxt, a.Vars().SndUna, "everything is acknowledged")
	assert.Equal(t, 100+2*mss, b.RecvQueued())
}

func TestQueueLengthsCountSYNAndFIN(t *testing.T) {
	c := NewActive(DefaultConfig(), epA, epB, Init{ISS: 1}, 0)
	c.Output(0)
	assert.Equal(t, 1, c.SendQueued(), "ss shows Send-Q 1 in SYN-SENT")

	a, b := handshake(t, DefaultConfig(), 100, 300)
	_, err := a.Send(time.Second, []byte("hello"))
	require.Equal(t, errno.OK, err)
	assert.Equal(t, 5, a.SendQueued())
	require.Equal(t, errno.OK, a.ShutdownWrite(time.Second))
	segs := a.Output(time.Second)
	assert.Equal(t, 6, a.SendQueued(), "the FIN counts")
	deliverAll(time.Second, b, segs)
	assert.Equal(t, 6, b.RecvQueued(), "five bytes and the FIN")
	n, err := b.Recv(time.Second, make([]byte, 10))
	assert.Equal(t, 5, n)
	assert.Equal(t, errno.OK, err)
	assert.Equal(t, 1, b.RecvQueued())
	assert.True(t, b.Readable())
	n, err = b.Recv(time.Second, make([]byte, 10))
	assert.Equal(t, 0, n)
	assert.Equal(t, errno.OK, err)
	assert.Equal(t, 0, b.RecvQueued())
	assert.True(t, b.PeerClosed())
	assert.Empty(t, b.Output(time.Second), "the FIN's ACK waits for a reply (Linux's tcp_fin)")
	b.Advance(time.Second + 40*time.Millisecond)
	deliverAll(time.Second, a, b.Output(time.Second+40*time.Millisecond))
	assert.Equal(t, 0, a.SendQueued())
	assert.Equal(t, FinWait2, a.State())
	b.Close(2 * time.Second)
	deliverAll(2*time.Second, a, b.Output(2*time.Second))
	require.Equal(t, TimeWait, a.State())
	assert.Equal(t, 0, a.RecvQueued(), "TIME-WAIT has no queue, even with the FIN unread")
}

func TestSendBufferLimits(t *testing.T) {
	a, _ := handshake(t, DefaultConfig(), 100, 300)
	big := make([]byte, 20000)
	n, err := a.Send(time.Second, big)
	assert.Equal(t, errno.OK, err)
	assert.Equal(t, 16384, n, "a partial write fills the buffer")
	assert.False(t, a.Writable())
	n, err = a.Send(time.Second, big)
	assert.Equal(t, 0, n)
	assert.Equal(t, errno.EAGAIN, err)
	n, err = a.Send(time.Second, nil)
	assert.Equal(t, 0, n)
	assert.Equal(t, errno.OK, err)
}

func TestRSTChallengeACKThenExactRST(t *testing.T) {
	a, b := handshake(t, plainConfig(), 100, 300)
	rst := &wire.TCP{SrcPort: epB.Port, DstPort: epA.Port, Seq: 305, Flags: wire.RST}
	a.Input(time.Second, rst)
	ch := a.Output(time.Second)
	assert.Equal(t, []string{"<SEQ=101><ACK=301><CTL=ACK>"}, rfcAll(ch))
	assert.Equal(t, Established, a.State())
	// The real peer answers the challenge ACK with an exact RST only if it
	// has no connection; an established peer just ignores it.
	deliverAll(time.Second, b, ch)
	assert.Empty(t, b.Output(time.Second))
	assert.Equal(t, Established, b.State())
}

func TestEventsDescribeTheConnection(t *testing.T) {
	a := NewActive(DefaultConfig(), epA, epB, Init{ISS: 1}, 0)
	a.Output(0)
	ev := a.Events()
	require.Len(t, ev, 2)
	assert.Equal(t, Event{Kind: EventState, From: Closed, To: SynSent, Text: "connect(): send SYN"}, ev[0])
	assert.Equal(t, Event{Kind: EventTimerArmed, Timer: TimerRetransmit, At: time.Second}, ev[1])
	a.Advance(time.Second)
	a.Output(time.Second)
	ev = a.Events()
	require.GreaterOrEqual(t, len(ev), 2)
	assert.Equal(t, EventTimerFired, ev[0].Kind)
	assert.Equal(t, EventNote, ev[1].Kind)
	assert.Contains(t, ev[1].Text, "retransmission timeout #1")
	assert.Empty(t, a.Events(), "drained")
}

func TestTimeWaitAcceptsNewSYNLikeLinux(t *testing.T) {
	cfg := plainConfig()
	a, b := handshake(t, cfg, 99, 299)
	b.Close(1)
	deliverAll(1, a, b.Output(1)) // B's FIN; A acknowledges
	a.Close(1)
	deliverAll(1, b, a.Output(1)) // A's ACK and FIN
	deliverAll(1, a, b.Output(1))
	require.Equal(t, TimeWait, b.State(), "B closed first")
	require.Equal(t, Closed, a.State())

	old := &wire.TCP{SrcPort: epA.Port, DstPort: epB.Port, Seq: 50, Flags: wire.SYN}
	_, ok := b.AcceptsSYN(old)
	assert.False(t, ok, "a SYN below RCV.NXT is an old duplicate")
	fresh := &wire.TCP{SrcPort: epA.Port, DstPort: epB.Port, Seq: 90000, Flags: wire.SYN}
	iss, ok := b.AcceptsSYN(fresh)
	assert.True(t, ok)
	assert.Equal(t, b.Vars().SndNxt+65537, iss)
	_, ok = b.AcceptsSYN(&wire.TCP{Seq: 90000, Flags: wire.SYN | wire.ACK})
	assert.False(t, ok)
	d, ok := b.TimerDeadline(TimerTimeWait)
	assert.True(t, ok)
	assert.Equal(t, 1+60*time.Second, d)
	_, ok = b.TimerDeadline(TimerRetransmit)
	assert.False(t, ok)
	b.Abort(3)
	assert.Equal(t, Closed, b.State())
	assert.Empty(t, b.Output(3), "no RST from TIME-WAIT")
}

func TestClassicThreeDuplicateACKsWithoutSACK(t *testing.T) {
	cfg := DefaultConfig()
	cfg.SACK = false
	a, b := handshake(t, cfg, 100, 300)
	now := time.Second
	segs := flight(t, a, now, 6)
	var dups []*wire.TCP
	for _, s := range segs[1:] {
		b.Input(now, s)
		dups = append(dups, b.Output(now)...)
	}
	require.Len(t, dups, 5)
	retransmitAt := -1
	for i, d := range dups {
		a.Input(now, d)
		if out := a.Output(now); len(out) > 0 && retransmitAt < 0 {
			retransmitAt = i
			assert.Equal(t, segs[0].Seq, out[0].Seq)
		}
	}
	// The first ACK is a window update (the SYN,ACK's window was not
	// scaled); the three after it are the duplicates.
	assert.Equal(t, 3, retransmitAt)
}

func TestConnectionRefused(t *testing.T) {
	a := NewActive(DefaultConfig(), epA, epB, Init{ISS: 100}, 0)
	assert.False(t, a.Writable())
	assert.False(t, a.Readable())
	syn := a.Output(0)
	rst := ClosedInput(syn[0])
	require.NotNil(t, rst)
	assert.Equal(t, "<SEQ=0><ACK=101><CTL=RST,ACK>", rfc(rst))
	a.Input(time.Millisecond, rst)
	assert.Equal(t, Closed, a.State())
	assert.Equal(t, errno.ECONNREFUSED, a.Err())
	assert.True(t, a.Readable())
	assert.True(t, a.Writable())
	_, ok := a.Deadline()
	assert.False(t, ok, "no SYN retransmission after a refusal")
	_, err := a.Recv(time.Millisecond, make([]byte, 1))
	assert.Equal(t, errno.ECONNREFUSED, err)
	n, err := a.Recv(time.Millisecond, make([]byte, 1))
	assert.Equal(t, 0, n)
	assert.Equal(t, errno.OK, err)
	_, err = a.Send(time.Millisecond, []byte("x"))
	assert.Equal(t, errno.EPIPE, err)
	assert.Equal(t, errno.ENOTCONN, a.ShutdownWrite(time.Millisecond))
}

func TestHalfCloseKeepsTheOtherDirection(t *testing.T) {
	a, b := handshake(t, DefaultConfig(), 100, 300)
	require.Equal(t, errno.OK, a.ShutdownWrite(1))
	deliverAll(1, b, a.Output(1))
	const t1 = 41 * time.Millisecond // the FIN's ACK is delayed
	b.Advance(t1)
	deliverAll(t1, a, b.Output(t1))
	require.Equal(t, FinWait2, a.State())
	require.Equal(t, CloseWait, b.State())
	_, err := a.Send(t1+1, []byte("no"))
	assert.Equal(t, errno.EPIPE, err)
	assert.True(t, a.Writable(), "send does not block: it fails")

	_, err = b.Send(t1+2, []byte("still talking"))
	require.Equal(t, errno.OK, err)
	deliverAll(t1+2, a, b.Output(t1+2))
	buf := make([]byte, 100)
	n, err := a.Recv(t1+2, buf)
	require.Equal(t, errno.OK, err)
	assert.Equal(t, "still talking", string(buf[:n]))
	_, err = a.Recv(t1+2, buf)
	assert.Equal(t, errno.EAGAIN, err)
	assert.False(t, a.Readable())

	b.Close(t1 + 3)
	deliverAll(t1+3, a, b.Output(t1+3))
	assert.Equal(t, TimeWait, a.State())
	for range 2 {
		n, err = a.Recv(t1+3, buf)
		assert.Equal(t, 0, n)
		assert.Equal(t, errno.OK, err, "end of stream, every time")
	}
}
