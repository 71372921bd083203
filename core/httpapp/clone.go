package httpapp

import (
	"maps"
	"slices"
)

// Clone is an independent copy of the labeler, with every connection's
// streams parsed as far as they are here.
func (l *Labeler) Clone() *Labeler {
	c := &Labeler{conns: make(map[connKey]*connStreams, len(l.conns))}
	for k, cs := range l.conns {
		requests, responses := cs.requests.clone(), cs.responses.clone()
		requests.peer, responses.peer = responses, requests
		c.conns[k] = &connStreams{requests: requests, responses: responses}
	}
	return c
}

// clone copies a stream but its peer, which the caller links.
func (s *stream) clone() *stream {
	c := *s
	c.prefix = slices.Clone(s.prefix)
	if s.http != nil {
		c.http = s.http.Clone()
	}
	if s.ws != nil {
		c.ws = s.ws.Clone()
	}
	c.items = make([]item, len(s.items), cap(s.items))
	for i, it := range s.items {
		it.parts = slices.Clone(it.parts)
		c.items[i] = it
	}
	c.given = maps.Clone(s.given)
	return &c
}
