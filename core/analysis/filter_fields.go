package analysis

import (
	"strings"

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

// filterField is one field a filter can name: its values on a packet
// (none when absent; several for ip.addr and the ports, which stand for
// either end).
type filterField struct {
	kind fieldKind
	get  func(a *Analysis, p *Packet) []uint64
	str  func(p *Packet) (string, bool) // for kindString
}

func one(v uint64) []uint64 { return []uint64{v} }

func boolValue(b bool) []uint64 {
	if b {
		return one(1)
	}
	return one(0)
}

func addrValue(ap interface{ As4() [4]byte }) uint64 {
	b := ap.As4()
	return uint64(b[0])<<24 | uint64(b[1])<<16 | uint64(b[2])<<8 | uint64(b[3])
}

func ipField(f func(p *Packet) []uint64) filterField {
	return filterField{kind: kindAddr, get: func(_ *Analysis, p *Packet) []uint64 {
		if !p.Src.Addr().IsValid() {
			return nil
		}
		return f(p)
	}}
}

func tcpField(kind fieldKind, f func(a *Analysis, p *Packet) []uint64) filterField {
	return filterField{kind: kind, get: func(a *Analysis, p *Packet) []uint64 {
		if p.TCP == nil {
			return nil
		}
		return f(a, p)
	}}
}

func udpField(f func(p *Packet) []uint64) filterField {
	return filterField{kind: kindNum, get: func(_ *Analysis, p *Packet) []uint64 {
		if p.UDP == nil {
			return nil
		}
		return f(p)
	}}
}

func flagField(flag wire.TCPFlags) filterField {
	return tcpField(kindBool, func(_ *Analysis, p *Packet) []uint64 { return boolValue(p.TCP.Flags&flag != 0) })
}

func tagField(tags ...Tag) filterField {
	return filterField{kind: kindNone, get: func(_ *Analysis, p *Packet) []uint64 {
		for _, t := range tags {
			if p.Tags.Has(t) {
				return one(1)
			}
		}
		return nil
	}}
}

func protoField(has func(p *Packet) bool) filterField {
	return filterField{kind: kindNone, get: func(_ *Analysis, p *Packet) []uint64 {
		if has(p) {
			return one(1)
		}
		return nil
	}}
}

// relSeq is a sequence number relative to direction dir's ISN, as
// Wireshark shows it by default.
func relSeq(a *Analysis, p *Packet, seq uint32, peer bool) uint64 {
	if p.Conv < 0 {
		return uint64(seq)
	}
	d := dirIndex(p)
	if peer {
		d = 1 - d
	}
	return uint64(seq - a.Conversations[p.Conv].isn[d])
}

// filterFields are the fields filters know, named as Wireshark names them;
// sockplay.* are what only the engine knows.
var filterFields = map[string]filterField{
	"frame.number": {kind: kindNum, get: func(_ *Analysis, p *Packet) []uint64 { return one(uint64(p.Frame)) }},
	"frame.len":    {kind: kindNum, get: func(_ *Analysis, p *Packet) []uint64 { return one(uint64(p.Len)) }},

	"ip":      protoField(func(p *Packet) bool { return p.Src.Addr().IsValid() }),
	"ip.src":  ipField(func(p *Packet) []uint64 { return one(addrValue(p.Src.Addr())) }),
	"ip.dst":  ipField(func(p *Packet) []uint64 { return one(addrValue(p.Dst.Addr())) }),
	"ip.addr": ipField(func(p *Packet) []uint64 { return []uint64{addrValue(p.Src.Addr()), addrValue(p.Dst.Addr())} }),
	"ip.len":  {kind: kindNum, get: func(_ *Analysis, p *Packet) []uint64 { return one(uint64(p.Len)) }},

	"tcp":         protoField(func(p *Packet) bool { return p.TCP != nil }),
	"tcp.srcport": tcpField(kindNum, func(_ *Analysis, p *Packet) []uint64 { return one(uint64(p.TCP.SrcPort)) }),
	"tcp.dstport": tcpField(kindNum, func(_ *Analysis, p *Packet) []uint64 { return one(uint64(p.TCP.DstPort)) }),
	"tcp.port": tcpField(kindNum, func(_ *Analysis, p *Packet) []uint64 {
		return []uint64{uint64(p.TCP.SrcPort), uint64(p.TCP.DstPort)}
	}),
	"tcp.stream": tcpField(kindNum, func(a *Analysis, p *Packet) []uint64 {
		return one(uint64(a.Conversations[p.Conv].Stream))
	}),
	"tcp.len": tcpField(kindNum, func(_ *Analysis, p *Packet) []uint64 { return one(uint64(len(p.TCP.Payload))) }),
	"tcp.seq": tcpField(kindNum, func(a *Analysis, p *Packet) []uint64 { return one(relSeq(a, p, p.TCP.Seq, false)) }),
	"tcp.ack": tcpField(kindNum, func(a *Analysis, p *Packet) []uint64 {
		if p.TCP.Flags&wire.ACK == 0 {
			return nil
		}
		return one(relSeq(a, p, p.TCP.Ack, true))
	}),
	"tcp.window_size_value": tcpField(kindNum, func(_ *Analysis, p *Packet) []uint64 { return one(uint64(p.TCP.Window)) }),
	"tcp.flags.fin":         flagField(wire.FIN),
	"tcp.flags.syn":         flagField(wire.SYN),
	"tcp.flags.reset":       flagField(wire.RST),
	"tcp.flags.push":        flagField(wire.PSH),
	"tcp.flags.ack":         flagField(wire.ACK),
	"tcp.flags.urg":         flagField(wire.URG),

	"tcp.analysis.flags": filterField{kind: kindNone, get: func(_ *Analysis, p *Packet) []uint64 {
		if p.Tags&^(1<<TagLost|1<<TagLinkCopy|1<<TagWindowProbe) != 0 {
			return one(1)
		}
		return nil
	}},
	"tcp.analysis.retransmission":          tagField(TagRetransmission),
	"tcp.analysis.fast_retransmission":     {kind: kindNone, get: causeIs("retransmit-fast")},
	"tcp.analysis.spurious_retransmission": tagField(TagSpurious),
	"tcp.analysis.duplicate_ack":           tagField(TagDupACK),
	"tcp.analysis.duplicate_ack_num": tcpField(kindNum, func(_ *Analysis, p *Packet) []uint64 {
		if !p.Tags.Has(TagDupACK) {
			return nil
		}
		return one(uint64(p.DupAckNum))
	}),
	"tcp.analysis.zero_window":           tagField(TagZeroWindow),
	"tcp.analysis.zero_window_probe":     tagField(TagZeroWindowProbe),
	"tcp.analysis.zero_window_probe_ack": tagField(TagZeroWindowProbeACK),
	"tcp.analysis.window_full":           tagField(TagWindowFull),
	"tcp.analysis.window_update":         tagField(TagWindowUpdate),
	"tcp.analysis.keep_alive":            tagField(TagKeepAlive),
	"tcp.analysis.keep_alive_ack":        tagField(TagKeepAliveACK),
	"tcp.analysis.out_of_order":          tagField(TagOutOfOrder),
	"tcp.analysis.lost_segment":          tagField(TagPrevNotCaptured),

	"udp":         protoField(func(p *Packet) bool { return p.UDP != nil }),
	"udp.srcport": udpField(func(p *Packet) []uint64 { return one(uint64(p.UDP.SrcPort)) }),
	"udp.dstport": udpField(func(p *Packet) []uint64 { return one(uint64(p.UDP.DstPort)) }),
	"udp.port":    udpField(func(p *Packet) []uint64 { return []uint64{uint64(p.UDP.SrcPort), uint64(p.UDP.DstPort)} }),
	"udp.length":  udpField(func(p *Packet) []uint64 { return one(uint64(8 + len(p.UDP.Payload))) }),

	"icmp":      protoField(func(p *Packet) bool { return p.Src.Addr().IsValid() && p.TCP == nil && p.UDP == nil }),
	"http":      protoField(func(p *Packet) bool { return isHTTPLabel(p.Label) }),
	"websocket": protoField(func(p *Packet) bool { return strings.HasPrefix(p.Label, "WS ") }),

	"sockplay.lost":         tagField(TagLost),
	"sockplay.link_copy":    tagField(TagLinkCopy),
	"sockplay.window_probe": tagField(TagWindowProbe),
	"sockplay.cause": {kind: kindString, get: func(_ *Analysis, p *Packet) []uint64 {
		if p.Cause == "" {
			return nil
		}
		return one(1)
	}, str: func(p *Packet) (string, bool) { return p.Cause, p.Cause != "" }},
}

func causeIs(cause string) func(_ *Analysis, p *Packet) []uint64 {
	return func(_ *Analysis, p *Packet) []uint64 {
		if p.Cause == cause {
			return one(1)
		}
		return nil
	}
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
	return len(n.field.get(a, p)) > 0
}

// eval compares as Wireshark 4 does: a field with several values (ip.addr,
// tcp.port) matches when any value does, except != which needs all to
// differ; an absent field matches nothing.
func (n *compareNode) eval(a *Analysis, p *Packet) bool {
	if n.field.kind == kindString {
		s, ok := n.field.str(p)
		return ok && (s == n.str) == (n.op == "==")
	}
	vals := n.field.get(a, p)
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
