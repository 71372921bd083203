package session

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sockplay/sockplay/core/examples"
	"github.com/sockplay/sockplay/core/trace"
	"github.com/sockplay/sockplay/core/wire"
)

// causesOf runs a script and lists the causes of the TCP segments sent,
// as "host flags cause".
func causesOf(t *testing.T, script string) []string {
	t.Helper()
	s := New(1)
	for _, line := range strings.Split(script, "\n") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		o := s.Exec(line)
		require.Nil(t, o.Err, "%s: %v", line, o.Err)
	}
	var out []string
	for _, e := range s.Trace(0) {
		if e.Kind != trace.Send {
			continue
		}
		p, err := wire.Decode(e.Bytes)
		if err != nil || p.TCP == nil {
			assert.Empty(t, e.Cause, "only TCP segments have a cause: %s", e.Text)
			continue
		}
		out = append(out, e.Host+" "+p.TCP.Flags.String()+" "+e.Cause)
	}
	return out
}

func example(t *testing.T, name string) string {
	for _, ex := range examples.All() {
		if ex.Name == name {
			return ex.Script
		}
	}
	t.Fatalf("no example %s", name)
	return ""
}

func TestCausesOfTheHandshake(t *testing.T) {
	assert.Equal(t, []string{"client S syn", "server S. syn-ack", "client . ack"}, causesOf(t, example(t, "01-handshake")))
}

func TestCausesOfALostSYN(t *testing.T) {
	got := causesOf(t, example(t, "08-lost-syn"))
	require.GreaterOrEqual(t, len(got), 2)
	assert.Equal(t, "client S syn", got[0])
	assert.Equal(t, "client S retransmit-timeout", got[1])
}

func TestCausesOfFastRetransmit(t *testing.T) {
	got := strings.Join(causesOf(t, example(t, "09-fast-retransmit")), "\n")
	assert.Contains(t, got, "server . dup-ack")
	assert.Contains(t, got, "client . retransmit-fast")
	assert.NotContains(t, got, "retransmit-timeout", "recovered without the timer")
}

func TestCausesOfAZeroWindow(t *testing.T) {
	got := strings.Join(causesOf(t, example(t, "10-zero-window")), "\n")
	assert.Contains(t, got, "zero-window-probe")
	assert.Contains(t, got, "server . window-update")
}

func TestCausesOfKeepalive(t *testing.T) {
	assert.Contains(t, causesOf(t, example(t, "11-keepalive")), "client . keepalive")
}

func TestCausesOfARefusedConnection(t *testing.T) {
	assert.Contains(t, causesOf(t, example(t, "07-refused")), "server R. reset")
}

func TestCausesOfTheClose(t *testing.T) {
	got := causesOf(t, example(t, "03-active-close"))
	assert.Contains(t, got, "client F. fin")
	assert.Contains(t, got, "server F. fin")
}

// TestRetransmissionCausesAgreeWithSequenceSpace checks the engine's
// account against what a capture shows: a segment resending sequence
// space already sent in its direction (Wireshark's first test) has a
// retransmission cause or is a zero-window probe resending data, and every
// retransmission cause resends such space.
func TestRetransmissionCausesAgreeWithSequenceSpace(t *testing.T) {
	for _, ex := range examples.All() {
		t.Run(ex.Name, func(t *testing.T) {
			s := New(1)
			s.Load(ex.Script)
			sent := map[string]uint32{} // direction → end of the highest sequence space sent
			for _, e := range s.Trace(0) {
				if e.Kind != trace.Send {
					continue
				}
				p, err := wire.Decode(e.Bytes)
				if err != nil || p.TCP == nil {
					continue
				}
				seg := p.TCP
				span := uint32(len(seg.Payload))
				if seg.Flags&wire.SYN != 0 {
					span++
				}
				if seg.Flags&wire.FIN != 0 {
					span++
				}
				if span == 0 || seg.Flags&wire.RST != 0 {
					assert.False(t, strings.HasPrefix(e.Cause, "retransmit"), "packet %d (%s) occupies no sequence space", e.Packet, e.Cause)
					continue
				}
				dir := p.IP.Src.String() + ":" + itoa(int(seg.SrcPort)) + ">" + p.IP.Dst.String() + ":" + itoa(int(seg.DstPort))
				if seg.Flags&wire.SYN != 0 && seg.Flags&wire.ACK == 0 {
					if _, seen := sent[dir]; !seen || e.Cause == "syn" {
						delete(sent, dir) // a new connection on a reused 4-tuple
					}
				}
				end := seg.Seq + span
				high, seen := sent[dir]
				resent := seen && int32(end-high) <= 0
				isRtx := strings.HasPrefix(e.Cause, "retransmit") || e.Cause == "zero-window-probe"
				assert.Equal(t, resent, isRtx, "packet %d: cause %q, seq %d..%d, highest sent %d", e.Packet, e.Cause, seg.Seq, end, high)
				if !seen || int32(end-high) > 0 {
					sent[dir] = end
				}
			}
		})
	}
}
