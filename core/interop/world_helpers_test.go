package interop

import (
	"fmt"
	"net/netip"
	"testing"

	"github.com/sockplay/sockplay/core/errno"
	"github.com/sockplay/sockplay/core/inet"
	"github.com/sockplay/sockplay/core/netsim"
	"github.com/sockplay/sockplay/core/stack"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// worldPair is a sockplay World (client 10.0.0.1, server 10.0.0.2) with a
// gVisor peer bridged in at 10.0.0.3.
type worldPair struct {
	w      *stack.World
	peer   *Peer
	bridge *Bridge
	seen   int  // packets gVisor sent
	ln     sock // the server's listener, once gvisorClient made it
	bad    []string
}

func newWorldPair(t *testing.T, seed uint64) *worldPair {
	t.Helper()
	w := stack.New(seed)
	peer, err := NewPeer(PeerConfig{Addr: netip.PrefixFrom(gvisorAddr, 24), Seed: seed})
	require.NoError(t, err)
	t.Cleanup(peer.Close)
	b, err := NewBridge(w, peer)
	require.NoError(t, err)
	p := &worldPair{w: w, peer: peer, bridge: b}
	b.Observe = func(fromGVisor bool, pkt []byte) {
		if fromGVisor {
			p.seen++
		}
		if err := CrossCheck(pkt); err != nil && len(p.bad) < 5 {
			p.bad = append(p.bad, fmt.Sprintf("from gVisor %v: %v", fromGVisor, err))
		}
	}
	t.Cleanup(func() {
		assert.Empty(t, p.bad, "packets the two decoders disagree on")
		assert.Equal(t, Rejections{}, peer.Rejected(), "packets from sockplay that gVisor refused")
		for _, h := range w.Hosts() {
			assert.Zero(t, h.Dropped(), "packets from gVisor that %s refused", h.Name())
		}
	})
	return p
}

// setLoss sets loss on the links between host and gVisor, both ways.
func (p *worldPair) setLoss(t *testing.T, host string, loss float64) {
	l := netsim.DefaultLink()
	l.Loss = loss
	require.NoError(t, p.bridge.SetLink(host, l))
}

// sock is a non-blocking socket on a world host, seen as a stream.
type sock struct {
	h  *stack.Host
	fd int
}

func newSock(t *testing.T, h *stack.Host) sock {
	r := h.Socket(stack.AF_INET, stack.SOCK_STREAM|stack.SOCK_NONBLOCK, 0)
	require.False(t, r.Failed(), "socket: %v", r.Err)
	return sock{h, r.Ret}
}

func (s sock) Write(b []byte) (int, error) {
	r := s.h.Send(s.fd, b, 0)
	if r.Blocked || r.Refused != "" {
		return 0, fmt.Errorf("send on a non-blocking socket blocked: %+v", r)
	}
	if r.Failed() {
		return 0, r.Err
	}
	return r.Ret, nil
}

func (s sock) ReadAvailable() ([]byte, error) {
	var got []byte
	for {
		r := s.h.Recv(s.fd, 64<<10, 0)
		switch {
		case r.Blocked || r.Refused != "":
			return got, fmt.Errorf("recv on a non-blocking socket blocked: %+v", r)
		case r.Err == errno.EAGAIN && len(got) > 0:
			return got, nil
		case r.Failed():
			return got, r.Err
		case r.Ret == 0:
			if len(got) > 0 {
				return got, nil
			}
			return nil, ErrEOF
		}
		got = append(got, r.Data...)
	}
}

// info is the socket as the renderers see it.
func (s sock) info(t *testing.T) stack.SocketInfo {
	for _, si := range s.h.Sockets() {
		if si.FD == s.fd {
			return si
		}
	}
	require.FailNow(t, "no such socket", "fd %d on %s", s.fd, s.h.Name())
	return stack.SocketInfo{}
}

// connState is the state of the host's connection between local and
// remote, with or without a descriptor ("" if there is none).
func connState(h *stack.Host, local, remote inet.AddrPort) string {
	for _, si := range h.Sockets() {
		if si.Local == local && si.Remote == remote {
			return si.State
		}
	}
	return ""
}

// ourClient connects the world's client to a gVisor listener on port 80.
func (p *worldPair) ourClient(t *testing.T) (sock, *Conn) {
	t.Helper()
	ln, err := p.peer.Listen(80, 8)
	require.NoError(t, err)
	c := newSock(t, p.w.Host("client"))
	r := c.h.Connect(c.fd, inet.AddrPortFrom(inetAddr(gvisorAddr), 80))
	require.Equal(t, errno.EINPROGRESS, r.Err)
	var server *Conn
	require.NoError(t, p.bridge.RunUntil(func() bool {
		if server == nil {
			server, _ = ln.Accept()
		}
		return server != nil && c.info(t).State == "ESTABLISHED"
	}, limit))
	return c, server
}

// gvisorClient connects gVisor to a listener on the world's server, port 80.
func (p *worldPair) gvisorClient(t *testing.T, setup ...func(*Conn)) (*Conn, sock) {
	t.Helper()
	ln := newSock(t, p.w.Host("server"))
	require.False(t, ln.h.Bind(ln.fd, inet.AddrPortFrom(inet.IPv4Unspecified(), 80)).Failed())
	require.False(t, ln.h.Listen(ln.fd, 8).Failed())
	p.ln = ln
	client, err := p.peer.Dial(netip.AddrPortFrom(netipAddr(stack.ServerAddr()), 80), setup...)
	require.NoError(t, err)
	var accepted sock
	require.NoError(t, p.bridge.RunUntil(func() bool {
		if accepted.h == nil {
			if r := ln.h.Accept(ln.fd); !r.Failed() {
				accepted = sock{ln.h, r.Ret}
				// accept(2) does not pass O_NONBLOCK on.
				require.False(t, ln.h.Fcntl(r.Ret, stack.F_SETFL, stack.O_NONBLOCK).Failed())
			} else {
				require.ErrorIs(t, r.Err, errno.EAGAIN)
			}
		}
		return accepted.h != nil && client.State().String() == "ESTABLISHED"
	}, limit))
	return client, accepted
}
