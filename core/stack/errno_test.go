package stack

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sockplay/sockplay/core/errno"
	"github.com/sockplay/sockplay/core/inet"
)

// The expected errnos below were checked against Linux 6.x with Python's
// socket module on loopback.

func TestSocketErrors(t *testing.T) {
	h := New(1).Host("client")
	fails(t, errno.EAFNOSUPPORT, h.Socket(AF_INET6, SOCK_STREAM, 0))
	fails(t, errno.EAFNOSUPPORT, h.Socket(99, SOCK_STREAM, 0))
	fails(t, errno.EINVAL, h.Socket(AF_INET, 99, 0))
	fails(t, errno.EINVAL, h.Socket(AF_INET, SOCK_STREAM|0x100, 0))
	fails(t, errno.EPROTONOSUPPORT, h.Socket(AF_INET, SOCK_STREAM, IPPROTO_UDP))
	fails(t, errno.EPROTONOSUPPORT, h.Socket(AF_INET, SOCK_DGRAM, IPPROTO_TCP))
	fails(t, errno.EPROTONOSUPPORT, h.Socket(AF_INET, SOCK_RAW, 0))
	assert.Equal(t, 3, must(t, h.Socket(AF_INET, SOCK_STREAM, IPPROTO_TCP)))
	assert.Equal(t, 4, must(t, h.Socket(AF_INET, SOCK_DGRAM, 0)))
	nb := must(t, h.Socket(AF_INET, SOCK_STREAM|SOCK_NONBLOCK|SOCK_CLOEXEC, 0))
	assert.Equal(t, O_RDWR|O_NONBLOCK, must(t, h.Fcntl(nb, F_GETFL, 0)))
	assert.Empty(t, h.Sockets()[0].Vars)
}

func TestDescriptorErrors(t *testing.T) {
	h := New(1).Host("client")
	for fd := 0; fd <= 2; fd++ {
		fails(t, errno.ENOTSOCK, h.Bind(fd, ap("0.0.0.0:1")))
		fails(t, errno.ENOTSOCK, h.Recv(fd, 1, 0))
		fails(t, errno.ENOTSOCK, h.Getsockopt(fd, SOL_SOCKET, SO_TYPE))
	}
	for _, fd := range []int{-1, 3, 99, 5000} {
		fails(t, errno.EBADF, h.Listen(fd, 1))
		fails(t, errno.EBADF, h.Accept(fd))
		fails(t, errno.EBADF, h.Connect(fd, ap("10.0.0.2:80")))
		fails(t, errno.EBADF, h.Send(fd, []byte("x"), 0))
		fails(t, errno.EBADF, h.Shutdown(fd, SHUT_RDWR))
		fails(t, errno.EBADF, h.Close(fd))
		fails(t, errno.EBADF, h.Getsockname(fd))
		fails(t, errno.EBADF, h.Getpeername(fd))
		fails(t, errno.EBADF, h.Fcntl(fd, F_GETFL, 0))
		fails(t, errno.EBADF, h.Setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, IntOpt(1)))
	}
	// Closing stdin frees fd 0, which the next socket then gets.
	must(t, h.Close(0))
	fails(t, errno.EBADF, h.Close(0))
	assert.Equal(t, 0, must(t, h.Socket(AF_INET, SOCK_STREAM, 0)))
	assert.Equal(t, 3, must(t, h.Socket(AF_INET, SOCK_STREAM, 0)))
	must(t, h.Close(0))
	assert.Equal(t, 0, must(t, h.Socket(AF_INET, SOCK_STREAM, 0)), "the lowest free descriptor")
}

func TestTooManyOpenFiles(t *testing.T) {
	h := New(1).Host("client")
	for range maxFDs - 3 {
		must(t, h.Socket(AF_INET, SOCK_DGRAM, 0))
	}
	fails(t, errno.EMFILE, h.Socket(AF_INET, SOCK_DGRAM, 0))
	must(t, h.Close(500))
	assert.Equal(t, 500, must(t, h.Socket(AF_INET, SOCK_DGRAM, 0)))
}

