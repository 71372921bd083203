package stack

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sockplay/sockplay/core/errno"
)

// timeoCases are setsockopt(SO_RCVTIMEO) values and what getsockopt gave
// back on Linux 6.18 with HZ=250 (a C program on this machine;
// timeo_linux_test.go checks them against the running kernel).
var timeoCases = []struct {
	set  Timeval
	err  errno.Errno
	want Timeval
}{
	{Timeval{0, 0}, errno.OK, Timeval{0, 0}},
	{Timeval{0, 1}, errno.OK, Timeval{0, 4000}},
	{Timeval{0, 1500}, errno.OK, Timeval{0, 4000}},
	{Timeval{0, 3999}, errno.OK, Timeval{0, 4000}},
	{Timeval{0, 4001}, errno.OK, Timeval{0, 8000}},
	{Timeval{2, 500000}, errno.OK, Timeval{2, 500000}},
	{Timeval{0, 1000000}, errno.EDOM, Timeval{2, 500000}},
	{Timeval{0, -1}, errno.EDOM, Timeval{2, 500000}},
	{Timeval{-1, 0}, errno.OK, Timeval{0, 0}},
	{Timeval{2147483647, 0}, errno.OK, Timeval{2147483647, 0}},
	{Timeval{9223372036854, 0}, errno.OK, Timeval{9223372036854, 0}},
	{Timeval{36893488147419101, 0}, errno.OK, Timeval{36893488147419101, 0}},
	{Timeval{36893488147419102, 0}, errno.OK, Timeval{0, 0}},
	{Timeval{9223372036854775807, 0}, errno.OK, Timeval{0, 0}},
}

func TestTimeoutOptionsReadBackAsLinuxRoundsThem(t *testing.T) {
	h := New(1).Host("client")
	fd := must(t, h.Socket(AF_INET, SOCK_STREAM, 0))
	for _, opt := range []int{SO_RCVTIMEO, SO_SNDTIMEO} {
		r := h.Getsockopt(fd, SOL_SOCKET, opt)
		require.NotNil(t, r.Timeval)
		assert.Equal(t, Timeval{}, *r.Timeval, "no timeout by default")
		for _, c := range timeoCases {
			tv := c.set
			r := h.Setsockopt(fd, SOL_SOCKET, opt, OptVal{Timeval: &tv})
			assert.Equal(t, c.err, r.Err, "%+v", c.set)
			got := h.Getsockopt(fd, SOL_SOCKET, opt)
			require.NotNil(t, got.Timeval)
			assert.Equal(t, c.want, *got.Timeval, "set %+v", c.set)
		}
		fails(t, errno.EINVAL, h.Setsockopt(fd, SOL_SOCKET, opt, IntOpt(5)), "an int is shorter than a struct timeval")
		fails(t, errno.EINVAL, h.Setsockopt(fd, SOL_SOCKET, opt, OptVal{Linger: &Linger{1, 0}}))
	}
	tv := Timeval{1, 0}
	fails(t, errno.EINVAL, h.Setsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, OptVal{Timeval: &tv}))
}

func setTimeo(t *testing.T, h *Host, fd, opt int, d time.Duration) {
	t.Helper()
	tv := Timeval{Sec: int64(d / time.Second), Usec: int64(d % time.Second / time.Microsecond)}
	must(t, h.Setsockopt(fd, SOL_SOCKET, opt, OptVal{Timeval: &tv}))
}

// expires moves the clock to the next timer and returns the one completion
// and how long the call was blocked.
func expires(t *testing.T, w *World) (Completion, time.Duration) {
	t.Helper()
	start := w.Now()
	require.True(t, w.NextTimer())
	done := w.Completions()
	require.Len(t, done, 1)
	return done[0], w.Now() - start
}

func TestRecvTimesOutWithEAGAIN(t *testing.T) {
	p, afd := established(t, 1)
	setTimeo(t, p.s, afd, SO_RCVTIMEO, 200*time.Millisecond)
	r := p.s.Recv(afd, 100, 0)
	require.True(t, r.Blocked)
	require.NotNil(t, p.s.Pending())
	assert.True(t, p.s.Pending().HasDeadline)
	c, after := expires(t, p.w)
	assert.Equal(t, errno.EAGAIN, c.Result.Err)
	assert.Equal(t, 200*time.Millisecond, after)
}

func TestRecvWaitallTimeoutReturnsWhatArrived(t *testing.T) {
	p, afd := established(t, 1)
	setTimeo(t, p.s, afd, SO_RCVTIMEO, 200*time.Millisecond)
	must(t, p.c.Send(p.cfd, []byte("abc"), 0))
	require.True(t, p.s.Recv(afd, 100, MSG_WAITALL).Blocked)
	var done []Completion
	for len(done) == 0 && p.w.NextTimer() {
		done = p.w.Completions()
	}
	require.Len(t, done, 1)
	assert.Equal(t, errno.OK, done[0].Result.Err)
	assert.Equal(t, "abc", string(done[0].Result.Data))
}

