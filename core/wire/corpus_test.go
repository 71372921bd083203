package wire

import (
	"time"

	"github.com/sockplay/sockplay/core/inet"
)

// captureCorpus is a varied capture: two connections (one with timestamps
// and SACK, one without), both directions, HTTP on port 80, data, SACK,
// zero window, FIN, RST and RST-ACK, UDP, ICMP port unreachable and echo.
func captureCorpus() []Record {
	c, s := clientAddr, serverAddr
	var recs []Record
	now := time.Duration(0)
	id := uint16(0)
	add := func(b []byte) {
		now += 1250 * time.Microsecond
		recs = append(recs, Record{Time: now, Data: b})
	}
	tcp := func(src, dst inet.Addr, seg TCP) {
		id++
		add(TCPPacket(src, dst, id, &seg))
	}
	ts := func(val, ecr uint32) TCPOptions { return TCPOptions{HasTimestamps: true, TSVal: val, TSEcr: ecr} }

	// Connection 1: client 40000 -> server 80, with every SYN option.
	const cISN, sISN = 0xfffffff0, 3000000000 // the client's wraps
	syn := TCPOptions{MSS: 1460, SACKPermitted: true, HasTimestamps: true, TSVal: 1, HasWScale: true, WScale: 7}
	tcp(c, s, TCP{SrcPort: 40000, DstPort: 80, Seq: cISN, Flags: SYN, Window: 64240, Options: syn})
	synAck := syn
	synAck.TSVal, synAck.TSEcr = 100, 1
	tcp(s, c, TCP{SrcPort: 80, DstPort: 40000, Seq: sISN, Ack: cISN + 1, Flags: SYN | ACK, Window: 65160, Options: synAck})
	tcp(c, s, TCP{SrcPort: 40000, DstPort: 80, Seq: cISN + 1, Ack: sISN + 1, Flags: ACK, Window: 502, Options: ts(2, 100)})
	get := []byte("GET /index.html HTTP/1.1\r\nHost: 10.0.0.2\r\n\r\n")
	tcp(c, s, TCP{SrcPort: 40000, DstPort: 80, Seq: cISN + 1, Ack: sISN + 1, Flags: PSH | ACK, Window: 502, Options: ts(3, 100), Payload: get})
	next := cISN + 1 + uint32(len(get))
	tcp(s, c, TCP{SrcPort: 80, DstPort: 40000, Seq: sISN + 1, Ack: next, Flags: ACK, Window: 509, Options: ts(101, 3)})
	resp := []byte("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello")
	tcp(s, c, TCP{SrcPort: 80, DstPort: 40000, Seq: sISN + 1, Ack: next, Flags: PSH | ACK, Window: 509, Options: ts(102, 3), Payload: resp})
	body := make([]byte, 100)
	for i := range body {
		body[i] = 'a' + byte(i%26)
	}
	tcp(s, c, TCP{SrcPort: 80, DstPort: 40000, Seq: sISN + 1 + uint32(len(resp)) + 100, Ack: next, Flags: ACK, Window: 509, Options: ts(103, 3), Payload: body})
	tcp(c, s, TCP{SrcPort: 40000, DstPort: 80, Seq: next, Ack: sISN + 1 + uint32(len(resp)), Flags: ACK, Window: 0, Options: TCPOptions{
		HasTimestamps: true, TSVal: 4, TSEcr: 103,
		SACK: []SACKBlock{{sISN + 1 + uint32(len(resp)) + 100, sISN + 1 + uint32(len(resp)) + 200}, {sISN + 400, sISN + 500}},
	}})
	tcp(c, s, TCP{SrcPort: 40000, DstPort: 80, Seq: next, Ack: sISN + 1 + uint32(len(resp)), Flags: FIN | ACK, Window: 502, Options: ts(5, 103)})
	tcp(s, c, TCP{SrcPort: 80, DstPort: 40000, Seq: sISN + 1 + uint32(len(resp)), Ack: next + 1, Flags: RST | ACK, Window: 0})
	tcp(s, c, TCP{SrcPort: 80, DstPort: 40000, Seq: sISN + 1 + uint32(len(resp)), Flags: RST})
	tcp(s, c, TCP{SrcPort: 80, DstPort: 40000, Seq: sISN + 1, Ack: next, Flags: ACK | URG | PSH, Urgent: 3, Window: 509, Payload: []byte("hi\r\n")})

	// Connection 2: server side opens to a client port, no timestamps.
	plain := TCPOptions{MSS: 1460, SACKPermitted: true, HasWScale: true, WScale: 7}
	tcp(s, c, TCP{SrcPort: 5000, DstPort: 7000, Seq: 1000, Flags: SYN, Window: 64240, Options: plain})
	tcp(c, s, TCP{SrcPort: 7000, DstPort: 5000, Seq: 2000, Ack: 1001, Flags: SYN | ACK, Window: 64240, Options: plain})
	tcp(s, c, TCP{SrcPort: 5000, DstPort: 7000, Seq: 1001, Ack: 2001, Flags: ACK, Window: 502})
	tcp(s, c, TCP{SrcPort: 5000, DstPort: 7000, Seq: 1001, Ack: 2001, Flags: PSH | ACK, Window: 502, Payload: []byte("x\x00binary\xff")})
	tcp(c, s, TCP{SrcPort: 7000, DstPort: 5000, Seq: 2001, Ack: 1011, Flags: ACK, Window: 501, Options: TCPOptions{SACK: []SACKBlock{{1100, 1200}, {1300, 1400}, {1500, 1600}, {1700, 1800}}}})
	tcp(c, s, TCP{SrcPort: 7000, DstPort: 5000, Seq: 2001, Ack: 1011, Flags: FIN | PSH | ACK, Window: 501, Payload: []byte("bye")})
	tcp(s, c, TCP{SrcPort: 5000, DstPort: 7000, Seq: 1011, Ack: 2005, Flags: FIN | ACK, Window: 502})
	tcp(c, s, TCP{SrcPort: 7000, DstPort: 5000, Seq: 2005, Ack: 1012, Flags: ACK | ECE | CWR, Window: 501})
	// A segment whose RST carries no ACK, then one with no flags at all.
	tcp(c, s, TCP{SrcPort: 7001, DstPort: 5000, Seq: 77, Flags: RST | ACK, Ack: 5})
	tcp(c, s, TCP{SrcPort: 7002, DstPort: 5000, Seq: 77})

	// UDP both ways, then the port unreachable for a datagram to nowhere.
	id++
	add(UDPPacket(c, s, id, 4000, 9999, []byte("hello")))
	id++
	add(UDPPacket(s, c, id, 9999, 4000, nil))
	id++
	offending := UDPPacket(c, s, id, 40001, 9998, []byte("anyone?"))
	add(offending)
	id++
	add(PortUnreachable(offending, s, id))
	id++
	add(PortUnreachable(TCPPacket(c, s, id, &TCP{SrcPort: 40002, DstPort: 81, Flags: SYN}), s, id))
	echo := Packet{IP: IPv4{ID: 9, TTL: 64, Src: c, Dst: s}, ICMP: &ICMP{Type: ICMPEchoRequest, Rest: 0x00070001, Payload: []byte("abcdefgh")}}
	add(echo.Encode())
	echo.IP.Src, echo.IP.Dst, echo.ICMP.Type = s, c, ICMPEchoReply
	add(echo.Encode())
	return recs
}
