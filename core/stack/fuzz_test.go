package stack

import (
	"bytes"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/sockplay/sockplay/core/inet"
	"github.com/sockplay/sockplay/core/netsim"
	"github.com/sockplay/sockplay/core/wire"
)

// fuzzer drives a world with socket calls and network actions decoded
// from bytes, and checks the invariants after every step.
type fuzzer struct {
	t       *testing.T
	w       *World
	hosts   []*Host
	written map[uint32][]byte // stream (sender's ISS) → bytes send() accepted
	read    map[uint32][]byte // stream → bytes recv() returned
	counter byte
	sends   map[string]pendingSend // host → blocked send's stream and data
	recvs   map[string]uint32      // host → blocked recv's stream
}

type pendingSend struct {
	stream uint32
	data   []byte
}

// Opcodes of FuzzStack: one byte, then two argument bytes.
const (
	opSocketTCP = iota
	opSocketUDP
	opBind
	opListen
	opAccept
	opConnect
	opSend
	opRecv
	opShutdown
	opClose
	opSetsockopt
	opFcntl
	opPoll
	opStep
	opRun
	opWait
	opNextTimer
	opPacket
	opLink
	opUDP
	numOps
)

func (f *fuzzer) stream(h *Host, fd int, sending bool) (uint32, bool) {
	s, ok := h.fds[fd]
	if !ok || s.proto != TCP || s.conn == nil {
		return 0, false
	}
	if sending {
		return s.conn.iss, true
	}
	return s.conn.c.Vars().IRS, true
}

func (f *fuzzer) payload(n int) []byte {
	b := make([]byte, n)
	for i := range b {
		f.counter++
		b[i] = f.counter
	}
	return b
}

func (f *fuzzer) apply(op, a, b byte) {
	h := f.hosts[int(a>>6)%len(f.hosts)]
	peer := f.hosts[(int(a>>6)+1)%len(f.hosts)]
	fd := 3 + int(a&7)
	ports := []uint16{80, 81, 0}
	port := ports[int(b)%len(ports)]
	flags := 0
	if b&0x80 != 0 {
		flags = MSG_DONTWAIT
	}
	switch op % numOps {
	case opSocketTCP:
		typ := SOCK_STREAM
		if b&1 != 0 {
			typ |= SOCK_NONBLOCK
		}
		h.Socket(AF_INET, typ, 0)
	case opSocketUDP:
		h.Socket(AF_INET, SOCK_DGRAM, 0)
	case opBind:
		addrs := []inet.Addr{inet.IPv4Unspecified(), h.Addr(), inet.MustParseAddr("127.0.0.1"), peer.Addr()}
		h.Bind(fd, inet.AddrPortFrom(addrs[int(b>>4)%len(addrs)], port))
	case opListen:
		h.Listen(fd, int(b%4)-1)
	case opAccept:
		h.Accept(fd)
	case opConnect:
		dst := peer.Addr()
		if b&0x40 != 0 {
			dst = inet.MustParseAddr("10.9.9.9")
		}
		h.Connect(fd, inet.AddrPortFrom(dst, port))
	case opSend:
		data := f.payload(1 + int(b)*97)
		stream, isTCP := f.stream(h, fd, true)
		r := h.Send(fd, data, flags)
		switch {
		case r.Blocked && isTCP:
			f.sends[h.Name()] = pendingSend{stream, data}
		case !r.Failed() && isTCP:
			f.written[stream] = append(f.written[stream], data[:r.Ret]...)
		}
	case opRecv:
		stream, isTCP := f.stream(h, fd, false)
		r := h.Recv(fd, 1+int(b)*61, flags)
		switch {
		case r.Blocked && isTCP:
			f.recvs[h.Name()] = stream
		case !r.Failed() && isTCP:
			f.read[stream] = append(f.read[stream], r.Data...)
		}
	case opShutdown:
		h.Shutdown(fd, int(b%4))
	case opClose:
		h.Close(fd)
	case opSetsockopt:
		f.setsockopt(h, fd, b)
	case opFcntl:
		h.Fcntl(fd, F_SETFL, int(b&1)*O_NONBLOCK)
	case opPoll:
		h.Poll([]PollFD{{FD: fd, Events: int16(b)}, {FD: fd + 1, Events: POLLIN | POLLOUT}}, int(b%3)*100-1)
	case opStep:
		f.w.Step()
	case opRun:
		f.w.Run(1 + int(b))
	case opWait:
		_ = f.w.Wait(time.Duration(b) * 100 * time.Millisecond)
	case opNextTimer:
		f.w.NextTimer()
	case opPacket:
		f.packet(a, b)
	case opLink:
		l := netsim.DefaultLink()
		l.Loss, l.Duplicate, l.Reorder = float64(b%4)/10, float64(b>>2%4)/10, float64(b>>4%4)/10
		_ = f.w.SetLinkBoth("client", "server", l)
	case opUDP:
		// On a TCP socket these are send and recv; account for them alike.
		if b&1 == 0 {
			data := f.payload(int(b))
			stream, isTCP := f.stream(h, fd, true)
			r := h.SendTo(fd, data, 0, inet.AddrPortFrom(peer.Addr(), port))
			switch {
			case r.Blocked && isTCP:
				f.sends[h.Name()] = pendingSend{stream, data}
			case !r.Failed() && isTCP:
				f.written[stream] = append(f.written[stream], data[:r.Ret]...)
			}
		} else {
			stream, isTCP := f.stream(h, fd, false)
			r := h.RecvFrom(fd, int(b), MSG_DONTWAIT)
			if !r.Failed() && isTCP {
				f.read[stream] = append(f.read[stream], r.Data...)
			}
		}
	}
}

