package httpapp

import (
	"time"

	"github.com/sockplay/sockplay/core/errno"
	"github.com/sockplay/sockplay/core/stack"
)

// Server defaults, Apache's where it has one.
const (
	DefaultIdle        = 5 * time.Second // KeepAliveTimeout
	DefaultMaxRequests = 100             // MaxKeepAliveRequests
	DefaultTick        = time.Second     // the period of /push and /poll
	// lingerTime bounds how long a server that shut down its side keeps
	// reading before it closes (Apache's lingering close reads for 2 s), so
	// requests still arriving are drained instead of answered by a RST.
	lingerTime = 2 * time.Second
	// ioChunk is how much one send or recv call moves: small enough that a
	// full send buffer does not make every retry copy the whole response.
	ioChunk = 16 << 10
)

// ServerOptions configure a Server; zero fields take the defaults.
type ServerOptions struct {
	HTTP10      bool          // speak HTTP/1.0 rather than HTTP/1.1
	Idle        time.Duration // close a persistent connection idle this long
	MaxRequests int           // answer at most this many requests on one connection
	Tick        time.Duration // the period of /push and /poll
}

func (o ServerOptions) withDefaults() ServerOptions {
	if o.Idle <= 0 {
		o.Idle = DefaultIdle
	}
	if o.MaxRequests <= 0 {
		o.MaxRequests = DefaultMaxRequests
	}
	if o.Tick <= 0 {
		o.Tick = DefaultTick
	}
	return o
}

// Server is an HTTP/1.x server app serving the built-in site on a
// listening socket: it accepts every connection and answers each in turn.
type Server struct {
	fd        int
	opts      ServerOptions
	start     time.Duration // tick k of /poll is at start + k·Tick
	started   bool
	listening bool
	conns     []*serverConn
	accepted  int
}

// NewServer returns a server for the listening socket fd; attach it to the
// host with Host.Attach.
func NewServer(fd int, o ServerOptions) *Server {
	return &Server{fd: fd, opts: o.withDefaults(), listening: true}
}

// FD is the listening socket the server accepts on.
func (s *Server) FD() int { return s.fd }

// Accepted counts the connections the server accepted.
func (s *Server) Accepted() int { return s.accepted }

// Serving reports whether the server still accepts connections (its
// listening socket has not been closed under it).
func (s *Server) Serving() bool { return s.listening }

// minor is the server's HTTP minor version.
func (s *Server) minor() int {
	if s.opts.HTTP10 {
		return 0
	}
	return 1
}

// Run accepts what is waiting and moves every connection on.
func (s *Server) Run(now time.Duration, h *stack.Host) {
	if !s.started {
		s.start, s.started = now, true
	}
	for s.listening {
		r := h.Accept(s.fd)
		if r.Err == errno.EAGAIN {
			break
		}
		if r.Failed() {
			s.listening = false // the listener was closed or shut down
			break
		}
		s.accepted++
		s.conns = append(s.conns, newServerConn(s, r.Ret, now))
	}
	live := s.conns[:0]
	for _, c := range s.conns {
		c.run(now, h)
		if c.phase != phaseDone {
			live = append(live, c)
		}
	}
	clear(s.conns[len(live):])
	s.conns = live
}

// Deadline is the earliest time a connection has something to do: a slow
// answer, a chunk, a tick, an idle timeout or the end of a lingering close.
func (s *Server) Deadline() (time.Duration, bool) {
	var best time.Duration
	found := false
	for _, c := range s.conns {
		if at, ok := c.deadline(); ok && (!found || at < best) {
			best, found = at, true
		}
	}
	return best, found
}
