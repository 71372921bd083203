package interop

import (
	"net/netip"
	"testing"

	"github.com/sockplay/sockplay/core/wire"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCrossCheckAgreesOnAGoodSegment(t *testing.T) {
	pkt := wire.TCPPacket(inetAddr(addrA), inetAddr(addrB), 7, &wire.TCP{
		SrcPort: 40000, DstPort: 80, Seq: 1000, Ack: 2000, Flags: wire.ACK | wire.PSH, Window: 512,
		Options: wire.TCPOptions{HasTimestamps: true, TSVal: 5, TSEcr: 6, SACK: []wire.SACKBlock{{Left: 3000, Right: 4000}}},
		Payload: []byte("hello"),
	})
	assert.NoError(t, CrossCheck(pkt))
}

func TestCrossCheckAgreesOnSYNOptions(t *testing.T) {
	pkt := wire.TCPPacket(inetAddr(addrA), inetAddr(addrB), 7, &wire.TCP{
		SrcPort: 40000, DstPort: 80, Seq: 1, Flags: wire.SYN, Window: 64240,
		Options: wire.TCPOptions{MSS: 1460, HasWScale: true, WScale: 7, SACKPermitted: true, HasTimestamps: true, TSVal: 9},
	})
	assert.NoError(t, CrossCheck(pkt))
}

func TestCrossCheckRejectsCorruption(t *testing.T) {
	pkt := wire.TCPPacket(inetAddr(addrA), inetAddr(addrB), 7, &wire.TCP{SrcPort: 1, DstPort: 2, Flags: wire.ACK, Payload: []byte("data")})
	for _, at := range []int{10, 22, len(pkt) - 1} { // IP checksum, TCP port, payload
		bad := append([]byte(nil), pkt...)
		bad[at] ^= 0x40
		assert.Error(t, CrossCheck(bad), "flipped byte %d", at)
	}
	assert.Error(t, CrossCheck(pkt[:30]))
}

func TestCrossCheckSeesGVisorTraffic(t *testing.T) {
	a, b, link := twoPeers(t, 7)
	var seen []error
	link.Observe = func(_ netip.Addr, pkt []byte) { seen = append(seen, CrossCheck(pkt)) }
	connectPeers(t, a, b, link)
	require.Len(t, seen, 3)
	for _, err := range seen {
		assert.NoError(t, err)
	}
}
