package netsim

import (
	"testing"
	"time"
)

// FuzzNetwork applies arbitrary operation sequences and checks that the
// wire never loses track of a packet: every packet sent is lost, dropped,
// taken or still in flight, exactly once, and lists them in arrival order.
func FuzzNetwork(f *testing.F) {
	f.Add(uint64(1), []byte{0, 0, 1, 2, 3, 4, 5, 6, 7})
	f.Add(uint64(9), []byte{7, 0, 0, 0, 6, 6, 2, 3, 1, 5, 4})
	f.Fuzz(func(t *testing.T, seed uint64, ops []byte) {
		n := New(seed)
		_ = n.SetDefaultLink(Link{Latency: time.Millisecond, Bandwidth: 1e6, Loss: 0.2, Duplicate: 0.2, Reorder: 0.3, ReorderDelay: 5 * time.Millisecond})
		alive := map[int]bool{}
		pick := func(b byte) int { return int(b)%(n.lastID+2) - 1 }
		for i, op := range ops {
			arg := byte(i * 7)
			switch op % 8 {
			case 0, 1:
				tr := n.Send("a", "b", append([]byte(nil), ops[:i]...))
				if !tr.Lost {
					alive[tr.Packet.ID] = true
				}
				if tr.Duplicate != nil {
					alive[tr.Duplicate.ID] = true
				}
			case 2:
				if p, err := n.Take(pick(arg)); err == nil {
					delete(alive, p.ID)
				}
			case 3:
				if p, err := n.Duplicate(pick(arg)); err == nil {
					alive[p.ID] = true
				}
			case 4:
				_, _ = n.Delay(pick(arg), time.Duration(arg)*time.Millisecond)
			case 5:
				_, _ = n.Corrupt(pick(arg))
			case 6:
				_ = n.AdvanceTo(n.Now() + time.Duration(arg)*time.Millisecond)
				for {
					p, ok := n.PopDue()
					if !ok {
						break
					}
					if p.ArriveAt > n.Now() {
						t.Fatalf("packet %d popped at %v before it arrives at %v", p.ID, n.Now(), p.ArriveAt)
					}
					delete(alive, p.ID)
				}
			case 7:
				_ = n.SetLink("a", "b", Link{Loss: float64(arg) / 200})
			}
		}
		flight := n.InFlight()
		if len(flight) != len(alive) {
			t.Fatalf("%d packets in flight, want %d", len(flight), len(alive))
		}
		for i, p := range flight {
			if !alive[p.ID] {
				t.Fatalf("packet %d in flight unexpectedly", p.ID)
			}
			if i > 0 {
				q := flight[i-1]
				if q.ArriveAt > p.ArriveAt || q.ArriveAt == p.ArriveAt && q.ID > p.ID {
					t.Fatalf("packet %d (at %v) listed after packet %d (at %v)", p.ID, p.ArriveAt, q.ID, q.ArriveAt)
				}
			}
		}
	})
}
