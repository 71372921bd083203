package stack

import (
	"time"

	"github.com/sockplay/sockplay/core/errno"
	"github.com/sockplay/sockplay/core/limits"
	"github.com/sockplay/sockplay/core/tcp"
)

// Setsockopt is setsockopt(2) for the options sockplay models. Values out
// of range get EINVAL, unknown options ENOPROTOOPT, as on Linux.
func (h *Host) Setsockopt(fd, level, name int, val OptVal) Result {
	if r, busy := h.refuse(); busy {
		return r
	}
	s, e := h.lookup(fd)
	if e != errno.OK {
		return fail(e)
	}
	if name == SO_LINGER && level == SOL_SOCKET {
		if val.Linger == nil {
			return fail(errno.EINVAL) // optlen < sizeof(struct linger)
		}
		l := *val.Linger
		if l.Linger < 0 {
			l.Linger = 0
		}
		s.opts.linger = l
		h.applyOpts(s)
		return ok(0)
	}
	if level == SOL_SOCKET && (name == SO_RCVTIMEO || name == SO_SNDTIMEO) {
		if val.Timeval == nil {
			return fail(errno.EINVAL) // optlen < sizeof(struct timeval)
		}
		timeo, e := timeoFrom(*val.Timeval)
		if e != errno.OK {
			return fail(e)
		}
		if name == SO_RCVTIMEO {
			s.opts.rcvTimeo = timeo
		} else {
			s.opts.sndTimeo = timeo
		}
		return ok(0)
	}
	if level == IPPROTO_TCP && name == TCP_CONGESTION && s.proto == TCP {
		// Linux's tcp_set_congestion_control: an algorithm it does not
		// have is ENOENT (an integer names none).
		if !tcp.ValidCongestion(val.Name) {
			return fail(errno.ENOENT)
		}
		s.opts.congestion = val.Name
		h.applyOpts(s)
		return ok(0)
	}
	if val.Linger != nil || val.Timeval != nil || val.Name != "" {
		return fail(errno.EINVAL)
	}
	v := val.Int
	switch level {
	case SOL_SOCKET:
		switch name {
		case SO_REUSEADDR:
			s.opts.reuseAddr = v != 0
		case SO_KEEPALIVE:
			s.opts.keepAlive = v != 0
		case SO_RCVBUF:
			s.opts.rcvBuf, s.opts.rcvBufSet = max(2*clampBuf(v, rmemMax), minRcvBuf), true
		case SO_SNDBUF:
			s.opts.sndBuf, s.opts.sndBufSet = max(2*clampBuf(v, wmemMax), minSndBuf), true
		default:
			return fail(errno.ENOPROTOOPT)
		}
	case IPPROTO_TCP:
		if s.proto != TCP {
			return fail(errno.ENOPROTOOPT)
		}
		if e := setTCPOpt(&s.opts, name, v); e != errno.OK {
			return fail(e)
		}
	default:
		return fail(errno.ENOPROTOOPT)
	}
	h.applyOpts(s)
	return ok(0)
}

// clampBuf is Linux's treatment of a buffer size: as an unsigned value
// capped at the sysctl maximum (so a negative size means the maximum).
func clampBuf(v, limit int) int {
	if v < 0 || v > limit {
		return limit
	}
	return v
}

func setTCPOpt(o *options, name, v int) errno.Errno {
	switch name {
	case TCP_NODELAY:
		o.noDelay = v != 0
	case TCP_MAXSEG:
		if v < tcpMinUserMSS || v > tcpMaxUserMSS {
			return errno.EINVAL
		}
		o.userMSS = v
	case TCP_KEEPIDLE:
		if v < 1 || v > maxKeepIdle {
			return errno.EINVAL
		}
		o.keepIdle = time.Duration(v) * time.Second
	case TCP_KEEPINTVL:
		if v < 1 || v > maxKeepIntvl {
			return errno.EINVAL
		}
		o.keepIntvl = time.Duration(v) * time.Second
	case TCP_KEEPCNT:
		if v < 1 || v > maxKeepCount {
			return errno.EINVAL
		}
		o.keepCnt = v
	case TCP_USER_TIMEOUT:
		if v < 0 || v > limits.IntMax {
			return errno.EINVAL // an unsigned int of milliseconds that Linux reads into an int
		}
		o.userTimeout = time.Duration(v) * time.Millisecond
	default:
		return errno.ENOPROTOOPT
	}
	return errno.OK
}

// applyOpts pushes changed options into a live connection and lets it
// act on them (TCP_NODELAY sends what Nagle held back).
func (h *Host) applyOpts(s *socket) {
	tc := s.conn
	if tc == nil || !tc.alive {
		return
	}
	s.opts.applyTo(tc.c.Config())
	h.sync(tc)
}

// Getsockopt is getsockopt(2). SO_ERROR returns and clears the pending error.
func (h *Host) Getsockopt(fd, level, name int) Result {
	if r, busy := h.refuse(); busy {
		return r
	}
	s, e := h.lookup(fd)
	if e != errno.OK {
		return fail(e)
	}
	o := &s.opts
	switch level {
	case SOL_SOCKET:
		switch name {
		case SO_REUSEADDR:
			return ok(boolInt(o.reuseAddr))
		case SO_KEEPALIVE:
			return ok(boolInt(o.keepAlive))
		case SO_LINGER:
			l := o.linger
			return Result{Linger: &l}
		case SO_RCVTIMEO:
			tv := timevalOf(o.rcvTimeo)
			return Result{Timeval: &tv}
		case SO_SNDTIMEO:
			tv := timevalOf(o.sndTimeo)
			return Result{Timeval: &tv}
		case SO_RCVBUF:
			return ok(o.rcvBuf)
		case SO_SNDBUF:
			return ok(o.sndBuf)
		case SO_TYPE:
			if s.proto == UDP {
				return ok(SOCK_DGRAM)
			}
			return ok(SOCK_STREAM)
		case SO_ERROR:
			if s.proto == UDP {
				return ok(int(s.takeUDPErr()))
			}
			if s.conn != nil {
				return ok(int(s.conn.takeErr()))
			}
			return ok(0)
		}
	case IPPROTO_TCP:
		if s.proto != TCP {
			return fail(errno.EOPNOTSUPP) // udp_getsockopt passes it to ip_getsockopt
		}
		switch name {
		case TCP_NODELAY:
			return ok(boolInt(o.noDelay))
		case TCP_MAXSEG:
			return ok(h.maxSeg(s))
		case TCP_KEEPIDLE:
			return ok(int(o.keepIdle / time.Second))
		case TCP_KEEPINTVL:
			return ok(int(o.keepIntvl / time.Second))
		case TCP_KEEPCNT:
			return ok(o.keepCnt)
		case TCP_USER_TIMEOUT:
			return ok(int(o.userTimeout / time.Millisecond))
		case TCP_CONGESTION:
			name := o.congestion
			if name == "" {
				name = h.tcpDefaults.Congestion
			}
			return Result{Name: name}
		}
	}
	return fail(errno.ENOPROTOOPT)
}

// maxSeg is what TCP_MAXSEG reports: the MSS in use on a connection,
// otherwise the user's setting or TCP_MSS_DEFAULT (536).
func (h *Host) maxSeg(s *socket) int {
	if s.conn != nil && s.conn.alive && !handshaking(s.conn) {
		return s.conn.c.Vars().MSS
	}
	if s.opts.userMSS > 0 {
		return s.opts.userMSS
	}
	return tcpMSSDefault
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
