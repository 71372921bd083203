package stack

import (
	"github.com/sockplay/sockplay/core/errno"
	"github.com/sockplay/sockplay/core/inet"
	"github.com/sockplay/sockplay/core/limits"
	"github.com/sockplay/sockplay/core/tcp"
	"github.com/sockplay/sockplay/core/trace"
)

// numFamilies is Linux's NPROTO: families beyond it are rejected first.
const numFamilies = 46

// sockTypeMask separates the socket type from SOCK_NONBLOCK/SOCK_CLOEXEC.
const sockTypeMask = 0xf

// Socket is socket(2). It returns the lowest free descriptor.
func (h *Host) Socket(domain, typ, proto int) Result {
	if r, busy := h.refuse(); busy {
		return r
	}
	if domain < 0 || domain >= numFamilies {
		return fail(errno.EAFNOSUPPORT)
	}
	base, flags := typ&sockTypeMask, typ&^sockTypeMask
	if typ < 0 || flags&^(SOCK_NONBLOCK|SOCK_CLOEXEC) != 0 || base > 10 {
		return fail(errno.EINVAL)
	}
	if domain != AF_INET {
		return fail(errno.EAFNOSUPPORT) // IPv6 and the rest are not modelled
	}
	var p Protocol
	switch {
	case base == SOCK_STREAM && (proto == IPPROTO_IP || proto == IPPROTO_TCP):
		p = TCP
	case base == SOCK_DGRAM && (proto == IPPROTO_IP || proto == IPPROTO_UDP):
		p = UDP
	default:
		return fail(errno.EPROTONOSUPPORT)
	}
	fd, free := h.allocFD()
	if !free {
		return fail(errno.EMFILE)
	}
	s := &socket{fd: fd, seq: h.seq(), proto: p, nonblock: flags&SOCK_NONBLOCK != 0, opts: defaultOptions(p, &h.tcpDefaults)}
	s.udpIPID = uint16(h.w.rng.Uint32())
	h.addSocket(s)
	return ok(fd)
}

// checkAddr validates a sockaddr_in argument: NULL is EINVAL.
func checkAddr(a inet.AddrPort) errno.Errno {
	if !a.IsValid() {
		return errno.EINVAL
	}
	return errno.OK
}

// Bind is bind(2).
func (h *Host) Bind(fd int, addr inet.AddrPort) Result {
	if r, busy := h.refuse(); busy {
		return r
	}
	s, e := h.lookup(fd)
	if e != errno.OK {
		return fail(e)
	}
	if e := checkAddr(addr); e != errno.OK {
		return fail(e)
	}
	a := addr.Addr()
	if !a.IsUnspecified() && !h.isLocal(a) {
		return fail(errno.EADDRNOTAVAIL)
	}
	if s.bound() || s.listening || s.conn != nil {
		return fail(errno.EINVAL)
	}
	port := addr.Port()
	if port == 0 {
		p, found := h.ephemeralPort(s.proto, false)
		if !found {
			return fail(errno.EADDRINUSE)
		}
		port = p
	} else if h.portConflict(s.proto, a, port, s.opts.reuseAddr, s) {
		return fail(errno.EADDRINUSE)
	}
	s.local = inet.AddrPortFrom(a, port)
	s.userBound = true
	return ok(0)
}

// autobind gives an unbound socket an ephemeral port on the wildcard
// address, as listen() and UDP sends do.
func (h *Host) autobind(s *socket) errno.Errno {
	if s.bound() {
		return errno.OK
	}
	port, found := h.ephemeralPort(s.proto, false)
	if !found {
		return errno.EAGAIN // Linux's inet_autobind
	}
	s.local = inet.AddrPortFrom(inet.IPv4Unspecified(), port)
	return errno.OK
}

// Listen is listen(2). The backlog bounds the accept queue and the SYN
// queue; values above net.core.somaxconn (or negative) become somaxconn.
func (h *Host) Listen(fd, backlog int) Result {
	if r, busy := h.refuse(); busy {
		return r
	}
	s, e := h.lookup(fd)
	if e != errno.OK {
		return fail(e)
	}
	if s.proto != TCP {
		return fail(errno.EOPNOTSUPP)
	}
	if s.state != unconnected || (s.conn != nil && s.conn.alive) {
		return fail(errno.EINVAL)
	}
	if backlog < 0 || backlog > h.sysctl.somaxconn {
		backlog = h.sysctl.somaxconn
	}
	if s.listening {
		s.backlog = backlog
		return ok(0)
	}
	if !s.bound() {
		if e := h.autobind(s); e != errno.OK {
			return fail(e)
		}
	} else if h.portConflictListen(s) {
		return fail(errno.EADDRINUSE)
	}
	s.listening, s.backlog, s.conn = true, backlog, nil
	h.event(trace.Event{Kind: trace.State, FD: fd, From: tcp.Closed.String(), To: tcp.Listen.String(), Text: "listen()"})
	return ok(0)
}

