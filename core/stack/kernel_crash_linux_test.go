//go:build linux && (amd64 || arm64)

package stack

import (
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sockplay/sockplay/core/errno"
	"github.com/sockplay/sockplay/core/inet"
	"github.com/sockplay/sockplay/core/trace"
	"github.com/sockplay/sockplay/core/wire"
)

// crash powers the namespace's kernel off: its device goes (nothing it
// sends reaches anyone any more) and a fresh namespace takes 10.0.0.2,
// a host that came back with no sockets. The old sockets stay behind in
// the old namespace, unreachable, as a crashed host's memory is.
func (k *kernelNet) crashAndReboot() {
	require.NoError(k.t, k.tun.Close())
	k.up(nil)
}

// engineServer is the engine's server reached by a peer outside the
// world, as kernelNet reaches the kernel: the test writes the peer's
// segments and reads the server's answers.
type engineServer struct {
	t    *testing.T
	w    *World
	s    *Host
	x    *External
	peer inet.Addr
	got  []*wire.TCP
}

func newEngineServer(t *testing.T) *engineServer {
	e := &engineServer{t: t, w: New(7), peer: inet.AddrFrom4([4]byte{10, 0, 0, 9})}
	e.s = e.w.Host("server")
	x, err := e.w.AddExternal(e.peer, func(_ time.Duration, b []byte) {
		if p, err := wire.Decode(b); err == nil && p.TCP != nil {
			e.got = append(e.got, p.TCP)
		}
	})
	require.NoError(t, err)
	e.x = x
	return e
}

// exchange sends segs and returns what the server answered within 100 ms
// (no timer of the server fires that soon).
func (e *engineServer) exchange(segs ...*wire.TCP) []*wire.TCP {
	e.got = nil
	for _, s := range segs {
		require.NoError(e.t, e.x.Send(wire.TCPPacket(e.peer, ServerAddr(), 1, s)))
	}
	require.NoError(e.t, e.x.AdvanceTo(e.w.Now()+100*time.Millisecond))
	return e.got
}

// answer is a segment as the comparison reads it: sequence numbers
// relative to the server's ISN and the client's, so that the kernel's
// random ISN and the engine's seeded one compare.
type answer struct {
	Flags  string
	Seq    int64
	Ack    int64
	Window uint16
	Len    int
}

func answerOf(s *wire.TCP, serverISN, clientISN uint32) answer {
	a := answer{Flags: s.Flags.String(), Seq: int64(s.Seq - serverISN), Window: s.Window, Len: len(s.Payload)}
	if s.Flags&wire.ACK != 0 {
		a.Ack = int64(s.Ack - clientISN)
	}
	return a
}

// TestCrashedServerResetsAsThisKernel plays a half-open connection on
// this machine's kernel and on the engine: a connection is established,
// the server crashes (the kernel's namespace is replaced by a fresh one
// with the same address; the engine's net> crash server), comes back
// with no sockets, and the client's next data segment is answered by a
// reset whose sequence number is the segment's acknowledgment number
// (RFC 9293 3.10.7.1, Linux's tcp_v4_send_reset), as is the client's
// SYN to the port nobody listens on any more (RST|ACK, ack = its ISN+1).
func TestCrashedServerResetsAsThisKernel(t *testing.T) {
	k := newKernelNet(t, map[string]string{"tcp_syncookies": "0"})
	lfd := k.listen(80, 5)
	e := newEngineServer(t)
	elfd := must(t, e.s.Socket(AF_INET, SOCK_STREAM, 0))
	must(t, e.s.Bind(elfd, ap("0.0.0.0:80")))
	must(t, e.s.Listen(elfd, 5))

	const clientISN = 1000
	syn := &wire.TCP{SrcPort: 40000, DstPort: 80, Seq: clientISN, Flags: wire.SYN, Window: 64240, Options: wire.TCPOptions{MSS: 1460}}
	synAck := func(side string, got []*wire.TCP) uint32 {
		require.Len(t, got, 1, "%s: one answer to the SYN", side)
		require.Equal(t, wire.SYN|wire.ACK, got[0].Flags, side)
		require.Equal(t, uint32(clientISN+1), got[0].Ack, side)
		return got[0].Seq
	}
	kISN := synAck("kernel", k.exchange(syn))
	eISN := synAck("engine", e.exchange(syn))
	ackOf := func(isn uint32) *wire.TCP {
		return &wire.TCP{SrcPort: 40000, DstPort: 80, Seq: clientISN + 1, Ack: isn + 1, Flags: wire.ACK, Window: 64240}
	}
	assert.Empty(t, k.exchange(ackOf(kISN)), "kernel: the handshake's ACK is not answered")
	assert.Empty(t, e.exchange(ackOf(eISN)), "engine: the handshake's ACK is not answered")
	require.True(t, k.accept(lfd), "kernel: the connection is accepted")
	must(t, e.s.Accept(elfd))

	data := func(isn uint32) *wire.TCP {
		return &wire.TCP{SrcPort: 40000, DstPort: 80, Seq: clientISN + 1, Ack: isn + 1, Flags: wire.PSH | wire.ACK, Window: 64240, Payload: []byte("are you there?")}
	}
	k.crashAndReboot()
	assert.Equal(t, 1, e.s.Crash(), "engine: one connection lost")
	assert.Empty(t, e.exchange(data(eISN)), "engine: a host that is down answers nothing")
	e.s.Reboot()

	st, _ := k.socks()
	assert.Empty(t, st, "kernel: the rebooted host has no sockets")
	assert.Empty(t, e.s.Sockets(), "engine: the rebooted host has no sockets")

	compare := func(what string, kernel, engine []*wire.TCP, kISN, eISN uint32) {
		t.Helper()
		require.Len(t, kernel, 1, "kernel: one answer to %s", what)
		require.Len(t, engine, 1, "engine: one answer to %s", what)
		assert.Equal(t, answerOf(kernel[0], kISN, clientISN), answerOf(engine[0], eISN, clientISN), what+": kernel against engine")
	}
	kData, eData := k.exchange(data(kISN)), e.exchange(data(eISN))
	compare("the data segment after the reboot", kData, eData, kISN, eISN)
	assert.Equal(t, answer{Flags: "R", Seq: 1}, answerOf(kData[0], kISN, clientISN), "the reset takes its sequence number from the segment's ACK field")

	again := &wire.TCP{SrcPort: 40000, DstPort: 80, Seq: 5000, Flags: wire.SYN, Window: 64240, Options: wire.TCPOptions{MSS: 1460}}
	kSyn, eSyn := k.exchange(again), e.exchange(again)
	// A SYN carries no ACK field: the reset's sequence number is 0.
	compare("a new SYN to the port nobody listens on", kSyn, eSyn, 0, 0)
	assert.Equal(t, answer{Flags: "R.", Ack: 4001}, answerOf(kSyn[0], 0, clientISN))
}

