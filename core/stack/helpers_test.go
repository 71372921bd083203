package stack

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/sockplay/sockplay/core/errno"
	"github.com/sockplay/sockplay/core/inet"
	"github.com/sockplay/sockplay/core/netsim"
)

func ap(s string) inet.AddrPort { return inet.MustParseAddrPort(s) }

// must asserts a call succeeded without blocking and returns its value.
func must(t testing.TB, r Result, why ...string) int {
	t.Helper()
	require.False(t, r.Blocked, "blocked: %s %v", r.On, why)
	require.Empty(t, r.Refused)
	require.Equal(t, errno.OK, r.Err, "call failed: %v %v", r.Err, why)
	return r.Ret
}

// fails asserts a call failed with e.
func fails(t testing.TB, e errno.Errno, r Result, why ...string) {
	t.Helper()
	require.False(t, r.Blocked, "blocked: %s %v", r.On, why)
	require.Equal(t, e, r.Err, "want %v, got %v (ret %d) %v", e, r.Err, r.Ret, why)
	require.Equal(t, -1, r.Ret)
}

// pair is a world with a server listening on port 80 and a client socket.
type pair struct {
	w        *World
	c, s     *Host
	lfd, cfd int
}

func listening(t testing.TB, seed uint64, backlog int) *pair {
	t.Helper()
	w := New(seed)
	p := &pair{w: w, c: w.Host("client"), s: w.Host("server")}
	p.lfd = must(t, p.s.Socket(AF_INET, SOCK_STREAM, 0))
	must(t, p.s.Bind(p.lfd, ap("0.0.0.0:80")))
	must(t, p.s.Listen(p.lfd, backlog))
	p.cfd = must(t, p.c.Socket(AF_INET, SOCK_STREAM, 0))
	return p
}

// established runs a full handshake and accept; returns the accepted fd.
func established(t testing.TB, seed uint64) (*pair, int) {
	t.Helper()
	p := listening(t, seed, 5)
	r := p.c.Connect(p.cfd, ap("10.0.0.2:80"))
	require.True(t, r.Blocked)
	require.True(t, p.w.Run(1000).Quiet)
	done := p.w.Completions()
	require.Len(t, done, 1)
	require.Equal(t, errno.OK, done[0].Result.Err)
	afd := must(t, p.s.Accept(p.lfd))
	return p, afd
}

// lossy is a link that loses packets with probability p.
func lossy(p float64) netsim.Link {
	l := netsim.DefaultLink()
	l.Loss = p
	return l
}
