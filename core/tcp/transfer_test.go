package tcp

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sockplay/sockplay/core/errno"
)

// stream is one direction's application data: what is written and what
// the other side read.
type stream struct {
	data    []byte
	written int
	read    []byte
	eof     bool
	shut    bool
}

// exchange runs a connection in which both applications write their data,
// shut down writing, and read until end of stream. It checks on the way
// that the receiver only ever sees a prefix of the sender's stream. It
// returns the error that ended a connection early (OK when both streams
// arrived).
func (n *network) exchange(limit time.Duration, streams *[2]stream) errno.Errno {
	n.t.Helper()
	buf := make([]byte, 7000)
	end := n.now + limit
	for {
		for s := sideA; s <= sideB; s++ {
			c := n.conns[s]
			if c == nil {
				continue
			}
			st := &streams[s]
			if c.State() == Established || c.State() == CloseWait {
				if st.written < len(st.data) {
					k, err := c.Send(n.now, st.data[st.written:])
					require.True(n.t, err == errno.OK || err == errno.EAGAIN, "send: %v", err)
					st.written += k
				}
				if st.written == len(st.data) && !st.shut {
					require.Equal(n.t, errno.OK, c.ShutdownWrite(n.now))
					st.shut = true
				}
			}
			in := &streams[s.other()]
			for !in.eof {
				k, err := c.Recv(n.now, buf)
				if err == errno.EAGAIN {
					break
				}
				if err != errno.OK {
					return err
				}
				if k == 0 {
					in.eof = true
					break
				}
				in.read = append(in.read, buf[:k]...)
				require.True(n.t, bytes.HasPrefix(in.data, in.read), "delivered bytes are not the peer's stream prefix")
			}
			checkInvariants(n.t, c)
			if err := c.Err(); err != errno.OK {
				return err
			}
		}
		n.pump()
		if streams[0].eof && streams[1].eof {
			return errno.OK
		}
		if !n.step() || n.now > end {
			require.FailNowf(n.t, "transfer did not finish", "at %v: A %v read %d/%d, B %v read %d/%d; last: %v",
				n.now, n.a().State(), len(streams[1].read), len(streams[1].data),
				n.b().State(), len(streams[0].read), len(streams[0].data), n.lastTrace(12))
		}
	}
}

func checkInvariants(t testing.TB, c *Conn) {
	v := c.Vars()
	require.True(t, seqLEQ(v.SndUna, v.SndNxt), "SND.UNA %d > SND.NXT %d", v.SndUna, v.SndNxt)
	require.LessOrEqual(t, v.RecvBuffered+c.oooBytes(), c.recvLimit(), "receive queue overflow")
	require.True(t, seqLEQ(v.RcvNxt+uint32(c.oooBytes()), c.rcvEdge), "more received than the window offered")
	require.LessOrEqual(t, v.SendBuffered, v.SendBuffer, "send buffer overflow")
}

// oooBytes is the out-of-order data c holds.
func (c *Conn) oooBytes() int {
	n := 0
	for _, s := range c.ooo {
		n += len(s.data)
	}
	return n
}

func randomBytes(seed uint64, n int) []byte {
	r := rand.New(rand.NewPCG(seed, 1))
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	return b
}

func TestTransferOneMiBEachWay(t *testing.T) {
	cases := []struct {
		loss, dup float64
		jitter    time.Duration
	}{
		{0, 0, 0},
		{0.01, 0.01, 5 * time.Millisecond},
		{0.05, 0.05, 20 * time.Millisecond},
		{0.20, 0.05, 20 * time.Millisecond},
	}
	for i, tc := range cases {
		for _, plain := range []bool{false, true} {
			t.Run(fmt.Sprintf("loss%.0f%%_dup%.0f%%_jitter%v_plain%v", tc.loss*100, tc.dup*100, tc.jitter, plain), func(t *testing.T) {
				n := newNetwork(t, uint64(i+1))
				if plain {
					n.cfg = [2]Config{plainConfig(), plainConfig()}
				}
				n.loss, n.dup, n.jitter = tc.loss, tc.dup, tc.jitter
				n.connect()
				streams := [2]stream{{data: randomBytes(1, 1<<20)}, {data: randomBytes(2, 1<<20)}}
				require.Equal(t, errno.OK, n.exchange(2*time.Hour, &streams))
				assert.Equal(t, streams[0].data, streams[0].read)
				assert.Equal(t, streams[1].data, streams[1].read)
				n.runUntil(10*time.Minute, func() bool { return n.a().State() == Closed && n.b().State() == Closed })
				t.Logf("done at %v, retransmits A %d B %d", n.now, n.a().Vars().Retransmits, n.b().Vars().Retransmits)
			})
		}
	}
}

