package wire

import (
	"github.com/sockplay/sockplay/core/inet"
	"github.com/sockplay/sockplay/core/internal/byteorder"
	"github.com/sockplay/sockplay/core/internal/text"
)

// sum16 adds b as big-endian 16-bit words to acc, padding an odd last byte
// with zero (RFC 1071), and returns the sum folded to at most 16 bits
// (zero only if all was zero). Eight bytes at a time: big-endian 32-bit
// words sum to the same thing modulo 0xffff, as 2^16 ≡ 1 (RFC 1071 2(C)).
func sum16(acc uint32, b []byte) uint32 {
	wide := uint64(acc)
	for len(b) >= 8 {
		wide += uint64(byteorder.BigEndian.Uint32(b)) + uint64(byteorder.BigEndian.Uint32(b[4:]))
		b = b[8:]
	}
	for len(b) >= 2 {
		wide += uint64(b[0])<<8 | uint64(b[1])
		b = b[2:]
	}
	if len(b) == 1 {
		wide += uint64(b[0]) << 8
	}
	for wide>>16 != 0 {
		wide = wide&0xffff + wide>>16
	}
	return uint32(wide)
}

// fold reduces a 32-bit accumulator to the 16-bit one's complement sum.
func fold(acc uint32) uint16 {
	for acc>>16 != 0 {
		acc = acc&0xffff + acc>>16
	}
	return uint16(acc)
}

// Checksum is the Internet checksum of b (RFC 1071): the one's complement
// of the one's complement sum. A header whose checksum field is correct
// sums, checksum included, to 0xffff, so Checksum returns 0 over it.
func Checksum(b []byte) uint16 {
	return ^fold(sum16(0, b))
}

// pseudoHeaderSum starts a TCP or UDP checksum with the IPv4 pseudo-header
// (RFC 9293 section 3.1, RFC 768): source, destination, zero, protocol,
// and the transport length.
func pseudoHeaderSum(src, dst inet.Addr, proto uint8, length int) uint32 {
	s, d := src.As4(), dst.As4()
	acc := sum16(0, s[:])
	acc = sum16(acc, d[:])
	acc += uint32(proto)
	acc += uint32(length & 0xffff)
	return acc
}

// transportChecksum is the checksum of a TCP, UDP segment (with its checksum
// field zero, or as received to verify it) under the pseudo-header.
func transportChecksum(src, dst inet.Addr, proto uint8, segment []byte) uint16 {
	return ^fold(sum16(pseudoHeaderSum(src, dst, proto, len(segment)), segment))
}

// checksumProblem reports a checksum field that failed to verify: residual
// is the checksum computed over the data with the stored field included.
func checksumProblem(r Reason, stored, residual uint16) Problem {
	// residual = ^(S + stored) in one's complement, where the correct
	// field would have been ^S.
	want := ^fold(uint32(^residual) + uint32(^stored))
	return newProblem(r, "checksum 0x"+text.HexPad(uint64(stored), 4)+", want 0x"+text.HexPad(uint64(want), 4))
}