// portConflictListen re-checks the port when a bound socket starts
// listening: two SO_REUSEADDR sockets may share a port, but only one may
// listen on it.
func (h *Host) portConflictListen(s *socket) bool {
	for _, o := range h.portHolders(TCP, s.local.Port(), s) {
		overlap := o.addr.IsUnspecified() || s.local.Addr().IsUnspecified() || o.addr == s.local.Addr()
		if overlap && (o.listen || !(s.opts.reuseAddr && o.reuse)) {
			return true
		}
	}
	return false
}

// Accept is accept(2): the next connection whose handshake is complete,
// on a new descriptor (not inheriting O_NONBLOCK, as on Linux).
func (h *Host) Accept(fd int) Result {
	if r, busy := h.refuse(); busy {
		return r
	}
	s, e := h.lookup(fd)
	if e != errno.OK {
		return fail(e)
	}
	if s.proto != TCP {
		return fail(errno.EOPNOTSUPP)
	}
	if !s.listening {
		return fail(errno.EINVAL)
	}
	return h.runTimed("accept", fd, s.nonblock || s.opts.rcvTimeo == 0, errno.EAGAIN, h.acceptWait(s), s.opts.rcvTimeo, failWith(errno.EAGAIN), acceptCopier{h, s})
}

// acceptCopier is a blocked accept on a copy of the world.
type acceptCopier struct {
	h *Host
	s *socket
}

func (a acceptCopier) again(cl *cloner) (attempt, func() Result, copier) {
	h, s := cl.host(a.h), cl.socket(a.s)
	return h.acceptWait(s), failWith(errno.EAGAIN), acceptCopier{h, s}
}

// acceptWait takes the next connection off the listener s once there is one.
func (h *Host) acceptWait(s *socket) attempt {
	return func() (Result, bool, string) {
		if !s.listening {
			return fail(errno.EINVAL), true, ""
		}
		if len(s.acceptQ) == 0 {
			if len(s.synQueue) > 0 {
				return Result{}, false, "handshake in progress"
			}
			return Result{}, false, "no connection yet"
		}
		nfd, free := h.allocFD()
		if !free {
			return fail(errno.EMFILE), true, ""
		}
		tc := s.acceptQ[0]
		s.acceptQ = s.acceptQ[1:]
		child := &socket{fd: nfd, seq: h.seq(), proto: TCP, opts: s.opts, local: tc.key.local, remote: tc.key.remote,
			state: connected, conn: tc}
		tc.sock, tc.parent = child, nil
		h.addSocket(child)
		h.queueEvent(s)
		return Result{Ret: nfd, Addr: tc.key.remote}, true, ""
	}
}

