package trace

// Clone is an independent copy of the log: events added to or labelled in
// one are not in the other. An event's packet bytes, TCP and queue state
// are never changed once logged, so both logs share them, except packet
// bytes still in flight (a corrupt command changes those in place), which
// rebase maps to the copy's own.
func (l *Log) Clone(rebase func([]byte) []byte) *Log {
	c := &Log{blocks: make([][]Event, len(l.blocks)), n: l.n}
	for i, block := range l.blocks {
		own := make([]Event, len(block), cap(block))
		copy(own, block)
		for j := range own {
			own[j].Bytes = rebase(own[j].Bytes)
		}
		c.blocks[i] = own
	}
	return c
}
