package stack

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sockplay/sockplay/core/errno"
	"github.com/sockplay/sockplay/core/trace"
)

func TestBlockingAcceptCompletesLater(t *testing.T) {
	p := listening(t, 1, 5)
	p.w.SetLine(4)
	p.w.SetCall(7)
	r := p.s.Accept(p.lfd)
	require.True(t, r.Blocked)
	assert.Equal(t, "accept(3): no connection yet", r.On)
	pend := p.s.Pending()
	require.NotNil(t, pend)
	assert.Equal(t, Pending{Call: 7, Line: 4, Op: "accept", FD: 3, On: "accept(3): no connection yet"}, *pend)

	// The blocked host refuses other calls; the other host does not.
	r = p.s.Socket(AF_INET, SOCK_STREAM, 0)
	assert.Contains(t, r.Refused, "server is blocked in accept(3)")
	assert.Len(t, p.s.Sockets(), 1, "the refused call changed nothing")

	p.w.SetLine(6)
	p.w.SetCall(8)
	require.True(t, p.c.Connect(p.cfd, ap("10.0.0.2:80")).Blocked)
	p.w.SetLine(7)
	require.True(t, p.w.Step()) // SYN arrives: handshake in progress
	assert.Equal(t, "accept(3): handshake in progress", p.s.Pending().On)
	p.w.Run(100)
	assert.Nil(t, p.s.Pending())
	assert.Nil(t, p.c.Pending())

	done := p.w.Completions()
	require.Len(t, done, 2)
	// The server's accept finished when the ACK arrived, after the
	// client's connect (which finished on the SYN-ACK).
	assert.Equal(t, Completion{Host: "client", Call: 8, Line: 6, Op: "connect", FD: 3, Result: Result{}}, done[0])
	assert.Equal(t, "server", done[1].Host)
	assert.Equal(t, 7, done[1].Call)
	assert.Equal(t, 4, done[1].Result.Ret)
	assert.Equal(t, "10.0.0.1", done[1].Result.Addr.Addr().String())
	assert.Empty(t, p.w.Completions(), "drained")

	var blocked, results []trace.Event
	for _, e := range p.w.Log().Events() {
		switch e.Kind {
		case trace.Blocked:
			blocked = append(blocked, e)
		case trace.Result:
			results = append(results, e)
		}
	}
	require.Len(t, blocked, 2)
	assert.Equal(t, 7, blocked[0].Call)
	assert.Equal(t, 4, blocked[0].Line)
	require.Len(t, results, 2)
	assert.Equal(t, 7, results[1].Call)
	assert.Equal(t, 7, results[1].Line, "stamped with the line that let it finish")
	assert.Equal(t, "accept returned 4", results[1].Text)
}

func TestBlockingRecvAndMSGWaitAll(t *testing.T) {
	p, afd := established(t, 1)
	r := p.s.Recv(afd, 10, MSG_WAITALL)
	require.True(t, r.Blocked)
	assert.Equal(t, "recv(4): no data yet", r.On)
	must(t, p.c.Send(p.cfd, []byte("hello"), 0))
	p.w.Run(100)
	assert.Equal(t, "recv(4): MSG_WAITALL: 5 of 10 bytes so far", p.s.Pending().On)
	must(t, p.c.Send(p.cfd, []byte("world!"), 0))
	p.w.Run(100)
	done := p.w.Completions()
	require.Len(t, done, 1)
	assert.Equal(t, "helloworld", string(done[0].Result.Data))
	assert.Equal(t, "!", string(p.s.Recv(afd, 10, 0).Data))

	// A blocked recv ends with EOF when the peer closes.
	require.True(t, p.s.Recv(afd, 10, 0).Blocked)
	must(t, p.c.Close(p.cfd))
	p.w.Run(100)
	done = p.w.Completions()
	require.Len(t, done, 1)
	assert.Equal(t, Result{}, done[0].Result)
}

