package analysis_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sockplay/sockplay/core/analysis"
	"github.com/sockplay/sockplay/core/examples"
	"github.com/sockplay/sockplay/core/session"
	"github.com/sockplay/sockplay/core/trace"
)

// reorderAndSpurious delays a data segment behind the next one, then
// drops the ACK of a later segment so that its retransmission by timeout
// resends bytes that had arrived.
const reorderAndSpurious = `server> s = socket(AF_INET, SOCK_STREAM)
server> bind(s, 0.0.0.0:80)
server> listen(s, 5)
client> c = socket(AF_INET, SOCK_STREAM)
client> setsockopt(c, IPPROTO_TCP, TCP_NODELAY, 1)
client> connect(c, server:80)
net> run
server> a = accept(s)
client> send(c, "first")
client> send(c, "second")
net> delay 4 50ms
net> dup 5
net> run
client> send(c, "third")
net> step
net> drop
net> wait 3s
`

func analyzeScript(t *testing.T, script string) (*analysis.Analysis, []trace.Event) {
	s := session.New(1)
	for _, o := range s.Load(script) {
		require.Nil(t, o.Err)
	}
	return analysis.Analyze(s.Trace(0)), s.Trace(0)
}

func tagNames(p *analysis.Packet) string {
	var names []string
	for _, g := range p.Tags.List() {
		names = append(names, g.Name())
	}
	return strings.Join(names, " ")
}

// TestTagsFollowTheEnginesRecord checks every tag of every example against
// the engine's own record: why each segment was sent (its cause) and what
// the network did with it (drop and dup events).
func TestTagsFollowTheEnginesRecord(t *testing.T) {
	scripts := map[string]string{"reorder-and-spurious": reorderAndSpurious}
	for _, ex := range examples.All() {
		scripts[ex.Name] = ex.Script
	}
	counts := map[analysis.Tag]int{}
	for name, script := range scripts {
		a, events := analyzeScript(t, script)
		dropped, copies := map[int]bool{}, map[int]bool{}
		for _, e := range events {
			switch e.Kind {
			case trace.Drop:
				dropped[e.Packet] = true
			case trace.Dup:
				copies[e.Packet] = true
			}
		}
		for i := range a.Packets {
			p := &a.Packets[i]
			at := name + " frame " + itoa(p.Frame) + " (" + p.Cause + ": " + tagNames(p) + ")"
			has := p.Tags.Has
			assert.Equal(t, strings.HasPrefix(p.Cause, "retransmit-"), has(analysis.TagRetransmission), at)
			if has(analysis.TagDupACK) || has(analysis.TagKeepAliveACK) || has(analysis.TagZeroWindowProbeACK) {
				assert.Equal(t, "dup-ack", p.Cause, at)
			} else if p.Cause == "dup-ack" {
				assert.True(t, ackAdvanced(a, p), "%s: an ACK for out-of-order data is a duplicate unless it advanced", at)
			}
			assert.Equal(t, p.Cause == "keepalive", has(analysis.TagKeepAlive), at)
			assert.Equal(t, p.Cause == "zero-window-probe", has(analysis.TagZeroWindowProbe), at)
			assert.Equal(t, p.Cause == "window-probe", has(analysis.TagWindowProbe), at)
			assert.Equal(t, p.Cause == "window-update", has(analysis.TagWindowUpdate), at)
			assert.Equal(t, dropped[p.ID], has(analysis.TagLost), at)
			assert.Equal(t, copies[p.ID], has(analysis.TagLinkCopy), at)
			if has(analysis.TagSpurious) {
				assert.True(t, has(analysis.TagRetransmission), at)
			}
			if has(analysis.TagWindowFull) {
				assert.True(t, p.State.Flight >= p.State.Rwnd && len(p.TCP.Payload) > 0, at)
			}
			if has(analysis.TagZeroWindow) {
				assert.Zero(t, p.TCP.Window, at)
			}
			for _, g := range p.Tags.List() {
				counts[g]++
			}
		}
	}
	for _, g := range analysis.AllTags() {
		assert.Positive(t, counts[g], "no example shows %s", g.Name())
	}
}

func TestFastRetransmitTags(t *testing.T) {
	a := analyze(t, "09-fast-retransmit")
	tags := func(frame int) string { return tagNames(&a.Packets[frame-1]) }
	assert.Equal(t, "lost", tags(4))
	assert.Equal(t, "previous-segment-not-captured", tags(5), "the server never saw bytes 1:1449")
	for n := 1; n <= 9; n++ {
		p := &a.Packets[13+n-1]
		assert.Equal(t, "dup-ack", tagNames(p))
		assert.Equal(t, n, p.DupAckNum)
		assert.Equal(t, 2, p.DupAckOf, "the SYN,ACK was the server's last ACK of 1")
	}
	assert.Equal(t, "", tags(23), "new data on the first duplicate ACK (limited transmit, RFC 3042)")
	assert.Equal(t, "retransmission", tags(24), "the original was lost: not spurious")
	assert.Equal(t, []string{"retransmission (fast)"}, a.Packets[23].Labels())
	assert.Equal(t, []string{"dup ACK 2#3"}, a.Packets[15].Labels())
	c := a.Conversations[0]
	assert.Equal(t, 1, c.Retransmissions)
	assert.Equal(t, 1, c.Lost)
}

