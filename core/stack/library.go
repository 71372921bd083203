package stack

import (
	"github.com/sockplay/sockplay/core/errno"
	"github.com/sockplay/sockplay/core/inet"
)

// This file is what libraries built on the socket calls (the HTTP and
// WebSocket helpers) need from a host: to block it like a socket call, to
// let their apps run at once, to find those apps again, to draw nonces
// from the world's seed and to tell connections apart.

// Block makes a library call that waits, as a blocking socket call does:
// try runs now and, while it reports not done, after every network event,
// with the host blocked (Pending, refusing other calls) in between. A
// library does its socket work in an App and try only looks at the app's
// state, since a blocked host refuses calls made outside its apps.
func (h *Host) Block(op string, fd int, try func() (r Result, done bool, waitsFor string)) Result {
	if r, busy := h.refuse(); busy {
		return r
	}
	return h.run(op, fd, false, errno.OK, try, nil)
}

// Settle lets every app react and every blocked call finish now, as after
// a network event: a library that handed its app new work calls it.
func (w *World) Settle() { w.settle() }

// Apps lists the apps attached to the host, in the order attached.
func (h *Host) Apps() []App {
	out := make([]App, len(h.apps))
	for i, s := range h.apps {
		out[i] = s.app
	}
	return out
}

// RandUint32 draws from the world's seeded random source, for nonces such
// as WebSocket keys and masks.
func (w *World) RandUint32() uint32 { return w.rng.Uint32() }

// HasLabeler reports whether SetLabeler installed a labeler.
func (w *World) HasLabeler() bool { return w.labeler != nil }

// ConnID names a TCP connection for its whole life: both addresses and
// both initial sequence numbers, so a reused descriptor or port gives a
// different one.
type ConnID struct {
	Local, Remote inet.AddrPort
	ISS, IRS      uint32
	Passive       bool // accepted from a listener rather than connected
}

// ConnID is the connection behind fd, if fd is a TCP socket with one.
func (h *Host) ConnID(fd int) (ConnID, bool) {
	s, ok := h.fds[fd]
	if !ok || s.conn == nil {
		return ConnID{}, false
	}
	tc := s.conn
	return ConnID{Local: tc.key.local, Remote: tc.key.remote, ISS: tc.iss, IRS: tc.c.Vars().IRS, Passive: tc.c.Passive()}, true
}
