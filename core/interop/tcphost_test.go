package interop

import (
	"net/netip"
	"time"

	"github.com/sockplay/sockplay/core/errno"
	"github.com/sockplay/sockplay/core/inet"
	"github.com/sockplay/sockplay/core/tcp"
	"github.com/sockplay/sockplay/core/wire"
)

// tcpHost is the thinnest host around one core/tcp connection: it encodes
// and decodes with core/wire and demultiplexes like a socket layer with one
// listener or one connection. It takes gVisor's netip addresses. It tests core/tcp against gVisor with nothing
// of core/stack in between.
type tcpHost struct {
	addr    inet.Addr
	cfg     tcp.Config
	init    tcp.Init
	listen  uint16 // listening port, 0 if none
	conn    *tcp.Conn
	now     time.Duration
	ipID    uint16
	out     [][]byte
	dropped int // packets that failed wire.Decode
	resets  int // RSTs sent for segments that reached no connection
}

func newTCPHost(addr netip.Addr, init tcp.Init) *tcpHost {
	return &tcpHost{addr: inetAddr(addr), cfg: tcp.DefaultConfig(), init: init, ipID: uint16(init.ISS)}
}

// dial opens an active connection from port to remote.
func (h *tcpHost) dial(port uint16, remote netip.AddrPort) *tcp.Conn {
	h.conn = tcp.NewActive(h.cfg, tcp.Endpoint{Addr: h.addr, Port: port},
		tcp.Endpoint{Addr: inetAddr(remote.Addr()), Port: remote.Port()}, h.init, h.now)
	h.flush()
	return h.conn
}

func (h *tcpHost) NextDeadline() (time.Duration, bool) {
	if h.conn == nil {
		return 0, false
	}
	return h.conn.Deadline()
}

func (h *tcpHost) AdvanceTo(at time.Duration) {
	h.now = max(h.now, at)
	if h.conn != nil {
		h.conn.Advance(h.now)
		h.flush()
	}
}

func (h *tcpHost) Inject(packet []byte) {
	p, err := wire.Decode(packet)
	if err != nil || p.TCP == nil || p.IP.Dst != h.addr {
		h.dropped++
		return
	}
	seg := p.TCP
	local := tcp.Endpoint{Addr: h.addr, Port: seg.DstPort}
	remote := tcp.Endpoint{Addr: p.IP.Src, Port: seg.SrcPort}
	switch {
	case h.conn != nil && h.conn.Local() == local && h.conn.Remote() == remote && h.conn.State() != tcp.Closed:
		h.conn.Input(h.now, seg)
	case h.listen == seg.DstPort && (h.conn == nil || h.conn.State() == tcp.Closed):
		reply, accept := tcp.ListenInput(local, remote, seg)
		if accept {
			h.conn = tcp.NewPassive(h.cfg, local, remote, h.init, seg, h.now)
		} else if reply != nil {
			h.send(remote.Addr, reply)
		}
	default:
		if rst := tcp.ClosedInput(seg); rst != nil {
			h.resets++
			h.send(remote.Addr, rst)
		}
	}
	h.flush()
}

func (h *tcpHost) Outbound() [][]byte {
	out := h.out
	h.out = nil
	return out
}

func (h *tcpHost) flush() {
	if h.conn == nil {
		return
	}
	for _, seg := range h.conn.Output(h.now) {
		h.send(h.conn.Remote().Addr, seg)
	}
}

func (h *tcpHost) send(dst inet.Addr, seg *wire.TCP) {
	h.ipID++
	h.out = append(h.out, wire.TCPPacket(h.addr, dst, h.ipID, seg))
}

// stream adapts the host's connection to the transfer helpers.
func (h *tcpHost) stream() stream { return tcpStream{h} }

type tcpStream struct{ h *tcpHost }

func (s tcpStream) Write(b []byte) (int, error) {
	n, e := s.h.conn.Send(s.h.now, b)
	s.h.flush()
	return n, errnoErr(e)
}

func (s tcpStream) ReadAvailable() ([]byte, error) {
	var got []byte
	buf := make([]byte, 64<<10)
	for {
		n, e := s.h.conn.Recv(s.h.now, buf)
		s.h.flush()
		got = append(got, buf[:n]...)
		switch {
		case e == errno.EAGAIN && len(got) > 0:
			return got, nil
		case e != errno.OK:
			return got, e
		case n == 0:
			if len(got) > 0 {
				return got, nil
			}
			return nil, ErrEOF
		}
	}
}

func errnoErr(e errno.Errno) error {
	if e == errno.OK {
		return nil
	}
	return e
}
