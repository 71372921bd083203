package tcp

import "github.com/sockplay/sockplay/core/wire"

// resetFor is the RST answering seg (RFC 9293 3.10.7.1): with an ACK
// field the RST takes its sequence number from it; otherwise it has
// sequence number zero and acknowledges the whole segment.
func resetFor(seg *wire.TCP, localPort, remotePort uint16) *wire.TCP {
	r := &wire.TCP{SrcPort: localPort, DstPort: remotePort}
	if seg.Flags&wire.ACK != 0 {
		r.Seq = seg.Ack
		r.Flags = wire.RST
		return r
	}
	r.Ack = seg.Seq + segLen(seg)
	r.Flags = wire.RST | wire.ACK
	return r
}

// ClosedInput is RFC 9293 3.10.7.1: the RST to answer a segment that
// reached no connection, or nil when the segment itself is a RST.
func ClosedInput(seg *wire.TCP) *wire.TCP {
	if seg == nil || seg.Flags&wire.RST != 0 {
		return nil
	}
	return resetFor(seg, seg.DstPort, seg.SrcPort)
}

// ListenInput is RFC 9293 3.10.7.2 for a listener at local receiving seg
// from remote: a RST is ignored, an ACK is answered with a RST, a SYN is
// to be accepted (the caller makes NewPassive); anything else, and a
// SYN with FIN (Linux), is dropped.
func ListenInput(local, remote Endpoint, seg *wire.TCP) (reply *wire.TCP, acceptSYN bool) {
	switch {
	case seg == nil || seg.Flags&wire.RST != 0:
		return nil, false
	case seg.Flags&wire.ACK != 0:
		return resetFor(seg, local.Port, remote.Port), false
	case seg.Flags&wire.SYN != 0 && seg.Flags&wire.FIN == 0:
		return nil, true
	}
	return nil, false
}
