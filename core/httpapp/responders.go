package httpapp

import (
	"slices"
	"strconv"
	"time"

	"github.com/sockplay/sockplay/core/httpmsg"
)

// responder produces one response, possibly over time.
type responder interface {
	// begin starts the response: it reached the head of the queue at now.
	begin(now time.Duration)
	// emit appends the bytes due by now and reports whether the response
	// is complete.
	emit(now time.Duration, out []byte) ([]byte, bool)
	// wake is when emit next has something to give.
	wake() (time.Duration, bool)
	// copy is an independent copy, for c, the copy of its connection.
	copy(c *serverConn) responder
}

// delayed is a response whose bytes are all ready after a delay (0 for
// an immediate answer).
type delayed struct {
	delay time.Duration
	bytes []byte
	at    time.Duration
}

func (d *delayed) begin(now time.Duration) { d.at = now + d.delay }

func (d *delayed) emit(now time.Duration, out []byte) ([]byte, bool) {
	if now < d.at {
		return out, false
	}
	return append(out, d.bytes...), true
}

func (d *delayed) wake() (time.Duration, bool) { return d.at, true }

func (d *delayed) copy(*serverConn) responder {
	c := *d
	c.bytes = slices.Clone(d.bytes)
	return &c
}

// streamed is /stream: a head, then one piece every period. Chunked when
// both sides speak HTTP/1.1, else a body that ends when the server closes
// (RFC 9112 6.3 item 8).
type streamed struct {
	head    []byte
	chunked bool
	pieces  [][]byte
	every   time.Duration
	sent    int // pieces sent
	next    time.Duration
	headOut bool
}

func (s *streamed) begin(now time.Duration) { s.next = now + s.every }

func (s *streamed) emit(now time.Duration, out []byte) ([]byte, bool) {
	if !s.headOut {
		out, s.headOut = append(out, s.head...), true
	}
	for s.sent < len(s.pieces) && now >= s.next {
		if s.chunked {
			out = httpmsg.AppendChunk(out, s.pieces[s.sent])
		} else {
			out = append(out, s.pieces[s.sent]...)
		}
		s.sent++
		s.next += s.every
	}
	if s.sent < len(s.pieces) {
		return out, false
	}
	if s.chunked {
		out, _ = httpmsg.AppendLastChunk(out, nil) // no trailer: cannot fail
	}
	return out, true
}

func (s *streamed) wake() (time.Duration, bool) { return s.next, s.sent < len(s.pieces) }

func (s *streamed) copy(*serverConn) responder {
	c := *s
	c.head = slices.Clone(s.head)
	c.pieces = make([][]byte, len(s.pieces))
	for i, p := range s.pieces {
		c.pieces[i] = slices.Clone(p)
	}
	return &c
}

// responseHead fields common to every response.
func (c *serverConn) headerFor(req *httpmsg.Message, contentType string, extra httpmsg.Header, keep bool) httpmsg.Header {
	h := httpmsg.Header{{Name: "Server", Value: "sockplay"}}
	if contentType != "" {
		h = append(h, httpmsg.Field{Name: "Content-Type", Value: contentType})
	}
	h = append(h, extra...)
	switch {
	case !keep:
		h = append(h, httpmsg.Field{Name: "Connection", Value: "close"})
	case req != nil && (req.Minor == 0 || c.s.minor() == 0):
		// An HTTP/1.0 peer assumes a close unless told otherwise.
		h = append(h, httpmsg.Field{Name: "Connection", Value: "keep-alive"},
			httpmsg.Field{Name: "Keep-Alive", Value: "timeout=" + strconv.Itoa(int(c.s.opts.Idle/time.Second)) +
				", max=" + strconv.Itoa(c.s.opts.MaxRequests-c.served)})
	}
	return h
}

// buildResponse is a complete response in wire form; HEAD gets the head
// only, with the length the body would have.
func (c *serverConn) buildResponse(req *httpmsg.Message, status int, contentType string, body []byte, extra httpmsg.Header, keep bool) []byte {
	h := c.headerFor(req, contentType, extra, keep)
	m := httpmsg.NewResponse(status, h, body)
	m.Minor = c.s.minor()
	if req != nil && req.Method == "HEAD" {
		m.RequestMethod = "HEAD"
		m.Header = append(m.Header, httpmsg.Field{Name: "Content-Length", Value: strconv.Itoa(len(body))})
		m.Body = nil
	}
	b, err := m.Append(nil)
	if err != nil {
		// Only our own tables feed this; a bad one is a bug worth seeing.
		return []byte("HTTP/1." + strconv.Itoa(c.s.minor()) + " 500 Internal Server Error\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
	}
	return b
}

// fixed is a response ready at once.
func (c *serverConn) fixed(req *httpmsg.Message, status int, contentType string, body []byte, extra httpmsg.Header, keep bool) responder {
	return &delayed{bytes: c.buildResponse(req, status, contentType, body, extra, keep)}
}
