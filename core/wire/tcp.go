package wire

import (
	"strconv"

	"github.com/sockplay/sockplay/core/inet"
	"github.com/sockplay/sockplay/core/internal/byteorder"
)

const tcpHeaderLen = 20

// HeaderLen is the length of the TCP header seg encodes to, options
// included: what tcpdump subtracts to get "length N".
func (seg *TCP) HeaderLen() int {
	return len(seg.Options.appendOptions(make([]byte, 0, tcpMaxOptions))) + tcpHeaderLen
}

// appendSegment appends the segment with its checksum under the
// pseudo-header of src and dst.
func (seg *TCP) appendSegment(b []byte, src, dst inet.Addr) []byte {
	start := len(b)
	b = byteorder.BigEndian.AppendUint16(b, seg.SrcPort)
	b = byteorder.BigEndian.AppendUint16(b, seg.DstPort)
	b = byteorder.BigEndian.AppendUint32(b, seg.Seq)
	b = byteorder.BigEndian.AppendUint32(b, seg.Ack)
	b = append(b, 0, byte(seg.Flags)) // data offset patched below
	b = byteorder.BigEndian.AppendUint16(b, seg.Window)
	b = append(b, 0, 0) // checksum
	b = byteorder.BigEndian.AppendUint16(b, seg.Urgent)
	b = seg.Options.appendOptions(b)
	b[start+12] = byte((len(b)-start)/4) << 4
	b = append(b, seg.Payload...)
	byteorder.BigEndian.PutUint16(b[start+16:], transportChecksum(src, dst, ProtoTCP, b[start:]))
	return b
}

// decodeTCP reads a TCP segment carried from src to dst. It returns nil
// when not even the fixed header is there.
func decodeTCP(b []byte, src, dst inet.Addr) (*TCP, []Problem) {
	if len(b) < tcpHeaderLen {
		return nil, []Problem{newProblem(TruncatedTCP, strconv.Itoa(len(b))+" bytes, need "+strconv.Itoa(tcpHeaderLen))}
	}
	seg := &TCP{
		SrcPort:  byteorder.BigEndian.Uint16(b[0:]),
		DstPort:  byteorder.BigEndian.Uint16(b[2:]),
		Seq:      byteorder.BigEndian.Uint32(b[4:]),
		Ack:      byteorder.BigEndian.Uint32(b[8:]),
		Flags:    TCPFlags(b[13]), // the reserved bits are ignored on receipt
		Window:   byteorder.BigEndian.Uint16(b[14:]),
		Checksum: byteorder.BigEndian.Uint16(b[16:]),
		Urgent:   byteorder.BigEndian.Uint16(b[18:]),
	}
	// Structure first, then the checksum, as Linux's tcp_v4_rcv checks.
	var problems []Problem
	hlen := int(b[12]>>4) * 4
	if hlen < tcpHeaderLen || hlen > len(b) {
		problems = append(problems, newProblem(BadTCPDataOffset, "data offset "+strconv.Itoa(hlen/4)+" with "+strconv.Itoa(len(b))+" bytes"))
	}
	if sum := transportChecksum(src, dst, ProtoTCP, b); sum != 0 {
		problems = append(problems, checksumProblem(BadTCPChecksum, seg.Checksum, sum))
	}
	if len(problems) > 0 && problems[0].Reason == BadTCPDataOffset {
		return seg, problems
	}
	opts, p := decodeOptions(b[tcpHeaderLen:hlen])
	seg.Options = opts
	if p != nil {
		problems = append(problems, *p)
	}
	seg.Payload = b[hlen:] // Inspect copies it
	return seg, problems
}
