package interop

import (
	"net/netip"
	"testing"
	"time"

	"github.com/sockplay/sockplay/core/errno"
	"github.com/sockplay/sockplay/core/inet"
	"github.com/sockplay/sockplay/core/netsim"
	"github.com/sockplay/sockplay/core/stack"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	gtcp "gvisor.dev/gvisor/pkg/tcpip/transport/tcp"
)

func TestWorldTransferUnderReorderingAndDuplication(t *testing.T) {
	p := newWorldPair(t, 61)
	c, server := p.ourClient(t)
	l := netsim.DefaultLink()
	l.Loss, l.Duplicate, l.Reorder = 0.03, 0.05, 0.1
	require.NoError(t, p.bridge.SetLink("client", l))
	transfer(t, p.bridge, limit,
		&pipe{from: c, to: server, data: payload(31, 1<<20)},
		&pipe{from: server, to: c, data: payload(32, 1<<20)})
}

// A blocking connect to gVisor blocks the host and completes once the
// handshake does, as a late result.
func TestWorldBlockingConnectCompletes(t *testing.T) {
	p := newWorldPair(t, 62)
	_, err := p.peer.Listen(80, 8)
	require.NoError(t, err)
	client := p.w.Host("client")
	r := client.Socket(stack.AF_INET, stack.SOCK_STREAM, 0)
	require.False(t, r.Failed())
	p.w.SetCall(7)
	r = client.Connect(r.Ret, inet.AddrPortFrom(inetAddr(gvisorAddr), 80))
	require.True(t, r.Blocked)
	require.NotNil(t, client.Pending())
	var done []stack.Completion
	require.NoError(t, p.bridge.RunUntil(func() bool {
		done = append(done, p.w.Completions()...)
		return len(done) > 0
	}, limit))
	require.Len(t, done, 1)
	assert.Equal(t, 7, done[0].Call)
	assert.Equal(t, errno.OK, done[0].Result.Err)
	assert.Nil(t, client.Pending())
	assert.Equal(t, 20*time.Millisecond, p.w.Now(), "connect returns when the SYN-ACK arrives")
}

func TestWorldSimultaneousClose(t *testing.T) {
	p := newWorldPair(t, 63)
	c, server := p.ourClient(t)
	local, remote := c.info(t).Local, c.info(t).Remote
	require.False(t, c.h.Close(c.fd).Failed())
	server.Close()
	require.NoError(t, p.bridge.RunUntil(func() bool {
		return connState(c.h, local, remote) == "TIME-WAIT" && server.State() == gtcp.StateTimeWait
	}, limit))
}

// gVisor with a small receive buffer that does not read: our sender probes
// the closed window until it reads again.
func TestWorldPersistAgainstGVisor(t *testing.T) {
	p := newWorldPair(t, 64)
	client, s := p.gvisorClient(t, func(c *Conn) { c.SetReceiveBuffer(16 << 10) })
	up := &pipe{from: s, to: client, data: payload(33, 200_000)}
	writeOnly := func() bool {
		if up.written < len(up.data) {
			n, _ := s.Write(up.data[up.written:])
			up.written += n
		}
		return false
	}
	require.ErrorIs(t, p.bridge.RunUntil(writeOnly, p.w.Now()+5*time.Second), ErrTimeLimit)
	before := p.seen
	require.ErrorIs(t, p.bridge.RunUntil(writeOnly, p.w.Now()+55*time.Second), ErrTimeLimit)
	assert.GreaterOrEqual(t, p.seen-before, 4, "gVisor answers each zero-window probe")
	assert.Zero(t, s.info(t).Vars.SndWnd)
	transfer(t, p.bridge, limit, up)
}

// A new SYN for a connection our server holds in TIME-WAIT opens a new
// connection (Linux's tcp_timewait_state_process, TCP_TW_SYN).
func TestWorldSYNReopensTimeWait(t *testing.T) {
	p := newWorldPair(t, 65)
	bindPort := func(c *Conn) { require.NoError(t, c.Bind(5000)) }
	client, s := p.gvisorClient(t, bindPort)
	local, remote := s.info(t).Local, s.info(t).Remote
	require.False(t, s.h.Close(s.fd).Failed())
	require.NoError(t, p.bridge.RunUntil(func() bool { return client.State() == gtcp.StateCloseWait }, limit))
	client.Close()
	require.NoError(t, p.bridge.RunUntil(func() bool { return client.State() == gtcp.StateClose }, limit))
	require.Equal(t, "TIME-WAIT", connState(s.h, local, remote))

	require.NoError(t, p.bridge.RunFor(time.Second))
	again, err := p.peer.Dial(netip.AddrPortFrom(netipAddr(stack.ServerAddr()), 80), bindPort)
	require.NoError(t, err)
	var r stack.Result
	require.NoError(t, p.bridge.RunUntil(func() bool {
		r = s.h.Accept(p.ln.fd)
		return !r.Failed() || again.State() != gtcp.StateSynSent && again.State() != gtcp.StateEstablished
	}, limit))
	assert.Equal(t, gtcp.StateEstablished, again.State())
	require.False(t, r.Failed(), "accept: %v", r.Err)
	assert.Equal(t, remote, r.Addr)
}