func TestBindErrors(t *testing.T) {
	w := New(1)
	h := w.Host("server")
	a := must(t, h.Socket(AF_INET, SOCK_STREAM, 0))
	fails(t, errno.EADDRNOTAVAIL, h.Bind(a, ap("10.0.0.1:80")), "the client's address")
	fails(t, errno.EINVAL, h.Bind(a, inet.AddrPort{}))
	must(t, h.Bind(a, ap("10.0.0.2:80")))
	fails(t, errno.EINVAL, h.Bind(a, ap("10.0.0.2:81")), "already bound")

	b := must(t, h.Socket(AF_INET, SOCK_STREAM, 0))
	fails(t, errno.EADDRINUSE, h.Bind(b, ap("10.0.0.2:80")))
	fails(t, errno.EADDRINUSE, h.Bind(b, ap("0.0.0.0:80")), "the wildcard overlaps")
	must(t, h.Bind(b, ap("127.0.0.1:80")), "a different address does not")

	// UDP ports are a separate space.
	u := must(t, h.Socket(AF_INET, SOCK_DGRAM, 0))
	must(t, h.Bind(u, ap("0.0.0.0:80")))

	// Port 0 picks an ephemeral port, odd first as Linux's bind does.
	c := must(t, h.Socket(AF_INET, SOCK_STREAM, 0))
	must(t, h.Bind(c, ap("0.0.0.0:0")))
	port := h.Getsockname(c).Addr.Port()
	assert.GreaterOrEqual(t, port, uint16(ephemeralLow))
	assert.LessOrEqual(t, port, uint16(ephemeralHigh))
	assert.Equal(t, uint16(1), port%2)
}

func TestReuseAddrRules(t *testing.T) {
	h := New(1).Host("server")
	sock := func(reuse bool) int {
		fd := must(t, h.Socket(AF_INET, SOCK_STREAM, 0))
		must(t, h.Setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, IntOpt(boolInt(reuse))))
		return fd
	}
	a, b := sock(true), sock(true)
	must(t, h.Bind(a, ap("0.0.0.0:8080")))
	must(t, h.Bind(b, ap("0.0.0.0:8080")), "both SO_REUSEADDR, neither listening")
	must(t, h.Listen(a, 1))
	fails(t, errno.EADDRINUSE, h.Listen(b, 1), "only one may listen")
	c := sock(true)
	fails(t, errno.EADDRINUSE, h.Bind(c, ap("0.0.0.0:8080")), "not next to a listener")
	d := sock(false)
	must(t, h.Bind(d, ap("0.0.0.0:9090")))
	e := sock(true)
	fails(t, errno.EADDRINUSE, h.Bind(e, ap("0.0.0.0:9090")), "both must set it")
}

func TestListenAcceptErrors(t *testing.T) {
	p, afd := established(t, 1)
	fails(t, errno.EINVAL, p.c.Listen(p.cfd, 1), "connected")
	fails(t, errno.EINVAL, p.s.Accept(afd), "not listening")
	fails(t, errno.EINVAL, p.c.Bind(p.cfd, ap("0.0.0.0:0")), "already bound by connect")
	u := must(t, p.s.Socket(AF_INET, SOCK_DGRAM, 0))
	fails(t, errno.EOPNOTSUPP, p.s.Listen(u, 1))
	fails(t, errno.EOPNOTSUPP, p.s.Accept(u))
	fresh := must(t, p.s.Socket(AF_INET, SOCK_STREAM, 0))
	fails(t, errno.EINVAL, p.s.Accept(fresh))

	// listen() without bind() picks a port; listening again updates the backlog.
	must(t, p.s.Listen(fresh, 3))
	assert.NotZero(t, p.s.Getsockname(fresh).Addr.Port())
	must(t, p.s.Listen(fresh, 7))
	assert.Equal(t, 7, p.s.Sockets()[len(p.s.Sockets())-1].Backlog)
	must(t, p.s.Listen(fresh, -1))
	assert.Equal(t, defaultSysctls.somaxconn, socketByFD(p.s, fresh).Backlog)
}

func socketByFD(h *Host, fd int) SocketInfo {
	for _, s := range h.Sockets() {
		if s.FD == fd {
			return s
		}
	}
	return SocketInfo{FD: -2}
}

