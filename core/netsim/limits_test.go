package netsim

import (
	"math"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sockplay/sockplay/core/limits"
)

// Issue 16: `net> delay 1 2000000h` twice made a packet arrive at
// -1124095h, before it was sent. Times saturate at the end of virtual time.
func TestDelaysSaturateAtTheEndOfTime(t *testing.T) {
	n := New(1)
	p := n.Send("client", "server", []byte("x")).Packet
	for range 3 {
		q, err := n.Delay(p.ID, limits.Duration)
		require.NoError(t, err)
		assert.GreaterOrEqual(t, q.ArriveAt, q.SentAt, "never before it was sent")
		p = q
	}
	assert.Equal(t, limits.End, p.ArriveAt)
	q, err := n.Delay(p.ID, math.MaxInt64)
	require.NoError(t, err)
	assert.Equal(t, limits.End, q.ArriveAt)
}

// Issue 16: `net> latency 2562047h` made replies arrive at once (the sum
// wrapped negative). A slow link's queue saturates too.
func TestLongLatencyAndSlowLinksSaturate(t *testing.T) {
	n := New(1)
	require.NoError(t, n.AdvanceTo(time.Hour))
	l := quiet()
	l.Latency = math.MaxInt64
	require.NoError(t, n.SetLink("server", "client", l))
	p := n.Send("server", "client", []byte("reply")).Packet
	assert.Equal(t, limits.End, p.ArriveAt)

	slow := Link{Bandwidth: 1}
	require.NoError(t, n.SetLink("client", "server", slow))
	var last Packet
	for range 100 {
		last = n.Send("client", "server", make([]byte, 65535)).Packet
		assert.GreaterOrEqual(t, last.ArriveAt, last.SentAt)
	}
	assert.LessOrEqual(t, last.ArriveAt, limits.End)
}

// Issue 16: a setting for every link cost O(hosts³); UpdateAll costs the
// per-direction settings made so far, leaves loopback alone and changes
// nothing when the result is invalid.
func TestUpdateAllChangesEveryLinkButLoopback(t *testing.T) {
	n := New(1)
	require.NoError(t, n.SetLink("a", "a", Link{}))
	l := quiet()
	l.Latency = time.Second
	require.NoError(t, n.SetLink("a", "b", l))
	require.NoError(t, n.UpdateAll(func(l *Link) { l.Loss = 0.5 }))
	assert.Equal(t, 0.5, n.Link("a", "b").Loss)
	assert.Equal(t, time.Second, n.Link("a", "b").Latency, "other settings stay")
	assert.Equal(t, 0.5, n.Link("x", "y").Loss, "directions without a setting of their own")
	assert.Equal(t, 0.0, n.Link("a", "a").Loss, "loopback stays perfect")

	err := n.UpdateAll(func(l *Link) { l.Loss = 2 })
	assert.Error(t, err)
	assert.Equal(t, 0.5, n.Link("a", "b").Loss, "nothing changed")
	assert.Equal(t, 0.5, n.Link("x", "y").Loss)
}
