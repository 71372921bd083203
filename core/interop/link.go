package interop

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"net/netip"
	"sort"
	"time"
)

// Node is anything that speaks raw IPv4 on a virtual clock: a gVisor Peer,
// or one of sockplay's hosts seen from outside.
type Node interface {
	// NextDeadline is when the node next has something to do on its own
	// (a timer), if anything.
	NextDeadline() (time.Duration, bool)
	// AdvanceTo moves the node's clock to at, doing what falls due.
	AdvanceTo(at time.Duration)
	// Inject hands the node a packet arriving from the link.
	Inject(packet []byte)
	// Outbound takes the packets the node has sent since the last call.
	Outbound() [][]byte
}

// Link joins Nodes by their addresses with a fixed one-way delay and seeded
// random loss, and drives every node's clock in lock step with its own, from
// one event (a packet arrival or a node's timer) to the next.
type Link struct {
	Delay time.Duration // one-way, for every packet
	Loss  float64       // probability a packet is dropped, in [0, 1)
	// Duplicate is the probability a packet is sent twice; Jitter is the
	// most extra delay a packet may get, drawn uniformly, which reorders.
	Duplicate float64
	Jitter    time.Duration
	// Observe, if set, sees every packet sent, before loss is decided.
	Observe func(from netip.Addr, packet []byte)

	now      time.Duration
	rng      *rand.Rand
	nodes    []attached // in attach order, which fixes iteration order
	inFlight []flight
	sent     uint64
	Dropped  int // packets lost so far
}

type attached struct {
	addr netip.Addr
	node Node
}

type flight struct {
	arrive time.Duration
	seq    uint64
	to     Node
	packet []byte
}

// NewLink makes a link whose losses follow seed.
func NewLink(seed uint64, delay time.Duration) *Link {
	return &Link{Delay: delay, rng: rand.New(rand.NewPCG(seed, ^seed))}
}

// Attach puts node on the link at addr; packets to addr go to it.
func (l *Link) Attach(addr netip.Addr, node Node) {
	l.nodes = append(l.nodes, attached{addr, node})
}

// Now is the link's virtual time, which every node has reached.
func (l *Link) Now() time.Duration { return l.now }

// ErrTimeLimit says the next event lies beyond the time limit given.
var ErrTimeLimit = errors.New("interop: virtual time limit reached")

// ErrIdle says nothing is in flight and no node has a timer armed, so
// waiting longer cannot change anything.
var ErrIdle = errors.New("interop: link idle")

// RunUntil moves packets and time until done reports true. It fails with
// ErrIdle if nothing more can happen, or when virtual time passes limit.
func (l *Link) RunUntil(done func() bool, limit time.Duration) error {
	for !done() {
		if err := l.Step(limit); err != nil {
			return err
		}
	}
	return nil
}

// RunFor moves packets and time for d of virtual time.
func (l *Link) RunFor(d time.Duration) {
	end := l.now + d
	for l.Step(end) == nil {
	}
	l.advanceAll(end)
}

// Step collects what nodes sent, then moves to the next event no later than
// limit and handles it.
func (l *Link) Step(limit time.Duration) error {
	l.collect()
	next, ok := l.nextEvent()
	if !ok {
		return ErrIdle
	}
	if next > limit {
		return fmt.Errorf("%w (%v)", ErrTimeLimit, limit)
	}
	l.advanceAll(next)
	l.deliverDue()
	return nil
}

func (l *Link) collect() {
	for _, a := range l.nodes {
		for _, pkt := range a.node.Outbound() {
			l.send(a.addr, pkt)
		}
	}
}

func (l *Link) send(from netip.Addr, pkt []byte) {
	if l.Observe != nil {
		l.Observe(from, pkt)
	}
	if l.rng.Float64() < l.Loss {
		l.Dropped++
		return
	}
	to := l.nodeFor(pkt)
	if to == nil {
		return
	}
	copies := 1
	if l.rng.Float64() < l.Duplicate {
		copies = 2
	}
	for range copies {
		arrive := l.now + l.Delay
		if l.Jitter > 0 {
			arrive += time.Duration(l.rng.Int64N(int64(l.Jitter) + 1))
		}
		l.sent++
		l.inFlight = append(l.inFlight, flight{arrive: arrive, seq: l.sent, to: to, packet: pkt})
	}
}

// nodeFor routes by the IPv4 destination address (bytes 16-19).
func (l *Link) nodeFor(pkt []byte) Node {
	if len(pkt) < 20 {
		return nil
	}
	dst := netip.AddrFrom4([4]byte(pkt[16:20]))
	for _, a := range l.nodes {
		if a.addr == dst {
			return a.node
		}
	}
	return nil
}

func (l *Link) nextEvent() (time.Duration, bool) {
	next, ok := time.Duration(0), false
	consider := func(t time.Duration) {
		t = max(t, l.now)
		if !ok || t < next {
			next, ok = t, true
		}
	}
	for _, f := range l.inFlight {
		consider(f.arrive)
	}
	for _, a := range l.nodes {
		if t, armed := a.node.NextDeadline(); armed {
			consider(t)
		}
	}
	return next, ok
}

func (l *Link) advanceAll(at time.Duration) {
	if at < l.now {
		return
	}
	l.now = at
	for _, a := range l.nodes {
		a.node.AdvanceTo(at)
	}
}

// deliverDue hands over the packets due now, in the order they were sent.
func (l *Link) deliverDue() {
	sort.SliceStable(l.inFlight, func(i, j int) bool {
		if l.inFlight[i].arrive != l.inFlight[j].arrive {
			return l.inFlight[i].arrive < l.inFlight[j].arrive
		}
		return l.inFlight[i].seq < l.inFlight[j].seq
	})
	n := 0
	for n < len(l.inFlight) && l.inFlight[n].arrive <= l.now {
		n++
	}
	due := l.inFlight[:n:n]
	l.inFlight = l.inFlight[n:]
	for _, f := range due {
		f.to.Inject(f.packet)
	}
}
