package httpapp

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sockplay/sockplay/core/errno"
	"github.com/sockplay/sockplay/core/websocket"
)

// upgraded returns a client whose connection switched to WebSocket on path.
func (r *rig) upgraded(path string) *Client {
	r.t.Helper()
	cl := r.client()
	require.NoError(r.t, cl.Upgrade(path))
	r.w.Settle()
	r.until(time.Minute, func() bool { _, _, done := cl.UpgradeResult(); return done })
	resp, ok, _ := cl.UpgradeResult()
	require.True(r.t, ok, "%+v", resp)
	return cl
}

// next waits for the next WebSocket event.
func (r *rig) next(cl *Client) WSEvent {
	r.t.Helper()
	cl.Await(true)
	r.w.Settle()
	var ev WSEvent
	r.until(time.Minute, func() bool {
		var ok bool
		ev, ok = cl.WSNext()
		return ok
	})
	cl.Await(false)
	return ev
}

func TestWebSocketPushesTicks(t *testing.T) {
	r := newRig(t, 20, ServerOptions{})
	cl := r.upgraded("/push")
	assert.True(t, cl.IsWebSocket())
	start := r.w.Now()
	for i := 1; i <= 3; i++ {
		ev := r.next(cl)
		assert.Equal(t, websocket.OpText, ev.Opcode)
		assert.Equal(t, "tick "+string(rune('0'+i)), string(ev.Data))
	}
	assert.InDelta(t, float64(3*time.Second), float64(r.w.Now()-start), float64(100*time.Millisecond))
	l := labels(r.w, "server")
	assert.True(t, contains(l, "HTTP/1.1 101 Switching Protocols"), "%q", l)
	assert.True(t, contains(l, `WS text "tick 2"`), "%q", l)
	assert.True(t, contains(labels(r.w, "client"), "GET /push HTTP/1.1"))
}

func TestWebSocketClientFramesAreMaskedAndEchoed(t *testing.T) {
	r := newRig(t, 21, ServerOptions{Tick: time.Hour})
	cl := r.upgraded("/push")
	require.Equal(t, errno.OK, cl.WSSend(websocket.OpText, []byte("hi")))
	require.Equal(t, errno.OK, cl.WSSend(websocket.OpBinary, []byte{1, 2, 3}))
	ev := r.next(cl)
	assert.Equal(t, "hi", string(ev.Data))
	ev = r.next(cl)
	assert.Equal(t, websocket.OpBinary, ev.Opcode)
	assert.Equal(t, []byte{1, 2, 3}, ev.Data)

	// Both frames went in one segment; a decoder for client frames
	// refuses unmasked ones (RFC 6455 5.1), one for server frames the reverse.
	var fromClient, fromServer []byte
	for _, s := range payloadSends(r.w, "client") {
		if strings.HasPrefix(s.ev.Label, "WS ") {
			fromClient = append(fromClient, s.tcp.Payload...)
			assert.Equal(t, `WS text "hi" + WS binary 3 bytes`, s.ev.Label)
		}
	}
	for _, s := range payloadSends(r.w, "server") {
		if strings.HasPrefix(s.ev.Label, "WS ") {
			fromServer = append(fromServer, s.tcp.Payload...)
		}
	}
	frames, _, err := websocket.NewDecoder(websocket.Client, 0).Feed(fromClient)
	require.NoError(t, err)
	require.Len(t, frames, 2)
	assert.True(t, frames[0].Masked && frames[1].Masked)
	assert.NotEqual(t, frames[0].MaskKey, frames[1].MaskKey, "a fresh key per frame")
	frames, _, err = websocket.NewDecoder(websocket.Server, 0).Feed(fromServer)
	require.NoError(t, err)
	assert.Len(t, frames, 2)
}

func TestWebSocketMaskKeysFollowTheSeed(t *testing.T) {
	wire := func(seed uint64) []byte {
		r := newRig(t, seed, ServerOptions{Tick: time.Hour})
		cl := r.upgraded("/push")
		require.Equal(t, errno.OK, cl.WSSend(websocket.OpText, []byte("hello")))
		r.w.Settle()
		r.w.Run(100000)
		var last []byte
		for _, s := range payloadSends(r.w, "client") {
			if len(s.tcp.Payload) > 0 {
				last = s.tcp.Payload
			}
		}
		return last
	}
	assert.Equal(t, wire(22), wire(22))
	assert.NotEqual(t, wire(22), wire(23))
}

func TestWebSocketPingAndClose(t *testing.T) {
	r := newRig(t, 24, ServerOptions{Tick: time.Hour})
	cl := r.upgraded("/push")
	require.Equal(t, errno.OK, cl.WSPing([]byte("are you there")))
	cl.Await(true)
	r.w.Settle()
	r.until(time.Minute, func() bool { return cl.WSPongs() == 1 })
	assert.True(t, contains(labels(r.w, "server"), `WS pong "are you there"`))

	require.Equal(t, errno.OK, cl.WSClose(websocket.CloseNormal))
	ev := r.next(cl)
	assert.Equal(t, websocket.OpClose, ev.Opcode)
	assert.Equal(t, websocket.CloseNormal, ev.Code)
	assert.Equal(t, errno.EPIPE, cl.WSSend(websocket.OpText, []byte("late")), "nothing after a close")
	r.w.Run(100000)
	_, fin := hasFIN(r.w, "server")
	assert.True(t, fin, "the server closes the TCP connection first (RFC 6455 7.1.1)")
	assert.Equal(t, "CLOSE-WAIT", state(r.c, cl.FD()))
	ev, ok := cl.WSNext()
	assert.True(t, ok)
	assert.Equal(t, websocket.OpClose, ev.Opcode, "the end sticks")
}

