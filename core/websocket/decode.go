package websocket

import (
	"strconv"
	"unicode/utf8"

	"github.com/sockplay/sockplay/core/internal/byteorder"
	"github.com/sockplay/sockplay/core/internal/text"
)

// Role is the side that sent the frames a Decoder reads.
type Role int

const (
	Client Role = iota + 1 // client frames must be masked (RFC 6455 5.1)
	Server                 // server frames must not be
)

// DefaultMaxMessageBytes bounds a reassembled message; beyond it the
// decoder fails with close code 1009.
const DefaultMaxMessageBytes = 1 << 20

// ProtocolError is a violation of RFC 6455; Code is the close code the
// receiving endpoint sends before failing the connection (RFC 6455 7.1.7).
type ProtocolError struct {
	Code   CloseCode
	Reason string
	Offset int64 // stream offset of the frame (or payload byte) at fault
}

func (e *ProtocolError) Error() string {
	return "websocket: " + e.Reason + " (close " + strconv.FormatUint(uint64(e.Code), 10) + ", at byte " + strconv.FormatInt(e.Offset, 10) + ")"
}

// Message is a complete text or binary message, fragments joined.
type Message struct {
	Opcode     Opcode // OpText or OpBinary
	Data       []byte
	Frames     int   // how many frames carried it
	Start, End int64 // stream offsets of its first frame and past its last
}

// Decoder reads one direction of a WebSocket connection incrementally:
// Feed it bytes split anywhere and it returns the same frames and messages.
type Decoder struct {
	sender     Role
	maxMessage int

	buf []byte
	off int64 // stream offset of buf[0]

	head       Frame // header of the frame being received, once headDone
	headDone   bool
	payloadLen int

	// The fragmented message in progress (RFC 6455 5.4).
	fragmenting bool
	msg         Message

	closed bool // a close frame arrived: nothing may follow (RFC 6455 5.5.1)
	err    *ProtocolError
}

// NewDecoder returns a decoder for frames sent by sender; maxMessageBytes
// <= 0 means DefaultMaxMessageBytes.
func NewDecoder(sender Role, maxMessageBytes int) *Decoder {
	if maxMessageBytes <= 0 {
		maxMessageBytes = DefaultMaxMessageBytes
	}
	return &Decoder{sender: sender, maxMessage: maxMessageBytes}
}

// Feed decodes b, which continues the stream. It returns every complete
// frame (control frames included) and every completed message. A protocol
// error sticks.
func (d *Decoder) Feed(b []byte) ([]Frame, []Message, error) {
	if d.err != nil {
		return nil, nil, d.err
	}
	d.buf = append(d.buf, b...)
	var frames []Frame
	var msgs []Message
	for d.err == nil {
		if !d.headDone && !d.readHeader() {
			break
		}
		if d.err != nil || len(d.buf) < d.payloadLen {
			break
		}
		f := d.takeFrame()
		if d.err != nil {
			break
		}
		frames = append(frames, f)
		if m, ok := d.addToMessage(f); ok {
			msgs = append(msgs, m)
		}
	}
	if d.err != nil {
		return frames, msgs, d.err
	}
	return frames, msgs, nil
}

// Closed reports whether a close frame has been received.
func (d *Decoder) Closed() bool { return d.closed }

func (d *Decoder) fail(code CloseCode, offset int64, reason string) {
	d.err = &ProtocolError{Code: code, Reason: reason, Offset: offset}
}

// readHeader parses the frame header once all of it is buffered (RFC 6455
// 5.2) and checks it; it reports whether the header is done.
func (d *Decoder) readHeader() bool {
	if len(d.buf) < 2 {
		return false
	}
	b0, b1 := d.buf[0], d.buf[1]
	need := 2
	switch b1 & 0x7F {
	case 126:
		need += 2
	case 127:
		need += 8
	}
	if b1&0x80 != 0 {
		need += 4
	}
	if len(d.buf) < need {
		return false
	}
	f := Frame{Fin: b0&0x80 != 0, Rsv: b0 >> 4 & 7, Opcode: Opcode(b0 & 0xF), Masked: b1&0x80 != 0, Start: d.off}
	length := uint64(b1 & 0x7F)
	minimal := true
	switch length {
	case 126:
		length = uint64(byteorder.BigEndian.Uint16(d.buf[2:]))
		minimal = length > 125
	case 127:
		length = byteorder.BigEndian.Uint64(d.buf[2:])
		minimal = length > 0xFFFF
	}
	if f.Masked {
		copy(f.MaskKey[:], d.buf[need-4:need])
	}
	if !d.checkHeader(f, length, minimal) {
		return false
	}
	f.PayloadStart = d.off + int64(need)
	d.head, d.headDone, d.payloadLen = f, true, int(length)
	d.consume(need)
	return true
}

