package stack

import (
	"errors"
	"strconv"
	"time"

	"github.com/sockplay/sockplay/core/limits"
)

// maxEventsPerCall bounds every clock operation so that no setting can
// make the world loop forever, nor one line fill memory with its trace.
const maxEventsPerCall = limits.Events

// nextDeadline is the earliest timer on any host: TCP timers, app
// wake-ups and blocked calls' timeouts. With shortOnly, only TCP
// retransmission, persist and delayed-ACK timers count.
func (w *World) nextDeadline(shortOnly bool) (time.Duration, bool) {
	if shortOnly {
		return w.timers.nextShort()
	}
	best, found := w.timers.next()
	take := func(at time.Duration, ok bool) {
		if ok && (!found || at < best) {
			best, found = at, true
		}
	}
	for _, h := range w.hosts {
		for _, a := range h.apps {
			take(a.deadline())
		}
		if p := h.pending; p != nil {
			take(p.info.Deadline, p.info.HasDeadline)
		}
	}
	return best, found
}

// deliverNext delivers the earliest packet in flight, moving the clock to
// its arrival.
func (w *World) deliverNext() bool {
	at, ok := w.net.NextArrival()
	if !ok {
		return false
	}
	_ = w.net.AdvanceTo(max(at, w.Now()))
	p, ok := w.net.PopDue()
	if !ok {
		return false
	}
	w.deliver(p.ID, p.From, p.To, p.Bytes)
	w.settle()
	return true
}

// fireTimersAt moves the clock to at and fires everything due by then.
func (w *World) fireTimersAt(at time.Duration) {
	_ = w.net.AdvanceTo(max(at, w.Now()))
	now := w.Now()
	due := w.timers.due(now)
	for _, h := range w.hosts {
		for _, tc := range due {
			if tc.h != h {
				continue
			}
			if d, ok := tc.c.Deadline(); ok && d <= now {
				tc.c.Advance(now)
				h.sync(tc)
				h.promote(tc)
			}
		}
		if p := h.pending; p != nil && p.info.HasDeadline && p.info.Deadline <= now {
			h.timeoutPending()
		}
		for _, a := range append([]*appSlot(nil), h.apps...) {
			if d, ok := a.deadline(); ok && d <= now {
				h.runApp(a)
			}
		}
	}
	w.settle()
}

// settle lets blocked calls finish and apps react after an event.
func (w *World) settle() {
	for _, h := range w.hosts {
		h.retryPending()
	}
	for _, h := range w.hosts {
		for _, a := range append([]*appSlot(nil), h.apps...) {
			h.runApp(a)
		}
	}
	for _, h := range w.hosts {
		h.retryPending()
	}
}

// nextEvent picks what happens next: the earliest packet arrival or
// timer, packets first on a tie (an ACK arriving exactly at the RTO
// deadline beats the retransmission, as it would on a real host where
// the interrupt is served first).
func (w *World) nextEvent() (packet bool, at time.Duration, ok bool) {
	a, hasA := w.net.NextArrival()
	d, hasD := w.nextDeadline(false)
	switch {
	case hasD && (!hasA || d < a):
		return false, d, true
	case hasA:
		return true, a, true
	}
	return false, 0, false
}

func (w *World) process(packet bool, at time.Duration) {
	w.processed++
	if packet {
		w.deliverNext()
	} else {
		w.fireTimersAt(at)
	}
}

// Processed counts the packets delivered and timer expiries processed
// since the world began: a deterministic measure of the work done.
func (w *World) Processed() int { return w.processed }

// Step delivers the next packet in flight. Timers due before its arrival
// fire first, as the clock passes them. It reports false when nothing is
// in flight.
func (w *World) Step() bool {
	for range maxEventsPerCall {
		if _, inFlight := w.net.NextArrival(); !inFlight {
			return false
		}
		packet, at, _ := w.nextEvent()
		w.process(packet, at)
		if packet {
			return true
		}
	}
	return false
}

// RunResult says how a Run ended.
type RunResult struct {
	Events int  // packets delivered and timer expiries processed
	Quiet  bool // nothing in flight and no retransmission/persist/delayed-ACK timer left
}

// Run delivers packets and fires timers until nothing is in flight and no
// retransmission, persist or delayed-ACK timer is armed, or until
// maxEvents events have been processed. TIME-WAIT, keepalive and app
// timers are not waited for (use Wait or NextTimer), nor zero-window probes
// to a peer whose application is not reading, but they fire if the clock
// passes them on the way.
func (w *World) Run(maxEvents int) RunResult {
	var r RunResult
	for r.Events < min(maxEvents, maxEventsPerCall) {
		_, inFlight := w.net.NextArrival()
		_, shortPending := w.nextDeadline(true)
		if !inFlight && !shortPending {
			r.Quiet = true
			return r
		}
		packet, at, _ := w.nextEvent()
		w.process(packet, at)
		r.Events++
	}
	_, inFlight := w.net.NextArrival()
	_, shortPending := w.nextDeadline(true)
	r.Quiet = !inFlight && !shortPending
	return r
}

// Wait advances the clock by d, delivering packets and firing timers as
// it passes them.
func (w *World) Wait(d time.Duration) error {
	if d < 0 {
		return errors.New("cannot wait a negative time (" + d.String() + ")")
	}
	if d > limits.End-w.Now() {
		return errors.New("waiting " + d.String() + " would go past the end of virtual time, " + limits.End.String())
	}
	target := w.Now() + d
	for range maxEventsPerCall {
		packet, at, ok := w.nextEvent()
		if !ok || at > target {
			_ = w.net.AdvanceTo(target)
			return nil
		}
		w.process(packet, at)
	}
	return errors.New("stopped after " + strconv.Itoa(maxEventsPerCall) + " events at " + w.Now().String() + " before reaching " + target.String())
}

// NextTimer advances the clock to the next timer and fires it, delivering
// the packets that arrive before it. It reports false when no timer is
// armed anywhere.
func (w *World) NextTimer() bool {
	for range maxEventsPerCall {
		d, hasD := w.nextDeadline(false)
		if !hasD {
			return false
		}
		if a, hasA := w.net.NextArrival(); hasA && a <= d {
			w.deliverNext()
			continue
		}
		w.fireTimersAt(d)
		return true
	}
	return false
}
