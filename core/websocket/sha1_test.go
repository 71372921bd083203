package websocket

import (
	"crypto/sha1"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestSHA1MatchesCryptoSHA1(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	// Every length across several block boundaries, then longer ones.
	for n := 0; n <= 300; n++ {
		msg := make([]byte, n)
		for i := range msg {
			msg[i] = byte(rng.Uint32())
		}
		assert.Equal(t, sha1.Sum(msg), sha1Sum(msg), "length %d", n)
	}
	for _, n := range []int{1000, 4095, 4096, 65537} {
		msg := []byte(strings.Repeat("abc", n)[:n])
		assert.Equal(t, sha1.Sum(msg), sha1Sum(msg), "length %d", n)
	}
}

// FIPS 180-4 example vectors.
func TestSHA1KnownVectors(t *testing.T) {
	assert.Equal(t, "a9993e364706816aba3e25717850c26c9cd0d89d", hexOf(sha1Sum([]byte("abc"))))
	assert.Equal(t, "84983e441c3bd26ebaae4aa1f95129e5e54670f1",
		hexOf(sha1Sum([]byte("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"))))
	assert.Equal(t, "da39a3ee5e6b4b0d3255bfef95601890afd80709", hexOf(sha1Sum(nil)))
}

func FuzzSHA1(f *testing.F) {
	f.Add([]byte("dGhlIHNhbXBsZSBub25jZQ==258EAFA5-E914-47DA-95CA-C5AB0DC85B11"))
	f.Fuzz(func(t *testing.T, msg []byte) {
		assert.Equal(t, sha1.Sum(msg), sha1Sum(msg))
	})
}

func hexOf(sum [20]byte) string {
	const digits = "0123456789abcdef"
	var b strings.Builder
	for _, c := range sum {
		b.WriteByte(digits[c>>4])
		b.WriteByte(digits[c&15])
	}
	return b.String()
}
