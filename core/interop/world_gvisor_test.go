package interop

import (
	"net/netip"
	"testing"
	"time"

	"github.com/sockplay/sockplay/core/errno"
	"github.com/sockplay/sockplay/core/inet"
	"github.com/sockplay/sockplay/core/stack"
	"github.com/sockplay/sockplay/core/trace"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	gtcp "gvisor.dev/gvisor/pkg/tcpip/transport/tcp"
)

// recordPackets keeps every packet the bridge observes.
func (p *worldPair) recordPackets() *[][]byte {
	var pkts [][]byte
	prev := p.bridge.Observe
	p.bridge.Observe = func(fromGVisor bool, b []byte) { prev(fromGVisor, b); pkts = append(pkts, b) }
	return &pkts
}

func TestWorldHandshakeOurClient(t *testing.T) {
	p := newWorldPair(t, 41)
	pkts := p.recordPackets()
	c, server := p.ourClient(t)
	assert.Equal(t, gtcp.StateEstablished, server.State())
	syn, synAck := synOptions(t, *pkts)
	assertFullOptions(t, "our SYN", syn)
	assertFullOptions(t, "gVisor's SYN-ACK", synAck)
	v := c.info(t).Vars
	require.NotNil(t, v)
	assert.True(t, v.WScaleOK && v.SACKOK && v.TimestampsOK, "options negotiated: %+v", v)
	assert.Equal(t, 1448, v.MSS)
	// SYN, SYN-ACK, ACK over 10 ms links: gVisor accepts at 30 ms.
	assert.Equal(t, 30*time.Millisecond, p.w.Now())
}

func TestWorldHandshakeGVisorClient(t *testing.T) {
	p := newWorldPair(t, 42)
	pkts := p.recordPackets()
	_, s := p.gvisorClient(t)
	syn, synAck := synOptions(t, *pkts)
	assertFullOptions(t, "gVisor's SYN", syn)
	assertFullOptions(t, "our SYN-ACK", synAck)
	v := s.info(t).Vars
	require.NotNil(t, v)
	assert.True(t, v.WScaleOK && v.SACKOK && v.TimestampsOK, "options negotiated: %+v", v)
	assert.Equal(t, "ESTABLISHED", s.info(t).State)
}

func TestWorldTransferUnderLossOurClient(t *testing.T) {
	p := newWorldPair(t, 43)
	c, server := p.ourClient(t)
	p.setLoss(t, "client", 0.05)
	transfer(t, p.bridge, limit,
		&pipe{from: c, to: server, data: payload(21, 1<<20)},
		&pipe{from: server, to: c, data: payload(22, 1<<20)})
	assert.Positive(t, c.info(t).Vars.Retransmits)
	assert.Positive(t, p.peer.TCPCounters().Retransmits)
}

func TestWorldTransferUnderLossGVisorClient(t *testing.T) {
	p := newWorldPair(t, 44)
	client, s := p.gvisorClient(t)
	p.setLoss(t, "server", 0.08)
	transfer(t, p.bridge, limit,
		&pipe{from: client, to: s, data: payload(23, 1<<20)},
		&pipe{from: s, to: client, data: payload(24, 1<<20)})
	assert.Positive(t, s.info(t).Vars.Retransmits)
	assert.Positive(t, p.peer.TCPCounters().Retransmits)
}

func TestWorldOrderlyCloseOurClientFirst(t *testing.T) {
	p := newWorldPair(t, 45)
	c, server := p.ourClient(t)
	local, remote := c.info(t).Local, c.info(t).Remote
	require.False(t, c.h.Close(c.fd).Failed())
	require.NoError(t, p.bridge.RunUntil(func() bool { return server.State() == gtcp.StateCloseWait }, limit))
	_, err := server.ReadAvailable()
	assert.ErrorIs(t, err, ErrEOF)
	server.Close()
	require.NoError(t, p.bridge.RunUntil(func() bool { return server.State() == gtcp.StateClose }, limit))
	assert.Equal(t, "TIME-WAIT", connState(c.h, local, remote))
	require.NoError(t, p.bridge.RunFor(61*time.Second))
	assert.Equal(t, "", connState(c.h, local, remote), "gone after TIME-WAIT")
}