// TestHalfOpenClientAsThisKernel plays the other side of the crash: this
// machine's kernel is the client of a server that crashes (the test plays
// the server, as a dead host, sending nothing, then as the rebooted one
// answering with a reset), and the engine's client lives through the
// same with net> crash server. Both retransmit the unanswered data
// segment unchanged, and after the reset recv fails with ECONNRESET
// once, then reads the end of the stream.
func TestHalfOpenClientAsThisKernel(t *testing.T) {
	k := newKernelNet(t, nil)
	fd, err := syscall.Socket(syscall.AF_INET, syscall.SOCK_STREAM|syscall.SOCK_NONBLOCK, 0)
	require.NoError(t, err)
	t.Cleanup(func() { syscall.Close(fd) })
	err = syscall.Connect(fd, &syscall.SockaddrInet4{Port: 80, Addr: [4]byte{10, 0, 0, 1}})
	require.ErrorIs(t, err, syscall.EINPROGRESS)
	syn := k.waitFor(5*time.Second, func(s *wire.TCP) bool { return s.Flags == wire.SYN })
	require.NotNil(t, syn, "kernel: the SYN")
	const serverISN = 5000
	k.write(&wire.TCP{SrcPort: 80, DstPort: syn.SrcPort, Seq: serverISN, Ack: syn.Seq + 1, Flags: wire.SYN | wire.ACK,
		Window: 64240, Options: wire.TCPOptions{MSS: 1460}})
	require.NotNil(t, k.waitFor(5*time.Second, func(s *wire.TCP) bool { return s.Flags == wire.ACK }), "kernel: the handshake's ACK")

	// The server is down: the data is never acknowledged.
	payload := []byte("are you there?")
	_, err = syscall.Write(fd, payload)
	require.NoError(t, err)
	isData := func(s *wire.TCP) bool { return len(s.Payload) > 0 }
	kFirst := k.waitFor(5*time.Second, isData)
	require.NotNil(t, kFirst, "kernel: the data segment")
	kAgain := k.waitFor(10*time.Second, isData)
	require.NotNil(t, kAgain, "kernel: the data segment's retransmission")
	// The rebooted server has no socket: its answer is a reset.
	k.write(&wire.TCP{SrcPort: 80, DstPort: syn.SrcPort, Seq: kAgain.Ack, Flags: wire.RST})
	kernelRecv := func() error {
		// The reset arrives through the device: wait until the socket
		// reports something other than "no data yet".
		buf := make([]byte, 100)
		for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
			n, err := syscall.Read(fd, buf)
			if err != syscall.EAGAIN {
				if err == nil && n == 0 {
					return nil
				}
				return err
			}
		}
		return syscall.EAGAIN
	}
	kErr1, kErr2 := kernelRecv(), kernelRecv()

	p, _ := established(t, 3)
	p.s.Crash()
	must(t, p.c.Send(p.cfd, payload, 0))
	require.NoError(t, p.w.Wait(time.Second)) // the data and its first retransmission are lost at the dead host
	var eData []*wire.TCP
	for _, e := range p.w.Log().Events() {
		if e.Kind == trace.Send && e.From == "client" {
			if pkt, err := wire.Decode(e.Bytes); err == nil && pkt.TCP != nil && len(pkt.TCP.Payload) > 0 {
				eData = append(eData, pkt.TCP)
			}
		}
	}
	require.GreaterOrEqual(t, len(eData), 2, "engine: the data segment and its retransmission")
	p.s.Reboot()
	p.w.Run(1000)
	fails(t, errno.ECONNRESET, p.c.Recv(p.cfd, 100, 0))
	eSecond := p.c.Recv(p.cfd, 100, 0)

	same := func(a, b *wire.TCP) bool {
		return a.Seq == b.Seq && a.Ack == b.Ack && a.Flags == b.Flags && string(a.Payload) == string(b.Payload)
	}
	assert.True(t, same(kFirst, kAgain), "kernel: the retransmission is the segment again: %v then %v", kFirst, kAgain)
	assert.True(t, same(eData[0], eData[1]), "engine: the retransmission is the segment again")
	assert.Equal(t, kFirst.Flags.String(), eData[0].Flags.String(), "the data segment's flags: kernel against engine")
	assert.Equal(t, syscall.ECONNRESET, kErr1, "kernel: recv after the reset")
	assert.NoError(t, kErr2, "kernel: the next recv reads the end of the stream")
	assert.Equal(t, errno.OK, eSecond.Err, "engine: the next recv reads the end of the stream")
	assert.Equal(t, 0, eSecond.Ret)
}
