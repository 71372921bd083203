package session

import (
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
