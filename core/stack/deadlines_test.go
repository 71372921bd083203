package stack

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// scanDeadline is nextDeadline the slow way: every connection of every
// host, as the world looked before it kept an index.
func scanDeadline(w *World, shortOnly bool) (time.Duration, bool) {
	var best time.Duration
	found := false
	take := func(at time.Duration, ok bool) {
		if ok && (!found || at < best) {
			best, found = at, true
		}
	}
	for _, h := range w.hosts {
		for _, tc := range h.conns {
			if shortOnly {
				take(tc.shortDeadline())
			} else {
				take(tc.c.Deadline())
			}
		}
		if !shortOnly {
			for _, a := range h.apps {
				take(a.deadline())
			}
			if p := h.pending; p != nil {
				take(p.info.Deadline, p.info.HasDeadline)
			}
		}
	}
	return best, found
}

// The timer index agrees with a scan of every connection after every
// step of 40 connections opened, used and closed over a lossy link
// (retransmissions, delayed ACKs, FIN-WAIT-2, TIME-WAIT), and no timer
// is left overdue once the clock has passed it.
func TestTimerIndexMatchesScan(t *testing.T) {
	w := New(7)
	require.NoError(t, w.SetAllLinks(lossy(0.1)))
	c, s := w.Host("client"), w.Host("server")
	lfd := must(t, s.Socket(AF_INET, SOCK_STREAM|SOCK_NONBLOCK, 0))
	must(t, s.Bind(lfd, ap("0.0.0.0:80")))
	must(t, s.Listen(lfd, 64))
	check := func(when string) {
		t.Helper()
		for _, short := range []bool{false, true} {
			at, ok := w.nextDeadline(short)
			wantAt, wantOK := scanDeadline(w, short)
			require.Equal(t, wantOK, ok, "%s, short %v", when, short)
			require.Equal(t, wantAt, at, "%s, short %v", when, short)
		}
		for _, h := range w.hosts {
			for _, tc := range h.conns {
				d, ok := tc.c.Deadline()
				require.False(t, ok && d < w.Now(), "%s: %s has a timer overdue at %v", when, tc.name, d)
			}
		}
	}
	var open []int
	for i := range 40 {
		fd := must(t, c.Socket(AF_INET, SOCK_STREAM|SOCK_NONBLOCK, 0))
		c.Connect(fd, ap("10.0.0.2:80"))
		open = append(open, fd)
		for range 30 {
			if !w.Step() {
				break
			}
			check("connection " + itoa(i))
		}
		for {
			r := s.Accept(lfd)
			if r.Failed() {
				break
			}
			s.Send(r.Ret, make([]byte, 3000), 0)
			if i%3 != 0 {
				s.Close(r.Ret)
			}
		}
		if len(open) > 2 {
			c.Send(open[0], []byte("bye"), 0)
			c.Close(open[0])
			open = open[1:]
		}
		check("after calls")
		if i%5 == 4 {
			require.True(t, w.NextTimer())
			check("after a timer")
		}
	}
	for w.NextTimer() {
		check("draining")
	}
	require.Empty(t, w.timers.heap)
	require.Empty(t, w.timers.short)
}