func TestBlockingRecvEndsWithReset(t *testing.T) {
	p, afd := established(t, 1)
	require.True(t, p.c.Recv(p.cfd, 10, 0).Blocked)
	must(t, p.s.Setsockopt(afd, SOL_SOCKET, SO_LINGER, OptVal{Linger: &Linger{OnOff: 1}}))
	must(t, p.s.Close(afd))
	p.w.Run(100)
	done := p.w.Completions()
	require.Len(t, done, 1)
	assert.Equal(t, errno.ECONNRESET, done[0].Result.Err)
}

func TestBlockingSendWaitsForRoom(t *testing.T) {
	p, afd := established(t, 1)
	big := make([]byte, 40000) // more than the 16384-byte send buffer
	r := p.c.Send(p.cfd, big, 0)
	require.True(t, r.Blocked)
	assert.Contains(t, r.On, "send buffer full (16384 of 40000 bytes queued)")
	// The peer's window (and buffer) fills without reads; reading drains it.
	got := 0
	for i := 0; i < 100 && got < len(big); i++ {
		p.w.Run(1000)
		r := p.s.Recv(afd, 100000, MSG_DONTWAIT)
		if r.Err == errno.OK {
			got += r.Ret
		}
	}
	assert.Equal(t, len(big), got)
	done := p.w.Completions()
	require.Len(t, done, 1)
	assert.Equal(t, 40000, done[0].Result.Ret)
}

func TestBlockingConnectTimesOut(t *testing.T) {
	w := New(1)
	c := w.Host("client")
	fd := must(t, c.Socket(AF_INET, SOCK_STREAM, 0))
	r := c.Connect(fd, ap("10.0.0.99:80")) // nobody has this address
	require.True(t, r.Blocked)
	res := w.Run(1000)
	assert.True(t, res.Quiet)
	done := w.Completions()
	require.Len(t, done, 1)
	assert.Equal(t, errno.ETIMEDOUT, done[0].Result.Err)
	// SYN at 0 and resent at 1, 3, 7, 15, 31, 63 s; gives up at 127 s.
	assert.Equal(t, 127*time.Second, w.Now().Truncate(time.Second))
	syns := 0
	for _, e := range w.Log().Events() {
		if e.Kind == trace.Drop && e.Text == "no host has address 10.0.0.99" {
			syns++
		}
	}
	assert.Equal(t, 7, syns)
}

func TestNonBlockingConnectThenPoll(t *testing.T) {
	p := listening(t, 1, 5)
	must(t, p.c.Fcntl(p.cfd, F_SETFL, O_NONBLOCK))
	fails(t, errno.EINPROGRESS, p.c.Connect(p.cfd, ap("10.0.0.2:80")))
	fails(t, errno.EAGAIN, p.c.Send(p.cfd, []byte("x"), 0), "still connecting")
	must(t, p.s.Fcntl(p.lfd, F_SETFL, O_NONBLOCK))
	fails(t, errno.EAGAIN, p.s.Accept(p.lfd))
	fails(t, errno.EAGAIN, p.c.Recv(p.cfd, 1, 0))
	r := p.c.Poll([]PollFD{{FD: p.cfd, Events: POLLOUT}}, 0)
	assert.Equal(t, 0, must(t, r))

	// A blocking poll waits for the handshake.
	r = p.c.Poll([]PollFD{{FD: p.cfd, Events: POLLOUT}, {FD: -1, Events: POLLIN}, {FD: 77, Events: POLLIN}}, -1)
	require.False(t, r.Blocked, "fd 77 is invalid: POLLNVAL at once")
	assert.Equal(t, 1, r.Ret)
	assert.Equal(t, int16(POLLNVAL), r.Poll[2].Revents)
	assert.Equal(t, int16(0), r.Poll[1].Revents)

	r = p.c.Poll([]PollFD{{FD: p.cfd, Events: POLLOUT}}, -1)
	require.True(t, r.Blocked)
	assert.Equal(t, "poll(-1): no descriptor ready", r.On)
	p.w.Run(100)
	done := p.w.Completions()
	require.Len(t, done, 1)
	assert.Equal(t, 1, done[0].Result.Ret)
	assert.Equal(t, int16(POLLOUT), done[0].Result.Poll[0].Revents)
	must(t, p.c.Connect(p.cfd, ap("10.0.0.2:80")), "connect after completion reports success")
	fails(t, errno.EISCONN, p.c.Connect(p.cfd, ap("10.0.0.2:80")))
}

