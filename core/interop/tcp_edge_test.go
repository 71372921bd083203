package interop

import (
	"net/netip"
	"testing"
	"time"

	"github.com/sockplay/sockplay/core/errno"
	"github.com/sockplay/sockplay/core/tcp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	gtcp "gvisor.dev/gvisor/pkg/tcpip/transport/tcp"
)

// A receiver that stops reading closes its window; gVisor must probe it
// and resume when we read again.
func TestTCPZeroWindowWithGVisorSender(t *testing.T) {
	p := newTCPPair(t, 21)
	client, c := p.gvisorClient(t)
	up := &pipe{from: client, to: p.ours.stream(), data: payload(5, 1<<20)}
	// Only write, no reads, for 30 s of virtual time.
	stop := p.link.Now() + 30*time.Second
	require.ErrorIs(t, p.link.RunUntil(func() bool {
		if up.written < len(up.data) {
			n, _ := client.Write(up.data[up.written:])
			up.written += n
		}
		return false
	}, stop), ErrTimeLimit)
	v := c.Vars()
	// Less than an MSS of window left: the sender's SWS avoidance
	// (RFC 9293 3.8.6.2.1) stops there.
	assert.Greater(t, v.RecvBuffered, v.RecvBuffer-v.MSS, "our receive buffer fills up")
	assert.Less(t, v.RcvWnd, uint32(v.MSS))
	assert.Equal(t, tcp.Established, c.State())
	assert.Equal(t, gtcp.StateEstablished, client.State())
	transfer(t, p.link, limit, up)
}

func TestTCPHalfCloseKeepsOtherDirection(t *testing.T) {
	p := newTCPPair(t, 22)
	c, server := p.ourClient(t)
	require.Zero(t, c.ShutdownWrite(p.ours.now))
	p.ours.flush()
	require.NoError(t, p.link.RunUntil(func() bool { return server.State() == gtcp.StateCloseWait }, limit))
	transfer(t, p.link, limit, &pipe{from: server, to: p.ours.stream(), data: payload(6, 300_000)})
	assert.Equal(t, tcp.FinWait2, c.State())
	server.Close()
	require.NoError(t, p.link.RunUntil(func() bool { return c.State() == tcp.TimeWait }, limit))
}

func TestTCPSimultaneousClose(t *testing.T) {
	p := newTCPPair(t, 23)
	c, server := p.ourClient(t)
	c.Close(p.ours.now)
	p.ours.flush()
	server.Close()
	require.NoError(t, p.link.RunUntil(func() bool {
		return c.State() == tcp.TimeWait && server.State() == gtcp.StateTimeWait
	}, limit))
}

// gVisor on a 1000-byte MTU announces MSS 960: we must never send more.
func TestTCPHonoursSmallMSS(t *testing.T) {
	peer, err := NewPeer(PeerConfig{Addr: netip.PrefixFrom(gvisorAddr, 24), Seed: 24, MTU: 1000})
	require.NoError(t, err)
	t.Cleanup(peer.Close)
	ours := newTCPHost(ourAddr, tcp.Init{ISS: 1 << 31})
	link := NewLink(24, time.Millisecond)
	link.Attach(ourAddr, ours)
	link.Attach(gvisorAddr, peer)
	biggest := 0
	link.Observe = func(from netip.Addr, b []byte) {
		if from == ourAddr {
			biggest = max(biggest, len(b))
		}
		assert.NoError(t, CrossCheck(b))
	}
	pr := &tcpPair{ours: ours, peer: peer, link: link}
	c, server := pr.ourClient(t)
	link.Loss = 0.05
	transfer(t, link, limit, &pipe{from: ours.stream(), to: server, data: payload(7, 200_000)})
	assert.Equal(t, 1000, biggest, "full-sized segments fill the MTU exactly")
	assert.Equal(t, 960-12, c.Vars().MSS)
	assert.Equal(t, Rejections{}, peer.Rejected())
}

// Reordered and duplicated packets on top of loss.
func TestTCPTransferUnderReorderingAndDuplication(t *testing.T) {
	p := newTCPPair(t, 25)
	_, server := p.ourClient(t)
	p.link.Loss = 0.05
	p.link.Duplicate = 0.05
	p.link.Jitter = 5 * time.Millisecond
	transfer(t, p.link, limit,
		&pipe{from: p.ours.stream(), to: server, data: payload(8, 1<<20)},
		&pipe{from: server, to: p.ours.stream(), data: payload(9, 1<<20)})
}