func TestConnectErrors(t *testing.T) {
	p, afd := established(t, 1)
	fails(t, errno.EISCONN, p.c.Connect(p.cfd, ap("10.0.0.2:80")))
	fails(t, errno.EISCONN, p.s.Connect(p.lfd, ap("10.0.0.1:80")), "a listener")
	assert.Equal(t, ap("10.0.0.1:80"), ap(p.s.Getpeername(afd).Addr.Addr().String()+":80"))
	fresh := must(t, p.c.Socket(AF_INET, SOCK_STREAM, 0))
	fails(t, errno.ENOTCONN, p.c.Getpeername(fresh))
	assert.Equal(t, "0.0.0.0:0", p.c.Getsockname(fresh).Addr.String())

	// Ephemeral ports for connect are even, in Linux's range.
	port := p.c.Getsockname(p.cfd).Addr.Port()
	assert.Equal(t, uint16(0), port%2)
	assert.GreaterOrEqual(t, port, uint16(ephemeralLow))

	// A second non-blocking connect while the first is in progress.
	nb := must(t, p.c.Socket(AF_INET, SOCK_STREAM|SOCK_NONBLOCK, 0))
	fails(t, errno.EINPROGRESS, p.c.Connect(nb, ap("10.0.0.2:80")))
	fails(t, errno.EALREADY, p.c.Connect(nb, ap("10.0.0.2:80")))
	fails(t, errno.ENOTCONN, p.c.Getpeername(nb), "SYN-SENT has no peer yet")
	p.w.Run(100)
	must(t, p.c.Connect(nb, ap("10.0.0.2:80")))
	fails(t, errno.EISCONN, p.c.Connect(nb, ap("10.0.0.2:80")))
}

func TestRefusedThenRetry(t *testing.T) {
	w := New(3)
	c := w.Host("client")
	fd := must(t, c.Socket(AF_INET, SOCK_STREAM|SOCK_NONBLOCK, 0))
	fails(t, errno.EINPROGRESS, c.Connect(fd, ap("10.0.0.2:80")))
	w.Run(100)
	r := c.Poll([]PollFD{{FD: fd, Events: POLLIN | POLLOUT | POLLRDHUP}}, 0)
	assert.Equal(t, 1, must(t, r))
	assert.Equal(t, int16(POLLIN|POLLOUT|POLLERR|POLLHUP|POLLRDHUP), r.Poll[0].Revents)
	fails(t, errno.ECONNREFUSED, c.Connect(fd, ap("10.0.0.2:80")))
	r = c.Poll([]PollFD{{FD: fd, Events: POLLIN}}, 0)
	assert.Zero(t, r.Poll[0].Revents&POLLERR, "the error was reported")
	// A later attempt starts afresh, from a new port.
	old := c.Getsockname(fd).Addr.Port()
	fails(t, errno.EINPROGRESS, c.Connect(fd, ap("10.0.0.2:80")))
	assert.NotEqual(t, old, c.Getsockname(fd).Addr.Port())
}

func TestSOErrorAfterRefused(t *testing.T) {
	w := New(3)
	c := w.Host("client")
	fd := must(t, c.Socket(AF_INET, SOCK_STREAM|SOCK_NONBLOCK, 0))
	fails(t, errno.EINPROGRESS, c.Connect(fd, ap("10.0.0.2:80")))
	w.Run(100)
	assert.Equal(t, int(errno.ECONNREFUSED), must(t, c.Getsockopt(fd, SOL_SOCKET, SO_ERROR)))
	assert.Equal(t, 0, must(t, c.Getsockopt(fd, SOL_SOCKET, SO_ERROR)), "SO_ERROR clears")
}

func TestResetErrors(t *testing.T) {
	p, afd := established(t, 1)
	must(t, p.s.Setsockopt(afd, SOL_SOCKET, SO_LINGER, OptVal{Linger: &Linger{OnOff: 1}}))
	must(t, p.s.Close(afd))
	p.w.Run(100)
	r := p.c.Poll([]PollFD{{FD: p.cfd, Events: POLLIN | POLLOUT | POLLRDHUP}}, 0)
	assert.Equal(t, int16(POLLIN|POLLOUT|POLLERR|POLLHUP|POLLRDHUP), r.Poll[0].Revents)
	fails(t, errno.ECONNRESET, p.c.Send(p.cfd, []byte("x"), 0))
	fails(t, errno.EPIPE, p.c.Send(p.cfd, []byte("x"), 0))
	assert.Equal(t, 0, must(t, p.c.Recv(p.cfd, 10, 0)))
	fails(t, errno.ENOTCONN, p.c.Getpeername(p.cfd))
	fails(t, errno.EISCONN, p.c.Connect(p.cfd, ap("10.0.0.2:80")))
	fails(t, errno.ENOTCONN, p.c.Shutdown(p.cfd, SHUT_WR))
}

