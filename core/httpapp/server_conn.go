package httpapp

import (
	"time"

	"github.com/sockplay/sockplay/core/errno"
	"github.com/sockplay/sockplay/core/httpmsg"
	"github.com/sockplay/sockplay/core/stack"
)

// phase is where a server connection is in its life.
type phase int

const (
	phaseOpen     phase = iota // reading requests and answering them
	phaseClosing               // sending what is queued, then shutting down writing
	phaseDraining              // FIN sent: reading and dropping until EOF or lingerTime
	phaseDone                  // descriptor closed
)

// exchange is one request and the response being produced for it.
type exchange struct {
	resp       responder
	closeAfter bool // the connection closes once this response is sent
	begun      bool
}

// serverConn is one accepted connection.
type serverConn struct {
	s      *Server
	fd     int
	parser *httpmsg.Parser
	queue  []*exchange // answered in order (RFC 9112 9.3.2)
	out    []byte      // response bytes not yet handed to send
	served int         // requests taken for answering
	// noMore: a request asked to close, was malformed or upgraded the
	// connection; nothing after it is parsed as HTTP.
	noMore     bool
	phase      phase
	peerEOF    bool
	lastActive time.Duration
	drainUntil time.Duration
	ws         *wsServer // set by an accepted WebSocket upgrade
}

func newServerConn(s *Server, fd int, now time.Duration) *serverConn {
	return &serverConn{s: s, fd: fd, parser: httpmsg.NewRequestParser(httpmsg.Limits{}), lastActive: now}
}

func (c *serverConn) run(now time.Duration, h *stack.Host) {
	if c.phase == phaseDone {
		return
	}
	c.read(now, h)
	c.answer(now)
	c.flush(now, h)
	c.advance(now, h)
}

// read takes what arrived: requests while open, frames after an upgrade,
// and nothing but end of stream while draining.
func (c *serverConn) read(now time.Duration, h *stack.Host) {
	for c.phase != phaseDone && !c.peerEOF {
		r := h.Recv(c.fd, ioChunk, 0)
		switch {
		case r.Err == errno.EAGAIN:
			return
		case r.Failed():
			c.close(h) // reset or timed out: nothing more to say
			return
		case r.Ret == 0:
			c.peerEOF = true
			return
		}
		c.lastActive = now
		switch {
		case c.phase == phaseDraining:
		case c.ws != nil:
			c.ws.feed(r.Data)
		case !c.noMore:
			msgs, err := c.parser.Feed(r.Data)
			for i := range msgs {
				c.take(now, &msgs[i])
			}
			if err != nil {
				c.reject(err)
			}
		}
	}
}

// take queues the answer to a request.
func (c *serverConn) take(now time.Duration, req *httpmsg.Message) {
	if c.noMore {
		return
	}
	c.served++
	keep := c.persistent(req) && c.served < c.s.opts.MaxRequests
	var resp responder
	if req.Minor >= 1 && !req.Header.Has("Host") {
		// RFC 9112 3.2: a server MUST answer 400 to an HTTP/1.1 request without Host.
		keep = false
		resp = c.fixed(req, 400, "text/plain", []byte("an HTTP/1.1 request needs a Host field\n"), nil, false)
	} else {
		resp, keep = c.route(now, req, keep)
	}
	c.queue = append(c.queue, &exchange{resp: resp, closeAfter: !keep})
	if !keep || c.ws != nil {
		c.noMore = true
	}
}

// persistent applies RFC 9112 9.3 with the server's own version: an
// HTTP/1.0 peer or server keeps the connection only when asked.
func (c *serverConn) persistent(req *httpmsg.Message) bool {
	if req.Header.HasToken("Connection", "close") {
		return false
	}
	if req.Minor == 0 || c.s.minor() == 0 {
		return req.Header.HasToken("Connection", "keep-alive")
	}
	return true
}

// reject answers a malformed request with the status the parser chose
// (400, 414, 431, 501, 505, ...) and closes.
func (c *serverConn) reject(err error) {
	if c.noMore {
		return
	}
	status, reason := 400, err.Error()
	// The parser's errors are never wrapped: a type assertion does what
	// errors.As would, without its reflection.
	if perr, ok := err.(*httpmsg.Error); ok && perr.Status >= 400 {
		status, reason = perr.Status, perr.Reason
	}
	c.queue = append(c.queue, &exchange{resp: c.fixed(nil, status, "text/plain", []byte(reason+"\n"), nil, false), closeAfter: true})
	c.noMore = true
}

// answer moves the responses that are due into out, in request order.
func (c *serverConn) answer(now time.Duration) {
	if c.phase != phaseOpen {
		return
	}
	for len(c.queue) > 0 {
		x := c.queue[0]
		if !x.begun {
			x.resp.begin(now)
			x.begun = true
		}
		var done bool
		c.out, done = x.resp.emit(now, c.out)
		if !done {
			break
		}
		c.queue = c.queue[1:]
		c.lastActive = now
		if x.closeAfter {
			c.queue = nil
			c.phase = phaseClosing
			return
		}
	}
	if len(c.queue) == 0 && c.ws != nil {
		if c.out = c.ws.run(now, c.out); c.ws.closing {
			c.phase = phaseClosing
		}
	}
}

// flush hands queued bytes to the socket as far as its buffer takes them.
// The idle time counts from the moment the last of them went.
func (c *serverConn) flush(now time.Duration, h *stack.Host) {
	if len(c.out) > 0 {
		c.lastActive = now
	}
	for len(c.out) > 0 && c.phase != phaseDone {
		r := h.Send(c.fd, c.out[:min(len(c.out), ioChunk)], 0)
		if r.Err == errno.EAGAIN {
			return
		}
		if r.Failed() {
			c.close(h)
			return
		}
		c.out = c.out[r.Ret:]
	}
	if len(c.out) == 0 {
		c.out = nil
	}
}

// advance closes the connection when its time has come: after a response
// that ends it, after the idle timeout, or once the client has closed.
func (c *serverConn) advance(now time.Duration, h *stack.Host) {
	switch c.phase {
	case phaseOpen:
		quiet := len(c.queue) == 0 && len(c.out) == 0
		switch {
		case c.peerEOF && quiet:
			c.close(h)
		case quiet && c.ws == nil && now >= c.lastActive+c.s.opts.Idle:
			c.phase = phaseClosing
			c.advance(now, h)
		}
	case phaseClosing:
		if len(c.out) > 0 {
			return
		}
		if c.peerEOF {
			c.close(h)
			return
		}
		// Shut down writing but keep reading (a lingering close): a request
		// already on its way is drained rather than answered with a RST.
		h.Shutdown(c.fd, stack.SHUT_WR)
		c.phase, c.drainUntil = phaseDraining, now+lingerTime
		c.read(now, h)
		c.advance(now, h)
	case phaseDraining:
		if c.peerEOF || now >= c.drainUntil {
			c.close(h)
		}
	}
}

func (c *serverConn) close(h *stack.Host) {
	h.Close(c.fd)
	c.phase, c.queue, c.out = phaseDone, nil, nil
}

// deadline is when the connection next needs to run by the clock.
func (c *serverConn) deadline() (time.Duration, bool) {
	switch c.phase {
	case phaseDraining:
		return c.drainUntil, true
	case phaseOpen:
		if len(c.queue) > 0 {
			if x := c.queue[0]; x.begun {
				return x.resp.wake()
			}
			return 0, false
		}
		if c.ws != nil {
			return c.ws.wake()
		}
		if len(c.out) == 0 {
			return c.lastActive + c.s.opts.Idle, true
		}
	}
	return 0, false
}
