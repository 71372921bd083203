package tcp

import (
	"bytes"
	"math/rand/v2"
	"testing"
)

// The queue reads back what was appended, in order, whatever the mix of
// appends, reads and drops; and moves no more bytes than it frees.
func TestByteQueueIsFIFO(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var q byteQueue
	var want []byte
	next := byte(0)
	for range 20000 {
		switch rng.IntN(3) {
		case 0:
			p := make([]byte, rng.IntN(3000))
			for i := range p {
				p[i] = next
				next++
			}
			q.Append(p)
			want = append(want, p...)
		case 1:
			p := make([]byte, rng.IntN(4000))
			n := q.Read(p)
			if !bytes.Equal(p[:n], want[:n]) {
				t.Fatalf("read %d bytes that differ from what was appended", n)
			}
			want = want[n:]
		case 2:
			n := rng.IntN(4000)
			q.Drop(n)
			want = want[min(n, len(want)):]
		}
		if q.Len() != len(want) || !bytes.Equal(q.Slice(0, q.Len()), want) {
			t.Fatalf("queue holds %d bytes, want %d", q.Len(), len(want))
		}
		if q.head > 0 && q.head >= q.Len() {
			t.Fatalf("freed space %d not reclaimed beside %d live bytes", q.head, q.Len())
		}
	}
}
