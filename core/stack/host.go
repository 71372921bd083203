package stack

import (
	"time"

	"github.com/sockplay/sockplay/core/errno"
	"github.com/sockplay/sockplay/core/inet"
	"github.com/sockplay/sockplay/core/tcp"
	"github.com/sockplay/sockplay/core/trace"
	"github.com/sockplay/sockplay/core/wire"
)

// App is a program running on a host by itself (an HTTP server, say). The
// world calls Run after every network event and timer, and when the
// clock reaches Deadline. An app uses the host's ordinary socket calls;
// calls that would block return EAGAIN instead.
type App interface {
	Run(now time.Duration, h *Host)
	Deadline() (time.Duration, bool)
}

// Host is one machine: an address, a file descriptor table, its TCP
// connections (with or without a descriptor) and at most one blocked call.
type Host struct {
	w    *World
	name string
	addr inet.Addr
	// prefixBits is nonzero for a crowd's host, which owns every address
	// of addr's /prefixBits network rather than addr alone.
	prefixBits int
	fds        map[int]*socket
	stdio      [3]bool // fds 0, 1 and 2 are open: stdin, stdout, stderr
	// socks lists open sockets in creation order, for deterministic walks.
	socks []*socket
	conns []*tcpConn // every TCP connection still alive on this host
	demux map[fourTuple]*tcpConn

	pending *pendingCall
	apps    []*appSlot
	lastApp int
	inApp   bool
	// parked receives a call an app makes while it runs calls as threads
	// would (RunParking): the call that would block is kept, not failed.
	parked **Parked

	sysctl sysctls

	// Linux's TcpExtListenOverflows and TcpExtListenDrops (nstat).
	listenOverflows, listenDrops int
	// TcpExtSyncookiesSent, SyncookiesRecv and SyncookiesFailed.
	cookiesSent, cookiesRecv, cookiesFailed int
	// cookieKey keys the SYN cookies' hash; drawn from the seed when the
	// first cookie is made, so sessions without cookies draw nothing.
	cookieKey uint64

	dropped int
	ipID    uint16 // for packets not tied to a connection (ICMP)
	nextSeq int    // creation order of sockets and connections
	// tcpDefaults is what this host's sysctls make of a new TCP socket.
	tcpDefaults tcp.Config
	// down: the host crashed and has not rebooted (crash.go).
	down bool
}

func newHost(w *World, name string, addr inet.Addr) *Host {
	return &Host{
		w:      w,
		name:   name,
		addr:   addr,
		fds:    map[int]*socket{},
		stdio:  [3]bool{true, true, true},
		demux:  map[fourTuple]*tcpConn{},
		sysctl: defaultSysctls,
		ipID:   uint16(w.rng.Uint32()),

		tcpDefaults: tcp.DefaultConfig(),
	}
}

// SetTCPDefaults sets the configuration this host's new TCP sockets start
// from, as sysctls do on Linux (net.ipv4.tcp_rmem, tcp_syn_retries, ...).
// Sockets already open keep theirs.
func (h *Host) SetTCPDefaults(c tcp.Config) { h.tcpDefaults = c }

// Name is the host's name, e.g. "client".
func (h *Host) Name() string { return h.name }

// Addr is the host's IPv4 address.
func (h *Host) Addr() inet.Addr { return h.addr }

// Dropped counts the malformed or bad-checksum packets this host discarded.
func (h *Host) Dropped() int { return h.dropped }

// Capture is what tcpdump on this host records: the packets it sent and
// those that arrived for it from another host, copied from the trace.
func (h *Host) Capture() []wire.Record {
	return h.w.records(func(e *trace.Event) bool { return e.CapturedAt(h.name) })
}

// Pending describes the call blocking this host, or nil.
func (h *Host) Pending() *Pending {
	if h.pending == nil {
		return nil
	}
	p := h.pending.info
	return &p
}

type appSlot struct {
	id      int
	app     App
	lastRun time.Duration
}

// deadline is the app's wake-up time, ignored once the app has run at or
// after it (an app that does not move its deadline is not woken again).
func (s *appSlot) deadline() (time.Duration, bool) {
	d, ok := s.app.Deadline()
	if !ok || d <= s.lastRun {
		return 0, false
	}
	return d, true
}

// Attach starts app on this host, runs it once and returns the id that
// Detach takes.
func (h *Host) Attach(app App) int {
	h.lastApp++
	slot := &appSlot{id: h.lastApp, app: app, lastRun: -1}
	h.apps = append(h.apps, slot)
	h.runApp(slot)
	h.w.settle()
	return slot.id
}

