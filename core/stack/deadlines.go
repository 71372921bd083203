package stack

import "time"

// deadlines indexes the world's TCP connections by their timers, so that
// finding the next timer costs O(log n) however many connections sit in
// TIME-WAIT or idle: a min-heap of the connections with a timer armed,
// by their earliest one, and the few with a retransmission, persist or
// delayed-ACK timer armed (what Run waits for). A connection's entries
// are brought up to date by sync, after everything that changes it.
type deadlines struct {
	heap    []*tcpConn
	short   []*tcpConn
	scratch []*tcpConn // due's answer, reused
}

// update re-files tc after its timers may have changed.
func (d *deadlines) update(tc *tcpConn) {
	at, armed := tc.c.Deadline()
	switch {
	case !armed:
		d.remove(tc)
	case tc.heapAt == 0:
		tc.due = at
		d.heap = append(d.heap, tc)
		tc.heapAt = len(d.heap)
		d.up(tc.heapAt - 1)
	case at != tc.due:
		tc.due = at
		d.down(d.up(tc.heapAt - 1))
	}
	hasShort := tc.hasShortTimer()
	switch {
	case hasShort && tc.shortAt == 0:
		d.short = append(d.short, tc)
		tc.shortAt = len(d.short)
	case !hasShort && tc.shortAt != 0:
		last := d.short[len(d.short)-1]
		d.short[tc.shortAt-1], last.shortAt = last, tc.shortAt
		d.short, tc.shortAt = d.short[:len(d.short)-1], 0
	}
}

// remove drops tc from the index (it has no timer, or was forgotten).
func (d *deadlines) remove(tc *tcpConn) {
	if i := tc.heapAt - 1; i >= 0 {
		last := len(d.heap) - 1
		d.swap(i, last)
		d.heap, tc.heapAt = d.heap[:last], 0
		if i < last {
			d.down(d.up(i))
		}
	}
	if tc.shortAt != 0 {
		last := d.short[len(d.short)-1]
		d.short[tc.shortAt-1], last.shortAt = last, tc.shortAt
		d.short, tc.shortAt = d.short[:len(d.short)-1], 0
	}
}

// next is the earliest timer of any connection.
func (d *deadlines) next() (time.Duration, bool) {
	if len(d.heap) == 0 {
		return 0, false
	}
	return d.heap[0].due, true
}

// nextShort is the earliest retransmission, persist or delayed-ACK timer
// (tcpConn.shortDeadline) of any connection.
func (d *deadlines) nextShort() (time.Duration, bool) {
	var best time.Duration
	found := false
	for _, tc := range d.short {
		if at, ok := tc.shortDeadline(); ok && (!found || at < best) {
			best, found = at, true
		}
	}
	return best, found
}

// due lists the connections whose earliest timer is at or before now, in
// the order the hosts' connection lists have them (creation order). The
// list is valid until the next call.
func (d *deadlines) due(now time.Duration) []*tcpConn {
	out := d.collect(d.scratch[:0], 0, now)
	// Insertion sort: the list is short, and a library sort costs the
	// WebAssembly build several kilobytes.
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j].seq < out[j-1].seq; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	d.scratch = out
	return out
}

// collect appends heap entry i and its descendants due by now.
func (d *deadlines) collect(out []*tcpConn, i int, now time.Duration) []*tcpConn {
	if i >= len(d.heap) || d.heap[i].due > now {
		return out
	}
	out = append(out, d.heap[i])
	return d.collect(d.collect(out, 2*i+1, now), 2*i+2, now)
}

func (d *deadlines) less(i, j int) bool {
	a, b := d.heap[i], d.heap[j]
	return a.due < b.due || (a.due == b.due && a.seq < b.seq)
}

func (d *deadlines) swap(i, j int) {
	d.heap[i], d.heap[j] = d.heap[j], d.heap[i]
	d.heap[i].heapAt, d.heap[j].heapAt = i+1, j+1
}

func (d *deadlines) up(i int) int {
	for i > 0 {
		p := (i - 1) / 2
		if !d.less(i, p) {
			break
		}
		d.swap(i, p)
		i = p
	}
	return i
}

func (d *deadlines) down(i int) {
	for {
		l := 2*i + 1
		if l >= len(d.heap) {
			return
		}
		m := l
		if r := l + 1; r < len(d.heap) && d.less(r, l) {
			m = r
		}
		if !d.less(m, i) {
			return
		}
		d.swap(i, m)
		i = m
	}
}
