package main

import (
	"bytes"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// module builds a module with a custom section, a data section holding
// segs, and a trailing custom section.
func module(segs []segment) []byte {
	m := append([]byte(nil), header...)
	custom := append(appendU32(nil, 4), "name"...)
	m = append(m, 0)
	m = appendU32(m, uint32(len(custom)))
	m = append(m, custom...)
	data := appendSegments(nil, segs)
	m = append(m, sectionData)
	m = appendU32(m, uint32(len(data)))
	m = append(m, data...)
	m = append(m, 0)
	m = appendU32(m, uint32(len(custom)))
	return append(m, custom...)
}

// memory is what a module's data segments write into zeroed memory, and
// the module without its data section.
func memory(t *testing.T, m []byte) (image, rest []byte) {
	t.Helper()
	r := reader{b: m[headerLen:]}
	for len(r.b) > 0 {
		id := r.byte()
		contents := r.bytes(r.u32())
		require.NoError(t, r.err)
		if id != sectionData {
			rest = append(append(rest, id), contents...)
			continue
		}
		segs, err := readSegments(contents)
		require.NoError(t, err)
		for _, s := range segs {
			if end := int(s.offset) + len(s.data); end > len(image) {
				image = append(image, make([]byte, end-len(image))...)
			}
			copy(image[s.offset:], s.data)
		}
	}
	return bytes.TrimRight(image, "\x00"), rest
}

func TestPackMergesAcrossShortGaps(t *testing.T) {
	segs := []segment{
		{100, []byte{1, 2, 3}},
		{20000, []byte{9}},           // far: stays apart
		{110, []byte{4}},             // out of order, 7 zeros after the first
		{111 + maxGap, []byte{5, 6}}, // a gap of exactly maxGap: stays apart
	}
	in := module(segs)
	out, err := pack(in)
	require.NoError(t, err)
	wantImage, wantRest := memory(t, in)
	image, rest := memory(t, out)
	assert.Equal(t, wantImage, image)
	assert.Equal(t, wantRest, rest, "other sections unchanged")

	got, err := readSegments(dataSection(t, out))
	require.NoError(t, err)
	assert.Equal(t, []segment{
		{100, []byte{1, 2, 3, 0, 0, 0, 0, 0, 0, 0, 4}},
		{111 + maxGap, []byte{5, 6}},
		{20000, []byte{9}},
	}, got)
}

func dataSection(t *testing.T, m []byte) []byte {
	r := reader{b: m[headerLen:]}
	for len(r.b) > 0 {
		id := r.byte()
		contents := r.bytes(r.u32())
		require.NoError(t, r.err)
		if id == sectionData {
			return contents
		}
	}
	t.Fatal("no data section")
	return nil
}

func TestPackKeepsTheMemoryOfRandomModules(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for range 200 {
		var segs []segment
		at := uint32(rng.IntN(1 << 20))
		for range rng.IntN(50) {
			data := make([]byte, 1+rng.IntN(40))
			for i := range data {
				data[i] = byte(rng.IntN(3)) // zeros inside segments too
			}
			segs = append(segs, segment{at, data})
			at += uint32(len(data) + rng.IntN(2*maxGap))
		}
		rng.Shuffle(len(segs), func(i, j int) { segs[i], segs[j] = segs[j], segs[i] })
		in := module(segs)
		out, err := pack(in)
		require.NoError(t, err)
		wantImage, wantRest := memory(t, in)
		image, rest := memory(t, out)
		require.Equal(t, wantImage, image)
		require.Equal(t, wantRest, rest)
	}
}

func TestPackRefusesWhatItDoesNotUnderstand(t *testing.T) {
	overlapping := module([]segment{{10, []byte{1, 2, 3}}, {11, []byte{4}}})
	passive := append([]byte(nil), header...)
	passive = append(passive, sectionData, 4, 1, 1, 1, 7) // one passive segment
	dataCount := append(append([]byte(nil), header...), sectionDataCount, 1, 0)
	for name, m := range map[string][]byte{
		"overlapping segments": overlapping,
		"passive segment":      passive,
		"data count section":   dataCount,
		"not wasm":             []byte("#!/bin/sh\n"),
		"truncated section":    module([]segment{{1, []byte{1}}})[:12],
		"bad offset":           append(append([]byte(nil), header...), sectionData, 4, 1, 0, 0x42, 0x0b),
	} {
		_, err := pack(m)
		assert.ErrorIs(t, err, errNotPackable, name)
	}
}

func TestLEB128RoundTrips(t *testing.T) {
	for _, v := range []uint32{0, 1, 63, 64, 127, 128, 1 << 20, 1<<32 - 1} {
		r := reader{b: appendU32(nil, v)}
		assert.Equal(t, v, r.u32())
		assert.NoError(t, r.err)
	}
	for _, v := range []int32{0, 1, -1, 63, 64, -64, -65, 1 << 30, -1 << 31, 1<<31 - 1} {
		r := reader{b: appendI32(nil, v)}
		assert.Equal(t, v, r.i32())
		assert.NoError(t, r.err)
		assert.Empty(t, r.b)
	}
	r := reader{b: []byte{0x80, 0x80, 0x80, 0x80, 0x80, 0x01}}
	r.u32()
	assert.Error(t, r.err, "too long")
}

func FuzzPack(f *testing.F) {
	f.Add(module([]segment{{100, []byte{1, 2}}, {104, []byte{3}}, {9000, []byte{4}}}))
	f.Add(module(nil))
	f.Add(append([]byte(nil), header...))
	f.Fuzz(func(t *testing.T, m []byte) {
		out, err := pack(m)
		if err != nil {
			return
		}
		again, err := pack(out)
		require.NoError(t, err, "packed output packs again")
		require.Equal(t, out, again, "packing is idempotent")
		if len(m) < 1<<16 {
			wantImage, wantRest := memoryBounded(m)
			image, rest := memoryBounded(out)
			require.Equal(t, wantImage, image)
			require.Equal(t, wantRest, rest)
		}
	})
}

// memoryBounded is memory for fuzzed modules, whose segments may sit
// anywhere in 4 GiB: it keeps (offset, byte) pairs of non-zero bytes.
func memoryBounded(m []byte) (map[uint64]byte, []byte) {
	image := map[uint64]byte{}
	var rest []byte
	r := reader{b: m[headerLen:]}
	for len(r.b) > 0 {
		id := r.byte()
		contents := r.bytes(r.u32())
		if id != sectionData {
			rest = append(append(rest, id), contents...)
			continue
		}
		segs, _ := readSegments(contents)
		for _, s := range segs {
			for i, c := range s.data {
				if c != 0 {
					image[uint64(s.offset)+uint64(i)] = c
				} else {
					delete(image, uint64(s.offset)+uint64(i))
				}
			}
		}
	}
	return image, rest
}
