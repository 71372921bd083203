// Package byteorder reads and writes fixed-size unsigned integers in big-
// and little-endian order: the part of encoding/binary the engine uses,
// with the same names. encoding/binary imports reflect, which the
// WebAssembly build keeps out of its imports.
package byteorder

// ByteOrder is what a reader of either order needs.
type ByteOrder interface {
	Uint16(b []byte) uint16
	Uint32(b []byte) uint32
}

type bigEndian struct{}

// BigEndian is network byte order (RFC 1700).
var BigEndian bigEndian

func (bigEndian) Uint16(b []byte) uint16 {
	_ = b[1] // one bounds check
	return uint16(b[1]) | uint16(b[0])<<8
}

func (bigEndian) Uint32(b []byte) uint32 {
	_ = b[3]
	return uint32(b[3]) | uint32(b[2])<<8 | uint32(b[1])<<16 | uint32(b[0])<<24
}

func (bigEndian) Uint64(b []byte) uint64 {
	_ = b[7]
	return uint64(BigEndian.Uint32(b[4:])) | uint64(BigEndian.Uint32(b))<<32
}

func (bigEndian) PutUint16(b []byte, v uint16) {
	_ = b[1]
	b[0], b[1] = byte(v>>8), byte(v)
}

func (bigEndian) PutUint32(b []byte, v uint32) {
	_ = b[3]
	b[0], b[1], b[2], b[3] = byte(v>>24), byte(v>>16), byte(v>>8), byte(v)
}

func (bigEndian) PutUint64(b []byte, v uint64) {
	_ = b[7]
	BigEndian.PutUint32(b, uint32(v>>32))
	BigEndian.PutUint32(b[4:], uint32(v))
}

func (bigEndian) AppendUint16(b []byte, v uint16) []byte {
	return append(b, byte(v>>8), byte(v))
}

func (bigEndian) AppendUint32(b []byte, v uint32) []byte {
	return append(b, byte(v>>24), byte(v>>16), byte(v>>8), byte(v))
}

func (bigEndian) AppendUint64(b []byte, v uint64) []byte {
	return BigEndian.AppendUint32(BigEndian.AppendUint32(b, uint32(v>>32)), uint32(v))
}

type littleEndian struct{}

// LittleEndian is the order of, among others, pcap files written on x86.
var LittleEndian littleEndian

func (littleEndian) Uint16(b []byte) uint16 {
	_ = b[1]
	return uint16(b[0]) | uint16(b[1])<<8
}

func (littleEndian) Uint32(b []byte) uint32 {
	_ = b[3]
	return uint32(b[0]) | uint32(b[1])<<8 | uint32(b[2])<<16 | uint32(b[3])<<24
}

func (littleEndian) AppendUint16(b []byte, v uint16) []byte {
	return append(b, byte(v), byte(v>>8))
}

func (littleEndian) AppendUint32(b []byte, v uint32) []byte {
	return append(b, byte(v), byte(v>>8), byte(v>>16), byte(v>>24))
}
