package session

import (
	"github.com/sockplay/sockplay/core/trace"
	"github.com/sockplay/sockplay/core/wire"
)

// windowShift finds, as Wireshark does, the shift that scales the window
// of p, the TCP segment sent as log event at (syns: the log's SYNs sent,
// by event index): the one its sender's SYN
// offered, when the last SYN each way of the connection before it both
// offered one (RFC 7323 2.2). ok is false for a SYN, whose window is never
// scaled, and when scaling was not agreed or its SYNs are not in the log.
func windowShift(log *trace.Log, syns []int, at int, p *wire.Packet) (shift uint8, ok bool) {
	t := p.TCP
	if t == nil || t.Flags&wire.SYN != 0 {
		return 0, false
	}
	var mine, theirs *wire.TCP
	for k := len(syns) - 1; k >= 0 && (mine == nil || theirs == nil); k-- {
		if syns[k] >= at {
			continue
		}
		ev := log.At(syns[k])
		q, err := wire.Decode(ev.Bytes)
		if err != nil || q.TCP == nil {
			continue
		}
		switch {
		case mine == nil && q.IP.Src == p.IP.Src && q.IP.Dst == p.IP.Dst && q.TCP.SrcPort == t.SrcPort && q.TCP.DstPort == t.DstPort:
			mine = q.TCP
		case theirs == nil && q.IP.Src == p.IP.Dst && q.IP.Dst == p.IP.Src && q.TCP.SrcPort == t.DstPort && q.TCP.DstPort == t.SrcPort:
			theirs = q.TCP
		}
	}
	if mine == nil || theirs == nil || !mine.Options.HasWScale || !theirs.Options.HasWScale {
		return 0, false
	}
	return min(mine.Options.WScale, 14), true
}

// isSYN tells from the header bytes alone whether an IPv4 packet is a TCP
// SYN, so the search decodes only those.
func isSYN(b []byte) bool {
	if len(b) < 20 || b[9] != wire.ProtoTCP {
		return false
	}
	ihl := int(b[0]&0x0f) * 4
	return ihl >= 20 && len(b) > ihl+13 && b[ihl+13]&byte(wire.SYN) != 0
}
