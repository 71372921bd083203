package wire

import (
	"strconv"

	"github.com/sockplay/sockplay/core/inet"
	"github.com/sockplay/sockplay/core/internal/byteorder"
)

const udpHeaderLen = 8

// appendDatagram appends the datagram with length and checksum filled in.
// A computed checksum of 0 goes out as 0xffff, since 0 means "none"
// (RFC 768).
func (u *UDP) appendDatagram(b []byte, src, dst inet.Addr) []byte {
	start := len(b)
	b = byteorder.BigEndian.AppendUint16(b, u.SrcPort)
	b = byteorder.BigEndian.AppendUint16(b, u.DstPort)
	b = byteorder.BigEndian.AppendUint16(b, uint16(udpHeaderLen+len(u.Payload)))
	b = append(b, 0, 0)
	b = append(b, u.Payload...)
	sum := transportChecksum(src, dst, ProtoUDP, b[start:])
	if sum == 0 {
		sum = 0xffff
	}
	byteorder.BigEndian.PutUint16(b[start+6:], sum)
	return b
}

// decodeUDP reads a UDP datagram carried from src to dst. Bytes past the
// UDP length are ignored, as Linux's udp_rcv trims them.
func decodeUDP(b []byte, src, dst inet.Addr) (*UDP, []Problem) {
	if len(b) < udpHeaderLen {
		return nil, []Problem{newProblem(TruncatedUDP, strconv.Itoa(len(b))+" bytes, need "+strconv.Itoa(udpHeaderLen))}
	}
	u := &UDP{
		SrcPort:  byteorder.BigEndian.Uint16(b[0:]),
		DstPort:  byteorder.BigEndian.Uint16(b[2:]),
		Length:   byteorder.BigEndian.Uint16(b[4:]),
		Checksum: byteorder.BigEndian.Uint16(b[6:]),
	}
	n := int(u.Length)
	if n < udpHeaderLen || n > len(b) {
		u.Payload = clone(b[udpHeaderLen:])
		return u, []Problem{newProblem(BadUDPLength, "length "+strconv.Itoa(n)+" with "+strconv.Itoa(len(b))+" bytes")}
	}
	u.Payload = clone(b[udpHeaderLen:n])
	if u.Checksum != 0 {
		if sum := transportChecksum(src, dst, ProtoUDP, b[:n]); sum != 0 {
			return u, []Problem{checksumProblem(BadUDPChecksum, u.Checksum, sum)}
		}
	}
	return u, nil
}
