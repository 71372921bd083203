package main

import (
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fastRetransmit loads the fast-retransmit example into a bridge.
func fastRetransmit(t *testing.T) *Bridge {
	script, err := os.ReadFile("../core/examples/scripts/09-fast-retransmit.sock")
	require.NoError(t, err)
	b := realBridge()
	value[[]map[string]any](t, b.Call("load", goArgs{string(script)}))
	return b
}

func TestBridgeExpert(t *testing.T) {
	type expert struct {
		Tags []struct {
			Name, Field, Severity string
		}
		Packets []struct {
			Packet, Frame, Tags int
			Labels              []string
		}
		Findings []struct {
			Packet, Frame          int
			Tag, Severity, Summary string
		}
	}
	e := value[expert](t, fastRetransmit(t).Call("expert", goArgs{}))
	require.NotEmpty(t, e.Tags)
	assert.Equal(t, "retransmission", e.Tags[0].Name)
	assert.Equal(t, "tcp.analysis.retransmission", e.Tags[0].Field)
	require.Len(t, e.Packets, 13, "lost, not captured, nine dup ACKs, the fast retransmission, a tenth dup ACK (SACKing the limited transmit)")
	last := e.Packets[len(e.Packets)-2]
	assert.Equal(t, 24, last.Frame)
	assert.Equal(t, 1, last.Tags, "bit 0: retransmission")
	assert.Equal(t, []string{"retransmission (fast)"}, last.Labels)
	assert.Equal(t, "Fast retransmission (RFC 5681 3.2)", e.Findings[len(e.Findings)-2].Summary)
	assert.Equal(t, "connection", e.Findings[0].Tag, "the SYN")
}

func TestBridgeCaptureTags(t *testing.T) {
	type capture struct {
		Packets []int
		Labels  [][]string
	}
	b := fastRetransmit(t)
	c := value[capture](t, b.Call("captureTags", goArgs{"server"}))
	require.Len(t, c.Labels, len(c.Packets))
	assert.Equal(t, 25, len(c.Packets), "the wire's 26 packets but the one lost on the way")
	assert.NotContains(t, c.Packets, 4, "lost before the server")
	assert.Equal(t, 5, c.Packets[3])
	assert.Equal(t, []string{"previous-segment-not-captured"}, c.Labels[3])
	c = value[capture](t, b.Call("captureTags", goArgs{"client"}))
	assert.Equal(t, []string{"lost"}, c.Labels[3])
	assert.Equal(t, 26, len(c.Packets), "all it sent and all that reached it")
	c = value[capture](t, b.Call("captureTags", goArgs{"nobody"}))
	assert.Empty(t, c.Packets)
}

func TestBridgeConversationsFilterFollowStream(t *testing.T) {
	b := fastRetransmit(t)
	type conv struct {
		Proto, A, B, StateA string
		Frames              []int
		Retransmissions     int
		FirstData           int64
	}
	cs := value[[]conv](t, b.Call("conversations", goArgs{}))
	require.Len(t, cs, 1)
	assert.Equal(t, conv{Proto: "tcp", A: "10.0.0.1:34884", B: "10.0.0.2:80", StateA: "ESTABLISHED",
		Frames: []int{14, 12}, Retransmissions: 1, FirstData: 30e6}, cs[0])

	type filtered struct {
		Packets []int
		Error   *struct {
			Message string
			Col     int
		}
	}
	f := value[filtered](t, b.Call("displayFilter", goArgs{"tcp.analysis.retransmission or sockplay.lost"}))
	assert.Equal(t, []int{4, 24}, f.Packets)
	f = value[filtered](t, b.Call("displayFilter", goArgs{"tcp.port = 80"}))
	require.NotNil(t, f.Error)
	assert.Equal(t, 10, f.Error.Col)

	type chunk struct {
		Packet  int
		Reverse bool
		Offset  int
		Data    []byte
	}
	chunks := value[[]chunk](t, b.Call("follow", goArgs{float64(0)}))
	require.Len(t, chunks, 11)
	assert.Equal(t, 1448, chunks[1].Offset)
	assert.Len(t, chunks[10].Data, 120)
	callError(t, b.Call("follow", goArgs{float64(3)}))

	type stream struct {
		Segments map[string][]int64
		Acks     map[string][]int64
		States   map[string][]int64
		Phases   []string
		RTT      map[string][]int64
		ISN      int64
	}
	s := value[stream](t, b.Call("stream", goArgs{float64(0), false}))
	assert.Len(t, s.Segments["packet"], 14)
	assert.Len(t, s.Segments["time"], 14)
	assert.Equal(t, []int64{0, 1, 1, 1449}, s.Segments["seq"][:4], "relative to the ISN")
	assert.Len(t, s.Acks["ack"], 12)
	assert.Len(t, s.Acks["sack"], 10*3, "ten ACKs carry one SACK block each: index, left, right")
	assert.Equal(t, []string{"slow-start", "congestion-avoidance", "recovery", "loss"}, s.Phases)
	assert.Contains(t, s.States["phase"], int64(2), "recovery after the third duplicate ACK")
	assert.NotEmpty(t, s.RTT["sample"])
	assert.Len(t, s.RTT["packet"], len(s.RTT["sample"]), "each sample names its ACK")
	assert.Positive(t, s.ISN, "the ISN, for absolute sequence numbers")
	callError(t, b.Call("stream", goArgs{float64(1), false}))
}

// TestBridgeAnalysisFollowsTheSession checks that the analysis kept
// between reads is dropped by anything that changes the session: a line,
// undo, a new session.
func TestBridgeAnalysisFollowsTheSession(t *testing.T) {
	type conv struct{ Frames []int }
	b := fastRetransmit(t)
	frames := func() int {
		cs := value[[]conv](t, b.Call("conversations", goArgs{}))
		if len(cs) == 0 {
			return 0
		}
		return cs[0].Frames[0] + cs[0].Frames[1]
	}
	before := frames()
	value[map[string]any](t, b.Call("expert", goArgs{}))
	assert.Equal(t, before, frames(), "reads keep it")
	value[map[string]any](t, b.Call("exec", goArgs{`client> send(c, "more")`}))
	value[map[string]any](t, b.Call("exec", goArgs{"net> run"}))
	after := frames()
	assert.Greater(t, after, before, "a line that sent packets")
	value[map[string]any](t, b.Call("undo", goArgs{}))
	assert.Equal(t, before+1, frames(), "undo takes back net> run's packets; the segment the send put on the wire stays")
	value[any](t, b.Call("newSession", goArgs{"7"}))
	assert.Zero(t, frames(), "a new session has no conversation")
}
