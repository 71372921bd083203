package analysis

import (
	"strings"

	"github.com/sockplay/sockplay/core/inet"
	"github.com/sockplay/sockplay/core/wire"
)

type fieldKind uint8

const (
	kindNone   fieldKind = iota // present or not: a protocol, an expert tag
	kindBool                    // 0 or 1
	kindNum                     // an unsigned number
	kindAddr                    // an IPv4 address
	kindString                  // text
)

// fieldID says how a field's values are read from a packet.
type fieldID uint8

const (
	fFrameNumber fieldID = iota
	fFrameLen
	fIP
	fIPSrc
	fIPDst
	fIPAddr
	fTCP
	fTCPSrcPort
	fTCPDstPort
	fTCPPort
	fTCPStream
	fTCPLen
	fTCPSeq
	fTCPAck
	fTCPWindow
	fTCPFlag // arg: the flag's bit
	fAnalysisFlags
	fTag // arg: the Tag
	fFastRetransmission
	fDupAckNum
	fUDP
	fUDPSrcPort
	fUDPDstPort
	fUDPPort
	fUDPLength
	fICMP
	fHTTP
	fWebSocket
	fCause
)

// filterField is one field a filter can name, as Wireshark names it
// (sockplay.* are what only the engine knows).
type filterField struct {
	name string
	kind fieldKind
	id   fieldID
	arg  uint8
}

// filterFields is a table, not a map of closures: either would cost the
// wasm several times the size of this data in code.
var filterFields = []filterField{
	{"frame.number", kindNum, fFrameNumber, 0},
	{"frame.len", kindNum, fFrameLen, 0},
	{"ip", kindNone, fIP, 0},
	{"ip.src", kindAddr, fIPSrc, 0},
	{"ip.dst", kindAddr, fIPDst, 0},
	{"ip.addr", kindAddr, fIPAddr, 0},
	{"ip.len", kindNum, fFrameLen, 0},
	{"tcp", kindNone, fTCP, 0},
	{"tcp.srcport", kindNum, fTCPSrcPort, 0},
	{"tcp.dstport", kindNum, fTCPDstPort, 0},
	{"tcp.port", kindNum, fTCPPort, 0},
	{"tcp.stream", kindNum, fTCPStream, 0},
	{"tcp.len", kindNum, fTCPLen, 0},
	{"tcp.seq", kindNum, fTCPSeq, 0},
	{"tcp.ack", kindNum, fTCPAck, 0},
	{"tcp.window_size_value", kindNum, fTCPWindow, 0},
	{"tcp.flags.fin", kindBool, fTCPFlag, uint8(wire.FIN)},
	{"tcp.flags.syn", kindBool, fTCPFlag, uint8(wire.SYN)},
	{"tcp.flags.reset", kindBool, fTCPFlag, uint8(wire.RST)},
	{"tcp.flags.push", kindBool, fTCPFlag, uint8(wire.PSH)},
	{"tcp.flags.ack", kindBool, fTCPFlag, uint8(wire.ACK)},
	{"tcp.flags.urg", kindBool, fTCPFlag, uint8(wire.URG)},
	{"tcp.analysis.flags", kindNone, fAnalysisFlags, 0},
	{"tcp.analysis.retransmission", kindNone, fTag, uint8(TagRetransmission)},
	{"tcp.analysis.fast_retransmission", kindNone, fFastRetransmission, 0},
	{"tcp.analysis.spurious_retransmission", kindNone, fTag, uint8(TagSpurious)},
	{"tcp.analysis.duplicate_ack", kindNone, fTag, uint8(TagDupACK)},
	{"tcp.analysis.duplicate_ack_num", kindNum, fDupAckNum, 0},
	{"tcp.analysis.zero_window", kindNone, fTag, uint8(TagZeroWindow)},
	{"tcp.analysis.zero_window_probe", kindNone, fTag, uint8(TagZeroWindowProbe)},
	{"tcp.analysis.zero_window_probe_ack", kindNone, fTag, uint8(TagZeroWindowProbeACK)},
	{"tcp.analysis.window_full", kindNone, fTag, uint8(TagWindowFull)},
	{"tcp.analysis.window_update", kindNone, fTag, uint8(TagWindowUpdate)},
	{"tcp.analysis.keep_alive", kindNone, fTag, uint8(TagKeepAlive)},
	{"tcp.analysis.keep_alive_ack", kindNone, fTag, uint8(TagKeepAliveACK)},
	{"tcp.analysis.out_of_order", kindNone, fTag, uint8(TagOutOfOrder)},
	{"tcp.analysis.lost_segment", kindNone, fTag, uint8(TagPrevNotCaptured)},
	{"udp", kindNone, fUDP, 0},
	{"udp.srcport", kindNum, fUDPSrcPort, 0},
	{"udp.dstport", kindNum, fUDPDstPort, 0},
	{"udp.port", kindNum, fUDPPort, 0},
	{"udp.length", kindNum, fUDPLength, 0},
	{"icmp", kindNone, fICMP, 0},
	{"http", kindNone, fHTTP, 0},
	{"websocket", kindNone, fWebSocket, 0},
	{"sockplay.lost", kindNone, fTag, uint8(TagLost)},
	{"sockplay.link_copy", kindNone, fTag, uint8(TagLinkCopy)},
	{"sockplay.window_probe", kindNone, fTag, uint8(TagWindowProbe)},
	{"sockplay.cause", kindString, fCause, 0},
}