// Connect is connect(2). For TCP it sends the SYN and, on a blocking
// socket, blocks until the handshake ends.
func (h *Host) Connect(fd int, addr inet.AddrPort) Result {
	if r, busy := h.refuse(); busy {
		return r
	}
	s, e := h.lookup(fd)
	if e != errno.OK {
		return fail(e)
	}
	if e := checkAddr(addr); e != errno.OK {
		return fail(e)
	}
	if s.proto == UDP {
		return h.udpConnect(s, addr)
	}
	switch {
	case s.listening || s.state == connected:
		return fail(errno.EISCONN)
	case s.state == connecting:
		if s.nonblock && handshaking(s.conn) {
			return fail(errno.EALREADY)
		}
		return h.runTimed("connect", fd, s.nonblock || s.opts.sndTimeo == 0, errno.EALREADY, connectWait(s, s.conn), s.opts.sndTimeo, failWith(errno.EALREADY), connectCopier{s, s.conn, errno.EALREADY})
	}
	dst := resolveDst(addr)
	src := s.local.Addr()
	if !s.userBound || src.IsUnspecified() {
		src = h.sourceFor(dst.Addr())
	} else if src.IsLoopback() != dst.Addr().IsLoopback() && !h.isLocal(dst.Addr()) {
		return fail(errno.EINVAL)
	}
	port := s.local.Port()
	if port == 0 || (!s.userBound && s.conn != nil && !s.conn.alive) {
		// A port connect() chose was given back when the last attempt failed.
		p, found := h.ephemeralPort(TCP, true)
		if !found {
			return fail(errno.EADDRNOTAVAIL)
		}
		port = p
	}
	local := inet.AddrPortFrom(src, port)
	if h.demux[fourTuple{local, dst}] != nil {
		return fail(errno.EADDRNOTAVAIL)
	}
	init := h.newInit()
	c := tcp.NewActive(s.opts.tcpConfig(&h.tcpDefaults), endpoint(local), endpoint(dst), init, h.w.Now())
	tc := h.addConn(c, init.ISS, s, nil, s.opts.reuseAddr)
	s.conn, s.local, s.remote, s.state = tc, local, dst, connecting
	h.sync(tc)
	// On a SO_SNDTIMEO expiry the handshake goes on, as after a
	// non-blocking connect (__inet_stream_connect).
	return h.runTimed("connect", fd, s.nonblock || s.opts.sndTimeo == 0, errno.EINPROGRESS, connectWait(s, tc), s.opts.sndTimeo, failWith(errno.EINPROGRESS), connectCopier{s, tc, errno.EINPROGRESS})
}

// connectCopier is a blocked connect on a copy of the world; it returns
// expired at its SO_SNDTIMEO deadline.
type connectCopier struct {
	s       *socket
	tc      *tcpConn
	expired errno.Errno
}

func (c connectCopier) again(cl *cloner) (attempt, func() Result, copier) {
	s, tc := cl.socket(c.s), cl.conn(c.tc)
	return connectWait(s, tc), failWith(c.expired), connectCopier{s, tc, c.expired}
}

func handshaking(tc *tcpConn) bool {
	st := tc.c.State()
	return st == tcp.SynSent || st == tcp.SynReceived
}

// connectWait finishes a connect on s once the handshake of tc, its
// connection, has ended.
func connectWait(s *socket, tc *tcpConn) attempt {
	return func() (Result, bool, string) {
		if handshaking(tc) {
			return Result{}, false, "handshake in progress (" + tc.c.State().String() + ")"
		}
		if tc.c.State() == tcp.Closed {
			s.state = unconnected
			err := tc.takeErr()
			if err == errno.OK {
				err = errno.ECONNABORTED
			}
			return fail(err), true, ""
		}
		s.state = connected
		return ok(0), true, ""
	}
}

// Shutdown is shutdown(2).
func (h *Host) Shutdown(fd, how int) Result {
	if r, busy := h.refuse(); busy {
		return r
	}
	s, e := h.lookup(fd)
	if e != errno.OK {
		return fail(e)
	}
	if how < SHUT_RD || how > SHUT_RDWR {
		return fail(errno.EINVAL)
	}
	rd, wr := how != SHUT_WR, how != SHUT_RD
	if s.proto == UDP {
		if s.state != connected {
			return fail(errno.ENOTCONN)
		}
		s.shutRd, s.shutWr = s.shutRd || rd, s.shutWr || wr
		return ok(0)
	}
	if s.listening {
		// Linux disconnects a listener on SHUT_RD: it stops listening.
		if rd {
			h.stopListening(s)
		}
		return ok(0)
	}
	tc := s.conn
	if tc == nil || tc.c.State() == tcp.Closed {
		return fail(errno.ENOTCONN)
	}
	now := h.w.Now()
	if tc.c.State() == tcp.SynSent {
		// tcp_disconnect: a connection attempt is simply abandoned.
		tc.c.Abort(now)
		s.state = unconnected
		h.sync(tc)
		return ok(0)
	}
	s.shutRd, s.shutWr = s.shutRd || rd, s.shutWr || wr
	if rd {
		tc.c.ShutdownRead(now)
	}
	if wr {
		tc.c.ShutdownWrite(now)
	}
	h.sync(tc)
	return ok(0)
}

