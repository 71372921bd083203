package wire

import (
	"strconv"

	"github.com/sockplay/sockplay/core/internal/byteorder"
)

const icmpHeaderLen = 8

// appendMessage appends the message with its checksum, which covers the
// whole ICMP message (RFC 792).
func (m *ICMP) appendMessage(b []byte) []byte {
	start := len(b)
	b = append(b, m.Type, m.Code, 0, 0)
	b = byteorder.BigEndian.AppendUint32(b, m.Rest)
	b = append(b, m.Payload...)
	byteorder.BigEndian.PutUint16(b[start+2:], Checksum(b[start:]))
	return b
}

func decodeICMP(b []byte) (*ICMP, []Problem) {
	if len(b) < icmpHeaderLen {
		return nil, []Problem{newProblem(TruncatedICMP, strconv.Itoa(len(b))+" bytes, need "+strconv.Itoa(icmpHeaderLen))}
	}
	m := &ICMP{
		Type:     b[0],
		Code:     b[1],
		Checksum: byteorder.BigEndian.Uint16(b[2:]),
		Rest:     byteorder.BigEndian.Uint32(b[4:]),
		Payload:  clone(b[icmpHeaderLen:]),
	}
	if sum := Checksum(b); sum != 0 {
		return m, []Problem{checksumProblem(BadICMPChecksum, m.Checksum, sum)}
	}
	return m, nil
}