func TestRecvAfterResetReportsOnceThenEOF(t *testing.T) {
	p, afd := established(t, 2)
	must(t, p.s.Setsockopt(afd, SOL_SOCKET, SO_LINGER, OptVal{Linger: &Linger{OnOff: 1}}))
	must(t, p.s.Close(afd))
	p.w.Run(100)
	fails(t, errno.ECONNRESET, p.c.Recv(p.cfd, 10, 0))
	assert.Equal(t, 0, must(t, p.c.Recv(p.cfd, 10, 0)))
	fails(t, errno.EPIPE, p.c.Send(p.cfd, []byte("x"), 0))
}

func TestSendRecvErrors(t *testing.T) {
	p, afd := established(t, 1)
	fresh := must(t, p.c.Socket(AF_INET, SOCK_STREAM, 0))
	fails(t, errno.EPIPE, p.c.Send(fresh, []byte("x"), 0), "never connected")
	fails(t, errno.ENOTCONN, p.c.Recv(fresh, 1, 0))
	fails(t, errno.EPIPE, p.s.Send(p.lfd, []byte("x"), 0), "a listener")
	fails(t, errno.ENOTCONN, p.s.Recv(p.lfd, 1, 0))
	// A negative len is a huge size_t, clamped to MAX_RW_COUNT as Linux
	// does (not EINVAL): here nothing has arrived yet.
	fails(t, errno.EAGAIN, p.s.Recv(afd, -1, MSG_DONTWAIT))
	fails(t, errno.EAGAIN, p.s.Recv(afd, 10, MSG_DONTWAIT))
	assert.Equal(t, 0, must(t, p.s.Recv(afd, 0, 0)), "zero bytes asked, zero returned")
	assert.Equal(t, 0, must(t, p.c.Send(p.cfd, nil, 0)))

	must(t, p.c.Shutdown(p.cfd, SHUT_WR))
	fails(t, errno.EPIPE, p.c.Send(p.cfd, []byte("x"), 0))
	fails(t, errno.EINVAL, p.c.Shutdown(p.cfd, 3))
	fails(t, errno.EINVAL, p.c.Shutdown(p.cfd, -1))
	p.w.Run(100)
	r := p.s.Poll([]PollFD{{FD: afd, Events: POLLIN | POLLOUT | POLLRDHUP}}, 0)
	assert.Equal(t, int16(POLLIN|POLLOUT|POLLRDHUP), r.Poll[0].Revents, "peer's FIN")
	r = p.c.Poll([]PollFD{{FD: p.cfd, Events: POLLIN | POLLOUT | POLLRDHUP}}, 0)
	assert.Equal(t, int16(POLLOUT), r.Poll[0].Revents, "after SHUT_WR")
	assert.Equal(t, 0, must(t, p.s.Recv(afd, 10, 0)))
	// Half-closed: the server can still send.
	assert.Equal(t, 3, must(t, p.s.Send(afd, []byte("bye"), 0)))
	p.w.Run(100)
	assert.Equal(t, "bye", string(p.c.Recv(p.cfd, 10, 0).Data))
}

func TestShutdownReadGivesEOF(t *testing.T) {
	p, afd := established(t, 1)
	must(t, p.s.Shutdown(afd, SHUT_RD))
	assert.Equal(t, 0, must(t, p.s.Recv(afd, 10, 0)))
	r := p.s.Poll([]PollFD{{FD: afd, Events: POLLIN | POLLRDHUP}}, 0)
	assert.Equal(t, int16(POLLIN|POLLRDHUP), r.Poll[0].Revents)
}

func TestShutdownUnconnected(t *testing.T) {
	w := New(1)
	h := w.Host("client")
	fd := must(t, h.Socket(AF_INET, SOCK_STREAM, 0))
	fails(t, errno.ENOTCONN, h.Shutdown(fd, SHUT_RDWR))
	u := must(t, h.Socket(AF_INET, SOCK_DGRAM, 0))
	fails(t, errno.ENOTCONN, h.Shutdown(u, SHUT_WR))
	// shutdown(SHUT_RD) on a listener stops it listening.
	s := w.Host("server")
	l := must(t, s.Socket(AF_INET, SOCK_STREAM, 0))
	must(t, s.Listen(l, 1))
	must(t, s.Shutdown(l, SHUT_RD))
	fails(t, errno.EINVAL, s.Accept(l))
}

