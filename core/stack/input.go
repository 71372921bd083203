package stack

import (
	"github.com/sockplay/sockplay/core/inet"
	"github.com/sockplay/sockplay/core/tcp"
	"github.com/sockplay/sockplay/core/trace"
	"github.com/sockplay/sockplay/core/wire"
)

// deliver hands packet id, which has arrived, to its destination host.
func (w *World) deliver(id int, from, to string, b []byte) {
	label := w.labels[id]
	delete(w.labels, id)
	h := w.Host(to)
	if h == nil {
		w.event(trace.Event{Kind: trace.Drop, Packet: id, From: from, To: to, Bytes: b, Label: label,
			Text: "no host has address " + to})
		return
	}
	if h.down {
		w.event(trace.Event{Kind: trace.Drop, Packet: id, From: from, To: to, Bytes: b, Label: label,
			Text: to + " is down"})
		return
	}
	h.event(trace.Event{Kind: trace.Deliver, Packet: id, From: from, To: to, Bytes: b, Label: label})
	h.receive(id, b)
}

// receive decodes an arrived packet strictly and dispatches it by protocol.
func (h *Host) receive(id int, b []byte) {
	pkt, err := wire.DecodeInPlace(b)
	if err != nil {
		h.discard(id, err.Error())
		return
	}
	if !h.isLocal(pkt.IP.Dst) {
		h.discard(id, "not addressed to "+h.addr.String())
		return
	}
	switch {
	case pkt.TCP != nil:
		h.tcpInput(id, pkt)
	case pkt.UDP != nil:
		h.udpInput(id, pkt, b)
	case pkt.ICMP != nil:
		h.icmpInput(id, pkt)
	default:
		h.discard(id, "protocol "+itoa(int(pkt.IP.Protocol))+" not supported")
	}
}

// discard drops an arrived packet the host cannot use, counting it.
func (h *Host) discard(id int, why string) {
	h.dropped++
	h.event(trace.Event{Kind: trace.Drop, Packet: id, Text: why})
}

func (h *Host) tcpInput(id int, pkt *wire.Packet) {
	seg := pkt.TCP
	local := inet.AddrPortFrom(pkt.IP.Dst, seg.DstPort)
	remote := inet.AddrPortFrom(pkt.IP.Src, seg.SrcPort)
	now := h.w.Now()
	if tc := h.demux[fourTuple{local, remote}]; tc != nil {
		if h.listenOverflow(tc, seg) {
			h.listenOverflows++
			h.listenDrops++
			if h.sysctl.abortOnOverflow != 0 {
				h.abortOverflow(id, tc, local, remote, seg)
				return
			}
			h.event(trace.Event{Kind: trace.Drop, Packet: id, FD: tc.parent.fd,
				Text: "accept queue full: the handshake's ACK is dropped (Linux ListenOverflows); the SYN-ACK will be retransmitted"})
			return
		}
		wasTimeWait := tc.c.State() == tcp.TimeWait
		tc.c.Input(now, seg)
		h.sync(tc)
		h.promote(tc)
		// Linux lets a new SYN end a TIME-WAIT (tcp_timewait_state_process:
		// TCP_TW_SYN) and hands it to the listener.
		if !(wasTimeWait && !tc.alive && seg.Flags&(wire.SYN|wire.ACK|wire.RST) == wire.SYN) {
			return
		}
	}
	if l := h.listener(local); l != nil {
		h.listenInput(id, l, local, remote, seg)
		return
	}
	if reply := tcp.ClosedInput(seg); reply != nil {
		h.transmit(remote.Addr(), wire.TCPPacket(local.Addr(), remote.Addr(), 0, reply), "", tcp.CauseReset.String(), nil)
	}
}

// listenOverflow: a SYN-RECEIVED child whose listener's accept queue is
// full drops the ACK completing its handshake (tcp_check_req with
// tcp_abort_on_overflow off).
func (h *Host) listenOverflow(tc *tcpConn, seg *wire.TCP) bool {
	l := tc.parent
	return l != nil && tc.c.State() == tcp.SynReceived && acceptQueueFull(l) &&
		seg.Flags&wire.ACK != 0 && seg.Flags&(wire.RST|wire.SYN) == 0
}

// abortOverflow is tcp_check_req's listen_overflow with
// tcp_abort_on_overflow set: the ACK is answered with a reset, as a
// segment to no socket is (tcp_v4_send_reset), and the handshake is
// forgotten, so the client learns at once that it was not accepted.
func (h *Host) abortOverflow(id int, tc *tcpConn, local, remote inet.AddrPort, seg *wire.TCP) {
	h.event(trace.Event{Kind: trace.Drop, Packet: id, FD: tc.parent.fd,
		Text: "accept queue full and tcp_abort_on_overflow set: the handshake is reset (Linux ListenOverflows)"})
	h.forget(tc)
	if reply := tcp.ClosedInput(seg); reply != nil {
		h.transmit(remote.Addr(), wire.TCPPacket(local.Addr(), remote.Addr(), 0, reply), "", tcp.CauseReset.String(), nil)
	}
}

