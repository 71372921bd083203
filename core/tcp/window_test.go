package tcp

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sockplay/sockplay/core/errno"
	"github.com/sockplay/sockplay/core/wire"
)

// windows records the window fields side s sends on ACKs without SYN.
func (n *network) windows(s side) *[]uint16 {
	var w []uint16
	n.drop = chainDrop(n.drop, func(from side, seg *wire.TCP) bool {
		if from == s && seg.Flags&(wire.SYN|wire.RST) == 0 && seg.Flags&wire.ACK != 0 {
			w = append(w, seg.Window)
		}
		return false
	})
	return &w
}

func chainDrop(prev, next func(side, *wire.TCP) bool) func(side, *wire.TCP) bool {
	return func(from side, seg *wire.TCP) bool {
		return next(from, seg) || (prev != nil && prev(from, seg))
	}
}

// A receiver whose application does not read: the data narrows the window
// by amounts that are not multiples of the scale unit, yet the right edge it
// advertises never moves back (the harness checks every ACK), everything
// inside it is accepted, and the queue ends a little above the buffer
// because of the rounding, far below the hard limit.
func TestWindowEdgeHoldsWhileTheReaderLags(t *testing.T) {
	for _, size := range []int{8192, 131072} {
		n := newNetwork(t, 3)
		n.cfg[sideB].RecvBuffer = size
		n.cfg[sideA].NoDelay = true
		n.established()
		data := randomBytes(4, 3*size)
		sent := 0
		for i := 0; sent < len(data) && i < 1000; i++ { // writes of odd sizes
			k, err := n.a().Send(n.now, data[sent:min(sent+1000+7*i, len(data))])
			if err == errno.EAGAIN {
				n.runFor(50 * time.Millisecond)
				if n.a().Vars().SndWnd == 0 {
					break
				}
				continue
			}
			require.Equal(t, errno.OK, err)
			sent += k
			n.pump()
			n.runFor(5 * time.Millisecond)
		}
		n.runFor(2 * time.Second)
		b := n.b().Vars()
		assert.Zero(t, n.a().Vars().SndWnd, "the window closed")
		assert.Equal(t, b.RcvNxt, n.edge[sideB], "B accepted everything up to the edge it advertised")
		assert.GreaterOrEqual(t, b.RecvBuffered, size-b.MSS)
		assert.Less(t, b.RecvBuffered, size+size/16, "rounding overshoots the buffer by little")

		// Reading everything reopens the window and the rest arrives.
		got := make([]byte, 0, len(data))
		buf := make([]byte, 4096)
		for len(got) < sent {
			k, err := n.b().Recv(n.now, buf)
			if err == errno.EAGAIN {
				n.pump()
				n.runFor(100 * time.Millisecond)
				continue
			}
			require.Equal(t, errno.OK, err)
			got = append(got, buf[:k]...)
		}
		assert.Equal(t, data[:sent], got)
	}
}

// The window starts where Linux's does after the handshake (64240 rounded
// up to the scale: 502 × 128) and grows towards the buffer while the
// application keeps up (tcp_grow_window); it stops growing when it lags.
func TestReceiveWindowGrowsWhileTheApplicationKeepsUp(t *testing.T) {
	n := newNetwork(t, 5)
	wins := n.windows(sideA)
	n.established()
	require.Equal(t, []uint16{502}, *wins, "the client's window in its ACK of the SYN,ACK")
	require.Equal(t, uint32(64240), n.a().Vars().RcvSsthresh)

	data := randomBytes(6, 400000)
	streams := [2]stream{{}, {data: data}}
	require.Equal(t, errno.OK, n.exchange(time.Minute, &streams))
	assert.Equal(t, data, streams[1].read)
	// The last ACK answers the FIN at once (A is in FIN-WAIT-2), before
	// the application read the last segment: its window may be smaller.
	w := (*wins)[:len(*wins)-1]
	for i := 1; i < len(w); i++ {
		require.GreaterOrEqual(t, w[i], w[i-1], "window %d of %v shrank while the reader kept up", i, w)
	}
	last := n.a().Vars()
	assert.GreaterOrEqual(t, last.RcvSsthresh, uint32(131072-last.MSS), "grown to the buffer, less what the last segment took")
	assert.Equal(t, uint16(alignUp(last.RcvSsthresh, 128)>>7), w[len(w)-1])

	// A reader that does not keep up: rcv_ssthresh stops growing once the
	// free space falls below it.
	n = newNetwork(t, 5)
	n.cfg[sideB].SendBuffer = 100000
	n.established()
	push := func(p []byte) uint32 {
		k, err := n.b().Send(n.now, p)
		require.Equal(t, errno.OK, err)
		require.Equal(t, len(p), k)
		n.pump()
		n.runFor(time.Second)
		return n.a().Vars().RcvSsthresh
	}
	grown := push(data[:60000])
	assert.Greater(t, grown, uint32(64240))
	assert.Less(t, grown, uint32(131072))
	assert.Equal(t, grown, push(data[60000:100000]), "no growth while the data waits unread")
	assert.Equal(t, 100000, n.a().Vars().RecvBuffered)
}

// A peer that trickles single bytes into a reader that never reads keeps
// the rounded-up window open (Linux would too); the queue still stops at
// twice the buffer, where the window closes even though its edge moves back.
func TestTricklingPeerCannotGrowTheQueuePastTwiceTheBuffer(t *testing.T) {
	cfg := DefaultConfig()
	cfg.RecvBuffer = 300
	a, b := handshake(t, cfg, 100, 300)
	now := time.Second
	var last *wire.TCP
	for i := range 2000 {
		seq := b.Vars().RcvNxt
		b.Input(now, &wire.TCP{SrcPort: epA.Port, DstPort: epB.Port, Seq: seq, Ack: a.Vars().SndNxt,
			Flags: wire.ACK, Window: 1000, Payload: []byte{streamByte(uint32(i))}})
		b.Advance(now + time.Second) // the delayed ACK
		if out := b.Output(now + time.Second); len(out) > 0 {
			last = out[len(out)-1]
		}
		now += time.Second
	}
	require.NotNil(t, last)
	assert.Greater(t, b.RecvQueued(), 300, "rounding kept the window open past the buffer")
	assert.LessOrEqual(t, b.RecvQueued(), 2*300, "but not past twice the buffer")
	assert.Zero(t, last.Window, "the window is closed")
}
