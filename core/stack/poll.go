package stack

import (
	"slices"
	"time"

	"github.com/sockplay/sockplay/core/errno"
	"github.com/sockplay/sockplay/core/limits"
	"github.com/sockplay/sockplay/core/tcp"
)

// Poll is poll(2) with a timeout in milliseconds (negative: wait for
// ever, 0: do not wait). It returns the number of entries with events;
// Result.Poll has every entry with its revents.
func (h *Host) Poll(fds []PollFD, timeoutMs int) Result {
	if r, busy := h.refuse(); busy {
		return r
	}
	if len(fds) > maxFDs {
		return fail(errno.EINVAL)
	}
	fds = append([]PollFD(nil), fds...)
	try, check := h.pollWait(fds, timeoutMs)
	again := pollCopier{h, fds, timeoutMs}
	if timeoutMs < 0 {
		return h.run("poll", -1, false, errno.OK, try, again)
	}
	wait, ok := limits.Scale(int64(timeoutMs), time.Millisecond)
	if !ok {
		wait = limits.End
	}
	deadline := limits.AddTime(h.w.Now(), wait)
	return h.runWithDeadline("poll", -1, false, errno.OK, try, deadline, true, check, again)
}

// pollWait is a poll of fds: try finishes once one is ready (at once with
// a timeout of 0), check is what the call returns when its time is up.
func (h *Host) pollWait(fds []PollFD, timeoutMs int) (try attempt, check func() Result) {
	check = func() Result {
		out := make([]PollFD, len(fds))
		ready := 0
		for i, p := range fds {
			out[i] = p
			out[i].Revents = 0
			if p.FD < 0 {
				continue
			}
			mask := h.pollMask(p.FD)
			out[i].Revents = int16(mask & (int(uint16(p.Events)) | POLLERR | POLLHUP | POLLNVAL))
			if out[i].Revents != 0 {
				ready++
			}
		}
		return Result{Ret: ready, Poll: out}
	}
	try = func() (Result, bool, string) {
		r := check()
		if r.Ret > 0 || timeoutMs == 0 {
			return r, true, ""
		}
		return r, false, "no descriptor ready"
	}
	return try, check
}

// pollCopier is a blocked poll on a copy of the world.
type pollCopier struct {
	h         *Host
	fds       []PollFD
	timeoutMs int
}

func (p pollCopier) again(cl *cloner) (attempt, func() Result, copier) {
	h, fds := cl.host(p.h), slices.Clone(p.fds)
	try, check := h.pollWait(fds, p.timeoutMs)
	return try, check, pollCopier{h, fds, p.timeoutMs}
}

// pollMask is the readiness of one descriptor, following Linux's
// tcp_poll and udp_poll.
func (h *Host) pollMask(fd int) int {
	if fd < len(h.stdio) && h.stdio[fd] {
		if fd == 0 {
			return 0 // nobody types on stdin
		}
		return POLLOUT
	}
	s, ok := h.fds[fd]
	if !ok {
		return POLLNVAL
	}
	if s.proto == UDP {
		return udpPollMask(s)
	}
	if s.listening {
		if len(s.acceptQ) > 0 {
			return POLLIN
		}
		return 0
	}
	tc := s.conn
	if tc == nil {
		// Never connected: TCP_CLOSE with nothing shut down.
		return POLLOUT | POLLHUP
	}
	st := tc.c.State()
	closed := st == tcp.Closed
	rcvShut := closed || s.shutRd || tc.c.PeerClosed()
	sndShut := closed || s.shutWr
	mask := 0
	if rcvShut && sndShut {
		mask |= POLLHUP
	}
	if rcvShut {
		mask |= POLLIN | POLLRDHUP
	}
	if st != tcp.SynSent && st != tcp.SynReceived {
		if tc.c.RecvQueued() > 0 {
			mask |= POLLIN
		}
		if sndShut || tc.c.Writable() {
			mask |= POLLOUT
		}
	}
	if tc.errPending() {
		mask |= POLLERR
	}
	return mask
}

func udpPollMask(s *socket) int {
	mask := POLLOUT
	if len(s.dgrams) > 0 {
		mask |= POLLIN
	}
	if s.udpErr != errno.OK {
		mask |= POLLERR
	}
	if s.shutRd {
		mask |= POLLIN | POLLRDHUP
	}
	if s.shutRd && s.shutWr {
		mask |= POLLHUP
	}
	return mask
}
