package interop

import (
	"fmt"
	"net/netip"
	"testing"
	"time"

	"github.com/sockplay/sockplay/core/tcp"
	"github.com/sockplay/sockplay/core/wire"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Regression, found against gVisor (a lossy transfer stalled): after a
// retransmission timeout, a hole shorter than the MSS at SND.UNA, followed by
// SACKed data, was never resent: cut at the SACKed block, the segment was
// then held by sender SWS avoidance (RFC 9293 3.8.6.2.1) as if the window had
// cut it, and every RTO fired, backed off and sent nothing. The smallest
// sequence that shows it, with core/tcp alone.
func TestTCPResendsShortHoleBeforeSACKedDataAfterTimeout(t *testing.T) {
	local := tcp.Endpoint{Addr: inetAddr(ourAddr), Port: 40000}
	remote := tcp.Endpoint{Addr: inetAddr(gvisorAddr), Port: 80}
	c := tcp.NewActive(tcp.DefaultConfig(), local, remote, tcp.Init{ISS: 1000}, 0)
	require.Len(t, c.Output(0), 1) // SYN
	now := 10 * time.Millisecond
	c.Input(now, &wire.TCP{SrcPort: 80, DstPort: 40000, Seq: 5000, Ack: 1001, Flags: wire.SYN | wire.ACK,
		Window: 65535, Options: wire.TCPOptions{MSS: 1460, SACKPermitted: true}})
	c.Output(now) // ACK
	require.Equal(t, tcp.Established, c.State())

	// A short segment, then three full ones.
	var sent []uint32
	for _, size := range []int{100, 3 * 1460} {
		n, e := c.Send(now, make([]byte, size))
		require.Equal(t, size, n)
		require.Zero(t, e)
		for _, s := range c.Output(now) {
			sent = append(sent, s.Seq)
		}
	}
	require.Equal(t, []uint32{1001, 1101, 2561, 4021}, sent)

	// The short one is lost; the peer SACKs the rest (one dup ACK only, so
	// no fast retransmit).
	now += 10 * time.Millisecond
	c.Input(now, &wire.TCP{SrcPort: 80, DstPort: 40000, Seq: 5001, Ack: 1001, Flags: wire.ACK, Window: 65535,
		Options: wire.TCPOptions{SACK: []wire.SACKBlock{{Left: 1101, Right: 5481}}}})
	c.Output(now)

	deadline, ok := c.Deadline()
	require.True(t, ok)
	c.Advance(deadline)
	out := c.Output(deadline)
	require.NotEmpty(t, out, "the retransmission timeout must resend something")
	assert.Equal(t, uint32(1001), out[0].Seq)
	assert.Len(t, out[0].Payload, 100)
}

// Regression, found in traces against gVisor: the right edge we advertised
// (ACK + window << scale) moved left by up to 2^scale - 1 bytes, the window
// field being the remaining window rounded down, while core/tcp kept the old
// edge internally. RFC 9293 3.8.6.2.2 says not to shrink the window; Linux's
// tcp_select_window rounds the current window up so the edge never retreats.
func TestTCPAdvertisedRightEdgeNeverRetreats(t *testing.T) {
	p := newTCPPair(t, 21)
	var edge uint32
	retreats := 0
	var first string
	prev := p.link.Observe
	p.link.Observe = func(from netip.Addr, b []byte) {
		prev(from, b)
		pkt, err := wire.Decode(b)
		if err != nil || from != ourAddr || pkt.TCP.Flags&wire.SYN != 0 || p.ours.conn == nil {
			return
		}
		right := pkt.TCP.Ack + uint32(pkt.TCP.Window)<<p.ours.conn.Vars().RcvWScale
		if edge != 0 && int32(right-edge) < 0 {
			if retreats == 0 {
				first = fmt.Sprintf("ack %d win %d: edge %d after %d", pkt.TCP.Ack, pkt.TCP.Window, right, edge)
			}
			retreats++
			return
		}
		edge = right
	}
	client, _ := p.gvisorClient(t)
	transfer(t, p.link, limit, &pipe{from: client, to: p.ours.stream(), data: payload(11, 300_000)})
	assert.Zero(t, retreats, "first: %s", first)
}
