package wire

import (
	"maps"
	"slices"
)

// Clone is an independent copy of the printer: the connections whose
// first sequence numbers it has seen, for relative numbers.
func (p *Printer) Clone() Printer {
	c := *p
	c.conns = maps.Clone(p.conns)
	return c
}

// Clone is an independent copy of the segment: its SACK blocks and
// payload are its own.
func (t *TCP) Clone() *TCP {
	c := *t
	c.Options.SACK = slices.Clone(t.Options.SACK)
	c.Payload = slices.Clone(t.Payload)
	return &c
}