func TestZeroWindowTags(t *testing.T) {
	a := analyze(t, "10-zero-window")
	tags := func(frame int) string { return tagNames(&a.Packets[frame-1]) }
	assert.Equal(t, "window-probe window-full", tags(6), "128 bytes into a 128-byte window")
	assert.Equal(t, "zero-window", tags(7))
	assert.Equal(t, "zero-window-probe", tags(8))
	assert.Equal(t, "zero-window zero-window-probe-ack", tags(9), "the probe's answer is no duplicate ACK")
	assert.Equal(t, "window-update", tags(14))
}

func TestKeepAliveTags(t *testing.T) {
	a := analyze(t, "11-keepalive")
	tags := func(frame int) string { return tagNames(&a.Packets[frame-1]) }
	assert.Equal(t, "keep-alive", tags(4))
	assert.Equal(t, "keep-alive-ack", tags(5))
	assert.Equal(t, "keep-alive lost", tags(6))
	assert.Equal(t, "lost", tags(9), "the reset")
	c := a.Conversations[0]
	assert.Equal(t, "CLOSED", c.StateA, "the client gave up after its probes went unanswered")
}

func TestReorderingAndSpuriousRetransmission(t *testing.T) {
	a, _ := analyzeScript(t, reorderAndSpurious)
	tags := func(frame int) string { return tagNames(&a.Packets[frame-1]) }
	assert.Equal(t, "out-of-order", tags(4), "delayed behind the next segment")
	assert.Equal(t, "previous-segment-not-captured", tags(5), "it reached the server first")
	assert.Equal(t, "link-copy", tags(6))
	assert.Equal(t, "dup-ack", tags(7))
	assert.Equal(t, 2, a.Packets[7].DupAckNum, "the copy's duplicate bytes drew a second")
	assert.Equal(t, "lost", tags(11), "the ACK of \"third\"")
	assert.Equal(t, "retransmission spurious-retransmission", tags(12), "\"third\" had arrived")
	assert.Equal(t, "Retransmission by timeout (RFC 6298)", a.Packets[11].Summary(analysis.TagRetransmission))
	assert.Equal(t, []string{"dup ACK 11#1"}, a.Packets[12].Labels(), "the spurious copy's bytes are old news")
}

func TestConversationsOfHTTP10(t *testing.T) {
	a := analyze(t, "13-http10")
	require.Len(t, a.Conversations, 2, "the page and its stylesheet, each on its own connection")
	for i, c := range a.Conversations {
		assert.Equal(t, "tcp", c.Proto)
		assert.Equal(t, i, c.Stream)
		assert.Equal(t, "client", c.HostA)
		assert.Equal(t, "10.0.0.2:80", c.B.String())
		assert.Equal(t, int64(30e6), int64(c.FirstData), "the GET leaves with the handshake's last ACK, 1.5 round trips after the SYN")
		assert.Equal(t, "CLOSED", c.StateA)
		assert.Equal(t, "TIME-WAIT", c.StateB, "the server closed first")
	}
	chunks := a.Follow(0)
	require.Len(t, chunks, 2)
	assert.True(t, strings.HasPrefix(string(chunks[0].Data), "GET /index.html HTTP/1.0\r\n"))
	assert.False(t, chunks[0].Reverse)
	assert.True(t, chunks[1].Reverse)
	assert.Equal(t, uint64(0), chunks[1].Offset)
	assert.Nil(t, a.Follow(99))
}

func TestUDPFlowIsAConversation(t *testing.T) {
	a := analyze(t, "12-udp-vs-tcp")
	var udp int
	for i, c := range a.Conversations {
		if c.Proto == "udp" {
			udp++
			assert.NotEmpty(t, a.Follow(i))
		}
	}
	assert.Positive(t, udp)
}

// ackAdvanced reports whether p acknowledges more than the previous ACK
// its sender sent on the connection.
func ackAdvanced(a *analysis.Analysis, p *analysis.Packet) bool {
	for i := p.Frame - 2; i >= 0; i-- {
		q := &a.Packets[i]
		if q.Conv == p.Conv && q.Reverse == p.Reverse && q.TCP != nil && q.Cause != "" {
			return q.TCP.Ack != p.TCP.Ack
		}
	}
	return true
}
