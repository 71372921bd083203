package websocket

import (
	"math/bits"

	"github.com/sockplay/sockplay/core/internal/byteorder"
)

// sha1Sum is SHA-1 (FIPS 180-4 6.1). It serves only the handshake's fixed
// derivation of Sec-WebSocket-Accept, never security; crypto/sha1 would
// bring the crypto module's initialisation into the WebAssembly build.
func sha1Sum(msg []byte) [20]byte {
	h := [5]uint32{0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0}
	// Padding (5.1.1): a 1 bit, zeros to 56 bytes mod 64, the bit length.
	n := len(msg)
	padded := make([]byte, (n+8)/64*64+64)
	copy(padded, msg)
	padded[n] = 0x80
	byteorder.BigEndian.PutUint64(padded[len(padded)-8:], uint64(n)*8)

	var w [80]uint32
	for block := padded; len(block) > 0; block = block[64:] {
		for t := 0; t < 16; t++ {
			w[t] = byteorder.BigEndian.Uint32(block[4*t:])
		}
		for t := 16; t < 80; t++ {
			w[t] = bits.RotateLeft32(w[t-3]^w[t-8]^w[t-14]^w[t-16], 1)
		}
		a, b, c, d, e := h[0], h[1], h[2], h[3], h[4]
		for t := 0; t < 80; t++ {
			var f, k uint32
			switch {
			case t < 20:
				f, k = b&c|^b&d, 0x5a827999
			case t < 40:
				f, k = b^c^d, 0x6ed9eba1
			case t < 60:
				f, k = b&c|b&d|c&d, 0x8f1bbcdc
			default:
				f, k = b^c^d, 0xca62c1d6
			}
			a, b, c, d, e = bits.RotateLeft32(a, 5)+f+e+k+w[t], a, bits.RotateLeft32(b, 30), c, d
		}
		h[0] += a
		h[1] += b
		h[2] += c
		h[3] += d
		h[4] += e
	}
	var sum [20]byte
	for i, v := range h {
		byteorder.BigEndian.PutUint32(sum[4*i:], v)
	}
	return sum
}