// Our sender facing gVisor's closed window must keep probing (persist
// timer) rather than give up, and finish once gVisor reads again.
func TestTCPPersistAgainstGVisorZeroWindow(t *testing.T) {
	p := newTCPPair(t, 26)
	client, c := p.gvisorClient(t, func(c *Conn) { c.SetReceiveBuffer(16 << 10) })
	up := &pipe{from: p.ours.stream(), to: client, data: payload(10, 300_000)}
	writeOnly := func() bool {
		if up.written < len(up.data) {
			n, _ := p.ours.stream().Write(up.data[up.written:])
			up.written += n
		}
		return false
	}
	require.ErrorIs(t, p.link.RunUntil(writeOnly, p.link.Now()+5*time.Second), ErrTimeLimit)
	before := p.watch.packets
	require.ErrorIs(t, p.link.RunUntil(writeOnly, p.link.Now()+55*time.Second), ErrTimeLimit)
	// Probes back off from 200 ms; 6.4, 12.8, 25.6 and 51.2 s fall in
	// this stretch, each answered.
	assert.GreaterOrEqual(t, p.watch.packets-before, 8, "zero-window probes and their answers")
	assert.Zero(t, c.Vars().SndWnd, "gVisor's window is closed")
	assert.Equal(t, tcp.Established, c.State())
	assert.Equal(t, gtcp.StateEstablished, client.State())
	transfer(t, p.link, limit, up)
}

// Lost SYNs and SYN-ACKs are retransmitted until both ends are connected.
func TestTCPHandshakeUnderLoss(t *testing.T) {
	for seed := uint64(30); seed < 36; seed++ {
		p := newTCPPair(t, seed)
		p.link.Loss = 0.4
		if seed%2 == 0 {
			p.ourClient(t)
		} else {
			p.gvisorClient(t)
		}
	}
}

// Closing with unread data aborts with a RST (RFC 2525 2.17, Linux).
func TestTCPCloseWithUnreadDataResetsGVisor(t *testing.T) {
	p := newTCPPair(t, 27)
	c, server := p.ourClient(t)
	_, err := server.Write([]byte("unread"))
	require.NoError(t, err)
	require.NoError(t, p.link.RunUntil(func() bool { return c.Vars().RecvBuffered > 0 }, limit))
	c.Close(p.ours.now)
	p.ours.flush()
	require.NoError(t, p.link.RunUntil(func() bool { return server.State() != gtcp.StateEstablished }, limit))
	_, err = server.ReadAvailable()
	assert.ErrorIs(t, err, errno.ECONNRESET)
}

func TestTCPGVisorCloseWithUnreadDataResetsUs(t *testing.T) {
	p := newTCPPair(t, 28)
	client, c := p.gvisorClient(t)
	_, e := c.Send(p.ours.now, []byte("unread"))
	require.Zero(t, e)
	p.ours.flush()
	require.NoError(t, p.link.RunUntil(func() bool { return c.Vars().SndUna == c.Vars().SndNxt }, limit))
	client.Close()
	require.NoError(t, p.link.RunUntil(func() bool { return c.State() == tcp.Closed }, limit))
	assert.Equal(t, errno.ECONNRESET, c.Err())
}

// Our keepalive probes get answered by gVisor; when gVisor goes silent the
// probes run out and the connection times out.
func TestTCPKeepaliveAgainstGVisor(t *testing.T) {
	p := newTCPPair(t, 29)
	c, _ := p.ourClient(t)
	cfg := c.Config()
	cfg.KeepAlive, cfg.KeepIdle, cfg.KeepInterval, cfg.KeepCount = true, 10*time.Second, time.Second, 3
	p.ours.AdvanceTo(p.ours.now) // let the new settings arm the timer
	sentBefore := p.peer.TCPCounters().SegmentsSent
	p.link.RunFor(35 * time.Second)
	assert.Equal(t, tcp.Established, c.State())
	assert.GreaterOrEqual(t, p.peer.TCPCounters().SegmentsSent-sentBefore, uint64(3), "gVisor answers each probe")

	p.link.Loss = 1
	require.NoError(t, p.link.RunUntil(func() bool { return c.State() == tcp.Closed }, limit))
	assert.Equal(t, errno.ETIMEDOUT, c.Err())
}

// gVisor's keepalive probes must be answered by us.
func TestTCPAnswersGVisorKeepalive(t *testing.T) {
	p := newTCPPair(t, 31)
	client, c := p.gvisorClient(t)
	require.NoError(t, client.SetKeepalive(10*time.Second, time.Second, 3))
	p.link.RunFor(5 * time.Minute)
	assert.Equal(t, gtcp.StateEstablished, client.State())
	assert.Equal(t, tcp.Established, c.State())
}
