package stack

import (
	"slices"
	"time"

	"github.com/sockplay/sockplay/core/errno"
	"github.com/sockplay/sockplay/core/limits"
)

// secondsDuration is s seconds, saturating at limits.End.
func secondsDuration(s int) time.Duration {
	d, ok := limits.Scale(int64(s), time.Second)
	if !ok {
		return limits.End
	}
	return d
}

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
	nonblock := s.nonblock || flags&MSG_DONTWAIT != 0 || h.inApp && h.parked == nil || s.opts.sndTimeo == 0
	// No copy of data here: the connection copies what fits into its
	// buffer, and a blocked send reads on from data as room appears, as
	// the kernel reads on from the sleeping process's buffer.
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
	expired := func() Result {
		if written > 0 {
			return ok(written)
		}
		return fail(errno.EAGAIN)
	}
	return h.runTimed("send", fd, nonblock, errno.EAGAIN, try, s.opts.sndTimeo, expired)
}

// Write is write(2) on a socket: send with no flags.
func (h *Host) Write(fd int, data []byte) Result { return h.Send(fd, data, 0) }

// Recv is recv(2): up to n bytes. A blocking recv waits until at least
// one byte (all n with MSG_WAITALL), end of stream or an error is there.
// It returns 0 bytes at end of stream. n is a size_t clamped as Linux
// clamps it (limits.ClampRW), and only what arrives is allocated: recv of
// 2^63-1 bytes costs what the connection holds.
func (h *Host) Recv(fd, n, flags int) Result {
	if r, busy := h.refuse(); busy {
		return r
	}
	s, e := h.lookup(fd)
	if e != errno.OK {
		return fail(e)
	}
	n = limits.ClampRW(n)
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
	nonblock := s.nonblock || flags&MSG_DONTWAIT != 0 || h.inApp && h.parked == nil || s.opts.rcvTimeo == 0
	waitAll := flags&MSG_WAITALL != 0
	var got []byte
	try := func() (Result, bool, string) {
		if handshaking(tc) {
			return Result{}, false, "connection not established yet"
		}
		if n == 0 {
			return ok(0), true, ""
		}
		var k int
		var err errno.Errno
		got, k, err = readQueued(tc, h.w.Now(), got, n)
		tc.noteErr(err)
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
	expired := func() Result {
		if len(got) > 0 {
			return data(got)
		}
		return fail(errno.EAGAIN)
	}
	return h.runTimed("recv", fd, nonblock, errno.EAGAIN, try, s.opts.rcvTimeo, expired)
}

func data(b []byte) Result { return Result{Ret: len(b), Data: b} }

// readQueued reads what the connection holds onto got, up to want bytes
// in all. It grows got by what is there, never by what was asked, so a
// blocked MSG_WAITALL recv grows its buffer as data arrives (by doubling,
// not on every retry).
func readQueued(tc *tcpConn, now time.Duration, got []byte, want int) ([]byte, int, errno.Errno) {
	size := min(want-len(got), tc.c.Vars().RecvBuffered)
	// With nothing buffered, Recv reports end of stream, an error or EAGAIN
	// and copies nothing: it needs no room.
	got = slices.Grow(got, size)
	k, err := tc.c.Recv(now, got[len(got):len(got)+size])
	return got[:len(got)+k], k, err
}

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
