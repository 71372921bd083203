// Package wire holds the packet formats that travel on sockplay's virtual
// network: IPv4 (RFC 791), TCP (RFC 9293 with the options of RFC 7323 and
// RFC 2018), UDP (RFC 768) and ICMP (RFC 792). Every packet on the wire is
// bytes; these structs are what is decoded from, or encoded to, those bytes.
// The package also prints packets as tcpdump -nn does and reads and writes
// pcap files of them.
package wire

import "github.com/sockplay/sockplay/core/inet"

// IP protocol numbers.
const (
	ProtoICMP uint8 = 1
	ProtoTCP  uint8 = 6
	ProtoUDP  uint8 = 17
)

// IPv4 is an IPv4 header (RFC 791 section 3.1).
type IPv4 struct {
	TOS      uint8
	TotalLen uint16 // filled in by Encode
	ID       uint16
	DF       bool // don't fragment (Linux sets it on TCP)
	MF       bool
	FragOff  uint16 // in 8-byte units
	TTL      uint8
	Protocol uint8
	Checksum uint16 // as decoded; Encode computes it
	Src, Dst inet.Addr
	Options  []byte
}

// TCPFlags are the TCP control bits.
type TCPFlags uint8

const (
	FIN TCPFlags = 1 << iota
	SYN
	RST
	PSH
	ACK
	URG
	ECE
	CWR
)

// SACKBlock is one block of a SACK option (RFC 2018 section 3): the
// sequence space [Left, Right) received out of order.
type SACKBlock struct{ Left, Right uint32 }

// TCPOptions are the options sockplay speaks. Zero values mean absent.
type TCPOptions struct {
	MSS           uint16 // 0: absent
	HasWScale     bool
	WScale        uint8
	SACKPermitted bool
	SACK          []SACKBlock
	HasTimestamps bool
	TSVal, TSEcr  uint32
}

// TCP is a TCP segment: header, options and payload.
type TCP struct {
	SrcPort, DstPort uint16
	Seq, Ack         uint32
	Flags            TCPFlags
	Window           uint16 // the raw field, before window scaling
	Checksum         uint16 // as decoded; Encode computes it
	Urgent           uint16
	Options          TCPOptions
	Payload          []byte
}

// UDP is a UDP datagram.
type UDP struct {
	SrcPort, DstPort uint16
	Length           uint16 // as decoded; Encode computes it
	Checksum         uint16
	Payload          []byte
}

// ICMP type and code values sockplay sends and understands.
const (
	ICMPEchoReply       uint8 = 0
	ICMPDestUnreachable uint8 = 3
	ICMPEchoRequest     uint8 = 8
	ICMPTimeExceeded    uint8 = 11

	ICMPCodePortUnreachable uint8 = 3
)

// ICMP is an ICMP message. For destination unreachable, Payload holds the
// offending packet's IP header and at least its first 8 data bytes.
type ICMP struct {
	Type, Code uint8
	Checksum   uint16
	Rest       uint32 // the 4 bytes after the checksum (unused, or id/seq for echo)
	Payload    []byte
}

// Packet is one IPv4 packet, decoded. Exactly one of TCP, UDP and ICMP is
// set for the protocols above; for others all three are nil and Payload
// holds the IP payload.
type Packet struct {
	IP      IPv4
	TCP     *TCP
	UDP     *UDP
	ICMP    *ICMP
	Payload []byte // IP payload of other protocols only
}
