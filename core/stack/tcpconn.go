package stack

import (
	"strconv"
	"time"

	"github.com/sockplay/sockplay/core/inet"
	"github.com/sockplay/sockplay/core/tcp"
	"github.com/sockplay/sockplay/core/trace"
	"github.com/sockplay/sockplay/core/wire"
)

type fourTuple struct{ local, remote inet.AddrPort }

// tcpConn is a TCP connection living on a host: owned by a socket, queued
// at a listener (no descriptor yet), or orphaned after close() while it
// finishes (FIN-WAIT, LAST-ACK, TIME-WAIT).
type tcpConn struct {
	h    *Host
	c    *tcp.Conn
	seq  int
	key  fourTuple
	name string // "local remote", as trace events name the connection
	// unownedText is the text of its events while no socket owns it.
	unownedText string
	iss         uint32
	sock        *socket // nil until accepted, and after close()
	parent      *socket // the listener while queued there
	origin      *socket // the listener it came from, kept after accept
	reuse       bool    // SO_REUSEADDR of the socket it belongs or belonged to
	ipID        uint16
	armed       armedTimers
	// due is the earliest timer as the world's index has it; heapAt and
	// shortAt are 1 + the positions there, 0 when absent (deadlines).
	due             time.Duration
	heapAt, shortAt int
	last            *Transition
	alive           bool
	// errTaken: the connection's error was reported by a call already.
	errTaken bool
	stamp    uint64 // the world's stamp when it was last updated
}

// Transition is a connection's most recent state change.
type Transition struct {
	From, To string
	Reason   string
	Time     time.Duration
}

func endpoint(a inet.AddrPort) tcp.Endpoint { return tcp.Endpoint{Addr: a.Addr(), Port: a.Port()} }

// newInit draws a connection's initial sequence number and timestamp
// offset from the world's seeded randomness (Linux derives both from a
// keyed hash; either way they are unpredictable to the peer).
func (h *Host) newInit() tcp.Init {
	return tcp.Init{ISS: h.w.rng.Uint32(), TSOffset: h.w.rng.Uint32()}
}

func (h *Host) addConn(c *tcp.Conn, iss uint32, sock, parent *socket, reuse bool) *tcpConn {
	tc := &tcpConn{
		h: h, c: c, seq: h.seq(), iss: iss, sock: sock, parent: parent, origin: parent, reuse: reuse,
		key:   fourTuple{inet.AddrPortFrom(c.Local().Addr, c.Local().Port), inet.AddrPortFrom(c.Remote().Addr, c.Remote().Port)},
		ipID:  uint16(h.w.rng.Uint32()),
		name:  c.Local().Addr.String() + ":" + itoa(int(c.Local().Port)) + " " + c.Remote().Addr.String() + ":" + itoa(int(c.Remote().Port)),
		alive: true,
	}
	h.conns = append(h.conns, tc)
	h.demux[tc.key] = tc
	return tc
}

func (tc *tcpConn) fd() int {
	if tc.sock != nil {
		return tc.sock.fd
	}
	return 0
}

// reuseAddr is SO_REUSEADDR as it applies to this connection's port.
func (tc *tcpConn) reuseAddr() bool {
	if tc.sock != nil {
		return tc.sock.opts.reuseAddr
	}
	return tc.reuse
}

// sync sends what the connection queued, records its events and forgets
// it once it reaches CLOSED.
func (h *Host) sync(tc *tcpConn) {
	h.w.stamp++
	tc.stamp = h.w.stamp
	now := h.w.Now()
	segs := tc.c.Output(now)
	for _, ev := range tc.c.Events() {
		h.connEvent(tc, ev)
	}
	causes, states := tc.c.Causes(), tc.c.States()
	for i, seg := range segs {
		h.sendSegment(tc, seg, causes[i], &states[i])
	}
	if tc.alive && tc.c.State() == tcp.Closed {
		h.forget(tc)
	}
	if tc.alive {
		h.w.timers.update(tc)
	}
}

func (h *Host) sendSegment(tc *tcpConn, seg *wire.TCP, why tcp.Cause, st *trace.TCPState) {
	var id uint16
	// Linux sends SYN-ACKs from the request socket with IP ID 0; a full
	// socket numbers its packets from a random start.
	if !(seg.Flags&wire.SYN != 0 && seg.Flags&wire.ACK != 0 && tc.c.Passive()) {
		id = tc.ipID
		tc.ipID++
	}
	label := ""
	if l := h.w.labeler; l != nil && len(seg.Payload) > 0 && tc.sock != nil {
		label = l(h, tc.sock.fd, seg.Seq-(tc.iss+1), seg.Payload)
	}
	b := wire.TCPPacket(tc.key.local.Addr(), tc.key.remote.Addr(), id, seg)
	h.transmit(tc.key.remote.Addr(), b, label, why.String(), st)
}