// lookupField finds the field filters call name.
func lookupField(name string) (filterField, bool) {
	for _, f := range filterFields {
		if f.name == name {
			return f, true
		}
	}
	return filterField{}, false
}

func addrValue(a inet.Addr) uint64 {
	b := a.As4()
	return uint64(b[0])<<24 | uint64(b[1])<<16 | uint64(b[2])<<8 | uint64(b[3])
}

// relSeq is a sequence number relative to its direction's ISN (peer: the
// other direction's, for an ACK), as Wireshark shows them by default.
func relSeq(a *Analysis, p *Packet, seq uint32, peer bool) uint64 {
	d := dirIndex(p)
	if peer {
		d = 1 - d
	}
	return uint64(seq - a.Conversations[p.Conv].isn[d])
}

// values are f's values on p, in buf: none when the packet lacks the
// field, two for ip.addr and the ports (either end), else one. A field
// without a value (a protocol, a tag) has the value 1 when present.
func (f filterField) values(a *Analysis, p *Packet, buf *[2]uint64) []uint64 {
	v, n := buf[:], 1
	tcp, udp, ip := p.TCP, p.UDP, p.Src.Addr().IsValid()
	switch f.id {
	case fFrameNumber:
		v[0] = uint64(p.Frame)
	case fFrameLen:
		v[0] = uint64(p.Len)
	case fIP, fTCP, fUDP, fICMP, fHTTP, fWebSocket, fTag, fAnalysisFlags, fFastRetransmission:
		v[0] = 1
		if !f.present(p, ip) {
			n = 0
		}
	case fIPSrc, fIPDst, fIPAddr:
		if !ip {
			return nil
		}
		v[0], v[1] = addrValue(p.Src.Addr()), addrValue(p.Dst.Addr())
		switch f.id {
		case fIPDst:
			v[0] = v[1]
		case fIPAddr:
			n = 2
		}
	case fTCPSrcPort, fTCPDstPort, fTCPPort, fTCPStream, fTCPLen, fTCPSeq, fTCPAck, fTCPWindow, fTCPFlag, fDupAckNum:
		if tcp == nil || p.Conv < 0 {
			return nil
		}
		n = f.tcpValues(a, p, v)
	case fUDPSrcPort, fUDPDstPort, fUDPPort, fUDPLength:
		if udp == nil {
			return nil
		}
		v[0], v[1] = uint64(udp.SrcPort), uint64(udp.DstPort)
		switch f.id {
		case fUDPDstPort:
			v[0] = v[1]
		case fUDPPort:
			n = 2
		case fUDPLength:
			v[0] = uint64(8 + len(udp.Payload))
		}
	case fCause:
		if p.Cause == "" {
			n = 0
		}
		v[0] = 1
	}
	return v[:n]
}

