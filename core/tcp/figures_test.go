package tcp

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sockplay/sockplay/core/errno"
	"github.com/sockplay/sockplay/core/wire"
)

// out drains c's output and checks it against want, in RFC notation.
func out(t *testing.T, c *Conn, now time.Duration, want ...string) []*wire.TCP {
	t.Helper()
	segs := c.Output(now)
	if want == nil {
		want = []string{}
	}
	require.Equal(t, want, rfcAll(segs))
	return segs
}

// handshake builds an established pair by hand. A's next sequence number
// is issA+1 and B's issB+1.
func handshake(t *testing.T, cfg Config, issA, issB uint32) (a, b *Conn) {
	t.Helper()
	a = NewActive(cfg, epA, epB, Init{ISS: issA}, 0)
	syn := a.Output(0)
	require.Len(t, syn, 1)
	_, ok := ListenInput(epB, epA, syn[0])
	require.True(t, ok)
	b = NewPassive(cfg, epB, epA, Init{ISS: issB}, syn[0], 0)
	for _, s := range b.Output(0) {
		a.Input(0, s)
	}
	for _, s := range a.Output(0) {
		b.Input(0, s)
	}
	require.Equal(t, Established, a.State())
	require.Equal(t, Established, b.State())
	a.Events()
	b.Events()
	return a, b
}

func TestFigure6BasicThreeWayHandshake(t *testing.T) {
	cfg := plainConfig()
	a := NewActive(cfg, epA, epB, Init{ISS: 100}, 0)
	assert.Equal(t, SynSent, a.State())
	syn := out(t, a, 0, "<SEQ=100><CTL=SYN>")

	reply, accept := ListenInput(epB, epA, syn[0])
	require.Nil(t, reply)
	require.True(t, accept)
	b := NewPassive(cfg, epB, epA, Init{ISS: 300}, syn[0], 0)
	assert.Equal(t, SynReceived, b.State())
	synAck := out(t, b, 0, "<SEQ=300><ACK=101><CTL=SYN,ACK>")

	a.Input(1, synAck[0])
	assert.Equal(t, Established, a.State())
	ack := out(t, a, 1, "<SEQ=101><ACK=301><CTL=ACK>")

	b.Input(2, ack[0])
	assert.Equal(t, Established, b.State())

	n, err := a.Send(2, []byte("hello"))
	require.Equal(t, errno.OK, err)
	require.Equal(t, 5, n)
	data := out(t, a, 2, "<SEQ=101><ACK=301><CTL=ACK><DATA=5>")
	assert.NotZero(t, data[0].Flags&wire.PSH, "the last segment of a write carries PSH")
	b.Input(3, data[0])
	buf := make([]byte, 10)
	n, err = b.Recv(3, buf)
	assert.Equal(t, errno.OK, err)
	assert.Equal(t, "hello", string(buf[:n]))
}

func TestFigure7SimultaneousOpen(t *testing.T) {
	cfg := plainConfig()
	a := NewActive(cfg, epA, epB, Init{ISS: 100}, 0)
	b := NewActive(cfg, epB, epA, Init{ISS: 300}, 0)
	synA := out(t, a, 0, "<SEQ=100><CTL=SYN>")
	synB := out(t, b, 0, "<SEQ=300><CTL=SYN>")

	a.Input(1, synB[0])
	assert.Equal(t, SynReceived, a.State())
	synAckA := out(t, a, 1, "<SEQ=100><ACK=301><CTL=SYN,ACK>")
	b.Input(1, synA[0])
	assert.Equal(t, SynReceived, b.State())
	synAckB := out(t, b, 1, "<SEQ=300><ACK=101><CTL=SYN,ACK>")

	a.Input(2, synAckB[0])
	assert.Equal(t, Established, a.State())
	out(t, a, 2)
	b.Input(2, synAckA[0])
	assert.Equal(t, Established, b.State())
	out(t, b, 2)
}

