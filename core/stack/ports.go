package stack

import "github.com/sockplay/sockplay/core/inet"

// portHolder is something that owns a local port: a bound socket or a
// connection (with or without a descriptor, TIME-WAIT included).
type portHolder struct {
	addr   inet.Addr
	reuse  bool
	listen bool
}

// holdsPort reports whether a socket keeps its port: listening, bound by
// bind(), a live connection, or a bound UDP socket. A connection that
// ended gives back a port it got implicitly, as Linux's inet_put_port.
func (s *socket) holdsPort() bool {
	if !s.bound() {
		return false
	}
	return s.listening || s.userBound || s.proto == UDP || (s.conn != nil && s.conn.alive)
}

func (h *Host) portHolders(proto Protocol, port uint16, self *socket) []portHolder {
	var out []portHolder
	for _, s := range h.socks {
		if s != self && s.proto == proto && s.local.Port() == port && s.holdsPort() {
			out = append(out, portHolder{s.local.Addr(), s.opts.reuseAddr, s.listening})
		}
	}
	if proto == TCP {
		for _, tc := range h.conns {
			if tc.sock == nil && tc.key.local.Port() == port {
				out = append(out, portHolder{tc.key.local.Addr(), tc.reuseAddr(), false})
			}
		}
	}
	return out
}

// portConflict applies Linux's bind rules (inet_bind_conflict,
// udp_lib_lport_inuse): two sockets may share a port when their addresses
// differ and neither is the wildcard, or when both set SO_REUSEADDR and,
// for TCP, the other one is not listening.
func (h *Host) portConflict(proto Protocol, addr inet.Addr, port uint16, reuse bool, self *socket) bool {
	for _, o := range h.portHolders(proto, port, self) {
		if !(o.addr.IsUnspecified() || addr.IsUnspecified() || o.addr == addr) {
			continue
		}
		if reuse && o.reuse && !(proto == TCP && o.listen) {
			continue
		}
		return true
	}
	return false
}

// ephemeralPort picks a free port in 32768–60999 starting at a random
// offset. Linux prefers even ports for connect() and odd ones for
// bind(port 0), keeping the other parity as a fallback.
func (h *Host) ephemeralPort(proto Protocol, forConnect bool) (uint16, bool) {
	span := ephemeralHigh - ephemeralLow + 1
	start := h.w.rng.IntN(span)
	first := 1
	if forConnect {
		first = 0
	}
	for _, parity := range []int{first, 1 - first} {
		for i := 0; i < span; i += 2 {
			off := (start + i) % span
			off = off&^1 | parity
			if off >= span {
				continue
			}
			port := uint16(ephemeralLow + off)
			if len(h.portHolders(proto, port, nil)) == 0 {
				return port, true
			}
		}
	}
	return 0, false
}