// stopListening closes a listener: queued handshakes are forgotten and
// connections waiting for accept() are reset (inet_csk_listen_stop).
func (h *Host) stopListening(s *socket) {
	now := h.w.Now()
	for _, tc := range s.synQueue {
		tc.parent = nil
		h.forget(tc)
	}
	s.synQueue = nil
	for _, tc := range s.acceptQ {
		tc.parent = nil
		if tc.alive {
			tc.c.Abort(now)
			h.sync(tc)
		}
	}
	s.acceptQ = nil
	h.queueEvent(s)
	s.listening = false
	h.event(trace.Event{Kind: trace.State, FD: s.fd, From: tcp.Listen.String(), To: tcp.Closed.String(), Text: "listener closed"})
}

// Close is close(2). A TCP connection goes on without its descriptor
// (FIN-WAIT, TIME-WAIT ...). With SO_LINGER on and a non-zero time, a
// blocking close waits until the FIN is acknowledged or the time is up.
func (h *Host) Close(fd int) Result {
	if r, busy := h.refuse(); busy {
		return r
	}
	if fd >= 0 && fd < len(h.stdio) && h.stdio[fd] {
		h.stdio[fd] = false
		return ok(0)
	}
	s, e := h.lookup(fd)
	if e != errno.OK {
		return fail(e)
	}
	h.removeSocket(s)
	if s.listening {
		h.stopListening(s)
	}
	tc := s.conn
	if s.proto != TCP || tc == nil || !tc.alive {
		return ok(0)
	}
	tc.sock, tc.reuse = nil, s.opts.reuseAddr
	now := h.w.Now()
	tc.c.Close(now)
	h.sync(tc)
	l := s.opts.linger
	if l.OnOff == 0 || l.Linger <= 0 || s.nonblock {
		return ok(0)
	}
	deadline := limits.AddTime(now, secondsDuration(l.Linger))
	return h.runWithDeadline("close", fd, false, errno.OK, lingerWait(tc), deadline, true, lingerOver, lingerCopier{tc})
}

// lingerCopier is a lingering close on a copy of the world.
type lingerCopier struct{ tc *tcpConn }

func (l lingerCopier) again(cl *cloner) (attempt, func() Result, copier) {
	tc := cl.conn(l.tc)
	return lingerWait(tc), lingerOver, lingerCopier{tc}
}

// lingerWait ends a lingering close once tc's FIN is acknowledged.
func lingerWait(tc *tcpConn) attempt {
	return func() (Result, bool, string) {
		switch tc.c.State() {
		case tcp.FinWait1, tcp.Closing, tcp.LastAck:
			if tc.alive {
				return Result{}, false, "SO_LINGER: waiting for the FIN to be acknowledged"
			}
		}
		return ok(0), true, ""
	}
}

// lingerOver is what a lingering close returns when its time is up.
func lingerOver() Result { return ok(0) }

// Getsockname is getsockname(2).
func (h *Host) Getsockname(fd int) Result {
	if r, busy := h.refuse(); busy {
		return r
	}
	s, e := h.lookup(fd)
	if e != errno.OK {
		return fail(e)
	}
	return Result{Addr: s.localAddr()}
}

// Getpeername is getpeername(2).
func (h *Host) Getpeername(fd int) Result {
	if r, busy := h.refuse(); busy {
		return r
	}
	s, e := h.lookup(fd)
	if e != errno.OK {
		return fail(e)
	}
	if s.proto == UDP {
		if s.state != connected {
			return fail(errno.ENOTCONN)
		}
		return Result{Addr: s.remote}
	}
	if s.conn == nil || s.listening {
		return fail(errno.ENOTCONN)
	}
	if st := s.conn.c.State(); st == tcp.Closed || st == tcp.SynSent {
		return fail(errno.ENOTCONN)
	}
	return Result{Addr: s.remote}
}

// Fcntl is fcntl(2) with F_GETFL and F_SETFL (only O_NONBLOCK changes).
func (h *Host) Fcntl(fd, cmd, arg int) Result {
	if r, busy := h.refuse(); busy {
		return r
	}
	if fd >= 0 && fd < len(h.stdio) && h.stdio[fd] {
		switch cmd {
		case F_GETFL:
			return ok(O_RDWR)
		case F_SETFL:
			return ok(0)
		}
		return fail(errno.EINVAL)
	}
	s, e := h.lookup(fd)
	if e != errno.OK {
		return fail(e)
	}
	switch cmd {
	case F_GETFL:
		fl := O_RDWR
		if s.nonblock {
			fl |= O_NONBLOCK
		}
		return ok(fl)
	case F_SETFL:
		s.nonblock = arg&O_NONBLOCK != 0
		return ok(0)
	}
	return fail(errno.EINVAL)
}
