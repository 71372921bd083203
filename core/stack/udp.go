package stack

import (
	"github.com/sockplay/sockplay/core/errno"
	"github.com/sockplay/sockplay/core/inet"
	"github.com/sockplay/sockplay/core/limits"
	"github.com/sockplay/sockplay/core/trace"
	"github.com/sockplay/sockplay/core/wire"
)

// SendTo is sendto(2). On a TCP socket the address is ignored, as Linux
// does for a connected stream socket.
func (h *Host) SendTo(fd int, data []byte, flags int, addr inet.AddrPort) Result {
	if r, busy := h.refuse(); busy {
		return r
	}
	s, e := h.lookup(fd)
	if e != errno.OK {
		return fail(e)
	}
	if s.proto == TCP {
		return h.Send(fd, data, flags)
	}
	if addr.IsValid() {
		if e := checkAddr(addr); e != errno.OK {
			return fail(e)
		}
		return h.udpSend(s, data, flags, &addr)
	}
	return h.udpSend(s, data, flags, nil)
}

// RecvFrom is recvfrom(2): like recv, with the sender's address.
func (h *Host) RecvFrom(fd, n, flags int) Result {
	if r, busy := h.refuse(); busy {
		return r
	}
	s, e := h.lookup(fd)
	if e != errno.OK {
		return fail(e)
	}
	if s.proto == TCP {
		r := h.Recv(fd, n, flags)
		if !r.Failed() && !r.Blocked {
			r.Addr = s.remote
		}
		return r
	}
	return h.udpRecv(s, limits.ClampRW(n), flags, true)
}

// udpConnect sets the default peer; no packet is sent.
func (h *Host) udpConnect(s *socket, addr inet.AddrPort) Result {
	dst := resolveDst(addr)
	if e := h.autobind(s); e != errno.OK {
		return fail(e)
	}
	if s.local.Addr().IsUnspecified() && !s.userBound {
		s.local = inet.AddrPortFrom(h.sourceFor(dst.Addr()), s.local.Port())
	}
	s.remote, s.state, s.udpErr = dst, connected, errno.OK
	return ok(0)
}

// takeUDPErr reports and clears an error an ICMP message left (Linux's
// sock_error at the start of the next send or receive).
func (s *socket) takeUDPErr() errno.Errno {
	e := s.udpErr
	s.udpErr = errno.OK
	return e
}

func (h *Host) udpSend(s *socket, data []byte, flags int, to *inet.AddrPort) Result {
	if flags&^(MSG_DONTWAIT|MSG_NOSIGNAL) != 0 {
		return fail(errno.EOPNOTSUPP)
	}
	dst := s.remote
	if to != nil {
		dst = resolveDst(*to)
	} else if s.state != connected {
		return fail(errno.EDESTADDRREQ)
	}
	if e := s.takeUDPErr(); e != errno.OK {
		return fail(e)
	}
	if s.shutWr {
		return fail(errno.EPIPE)
	}
	if len(data) > maxUDPPayload {
		return fail(errno.EMSGSIZE)
	}
	if dst.Port() == 0 {
		return fail(errno.EINVAL)
	}
	if e := h.autobind(s); e != errno.OK {
		return fail(e)
	}
	src := s.local.Addr()
	if src.IsUnspecified() {
		src = h.sourceFor(dst.Addr())
	}
	// Linux numbers a connected socket's packets; others carry ID 0.
	var id uint16
	if s.state == connected {
		id = s.udpIPID
		s.udpIPID++
	}
	b := wire.UDPPacket(src, dst.Addr(), id, s.local.Port(), dst.Port(), data)
	h.transmit(dst.Addr(), b, "", "", nil)
	return ok(len(data))
}

func (h *Host) udpRecv(s *socket, n, flags int, from bool) Result {
	if flags&^(MSG_DONTWAIT|MSG_PEEK|MSG_NOSIGNAL) != 0 {
		return fail(errno.EOPNOTSUPP)
	}
	nonblock := s.nonblock || flags&MSG_DONTWAIT != 0 || s.opts.rcvTimeo == 0
	op := "recv"
	if from {
		op = "recvfrom"
	}
	return h.runTimed(op, s.fd, nonblock, errno.EAGAIN, udpRecvWait(s, n, flags, from), s.opts.rcvTimeo, failWith(errno.EAGAIN), udpRecvCopier{s, n, flags, from})
}

