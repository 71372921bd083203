package websocket

import (
	"strconv"
	"unicode/utf8"
)

// labelTextRunes is how much of a text payload a label shows.
const labelTextRunes = 32

// Label describes f for a wire label: `WS text "tick 3"`, `WS binary 5
// bytes`, `WS ping`, `WS close 1000 "bye"`. Fragments say so.
func (f *Frame) Label() string {
	s := "WS " + f.Opcode.String()
	switch f.Opcode {
	case OpClose:
		if code := f.CloseCode(); code != CloseNoStatus {
			s += " " + strconv.Itoa(int(code))
		}
		if reason := f.CloseReason(); reason != "" {
			s += " " + quoteShort(reason)
		}
	case OpPing, OpPong:
		if len(f.Payload) > 0 {
			s += " " + payloadText(f.Payload)
		}
	case OpText, OpContinuation:
		s += " " + payloadText(f.Payload)
	default:
		s += " " + strconv.Itoa(len(f.Payload)) + " bytes"
	}
	switch {
	case !f.Fin:
		s += " (fragment)"
	case f.Opcode == OpContinuation:
		s += " (final fragment)"
	}
	return s
}

// Label describes a frame still arriving: `WS text (100/300 bytes)`.
func (p Progress) Label() string {
	if !p.HeaderDone {
		return "WS (partial frame header)"
	}
	return "WS " + p.Frame.Opcode.String() + " (" + strconv.Itoa(p.PayloadRead) + "/" + strconv.Itoa(p.PayloadLength) + " bytes)"
}

// payloadText quotes UTF-8 payloads and counts the bytes of others.
func payloadText(b []byte) string {
	if !utf8.Valid(b) {
		return strconv.Itoa(len(b)) + " bytes"
	}
	return quoteShort(string(b))
}

func quoteShort(s string) string {
	if utf8.RuneCountInString(s) <= labelTextRunes {
		return strconv.Quote(s)
	}
	runes := []rune(s)
	return strconv.Quote(string(runes[:labelTextRunes])) + "…"
}
