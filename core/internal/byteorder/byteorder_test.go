package byteorder

import (
	"encoding/binary"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestMatchesEncodingBinary(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	for range 1000 {
		b := make([]byte, 8)
		for i := range b {
			b[i] = byte(rng.Uint32())
		}
		v := rng.Uint64()
		assert.Equal(t, binary.BigEndian.Uint16(b), BigEndian.Uint16(b))
		assert.Equal(t, binary.BigEndian.Uint32(b), BigEndian.Uint32(b))
		assert.Equal(t, binary.BigEndian.Uint64(b), BigEndian.Uint64(b))
		assert.Equal(t, binary.LittleEndian.Uint16(b), LittleEndian.Uint16(b))
		assert.Equal(t, binary.LittleEndian.Uint32(b), LittleEndian.Uint32(b))

		assert.Equal(t, binary.BigEndian.AppendUint16(b, uint16(v)), BigEndian.AppendUint16(b, uint16(v)))
		assert.Equal(t, binary.BigEndian.AppendUint32(b, uint32(v)), BigEndian.AppendUint32(b, uint32(v)))
		assert.Equal(t, binary.BigEndian.AppendUint64(b, v), BigEndian.AppendUint64(b, v))
		assert.Equal(t, binary.LittleEndian.AppendUint16(b, uint16(v)), LittleEndian.AppendUint16(b, uint16(v)))
		assert.Equal(t, binary.LittleEndian.AppendUint32(b, uint32(v)), LittleEndian.AppendUint32(b, uint32(v)))

		want, got := make([]byte, 8), make([]byte, 8)
		binary.BigEndian.PutUint16(want, uint16(v))
		BigEndian.PutUint16(got, uint16(v))
		assert.Equal(t, want, got)
		binary.BigEndian.PutUint32(want, uint32(v))
		BigEndian.PutUint32(got, uint32(v))
		assert.Equal(t, want, got)
		binary.BigEndian.PutUint64(want, v)
		BigEndian.PutUint64(got, v)
		assert.Equal(t, want, got)
	}
}

func TestShortSlicesPanicLikeEncodingBinary(t *testing.T) {
	short := []byte{1, 2, 3}
	assert.Panics(t, func() { BigEndian.Uint32(short) })
	assert.Panics(t, func() { BigEndian.Uint64(short[:]) })
	assert.Panics(t, func() { LittleEndian.Uint32(short) })
	assert.Panics(t, func() { BigEndian.PutUint32(short, 1) })
	assert.NotPanics(t, func() { BigEndian.Uint16(short) })
}