func TestFigure8RecoveryFromOldDuplicateSYN(t *testing.T) {
	cfg := plainConfig()
	a := NewActive(cfg, epA, epB, Init{ISS: 100}, 0)
	syn := out(t, a, 0, "<SEQ=100><CTL=SYN>") // delayed in the network

	old := &wire.TCP{SrcPort: epA.Port, DstPort: epB.Port, Seq: 90, Flags: wire.SYN, Window: 65535}
	_, accept := ListenInput(epB, epA, old)
	require.True(t, accept)
	b := NewPassive(cfg, epB, epA, Init{ISS: 300}, old, 0)
	synAck := out(t, b, 0, "<SEQ=300><ACK=91><CTL=SYN,ACK>")

	a.Input(1, synAck[0])
	assert.Equal(t, SynSent, a.State())
	rst := out(t, a, 1, "<SEQ=91><CTL=RST>")

	b.Input(2, rst[0])
	assert.Equal(t, Closed, b.State(), "back to LISTEN: the listener forgets it")
	assert.Equal(t, errno.OK, b.Err())

	_, accept = ListenInput(epB, epA, syn[0])
	require.True(t, accept)
	b = NewPassive(cfg, epB, epA, Init{ISS: 400}, syn[0], 3)
	synAck = out(t, b, 3, "<SEQ=400><ACK=101><CTL=SYN,ACK>")
	a.Input(4, synAck[0])
	assert.Equal(t, Established, a.State())
	ack := out(t, a, 4, "<SEQ=101><ACK=401><CTL=ACK>")
	b.Input(5, ack[0])
	assert.Equal(t, Established, b.State())
}

func TestFigure9HalfOpenConnectionDiscovery(t *testing.T) {
	cfg := plainConfig()
	_, b := handshake(t, cfg, 99, 299) // A sends 100.., B sends 300..; then A crashes

	a := NewActive(cfg, epA, epB, Init{ISS: 400}, 10)
	syn := out(t, a, 10, "<SEQ=400><CTL=SYN>")
	b.Input(11, syn[0])
	assert.Equal(t, Established, b.State())
	ack := out(t, b, 11, "<SEQ=300><ACK=100><CTL=ACK>")

	a.Input(12, ack[0])
	assert.Equal(t, SynSent, a.State())
	rst := out(t, a, 12, "<SEQ=100><CTL=RST>")

	b.Input(13, rst[0])
	assert.Equal(t, Closed, b.State())
	assert.Equal(t, errno.ECONNRESET, b.Err())

	// A's SYN is retransmitted and finds a listener.
	d, ok := a.Deadline()
	require.True(t, ok)
	assert.Equal(t, 10+time.Second, d)
	a.Advance(d)
	out(t, a, d, "<SEQ=400><CTL=SYN>")
}

func TestFigure10ActiveSideCausesHalfOpenDiscovery(t *testing.T) {
	cfg := plainConfig()
	_, b := handshake(t, cfg, 99, 299) // then A crashes

	n, err := b.Send(1, []byte("0123456789"))
	require.Equal(t, errno.OK, err)
	require.Equal(t, 10, n)
	data := out(t, b, 1, "<SEQ=300><ACK=100><CTL=ACK><DATA=10>")

	rst := ClosedInput(data[0])
	require.NotNil(t, rst)
	assert.Equal(t, "<SEQ=100><CTL=RST>", rfc(rst))
	assert.Equal(t, epB.Port, rst.DstPort)

	b.Input(2, rst)
	assert.Equal(t, Closed, b.State())
	assert.Equal(t, errno.ECONNRESET, b.Err())
	_, err = b.Send(3, []byte("x"))
	assert.Equal(t, errno.ECONNRESET, err, "the error is reported once")
	_, err = b.Send(3, []byte("x"))
	assert.Equal(t, errno.EPIPE, err, "then EPIPE")
}

