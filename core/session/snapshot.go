package session

import (
	"maps"
	"slices"
)

// Clone is an independent copy of the session: the same lines, engine and
// trace, none of it shared, so that lines run on either give exactly what
// they give on the other, and what a fresh session given the same lines
// gives. A notebook keeps clones as snapshots after its cells, so that
// running a cell replays from the nearest one rather than from the start.
//
// Hosts blocked in a socket call and HTTP servers and clients at work are
// copied. It returns false, and no copy, while a library's call (http.get
// waiting for its response) blocks or a crowd runs: what those do next is
// code, not data that can be copied. Replaying the lines is the way back
// then.
func (s *Session) Clone() (*Session, bool) {
	st, ok := s.st.clone()
	if !ok {
		return nil, false
	}
	c := *s
	c.lines = slices.Clone(s.lines)
	c.st = st
	return &c, true
}

func (e *engine) clone() (*engine, bool) {
	if e.w.HasLabeler() && e.labeler == nil {
		return nil, false
	}
	w, ok := e.w.Clone()
	if !ok {
		return nil, false
	}
	c := *e
	c.w = w
	if e.labeler != nil {
		c.labeler = e.labeler.Clone()
		w.SetLabeler(c.labeler.Label)
	}
	c.vars = make(map[string]map[string]int, len(e.vars))
	for host, names := range e.vars {
		c.vars[host] = maps.Clone(names)
	}
	c.blocked = maps.Clone(e.blocked)
	c.printer = e.printer.Clone()
	c.packets = e.packets.clone()
	c.callLog = slices.Clone(e.callLog)
	// Only finished crowds are here (a running one is a program): their
	// records no longer change and are shared.
	c.crowdRuns = slices.Clone(e.crowdRuns)
	return &c, true
}

func (x *packetIndex) clone() packetIndex {
	return packetIndex{byID: slices.Clone(x.byID), syns: slices.Clone(x.syns), dups: maps.Clone(x.dups)}
}
