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

// TestSYNCookiesAsThisKernel plays handshakes against a listener with
// tcp_syncookies 1 (cookies once the SYN queue is full) and 2 (always),
// on this machine's kernel and on the engine, and compares every answer
// with the options a cookie keeps (the SYN-ACK's TSval ends in the
// window scale and SACK, cookie_init_timestamp; without timestamps both
// are lost), the queues and the counters. A cookie's ACK makes an
// established connection, or is dropped when the accept queue is full;
// an ACK that carries no valid cookie is reset.
func TestSYNCookiesAsThisKernel(t *testing.T) {
	for _, c := range []struct{ cookies, backlog int }{{1, 1}, {2, 8}} {
		t.Run(strconv.Itoa(c.cookies), func(t *testing.T) {
			k := newKernelNet(t, map[string]string{"tcp_syncookies": strconv.Itoa(c.cookies)})
			lfd := k.listen(80, c.backlog)
			kernel := playCookies(t, c.cookies, k.exchange)
			st, acceptQ := k.socks()
			kernelState := [6]int{acceptQ, st["03"], k.netstat("ListenOverflows"), k.netstat("SyncookiesSent"), k.netstat("SyncookiesRecv"), k.netstat("SyncookiesFailed")}
			// What each accepted connection kept of its client's options.
			for range acceptQ {
				opts, mss := k.acceptInfo(lfd)
				kernel = append(kernel, "accepted: options "+strconv.Itoa(int(opts))+" mss "+strconv.Itoa(mss))
			}

			e := newEngineServer(t)
			_, err := e.s.SetSysctl("net.ipv4.tcp_syncookies", c.cookies)
			require.NoError(t, err)
			l := must(t, e.s.Socket(AF_INET, SOCK_STREAM, 0))
			must(t, e.s.Bind(l, ap("0.0.0.0:80")))
			must(t, e.s.Listen(l, c.backlog))
			engine := playCookies(t, c.cookies, e.exchange)
			synRecv := 0
			for _, so := range e.s.Sockets() {
				if so.State == "SYN-RECEIVED" {
					synRecv++
				}
			}
			engineState := [6]int{socketByFD(e.s, l).RecvQ, synRecv, e.s.listenOverflows, e.s.cookiesSent, e.s.cookiesRecv, e.s.cookiesFailed}
			for range engineState[0] {
				r := e.s.Accept(l)
				require.Zero(t, r.Err)
				info, _ := TCPInfo(e.s, r.Ret)
				engine = append(engine, "accepted: options "+strconv.Itoa(int(info.Options))+" mss "+strconv.Itoa(info.SndMSS))
			}

			assert.Equal(t, kernel, engine, "answers: kernel against engine")
			assert.Equal(t, kernelState, engineState, "accept queue, SYN-RECV, ListenOverflows, SyncookiesSent, SyncookiesRecv, SyncookiesFailed: kernel against engine")
		})
	}
}

// playCookies runs TestSYNCookiesAsThisKernel's steps through exchange
// and returns every answer as "client: flags seq N options", N relative
// to the server's ISN for that client.
func playCookies(t *testing.T, cookies int, exchange func(...*wire.TCP) []*wire.TCP) []string {
	ports := map[string]uint16{"a": 1000, "b": 1001, "c": 1002, "d": 1003, "e": 1004}
	iss, tsval := map[uint16]uint32{}, map[uint16]uint32{}
	var answers []string
	send := func(segs ...*wire.TCP) {
		for _, r := range exchange(segs...) {
			if r.Flags&wire.SYN != 0 {
				iss[r.DstPort], tsval[r.DstPort] = r.Seq, r.Options.TSVal
			}
			name := ""
			for n, p := range ports {
				if p == r.DstPort {
					name = n
				}
			}
			a := name + ": " + r.Flags.String() + " seq " + strconv.Itoa(int(r.Seq-iss[r.DstPort]))
			if r.Flags&wire.RST != 0 && r.Flags&wire.ACK == 0 {
				a = name + ": " + r.Flags.String() + " seq " + strconv.Itoa(int(r.Seq))
			}
			if o := r.Options; r.Flags&wire.SYN != 0 {
				a += " mss " + strconv.Itoa(int(o.MSS))
				if o.HasWScale {
					a += " wscale" // the value is the server's own: this machine's rmem sets it
				}
				if o.SACKPermitted {
					a += " sackOK"
				}
				if o.HasTimestamps {
					a += " TS"
				}
			}
			answers = append(answers, a)
		}
	}
	// syn is a client's SYN, with Linux's options when full.
	syn := func(c string, full bool) *wire.TCP {
		s := &wire.TCP{SrcPort: ports[c], DstPort: 80, Seq: 1000, Flags: wire.SYN, Window: 64240, Options: wire.TCPOptions{MSS: 1400}}
		if full {
			s.Options = wire.TCPOptions{MSS: 1460, HasWScale: true, WScale: 7, SACKPermitted: true, HasTimestamps: true, TSVal: 5000}
		}
		return s
	}
	ack := func(c string, full bool) *wire.TCP {
		require.Contains(t, iss, ports[c], "a SYN-ACK for %s", c)
		// A window of 64240 bytes either way (502 scaled by 7); Linux
		// bounds snd_mss by half the largest window seen.
		a := &wire.TCP{SrcPort: ports[c], DstPort: 80, Seq: 1001, Ack: iss[ports[c]] + 1, Flags: wire.ACK, Window: 64240}
		if full {
			a.Window = 502
			a.Options = wire.TCPOptions{HasTimestamps: true, TSVal: 5001, TSEcr: tsval[ports[c]]}
		}
		return a
	}
	if cookies == 1 {
		send(syn("a", false), syn("b", false))
		send(syn("c", true)) // the SYN queue holds backlog+1: a cookie
		send(ack("c", true))
		send(ack("a", false))
		send(ack("b", false)) // the accept queue is full
		send(syn("d", false))
	} else {
		send(syn("a", true))
		send(syn("b", false))
		send(ack("a", true))
		send(ack("b", false))
	}
	// An ACK that no SYN-ACK asked for.
	send(&wire.TCP{SrcPort: ports["e"], DstPort: 80, Seq: 1001, Ack: 12345, Flags: wire.ACK, Window: 502})
	return answers
}
