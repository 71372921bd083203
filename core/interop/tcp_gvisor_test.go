package interop

import (
	"net/netip"
	"testing"
	"time"

	"github.com/sockplay/sockplay/core/errno"
	"github.com/sockplay/sockplay/core/tcp"
	"github.com/sockplay/sockplay/core/wire"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	gtcp "gvisor.dev/gvisor/pkg/tcpip/transport/tcp"
)

var (
	ourAddr    = netip.MustParseAddr("10.0.0.1")
	gvisorAddr = netip.MustParseAddr("10.0.0.3")
)

// tcpPair is one core/tcp host and one gVisor peer on a 1 ms link.
type tcpPair struct {
	ours  *tcpHost
	peer  *Peer
	link  *Link
	watch *watcher
}

func newTCPPair(t *testing.T, seed uint64) *tcpPair {
	t.Helper()
	peer, err := NewPeer(PeerConfig{Addr: netip.PrefixFrom(gvisorAddr, 24), Seed: seed})
	require.NoError(t, err)
	t.Cleanup(peer.Close)
	ours := newTCPHost(ourAddr, tcp.Init{ISS: uint32(seed * 0x9e3779b9), TSOffset: uint32(seed)})
	link := NewLink(seed, time.Millisecond)
	link.Attach(ourAddr, ours)
	link.Attach(gvisorAddr, peer)
	p := &tcpPair{ours: ours, peer: peer, link: link, watch: watch(t, link)}
	t.Cleanup(func() {
		assert.Zero(t, ours.dropped, "packets from gVisor that wire.Decode refused")
		assert.Equal(t, Rejections{}, peer.Rejected(), "packets from core/tcp that gVisor refused")
	})
	return p
}

// ourClient connects core/tcp to a gVisor listener on port 80.
func (p *tcpPair) ourClient(t *testing.T) (*tcp.Conn, *Conn) {
	t.Helper()
	ln, err := p.peer.Listen(80, 8)
	require.NoError(t, err)
	c := p.ours.dial(40000, netip.AddrPortFrom(gvisorAddr, 80))
	var server *Conn
	require.NoError(t, p.link.RunUntil(func() bool {
		if server == nil {
			server, _ = ln.Accept()
		}
		return server != nil && c.State() == tcp.Established
	}, limit))
	return c, server
}

// gvisorClient connects gVisor to a core/tcp listener on port 80.
func (p *tcpPair) gvisorClient(t *testing.T, setup ...func(*Conn)) (*Conn, *tcp.Conn) {
	t.Helper()
	p.ours.listen = 80
	client, err := p.peer.Dial(netip.AddrPortFrom(ourAddr, 80), setup...)
	require.NoError(t, err)
	require.NoError(t, p.link.RunUntil(func() bool {
		return p.ours.conn != nil && p.ours.conn.State() == tcp.Established && client.State() == gtcp.StateEstablished
	}, limit))
	return client, p.ours.conn
}

// synOptions decodes the SYN-bearing packets seen on the link.
func synOptions(t *testing.T, pkts [][]byte) (syn, synAck wire.TCPOptions) {
	for _, b := range pkts {
		p, err := wire.Decode(b)
		require.NoError(t, err)
		if p.TCP == nil || p.TCP.Flags&wire.SYN == 0 {
			continue
		}
		if p.TCP.Flags&wire.ACK == 0 {
			syn = p.TCP.Options
		} else {
			synAck = p.TCP.Options
		}
	}
	return syn, synAck
}

func assertFullOptions(t *testing.T, who string, o wire.TCPOptions) {
	assert.Equal(t, uint16(1460), o.MSS, "%s MSS", who)
	assert.True(t, o.HasWScale, "%s window scale", who)
	assert.True(t, o.SACKPermitted, "%s SACK permitted", who)
	assert.True(t, o.HasTimestamps, "%s timestamps", who)
}

func assertNegotiated(t *testing.T, c *tcp.Conn) {
	v := c.Vars()
	assert.True(t, v.WScaleOK, "window scaling")
	assert.True(t, v.SACKOK, "SACK")
	assert.True(t, v.TimestampsOK, "timestamps")
	assert.Equal(t, 1460-12, v.MSS, "MSS less the timestamp option")
	assert.NotZero(t, v.SndWScale, "gVisor's receive buffer needs a window scale")
}

func TestTCPHandshakeOurClient(t *testing.T) {
	p := newTCPPair(t, 11)
	var pkts [][]byte
	prev := p.link.Observe
	p.link.Observe = func(from netip.Addr, b []byte) { prev(from, b); pkts = append(pkts, b) }
	c, server := p.ourClient(t)
	assert.Equal(t, gtcp.StateEstablished, server.State())
	syn, synAck := synOptions(t, pkts)
	assertFullOptions(t, "our SYN", syn)
	assertFullOptions(t, "gVisor's SYN-ACK", synAck)
	assertNegotiated(t, c)
}

