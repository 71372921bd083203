package session

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sockplay/sockplay/core/trace"
	"github.com/sockplay/sockplay/core/wire"
)

// sendsOf runs an example and returns its TCP Send events, decoded.
func sendsOf(t *testing.T, name string) (events []trace.Event, segs []*wire.TCP) {
	t.Helper()
	s := New(1)
	for _, o := range s.Load(example(t, name)) {
		require.Nil(t, o.Err, "%s: %v", o.Input, o.Err)
	}
	for _, e := range s.Trace(0) {
		if e.Kind != trace.Send {
			continue
		}
		p, err := wire.Decode(e.Bytes)
		if err == nil && p.TCP != nil {
			events, segs = append(events, e), append(segs, p.TCP)
		}
	}
	return events, segs
}

func TestEverySegmentCarriesTheSendersState(t *testing.T) {
	events, segs := sendsOf(t, "09-fast-retransmit")
	var sawRecovery bool
	for i, e := range events {
		require.NotNil(t, e.TCP, "packet %d", e.Packet)
		if e.Cause == "retransmit-fast" {
			assert.True(t, e.TCP.Recovery, "fast retransmit enters recovery")
			assert.Less(t, e.TCP.Ssthresh, uint32(1<<30), "ssthresh set on loss")
			sawRecovery = true
		}
		if e.Cause == "data" && e.Host == "client" && !sawRecovery {
			// Slow start's first flight: the initial window, each segment
			// adding its length to the flight.
			assert.Equal(t, uint32(10*1448), e.TCP.Cwnd)
			assert.Equal(t, segs[i].Seq+uint32(len(segs[i].Payload))-segs[0].Seq-1, e.TCP.Flight, "packet %d", e.Packet)
		}
	}
	assert.True(t, sawRecovery)
}

func TestRTTSamplesAreRecorded(t *testing.T) {
	s := New(1)
	for _, o := range s.Load(example(t, "02-data")) {
		require.Nil(t, o.Err)
	}
	n := 0
	for _, e := range s.Trace(0) {
		if e.Kind == trace.Note && e.TCP != nil {
			n++
			assert.GreaterOrEqual(t, int(e.TCP.Sample), 20*1000*1000, "10 ms each way, maybe a delayed ACK")
			assert.NotEmpty(t, e.Conn)
			assert.Positive(t, e.TCP.RTO)
		}
	}
	assert.Positive(t, n)
}

// The same loss with Reno and with CUBIC (TCP_CONGESTION): Reno halves
// cwnd 10 to ssthresh 5, CUBIC keeps 7 (β = 0.7, RFC 9438 4.6).
func TestCongestionControlIsSelectablePerSocket(t *testing.T) {
	for _, c := range []struct{ algo, want string }{{"reno", "ssthresh 5 segments"}, {"cubic", "ssthresh 7 segments"}} {
		script := strings.Replace(example(t, "09-fast-retransmit"), "client> connect(c, server:80)",
			"client> setsockopt(c, IPPROTO_TCP, TCP_CONGESTION, \""+c.algo+"\")\nclient> getsockopt(c, IPPROTO_TCP, TCP_CONGESTION)\nclient> connect(c, server:80)", 1)
		s := New(1)
		var got []string
		for _, o := range s.Load(script) {
			require.Nil(t, o.Err, "%s: %v", o.Input, o.Err)
			if strings.HasPrefix(o.Input, "client> getsockopt") {
				got = append(got, o.Lines...)
			}
		}
		assert.Equal(t, []string{"= 0 (\"" + c.algo + "\")"}, got)
		var notes []string
		for _, e := range s.Trace(0) {
			if e.Kind == trace.Note && strings.Contains(e.Text, "fast retransmit") {
				notes = append(notes, e.Text)
			}
		}
		require.Len(t, notes, 1, c.algo)
		assert.Contains(t, notes[0], c.want, c.algo)
	}
}
