package httpapp

import (
	"strconv"
	"strings"

	"github.com/sockplay/sockplay/core/httpmsg"
	"github.com/sockplay/sockplay/core/websocket"
)

// item is one HTTP message or WebSocket frame of a stream, complete or in
// progress, by the stream range it occupies.
type item struct {
	start, end int64
	name       string // start line, or the frame's label
	complete   bool
	partial    bool // only its first bytes are known: name says all there is

	// HTTP messages.
	isHTTP   bool
	headDone bool
	parts    []httpmsg.Part
	framing  httpmsg.Framing
	length   int64 // Content-Length, -1 when not declared

	// WebSocket frames.
	opcode       websocket.Opcode
	payloadStart int64
	payloadLen   int64
}

func httpItem(m *httpmsg.Message, complete bool) item {
	return item{start: m.Start, end: m.End, name: m.StartLine(), complete: complete, isHTTP: true, headDone: complete,
		parts: m.Parts, framing: m.Framing, length: m.ContentLength}
}

// wsItem is a frame whose decoder offsets start at base in the stream.
func wsItem(f *websocket.Frame, base int64) item {
	return item{start: f.Start + base, end: f.End + base, name: f.Label(), complete: true, opcode: f.Opcode,
		payloadStart: f.PayloadStart + base, payloadLen: int64(len(f.Payload))}
}

// describe tells what of the item the segment [a, b) carries: its name
// when the segment holds all of a complete item, else the name with how
// far it has got, e.g. "HTTP/1.1 200 OK (2896/1048576 bytes of body)".
func (it item) describe(a, b int64) string {
	switch {
	case it.partial:
		return it.name
	case it.complete && a <= it.start && it.end <= b:
		return it.name
	case !it.isHTTP:
		got := min(max(b-it.payloadStart, 0), it.payloadLen)
		return "WS " + it.opcode.String() + " (" + strconv.FormatInt(got, 10) + "/" + strconv.FormatInt(it.payloadLen, 10) + " bytes)"
	case !it.headDone:
		return it.name + " (partial head)"
	}
	var details []string
	headEnd := it.start
	if len(it.parts) > 0 && it.parts[0].Kind == httpmsg.PartHead {
		headEnd = it.parts[0].End
	}
	carriesBody := b > headEnd && (it.end > headEnd || !it.complete)
	switch {
	case b < headEnd:
		details = append(details, "partial head")
	case a > it.start && a < headEnd:
		details = append(details, "end of head")
	case a <= it.start && !carriesBody:
		details = append(details, "head")
	}
	if carriesBody {
		details = append(details, it.bodyDetail(a, b, headEnd)...)
	}
	if len(details) == 0 {
		return it.name
	}
	return it.name + " (" + strings.Join(details, ", ") + ")"
}

// bodyDetail: how much of a length-framed body the segment brings the
// receiver to, or which chunks it carries.
func (it item) bodyDetail(a, b, headEnd int64) []string {
	switch it.framing {
	case httpmsg.LengthBody, httpmsg.UntilCloseBody:
		total := it.length
		if it.framing == httpmsg.UntilCloseBody && it.complete {
			total = it.end - headEnd
		}
		got := b - headEnd
		if total >= 0 {
			got = min(got, total)
			return []string{strconv.FormatInt(got, 10) + "/" + strconv.FormatInt(total, 10) + " bytes of body"}
		}
		if !it.complete {
			got = min(got, it.end-headEnd)
		}
		return []string{strconv.FormatInt(got, 10) + " bytes of body so far"}
	case httpmsg.ChunkedBody:
		return chunkDetail(it.parts, a, b)
	}
	return nil
}

// chunkDetail names the chunks of a chunked body that overlap [a, b):
// "chunk 2", "chunks 2-4", "last chunk".
func chunkDetail(parts []httpmsg.Part, a, b int64) []string {
	first, last, n := 0, 0, 0
	end := false
	for _, p := range parts {
		overlaps := p.Start < b && p.End > a
		switch p.Kind {
		case httpmsg.PartChunkSize:
			n++
			if overlaps && first == 0 {
				first = n
			}
			if overlaps {
				last = n
			}
		case httpmsg.PartChunkData, httpmsg.PartChunkEnd:
			if overlaps {
				if first == 0 {
					first = n
				}
				last = n
			}
		case httpmsg.PartLastChunk, httpmsg.PartTrailer:
			end = end || overlaps
		}
	}
	var out []string
	switch {
	case first == 0:
	case first == last:
		out = append(out, "chunk "+strconv.Itoa(first))
	default:
		out = append(out, "chunks "+strconv.Itoa(first)+"-"+strconv.Itoa(last))
	}
	if end {
		out = append(out, "last chunk")
	}
	return out
}
