package stack

import (
	"time"

	"github.com/sockplay/sockplay/core/errno"
)

func secondsDuration(s int) time.Duration { return time.Duration(s) * time.Second }

// Send is send(2): data goes into the send buffer. A blocking send
// returns once all of it is queued; a non-blocking one queues what fits
// (EAGAIN if nothing does). Errors come back as Linux reports them,
// without SIGPIPE: EPIPE after shutdown or on an unconnected socket,
// the connection's error (ECONNRESET, ETIMEDOUT) once.
func (h *Host) Send(fd int, data []byte, flags int) Result {
	if r, busy := h.refuse(); busy {
		return r
	}
	s, e := h.lookup(fd)
	if e != errno.OK {
		return fail(e)
	}
	if s.proto == UDP {
		return h.udpSend(s, data, flags, nil)
	}
	if flags&^(MSG_DONTWAIT|MSG_NOSIGNAL) != 0 {
		return fail(errno.EOPNOTSUPP)
	}
	if s.listening || s.conn == nil {
		return fail(errno.EPIPE)
	}
	tc := s.conn
	nonblock := s.nonblock || flags&MSG_DONTWAIT != 0 || h.inApp
	data = append([]byte(nil), data...)
	written := 0
	try := func() (Result, bool, string) {
		if handshaking(tc) {
			return Result{}, false, "connection not established yet"
		}
		n, err := tc.c.Send(h.w.Now(), data[written:])
		tc.noteErr(err)
		written += n
		h.sync(tc)
		switch {
		case err == errno.EAGAIN:
			if written == len(data) || (nonblock && written > 0) {
				return ok(written), true, ""
			}
			return Result{}, false, "send buffer full (" + itoa(written) + " of " + itoa(len(data)) + " bytes queued)"
		case err != errno.OK:
			if written > 0 {
				return ok(written), true, ""
			}
			return fail(err), true, ""
		case written < len(data) && !nonblock:
			return Result{}, false, "send buffer full (" + itoa(written) + " of " + itoa(len(data)) + " bytes queued)"
		}
		return ok(written), true, ""
	}
	return h.run("send", fd, nonblock, errno.EAGAIN, try)
}

// Write is write(2) on a socket: send with no flags.
func (h *Host) Write(fd int, data []byte) Result { return h.Send(fd, data, 0) }

// Recv is recv(2): up to n bytes. A blocking recv waits until at least
// one byte (all n with MSG_WAITALL), end of stream or an error is there.
// It returns 0 bytes at end of stream.
func (h *Host) Recv(fd, n, flags int) Result {
	if r, busy := h.refuse(); busy {
		return r
	}
	s, e := h.lookup(fd)
	if e != errno.OK {
		return fail(e)
	}
	if n < 0 {
		return fail(errno.EINVAL)
	}
	if s.proto == UDP {
		return h.udpRecv(s, n, flags, false)
	}
	if flags&^(MSG_DONTWAIT|MSG_WAITALL|MSG_NOSIGNAL) != 0 {
		return fail(errno.EOPNOTSUPP)
	}
	if s.listening || s.conn == nil {
		return fail(errno.ENOTCONN)
	}
	tc := s.conn
	nonblock := s.nonblock || flags&MSG_DONTWAIT != 0 || h.inApp
	waitAll := flags&MSG_WAITALL != 0
	var got []byte
	try := func() (Result, bool, string) {
		if handshaking(tc) {
			return Result{}, false, "connection not established yet"
		}
		if n == 0 {
			return ok(0), true, ""
		}
		buf := make([]byte, n-len(got))
		k, err := tc.c.Recv(h.w.Now(), buf)
		tc.noteErr(err)
		got = append(got, buf[:k]...)
		h.sync(tc)
		switch {
		case err == errno.EAGAIN:
			if len(got) > 0 && (!waitAll || nonblock) {
				return data(got), true, ""
			}
			if waitAll && len(got) > 0 {
				return Result{}, false, "MSG_WAITALL: " + itoa(len(got)) + " of " + itoa(n) + " bytes so far"
			}
			return Result{}, false, "no data yet"
		case err != errno.OK:
			if len(got) > 0 {
				return data(got), true, ""
			}
			return fail(err), true, ""
		case k > 0 && waitAll && len(got) < n:
			return Result{}, false, "MSG_WAITALL: " + itoa(len(got)) + " of " + itoa(n) + " bytes so far"
		}
		return data(got), true, ""
	}
	return h.run("recv", fd, nonblock, errno.EAGAIN, try)
}

func data(b []byte) Result { return Result{Ret: len(b), Data: b} }

// Read is read(2) on a socket: recv with no flags.
func (h *Host) Read(fd, n int) Result { return h.Recv(fd, n, 0) }

// noteErr remembers that a call reported the connection's error: Linux
// reports sk_err once, and POLLERR stops with it.
func (tc *tcpConn) noteErr(e errno.Errno) {
	if e != errno.OK && e == tc.c.Err() {
		tc.errTaken = true
	}
}

// takeErr is SO_ERROR: the pending error, cleared.
func (tc *tcpConn) takeErr() errno.Errno {
	e := tc.c.TakeErr()
	tc.errTaken = true
	return e
}

// errPending reports an error no call has reported yet (POLLERR).
func (tc *tcpConn) errPending() bool {
	return tc != nil && tc.c.Err() != errno.OK && !tc.errTaken
}
