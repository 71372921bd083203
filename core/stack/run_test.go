package stack

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A receiver that does not read leaves the sender probing its zero window
// for ever; Run must call that quiet instead of firing probes until its
// bound, and go on once the application reads.
func TestRunIsQuietWhileTheReceiverDoesNotRead(t *testing.T) {
	p := listening(t, 3, 5)
	must(t, p.s.Setsockopt(p.lfd, SOL_SOCKET, SO_RCVBUF, IntOpt(2048)))
	require.True(t, p.c.Connect(p.cfd, ap("10.0.0.2:80")).Blocked)
	require.True(t, p.w.Run(1000).Quiet)
	afd := must(t, p.s.Accept(p.lfd))
	data := make([]byte, 20000)
	n := must(t, p.c.Send(p.cfd, data, MSG_DONTWAIT))
	require.Positive(t, n)
	r := p.w.Run(1000)
	require.True(t, r.Quiet, "after %d events", r.Events)
	assert.Less(t, r.Events, 100)
	before := p.w.Now()

	got := 0
	for got < n {
		res := p.s.Recv(afd, 100000, MSG_DONTWAIT)
		if res.Err == 0 {
			got += len(res.Data)
		}
		r = p.w.Run(1000)
		require.True(t, r.Quiet)
		if res.Err != 0 && len(p.w.InFlight()) == 0 && r.Events == 0 {
			break
		}
	}
	assert.Equal(t, n, got, "every byte arrives once the application reads")
	assert.Less(t, p.w.Now()-before, before+60e9, "no days of probing on the way")
}

// When the receiver shrinks its buffer under data already in flight, the
// sender's retransmissions become the zero-window probes; Run must not wait
// on those either.
func TestRunIsQuietWhenRetransmissionsProbeAShrunkWindow(t *testing.T) {
	p, afd := established(t, 4)
	must(t, p.s.Setsockopt(afd, SOL_SOCKET, SO_RCVBUF, IntOpt(2048)))
	n := must(t, p.c.Send(p.cfd, make([]byte, 16000), MSG_DONTWAIT))
	r := p.w.Run(1000)
	require.True(t, r.Quiet, "after %d events", r.Events)
	assert.Less(t, r.Events, 100)
	got := 0
	for i := 0; i < 50 && got < n; i++ {
		if res := p.s.Recv(afd, 100000, MSG_DONTWAIT); res.Err == 0 {
			got += len(res.Data)
		}
		require.NoError(t, p.w.Wait(2*time.Minute))
	}
	assert.Equal(t, n, got)
}
