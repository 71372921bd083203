package analysis_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestStreamOfABulkTransferUnderLoss(t *testing.T) {
	a := analyze(t, "17-bulk-under-loss")
	c := a.Conversations[0]
	s, ok := a.Stream(0, true) // the server's data to the client
	require.True(t, ok)
	assert.Equal(t, c.Frames[1], len(s.Segments))
	assert.Equal(t, c.Frames[0]-1, len(s.Acks), "every client segment but its SYN carries an ACK")
	phases := map[string]int{}
	for _, st := range s.States {
		phases[st.Phase.String()]++
	}
	t.Logf("phases %v, %d RTT samples", phases, len(s.RTT))
	for _, p := range []string{"slow-start", "recovery", "congestion-avoidance"} {
		assert.Positive(t, phases[p], p)
	}
	require.NotEmpty(t, s.RTT)
	for _, r := range s.RTT {
		ack, ok := a.Packet(r.Packet)
		require.True(t, ok, "the sample names the ACK that gave it")
		assert.True(t, ack.Reverse != s.Reverse && ack.Delivered && ack.Arrived == r.Time, "packet %d is the client's ACK arriving as the sample was taken", r.Packet)
		assert.GreaterOrEqual(t, r.Sample, 20*time.Millisecond, "two 10 ms links")
		assert.GreaterOrEqual(t, r.RTO, 200*time.Millisecond, "Linux's floor")
	}
	last := s.Acks[len(s.Acks)-1]
	assert.Greater(t, last.Window-last.Ack, uint64(65535), "the window is scaled")
	var sacked int
	for _, ack := range s.Acks {
		sacked += len(ack.SACK)
		for _, b := range ack.SACK {
			assert.Greater(t, b[0], ack.Ack, "a SACK block lies above the ACK")
		}
	}
	assert.Positive(t, sacked)

	var sent, good uint64
	bin := 10 * time.Millisecond
	for _, p := range a.Throughput(s, bin) {
		sent += p.Bits * uint64(bin) / uint64(time.Second) / 8
		good += p.Good * uint64(bin) / uint64(time.Second) / 8
	}
	assert.Equal(t, uint64(c.Payload[1])+1, sent, "every byte sent, resent ones too, and the SYN's sequence number (the server does not close)")
	assert.Less(t, good, sent, "retransmissions are not goodput")
	assert.GreaterOrEqual(t, good, uint64(1<<20), "the whole file arrived")

	_, ok = a.Stream(5, false)
	assert.False(t, ok)
}
