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

// TestAcceptQueueOverflowAsThisKernel plays three handshakes against a
// listener of backlog 1 that nobody accepts from, on this machine's
// kernel and on the engine, with tcp_abort_on_overflow off and on: two
// connections fill the accept queue (backlog+1), and the third client's
// final ACK finds it full. Off, the ACK is dropped and the handshake
// waits in the SYN queue; on, the ACK is answered with a reset and the
// handshake is gone. Either way a fourth client's SYN is dropped, and
// ListenOverflows counts both.
func TestAcceptQueueOverflowAsThisKernel(t *testing.T) {
	for _, abort := range []int{0, 1} {
		t.Run("abort_on_overflow="+strconv.Itoa(abort), func(t *testing.T) {
			k := newKernelNet(t, map[string]string{"tcp_syncookies": "0", "tcp_abort_on_overflow": strconv.Itoa(abort)})
			k.listen(80, 1)
			kernel := playOverflow(t, k.exchange)
			st, acceptQ := k.socks()
			kernelState := [4]int{acceptQ, st["03"], k.netstat("ListenOverflows"), k.netstat("ListenDrops")}

			e := newEngineServer(t)
			_, err := e.s.SetSysctl("net.ipv4.tcp_abort_on_overflow", abort)
			require.NoError(t, err)
			l := must(t, e.s.Socket(AF_INET, SOCK_STREAM, 0))
			must(t, e.s.Bind(l, ap("0.0.0.0:80")))
			must(t, e.s.Listen(l, 1))
			engine := playOverflow(t, e.exchange)
			synRecv := 0
			for _, so := range e.s.Sockets() {
				if so.State == "SYN-RECEIVED" {
					synRecv++
				}
			}
			engineState := [4]int{socketByFD(e.s, l).RecvQ, synRecv, e.s.listenOverflows, e.s.listenDrops}

			assert.Equal(t, kernel, engine, "answers: kernel against engine")
			assert.Equal(t, kernelState, engineState, "accept queue, SYN-RECEIVED, ListenOverflows, ListenDrops: kernel against engine")
			assert.Equal(t, 2, kernelState[2], "the third ACK and the fourth SYN met a full accept queue")
			if abort == 1 {
				assert.Equal(t, "c: R seq 1", kernel[len(kernel)-1], "the third client's ACK is reset")
			}
		})
	}
}

// playOverflow runs the steps of TestAcceptQueueOverflowAsThisKernel
// through exchange and returns every answer as "client: flags seq N",
// N relative to the server's ISN for that client.
func playOverflow(t *testing.T, exchange func(...*wire.TCP) []*wire.TCP) []string {
	ports := map[string]uint16{"a": 1000, "b": 1001, "c": 1002, "d": 1003}
	iss := map[uint16]uint32{}
	var answers []string
	send := func(segs ...*wire.TCP) {
		for _, r := range exchange(segs...) {
			if r.Flags&wire.SYN != 0 {
				iss[r.DstPort] = r.Seq
			}
			name := ""
			for n, p := range ports {
				if p == r.DstPort {
					name = n
				}
			}
			answers = append(answers, name+": "+r.Flags.String()+" seq "+strconv.Itoa(int(r.Seq-iss[r.DstPort])))
		}
	}
	syn := func(c string) *wire.TCP {
		return &wire.TCP{SrcPort: ports[c], DstPort: 80, Seq: 1000, Flags: wire.SYN, Window: 64240, Options: wire.TCPOptions{MSS: 1460}}
	}
	ack := func(c string) *wire.TCP {
		require.Contains(t, iss, ports[c], "a SYN-ACK for %s", c)
		return &wire.TCP{SrcPort: ports[c], DstPort: 80, Seq: 1001, Ack: iss[ports[c]] + 1, Flags: wire.ACK, Window: 64240}
	}
	send(syn("a"), syn("b"))
	send(ack("a"))
	send(syn("c"))
	send(ack("b"))
	send(ack("c"))
	send(syn("d"))
	return answers
}
