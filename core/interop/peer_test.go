package interop

import (
	"net/netip"
	"testing"
	"time"

	"github.com/sockplay/sockplay/core/errno"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gvisor.dev/gvisor/pkg/tcpip/transport/tcp"
)

var (
	addrA = netip.MustParseAddr("10.0.0.3")
	addrB = netip.MustParseAddr("10.0.0.4")
)

const limit = 10 * time.Minute

// twoPeers joins two gVisor stacks on a 1 ms link.
func twoPeers(t *testing.T, seed uint64) (a, b *Peer, link *Link) {
	t.Helper()
	a, err := NewPeer(PeerConfig{Addr: netip.PrefixFrom(addrA, 24), Seed: seed})
	require.NoError(t, err)
	t.Cleanup(a.Close)
	b, err = NewPeer(PeerConfig{Addr: netip.PrefixFrom(addrB, 24), Seed: seed + 1})
	require.NoError(t, err)
	t.Cleanup(b.Close)
	link = NewLink(seed, time.Millisecond)
	link.Attach(addrA, a)
	link.Attach(addrB, b)
	watch(t, link)
	return a, b, link
}

// connectPeers has a dial b's port 80 and returns both ends.
func connectPeers(t *testing.T, a, b *Peer, link *Link) (client, server *Conn) {
	t.Helper()
	ln, err := b.Listen(80, 8)
	require.NoError(t, err)
	client, err = a.Dial(netip.AddrPortFrom(addrB, 80))
	require.NoError(t, err)
	require.NoError(t, link.RunUntil(func() bool {
		if server == nil {
			server, err = ln.Accept()
		}
		return server != nil
	}, limit))
	return client, server
}

func TestPeersHandshake(t *testing.T) {
	a, b, link := twoPeers(t, 1)
	client, server := connectPeers(t, a, b, link)
	assert.Equal(t, tcp.StateEstablished, client.State())
	assert.Equal(t, tcp.StateEstablished, server.State())
	// SYN, SYN-ACK, ACK: 3 ms of 1 ms hops, nothing more.
	assert.Equal(t, 3*time.Millisecond, link.Now())
}

func TestPeersRefuseClosedPort(t *testing.T) {
	a, b, link := twoPeers(t, 2)
	conn, err := a.Dial(netip.AddrPortFrom(addrB, 81))
	require.NoError(t, err)
	require.NoError(t, link.RunUntil(func() bool { return conn.State() != tcp.StateSynSent }, limit))
	assert.Equal(t, errno.ECONNREFUSED, conn.Err())
	assert.Equal(t, uint64(1), b.TCPCounters().ResetsSent)
}

func TestPeersTransferUnderLoss(t *testing.T) {
	a, b, link := twoPeers(t, 3)
	client, server := connectPeers(t, a, b, link)
	link.Loss = 0.05
	up := &pipe{from: client, to: server, data: payload(1, 1<<20)}
	down := &pipe{from: server, to: client, data: payload(2, 1<<20)}
	transfer(t, link, limit, up, down)
	assert.Positive(t, link.Dropped)
	assert.Positive(t, a.TCPCounters().Retransmits+b.TCPCounters().Retransmits)
}

func TestPeersOrderlyClose(t *testing.T) {
	a, b, link := twoPeers(t, 4)
	client, server := connectPeers(t, a, b, link)
	client.Close()
	require.NoError(t, link.RunUntil(func() bool { return server.State() == tcp.StateCloseWait }, limit))
	_, err := server.ReadAvailable()
	assert.ErrorIs(t, err, ErrEOF)
	server.Close()
	require.NoError(t, link.RunUntil(func() bool { return server.State() == tcp.StateClose }, limit))
	assert.Equal(t, tcp.StateTimeWait, client.State())
}

func TestPeersAbortResets(t *testing.T) {
	a, b, link := twoPeers(t, 5)
	client, server := connectPeers(t, a, b, link)
	client.Abort()
	require.NoError(t, link.RunUntil(func() bool { return server.State() != tcp.StateEstablished }, limit))
	_, err := server.ReadAvailable()
	assert.ErrorIs(t, err, errno.ECONNRESET)
	assert.Equal(t, uint64(1), b.TCPCounters().ResetsReceived)
}

// TestPeersRepeat runs a lossy exchange twice: every packet must repeat, or
// the harness is not deterministic and interop failures could not be replayed.
func TestPeersRepeat(t *testing.T) {
	run := func() [32]byte {
		a, b, link := twoPeers(t, 6)
		w := watch(t, link)
		client, server := connectPeers(t, a, b, link)
		link.Loss = 0.1
		transfer(t, link, limit, &pipe{from: client, to: server, data: payload(3, 200_000)})
		assert.Positive(t, w.packets)
		return [32]byte(w.hash.Sum(nil))
	}
	assert.Equal(t, run(), run())
}
