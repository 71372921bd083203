package main

import "bytes"

// maxGap is the longest run of zeros between two data segments that pack
// fills in. Go's linker starts a new segment at any 8 zero bytes, and
// runtime.findfunctab, mostly zeros, becomes tens of thousands of segments
// whose headers gzip poorly; zeros gzip to almost nothing.
const maxGap = 4096

// pack returns module with its data segments merged across short gaps of
// zeros. Everything else, and the memory the module starts with, stay the
// same. A module this tool does not fully understand is an error, never
// a guess.
func pack(module []byte) ([]byte, error) {
	if !bytes.HasPrefix(module, header) {
		return nil, errNotPackable
	}
	out := append([]byte(nil), module[:headerLen]...)
	r := reader{b: module[headerLen:]}
	for len(r.b) > 0 && r.err == nil {
		id := r.byte()
		contents := r.bytes(r.u32())
		if r.err != nil {
			break
		}
		switch id {
		case sectionDataCount:
			// Code may name segments by index (memory.init, data.drop).
			return nil, errNotPackable
		case sectionData:
			segs, err := readSegments(contents)
			if err != nil {
				return nil, err
			}
			if segs, err = merge(segs, maxGap); err != nil {
				return nil, err
			}
			contents = appendSegments(nil, segs)
		}
		out = append(out, id)
		out = appendU32(out, uint32(len(contents)))
		out = append(out, contents...)
	}
	if r.err != nil {
		return nil, r.err
	}
	return out, nil
}