func (f *fuzzer) setsockopt(h *Host, fd int, b byte) {
	opts := [][2]int{
		{SOL_SOCKET, SO_REUSEADDR}, {SOL_SOCKET, SO_KEEPALIVE}, {SOL_SOCKET, SO_RCVBUF}, {SOL_SOCKET, SO_SNDBUF},
		{IPPROTO_TCP, TCP_NODELAY}, {IPPROTO_TCP, TCP_MAXSEG}, {IPPROTO_TCP, TCP_KEEPIDLE}, {IPPROTO_TCP, TCP_USER_TIMEOUT},
		{SOL_SOCKET, SO_LINGER}, {SOL_SOCKET, SO_ERROR},
	}
	o := opts[int(b)%len(opts)]
	val := OptVal{Int: int(b) * 37}
	if o[1] == SO_LINGER && o[0] == SOL_SOCKET {
		val = OptVal{Linger: &Linger{OnOff: int(b & 1), Linger: int(b>>1) % 3}}
	}
	h.Setsockopt(fd, o[0], o[1], val)
	h.Getsockopt(fd, o[0], o[1])
}

func (f *fuzzer) packet(a, b byte) {
	flight := f.w.InFlight()
	if len(flight) == 0 {
		return
	}
	id := flight[int(a)%len(flight)].ID
	switch b % 5 {
	case 0:
		_ = f.w.DeliverNow(id)
	case 1:
		_ = f.w.Drop(id)
	case 2:
		_, _ = f.w.Duplicate(id)
	case 3:
		_ = f.w.Delay(id, time.Duration(b)*time.Millisecond)
	case 4:
		_, _ = f.w.Corrupt(id)
	}
}

// collect accounts for blocked sends and receives that finished.
func (f *fuzzer) collect() {
	for _, c := range f.w.Completions() {
		switch c.Op {
		case "send":
			if p, ok := f.sends[c.Host]; ok && !c.Result.Failed() {
				f.written[p.stream] = append(f.written[p.stream], p.data[:c.Result.Ret]...)
			}
		case "recv":
			if s, ok := f.recvs[c.Host]; ok && !c.Result.Failed() {
				f.read[s] = append(f.read[s], c.Result.Data...)
			}
		}
		delete(f.sends, c.Host)
		delete(f.recvs, c.Host)
	}
}

func (f *fuzzer) check() {
	t := f.t
	for _, h := range f.hosts {
		for _, tc := range h.conns {
			v := tc.c.Vars()
			if int32(v.SndNxt-v.SndUna) < 0 {
				t.Fatalf("%s: SND.UNA %d > SND.NXT %d", h.Name(), v.SndUna, v.SndNxt)
			}
		}
		if p := h.pending; p != nil && h.Pending() == nil {
			t.Fatalf("%s: pending call not reported", h.Name())
		}
	}
	for stream, got := range f.read {
		if !bytes.HasPrefix(f.written[stream], got) {
			t.Fatalf("stream %d: read %d bytes that are not what was written (%d bytes)", stream, len(got), len(f.written[stream]))
		}
	}
	for _, fl := range f.w.InFlight() {
		if fl.ArriveAt < fl.SentAt {
			t.Fatalf("packet %d arrives before it was sent", fl.ID)
		}
	}
	for i, e := range f.w.Log().Events() {
		if e.Index != i {
			t.Fatalf("event %d has index %d", i, e.Index)
		}
	}
}

