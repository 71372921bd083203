package tcp

// byteQueue is a first-in, first-out run of bytes: the send buffer
// (written by the application, freed by ACKs) and the receive buffer
// (filled by segments, drained by reads). Freeing advances a head offset;
// the live bytes move to the front only once the freed space is at least
// as large as they are, so each byte is moved at most once per byte freed
// rather than on every ACK and every read.
type byteQueue struct {
	buf  []byte // buf[head:] is live
	head int
}

// Len is the number of live bytes.
func (q *byteQueue) Len() int { return len(q.buf) - q.head }

// Slice is live bytes [from, to), in place: valid until the queue next
// changes.
func (q *byteQueue) Slice(from, to int) []byte { return q.buf[q.head+from : q.head+to : q.head+to] }

// Append adds p at the end.
func (q *byteQueue) Append(p []byte) { q.buf = append(q.buf, p...) }

// Read copies the first bytes into p and frees them.
func (q *byteQueue) Read(p []byte) int {
	n := copy(p, q.buf[q.head:])
	q.Drop(n)
	return n
}

// Drop frees the first n bytes (all of them if n is larger).
func (q *byteQueue) Drop(n int) {
	q.head += min(n, q.Len())
	switch {
	case q.head == len(q.buf):
		q.buf, q.head = q.buf[:0], 0
	case q.head >= q.Len():
		q.buf, q.head = q.buf[:copy(q.buf, q.buf[q.head:])], 0
	}
}

// Reset empties the queue and lets its memory go.
func (q *byteQueue) Reset() { *q = byteQueue{} }
