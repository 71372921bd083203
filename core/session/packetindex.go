package session

import "github.com/sockplay/sockplay/core/trace"

// packetIndex finds a packet's events without walking the log, so that
// the inspector costs the same on packet 10 as on packet 100,000. It is
// filled as events are labelled (engine.labelSends), in log order.
type packetIndex struct {
	// byID holds, per packet ID (from 1), 1 + the log index of the event
	// that put it on the wire (Send or Dup, with its bytes) and of its last
	// Deliver or Drop with bytes; 0 for none.
	byID [][2]int32
	// syns are the log indexes of the TCP SYNs sent, in order (windowShift).
	syns []int
	// dups is the tcpdump line of each duplicate (a Send event carries its
	// own in Text).
	dups map[int]string
}

func (x *packetIndex) add(i int, ev *trace.Event) {
	if ev.Packet <= 0 || len(ev.Bytes) == 0 {
		return
	}
	for len(x.byID) <= ev.Packet {
		x.byID = append(x.byID, [2]int32{})
	}
	ref := &x.byID[ev.Packet]
	switch ev.Kind {
	case trace.Send, trace.Dup:
		if ref[0] == 0 {
			ref[0] = int32(i + 1)
		}
		if ev.Kind == trace.Send && isSYN(ev.Bytes) {
			x.syns = append(x.syns, i)
		}
	case trace.Deliver, trace.Drop:
		ref[1] = int32(i + 1)
	}
}

func (x *packetIndex) dupText(id int, line string) {
	if x.dups == nil {
		x.dups = map[int]string{}
	}
	x.dups[id] = line
}

// sent is the log index of the event that put packet id on the wire.
func (x *packetIndex) sent(id int) (int, bool) {
	if id <= 0 || id >= len(x.byID) || x.byID[id][0] == 0 {
		return 0, false
	}
	return int(x.byID[id][0]) - 1, true
}

// arrived is the log index of packet id's last Deliver or Drop with bytes.
func (x *packetIndex) arrived(id int) (int, bool) {
	if id <= 0 || id >= len(x.byID) || x.byID[id][1] == 0 {
		return 0, false
	}
	return int(x.byID[id][1]) - 1, true
}

// packetText is packet id's tcpdump line, once labelled.
func (e *engine) packetText(id int) (string, bool) {
	if line, ok := e.packets.dups[id]; ok {
		return line, true
	}
	i, ok := e.packets.sent(id)
	if !ok {
		return "", false
	}
	ev := e.w.Log().At(i)
	return ev.Text, ev.Kind == trace.Send
}