func (h *Host) connEvent(tc *tcpConn, ev tcp.Event) {
	e := trace.Event{Time: ev.Time, FD: tc.fd(), TCP: ev.TCP, Conn: tc.name}
	switch ev.Kind {
	case tcp.EventState:
		e.Kind, e.From, e.To, e.Text = trace.State, ev.From.String(), ev.To.String(), ev.Text
		tc.last = &Transition{From: e.From, To: e.To, Reason: ev.Text, Time: ev.Time}
	case tcp.EventTimerArmed:
		e.Kind, e.Timer, e.At = trace.TimerSet, ev.Timer.String(), ev.At
		tc.armed.set(ev.Timer, ev.At)
	case tcp.EventTimerCancelled:
		e.Kind, e.Timer, e.At, e.Text = trace.Note, ev.Timer.String(), ev.At, ev.Timer.CancelledNote()
		tc.armed.clear(ev.Timer)
	case tcp.EventTimerFired:
		e.Kind, e.Timer, e.At = trace.Fire, ev.Timer.String(), ev.At
		tc.armed.clear(ev.Timer)
	default:
		e.Kind, e.Text, e.Relative = trace.Note, ev.Text, ev.Relative
	}
	if e.Text == "" && tc.sock == nil {
		if tc.unownedText == "" {
			tc.unownedText = "connection " + tc.key.local.String() + " ↔ " + tc.key.remote.String()
		}
		e.Text = tc.unownedText
	}
	h.event(e)
}

// forget unhashes a connection that reached CLOSED. A socket that owns
// it keeps it, to report the error and end of stream.
func (h *Host) forget(tc *tcpConn) {
	tc.alive = false
	if h.demux[tc.key] == tc {
		delete(h.demux, tc.key)
	}
	for i, x := range h.conns {
		if x == tc {
			h.conns = append(h.conns[:i], h.conns[i+1:]...)
			break
		}
	}
	if l := tc.parent; l != nil {
		l.synQueue = removeConn(l.synQueue, tc)
		h.queueEvent(l)
	}
	tc.armed = armedTimers{}
	h.w.timers.remove(tc)
}

func removeConn(list []*tcpConn, tc *tcpConn) []*tcpConn {
	for i, x := range list {
		if x == tc {
			return append(list[:i], list[i+1:]...)
		}
	}
	return list
}

// shortDeadline is the earliest retransmission, persist or delayed-ACK
// timer: the ones `run` goes through (TIME-WAIT, keepalive and FIN-WAIT-2
// need an explicit wait).
func (tc *tcpConn) shortDeadline() (time.Duration, bool) {
	var best time.Duration
	found := false
	for _, t := range [...]tcp.Timer{tcp.TimerRetransmit, tcp.TimerPersist, tcp.TimerDelayedACK} {
		at, armed := tc.armed.get(t)
		if armed && (!found || at < best) && !(tc.probesZeroWindow(t) && tc.peerWindowClosed()) {
			best, found = at, true
		}
	}
	return best, found
}

// hasShortTimer reports a retransmission, persist or delayed-ACK timer
// armed, whether or not shortDeadline counts it.
func (tc *tcpConn) hasShortTimer() bool {
	for _, t := range [...]tcp.Timer{tcp.TimerRetransmit, tcp.TimerPersist, tcp.TimerDelayedACK} {
		if _, armed := tc.armed.get(t); armed {
			return true
		}
	}
	return false
}

// armedTimers mirrors a connection's armed timers, as its events said,
// in an array by timer: the world looks at every connection's on every
// event, and a map's iteration cost most of a many-connection run.
type armedTimers [tcp.TimerFinWait2 + 1]struct {
	at time.Duration
	on bool
}

func (a *armedTimers) set(t tcp.Timer, at time.Duration) {
	if int(t) < len(a) {
		a[t].at, a[t].on = at, true
	}
}

func (a *armedTimers) clear(t tcp.Timer) {
	if int(t) < len(a) {
		a[t].on = false
	}
}

func (a *armedTimers) get(t tcp.Timer) (time.Duration, bool) {
	if int(t) >= len(a) || !a[t].on {
		return 0, false
	}
	return a[t].at, true
}

// probesZeroWindow reports a timer whose firing only probes the peer's
// zero window: the persist timer, or the retransmission timer while the
// send window is zero (its retransmissions are then zero-window probes,
// as in Linux's tcp_retransmit_timer).
func (tc *tcpConn) probesZeroWindow(t tcp.Timer) bool {
	return t == tcp.TimerPersist || (t == tcp.TimerRetransmit && tc.c.Vars().SndWnd == 0)
}

// peerWindowClosed tells, with the simulator's view of both ends, that a
// zero-window probe would only be answered by another zero window: the
// peer's application is not reading. Run does not wait on such probes, as
// it does not wait on keepalives; a lost window update (the peer's window
// is open) still gets its probe.
func (tc *tcpConn) peerWindowClosed() bool {
	peer := tc.h.w.HostByAddr(tc.key.remote.Addr())
	if peer == nil {
		return false
	}
	pc, ok := peer.demux[fourTuple{local: tc.key.remote, remote: tc.key.local}]
	return ok && pc.c.Vars().RcvWnd == 0
}

func itoa(n int) string { return strconv.Itoa(n) }
