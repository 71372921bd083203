package stack

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sockplay/sockplay/core/errno"
	"github.com/sockplay/sockplay/core/trace"
	"github.com/sockplay/sockplay/core/wire"
)

func TestUDPSendToRecvFrom(t *testing.T) {
	w := New(1)
	c, s := w.Host("client"), w.Host("server")
	sfd := must(t, s.Socket(AF_INET, SOCK_DGRAM, 0))
	must(t, s.Bind(sfd, ap("0.0.0.0:53")))
	cfd := must(t, c.Socket(AF_INET, SOCK_DGRAM, 0))
	assert.Equal(t, 5, must(t, c.SendTo(cfd, []byte("query"), 0, ap("10.0.0.2:53"))))
	cport := c.Getsockname(cfd).Addr.Port()
	assert.NotZero(t, cport, "sendto binds an ephemeral port")

	r := s.RecvFrom(sfd, 100, 0)
	require.True(t, r.Blocked)
	assert.Equal(t, "recvfrom(3): no datagram yet", r.On)
	w.Run(10)
	done := w.Completions()
	require.Len(t, done, 1)
	assert.Equal(t, "query", string(done[0].Result.Data))
	assert.Equal(t, "10.0.0.1", done[0].Result.Addr.Addr().String())
	assert.Equal(t, cport, done[0].Result.Addr.Port())

	// Datagram boundaries are kept; a short buffer truncates.
	must(t, c.SendTo(cfd, []byte("one"), 0, ap("10.0.0.2:53")))
	must(t, c.SendTo(cfd, []byte("twotwo"), 0, ap("10.0.0.2:53")))
	w.Run(10)
	assert.Equal(t, "one", string(s.Recv(sfd, 100, MSG_PEEK).Data))
	assert.Equal(t, "one", string(s.Recv(sfd, 100, 0).Data))
	assert.Equal(t, "two", string(s.Recv(sfd, 3, 0).Data))
	fails(t, errno.EAGAIN, s.Recv(sfd, 100, MSG_DONTWAIT), "the rest of the datagram is gone")

	// The wire carries a real UDP datagram.
	var sent []byte
	for _, e := range w.Log().Events() {
		if e.Kind == trace.Send {
			sent = e.Bytes
		}
	}
	pkt, err := wire.Decode(sent)
	require.NoError(t, err)
	require.NotNil(t, pkt.UDP)
	assert.Equal(t, "twotwo", string(pkt.UDP.Payload))
	assert.Equal(t, uint16(0), pkt.IP.ID, "an unconnected socket sends IP ID 0")
}

func TestUDPPortUnreachableAndConnectedRefused(t *testing.T) {
	w := New(1)
	c := w.Host("client")
	fd := must(t, c.Socket(AF_INET, SOCK_DGRAM, 0))
	must(t, c.Connect(fd, ap("10.0.0.2:9999")))
	assert.Equal(t, ap("10.0.0.2:9999"), c.Getpeername(fd).Addr)
	assert.Equal(t, "10.0.0.1", c.Getsockname(fd).Addr.Addr().String())
	assert.Equal(t, 2, must(t, c.Send(fd, []byte("hi"), 0)))
	w.Run(10)

	// The server answered with ICMP port unreachable quoting the datagram.
	var icmp *wire.Packet
	for _, e := range w.Log().Events() {
		if e.Kind == trace.Send && e.From == "server" {
			p, err := wire.Decode(e.Bytes)
			require.NoError(t, err)
			icmp = p
		}
	}
	require.NotNil(t, icmp)
	require.NotNil(t, icmp.ICMP)
	assert.Equal(t, wire.ICMPDestUnreachable, icmp.ICMP.Type)
	assert.Equal(t, wire.ICMPCodePortUnreachable, icmp.ICMP.Code)

	r := c.Poll([]PollFD{{FD: fd, Events: POLLIN | POLLOUT}}, 0)
	assert.Equal(t, int16(POLLOUT|POLLERR), r.Poll[0].Revents)
	fails(t, errno.ECONNREFUSED, c.Send(fd, []byte("again"), 0))
	assert.Equal(t, 5, must(t, c.Send(fd, []byte("again"), 0)), "reported once")
	w.Run(10)
	fails(t, errno.ECONNREFUSED, c.Recv(fd, 10, 0))
	must(t, c.Send(fd, []byte("x"), 0))
	w.Run(10)
	assert.Equal(t, int(errno.ECONNREFUSED), must(t, c.Getsockopt(fd, SOL_SOCKET, SO_ERROR)))
	assert.Equal(t, 0, must(t, c.Getsockopt(fd, SOL_SOCKET, SO_ERROR)))

	// An unconnected socket is not told (no IP_RECVERR).
	u := must(t, c.Socket(AF_INET, SOCK_DGRAM, 0))
	must(t, c.SendTo(u, []byte("x"), 0, ap("10.0.0.2:9999")))
	w.Run(10)
	fails(t, errno.EAGAIN, c.Recv(u, 10, MSG_DONTWAIT))
}