func (f filterField) tcpValues(a *Analysis, p *Packet, v []uint64) int {
	seg := p.TCP
	switch f.id {
	case fTCPSrcPort:
		v[0] = uint64(seg.SrcPort)
	case fTCPDstPort:
		v[0] = uint64(seg.DstPort)
	case fTCPPort:
		v[0], v[1] = uint64(seg.SrcPort), uint64(seg.DstPort)
		return 2
	case fTCPStream:
		v[0] = uint64(a.Conversations[p.Conv].Stream)
	case fTCPLen:
		v[0] = uint64(len(seg.Payload))
	case fTCPSeq:
		v[0] = relSeq(a, p, seg.Seq, false)
	case fTCPAck:
		if seg.Flags&wire.ACK == 0 {
			return 0
		}
		v[0] = relSeq(a, p, seg.Ack, true)
	case fTCPWindow:
		v[0] = uint64(seg.Window)
	case fTCPFlag:
		v[0] = 0
		if seg.Flags&wire.TCPFlags(f.arg) != 0 {
			v[0] = 1
		}
	case fDupAckNum:
		if !p.Tags.Has(TagDupACK) {
			return 0
		}
		v[0] = uint64(p.DupAckNum)
	}
	return 1
}

// present reports whether a field without a value is on p.
func (f filterField) present(p *Packet, ip bool) bool {
	switch f.id {
	case fIP:
		return ip
	case fTCP:
		return p.TCP != nil
	case fUDP:
		return p.UDP != nil
	case fICMP:
		return ip && p.TCP == nil && p.UDP == nil
	case fHTTP:
		return isHTTPLabel(p.Label)
	case fWebSocket:
		return strings.HasPrefix(p.Label, "WS ")
	case fTag:
		return p.Tags.Has(Tag(f.arg))
	case fAnalysisFlags: // Wireshark's analysis flags: not the engine's own findings
		return p.Tags&^(1<<TagLost|1<<TagLinkCopy|1<<TagWindowProbe) != 0
	case fFastRetransmission:
		return p.Cause == "retransmit-fast"
	}
	return false
}

// isHTTPLabel reports whether a packet's label names an HTTP message: a
// request line or a status line, as the labeler writes them.
func isHTTPLabel(l string) bool { return strings.Contains(l, "HTTP/") }

type node interface {
	eval(a *Analysis, p *Packet) bool
}

type andNode struct{ l, r node }
type orNode struct{ l, r node }
type notNode struct{ x node }
type presentNode struct{ field filterField }

type compareNode struct {
	field filterField
	op    string
	num   uint64
	mask  uint64 // addresses: the prefix compared
	str   string
}

func (n *andNode) eval(a *Analysis, p *Packet) bool { return n.l.eval(a, p) && n.r.eval(a, p) }
func (n *orNode) eval(a *Analysis, p *Packet) bool  { return n.l.eval(a, p) || n.r.eval(a, p) }
func (n *notNode) eval(a *Analysis, p *Packet) bool { return !n.x.eval(a, p) }
func (n *presentNode) eval(a *Analysis, p *Packet) bool {
	var buf [2]uint64
	return len(n.field.values(a, p, &buf)) > 0
}

// eval compares as Wireshark 4 does: a field with several values (ip.addr,
// tcp.port) matches when any value does, except != which needs all to
// differ; an absent field matches nothing.
func (n *compareNode) eval(a *Analysis, p *Packet) bool {
	if n.field.kind == kindString { // sockplay.cause, the one string
		return p.Cause != "" && (p.Cause == n.str) == (n.op == "==")
	}
	var buf [2]uint64
	vals := n.field.values(a, p, &buf)
	if len(vals) == 0 {
		return false
	}
	if n.op == "!=" {
		for _, v := range vals {
			if n.masked(v) == n.num {
				return false
			}
		}
		return true
	}
	for _, v := range vals {
		if n.holds(n.masked(v)) {
			return true
		}
	}
	return false
}

func (n *compareNode) masked(v uint64) uint64 {
	if n.field.kind == kindAddr {
		return v & n.mask
	}
	return v
}

func (n *compareNode) holds(v uint64) bool {
	switch n.op {
	case "==":
		return v == n.num
	case "<":
		return v < n.num
	case "<=":
		return v <= n.num
	case ">":
		return v > n.num
	case ">=":
		return v >= n.num
	}
	return false
}