func TestWorldOrderlyCloseGVisorFirst(t *testing.T) {
	p := newWorldPair(t, 46)
	client, s := p.gvisorClient(t)
	client.Close()
	require.NoError(t, p.bridge.RunUntil(func() bool { return s.info(t).State == "CLOSE-WAIT" }, limit))
	_, err := s.ReadAvailable()
	assert.ErrorIs(t, err, ErrEOF)
	local, remote := s.info(t).Local, s.info(t).Remote
	require.False(t, s.h.Close(s.fd).Failed())
	require.NoError(t, p.bridge.RunUntil(func() bool { return connState(s.h, local, remote) == "" }, limit))
	assert.Equal(t, gtcp.StateTimeWait, client.State())
}

func TestWorldRefusedByGVisor(t *testing.T) {
	p := newWorldPair(t, 47)
	c := newSock(t, p.w.Host("client"))
	require.Equal(t, errno.EINPROGRESS, c.h.Connect(c.fd, inet.AddrPortFrom(inetAddr(gvisorAddr), 81)).Err)
	require.NoError(t, p.bridge.RunUntil(func() bool { return c.info(t).State != "SYN-SENT" }, limit))
	assert.Equal(t, int(errno.ECONNREFUSED), c.h.Getsockopt(c.fd, stack.SOL_SOCKET, stack.SO_ERROR).Ret)
	assert.Equal(t, uint64(1), p.peer.TCPCounters().ResetsSent)
}

func TestWorldRefusedByUs(t *testing.T) {
	p := newWorldPair(t, 48)
	client, err := p.peer.Dial(netip.AddrPortFrom(netipAddr(stack.ServerAddr()), 81))
	require.NoError(t, err)
	require.NoError(t, p.bridge.RunUntil(func() bool { return client.State() != gtcp.StateSynSent }, limit))
	assert.Equal(t, errno.ECONNREFUSED, client.Err())
}

func TestWorldAbortOurs(t *testing.T) {
	p := newWorldPair(t, 49)
	c, server := p.ourClient(t)
	r := c.h.Setsockopt(c.fd, stack.SOL_SOCKET, stack.SO_LINGER, stack.OptVal{Linger: &stack.Linger{OnOff: 1}})
	require.False(t, r.Failed(), "SO_LINGER: %v", r.Err)
	require.False(t, c.h.Close(c.fd).Failed())
	require.NoError(t, p.bridge.RunUntil(func() bool { return server.State() != gtcp.StateEstablished }, limit))
	_, err := server.ReadAvailable()
	assert.ErrorIs(t, err, errno.ECONNRESET)
}

func TestWorldAbortGVisor(t *testing.T) {
	p := newWorldPair(t, 50)
	client, s := p.gvisorClient(t)
	client.Abort()
	require.NoError(t, p.bridge.RunUntil(func() bool { return s.info(t).State == "CLOSED" }, limit))
	_, err := s.ReadAvailable()
	assert.ErrorIs(t, err, errno.ECONNRESET)
}

// The world's trace records gVisor's packets like any host's: sent by
// 10.0.0.3, delivered to it, with the bytes.
func TestWorldTraceShowsTheExternal(t *testing.T) {
	p := newWorldPair(t, 51)
	p.ourClient(t)
	sent, delivered := 0, 0
	for _, e := range p.w.Log().Events() {
		switch {
		case e.Kind == trace.Send && e.From == gvisorAddr.String():
			sent++
		case e.Kind == trace.Deliver && e.To == gvisorAddr.String():
			delivered++
		}
	}
	assert.Equal(t, 1, sent, "SYN-ACK")
	assert.Equal(t, 2, delivered, "SYN and ACK")
}

// Same seed, same run: every byte of the trace repeats.
func TestWorldRepeats(t *testing.T) {
	run := func() []trace.Event {
		p := newWorldPair(t, 52)
		c, server := p.ourClient(t)
		p.setLoss(t, "client", 0.1)
		transfer(t, p.bridge, limit, &pipe{from: c, to: server, data: payload(25, 100_000)})
		return p.w.Log().Events()
	}
	assert.Equal(t, run(), run())
}
