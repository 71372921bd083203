package stack

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sockplay/sockplay/core/errno"
	"github.com/sockplay/sockplay/core/netsim"
	"github.com/sockplay/sockplay/core/trace"
)

// nbConnect starts a non-blocking connect from a new client socket.
func nbConnect(t *testing.T, p *pair) int {
	t.Helper()
	fd := must(t, p.c.Socket(AF_INET, SOCK_STREAM|SOCK_NONBLOCK, 0))
	fails(t, errno.EINPROGRESS, p.c.Connect(fd, ap("10.0.0.2:80")))
	return fd
}

func stateOf(h *Host, fd int) string { return socketByFD(h, fd).State }

func TestBacklogOverflowDropsSYN(t *testing.T) {
	// Backlog 1 admits two connections (Linux's sk_acceptq_is_full is
	// "more than backlog"); the third SYN is dropped without a reply.
	p := listening(t, 5, 1)
	a, b := nbConnect(t, p), nbConnect(t, p)
	p.w.Run(100)
	c := nbConnect(t, p)
	p.w.Run(2)
	assert.Equal(t, "ESTABLISHED", stateOf(p.c, a))
	assert.Equal(t, "ESTABLISHED", stateOf(p.c, b))
	assert.Equal(t, "SYN-SENT", stateOf(p.c, c))
	assert.Equal(t, 2, socketByFD(p.s, p.lfd).RecvQ)

	var overflow int
	for _, e := range p.w.Log().Events() {
		if e.Kind == trace.Drop && e.Host == "server" && strings.Contains(e.Text, "SYN dropped") {
			overflow++
		}
	}
	assert.Equal(t, 1, overflow)

	// Accepting one makes room: the retransmitted SYN (after 1 s) gets in.
	must(t, p.s.Accept(p.lfd))
	require.NoError(t, p.w.Wait(1100*time.Millisecond))
	assert.Equal(t, "ESTABLISHED", stateOf(p.c, c))
}

func TestBacklogFullDropsHandshakeACK(t *testing.T) {
	// Backlog 1: one connection waits in the accept queue; two more SYNs
	// are admitted (the accept queue is not yet full), the first ACK fills
	// it and the second finds it full and is dropped: that client believes
	// it is connected while the server keeps resending its SYN-ACK.
	p := listening(t, 5, 1)
	nbConnect(t, p)
	p.w.Run(100)
	b, c := nbConnect(t, p), nbConnect(t, p)
	p.w.Run(8)
	assert.Equal(t, "ESTABLISHED", stateOf(p.c, b))
	assert.Equal(t, "ESTABLISHED", stateOf(p.c, c))
	var states []string
	for _, s := range p.s.Sockets() {
		states = append(states, s.State)
	}
	assert.Equal(t, []string{"LISTEN", "ESTABLISHED", "ESTABLISHED", "SYN-RECEIVED"}, states)
	assert.Equal(t, 1, p.s.listenOverflows)
	must(t, p.s.Accept(p.lfd))
	p.w.Run(100)
	must(t, p.s.Accept(p.lfd))
	must(t, p.s.Accept(p.lfd), "the retransmitted SYN-ACK's ACK completes it")
}

func TestSYNQueueLimits(t *testing.T) {
	// The SYN queue holds backlog+1 requests; with a smaller
	// tcp_max_syn_backlog its last quarter stays free (Linux 6.x, SYN
	// cookies off; kernel_listen_linux_test.go checks both on this kernel).
	for _, c := range []struct{ backlog, maxSyn, admitted int }{{2, 2048, 3}, {100, 8, 7}} {
		w := New(3)
		s := w.Host("server")
		_, err := s.SetSysctl("tcp_max_syn_backlog", c.maxSyn)
		require.NoError(t, err)
		l := must(t, s.Socket(AF_INET, SOCK_STREAM, 0))
		must(t, s.Bind(l, ap("0.0.0.0:80")))
		must(t, s.Listen(l, c.backlog))
		for range 12 {
			fd := must(t, w.Host("client").Socket(AF_INET, SOCK_STREAM|SOCK_NONBLOCK, 0))
			w.Host("client").Connect(fd, ap("10.0.0.2:80"))
		}
		require.NoError(t, w.SetLink("server", "client", netsim.Link{Latency: 10 * time.Millisecond, Loss: 1}))
		require.NoError(t, w.Wait(500*time.Millisecond))
		got := 0
		for _, so := range s.Sockets() {
			if so.State == "SYN-RECEIVED" {
				got++
			}
		}
		assert.Equal(t, c.admitted, got, "%+v", c)
		assert.Equal(t, 12-c.admitted, s.listenDrops)
	}
}

func TestCloseListenerResetsQueuedConnections(t *testing.T) {
	p := listening(t, 5, 5)
	fd := nbConnect(t, p)
	p.w.Run(100)
	must(t, p.s.Close(p.lfd))
	p.w.Run(100)
	fails(t, errno.ECONNRESET, p.c.Recv(fd, 10, 0))
	assert.Empty(t, p.s.Sockets())
}

func TestReuseAddrAgainstTimeWait(t *testing.T) {
	for _, reuse := range []bool{false, true} {
		w := New(9)
		s, c := w.Host("server"), w.Host("client")
		l := must(t, s.Socket(AF_INET, SOCK_STREAM, 0))
		must(t, s.Setsockopt(l, SOL_SOCKET, SO_REUSEADDR, IntOpt(boolInt(reuse))))
		must(t, s.Bind(l, ap("0.0.0.0:80")))
		must(t, s.Listen(l, 5))
		cfd := must(t, c.Socket(AF_INET, SOCK_STREAM, 0))
		require.True(t, c.Connect(cfd, ap("10.0.0.2:80")).Blocked)
		w.Run(100)
		a := must(t, s.Accept(l))
		// The server closes first, so the server side ends in TIME-WAIT.
		must(t, s.Close(a))
		w.Run(100)
		must(t, c.Close(cfd))
		w.Run(100)
		must(t, s.Close(l))
		require.Equal(t, "TIME-WAIT", s.Sockets()[0].State)

		n := must(t, s.Socket(AF_INET, SOCK_STREAM, 0))
		must(t, s.Setsockopt(n, SOL_SOCKET, SO_REUSEADDR, IntOpt(boolInt(reuse))))
		if reuse {
			must(t, s.Bind(n, ap("0.0.0.0:80")))
			continue
		}
		fails(t, errno.EADDRINUSE, s.Bind(n, ap("0.0.0.0:80")))
		require.NoError(t, w.Wait(60*time.Second))
		assert.Empty(t, s.Sockets()[1:], "TIME-WAIT is over")
		must(t, s.Bind(n, ap("0.0.0.0:80")))
	}
}

func TestAcceptQueueEMFILEKeepsConnection(t *testing.T) {
	p := listening(t, 5, 5)
	nbConnect(t, p)
	p.w.Run(100)
	for {
		if p.s.Socket(AF_INET, SOCK_DGRAM, 0).Err == errno.EMFILE {
			break
		}
	}
	fails(t, errno.EMFILE, p.s.Accept(p.lfd))
	must(t, p.s.Close(700))
	assert.Equal(t, 700, must(t, p.s.Accept(p.lfd)))
}
