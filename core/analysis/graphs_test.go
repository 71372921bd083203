package analysis_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sockplay/sockplay/core/analysis"
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

// The teaching examples of issue 14 say what their graphs show; these
// tests hold them to it.

func TestSlowStartExampleReachesCongestionAvoidance(t *testing.T) {
	a := analyze(t, "23-slow-start")
	s, ok := a.Stream(0, true)
	require.True(t, ok)
	var order []string
	for _, st := range s.States {
		if p := st.Phase.String(); len(order) == 0 || order[len(order)-1] != p {
			order = append(order, p)
		}
	}
	assert.Equal(t, []string{"slow-start", "recovery", "congestion-avoidance"}, order)
	var before, after []uint32 // cwnd at each phase's last segment
	for _, st := range s.States {
		switch st.Phase.String() {
		case "slow-start":
			before = append(before, st.Cwnd)
		case "congestion-avoidance":
			after = append(after, st.Cwnd)
		}
	}
	assert.Greater(t, before[len(before)-1], 4*before[0], "slow start multiplies cwnd")
	assert.Less(t, after[len(after)-1], 2*after[0], "congestion avoidance grows it slowly")
}

func TestSACKBurstExampleResendsEveryHoleWithoutATimeout(t *testing.T) {
	a := analyze(t, "24-sack-burst")
	s, ok := a.Stream(0, true)
	require.True(t, ok)
	lost, resent := 0, 0
	for _, seg := range s.Segments {
		if seg.Lost {
			lost++
		}
		if seg.Tags.Has(analysis.TagRetransmission) {
			resent++
			assert.NotEqual(t, "retransmit-timeout", seg.Cause)
		}
	}
	assert.Equal(t, 5, lost)
	assert.GreaterOrEqual(t, resent, 5)
	blocks := 0
	for _, ack := range s.Acks {
		blocks = max(blocks, len(ack.SACK))
	}
	assert.Equal(t, 2, blocks, "two holes: ACKs carry two SACK blocks")
}

func TestSmallReceiveBufferExampleIsWindowLimited(t *testing.T) {
	a := analyze(t, "25-small-receive-buffer")
	require.Len(t, a.Conversations, 2)
	fast, slow := a.Conversations[0], a.Conversations[1]
	assert.Greater(t, slow.Duration(), 5*fast.Duration())
	s, _ := a.Stream(1, true)
	for _, st := range s.States[2:] {
		assert.LessOrEqual(t, st.Flight, st.Rwnd, "the peer's window bounds the flight")
		assert.Less(t, st.Rwnd, st.Cwnd)
	}
}
