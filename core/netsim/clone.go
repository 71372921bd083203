package netsim

import (
	"maps"
	"math/rand/v2"
)

// Clone is an independent copy of the source: both draw the same numbers
// from here on. A rand.Rand keeps no state beside its source, so copying
// the PCG state is the whole of it.
func (r *Rand) Clone() *Rand {
	pcg := *r.pcg
	return &Rand{pcg: &pcg, r: rand.New(&pcg)}
}

// Clone is an independent copy of the network: the clock, the links, the
// randomness and the packets in flight. Corrupt flips a byte of a packet
// in flight in place, so every other holder of those bytes (the trace,
// captures) must be pointed at the copy's own: Rebase answers the copy's
// bytes for a slice that is in flight in n, and b itself for bytes no
// longer in flight, which nothing changes any more.
func (n *Network) Clone() (c *Network, rebase func(b []byte) []byte) {
	c = &Network{
		now:      n.now,
		rng:      n.rng.Clone(),
		def:      n.def,
		links:    maps.Clone(n.links),
		busy:     maps.Clone(n.busy),
		inFlight: make([]*Packet, len(n.inFlight), cap(n.inFlight)),
		lastID:   n.lastID,
	}
	copies := make(map[*byte][]byte, len(n.inFlight))
	for i, p := range n.inFlight {
		q := *p
		q.Bytes = clone(p.Bytes)
		if len(p.Bytes) > 0 {
			copies[&p.Bytes[0]] = q.Bytes
		}
		c.inFlight[i] = &q
	}
	rebase = func(b []byte) []byte {
		if len(b) > 0 {
			if own, ok := copies[&b[0]]; ok {
				return own[:len(b)]
			}
		}
		return b
	}
	return c, rebase
}
