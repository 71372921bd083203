package session

import (
	"github.com/sockplay/sockplay/core/inet"
	"github.com/sockplay/sockplay/core/trace"
)

// matcher tells a crowd's events from the others: the events of a crowd's
// host, the packets to or from its network, and the connections with an
// end in it (or, with one set, those of that one address). The page draws
// a crowd's events as counts (CrowdView) and one client's on demand
// (CrowdClient), not one by one. An event that names no address (a
// listener's queue event, a SYN it dropped) belongs where the packet being
// processed, the last one before it, belongs.
type matcher struct {
	names  []string
	nets   []addrRange
	one    uint32 // the one address, when not 0
	inside bool   // the last packet event matched
}

// addrRange is the addresses a&mask == base.
type addrRange struct{ base, mask uint32 }

// crowds matches the session's crowds as they are now.
func (e *engine) crowds() matcher {
	var m matcher
	for _, h := range e.w.Hosts() {
		if bits := h.PrefixBits(); bits > 0 {
			mask := ^uint32(0) << (32 - bits)
			m.names = append(m.names, h.Name())
			m.nets = append(m.nets, addrRange{addrWord(h.Addr()) & mask, mask})
		}
	}
	return m
}

func addrWord(a inet.Addr) uint32 {
	b := a.As4()
	return uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
}

func (m *matcher) host(name string) bool {
	for _, n := range m.names {
		if n == name {
			return true
		}
	}
	return false
}

func (m *matcher) addr(a uint32) bool {
	if m.one != 0 {
		return a == m.one
	}
	for _, r := range m.nets {
		if a&r.mask == r.base {
			return true
		}
	}
	return false
}

func (m *matcher) match(e *trace.Event) bool {
	switch {
	case len(e.Bytes) >= 20:
		b := e.Bytes
		m.inside = m.addr(uint32(b[12])<<24|uint32(b[13])<<16|uint32(b[14])<<8|uint32(b[15])) ||
			m.addr(uint32(b[16])<<24|uint32(b[17])<<16|uint32(b[18])<<8|uint32(b[19]))
		return m.inside
	case e.Packet != 0 && e.Kind != trace.State && (e.From != "" || e.To != ""):
		m.inside = m.host(e.From) || m.host(e.To)
		return m.inside
	case e.Conn != "":
		local, remote := connEnds(e.Conn)
		return m.host(e.Host) || m.addr(local) || m.addr(remote)
	case e.Kind == trace.Queue || e.Kind == trace.Drop:
		return m.inside
	}
	return m.host(e.Host)
}

// connEnds are the two addresses of a connection's name, "10.0.0.2:80
// 10.1.0.7:34884" (local first); 0 for one that does not parse.
func connEnds(conn string) (local, remote uint32) {
	for i := 0; i < len(conn); i++ {
		if conn[i] == ' ' {
			return addrBefore(conn[:i]), addrBefore(conn[i+1:])
		}
	}
	return 0, 0
}

// addrBefore is the address of "10.0.0.2:80".
func addrBefore(ap string) uint32 {
	a, err := inet.ParseAddrPort(ap)
	if err != nil {
		return 0
	}
	return addrWord(a.Addr())
}

// Brief is events without those of crowds' clients: what the page's
// ladder, event log and packet list show one by one.
func (s *Session) Brief(events []trace.Event) []trace.Event {
	m := s.st.crowds()
	if len(m.names) == 0 {
		return events
	}
	kept := events[:0]
	for i := range events {
		if !m.match(&events[i]) {
			kept = append(kept, events[i])
		}
	}
	return kept
}
