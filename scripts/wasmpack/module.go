package main

import (
	"errors"
	"slices"
)

// A WebAssembly module's binary layout (WebAssembly Core Specification
// 2.0, chapter 5): the header, then sections of id, size and contents.
const (
	sectionData      = 11
	sectionDataCount = 12
	headerLen        = 8
)

var header = []byte{0x00, 'a', 's', 'm', 0x01, 0x00, 0x00, 0x00}

// segment is an active data segment of memory 0: bytes copied to offset
// when the module is instantiated (spec 5.5.14, form 0).
type segment struct {
	offset uint32
	data   []byte
}

var errNotPackable = errors.New("not a module whose data this tool can pack")

// reader reads the binary format's integers, failing softly: every read
// past the end or of a malformed number sets err and returns zero.
type reader struct {
	b   []byte
	err error
}

func (r *reader) fail() { r.err, r.b = errNotPackable, nil }

func (r *reader) byte() byte {
	if len(r.b) == 0 {
		r.fail()
		return 0
	}
	c := r.b[0]
	r.b = r.b[1:]
	return c
}

func (r *reader) bytes(n uint32) []byte {
	if uint64(n) > uint64(len(r.b)) {
		r.fail()
		return nil
	}
	out := r.b[:n]
	r.b = r.b[n:]
	return out
}

// u32 reads an unsigned LEB128 u32 (spec 5.2.2).
func (r *reader) u32() uint32 {
	var v uint64
	for shift := 0; shift < 35; shift += 7 {
		c := r.byte()
		v |= uint64(c&0x7f) << shift
		if c&0x80 == 0 {
			if v > 0xffffffff {
				r.fail()
				return 0
			}
			return uint32(v)
		}
	}
	r.fail()
	return 0
}

// i32 reads a signed LEB128 i32 (spec 5.2.2).
func (r *reader) i32() int32 {
	var v int64
	shift := 0
	for shift < 35 {
		c := r.byte()
		v |= int64(c&0x7f) << shift
		shift += 7
		if c&0x80 == 0 {
			if shift < 64 && c&0x40 != 0 {
				v |= -1 << shift
			}
			if v < -1<<31 || v > 1<<31-1 {
				r.fail()
				return 0
			}
			return int32(v)
		}
	}
	r.fail()
	return 0
}

func appendU32(b []byte, v uint32) []byte {
	for v >= 0x80 {
		b = append(b, byte(v)|0x80)
		v >>= 7
	}
	return append(b, byte(v))
}

func appendI32(b []byte, v int32) []byte {
	for {
		c := byte(v & 0x7f)
		v >>= 7
		if v == 0 && c&0x40 == 0 || v == -1 && c&0x40 != 0 {
			return append(b, c)
		}
		b = append(b, c|0x80)
	}
}

// readSegments decodes a data section's contents. Only active segments
// of memory 0 placed by a constant (what Go's linker writes) are
// understood; anything else is errNotPackable.
func readSegments(contents []byte) ([]segment, error) {
	r := reader{b: contents}
	n := r.u32()
	var segs []segment
	for i := uint32(0); i < n && r.err == nil; i++ {
		if r.u32() != 0 || r.byte() != 0x41 { // form 0, i32.const
			r.fail()
			break
		}
		offset := uint32(r.i32())
		if r.byte() != 0x0b { // end
			r.fail()
			break
		}
		data := r.bytes(r.u32())
		if r.err == nil && uint64(offset)+uint64(len(data)) > 1<<32 {
			r.fail()
		}
		segs = append(segs, segment{offset, data})
	}
	if r.err != nil || len(r.b) != 0 {
		return nil, errNotPackable
	}
	return segs, nil
}

func appendSegments(b []byte, segs []segment) []byte {
	b = appendU32(b, uint32(len(segs)))
	for _, s := range segs {
		b = append(b, 0x00, 0x41)
		b = appendI32(b, int32(s.offset))
		b = append(b, 0x0b)
		b = appendU32(b, uint32(len(s.data)))
		b = append(b, s.data...)
	}
	return b
}

// merge joins segments separated by fewer than maxGap zero bytes, filling
// the gaps with zeros: the memory they initialise is the same. Segments
// that overlap (where order would matter) are errNotPackable.
func merge(segs []segment, maxGap uint32) ([]segment, error) {
	segs = slices.Clone(segs)
	slices.SortStableFunc(segs, func(a, b segment) int {
		switch {
		case a.offset < b.offset:
			return -1
		case a.offset > b.offset:
			return 1
		}
		return 0
	})
	var out []segment
	for _, s := range segs {
		if len(out) > 0 {
			last := &out[len(out)-1]
			end := uint64(last.offset) + uint64(len(last.data))
			if uint64(s.offset) < end {
				return nil, errNotPackable
			}
			if gap := uint64(s.offset) - end; gap < uint64(maxGap) {
				last.data = append(last.data, make([]byte, gap)...)
				last.data = append(last.data, s.data...)
				continue
			}
		}
		// A copy: appending to data in place would write over the input.
		out = append(out, segment{s.offset, slices.Clone(s.data)})
	}
	return out, nil
}
