// Package netsim is sockplay's virtual wire: IPv4 packets as bytes in
// flight between named hosts, a virtual clock that moves only when told,
// per-direction link settings (latency, bandwidth, loss, duplication,
// reordering) drawn from one seeded source, and control over every packet
// in flight. It knows nothing of TCP; the stack decides what the bytes mean.
package netsim

import (
	"errors"
	"strconv"
	"time"

	"github.com/sockplay/sockplay/core/internal/text"
	"github.com/sockplay/sockplay/core/limits"
)

// Packet is one transmission on the wire.
type Packet struct {
	ID       int // numbered from 1 per network
	From, To string
	Bytes    []byte
	SentAt   time.Duration
	ArriveAt time.Duration
	// DupOf is the ID of the packet this one is a copy of, 0 for originals.
	DupOf int
}

// Transmission says what became of one Send.
type Transmission struct {
	Packet    Packet        // the packet as sent (even when lost, so it can be named)
	Lost      bool          // the link lost it; it is not in flight
	Duplicate *Packet       // a second copy the link made, in flight too
	Held      time.Duration // extra delay from reordering, 0 if none
}

type direction struct{ from, to string }

// Network is the wire between hosts and the session's clock.
type Network struct {
	now      time.Duration
	rng      *Rand
	def      Link
	links    map[direction]Link
	busy     map[direction]time.Duration // when each direction's queue drains
	inFlight []*Packet                   // in arrival order, ties by ID (fly)
	lastID   int
}

// ErrNoPacket is returned for a packet ID not in flight.
var ErrNoPacket = errors.New("no such packet in flight")

// New returns an empty network at time 0 whose randomness comes from seed.
func New(seed uint64) *Network {
	return &Network{
		rng:   NewRand(seed, 0x6e6574), // "net" stream
		def:   DefaultLink(),
		links: map[direction]Link{},
		busy:  map[direction]time.Duration{},
	}
}

// Now is the virtual time since the session started.
func (n *Network) Now() time.Duration { return n.now }

// AdvanceTo moves the clock forward to t. It never moves backwards.
func (n *Network) AdvanceTo(t time.Duration) error {
	if t < n.now {
		return errors.New("cannot move the clock back from " + n.now.String() + " to " + t.String())
	}
	n.now = t
	return nil
}

// Link returns the settings for packets from one host to another.
func (n *Network) Link(from, to string) Link {
	if l, ok := n.links[direction{from, to}]; ok {
		return l
	}
	return n.def
}

// SetLink changes one direction's settings. Packets already in flight keep
// their arrival times; queued serialisation is unaffected.
func (n *Network) SetLink(from, to string, l Link) error {
	if err := l.Validate(); err != nil {
		return err
	}
	n.links[direction{from, to}] = l
	return nil
}

// SetDefaultLink changes the settings of every direction and forgets
// per-direction overrides.
func (n *Network) SetDefaultLink(l Link) error {
	if err := l.Validate(); err != nil {
		return err
	}
	n.def = l
	clear(n.links)
	return nil
}

// UpdateAll applies change to every direction between two different
// hosts: the default and each per-direction setting, not loopback. It
// costs what the settings made so far cost, not the square of the hosts.
// A change that leaves any of them invalid changes none.
func (n *Network) UpdateAll(change func(*Link)) error {
	def := n.def
	change(&def)
	if err := def.Validate(); err != nil {
		return err
	}
	changed := make(map[direction]Link, len(n.links))
	for dir, l := range n.links {
		if dir.from == dir.to {
			continue
		}
		change(&l)
		if err := l.Validate(); err != nil {
			return err
		}
		changed[dir] = l
	}
	n.def = def
	for dir, l := range changed {
		n.links[dir] = l
	}
	return nil
}

// Send puts b on the wire from one host to another at the current time.
// The link's loss, duplication and reordering are decided now. The
// network keeps b without copying it: the sender must not change it, and
// Corrupt changes it in place.
func (n *Network) Send(from, to string, b []byte) Transmission {
	l := n.Link(from, to)
	dir := direction{from, to}
	start := max(n.now, n.busy[dir])
	done := limits.AddTime(start, l.serialisation(len(b)))
	n.busy[dir] = done
	p := &Packet{ID: n.newID(), From: from, To: to, Bytes: b, SentAt: n.now, ArriveAt: limits.AddTime(done, l.Latency)}
	t := Transmission{}
	if n.rng.Chance(l.Reorder) {
		t.Held = time.Duration(n.rng.Duration(int64(l.ReorderDelay)))
		p.ArriveAt = limits.AddTime(p.ArriveAt, t.Held)
	}
	if n.rng.Chance(l.Loss) {
		t.Packet, t.Lost = *p, true
		return t
	}
	n.fly(p)
	t.Packet = *p
	if n.rng.Chance(l.Duplicate) {
		d := n.copyOf(p, time.Duration(n.rng.Duration(int64(l.ReorderDelay))))
		dc := *d
		t.Duplicate = &dc
	}
	return t
}

func (n *Network) newID() int {
	n.lastID++
	return n.lastID
}

// copyOf puts a new copy of p in flight, arriving later by after.
func (n *Network) copyOf(p *Packet, after time.Duration) *Packet {
	d := &Packet{ID: n.newID(), From: p.From, To: p.To, Bytes: clone(p.Bytes), SentAt: p.SentAt, ArriveAt: limits.AddTime(p.ArriveAt, after), DupOf: p.ID}
	if p.DupOf != 0 {
		d.DupOf = p.DupOf
	}
	n.fly(d)
	return d
}