func TestNegativeTimeoutNeverBlocks(t *testing.T) {
	p, afd := established(t, 1)
	tv := Timeval{-1, 0}
	must(t, p.s.Setsockopt(afd, SOL_SOCKET, SO_RCVTIMEO, OptVal{Timeval: &tv}))
	fails(t, errno.EAGAIN, p.s.Recv(afd, 10, 0), "a negative timeval leaves 0 jiffies: recv returns at once")
}

func TestAcceptTimesOutWithEAGAIN(t *testing.T) {
	p := listening(t, 1, 5)
	setTimeo(t, p.s, p.lfd, SO_RCVTIMEO, 100*time.Millisecond)
	require.True(t, p.s.Accept(p.lfd).Blocked)
	c, after := expires(t, p.w)
	assert.Equal(t, errno.EAGAIN, c.Result.Err)
	assert.Equal(t, 100*time.Millisecond, after)

	// An accepted socket inherits the listener's timeout, as on Linux.
	require.True(t, p.c.Connect(p.cfd, ap("10.0.0.2:80")).Blocked)
	p.w.Run(100)
	p.w.Completions()
	afd := must(t, p.s.Accept(p.lfd))
	got := p.s.Getsockopt(afd, SOL_SOCKET, SO_RCVTIMEO)
	assert.Equal(t, Timeval{0, 100000}, *got.Timeval)
}

func TestSendTimesOutWithWhatWasQueued(t *testing.T) {
	p, _ := established(t, 1)
	setTimeo(t, p.c, p.cfd, SO_SNDTIMEO, 200*time.Millisecond)
	must(t, p.c.Setsockopt(p.cfd, SOL_SOCKET, SO_SNDBUF, IntOpt(4096)))
	// The server never reads: the client's buffer and the window fill.
	big := make([]byte, 1<<20)
	require.True(t, p.c.Send(p.cfd, big, 0).Blocked)
	var done []Completion
	for len(done) == 0 && p.w.NextTimer() {
		done = p.w.Completions()
	}
	require.Len(t, done, 1)
	assert.Equal(t, errno.OK, done[0].Result.Err)
	assert.Greater(t, done[0].Result.Ret, 0, "a partial count, as Linux returned 175616 of 1 MiB")
	assert.Less(t, done[0].Result.Ret, len(big))

	// Once nothing more fits, EAGAIN when the timeout expires.
	p.w.Run(1000)
	for p.c.Send(p.cfd, big, MSG_DONTWAIT).Err != errno.EAGAIN {
		p.w.Run(1000)
	}
	require.True(t, p.c.Send(p.cfd, big, 0).Blocked)
	done = nil
	for len(done) == 0 && p.w.NextTimer() {
		done = p.w.Completions()
	}
	require.Len(t, done, 1)
	assert.Equal(t, errno.EAGAIN, done[0].Result.Err)
}

func TestConnectTimesOutWithEINPROGRESS(t *testing.T) {
	p := listening(t, 1, 5)
	l := p.w.Link("client", "server")
	l.Loss = 1
	require.NoError(t, p.w.SetLink("client", "server", l))
	setTimeo(t, p.c, p.cfd, SO_SNDTIMEO, 200*time.Millisecond)
	require.True(t, p.c.Connect(p.cfd, ap("10.0.0.2:80")).Blocked)
	c, after := expires(t, p.w)
	assert.Equal(t, errno.EINPROGRESS, c.Result.Err, "the handshake goes on, as after a non-blocking connect")
	assert.Equal(t, 200*time.Millisecond, after)
	// connect again while the SYN is still unanswered: EALREADY after
	// another timeout (checked on Linux in a network namespace).
	require.True(t, p.c.Connect(p.cfd, ap("10.0.0.2:80")).Blocked)
	var done []Completion
	for len(done) == 0 && p.w.NextTimer() {
		done = p.w.Completions()
	}
	require.Len(t, done, 1)
	assert.Equal(t, errno.EALREADY, done[0].Result.Err)
}

func TestUDPRecvTimesOut(t *testing.T) {
	w := New(1)
	s := w.Host("server")
	u := must(t, s.Socket(AF_INET, SOCK_DGRAM, 0))
	must(t, s.Bind(u, ap("0.0.0.0:9")))
	setTimeo(t, s, u, SO_RCVTIMEO, 8*time.Millisecond)
	require.True(t, s.Recv(u, 10, 0).Blocked)
	c, after := expires(t, w)
	assert.Equal(t, errno.EAGAIN, c.Result.Err)
	assert.Equal(t, 8*time.Millisecond, after)
}
