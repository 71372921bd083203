package stack

import (
	"errors"
	"time"

	"github.com/sockplay/sockplay/core/inet"
)

// inPrefix reports whether a lies in the /bits network of base.
func inPrefix(a, base inet.Addr, bits int) bool {
	if bits <= 0 {
		return true
	}
	x, y := a.As4(), base.As4()
	mask := ^uint32(0) << (32 - bits)
	return be32(x)&mask == be32(y)&mask
}

func be32(b [4]byte) uint32 {
	return uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
}

// CrowdNetworkError says why base/bits cannot be a crowd's network, or
// returns nil.
func (w *World) CrowdNetworkError(base inet.Addr, bits int) error {
	if bits < 8 || bits > 30 {
		return errors.New("a crowd's network is a /8 to a /30")
	}
	if b := be32(base.As4()); b&^(^uint32(0)<<(32-bits)) != 0 {
		return errors.New(base.String() + " is not the first address of a /" + itoa(bits) + " network")
	}
	if base.IsLoopback() || base.IsMulticast() || base.IsUnspecified() || base.As4()[0] >= 240 {
		return errors.New(base.String() + "/" + itoa(bits) + " is not a network of usable host addresses")
	}
	for _, h := range w.hosts {
		if inPrefix(h.addr, base, bits) || h.prefixBits > 0 && inPrefix(base, h.addr, h.prefixBits) {
			return errors.New("the network " + base.String() + "/" + itoa(bits) + " holds " + h.name + "'s address " + h.addr.String())
		}
	}
	return nil
}

// AddCrowdHost adds a host that owns every address of the network
// base/bits, as a load generator with many source addresses does: its
// sockets bind to any of them. Its own address (Addr) is the network's
// first host address. No other host's address may lie in the network.
func (w *World) AddCrowdHost(name string, base inet.Addr, bits int) (*Host, error) {
	if err := w.CrowdNetworkError(base, bits); err != nil {
		return nil, err
	}
	h, err := w.AddHost(name, NthAddr(base, 1))
	if err != nil {
		return nil, err
	}
	h.prefixBits = bits
	return h, nil
}

// NthAddr is the address n after base.
func NthAddr(base inet.Addr, n int) inet.Addr {
	a := be32(base.As4()) + uint32(n)
	return inet.AddrFrom4([4]byte{byte(a >> 24), byte(a >> 16), byte(a >> 8), byte(a)})
}

// PrefixBits is the length of the network a crowd's host owns, 0 for an
// ordinary host.
func (h *Host) PrefixBits() int { return h.prefixBits }

// Parked is a call an app made that would have blocked: a thread of a
// program waiting in the kernel. The app retries it after every event.
type Parked struct {
	p pendingCall
	h *Host
}

// NextArrival is when the next packet in flight arrives.
func (w *World) NextArrival() (time.Duration, bool) { return w.net.NextArrival() }

// Stamp counts the updates of every connection so far: an app that keeps
// it can ask a parked call whether anything it waits on changed since.
func (w *World) Stamp() uint64 { return w.stamp }

// ChangedSince reports whether the connection the call waits on was
// updated after stamp, so that retrying it could give another answer; a
// call on anything else (a listener, poll) always may.
func (p *Parked) ChangedSince(stamp uint64) bool {
	s, e := p.h.lookup(p.p.info.FD)
	if e != 0 || s.listening || s.conn == nil || p.p.info.Op == "poll" {
		return true
	}
	return s.conn.stamp > stamp
}

// Retry finishes the call if the network now lets it.
func (p *Parked) Retry() (Result, bool) {
	r, done, _ := p.p.try()
	return r, done
}

// Deadline is when the call times out (SO_RCVTIMEO, poll's timeout).
func (p *Parked) Deadline() (time.Duration, bool) { return p.p.info.Deadline, p.p.info.HasDeadline }

// Timeout ends the call at its deadline with what it returns then.
func (p *Parked) Timeout() Result {
	if r, done, _ := p.p.try(); done {
		return r
	}
	return p.p.timeout()
}

// On says what the call waited for when it was made: "recv(3): no data
// yet".
func (p *Parked) On() string { return p.p.info.On }

// RunParking makes call, one of the host's socket calls, from an app as a
// thread would: a call that would block returns a Parked to retry rather
// than EAGAIN. It is for apps that run blocking scripts (net> crowd).
func (h *Host) RunParking(call func(*Host) Result) (Result, *Parked) {
	var parked *Parked
	h.parked = &parked
	r := call(h)
	h.parked = nil
	return r, parked
}

// park keeps a call that would block when an app runs calls as threads.
func (h *Host) park(info Pending, try attempt, timeout func() Result) (Result, bool) {
	if h.parked == nil {
		return Result{}, false
	}
	*h.parked = &Parked{p: pendingCall{info: info, try: try, timeout: timeout}, h: h}
	return Result{Ret: -1, Blocked: true, On: info.On}, true
}

// Finisher is an app with work that ends: a crowd of clients.
type Finisher interface {
	App
	Finished() bool
}

// RunUntilFinished delivers packets and fires timers until a has
// finished, or nothing is left that could move it on (no packet in
// flight, no retransmission timer and no wake-up of a's own), or after
// maxEvents events.
func (w *World) RunUntilFinished(a Finisher, maxEvents int) RunResult {
	var r RunResult
	for r.Events < maxEvents {
		if a.Finished() {
			r.Quiet = true
			return r
		}
		_, inFlight := w.net.NextArrival()
		_, shortPending := w.nextDeadline(true)
		_, own := a.Deadline()
		if !inFlight && !shortPending && !own {
			return r
		}
		packet, at, _ := w.nextEvent()
		w.process(packet, at)
		r.Events++
	}
	r.Quiet = a.Finished()
	return r
}
