package stack

import (
	"github.com/sockplay/sockplay/core/trace"
)

// Crash powers the host off, as a power loss or kernel panic would: every
// socket, connection, timer, blocked call and program is gone at once and
// nothing is sent, so peers still believe their connections are open
// (RFC 9293 3.5.1, half-open connections). While the host is down,
// packets reaching it are lost and it takes no calls. It returns how many
// connections were lost.
func (h *Host) Crash() int {
	lost := len(h.conns)
	for _, tc := range h.conns {
		h.event(trace.Event{Kind: trace.State, FD: tc.fd(), Conn: tc.name, From: tc.c.State().String(), To: "CLOSED",
			Text: "crash: the connection is forgotten, nothing is sent"})
		tc.alive = false
		tc.armed = armedTimers{}
		h.w.timers.remove(tc)
	}
	h.conns = nil
	h.demux = map[fourTuple]*tcpConn{}
	h.fds = map[int]*socket{}
	h.socks = nil
	h.stdio = [3]bool{true, true, true}
	h.pending = nil
	h.apps = nil
	h.down = true
	h.event(trace.Event{Kind: trace.Note, Text: "down: packets reaching it are lost"})
	return lost
}

// Reboot powers a crashed host on again with no sockets. A segment of a
// connection it had before the crash now finds none and is answered with
// a reset (RFC 9293 3.5.2), which ends the peer's half-open connection.
func (h *Host) Reboot() {
	h.down = false
	h.event(trace.Event{Kind: trace.Note, Text: "up again, with no sockets"})
}

// Down reports whether the host crashed and has not rebooted.
func (h *Host) Down() bool { return h.down }
