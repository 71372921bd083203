package httpapp

import (
	"maps"
	"slices"

	"github.com/sockplay/sockplay/core/stack"
	"github.com/sockplay/sockplay/core/websocket"
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

// Copy is an independent copy of the server, for w, the copy of its
// world (stack.CopyableApp): its connections where they are, their
// parsers, queued answers and WebSocket state.
func (s *Server) Copy(*stack.World) stack.App {
	c := *s
	c.conns = make([]*serverConn, len(s.conns), cap(s.conns))
	for i, sc := range s.conns {
		c.conns[i] = sc.copy(&c)
	}
	return &c
}

func (sc *serverConn) copy(s *Server) *serverConn {
	c := *sc
	c.s = s
	c.parser = sc.parser.Clone()
	c.queue = make([]*exchange, len(sc.queue))
	for i, x := range sc.queue {
		y := *x
		y.resp = x.resp.copy(&c)
		c.queue[i] = &y
	}
	c.out = slices.Clone(sc.out)
	if sc.ws != nil {
		c.ws = sc.ws.copy()
	}
	return &c
}

func (w *wsServer) copy() *wsServer {
	c := *w
	c.dec = w.dec.Clone()
	c.frames = make([]websocket.Frame, len(w.frames))
	for i, f := range w.frames {
		f.Payload = slices.Clone(f.Payload)
		c.frames[i] = f
	}
	c.msgs = make([]websocket.Message, len(w.msgs))
	for i, m := range w.msgs {
		m.Data = slices.Clone(m.Data)
		c.msgs[i] = m
	}
	if w.failure != nil {
		e := *w.failure
		c.failure = &e
	}
	return &c
}

// Copy is an independent copy of the client, for w, the copy of its
// world, whose seeded source gives the copy its WebSocket keys and masks
// (stack.CopyableApp).
func (c *Client) Copy(w *stack.World) stack.App {
	d := *c
	d.rand = w.RandUint32
	d.out = slices.Clone(c.out)
	d.parser = c.parser.Clone()
	d.raw = slices.Clone(c.raw)
	d.ready = make([]Response, len(c.ready))
	for i, r := range c.ready {
		d.ready[i] = r.copy()
	}
	if c.ws != nil {
		ws := *c.ws
		ws.c, ws.dec = &d, c.ws.dec.Clone()
		ws.inbox = make([]WSEvent, len(c.ws.inbox))
		for i, ev := range c.ws.inbox {
			ev.Data = slices.Clone(ev.Data)
			ws.inbox[i] = ev
		}
		if c.ws.end != nil {
			end := *c.ws.end
			end.Data = slices.Clone(end.Data)
			ws.end = &end
		}
		d.ws = &ws
	}
	if c.upgrade != nil {
		u := *c.upgrade
		if u.result != nil {
			r := u.result.copy()
			u.result = &r
		}
		d.upgrade = &u
	}
	if c.failure != nil {
		f := *c.failure
		d.failure = &f
	}
	return &d
}

func (r Response) copy() Response {
	r.Header = slices.Clone(r.Header)
	r.Body = slices.Clone(r.Body)
	r.Raw = slices.Clone(r.Raw)
	return r
}
