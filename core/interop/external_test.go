package interop

import (
	"net/netip"
	"testing"
	"time"

	"github.com/sockplay/sockplay/core/errno"
	"github.com/sockplay/sockplay/core/inet"
	"github.com/sockplay/sockplay/core/stack"
	"github.com/sockplay/sockplay/core/tcp"
	"github.com/sockplay/sockplay/core/wire"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// These test core/stack/external.go on its own, with a hand-written
// external that answers every SYN with a RST.

func TestExternalRejectsBadAddresses(t *testing.T) {
	w := stack.New(1)
	deliver := func(time.Duration, []byte) {}
	for _, a := range []string{"0.0.0.0", "127.0.0.1", "224.0.0.1", "::1", "10.0.0.2"} {
		_, err := w.AddExternal(inetAddr(netip.MustParseAddr(a)), deliver)
		assert.Error(t, err, a)
	}
	_, err := w.AddExternal(inetAddr(gvisorAddr), nil)
	assert.Error(t, err)
}

func TestExternalSendChecksThePacket(t *testing.T) {
	w := stack.New(1)
	x, err := w.AddExternal(inetAddr(gvisorAddr), func(time.Duration, []byte) {})
	require.NoError(t, err)
	assert.Error(t, x.Send([]byte{0x45}))
	assert.Error(t, x.Send(make([]byte, 40)), "version 0")
	spoofed := wire.TCPPacket(stack.ClientAddr(), stack.ServerAddr(), 1, &wire.TCP{SrcPort: 1, DstPort: 2, Flags: wire.RST})
	assert.Error(t, x.Send(spoofed), "source is not the external's")
	assert.Empty(t, w.InFlight())
}

func TestExternalReceivesAtArrivalAndAnswers(t *testing.T) {
	w := stack.New(1)
	var x *stack.External
	var got []time.Duration
	x, err := w.AddExternal(inetAddr(gvisorAddr), func(now time.Duration, b []byte) {
		got = append(got, now)
		p, err := wire.Decode(b)
		require.NoError(t, err)
		if rst := tcp.ClosedInput(p.TCP); rst != nil {
			require.NoError(t, x.Send(wire.TCPPacket(inetAddr(gvisorAddr), p.IP.Src, 1, rst)))
		}
	})
	require.NoError(t, err)
	client := w.Host("client")
	c := newSock(t, client)
	require.Equal(t, errno.EINPROGRESS, client.Connect(c.fd, inet.AddrPortFrom(inetAddr(gvisorAddr), 80)).Err)

	next, ok := x.NextEvent()
	require.True(t, ok)
	assert.Equal(t, 10*time.Millisecond, next, "the SYN arrives after the default 10 ms")
	require.NoError(t, x.AdvanceTo(time.Second))
	assert.Equal(t, []time.Duration{10 * time.Millisecond}, got)
	assert.Equal(t, time.Second, w.Now())
	assert.Equal(t, int(errno.ECONNREFUSED), client.Getsockopt(c.fd, stack.SOL_SOCKET, stack.SO_ERROR).Ret)
}

func TestExternalSetLinkAppliesBothWays(t *testing.T) {
	w := stack.New(1)
	x, err := w.AddExternal(inetAddr(gvisorAddr), func(time.Duration, []byte) {})
	require.NoError(t, err)
	l := w.Link("client", "server")
	l.Latency = 3 * time.Millisecond
	require.NoError(t, x.SetLink("client", l))
	assert.Equal(t, l, w.Link("client", gvisorAddr.String()))
	assert.Equal(t, l, w.Link(gvisorAddr.String(), "client"))
	assert.Error(t, x.SetLink("nobody", l))
}
