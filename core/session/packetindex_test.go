package session

import (
	"testing"

	"github.com/sockplay/sockplay/core/examples"
	"github.com/sockplay/sockplay/core/trace"
	"github.com/sockplay/sockplay/core/wire"
	"github.com/stretchr/testify/require"
)

// The inspector finds a packet through the index exactly as a walk over
// the whole log finds it: its first Send or Dup, and its bytes as they
// last arrived (or are now, in flight), in every example, after a
// corruption, a duplicate and an undo.
func TestPacketIndexAgreesWithAWalkOverTheLog(t *testing.T) {
	check := func(t *testing.T, s *Session) {
		events := s.Trace(0)
		last := 0
		for _, ev := range events {
			last = max(last, ev.Packet)
		}
		for id := 1; id <= last+1; id++ {
			got, ok := s.Packet(id)
			want, wantOK := packetByWalk(s, events, id)
			require.Equal(t, wantOK, ok, "packet %d", id)
			require.Equal(t, want, got, "packet %d", id)
		}
	}
	for _, ex := range examples.All() {
		t.Run(ex.Name, func(t *testing.T) {
			s := New(1)
			s.Load(ex.Script)
			check(t, s)
		})
	}
	t.Run("corrupted, duplicated, undone", func(t *testing.T) {
		s := New(3)
		load(t, s, "server> s = socket(AF_INET, SOCK_STREAM)\nserver> bind(s, 0.0.0.0:80)\nserver> listen(s, 5)\n"+
			"client> c = socket(AF_INET, SOCK_STREAM)\nclient> connect(c, server:80)\nnet> dup\nnet> corrupt 1\n")
		check(t, s)
		load(t, s, "net> step\nnet> run\n")
		check(t, s)
		s.Undo()
		check(t, s)
	})
}

// packetByWalk is the inspector's view found the slow way.
func packetByWalk(s *Session, events []trace.Event, id int) (PacketView, bool) {
	for i, ev := range events {
		if ev.Packet != id || len(ev.Bytes) == 0 || ev.Kind != trace.Send && ev.Kind != trace.Dup {
			continue
		}
		current, flying := ev.Bytes, false
		for _, f := range s.st.w.InFlight() {
			if f.ID == id {
				current, flying = f.Bytes, true
			}
		}
		for j := len(events) - 1; j > i && !flying; j-- {
			if e := events[j]; e.Packet == id && (e.Kind == trace.Deliver || e.Kind == trace.Drop) && len(e.Bytes) > 0 {
				current = e.Bytes
				break
			}
		}
		var syns []int
		for k := range i {
			if events[k].Kind == trace.Send && isSYN(events[k].Bytes) {
				syns = append(syns, k)
			}
		}
		log := s.st.w.Log()
		scale := func(p *wire.Packet) (uint8, bool) { return windowShift(log, syns, i, p) }
		return inspectPacket(id, s.st.summary(id, ev.Bytes), ev.Label, current, scale), true
	}
	return PacketView{}, false
}
