//go:build linux && (amd64 || arm64)

package stack

import (
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sockplay/sockplay/core/inet"

	"github.com/sockplay/sockplay/core/wire"
)

// TestSYNQueueAsThisKernel sends the same SYNs to this machine's kernel
// (SYN cookies off) and to the engine, and compares how many each
// answers with a SYN-ACK: the SYN queue's backlog+1 and the last quarter
// of tcp_max_syn_backlog.
func TestSYNQueueAsThisKernel(t *testing.T) {
	for _, c := range []struct{ backlog, maxSyn int }{{2, 2048}, {100, 8}, {0, 2048}} {
		t.Run(strconv.Itoa(c.backlog)+"/"+strconv.Itoa(c.maxSyn), func(t *testing.T) {
			k := newKernelNet(t, map[string]string{"tcp_syncookies": "0", "tcp_max_syn_backlog": strconv.Itoa(c.maxSyn)})
			k.listen(80, c.backlog)
			kernel := 0
			for p := uint16(1000); p < 1012; p++ {
				for _, r := range k.exchange(&wire.TCP{SrcPort: p, DstPort: 80, Seq: 1000, Flags: wire.SYN, Window: 64240, Options: wire.TCPOptions{MSS: 1460}}) {
					if r.Flags == wire.SYN|wire.ACK {
						kernel++
					}
				}
			}
			st, _ := k.socks()
			assert.Equal(t, kernel, st["03"], "SYN_RECV sockets")
			assert.Equal(t, 12-kernel, k.netstat("ListenDrops"))

			w := New(3)
			s := w.Host("server")
			_, err := s.SetSysctl("tcp_max_syn_backlog", c.maxSyn)
			assert.NoError(t, err)
			l := must(t, s.Socket(AF_INET, SOCK_STREAM, 0))
			must(t, s.Bind(l, ap("0.0.0.0:80")))
			must(t, s.Listen(l, c.backlog))
			peer := inet.AddrFrom4([4]byte{10, 0, 0, 9})
			engine := 0
			x, err := w.AddExternal(peer, func(_ time.Duration, b []byte) {
				if p, err := wire.Decode(b); err == nil && p.TCP != nil && p.TCP.Flags == wire.SYN|wire.ACK {
					engine++
				}
			})
			require.NoError(t, err)
			for p := uint16(1000); p < 1012; p++ {
				require.NoError(t, x.Send(wire.TCPPacket(peer, ServerAddr(), 1, &wire.TCP{SrcPort: p, DstPort: 80, Seq: 1000, Flags: wire.SYN, Window: 64240, Options: wire.TCPOptions{MSS: 1460}})))
			}
			require.NoError(t, x.AdvanceTo(100*time.Millisecond))
			assert.Equal(t, kernel, engine, "SYN-ACKs: kernel against engine")
			assert.Equal(t, 12-kernel, s.listenDrops)
		})
	}
}
