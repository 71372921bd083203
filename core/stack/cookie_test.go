package stack

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sockplay/sockplay/core/inet"
	"github.com/sockplay/sockplay/core/wire"
)

// A SYN cookie is good for two minutes of its minute counter: its ACK
// is taken a minute and a half later, and reset after three, when the
// listener has sent no cookie for longer than TCP_SYNCOOKIE_VALID.
func TestSYNCookieAge(t *testing.T) {
	for _, c := range []struct {
		after time.Duration
		taken bool
	}{{time.Second, true}, {90 * time.Second, true}, {3 * time.Minute, false}} {
		w := New(3)
		s := w.Host("server")
		_, err := s.SetSysctl("tcp_syncookies", 2)
		require.NoError(t, err)
		l := must(t, s.Socket(AF_INET, SOCK_STREAM, 0))
		must(t, s.Bind(l, ap("0.0.0.0:80")))
		must(t, s.Listen(l, 8))
		peer := inet.AddrFrom4([4]byte{10, 0, 0, 9})
		var got []*wire.TCP
		x, err := w.AddExternal(peer, func(_ time.Duration, b []byte) {
			if p, err := wire.Decode(b); err == nil && p.TCP != nil {
				got = append(got, p.TCP)
			}
		})
		require.NoError(t, err)
		send := func(seg *wire.TCP) {
			require.NoError(t, x.Send(wire.TCPPacket(peer, ServerAddr(), 1, seg)))
			require.NoError(t, x.AdvanceTo(w.Now()+100*time.Millisecond))
		}
		send(&wire.TCP{SrcPort: 1000, DstPort: 80, Seq: 7, Flags: wire.SYN, Window: 64240, Options: wire.TCPOptions{MSS: 1460}})
		require.Len(t, got, 1)
		synack := got[0]
		assert.Equal(t, 1, s.cookiesSent)
		assert.Len(t, s.Sockets(), 1, "a cookie keeps nothing")
		require.NoError(t, x.AdvanceTo(w.Now()+c.after))
		got = nil
		send(&wire.TCP{SrcPort: 1000, DstPort: 80, Seq: 8, Ack: synack.Seq + 1, Flags: wire.ACK, Window: 64240})
		if c.taken {
			assert.Empty(t, got, "after %v", c.after)
			assert.Equal(t, 1, socketByFD(s, l).RecvQ, "established, waiting for accept")
		} else {
			require.Len(t, got, 1, "after %v", c.after)
			assert.Equal(t, wire.RST, got[0].Flags)
			assert.Equal(t, 0, socketByFD(s, l).RecvQ)
		}
	}
}
