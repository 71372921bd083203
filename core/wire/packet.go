package wire

import (
	"github.com/sockplay/sockplay/core/inet"
	"github.com/sockplay/sockplay/core/internal/byteorder"
)

// Decode parses an IPv4 packet strictly: any problem Inspect would report
// makes it fail with that Problem (the first found) as the error.
func Decode(b []byte) (*Packet, error) { return decode(b, true) }

// DecodeInPlace is Decode, except that a TCP segment's payload is b's
// bytes in place rather than a copy: for a reader that neither keeps nor
// changes it (the receiving host, which copies what it accepts).
func DecodeInPlace(b []byte) (*Packet, error) { return decode(b, false) }

func decode(b []byte, copyPayload bool) (*Packet, error) {
	p, problems := inspect(b, copyPayload)
	if len(problems) > 0 {
		return nil, problems[0]
	}
	return p, nil
}

// Inspect parses as much of an IPv4 packet as it can, for display: a bad
// checksum or a bad length is reported but the fields are still shown. It
// returns nil only when there is not even an IPv4 header. When the
// transport header cannot be read, Packet.Payload holds the IP payload.
func Inspect(b []byte) (*Packet, []Problem) { return inspect(b, true) }

func inspect(b []byte, copyPayload bool) (*Packet, []Problem) {
	ip, payload, problems, ok := decodeIPv4(b)
	if len(b) < ipv4HeaderLen {
		return nil, problems
	}
	p := &Packet{IP: ip}
	if !ok {
		p.Payload = clone(payload)
		return p, problems
	}
	var more []Problem
	switch ip.Protocol {
	case ProtoTCP:
		p.TCP, more = decodeTCP(payload, ip.Src, ip.Dst)
		switch {
		case p.TCP == nil:
			p.Payload = clone(payload)
		case copyPayload:
			p.TCP.Payload = clone(p.TCP.Payload)
		}
	case ProtoUDP:
		p.UDP, more = decodeUDP(payload, ip.Src, ip.Dst)
		if p.UDP == nil {
			p.Payload = clone(payload)
		}
	case ProtoICMP:
		p.ICMP, more = decodeICMP(payload)
		if p.ICMP == nil {
			p.Payload = clone(payload)
		}
	default:
		p.Payload = clone(payload)
	}
	return p, append(problems, more...)
}

// Encode returns the packet's bytes with every length and checksum
// computed; IP.Protocol follows whichever of TCP, UDP and ICMP is set. A
// payload that would not fit in 65535 bytes of IP is cut short, IP options
// beyond 40 bytes are dropped.
func (p *Packet) Encode() []byte {
	ip := p.IP
	switch {
	case p.TCP != nil:
		ip.Protocol = ProtoTCP
	case p.UDP != nil:
		ip.Protocol = ProtoUDP
	case p.ICMP != nil:
		ip.Protocol = ProtoICMP
	}
	room := ipv4MaxTotalLen - ip.headerLen()
	var transport []byte
	switch {
	case p.TCP != nil:
		// Straight into the packet: the payload is copied once.
		seg := *p.TCP
		hlen := seg.HeaderLen()
		seg.Payload = cut(seg.Payload, room-hlen)
		n := hlen + len(seg.Payload)
		b := ip.appendHeader(make([]byte, 0, ip.headerLen()+n), n)
		return seg.appendSegment(b, ip.Src, ip.Dst)
	case p.UDP != nil:
		u := *p.UDP
		u.Payload = cut(u.Payload, room-udpHeaderLen)
		transport = u.appendDatagram(nil, ip.Src, ip.Dst)
	case p.ICMP != nil:
		m := *p.ICMP
		m.Payload = cut(m.Payload, room-icmpHeaderLen)
		transport = m.appendMessage(nil)
	default:
		transport = cut(p.Payload, room)
	}
	b := ip.appendHeader(make([]byte, 0, ip.headerLen()+len(transport)), len(transport))
	return append(b, transport...)
}

func cut(b []byte, n int) []byte {
	if len(b) > n {
		return b[:n]
	}
	return b
}

// TCPPacket is seg in an IPv4 packet as Linux sends it: TTL 64, don't
// fragment, the given IP ID.
func TCPPacket(src, dst inet.Addr, id uint16, seg *TCP) []byte {
	p := Packet{
		IP:  IPv4{ID: id, DF: true, TTL: DefaultTTL, Src: src, Dst: dst},
		TCP: seg,
	}
	return p.Encode()
}

// UDPPacket is a UDP datagram in an IPv4 packet as Linux sends it: TTL 64
// and don't fragment (path MTU discovery is on by default).
func UDPPacket(src, dst inet.Addr, id uint16, srcPort, dstPort uint16, payload []byte) []byte {
	p := Packet{
		IP:  IPv4{ID: id, DF: true, TTL: DefaultTTL, Src: src, Dst: dst},
		UDP: &UDP{SrcPort: srcPort, DstPort: dstPort, Payload: payload},
	}
	return p.Encode()
}

// tosInternetControl is the precedence Linux gives the ICMP errors it
// sends (IPTOS_PREC_INTERNETCONTROL in icmp_send).
const tosInternetControl = 0xc0

// PortUnreachable is the ICMP destination unreachable, port unreachable
// message (type 3 code 3) that from sends back to the source of the
// offending packet. It quotes the offending IP header and the first 8
// bytes of its payload (RFC 792, RFC 1122 section 3.2.2.1). Like Linux's
// ICMP errors it does not set DF. It returns nil when offending has no
// IPv4 header to quote.
func PortUnreachable(offending []byte, from inet.Addr, id uint16) []byte {
	if len(offending) < ipv4HeaderLen || offending[0]>>4 != 4 {
		return nil
	}
	hlen := max(int(offending[0]&0x0f)*4, ipv4HeaderLen)
	quoted := offending[:min(len(offending), hlen+8)]
	// RFC 1122 section 3.2.2: never answer an ICMP error with one.
	if offending[9] == ProtoICMP && len(offending) > hlen && isICMPError(offending[hlen]) {
		return nil
	}
	to := inet.AddrFrom4([4]byte(offending[12:16]))
	p := Packet{
		IP: IPv4{TOS: tosInternetControl, ID: id, TTL: DefaultTTL, Src: from, Dst: to},
		ICMP: &ICMP{
			Type:    ICMPDestUnreachable,
			Code:    ICMPCodePortUnreachable,
			Payload: append([]byte(nil), quoted...),
		},
	}
	return p.Encode()
}

// isICMPError tells ICMP error types from queries (RFC 1122 3.2.2).
func isICMPError(icmpType uint8) bool {
	switch icmpType {
	case ICMPDestUnreachable, 4, 5, ICMPTimeExceeded, 12:
		return true
	}
	return false
}

// QuotedPacket reads the IP header and transport ports an ICMP error
// quotes: what the offending packet was. ok is false when fewer than the
// header and 4 bytes of ports are there.
func (m *ICMP) QuotedPacket() (ip IPv4, srcPort, dstPort uint16, ok bool) {
	b := m.Payload
	if len(b) < ipv4HeaderLen || b[0]>>4 != 4 {
		return ip, 0, 0, false
	}
	hlen := int(b[0]&0x0f) * 4
	if hlen < ipv4HeaderLen || len(b) < hlen+4 {
		return ip, 0, 0, false
	}
	ip = ipv4Fields(b)
	return ip, byteorder.BigEndian.Uint16(b[hlen:]), byteorder.BigEndian.Uint16(b[hlen+2:]), true
}