func clone(b []byte) []byte { return append([]byte(nil), b...) }

// InFlight lists the packets on the wire in arrival order (ties by ID).
func (n *Network) InFlight() []Packet {
	out := make([]Packet, len(n.inFlight))
	for i, p := range n.inFlight {
		out[i] = *p
		out[i].Bytes = clone(p.Bytes)
	}
	return out
}

// Next is the packet that arrives first, left on the wire and not copied:
// the caller must not change its bytes.
func (n *Network) Next() (Packet, bool) {
	if len(n.inFlight) == 0 {
		return Packet{}, false
	}
	return *n.inFlight[0], true
}

// Find is packet id if it is in flight, not copied: the caller must not
// change its bytes.
func (n *Network) Find(id int) (Packet, bool) {
	if i := n.index(id); i >= 0 {
		return *n.inFlight[i], true
	}
	return Packet{}, false
}

// fly puts p in flight at its place in arrival order, ties by ID. The
// list stays sorted, so finding the next arrival costs nothing; the
// search starts from the back because a packet just sent usually arrives
// last (only reordering, duplicates and delays move one forward).
func (n *Network) fly(p *Packet) {
	i := len(n.inFlight)
	for i > 0 && arrivesBefore(p, n.inFlight[i-1]) {
		i--
	}
	n.inFlight = append(n.inFlight, nil)
	copy(n.inFlight[i+1:], n.inFlight[i:])
	n.inFlight[i] = p
}

func arrivesBefore(a, b *Packet) bool {
	if a.ArriveAt != b.ArriveAt {
		return a.ArriveAt < b.ArriveAt
	}
	return a.ID < b.ID
}

// NextArrival is when the earliest packet in flight arrives.
func (n *Network) NextArrival() (time.Duration, bool) {
	if len(n.inFlight) == 0 {
		return 0, false
	}
	return n.inFlight[0].ArriveAt, true
}

// PopDue removes and returns the earliest packet if it has arrived by now.
func (n *Network) PopDue() (Packet, bool) {
	at, ok := n.NextArrival()
	if !ok || at > n.now {
		return Packet{}, false
	}
	p := n.inFlight[0]
	n.inFlight = n.inFlight[1:]
	return *p, true
}

// Take removes packet id from the wire and returns it, whatever its
// arrival time: the caller delivers it now.
func (n *Network) Take(id int) (Packet, error) {
	i := n.index(id)
	if i < 0 {
		return Packet{}, text.Wrap("packet "+strconv.Itoa(id)+": "+ErrNoPacket.Error(), ErrNoPacket)
	}
	p := n.remove(i)
	return *p, nil
}

// remove takes the i'th packet in flight off the list.
func (n *Network) remove(i int) *Packet {
	p := n.inFlight[i]
	n.inFlight = append(n.inFlight[:i], n.inFlight[i+1:]...)
	return p
}

func (n *Network) index(id int) int {
	for i, p := range n.inFlight {
		if p.ID == id {
			return i
		}
	}
	return -1
}

// Drop removes packet id from the wire without delivering it.
func (n *Network) Drop(id int) (Packet, error) { return n.Take(id) }

// Duplicate puts a second copy of packet id in flight, arriving just after
// the original.
func (n *Network) Duplicate(id int) (Packet, error) {
	i := n.index(id)
	if i < 0 {
		return Packet{}, text.Wrap("packet "+strconv.Itoa(id)+": "+ErrNoPacket.Error(), ErrNoPacket)
	}
	return *n.copyOf(n.inFlight[i], 0), nil
}

// Delay holds packet id back by d more; a packet delayed past the end of
// virtual time arrives at the end (limits.End).
func (n *Network) Delay(id int, d time.Duration) (Packet, error) {
	if d < 0 {
		return Packet{}, errors.New("delay " + d.String() + " is negative")
	}
	i := n.index(id)
	if i < 0 {
		return Packet{}, text.Wrap("packet "+strconv.Itoa(id)+": "+ErrNoPacket.Error(), ErrNoPacket)
	}
	p := n.remove(i)
	p.ArriveAt = limits.AddTime(p.ArriveAt, d)
	n.fly(p)
	return *p, nil
}

// Corrupt flips the bits of one byte of packet id, chosen at random in the
// transport part so the TCP/UDP/ICMP checksum fails (a single flipped byte
// always changes a ones'-complement sum). It returns the byte's offset.
func (n *Network) Corrupt(id int) (int, error) {
	i := n.index(id)
	if i < 0 {
		return 0, text.Wrap("packet "+strconv.Itoa(id)+": "+ErrNoPacket.Error(), ErrNoPacket)
	}
	b := n.inFlight[i].Bytes
	if len(b) == 0 {
		return 0, errors.New("packet " + strconv.Itoa(id) + " is empty")
	}
	lo := 0
	if ihl := int(b[0]&0x0f) * 4; b[0]>>4 == 4 && ihl >= 20 && ihl < len(b) {
		lo = ihl
	}
	choices := len(b) - lo
	udpSum := -1
	if lo > 0 && b[9] == 17 && len(b) >= lo+8 {
		// A UDP checksum flipped to zero would mean "no checksum" (RFC 768),
		// so that field is never the one flipped.
		udpSum = lo + 6
		choices -= 2
	}
	if choices <= 0 {
		return 0, errors.New("packet " + strconv.Itoa(id) + " has no byte a checksum covers")
	}
	off := lo + n.rng.IntN(choices)
	if udpSum >= 0 && off >= udpSum {
		off += 2
	}
	b[off] ^= 0xff
	return off, nil
}
