package session

import (
	"github.com/sockplay/sockplay/core/inet"
	"github.com/sockplay/sockplay/core/trace"
)

// crowdSet tells a crowd's events from the others: the events of a
// crowd's host, the packets to or from its network, and the connections
// with an end in it. The page draws those as counts (CrowdView) and one
// client's on demand (CrowdClient), not one by one.
type crowdSet struct {
	names []string
	nets  []addrRange
}

// addrRange is the addresses a&mask == base.
type addrRange struct{ base, mask uint32 }

func (r addrRange) has(a uint32) bool { return a&r.mask == r.base }

// crowds is the session's crowd hosts now.
func (e *engine) crowds() crowdSet {
	var s crowdSet
	for _, h := range e.w.Hosts() {
		if bits := h.PrefixBits(); bits > 0 {
			mask := ^uint32(0) << (32 - bits)
			s.names = append(s.names, h.Name())
			s.nets = append(s.nets, addrRange{addrWord(h.Addr()) & mask, mask})
		}
	}
	return s
}

func addrWord(a inet.Addr) uint32 {
	b := a.As4()
	return uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
}

func (s *crowdSet) host(name string) bool {
	for _, n := range s.names {
		if n == name {
			return true
		}
	}
	return false
}

func (s *crowdSet) addr(a uint32) bool {
	for _, r := range s.nets {
		if r.has(a) {
			return true
		}
	}
	return false
}

// matcher says whether an event concerns the addresses some test accepts.
// An event that names no address (a listener's queue event, a SYN it
// dropped) belongs where the packet being processed, the last one before
// it, belongs.
type matcher struct {
	host   func(string) bool
	addr   func(uint32) bool
	inside bool // the last packet event matched
}

func (m *matcher) match(e *trace.Event) bool {
	switch {
	case len(e.Bytes) >= 20:
		m.inside = m.addr(be32At(e.Bytes, 12)) || m.addr(be32At(e.Bytes, 16))
		return m.inside
	case e.Packet != 0 && e.Kind != trace.State && (e.From != "" || e.To != ""):
		m.inside = m.host(e.From) || m.host(e.To)
		return m.inside
	case e.Conn != "":
		a, b, ok := connAddrs(e.Conn)
		return ok && (m.addr(a) || m.addr(b))
	case e.Kind == trace.Queue || e.Kind == trace.Drop:
		return m.inside
	}
	return m.host(e.Host)
}

func be32At(b []byte, i int) uint32 {
	return uint32(b[i])<<24 | uint32(b[i+1])<<16 | uint32(b[i+2])<<8 | uint32(b[i+3])
}

// connAddrs reads the two addresses of a connection's name,
// "10.0.0.1:34884 10.0.0.2:80".
func connAddrs(conn string) (a, b uint32, ok bool) {
	a, rest, ok := ipv4Prefix(conn)
	if !ok {
		return 0, 0, false
	}
	for i := 0; i < len(rest); i++ {
		if rest[i] == ' ' {
			b, _, ok = ipv4Prefix(rest[i+1:])
			return a, b, ok
		}
	}
	return 0, 0, false
}

// ipv4Prefix reads the dotted quad s starts with.
func ipv4Prefix(s string) (uint32, string, bool) {
	var a uint32
	i := 0
	for part := range 4 {
		if part > 0 {
			if i >= len(s) || s[i] != '.' {
				return 0, s, false
			}
			i++
		}
		start, v := i, uint32(0)
		for i < len(s) && s[i] >= '0' && s[i] <= '9' && i-start < 3 {
			v = v*10 + uint32(s[i]-'0')
			i++
		}
		if i == start || v > 255 {
			return 0, s, false
		}
		a = a<<8 | v
	}
	return a, s[i:], true
}

// Brief is events without those of crowds' clients: what the page's
// ladder, event log and packet list show one by one.
func (s *Session) Brief(events []trace.Event) []trace.Event {
	set := s.st.crowds()
	if len(set.names) == 0 {
		return events
	}
	m := matcher{host: set.host, addr: set.addr}
	kept := events[:0:0]
	for i := range events {
		if !m.match(&events[i]) {
			kept = append(kept, events[i])
		}
	}
	return kept
}

// TraceBrief is Brief(Trace(since)) without copying the crowds' events,
// and the trace's length to ask from next time.
func (s *Session) TraceBrief(since int) (events []trace.Event, next int) {
	log := s.st.w.Log()
	set := s.st.crowds()
	m := matcher{host: set.host, addr: set.addr}
	for i := max(since, 0); i < log.Len(); i++ {
		e := log.At(i)
		if len(set.names) == 0 || !m.match(e) {
			events = append(events, *e)
		}
	}
	return events, log.Len()
}