func runFuzz(t *testing.T, seed uint64, ops []byte) *World {
	f := &fuzzer{t: t, w: New(seed), written: map[uint32][]byte{}, read: map[uint32][]byte{},
		sends: map[string]pendingSend{}, recvs: map[string]uint32{}}
	f.hosts = f.w.Hosts()
	for i := 0; i+2 < len(ops) && i < 3*300; i += 3 {
		f.w.SetLine(i/3 + 1)
		f.w.SetCall(i/3 + 1)
		f.apply(ops[i], ops[i+1], ops[i+2])
		f.collect()
		f.check()
	}
	return f.w
}

// handshakeScript is a server on port 80, a client connecting, data both
// ways and a close, in FuzzStack's encoding (server is host 1: a>>6 = 1).
func handshakeScript() []byte {
	srv, cli := byte(1<<6), byte(0)
	return []byte{
		opSocketTCP, srv, 0, opBind, srv, 0, opListen, srv, 2,
		opSocketTCP, cli, 1, opConnect, cli, 0, opRun, 0, 50,
		opAccept, srv, 0, opSend, cli, 0x85, opRun, 0, 50, opRecv, srv | 1, 0x90,
		opSend, srv | 1, 3, opRun, 0, 50, opRecv, cli, 0x82,
		opLink, 0, 0x3f, opSend, cli, 0xff, opSend, srv | 1, 0xf0, opRun, 0, 200, opRecv, srv | 1, 0xff,
		opPacket, 3, 4, opPacket, 1, 2, opRun, 0, 100, opRecv, cli, 0xff,
		opClose, cli, 0, opRun, 0, 50, opRecv, srv | 1, 0x80, opClose, srv | 1, 0, opNextTimer, 0, 0,
		opSocketUDP, cli, 0, opUDP, cli, 2, opRun, 0, 9, opUDP, cli, 1,
	}
}

func FuzzStack(f *testing.F) {
	f.Add(uint64(1), handshakeScript())
	f.Add(uint64(2), []byte{opSocketTCP, 0, 0, opConnect, 0, 0x40, opWait, 0, 255, opNextTimer, 0, 0, opStep, 0, 0})
	f.Add(uint64(3), []byte{opSocketUDP, 64, 0, opBind, 64, 0, opSocketUDP, 0, 0, opConnect, 0, 0, opUDP, 0, 2, opRun, 0, 5, opSend, 0, 4, opRecv, 0, 0x80})
	f.Add(uint64(4), []byte{opSocketTCP, 64, 0, opSetsockopt, 64, 8, opListen, 64, 0, opSocketTCP, 0, 1, opConnect, 0, 0, opPoll, 0, 4, opRun, 0, 20, opAccept, 64, 0, opShutdown, 65, 2, opRun, 0, 20})
	f.Fuzz(func(t *testing.T, seed uint64, ops []byte) {
		runFuzz(t, seed, ops)
	})
}

func TestFuzzScriptExercisesTheStack(t *testing.T) {
	w := runFuzz(t, 1, handshakeScript())
	// The script really connected and moved data, so the fuzz seed covers it.
	var sawData bool
	for _, e := range w.Log().Events() {
		if e.Kind == "deliver" && len(e.Bytes) > 52 {
			sawData = true
		}
	}
	if !sawData {
		t.Fatal("the handshake script moved no data")
	}
}

// FuzzDeliver puts arbitrary bytes on the wire to a server with a
// listener, an established connection and a UDP socket: malformed packets
// are counted and dropped, well-formed ones processed, and nothing panics.
func FuzzDeliver(f *testing.F) {
	p, _ := established(f, 1)
	syn := p.w.WireCapture()[0].Data
	f.Add(syn)
	f.Add([]byte{0x45, 0, 0, 20})
	f.Add(wire.UDPPacket(ClientAddr(), ServerAddr(), 1, 5000, 53, []byte("q")))
	f.Add(wire.PortUnreachable(wire.UDPPacket(ServerAddr(), ClientAddr(), 1, 53, 5000, nil), ClientAddr(), 7))
	f.Fuzz(func(t *testing.T, b []byte) {
		p, afd := established(t, 1)
		u := must(t, p.s.Socket(AF_INET, SOCK_DGRAM, 0))
		must(t, p.s.Bind(u, ap("0.0.0.0:53")))
		p.w.net.Send("client", "server", b)
		before := p.s.Dropped()
		require.True(t, p.w.Step())
		if _, err := wire.Decode(b); err != nil {
			require.Equal(t, before+1, p.s.Dropped())
		}
		p.w.Run(50)
		p.s.Recv(afd, 10, MSG_DONTWAIT)
		p.s.SS(false)
		p.s.Sockets()
	})
}