func TestShutdownInSynSentAbandons(t *testing.T) {
	w := New(1)
	c := w.Host("client")
	fd := must(t, c.Socket(AF_INET, SOCK_STREAM|SOCK_NONBLOCK, 0))
	fails(t, errno.EINPROGRESS, c.Connect(fd, ap("10.0.0.9:80")))
	must(t, c.Shutdown(fd, SHUT_RDWR))
	assert.Empty(t, c.conns)
}

func TestSockoptErrors(t *testing.T) {
	h := New(1).Host("client")
	fd := must(t, h.Socket(AF_INET, SOCK_STREAM, 0))
	u := must(t, h.Socket(AF_INET, SOCK_DGRAM, 0))
	fails(t, errno.ENOPROTOOPT, h.Setsockopt(fd, SOL_SOCKET, SO_TYPE, IntOpt(1)))
	fails(t, errno.ENOPROTOOPT, h.Setsockopt(fd, SOL_SOCKET, SO_ERROR, IntOpt(1)))
	fails(t, errno.ENOPROTOOPT, h.Setsockopt(fd, 99, 1, IntOpt(1)))
	fails(t, errno.ENOPROTOOPT, h.Setsockopt(fd, IPPROTO_TCP, 99, IntOpt(1)))
	fails(t, errno.ENOPROTOOPT, h.Getsockopt(fd, SOL_SOCKET, 99))
	fails(t, errno.EINVAL, h.Setsockopt(fd, SOL_SOCKET, SO_LINGER, IntOpt(1)), "int for a struct linger")
	fails(t, errno.EINVAL, h.Setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, OptVal{Linger: &Linger{}}))
	fails(t, errno.EINVAL, h.Setsockopt(fd, IPPROTO_TCP, TCP_KEEPIDLE, IntOpt(0)))
	fails(t, errno.EINVAL, h.Setsockopt(fd, IPPROTO_TCP, TCP_KEEPIDLE, IntOpt(32768)))
	fails(t, errno.EINVAL, h.Setsockopt(fd, IPPROTO_TCP, TCP_KEEPINTVL, IntOpt(0)))
	fails(t, errno.EINVAL, h.Setsockopt(fd, IPPROTO_TCP, TCP_KEEPCNT, IntOpt(128)))
	fails(t, errno.EINVAL, h.Setsockopt(fd, IPPROTO_TCP, TCP_MAXSEG, IntOpt(87)))
	fails(t, errno.EINVAL, h.Setsockopt(fd, IPPROTO_TCP, TCP_USER_TIMEOUT, IntOpt(-1)))
	fails(t, errno.ENOPROTOOPT, h.Setsockopt(u, IPPROTO_TCP, TCP_NODELAY, IntOpt(1)))
	fails(t, errno.EOPNOTSUPP, h.Getsockopt(u, IPPROTO_TCP, TCP_NODELAY))
}