// Detach stops the app Attach numbered id.
func (h *Host) Detach(id int) {
	for i, s := range h.apps {
		if s.id == id {
			h.apps = append(h.apps[:i], h.apps[i+1:]...)
			return
		}
	}
}

func (h *Host) runApp(s *appSlot) {
	h.inApp = true
	s.lastRun = h.w.Now()
	s.app.Run(h.w.Now(), h)
	h.inApp = false
}

// resolveDst maps a destination of 0.0.0.0 to this host, as Linux does.
func resolveDst(dst inet.AddrPort) inet.AddrPort {
	if dst.Addr().IsUnspecified() {
		return inet.AddrPortFrom(inet.AddrFrom4([4]byte{127, 0, 0, 1}), dst.Port())
	}
	return dst
}

// sourceFor is the source address of packets to dst from an unbound
// socket: loopback traffic keeps the loopback address.
func (h *Host) sourceFor(dst inet.Addr) inet.Addr {
	if dst.IsLoopback() {
		return dst
	}
	return h.addr
}

// isLocal reports whether a is one of this host's addresses (its own
// and all of 127.0.0.0/8, as on Linux).
func (h *Host) isLocal(a inet.Addr) bool {
	return a == h.addr || a.IsLoopback() || h.prefixBits > 0 && inPrefix(a, h.addr, h.prefixBits)
}

// fdLimit is RLIMIT_NOFILE: a crowd's host is many programs, each with
// the usual 1024, so its table holds enough for every client at once.
func (h *Host) fdLimit() int {
	if h.prefixBits > 0 {
		return maxFDs * 16
	}
	return maxFDs
}

// lookup finds the socket behind fd, with Linux's errno for fds that are
// not sockets (0–2) or not open.
func (h *Host) lookup(fd int) (*socket, errno.Errno) {
	if fd >= 0 && fd < len(h.stdio) && h.stdio[fd] {
		return nil, errno.ENOTSOCK
	}
	s, ok := h.fds[fd]
	if !ok {
		return nil, errno.EBADF
	}
	return s, errno.OK
}

// allocFD returns the lowest free descriptor, as open(2) and socket(2) do.
func (h *Host) allocFD() (int, bool) {
	for fd := 0; fd < h.fdLimit(); fd++ {
		if fd < len(h.stdio) && h.stdio[fd] {
			continue
		}
		if _, used := h.fds[fd]; !used {
			return fd, true
		}
	}
	return 0, false
}

func (h *Host) addSocket(s *socket) {
	h.fds[s.fd] = s
	h.socks = append(h.socks, s)
}

func (h *Host) removeSocket(s *socket) {
	delete(h.fds, s.fd)
	for i, x := range h.socks {
		if x == s {
			h.socks = append(h.socks[:i], h.socks[i+1:]...)
			break
		}
	}
}

func (h *Host) seq() int {
	h.nextSeq++
	return h.nextSeq
}

// event records e for this host.
func (h *Host) event(e trace.Event) {
	e.Host = h.name
	h.w.event(e)
}

// transmit puts an IPv4 packet from this host on the wire towards dst;
// cause says why a TCP segment was sent and st the sender's state then
// ("" and nil for other packets).
func (h *Host) transmit(dst inet.Addr, b []byte, label, cause string, st *trace.TCPState) {
	w := h.w
	var to string
	if h.isLocal(dst) {
		to = h.name
	} else if peer := w.HostByAddr(dst); peer != nil {
		to = peer.name
	} else {
		to = dst.String()
	}
	tr := w.net.Send(h.name, to, b)
	if label != "" {
		w.labels[tr.Packet.ID] = label
	}
	w.event(trace.Event{Kind: trace.Send, Host: h.name, Packet: tr.Packet.ID, From: h.name, To: to,
		Bytes: tr.Packet.Bytes, Label: label, Cause: cause, TCP: st, At: tr.Packet.ArriveAt, Text: sendText(tr.Held)})
	if tr.Lost {
		w.event(trace.Event{Kind: trace.Drop, Packet: tr.Packet.ID, From: h.name, To: to,
			Bytes: tr.Packet.Bytes, Label: label, Text: "lost on the link"})
		delete(w.labels, tr.Packet.ID)
	}
	if d := tr.Duplicate; d != nil {
		if label != "" {
			w.labels[d.ID] = label
		}
		w.event(trace.Event{Kind: trace.Dup, Packet: d.ID, From: h.name, To: to, Bytes: d.Bytes,
			Label: label, At: d.ArriveAt, Text: "the link duplicated packet " + itoa(tr.Packet.ID)})
	}
}

func sendText(held time.Duration) string {
	if held > 0 {
		return "held back " + held.String() + " by reordering"
	}
	return ""
}