func (d *Decoder) checkHeader(f Frame, length uint64, minimal bool) bool {
	at := f.Start
	switch {
	case d.closed:
		d.fail(CloseProtocolError, at, f.Opcode.String()+" frame after close")
	case f.Rsv != 0:
		d.fail(CloseProtocolError, at, "RSV bits "+text.BinPad(uint64(f.Rsv), 3)+" set without an extension")
	case !f.Opcode.known():
		d.fail(CloseProtocolError, at, "unknown "+f.Opcode.String())
	case d.sender == Client && !f.Masked:
		d.fail(CloseProtocolError, at, "client frame not masked")
	case d.sender == Server && f.Masked:
		d.fail(CloseProtocolError, at, "server frame masked")
	case f.Opcode.IsControl() && !f.Fin:
		d.fail(CloseProtocolError, at, "fragmented "+f.Opcode.String()+" frame")
	case length>>63 != 0:
		d.fail(CloseProtocolError, at, "64-bit length with its top bit set")
	case !minimal:
		d.fail(CloseProtocolError, at, "length "+strconv.FormatUint(length, 10)+" not in its shortest encoding")
	case f.Opcode.IsControl() && length > MaxControlPayload:
		d.fail(CloseProtocolError, at, f.Opcode.String()+" payload of "+strconv.FormatUint(length, 10)+" bytes is over "+strconv.Itoa(MaxControlPayload))
	case f.Opcode == OpContinuation && !d.fragmenting:
		d.fail(CloseProtocolError, at, "continuation frame without a message to continue")
	case (f.Opcode == OpText || f.Opcode == OpBinary) && d.fragmenting:
		d.fail(CloseProtocolError, at, "new "+f.Opcode.String()+" message before the fragmented one ended")
	case !f.Opcode.IsControl() && length > uint64(d.maxMessage-len(d.msg.Data)):
		d.fail(CloseTooBig, at, "message over "+strconv.Itoa(d.maxMessage)+" bytes")
	}
	return d.err == nil
}

func (d *Decoder) consume(n int) {
	d.off += int64(n)
	d.buf = d.buf[n:]
	if len(d.buf) == 0 {
		d.buf = nil
	}
}

// takeFrame completes the frame whose payload is buffered.
func (d *Decoder) takeFrame() Frame {
	f := d.head
	f.Payload = append([]byte(nil), d.buf[:d.payloadLen]...)
	if f.Masked {
		maskBytes(f.Payload, f.MaskKey, 0)
	}
	d.consume(d.payloadLen)
	f.End = d.off
	d.headDone = false
	if f.Opcode == OpClose {
		if code, reason, ok := checkClosePayload(f.Payload); !ok {
			d.fail(code, f.PayloadStart, reason)
			return f
		}
		d.closed = true
	}
	return f
}

// addToMessage joins a data frame to the message in progress and returns
// the message when f ends it.
func (d *Decoder) addToMessage(f Frame) (Message, bool) {
	if f.Opcode.IsControl() {
		return Message{}, false
	}
	if f.Opcode != OpContinuation {
		d.msg = Message{Opcode: f.Opcode, Start: f.Start}
	}
	d.msg.Data = append(d.msg.Data, f.Payload...)
	d.msg.Frames++
	d.msg.End = f.End
	d.fragmenting = !f.Fin
	if !f.Fin {
		return Message{}, false
	}
	m := d.msg
	d.msg = Message{}
	if m.Opcode == OpText && !utf8.Valid(m.Data) {
		// RFC 6455 8.1: text must be UTF-8; failing closes with 1007.
		d.fail(CloseInvalidPayload, m.Start, "text message is not UTF-8")
		return Message{}, false
	}
	return m, true
}

// Progress describes the frame being received, for segment labels.
type Progress struct {
	InFrame       bool // some of its bytes arrived
	HeaderDone    bool // Frame holds its header (no payload)
	Frame         Frame
	PayloadRead   int // payload bytes received so far
	PayloadLength int // its declared payload length
	Buffered      int // bytes received but not yet part of a frame
	// MessageBytes counts the data of a fragmented message in progress.
	Fragmenting  bool
	MessageBytes int
}

// Progress reports on the frame in flight.
func (d *Decoder) Progress() Progress {
	p := Progress{
		InFrame:      len(d.buf) > 0 || d.headDone,
		HeaderDone:   d.headDone,
		Buffered:     len(d.buf),
		Fragmenting:  d.fragmenting,
		MessageBytes: len(d.msg.Data),
	}
	if d.headDone {
		p.Frame, p.PayloadLength = d.head, d.payloadLen
		p.PayloadRead = min(len(d.buf), d.payloadLen)
	}
	return p
}
