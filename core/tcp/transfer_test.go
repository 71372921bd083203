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
// that the receiver only ever sees a prefix of the sender's stream.
func (n *network) exchange(limit time.Duration, streams *[2]stream) {
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
				require.Equal(n.t, errno.OK, err, "recv on %v in %v", s, c.State())
				if k == 0 {
					in.eof = true
					break
				}
				in.read = append(in.read, buf[:k]...)
				require.True(n.t, bytes.HasPrefix(in.data, in.read), "delivered bytes are not the peer's stream prefix")
			}
			checkInvariants(n.t, c)
		}
		n.pump()
		if streams[0].eof && streams[1].eof {
			return
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
	require.LessOrEqual(t, v.RecvBuffered+c.oooBytes(), v.RecvBuffer, "receive buffer overflow")
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
				n.exchange(2*time.Hour, &streams)
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
		n.exchange(time.Hour, &streams)
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