func TestDeterministic(t *testing.T) {
	run := func() ([]string, []Event) {
		n := newNetwork(t, 7)
		n.loss, n.dup, n.jitter = 0.1, 0.05, 15*time.Millisecond
		n.connect()
		var events []Event
		streams := [2]stream{{data: randomBytes(1, 100000)}, {data: randomBytes(2, 50000)}}
		require.Equal(t, errno.OK, n.exchange(time.Hour, &streams))
		for _, c := range n.conns {
			events = append(events, c.Events()...)
		}
		return n.trace, events
	}
	trace1, ev1 := run()
	trace2, ev2 := run()
	assert.Equal(t, trace1, trace2)
	assert.Equal(t, ev1, ev2)
	assert.NotEmpty(t, ev1)
}

// FuzzTransfer runs a whole connection through a pipe whose loss,
// duplication, reordering, buffer sizes and options come from the input:
// both streams must arrive whole and in order.
func FuzzTransfer(f *testing.F) {
	f.Add(uint64(1), uint8(0), uint8(0), uint16(3000), uint16(5000), uint8(0))
	f.Add(uint64(2), uint8(40), uint8(10), uint16(20000), uint16(100), uint8(1))
	f.Add(uint64(3), uint8(60), uint8(30), uint16(9000), uint16(9000), uint8(6))
	f.Add(uint64(4), uint8(20), uint8(5), uint16(0), uint16(40000), uint8(9))
	f.Fuzz(func(t *testing.T, seed uint64, loss, dup uint8, sizeA, sizeB uint16, knobs uint8) {
		n := newNetwork(t, seed)
		n.loss = float64(loss%50) / 100
		n.dup = float64(dup%30) / 100
		n.jitter = time.Duration(knobs%4) * 10 * time.Millisecond
		for s := range n.cfg {
			cfg := &n.cfg[s]
			cfg.SACK = knobs&4 == 0
			cfg.Timestamps = knobs&8 == 0
			cfg.WindowScaling = knobs&16 == 0
			cfg.NoDelay = knobs&32 != 0
			cfg.DelayedACK = knobs&64 == 0
			if knobs&128 != 0 {
				cfg.RecvBuffer = 3000
				cfg.SendBuffer = 2000
			}
		}
		n.connect()
		streams := [2]stream{{data: randomBytes(seed, int(sizeA))}, {data: randomBytes(seed+1, int(sizeB))}}
		if err := n.exchange(6*time.Hour, &streams); err != errno.OK {
			// Heavy loss may exhaust the retries: a legitimate end, as
			// long as it is a timeout (prefixes were checked on the way).
			require.Equal(t, errno.ETIMEDOUT, err)
			require.NotZero(t, n.loss)
			return
		}
		require.True(t, bytes.Equal(streams[0].data, streams[0].read), "A's stream")
		require.True(t, bytes.Equal(streams[1].data, streams[1].read), "B's stream")
	})
}

func TestSequenceNumbersWrap(t *testing.T) {
	n := newNetwork(t, 9)
	n.iss = [2]uint32{0xfffffff0, 0xffff0000}
	n.loss, n.dup, n.jitter = 0.05, 0.05, 10*time.Millisecond
	n.connect()
	streams := [2]stream{{data: randomBytes(5, 300000)}, {data: randomBytes(6, 300000)}}
	require.Equal(t, errno.OK, n.exchange(time.Hour, &streams))
	assert.Equal(t, streams[0].data, streams[0].read)
	assert.Equal(t, streams[1].data, streams[1].read)
	assert.Less(t, n.a().Vars().SndNxt, uint32(1<<20), "A's sequence numbers wrapped")
}