func TestPollTimeout(t *testing.T) {
	p, afd := established(t, 1)
	start := p.w.Now()
	r := p.s.Poll([]PollFD{{FD: afd, Events: POLLIN}}, 1500)
	require.True(t, r.Blocked)
	assert.True(t, p.w.Run(100).Quiet, "run does not wait for a poll timeout")
	assert.NotNil(t, p.s.Pending())
	timers := p.w.Timers()
	require.NotEmpty(t, timers)
	assert.Equal(t, Timer{Host: "server", FD: -1, Kind: "poll", At: start + 1500*time.Millisecond}, timers[0])
	require.True(t, p.w.NextTimer())
	assert.Equal(t, start+1500*time.Millisecond, p.w.Now())
	done := p.w.Completions()
	require.Len(t, done, 1)
	assert.Equal(t, 0, done[0].Result.Ret)
	assert.Nil(t, p.s.Pending())

	// Poll on a listener reports a connection to accept.
	nb := nbConnect(t, p)
	r = p.s.Poll([]PollFD{{FD: p.lfd, Events: POLLIN}}, 5000)
	require.True(t, r.Blocked)
	p.w.Run(100)
	done = p.w.Completions()
	require.Len(t, done, 1)
	assert.Equal(t, int16(POLLIN), done[0].Result.Poll[0].Revents)
	_ = nb
}

func TestPollStdioAndFreshSocket(t *testing.T) {
	h := New(1).Host("client")
	fd := must(t, h.Socket(AF_INET, SOCK_STREAM, 0))
	r := h.Poll([]PollFD{{FD: 0, Events: POLLIN}, {FD: 1, Events: POLLOUT}, {FD: fd, Events: POLLIN | POLLOUT}}, 0)
	assert.Equal(t, 2, must(t, r))
	assert.Equal(t, []int16{0, POLLOUT, POLLOUT | POLLHUP}, []int16{r.Poll[0].Revents, r.Poll[1].Revents, r.Poll[2].Revents})
	fails(t, errno.EINVAL, h.Poll(make([]PollFD, maxFDs+1), 0))
}

func TestLingerCloseWaitsForAck(t *testing.T) {
	p, afd := established(t, 1)
	must(t, p.c.Setsockopt(p.cfd, SOL_SOCKET, SO_LINGER, OptVal{Linger: &Linger{OnOff: 1, Linger: 5}}))
	r := p.c.Close(p.cfd)
	require.True(t, r.Blocked)
	assert.Equal(t, "close(3): SO_LINGER: waiting for the FIN to be acknowledged", r.On)
	p.w.Run(100)
	done := p.w.Completions()
	require.Len(t, done, 1)
	assert.Equal(t, 0, done[0].Result.Ret)
	_ = afd

	// When nothing answers, close returns after the linger time.
	q, _ := established(t, 2)
	require.NoError(t, q.w.SetLinkBoth("client", "server", lossy(1)))
	must(t, q.c.Setsockopt(q.cfd, SOL_SOCKET, SO_LINGER, OptVal{Linger: &Linger{OnOff: 1, Linger: 2}}))
	start := q.w.Now()
	require.True(t, q.c.Close(q.cfd).Blocked)
	require.NoError(t, q.w.Wait(3*time.Second))
	done = q.w.Completions()
	require.Len(t, done, 1)
	assert.Equal(t, 0, done[0].Result.Ret)
	assert.Equal(t, int16(0), int16(done[0].Result.Ret))
	assert.Less(t, start, q.w.Now())
}

func TestLingerZeroSendsReset(t *testing.T) {
	p, afd := established(t, 1)
	must(t, p.c.Setsockopt(p.cfd, SOL_SOCKET, SO_LINGER, OptVal{Linger: &Linger{OnOff: 1, Linger: 0}}))
	must(t, p.c.Close(p.cfd))
	p.w.Run(100)
	fails(t, errno.ECONNRESET, p.s.Recv(afd, 1, 0))
	assert.Empty(t, p.c.Sockets(), "no TIME-WAIT after an abort")
}