func TestSockoptValues(t *testing.T) {
	h := New(1).Host("client")
	fd := must(t, h.Socket(AF_INET, SOCK_STREAM, 0))
	u := must(t, h.Socket(AF_INET, SOCK_DGRAM, 0))
	get := func(fd, level, name int) int { return must(t, h.Getsockopt(fd, level, name)) }
	assert.Equal(t, 131072, get(fd, SOL_SOCKET, SO_RCVBUF))
	assert.Equal(t, 16384, get(fd, SOL_SOCKET, SO_SNDBUF))
	assert.Equal(t, 212992, get(u, SOL_SOCKET, SO_RCVBUF))
	assert.Equal(t, SOCK_STREAM, get(fd, SOL_SOCKET, SO_TYPE))
	assert.Equal(t, SOCK_DGRAM, get(u, SOL_SOCKET, SO_TYPE))
	assert.Equal(t, 536, get(fd, IPPROTO_TCP, TCP_MAXSEG))
	assert.Equal(t, 7200, get(fd, IPPROTO_TCP, TCP_KEEPIDLE))
	assert.Equal(t, 75, get(fd, IPPROTO_TCP, TCP_KEEPINTVL))
	assert.Equal(t, 9, get(fd, IPPROTO_TCP, TCP_KEEPCNT))
	assert.Equal(t, 0, get(fd, IPPROTO_TCP, TCP_USER_TIMEOUT))
	assert.Equal(t, &Linger{}, h.Getsockopt(fd, SOL_SOCKET, SO_LINGER).Linger)

	// Linux doubles buffer sizes, with a floor and the rmem_max cap.
	must(t, h.Setsockopt(fd, SOL_SOCKET, SO_RCVBUF, IntOpt(1000)))
	assert.Equal(t, 2304, get(fd, SOL_SOCKET, SO_RCVBUF))
	must(t, h.Setsockopt(fd, SOL_SOCKET, SO_SNDBUF, IntOpt(1000)))
	assert.Equal(t, 4608, get(fd, SOL_SOCKET, SO_SNDBUF))
	must(t, h.Setsockopt(fd, SOL_SOCKET, SO_RCVBUF, IntOpt(65536)))
	assert.Equal(t, 131072, get(fd, SOL_SOCKET, SO_RCVBUF))
	must(t, h.Setsockopt(fd, SOL_SOCKET, SO_RCVBUF, IntOpt(1<<30)))
	assert.Equal(t, 2*212992, get(fd, SOL_SOCKET, SO_RCVBUF))

	for _, c := range []struct{ level, name, val int }{
		{SOL_SOCKET, SO_REUSEADDR, 1}, {SOL_SOCKET, SO_KEEPALIVE, 1}, {IPPROTO_TCP, TCP_NODELAY, 1},
		{IPPROTO_TCP, TCP_MAXSEG, 1000}, {IPPROTO_TCP, TCP_KEEPIDLE, 60}, {IPPROTO_TCP, TCP_KEEPINTVL, 10},
		{IPPROTO_TCP, TCP_KEEPCNT, 3}, {IPPROTO_TCP, TCP_USER_TIMEOUT, 5000},
	} {
		must(t, h.Setsockopt(fd, c.level, c.name, IntOpt(c.val)))
		assert.Equal(t, c.val, get(fd, c.level, c.name), "option %d/%d", c.level, c.name)
	}
	must(t, h.Setsockopt(fd, SOL_SOCKET, SO_LINGER, OptVal{Linger: &Linger{OnOff: 1, Linger: 5}}))
	assert.Equal(t, &Linger{OnOff: 1, Linger: 5}, h.Getsockopt(fd, SOL_SOCKET, SO_LINGER).Linger)
	require.Len(t, h.Sockets(), 2)
	assert.True(t, h.Sockets()[0].Options.NoDelay)
}

func TestMaxSegOnConnection(t *testing.T) {
	p, afd := established(t, 1)
	assert.Equal(t, 1448, must(t, p.s.Getsockopt(afd, IPPROTO_TCP, TCP_MAXSEG)), "1460 less 12 bytes of timestamps")

	// TCP_MAXSEG before connect lowers the MSS announced in the SYN.
	c := must(t, p.c.Socket(AF_INET, SOCK_STREAM, 0))
	must(t, p.c.Setsockopt(c, IPPROTO_TCP, TCP_MAXSEG, IntOpt(1000)))
	require.True(t, p.c.Connect(c, ap("10.0.0.2:80")).Blocked)
	p.w.Run(100)
	assert.Equal(t, 988, must(t, p.c.Getsockopt(c, IPPROTO_TCP, TCP_MAXSEG)))
}

func TestFcntl(t *testing.T) {
	h := New(1).Host("client")
	fd := must(t, h.Socket(AF_INET, SOCK_STREAM, 0))
	assert.Equal(t, O_RDWR, must(t, h.Fcntl(fd, F_GETFL, 0)))
	must(t, h.Fcntl(fd, F_SETFL, O_NONBLOCK))
	assert.Equal(t, O_RDWR|O_NONBLOCK, must(t, h.Fcntl(fd, F_GETFL, 0)))
	fails(t, errno.EINVAL, h.Fcntl(fd, 99, 0))
	assert.Equal(t, O_RDWR, must(t, h.Fcntl(1, F_GETFL, 0)), "stdout is a file")
	must(t, h.Fcntl(fd, F_SETFL, 0))
	fails(t, errno.EPIPE, h.Send(fd, []byte("x"), 0))
}
