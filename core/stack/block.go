package stack

import (
	"time"

	"github.com/sockplay/sockplay/core/errno"
	"github.com/sockplay/sockplay/core/trace"
)

// attempt tries to finish a call now. When it cannot, it returns done
// false and says what it waits for.
type attempt func() (r Result, done bool, waitsFor string)

// A copier makes a blocked call's attempt, timeout and copier anew on a
// copy of the world (World.Clone), from the copies of what the call works
// on. It is an interface, not a func made at every call, so that only the
// engines that clone (the notebook's) link the copying code.
type copier interface {
	again(cl *cloner) (attempt, func() Result, copier)
}

// pendingCall is a blocked call, retried after every event.
type pendingCall struct {
	info    Pending
	try     attempt
	timeout func() Result // what the call returns when its deadline passes
	again   copier        // nil: the call cannot be copied (a library's)
}

// refuse answers a call made while the host is blocked in another one.
func (h *Host) refuse() (Result, bool) {
	if h.pending == nil || h.inApp {
		return Result{}, false
	}
	p := h.pending.info
	return Result{Ret: -1, Refused: h.name + " is blocked in " + p.Op + "(" + itoa(p.FD) + "): " + p.On}, true
}

// run finishes a call now, or fails it with nonblockErr on a
// non-blocking socket (and in apps), or blocks the host.
func (h *Host) run(op string, fd int, nonblock bool, nonblockErr errno.Errno, try attempt, again copier) Result {
	return h.runWithDeadline(op, fd, nonblock, nonblockErr, try, 0, false, nil, again)
}

func (h *Host) runWithDeadline(op string, fd int, nonblock bool, nonblockErr errno.Errno, try attempt,
	deadline time.Duration, hasDeadline bool, timeout func() Result, again copier) Result {
	r, done, waitsFor := try()
	if done {
		return r
	}
	notBlocking := func() Result {
		if nonblockErr == errno.OK {
			return r
		}
		return fail(nonblockErr)
	}
	if nonblock {
		return notBlocking()
	}
	// What the call waits for is spelled out only when it does wait.
	on := op + "(" + itoa(fd) + "): " + waitsFor
	info := Pending{Op: op, FD: fd, On: on, Deadline: deadline, HasDeadline: hasDeadline}
	if r, ok := h.park(info, try, timeout); ok {
		return r
	}
	if h.inApp {
		return notBlocking()
	}
	h.pending = &pendingCall{
		info:    Pending{Call: h.w.call, Line: h.w.line, Op: op, FD: fd, On: on, Deadline: deadline, HasDeadline: hasDeadline},
		try:     try,
		timeout: timeout,
		again:   again,
	}
	h.event(trace.Event{Kind: trace.Blocked, FD: fd, Call: h.w.call, Text: on})
	return Result{Ret: -1, Blocked: true, On: on}
}

// retryPending finishes the blocked call if the network now lets it.
func (h *Host) retryPending() {
	p := h.pending
	if p == nil {
		return
	}
	r, done, waitsFor := p.try()
	if !done {
		p.info.On = p.info.Op + "(" + itoa(p.info.FD) + "): " + waitsFor
		return
	}
	h.complete(r)
}

// timeoutPending ends the blocked call at its deadline.
func (h *Host) timeoutPending() {
	p := h.pending
	if p == nil {
		return
	}
	if r, done, _ := p.try(); done {
		h.complete(r)
		return
	}
	h.complete(p.timeout())
}

func (h *Host) complete(r Result) {
	p := h.pending
	h.pending = nil
	ev := trace.Event{Kind: trace.Result, FD: p.info.FD, Call: p.info.Call, Text: p.info.Op + " returned " + resultText(r)}
	if r.Err != errno.OK {
		ev.Errno = r.Err.Name()
	}
	h.event(ev)
	h.w.completions = append(h.w.completions, Completion{Host: h.name, Call: p.info.Call, Line: p.info.Line, Op: p.info.Op, FD: p.info.FD, Result: r})
}

// resultText is a short rendering of a result for the trace.
func resultText(r Result) string {
	if r.Err != errno.OK {
		return "-1 " + r.Err.Error()
	}
	return itoa(r.Ret)
}