// udpRecvCopier is a blocked recv of a datagram on a copy of the world.
type udpRecvCopier struct {
	s        *socket
	n, flags int
	from     bool
}

func (u udpRecvCopier) again(cl *cloner) (attempt, func() Result, copier) {
	s := cl.socket(u.s)
	return udpRecvWait(s, u.n, u.flags, u.from), failWith(errno.EAGAIN), udpRecvCopier{s, u.n, u.flags, u.from}
}

// udpRecvWait takes the next datagram queued on s once there is one.
func udpRecvWait(s *socket, n, flags int, from bool) attempt {
	return func() (Result, bool, string) {
		if e := s.takeUDPErr(); e != errno.OK {
			return fail(e), true, ""
		}
		if len(s.dgrams) == 0 {
			if s.shutRd {
				return ok(0), true, ""
			}
			return Result{}, false, "no datagram yet"
		}
		d := s.dgrams[0]
		if flags&MSG_PEEK == 0 {
			s.dgrams = s.dgrams[1:]
			s.rcvBytes -= len(d.data)
		}
		// A datagram longer than the buffer is truncated; the rest is lost.
		b := append([]byte(nil), d.data[:min(n, len(d.data))]...)
		r := data(b)
		if from {
			r.Addr = d.from
		}
		return r, true, ""
	}
}

// udpSocketFor finds the socket a datagram is for: a connected socket
// matching both ends first, then one bound to the exact address, then a
// wildcard one (the order of Linux's udp4_lib_lookup scoring).
func (h *Host) udpSocketFor(local, remote inet.AddrPort) *socket {
	var best *socket
	bestScore := -1
	for _, s := range h.socks {
		if s.proto != UDP || !s.bound() || s.local.Port() != local.Port() {
			continue
		}
		score := 0
		switch {
		case s.local.Addr() == local.Addr():
			score += 2
		case !s.local.Addr().IsUnspecified():
			continue
		}
		if s.state == connected {
			if s.remote != remote {
				continue
			}
			score += 4
		}
		if score > bestScore {
			best, bestScore = s, score
		}
	}
	return best
}

func (h *Host) udpInput(id int, pkt *wire.Packet, raw []byte) {
	u := pkt.UDP
	local := inet.AddrPortFrom(pkt.IP.Dst, u.DstPort)
	remote := inet.AddrPortFrom(pkt.IP.Src, u.SrcPort)
	s := h.udpSocketFor(local, remote)
	if s == nil {
		h.ipID++
		if b := wire.PortUnreachable(raw, pkt.IP.Dst, h.ipID); b != nil {
			h.transmit(pkt.IP.Src, b, "", "", nil)
		}
		return
	}
	if s.rcvBytes+len(u.Payload) > s.opts.rcvBuf {
		h.event(trace.Event{Kind: trace.Drop, Packet: id, FD: s.fd, Text: "receive buffer full: datagram dropped"})
		return
	}
	s.dgrams = append(s.dgrams, datagram{from: remote, data: append([]byte(nil), u.Payload...)})
	s.rcvBytes += len(u.Payload)
}

// icmpInput handles port unreachable: a connected UDP socket that sent
// to that port gets ECONNREFUSED on its next call (Linux reports ICMP
// errors only to connected sockets unless IP_RECVERR is set).
func (h *Host) icmpInput(id int, pkt *wire.Packet) {
	m := pkt.ICMP
	if m.Type != wire.ICMPDestUnreachable || m.Code != wire.ICMPCodePortUnreachable {
		return
	}
	ip, srcPort, dstPort, found := m.QuotedPacket()
	if !found || ip.Protocol != wire.ProtoUDP || !h.isLocal(ip.Src) {
		return
	}
	local := inet.AddrPortFrom(ip.Src, srcPort)
	remote := inet.AddrPortFrom(ip.Dst, dstPort)
	for _, s := range h.socks {
		if s.proto == UDP && s.state == connected && s.remote == remote && s.local.Port() == local.Port() {
			s.udpErr = errno.ECONNREFUSED
			h.event(trace.Event{Kind: trace.Note, Packet: id, FD: s.fd,
				Text: "port unreachable: the next call on fd " + itoa(s.fd) + " fails with ECONNREFUSED"})
			return
		}
	}
}
