package stack

import (
	"time"

	"github.com/sockplay/sockplay/core/errno"
	"github.com/sockplay/sockplay/core/inet"
	"github.com/sockplay/sockplay/core/tcp"
)

// Protocol of a socket.
type Protocol uint8

const (
	TCP Protocol = iota + 1
	UDP
)

func (p Protocol) String() string {
	if p == UDP {
		return "udp"
	}
	return "tcp"
}

// connState is the BSD socket's own view of connecting (Linux's
// sock->state, distinct from the TCP state): it decides what a second
// connect() returns.
type connState uint8

const (
	unconnected connState = iota
	connecting
	connected
)

// socket is an open socket descriptor.
type socket struct {
	fd       int
	seq      int
	proto    Protocol
	nonblock bool
	opts     options

	local     inet.AddrPort // bound address; port 0 while unbound
	userBound bool          // bind() was called (the port stays while the fd is open)
	remote    inet.AddrPort // connected peer
	state     connState
	shutRd    bool
	shutWr    bool

	// TCP
	conn      *tcpConn
	listening bool
	backlog   int
	synQueue  []*tcpConn // SYN-RECEIVED children
	// cookieAt is when the listener last sent a SYN cookie, if it has
	// (tcp_synq_overflow, updated at most once a second).
	cookieAt   time.Duration
	cookieSent bool
	acceptQ    []*tcpConn // handshake done, waiting for accept()
	told       [2]int     // the queue lengths the last Queue event told

	// UDP
	dgrams   []datagram
	rcvBytes int
	udpErr   errno.Errno // from an ICMP error, reported by the next call
	udpIPID  uint16
}

type datagram struct {
	from inet.AddrPort
	data []byte
}

// options are the socket options a socket carries before (and while) it
// has a connection.
type options struct {
	reuseAddr   bool
	keepAlive   bool
	linger      Linger
	rcvBuf      int // as getsockopt reports it (Linux doubles what setsockopt gets)
	sndBuf      int
	rcvBufSet   bool
	sndBufSet   bool
	noDelay     bool
	userMSS     int
	keepIdle    time.Duration
	keepIntvl   time.Duration
	keepCnt     int
	userTimeout time.Duration
	congestion  string // TCP_CONGESTION; "" is the host's default
	rcvTimeo    int64  // SO_RCVTIMEO in jiffies (see timeo.go)
	sndTimeo    int64  // SO_SNDTIMEO
}

func defaultOptions(p Protocol, d *tcp.Config) options {
	o := options{keepIdle: d.KeepIdle, keepIntvl: d.KeepInterval, keepCnt: d.KeepCount, rcvTimeo: noTimeout, sndTimeo: noTimeout}
	o.rcvBuf, o.sndBuf = d.RecvBuffer, d.SendBuffer
	if p == UDP {
		o.rcvBuf, o.sndBuf = udpBufDefault, udpBufDefault
	}
	return o
}

// tcpConfig builds a connection's configuration from the host's
// defaults and the options.
func (o *options) tcpConfig(defaults *tcp.Config) tcp.Config {
	c := *defaults
	o.applyTo(&c)
	if o.userMSS > 0 {
		c.MSS = min(c.MSS, o.userMSS)
	}
	return c
}

// applyTo copies the options a live connection honours into its config.
func (o *options) applyTo(c *tcp.Config) {
	c.NoDelay = o.noDelay
	c.KeepAlive = o.keepAlive
	c.KeepIdle, c.KeepInterval, c.KeepCount = o.keepIdle, o.keepIntvl, o.keepCnt
	c.UserTimeout = o.userTimeout
	if o.congestion != "" {
		c.Congestion = o.congestion
	}
	c.LingerZero = o.linger.OnOff != 0 && o.linger.Linger == 0
	// Linux doubles the requested size to cover its bookkeeping; the
	// requested size is the space for data.
	if o.rcvBufSet {
		c.RecvBuffer = o.rcvBuf / 2
	}
	if o.sndBufSet {
		c.SendBuffer = o.sndBuf / 2
	}
}

func (s *socket) bound() bool { return s.local.Port() != 0 }

// localAddr is the bound address with 0.0.0.0 for an unbound socket.
func (s *socket) localAddr() inet.AddrPort {
	if !s.local.IsValid() {
		return inet.AddrPortFrom(inet.IPv4Unspecified(), 0)
	}
	return s.local
}
