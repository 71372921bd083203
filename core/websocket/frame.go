// Package websocket implements the WebSocket protocol (RFC 6455) as pure
// byte-level code: the opening handshake on top of core/httpmsg, frame
// encoding with caller-supplied mask keys, and an incremental decoder that
// reassembles messages and reports protocol errors with the close code to
// send.
package websocket

import (
	"strconv"
	"unicode/utf8"
)

// Opcode is a frame's type (RFC 6455 5.2).
type Opcode byte

const (
	OpContinuation Opcode = 0x0
	OpText         Opcode = 0x1
	OpBinary       Opcode = 0x2
	OpClose        Opcode = 0x8
	OpPing         Opcode = 0x9
	OpPong         Opcode = 0xA
)

// IsControl reports whether op is a control opcode (RFC 6455 5.5).
func (op Opcode) IsControl() bool { return op&0x8 != 0 }

func (op Opcode) known() bool {
	switch op {
	case OpContinuation, OpText, OpBinary, OpClose, OpPing, OpPong:
		return true
	}
	return false
}

func (op Opcode) String() string {
	switch op {
	case OpContinuation:
		return "continuation"
	case OpText:
		return "text"
	case OpBinary:
		return "binary"
	case OpClose:
		return "close"
	case OpPing:
		return "ping"
	case OpPong:
		return "pong"
	}
	return "opcode " + string("0123456789abcdef"[op&0xF])
}

// CloseCode is a close frame's status code (RFC 6455 7.4).
type CloseCode uint16

const (
	CloseNormal             CloseCode = 1000
	CloseGoingAway          CloseCode = 1001
	CloseProtocolError      CloseCode = 1002
	CloseUnsupportedData    CloseCode = 1003
	CloseNoStatus           CloseCode = 1005 // never sent: a close frame without a code
	CloseAbnormal           CloseCode = 1006 // never sent: the connection dropped without a close frame
	CloseInvalidPayload     CloseCode = 1007
	ClosePolicyViolation    CloseCode = 1008
	CloseTooBig             CloseCode = 1009
	CloseMandatoryExtension CloseCode = 1010
	CloseInternalError      CloseCode = 1011
)

// Sendable reports whether c may appear in a close frame: the codes RFC
// 6455 7.4.1 defines for sending, those IANA registered since (1012-1014),
// and the 3000-4999 range for libraries and applications (7.4.2).
func (c CloseCode) Sendable() bool {
	switch {
	case c >= 1000 && c <= 1003, c >= 1007 && c <= 1014:
		return true
	}
	return c >= 3000 && c <= 4999
}

// MaxControlPayload is the largest control frame payload (RFC 6455 5.5).
const MaxControlPayload = 125

// Frame is one WebSocket frame with its payload unmasked.
type Frame struct {
	Fin     bool
	Rsv     byte // RSV1-3 as the low three bits; no extension is negotiated, so 0
	Opcode  Opcode
	Masked  bool
	MaskKey [4]byte
	Payload []byte

	// Set by the decoder: stream offsets of the frame's first byte, of its
	// payload, and past its last byte.
	Start, PayloadStart, End int64
}

// CloseCode returns a close frame's status code, CloseNoStatus if it has none.
func (f *Frame) CloseCode() CloseCode {
	if f.Opcode != OpClose || len(f.Payload) < 2 {
		return CloseNoStatus
	}
	return CloseCode(f.Payload[0])<<8 | CloseCode(f.Payload[1])
}

// CloseReason returns a close frame's reason text.
func (f *Frame) CloseReason() string {
	if f.Opcode != OpClose || len(f.Payload) < 2 {
		return ""
	}
	return string(f.Payload[2:])
}

// Text returns a final unfragmented text frame.
func Text(s string) Frame { return Frame{Fin: true, Opcode: OpText, Payload: []byte(s)} }

// Binary returns a final unfragmented binary frame.
func Binary(b []byte) Frame { return Frame{Fin: true, Opcode: OpBinary, Payload: b} }

// Ping returns a ping frame carrying b (at most 125 bytes).
func Ping(b []byte) Frame { return Frame{Fin: true, Opcode: OpPing, Payload: b} }

// Pong returns a pong frame, normally echoing a ping's payload (RFC 6455 5.5.3).
func Pong(b []byte) Frame { return Frame{Fin: true, Opcode: OpPong, Payload: b} }

// Close returns a close frame with code and reason (RFC 6455 5.5.1);
// CloseNoStatus gives an empty payload.
func Close(code CloseCode, reason string) Frame {
	if code == CloseNoStatus {
		return Frame{Fin: true, Opcode: OpClose}
	}
	payload := append([]byte{byte(code >> 8), byte(code)}, reason...)
	return Frame{Fin: true, Opcode: OpClose, Payload: payload}
}

// WithMask returns f masked with key, as a client must send it (RFC 6455 5.3).
func (f Frame) WithMask(key [4]byte) Frame {
	f.Masked, f.MaskKey = true, key
	return f
}

// Fragment splits a text or binary message into frames of at most size
// payload bytes (RFC 6455 5.4). An empty message is one empty frame.
func Fragment(op Opcode, data []byte, size int) []Frame {
	if size <= 0 {
		size = len(data)
	}
	var frames []Frame
	for first := true; first || len(data) > 0; first = false {
		n := min(size, len(data))
		f := Frame{Opcode: OpContinuation, Payload: data[:n:n]}
		if first {
			f.Opcode = op
		}
		data = data[n:]
		f.Fin = len(data) == 0
		frames = append(frames, f)
	}
	return frames
}

// checkClosePayload applies RFC 6455 5.5.1 and 7.4 to a close payload.
func checkClosePayload(p []byte) (CloseCode, string, bool) {
	switch {
	case len(p) == 0:
		return 0, "", true
	case len(p) == 1:
		return CloseProtocolError, "close payload of 1 byte", false
	}
	code := CloseCode(p[0])<<8 | CloseCode(p[1])
	if !code.Sendable() {
		return CloseProtocolError, "close code " + strconv.Itoa(int(code)) + " may not be sent", false
	}
	if !utf8.Valid(p[2:]) {
		return CloseInvalidPayload, "close reason is not UTF-8", false
	}
	return 0, "", true
}
