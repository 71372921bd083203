package stack

import (
	"maps"
	"slices"
)

// Clone is an independent copy of the world, for a session's snapshot:
// the network, the clock, the randomness, every host's sockets and
// connections, blocked calls, apps, the timers and the trace, none of it
// shared, so that the copy and w go on alike from here. It returns false,
// and no copy, while a host is blocked in a library's call or runs an app
// that is not a CopyableApp (a crowd): what those will do next is code,
// not data that can be copied. The copy has no labeler (the caller gives
// it a copy of its own) and no External.
func (w *World) Clone() (*World, bool) {
	for _, h := range w.hosts {
		if h.pending != nil && h.pending.again == nil || h.parked != nil {
			return nil, false
		}
		for _, s := range h.apps {
			if _, ok := s.app.(CopyableApp); !ok {
				return nil, false
			}
		}
	}
	net, rebase := w.net.Clone()
	c := &World{
		net:         net,
		rng:         w.rng.Clone(),
		log:         w.log.Clone(rebase),
		hosts:       make([]*Host, len(w.hosts)),
		line:        w.line,
		call:        w.call,
		labels:      maps.Clone(w.labels),
		completions: slices.Clone(w.completions),
		processed:   w.processed,
	}
	cl := &cloner{w: c, rebase: rebase, socks: map[*socket]*socket{}, conns: map[*tcpConn]*tcpConn{}, hosts: map[*Host]*Host{}}
	for i, h := range w.hosts {
		c.hosts[i] = cl.host(h)
	}
	for i := range c.completions {
		c.completions[i].Result = c.completions[i].Result.clone()
	}
	// The index's scratch space is filled afresh on every use.
	c.timers = deadlines{heap: cl.connList(w.timers.heap), short: cl.connList(w.timers.short)}
	return c, true
}

// CopyableApp is an app that World.Clone can copy.
type CopyableApp interface {
	App
	// Copy is an independent copy of the app, for w, the copy of its world.
	Copy(w *World) App
}

// cloner copies a world's hosts, sockets and connections once each, so
// that what points at one object in w points at its one copy.
type cloner struct {
	w      *World
	rebase func([]byte) []byte // the copy's bytes of a packet in flight
	hosts  map[*Host]*Host
	socks  map[*socket]*socket
	conns  map[*tcpConn]*tcpConn
}

func (cl *cloner) host(h *Host) *Host {
	if c, ok := cl.hosts[h]; ok {
		return c
	}
	c := new(Host)
	cl.hosts[h] = c
	*c = *h
	c.w = cl.w
	c.fds = make(map[int]*socket, len(h.fds))
	for fd, s := range h.fds {
		c.fds[fd] = cl.socket(s)
	}
	c.socks = cl.sockList(h.socks)
	c.conns = cl.connList(h.conns)
	c.demux = make(map[fourTuple]*tcpConn, len(h.demux))
	for k, tc := range h.demux {
		c.demux[k] = cl.conn(tc)
	}
	if h.pending != nil {
		p := *h.pending
		p.try, p.timeout, p.again = p.again.again(cl)
		c.pending = &p
	}
	c.apps = nil
	for _, s := range h.apps {
		c.apps = append(c.apps, &appSlot{id: s.id, app: s.app.(CopyableApp).Copy(cl.w), lastRun: s.lastRun})
	}
	return c
}

func (cl *cloner) socket(s *socket) *socket {
	if s == nil {
		return nil
	}
	if c, ok := cl.socks[s]; ok {
		return c
	}
	c := new(socket)
	cl.socks[s] = c
	*c = *s
	c.conn = cl.conn(s.conn)
	c.synQueue = cl.connList(s.synQueue)
	c.acceptQ = cl.connList(s.acceptQ)
	c.dgrams = make([]datagram, len(s.dgrams), cap(s.dgrams))
	for i, d := range s.dgrams {
		d.data = slices.Clone(d.data)
		c.dgrams[i] = d
	}
	return c
}

func (cl *cloner) conn(tc *tcpConn) *tcpConn {
	if tc == nil {
		return nil
	}
	if c, ok := cl.conns[tc]; ok {
		return c
	}
	c := new(tcpConn)
	cl.conns[tc] = c
	*c = *tc
	c.h = cl.host(tc.h)
	c.c = tc.c.Clone()
	c.sock, c.parent, c.origin = cl.socket(tc.sock), cl.socket(tc.parent), cl.socket(tc.origin)
	if tc.last != nil {
		last := *tc.last
		c.last = &last
	}
	return c
}

func (cl *cloner) sockList(l []*socket) []*socket {
	if l == nil {
		return nil
	}
	out := make([]*socket, len(l), cap(l))
	for i, s := range l {
		out[i] = cl.socket(s)
	}
	return out
}

func (cl *cloner) connList(l []*tcpConn) []*tcpConn {
	if l == nil {
		return nil
	}
	out := make([]*tcpConn, len(l), cap(l))
	for i, tc := range l {
		out[i] = cl.conn(tc)
	}
	return out
}

func (r Result) clone() Result {
	r.Data = slices.Clone(r.Data)
	if r.Linger != nil {
		l := *r.Linger
		r.Linger = &l
	}
	if r.Timeval != nil {
		t := *r.Timeval
		r.Timeval = &t
	}
	r.Poll = slices.Clone(r.Poll)
	return r
}
