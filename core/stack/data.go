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
	nonblock := s.nonblock || flags&MSG_DONTWAIT != 0 || h.inApp && h.parked == nil || s.opts.sndTimeo == 0
	if nonblock {
		// A call that cannot wait keeps nothing for later: no closure.
		c := sendCall{h: h, tc: s.conn, data: data, nonblock: true}
		return c.finish(c.try())
	}
	c := &sendCall{h: h, tc: s.conn, data: data}
	return h.runTimed("send", fd, false, errno.EAGAIN, c.try, s.opts.sndTimeo, c.expired, c)
}

// again is the blocked send on a copy of the world: the data stays the
// caller's, which nobody changes.
func (c *sendCall) again(cl *cloner) (attempt, func() Result, copier) {
	d := *c
	d.h, d.tc = cl.host(c.h), cl.conn(c.tc)
	return d.try, d.expired, &d
}

// sendCall is one send(2) in progress. There is no copy of the data
// here: the connection copies what fits into its buffer, and a blocked
// send reads on from data as room appears, as the kernel reads on from
// the sleeping process's buffer.
type sendCall struct {
	h        *Host
	tc       *tcpConn
	data     []byte
	written  int
	nonblock bool
}

func (c *sendCall) try() (Result, bool, string) {
	h, tc, data := c.h, c.tc, c.data
	if handshaking(tc) {
		return Result{}, false, "connection not established yet"
	}
	n, err := tc.c.Send(h.w.Now(), data[c.written:])
	tc.noteErr(err)
	c.written += n
	h.sync(tc)
	switch {
	case err == errno.EAGAIN:
		if c.written == len(data) || (c.nonblock && c.written > 0) {
			return ok(c.written), true, ""
		}
		return Result{}, false, c.full()
	case err != errno.OK:
		if c.written > 0 {
			return ok(c.written), true, ""
		}
		return fail(err), true, ""
	case c.written < len(data) && !c.nonblock:
		return Result{}, false, c.full()
	}
	return ok(c.written), true, ""
}

// full is what a blocked send waits for; a call that cannot wait never
// tells it, so it is not built.
func (c *sendCall) full() string {
	if c.nonblock {
		return ""
	}
	return "send buffer full (" + itoa(c.written) + " of " + itoa(len(c.data)) + " bytes queued)"
}

// finish is a non-blocking call's result: what try gave, or EAGAIN.
func (c *sendCall) finish(r Result, done bool, _ string) Result {
	if done {
		return r
	}
	return fail(errno.EAGAIN)
}

func (c *sendCall) expired() Result {
	if c.written > 0 {
		return ok(c.written)
	}
	return fail(errno.EAGAIN)
}

// Write is write(2) on a socket: send with no flags.
func (h *Host) Write(fd int, data []byte) Result { return h.Send(fd, data, 0) }

// Recv is recv(2): up to n bytes. A blocking recv waits until at least
// one byte (all n with MSG_WAITALL), end of stream or an error is there.
// It returns 0 bytes at end of stream. n is a size_t clamped as Linux
// clamps it (limits.ClampRW), and only what arrives is allocated: recv of
// 2^63-1 bytes costs what the connection holds.
func (h *Host) Recv(fd, n, flags int) Result { return h.recv(fd, n, flags, nil) }

// RecvInto is recv(2) into the caller's buffer, as a C program calls it:
// up to len(buf) bytes land in buf and Result.Data is buf[:Ret], so a
// program that reads in a loop allocates nothing. A UDP socket's datagram
// is returned as Recv returns it.
func (h *Host) RecvInto(fd int, buf []byte, flags int) Result {
	return h.recv(fd, len(buf), flags, buf[:0])
}

func (h *Host) recv(fd, n, flags int, buf []byte) Result {
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
	nonblock := s.nonblock || flags&MSG_DONTWAIT != 0 || h.inApp && h.parked == nil || s.opts.rcvTimeo == 0
	if nonblock {
		// A call that cannot wait keeps nothing for later: no closure.
		c := recvCall{h: h, tc: s.conn, n: n, got: buf, waitAll: flags&MSG_WAITALL != 0, nonblock: true}
		r, done, _ := c.try()
		if done {
			return r
		}
		return fail(errno.EAGAIN)
	}
	c := &recvCall{h: h, tc: s.conn, n: n, got: buf, waitAll: flags&MSG_WAITALL != 0}
	return h.runTimed("recv", fd, false, errno.EAGAIN, c.try, s.opts.rcvTimeo, c.expired, c)
}

// again is the blocked recv on a copy of the world, with a copy of what
// it has collected.
func (c *recvCall) again(cl *cloner) (attempt, func() Result, copier) {
	d := *c
	d.h, d.tc, d.got = cl.host(c.h), cl.conn(c.tc), slices.Clone(c.got)
	return d.try, d.expired, &d
}

// recvCall is one recv(2) in progress, collecting what has arrived.
type recvCall struct {
	h                 *Host
	tc                *tcpConn
	n                 int
	got               []byte
	waitAll, nonblock bool
}

func (c *recvCall) try() (Result, bool, string) {
	h, tc, n := c.h, c.tc, c.n
	if handshaking(tc) {
		return Result{}, false, "connection not established yet"
	}
	if n == 0 {
		return ok(0), true, ""
	}
	var k int
	var err errno.Errno
	c.got, k, err = readQueued(tc, h.w.Now(), c.got, n)
	got := c.got
	tc.noteErr(err)
	h.sync(tc)
	switch {
	case err == errno.EAGAIN:
		if len(got) > 0 && (!c.waitAll || c.nonblock) {
			return data(got), true, ""
		}
		if c.waitAll && len(got) > 0 {
			return Result{}, false, c.waitingAll()
		}
		return Result{}, false, "no data yet"
	case err != errno.OK:
		if len(got) > 0 {
			return data(got), true, ""
		}
		return fail(err), true, ""
	case k > 0 && c.waitAll && len(got) < n:
		return Result{}, false, c.waitingAll()
	}
	return data(got), true, ""
}

// waitingAll is what a blocked MSG_WAITALL recv waits for; a call that
// cannot wait never tells it, so it is not built.
func (c *recvCall) waitingAll() string {
	if c.nonblock {
		return ""
	}
	return "MSG_WAITALL: " + itoa(len(c.got)) + " of " + itoa(c.n) + " bytes so far"
}

func (c *recvCall) expired() Result {
	if len(c.got) > 0 {
		return data(c.got)
	}
	return fail(errno.EAGAIN)
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
