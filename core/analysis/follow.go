package analysis

import "github.com/sockplay/sockplay/core/wire"

// Chunk is a run of a connection's bytes, in the order a reader of the
// capture reassembles them: each segment's bytes not seen before, once
// the bytes before them are.
type Chunk struct {
	Frame   int    // the segment that carried them
	Reverse bool   // sent from B to A
	Offset  uint64 // the first byte's position in its direction's stream, from 0
	Data    []byte
}

// Follow reassembles conversation ci's two byte streams as Wireshark's
// "Follow TCP Stream" does, from every segment on the wire in the order
// it left: a segment ahead of the stream waits until the bytes before it
// come, a resent byte shows once. A UDP flow's chunks are its datagrams.
func (a *Analysis) Follow(ci int) []Chunk {
	if ci < 0 || ci >= len(a.Conversations) {
		return nil
	}
	var out []Chunk
	var next [2]uint64
	var started [2]bool
	var waiting [2][]Chunk // segments ahead of the stream, as they came
	for i := range a.Packets {
		p := &a.Packets[i]
		if p.Conv != ci {
			continue
		}
		if p.UDP != nil {
			if len(p.UDP.Payload) > 0 {
				out = append(out, Chunk{Frame: p.Frame, Reverse: p.Reverse, Data: p.UDP.Payload})
			}
			continue
		}
		if p.TCP == nil {
			continue
		}
		d := dirIndex(p)
		lo := a.dataOffset(p)
		if !started[d] {
			next[d], started[d] = lo, true
		}
		if len(p.TCP.Payload) == 0 {
			continue
		}
		seg := Chunk{Frame: p.Frame, Reverse: p.Reverse, Offset: lo, Data: p.TCP.Payload}
		if lo > next[d] {
			waiting[d] = append(waiting[d], seg)
			continue
		}
		out = emit(out, seg, &next[d])
		for progressed := true; progressed; { // the segments waiting may now fit
			progressed = false
			for j, w := range waiting[d] {
				if w.Offset <= next[d] {
					out = emit(out, w, &next[d])
					waiting[d] = append(waiting[d][:j], waiting[d][j+1:]...)
					progressed = true
					break
				}
			}
		}
	}
	return out
}

// emit appends the bytes of seg from *next on, if any, and moves *next.
func emit(out []Chunk, seg Chunk, next *uint64) []Chunk {
	end := seg.Offset + uint64(len(seg.Data))
	if end <= *next {
		return out
	}
	skip := *next - seg.Offset
	seg.Data, seg.Offset = seg.Data[skip:], *next
	*next = end
	return append(out, seg)
}

// dataOffset is the position of p's first data byte in its direction's
// stream: the SYN's sequence number is not a byte of it.
func (a *Analysis) dataOffset(p *Packet) uint64 {
	c := &a.Conversations[p.Conv]
	d := dirIndex(p)
	off := uint64(p.TCP.Seq - c.isn[d])
	if p.TCP.Flags&wire.SYN != 0 {
		off++
	}
	if c.isnSYN[d] {
		off--
	}
	return off
}