func TestFigure11OldDuplicateSYNResetsTwoPassiveSockets(t *testing.T) {
	cfg := plainConfig()
	const z = 5000
	old := &wire.TCP{SrcPort: epA.Port, DstPort: epB.Port, Seq: z, Flags: wire.SYN, Window: 65535}
	_, accept := ListenInput(epB, epA, old)
	require.True(t, accept)
	b := NewPassive(cfg, epB, epA, Init{ISS: 7000}, old, 0)
	synAck := out(t, b, 0, "<SEQ=7000><ACK=5001><CTL=SYN,ACK>")

	rst, accept := ListenInput(epA, epB, synAck[0])
	require.False(t, accept)
	require.NotNil(t, rst)
	assert.Equal(t, "<SEQ=5001><CTL=RST>", rfc(rst))

	b.Input(1, rst)
	assert.Equal(t, Closed, b.State(), "return to LISTEN")
	assert.Empty(t, b.Output(1))
}

func TestFigure12NormalCloseSequence(t *testing.T) {
	cfg := plainConfig()
	a, b := handshake(t, cfg, 99, 299)

	a.Close(1)
	assert.Equal(t, FinWait1, a.State())
	fin := out(t, a, 1, "<SEQ=100><ACK=300><CTL=FIN,ACK>")

	b.Input(2, fin[0])
	assert.Equal(t, CloseWait, b.State())
	ack := out(t, b, 2, "<SEQ=300><ACK=101><CTL=ACK>")
	a.Input(3, ack[0])
	assert.Equal(t, FinWait2, a.State())

	n, err := b.Recv(4, make([]byte, 1))
	assert.Equal(t, 0, n)
	assert.Equal(t, errno.OK, err, "end of stream")
	b.Close(4)
	assert.Equal(t, LastAck, b.State())
	fin = out(t, b, 4, "<SEQ=300><ACK=101><CTL=FIN,ACK>")

	a.Input(5, fin[0])
	assert.Equal(t, TimeWait, a.State())
	ack = out(t, a, 5, "<SEQ=101><ACK=301><CTL=ACK>")
	b.Input(6, ack[0])
	assert.Equal(t, Closed, b.State())
	assert.Equal(t, errno.OK, b.Err())

	d, ok := a.Deadline()
	require.True(t, ok)
	assert.Equal(t, 5+60*time.Second, d, "TIME-WAIT lasts 2·MSL")
	a.Advance(d - 1)
	assert.Equal(t, TimeWait, a.State())
	a.Advance(d)
	assert.Equal(t, Closed, a.State())
	_, ok = a.Deadline()
	assert.False(t, ok)
}

func TestFigure13SimultaneousCloseSequence(t *testing.T) {
	cfg := plainConfig()
	a, b := handshake(t, cfg, 99, 299)

	a.Close(1)
	b.Close(1)
	finA := out(t, a, 1, "<SEQ=100><ACK=300><CTL=FIN,ACK>")
	finB := out(t, b, 1, "<SEQ=300><ACK=100><CTL=FIN,ACK>")
	assert.Equal(t, FinWait1, a.State())
	assert.Equal(t, FinWait1, b.State())

	a.Input(2, finB[0])
	b.Input(2, finA[0])
	assert.Equal(t, Closing, a.State())
	assert.Equal(t, Closing, b.State())
	ackA := out(t, a, 2, "<SEQ=101><ACK=301><CTL=ACK>")
	ackB := out(t, b, 2, "<SEQ=301><ACK=101><CTL=ACK>")

	a.Input(3, ackB[0])
	b.Input(3, ackA[0])
	assert.Equal(t, TimeWait, a.State())
	assert.Equal(t, TimeWait, b.State())
	a.Advance(3 + 60*time.Second)
	b.Advance(3 + 60*time.Second)
	assert.Equal(t, Closed, a.State())
	assert.Equal(t, Closed, b.State())
}