func TestTCPHandshakeGVisorClient(t *testing.T) {
	p := newTCPPair(t, 12)
	var pkts [][]byte
	prev := p.link.Observe
	p.link.Observe = func(from netip.Addr, b []byte) { prev(from, b); pkts = append(pkts, b) }
	_, c := p.gvisorClient(t)
	syn, synAck := synOptions(t, pkts)
	assertFullOptions(t, "gVisor's SYN", syn)
	assertFullOptions(t, "our SYN-ACK", synAck)
	assertNegotiated(t, c)
}

func TestTCPTransferUnderLossOurClient(t *testing.T) {
	for _, loss := range []float64{0.05, 0.10} {
		p := newTCPPair(t, 13)
		c, server := p.ourClient(t)
		p.link.Loss = loss
		transfer(t, p.link, limit,
			&pipe{from: p.ours.stream(), to: server, data: payload(1, 1<<20)},
			&pipe{from: server, to: p.ours.stream(), data: payload(2, 1<<20)})
		assert.Positive(t, c.Vars().Retransmits)
		assert.Positive(t, p.peer.TCPCounters().Retransmits)
	}
}

func TestTCPTransferUnderLossGVisorClient(t *testing.T) {
	for _, loss := range []float64{0.05, 0.10} {
		p := newTCPPair(t, 14)
		client, c := p.gvisorClient(t)
		p.link.Loss = loss
		transfer(t, p.link, limit,
			&pipe{from: client, to: p.ours.stream(), data: payload(3, 1<<20)},
			&pipe{from: p.ours.stream(), to: client, data: payload(4, 1<<20)})
		assert.Positive(t, c.Vars().Retransmits)
		assert.Positive(t, p.peer.TCPCounters().Retransmits)
	}
}

func TestTCPOrderlyCloseOurClientFirst(t *testing.T) {
	p := newTCPPair(t, 15)
	c, server := p.ourClient(t)
	c.Close(p.ours.now)
	p.ours.flush()
	require.NoError(t, p.link.RunUntil(func() bool { return server.State() == gtcp.StateCloseWait }, limit))
	_, err := server.ReadAvailable()
	assert.ErrorIs(t, err, ErrEOF)
	server.Close()
	require.NoError(t, p.link.RunUntil(func() bool { return server.State() == gtcp.StateClose }, limit))
	assert.Equal(t, tcp.TimeWait, c.State())
	p.link.RunFor(61 * time.Second)
	assert.Equal(t, tcp.Closed, c.State(), "TIME-WAIT lasts 60 s")
}

func TestTCPOrderlyCloseGVisorFirst(t *testing.T) {
	p := newTCPPair(t, 16)
	client, c := p.gvisorClient(t)
	client.Close()
	require.NoError(t, p.link.RunUntil(func() bool { return c.State() == tcp.CloseWait }, limit))
	_, err := p.ours.stream().ReadAvailable()
	assert.ErrorIs(t, err, ErrEOF)
	c.Close(p.ours.now)
	p.ours.flush()
	require.NoError(t, p.link.RunUntil(func() bool { return c.State() == tcp.Closed }, limit))
	assert.Equal(t, gtcp.StateTimeWait, client.State())
}

func TestTCPRefusedByGVisor(t *testing.T) {
	p := newTCPPair(t, 17)
	c := p.ours.dial(40000, netip.AddrPortFrom(gvisorAddr, 81))
	require.NoError(t, p.link.RunUntil(func() bool { return c.State() == tcp.Closed }, limit))
	assert.Equal(t, errno.ECONNREFUSED, c.Err())
	assert.Equal(t, uint64(1), p.peer.TCPCounters().ResetsSent)
}

func TestTCPRefusedByUs(t *testing.T) {
	p := newTCPPair(t, 18)
	client, err := p.peer.Dial(netip.AddrPortFrom(ourAddr, 81))
	require.NoError(t, err)
	require.NoError(t, p.link.RunUntil(func() bool { return client.State() != gtcp.StateSynSent }, limit))
	assert.Equal(t, errno.ECONNREFUSED, client.Err())
	assert.Equal(t, 1, p.ours.resets)
}

func TestTCPAbortOurs(t *testing.T) {
	p := newTCPPair(t, 19)
	c, server := p.ourClient(t)
	c.Abort(p.ours.now)
	p.ours.flush()
	require.NoError(t, p.link.RunUntil(func() bool { return server.State() != gtcp.StateEstablished }, limit))
	_, err := server.ReadAvailable()
	assert.ErrorIs(t, err, errno.ECONNRESET)
}

func TestTCPAbortGVisor(t *testing.T) {
	p := newTCPPair(t, 20)
	client, c := p.gvisorClient(t)
	client.Abort()
	require.NoError(t, p.link.RunUntil(func() bool { return c.State() == tcp.Closed }, limit))
	assert.Equal(t, errno.ECONNRESET, c.Err())
}
