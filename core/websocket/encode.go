package websocket

import (
	"errors"
	"strconv"

	"github.com/sockplay/sockplay/core/internal/byteorder"
)

// AppendFrame writes f in wire form (RFC 6455 5.2): the shortest length
// encoding, the mask key and masked payload when f.Masked. It refuses
// what a receiver would refuse; on error dst comes back unchanged.
func AppendFrame(dst []byte, f Frame) ([]byte, error) {
	if err := checkSendable(f); err != nil {
		return dst, err
	}
	b0 := byte(f.Opcode)
	if f.Fin {
		b0 |= 0x80
	}
	out := append(dst, b0)
	mask := byte(0)
	if f.Masked {
		mask = 0x80
	}
	n := len(f.Payload)
	switch {
	case n <= 125:
		out = append(out, mask|byte(n))
	case n <= 0xFFFF:
		out = append(out, mask|126)
		out = byteorder.BigEndian.AppendUint16(out, uint16(n))
	default:
		out = append(out, mask|127)
		out = byteorder.BigEndian.AppendUint64(out, uint64(n))
	}
	if !f.Masked {
		return append(out, f.Payload...), nil
	}
	out = append(out, f.MaskKey[:]...)
	start := len(out)
	out = append(out, f.Payload...)
	maskBytes(out[start:], f.MaskKey, 0)
	return out, nil
}

// maskBytes XORs b with key, b starting at payload position pos (RFC 6455
// 5.3); masking twice unmasks.
func maskBytes(b []byte, key [4]byte, pos int) {
	for i := range b {
		b[i] ^= key[(pos+i)&3]
	}
}

func checkSendable(f Frame) error {
	switch {
	case !f.Opcode.known():
		return errors.New("websocket: unknown opcode " + "0x" + strconv.FormatUint(uint64(byte(f.Opcode)), 16))
	case f.Rsv != 0:
		return errors.New("websocket: RSV bits need a negotiated extension")
	case f.Opcode.IsControl() && !f.Fin:
		return errors.New("websocket: " + f.Opcode.String() + " frame cannot be fragmented")
	case f.Opcode.IsControl() && len(f.Payload) > MaxControlPayload:
		return errors.New("websocket: " + f.Opcode.String() + " payload of " + strconv.Itoa(len(f.Payload)) + " bytes is over " + strconv.Itoa(MaxControlPayload))
	}
	if f.Opcode == OpClose {
		if _, reason, ok := checkClosePayload(f.Payload); !ok {
			return errors.New("websocket: " + reason)
		}
	}
	return nil
}