func TestWebSocketUpgradeRefusals(t *testing.T) {
	r := newRig(t, 25, ServerOptions{})
	cl := r.client()
	resp := r.get(cl, "/push", 1, "")
	assert.Equal(t, 426, resp.Status, "a plain GET on /push")
	assert.Equal(t, "websocket", resp.Header.Get("Upgrade"))

	require.NoError(t, cl.Upgrade("/index.html"))
	r.w.Settle()
	r.until(time.Minute, func() bool { _, _, done := cl.UpgradeResult(); return done })
	resp, ok, _ := cl.UpgradeResult()
	assert.False(t, ok)
	assert.Equal(t, 200, resp.Status, "no WebSocket there: an ordinary answer")

	r10 := newRig(t, 26, ServerOptions{HTTP10: true})
	cl10 := r10.client()
	require.NoError(t, cl10.Upgrade("/push"))
	r10.w.Settle()
	r10.until(time.Minute, func() bool { _, _, done := cl10.UpgradeResult(); return done })
	resp, ok, _ = cl10.UpgradeResult()
	assert.False(t, ok)
	assert.Equal(t, 501, resp.Status)
}

func TestLongPollAnswersAtTheNextTick(t *testing.T) {
	r := newRig(t, 27, ServerOptions{})
	cl := r.client()
	start := r.srv.start
	resp := r.get(cl, "/poll", 1, "")
	assert.Equal(t, "tick 1\n", string(resp.Body))
	sends := payloadSends(r.w, "server")
	assert.Equal(t, start+time.Second, sends[len(sends)-1].ev.Time, "held until tick 1")
	resp = r.get(cl, "/poll", 1, "")
	assert.Equal(t, "tick 2\n", string(resp.Body))

	require.NoError(t, r.w.Wait(3*time.Second))
	resp = r.get(cl, "/poll?since=2", 1, "")
	assert.Equal(t, "tick 3\ntick 4\ntick 5\n", string(resp.Body), "ticks missed while away come at once")
	resp = r.get(cl, "/poll?every=x", 1, "")
	assert.Equal(t, 400, resp.Status)
}

func TestSlowAnswerWaits(t *testing.T) {
	r := newRig(t, 28, ServerOptions{})
	cl := r.client()
	resp := r.get(cl, "/slow?delay=500ms", 1, "")
	assert.Equal(t, 200, resp.Status)
	var reqAt, respAt time.Duration
	for _, s := range payloadSends(r.w, "client") {
		if len(s.tcp.Payload) > 0 {
			reqAt = s.ev.Time
		}
	}
	for _, s := range payloadSends(r.w, "server") {
		if len(s.tcp.Payload) > 0 {
			respAt = s.ev.Time
		}
	}
	assert.GreaterOrEqual(t, respAt-reqAt, 500*time.Millisecond)
	assert.Less(t, respAt-reqAt, 600*time.Millisecond)
}

// Issue 16: ?every=18446744074 and ?delay=18446744074 (seconds) wrapped
// to 0.29 s instead of being refused like any other value over an hour.
func TestPeriodsInSecondsThatOverflowAreRefused(t *testing.T) {
	r := newRig(t, 29, ServerOptions{})
	cl := r.client()
	for _, target := range []string{"/slow?delay=18446744074", "/poll?every=18446744074", "/slow?delay=9223372037",
		"/poll?every=-18446744074", "/slow?delay=3601"} {
		resp := r.get(cl, target, 1, "")
		assert.Equal(t, 400, resp.Status, target)
		assert.Contains(t, string(resp.Body), "between 100ms and 1h", target)
	}
	assert.Equal(t, 200, r.get(cl, "/slow?delay=1", 1, "").Status)
}

// A tick number past the end of virtual time cannot be waited for, and
// one answer carries at most 1000 ticks however long the client was away.
func TestLongPollTicksAreBounded(t *testing.T) {
	r := newRig(t, 30, ServerOptions{})
	cl := r.client()
	resp := r.get(cl, "/poll?since=9223372036854775807", 1, "")
	assert.Equal(t, 400, resp.Status)
	resp = r.get(cl, "/poll?since=36000000000&every=100ms", 1, "")
	assert.Equal(t, 400, resp.Status, "tick 36000000000 of 100ms would be at the end of time")

	require.NoError(t, r.w.Wait(300*time.Second))
	resp = r.get(r.client(), "/poll?since=0&every=100ms", 1, "") // the first connection idled out
	require.Equal(t, 200, resp.Status)
	lines := strings.Split(strings.TrimSuffix(string(resp.Body), "\n"), "\n")
	assert.Len(t, lines, 1000)
	assert.Equal(t, "tick 1", lines[0])
	assert.Equal(t, "tick 1000", lines[999])
}