// acceptQueueFull is Linux's sk_acceptq_is_full: more than backlog
// connections wait, so a backlog of n admits n+1.
func acceptQueueFull(l *socket) bool { return len(l.acceptQ) > l.backlog }

// listener finds the listening socket for a local address: one bound to
// that exact address first, then a wildcard one.
func (h *Host) listener(local inet.AddrPort) *socket {
	var wildcard *socket
	for _, s := range h.socks {
		if s.proto != TCP || !s.listening || s.local.Port() != local.Port() {
			continue
		}
		if s.local.Addr() == local.Addr() {
			return s
		}
		if s.local.Addr().IsUnspecified() && wildcard == nil {
			wildcard = s
		}
	}
	return wildcard
}

// listenInput applies RFC 9293 3.10.7.2 for a listening socket and queues
// a new connection for an acceptable SYN.
func (h *Host) listenInput(id int, l *socket, local, remote inet.AddrPort, seg *wire.TCP) {
	if h.cookieACK(id, l, local, remote, seg) {
		return
	}
	reply, accept := tcp.ListenInput(endpoint(local), endpoint(remote), seg)
	if reply != nil {
		h.transmit(remote.Addr(), wire.TCPPacket(local.Addr(), remote.Addr(), 0, reply), "", tcp.CauseReset.String(), nil)
	}
	if !accept {
		return
	}
	why, cookie := h.synVerdict(l)
	switch {
	case cookie:
		h.sendCookie(id, l, local, remote, seg, why)
		return
	case why != "":
		h.listenDrops++
		h.event(trace.Event{Kind: trace.Drop, Packet: id, FD: l.fd, Text: why})
		return
	}
	init := h.newInit()
	c := tcp.NewPassive(l.opts.tcpConfig(&h.tcpDefaults), endpoint(local), endpoint(remote), init, seg, h.w.Now())
	tc := h.addConn(c, init.ISS, nil, l, l.opts.reuseAddr)
	l.synQueue = append(l.synQueue, tc)
	h.queueEvent(l)
	h.sync(tc)
	h.promote(tc)
}

// queueEvent tells the trace that listener l's queues changed length.
func (h *Host) queueEvent(l *socket) {
	now := [2]int{len(l.synQueue), len(l.acceptQ)}
	if now == l.told {
		return
	}
	l.told = now
	h.event(trace.Event{Kind: trace.Queue, FD: l.fd, Queue: &trace.QueueState{
		SynQ: now[0], SynMax: h.synQueueMax(l), AcceptQ: now[1], AcceptMax: l.backlog + 1}})
}

// synVerdict is what tcp_conn_request (net/ipv4/tcp_input.c, Linux
// 6.x) does with a SYN for listener l, checked in the kernel's order:
// when the SYN queue holds backlog+1 requests (inet_csk_reqsk_queue_is_full)
// or tcp_syncookies is 2, it answers with a SYN cookie (cookie true, why
// the reason) or, cookies off, drops it; a full accept queue drops it
// (ListenOverflows); without SYN cookies the last quarter of
// tcp_max_syn_backlog is kept for peers proven alive, and the engine
// keeps no TCP metrics, so no peer is proven. Otherwise it is queued.
func (h *Host) synVerdict(l *socket) (why string, cookie bool) {
	q, b, cookies := len(l.synQueue), l.backlog, h.sysctl.synCookies
	if cookies == 2 || q > b {
		why = "SYN queue full (" + itoa(q) + " handshakes, backlog " + itoa(b) + ")"
		if cookies == 2 {
			why = "tcp_syncookies is 2"
		}
		if cookies == 0 {
			return why + ": SYN dropped", false
		}
		cookie = true
	}
	switch {
	case acceptQueueFull(l):
		h.listenOverflows++
		return "accept queue full (" + itoa(len(l.acceptQ)) + " waiting, backlog " + itoa(b) + "): SYN dropped", false
	case !cookie && cookies == 0 && h.sysctl.maxSynBacklog-q < h.sysctl.maxSynBacklog>>2:
		return "SYN queue past 3/4 of tcp_max_syn_backlog " + itoa(h.sysctl.maxSynBacklog) + " (" + itoa(q) + " handshakes): SYN dropped", false
	}
	return why, cookie
}

// synQueueMax is the most handshakes listener l's SYN queue reaches:
// synVerdict admits a SYN while q <= backlog and, without SYN cookies,
// q is within three quarters of tcp_max_syn_backlog.
func (h *Host) synQueueMax(l *socket) int {
	m := h.sysctl.maxSynBacklog
	if h.sysctl.synCookies != 0 {
		return l.backlog + 1
	}
	return max(min(l.backlog, m-m>>2)+1, 0)
}

// promote moves a child whose handshake finished from the SYN queue to
// the accept queue.
func (h *Host) promote(tc *tcpConn) {
	l := tc.parent
	if l == nil || tc.c.State() == tcp.SynReceived {
		return
	}
	before := len(l.synQueue)
	l.synQueue = removeConn(l.synQueue, tc)
	if len(l.synQueue) == before || !tc.alive {
		h.queueEvent(l)
		return
	}
	l.acceptQ = append(l.acceptQ, tc)
	h.queueEvent(l)
}