func TestUDPErrors(t *testing.T) {
	w := New(1)
	c := w.Host("client")
	fd := must(t, c.Socket(AF_INET, SOCK_DGRAM, 0))
	fails(t, errno.EDESTADDRREQ, c.Send(fd, []byte("x"), 0))
	fails(t, errno.ENOTCONN, c.Getpeername(fd))
	fails(t, errno.EMSGSIZE, c.SendTo(fd, make([]byte, 65508), 0, ap("10.0.0.2:9")))
	fails(t, errno.EINVAL, c.SendTo(fd, []byte("x"), 0, ap("10.0.0.2:0")))
	fails(t, errno.EAGAIN, c.Recv(fd, -1, MSG_DONTWAIT), "len -1 is a huge size_t, clamped as Linux does")
	must(t, c.Connect(fd, ap("10.0.0.2:9")))
	must(t, c.Shutdown(fd, SHUT_RDWR))
	fails(t, errno.EPIPE, c.Send(fd, []byte("x"), 0))
	assert.Equal(t, 0, must(t, c.Recv(fd, 10, 0)), "SHUT_RD: end of file")
}

func TestUDPDemuxPrefersConnectedAndExactAddress(t *testing.T) {
	w := New(1)
	c, s := w.Host("client"), w.Host("server")
	wild := must(t, s.Socket(AF_INET, SOCK_DGRAM, 0))
	must(t, s.Setsockopt(wild, SOL_SOCKET, SO_REUSEADDR, IntOpt(1)))
	must(t, s.Bind(wild, ap("0.0.0.0:7")))
	exact := must(t, s.Socket(AF_INET, SOCK_DGRAM, 0))
	must(t, s.Setsockopt(exact, SOL_SOCKET, SO_REUSEADDR, IntOpt(1)))
	must(t, s.Bind(exact, ap("10.0.0.2:7")))

	cfd := must(t, c.Socket(AF_INET, SOCK_DGRAM, 0))
	must(t, c.Bind(cfd, ap("0.0.0.0:5000")))
	must(t, c.SendTo(cfd, []byte("a"), 0, ap("10.0.0.2:7")))
	w.Run(10)
	assert.Equal(t, "a", string(s.Recv(exact, 10, MSG_DONTWAIT).Data))
	fails(t, errno.EAGAIN, s.Recv(wild, 10, MSG_DONTWAIT))

	conn := must(t, s.Socket(AF_INET, SOCK_DGRAM, 0))
	must(t, s.Setsockopt(conn, SOL_SOCKET, SO_REUSEADDR, IntOpt(1)))
	must(t, s.Bind(conn, ap("10.0.0.2:7")))
	must(t, s.Connect(conn, ap("10.0.0.1:5000")))
	must(t, c.SendTo(cfd, []byte("b"), 0, ap("10.0.0.2:7")))
	w.Run(10)
	assert.Equal(t, "b", string(s.Recv(conn, 10, MSG_DONTWAIT).Data))
}

func TestUDPLoopback(t *testing.T) {
	w := New(1)
	h := w.Host("server")
	a := must(t, h.Socket(AF_INET, SOCK_DGRAM, 0))
	must(t, h.Bind(a, ap("127.0.0.1:6000")))
	b := must(t, h.Socket(AF_INET, SOCK_DGRAM, 0))
	must(t, h.SendTo(b, []byte("self"), 0, ap("127.0.0.1:6000")))
	w.Run(10)
	r := h.RecvFrom(a, 10, 0)
	assert.Equal(t, "self", string(r.Data))
	assert.Equal(t, "127.0.0.1", r.Addr.Addr().String())
	assert.Len(t, h.Capture(), 1, "a loopback packet is captured once")
}
