package stack

import (
	"time"

	"github.com/sockplay/sockplay/core/inet"
	"github.com/sockplay/sockplay/core/tcp"
)

// SocketInfo is one socket (or descriptor-less connection) as the
// renderers show it.
type SocketInfo struct {
	FD          int // -1 for a connection without a descriptor (queued at a listener, or closed and finishing)
	Proto       Protocol
	Local       inet.AddrPort
	Remote      inet.AddrPort // invalid when not connected
	State       string        // RFC 9293 name ("ESTABLISHED"), "LISTEN", "CLOSED"; UDP: "UNCONN"/"ESTAB"
	SSState     string        // ss's name ("ESTAB")
	RecvQ       int
	SendQ       int
	Backlog     int // listeners
	NonBlocking bool
	// Listener is the fd of the listening socket a passively opened
	// connection waits in or was accepted from, while that socket
	// listens; -1 for any other socket.
	Listener int
	// A listener's queues: handshakes in the SYN queue and connections
	// waiting in the accept queue, each with the most it admits.
	SynQ, SynMax, AcceptQ, AcceptMax int
	Vars                             *tcp.Vars   // TCP connections
	Last                             *Transition // the most recent state change
	Options                          Options
}

// Options are a socket's options as getsockopt reports them.
type Options struct {
	ReuseAddr   bool
	KeepAlive   bool
	Linger      Linger
	RcvBuf      int
	SndBuf      int
	NoDelay     bool
	MaxSeg      int // TCP_MAXSEG set by the user, 0 if not
	KeepIdle    time.Duration
	KeepIntvl   time.Duration
	KeepCnt     int
	UserTimeout time.Duration
}

func (o *options) export() Options {
	return Options{
		ReuseAddr: o.reuseAddr, KeepAlive: o.keepAlive, Linger: o.linger, RcvBuf: o.rcvBuf, SndBuf: o.sndBuf,
		NoDelay: o.noDelay, MaxSeg: o.userMSS, KeepIdle: o.keepIdle, KeepIntvl: o.keepIntvl, KeepCnt: o.keepCnt,
		UserTimeout: o.userTimeout,
	}
}

// Sockets lists the host's descriptors in fd order, then its connections
// without a descriptor in creation order.
func (h *Host) Sockets() []SocketInfo {
	var out []SocketInfo
	for fd := 0; fd < h.fdLimit() && len(out) < len(h.fds); fd++ {
		if s, ok := h.fds[fd]; ok {
			out = append(out, h.socketInfo(s))
		}
	}
	for _, tc := range h.conns {
		if tc.sock == nil {
			info := connInfo(tc)
			info.FD = -1
			if tc.parent != nil {
				info.Options = tc.parent.opts.export()
			}
			out = append(out, info)
		}
	}
	return out
}

func (h *Host) socketInfo(s *socket) SocketInfo {
	var info SocketInfo
	switch {
	case s.conn != nil && !s.listening:
		info = connInfo(s.conn)
	case s.listening:
		info = SocketInfo{State: tcp.Listen.String(), SSState: "LISTEN", RecvQ: len(s.acceptQ), SendQ: s.backlog, Backlog: s.backlog,
			SynQ: len(s.synQueue), SynMax: h.synQueueMax(s), AcceptQ: len(s.acceptQ), AcceptMax: s.backlog + 1}
	case s.proto == UDP && s.state == connected:
		info = SocketInfo{State: "ESTAB", SSState: "ESTAB", RecvQ: s.rcvBytes, Remote: s.remote}
	case s.proto == UDP:
		info = SocketInfo{State: "UNCONN", SSState: "UNCONN", RecvQ: s.rcvBytes}
	default:
		info = SocketInfo{State: tcp.Closed.String(), SSState: tcp.Closed.SSName()}
	}
	info.FD, info.Proto, info.Local, info.NonBlocking = s.fd, s.proto, s.localAddr(), s.nonblock
	info.Options = s.opts.export()
	if s.conn == nil || s.listening {
		info.Listener = -1
	}
	return info
}

func connInfo(tc *tcpConn) SocketInfo {
	st := tc.c.State()
	v := tc.c.Vars()
	listener := -1
	if o := tc.origin; o != nil && o.listening && tc.h.fds[o.fd] == o {
		listener = o.fd
	}
	return SocketInfo{
		Proto: TCP, Local: tc.key.local, Remote: tc.key.remote,
		State: st.String(), SSState: st.SSName(), RecvQ: tc.c.RecvQueued(), SendQ: tc.c.SendQueued(),
		Vars: &v, Last: tc.last, Options: optionsOf(tc), Listener: listener,
	}
}

// ListenCounters are Linux's TcpExtListenOverflows and TcpExtListenDrops
// (nstat) for this host.
func (h *Host) ListenCounters() (overflows, drops int) { return h.listenOverflows, h.listenDrops }

func optionsOf(tc *tcpConn) Options {
	if tc.sock != nil {
		return tc.sock.opts.export()
	}
	return Options{}
}

// Timer is an armed timer somewhere in the world.
type Timer struct {
	Host string
	FD   int    // -1 when the connection has no descriptor
	Kind string // "retransmit", "persist", "delack", "keepalive", "time-wait", "fin-wait-2", "app", "poll", "linger"
	At   time.Duration
}

// Timers lists every armed timer, earliest first.
func (w *World) Timers() []Timer {
	var out []Timer
	for _, h := range w.hosts {
		for _, tc := range h.conns {
			fd := -1
			if tc.sock != nil {
				fd = tc.sock.fd
			}
			for t := tcp.TimerRetransmit; t <= tcp.TimerFinWait2; t++ {
				if at, ok := tc.armed.get(t); ok {
					out = append(out, Timer{Host: h.name, FD: fd, Kind: t.String(), At: at})
				}
			}
		}
		for _, a := range h.apps {
			if at, ok := a.deadline(); ok {
				out = append(out, Timer{Host: h.name, FD: -1, Kind: "app", At: at})
			}
		}
		if p := h.pending; p != nil && p.info.HasDeadline {
			kind := "poll"
			if p.info.Op == "close" {
				kind = "linger"
			}
			out = append(out, Timer{Host: h.name, FD: p.info.FD, Kind: kind, At: p.info.Deadline})
		}
	}
	sortTimers(out)
	return out
}

func sortTimers(t []Timer) {
	for i := 1; i < len(t); i++ {
		for j := i; j > 0 && t[j].At < t[j-1].At; j-- {
			t[j], t[j-1] = t[j-1], t[j]
		}
	}
}
