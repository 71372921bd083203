package trace

import (
	"maps"
	"slices"
)

// Clone is an independent copy of the log: events added to or labelled in
// one are not in the other. An event's packet bytes, TCP and queue state
// and rare fields are never changed once logged, so both logs share them,
// except packet bytes still in flight (a corrupt command changes those in
// place), which rebase maps to the copy's own.
func (l *Log) Clone(rebase func([]byte) []byte) *Log {
	c := &Log{blocks: make([][]slot, len(l.blocks)), n: l.n, names: l.names}
	for i, block := range l.blocks {
		own := make([]slot, len(block), cap(block))
		copy(own, block)
		for j := range own {
			own[j].bytes = rebase(own[j].bytes)
		}
		c.blocks[i] = own
	}
	// Both number new names from here: each its own list and index.
	c.names.list = slices.Clone(l.names.list)
	c.names.index = maps.Clone(l.names.index)
	c.sent = slices.Clone(l.sent)
	return c
}
