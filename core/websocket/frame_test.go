package websocket

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// rfcMask is the mask key of the examples in RFC 6455 5.7.
var rfcMask = [4]byte{0x37, 0xfa, 0x21, 0x3d}

func bin(parts ...[]byte) []byte { return bytes.Join(parts, nil) }

// rfcExamples are RFC 6455 5.7's frames with what encodes to them.
var rfcExamples = []struct {
	name   string
	sender Role
	frames []Frame
	wire   []byte
}{
	{"unmasked text", Server, []Frame{Text("Hello")}, []byte{0x81, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f}},
	{"masked text", Client, []Frame{Text("Hello").WithMask(rfcMask)},
		[]byte{0x81, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58}},
	{"fragmented text", Server, Fragment(OpText, []byte("Hello"), 3),
		[]byte{0x01, 0x03, 0x48, 0x65, 0x6c, 0x80, 0x02, 0x6c, 0x6f}},
	{"unmasked ping", Server, []Frame{Ping([]byte("Hello"))}, []byte{0x89, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f}},
	{"masked pong", Client, []Frame{Pong([]byte("Hello")).WithMask(rfcMask)},
		[]byte{0x8a, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58}},
	{"256-byte binary", Server, []Frame{Binary(bytes.Repeat([]byte{0xAB}, 256))},
		bin([]byte{0x82, 0x7E, 0x01, 0x00}, bytes.Repeat([]byte{0xAB}, 256))},
	{"64KiB binary", Server, []Frame{Binary(bytes.Repeat([]byte{0xCD}, 65536))},
		bin([]byte{0x82, 0x7F, 0, 0, 0, 0, 0, 1, 0, 0}, bytes.Repeat([]byte{0xCD}, 65536))},
}

func encodeAll(t *testing.T, frames []Frame) []byte {
	t.Helper()
	var out []byte
	for _, f := range frames {
		var err error
		out, err = AppendFrame(out, f)
		require.NoError(t, err)
	}
	return out
}

func TestRFCExamplesEncode(t *testing.T) {
	for _, ex := range rfcExamples {
		assert.Equal(t, ex.wire, encodeAll(t, ex.frames), ex.name)
	}
}

func TestRFCExamplesDecode(t *testing.T) {
	for _, ex := range rfcExamples {
		t.Run(ex.name, func(t *testing.T) {
			frames, msgs, err := NewDecoder(ex.sender, 0).Feed(ex.wire)
			require.NoError(t, err)
			require.Len(t, frames, len(ex.frames))
			for i, f := range frames {
				assert.Equal(t, ex.frames[i].Opcode, f.Opcode)
				assert.Equal(t, ex.frames[i].Fin, f.Fin)
				assert.Equal(t, ex.frames[i].Masked, f.Masked)
				assert.Equal(t, ex.frames[i].MaskKey, f.MaskKey)
				assert.Equal(t, ex.frames[i].Payload, f.Payload)
			}
			assert.Equal(t, int64(len(ex.wire)), frames[len(frames)-1].End)
			if !ex.frames[0].Opcode.IsControl() {
				require.Len(t, msgs, 1)
				var want []byte
				for _, f := range ex.frames {
					want = append(want, f.Payload...)
				}
				assert.Equal(t, want, msgs[0].Data)
				assert.Equal(t, len(ex.frames), msgs[0].Frames)
			}
		})
	}
}

func TestFrameOffsetsAndInterleavedControl(t *testing.T) {
	frames := Fragment(OpText, []byte("abcdef"), 3)
	wire := encodeAll(t, []Frame{frames[0], Ping(nil), frames[1], Close(CloseNormal, "bye")})
	got, msgs, err := NewDecoder(Server, 0).Feed(wire)
	require.NoError(t, err)
	require.Len(t, got, 4)
	assert.Equal(t, []int64{0, 2, 5}, []int64{got[0].Start, got[0].PayloadStart, got[0].End})
	assert.Equal(t, []int64{5, 7, 7}, []int64{got[1].Start, got[1].PayloadStart, got[1].End})
	assert.Equal(t, []int64{7, 9, 12}, []int64{got[2].Start, got[2].PayloadStart, got[2].End})
	require.Len(t, msgs, 1)
	assert.Equal(t, Message{Opcode: OpText, Data: []byte("abcdef"), Frames: 2, Start: 0, End: 12}, msgs[0])
	assert.Equal(t, CloseNormal, got[3].CloseCode())
	assert.Equal(t, "bye", got[3].CloseReason())
}

func TestDecodeErrors(t *testing.T) {
	masked := func(f Frame) Frame { return f.WithMask([4]byte{1, 2, 3, 4}) }
	raw := func(b ...byte) []byte { return b }
	cases := []struct {
		name   string
		sender Role
		max    int
		wire   []byte
		code   CloseCode
		reason string
	}{
		{"RSV1", Server, 0, raw(0xC1, 0x00), CloseProtocolError, "RSV"},
		{"RSV3", Server, 0, raw(0x91, 0x00), CloseProtocolError, "RSV"},
		{"opcode 3", Server, 0, raw(0x83, 0x00), CloseProtocolError, "unknown"},
		{"opcode 0xB", Server, 0, raw(0x8B, 0x00), CloseProtocolError, "unknown"},
		{"client unmasked", Client, 0, raw(0x81, 0x00), CloseProtocolError, "not masked"},
		{"server masked", Server, 0, raw(0x81, 0x80, 1, 2, 3, 4), CloseProtocolError, "server frame masked"},
		{"fragmented ping", Server, 0, raw(0x09, 0x00), CloseProtocolError, "fragmented ping"},
		{"long ping", Server, 0, bin(raw(0x89, 0x7E, 0x00, 0x7E), make([]byte, 126)), CloseProtocolError, "over 125"},
		{"top bit of 64-bit length", Server, 0, raw(0x82, 0x7F, 0x80, 0, 0, 0, 0, 0, 0, 0), CloseProtocolError, "top bit"},
		{"16-bit length for 5", Server, 0, raw(0x82, 0x7E, 0x00, 0x05, 1, 2, 3, 4, 5), CloseProtocolError, "shortest"},
		{"64-bit length for 300", Server, 0, raw(0x82, 0x7F, 0, 0, 0, 0, 0, 0, 0x01, 0x2C), CloseProtocolError, "shortest"},
		{"continuation first", Server, 0, raw(0x80, 0x00), CloseProtocolError, "continuation"},
		{"text inside fragments", Server, 0, raw(0x01, 0x01, 'a', 0x81, 0x01, 'b'), CloseProtocolError, "before the fragmented one ended"},
		{"binary inside fragments", Server, 0, raw(0x02, 0x00, 0x82, 0x00), CloseProtocolError, "before the fragmented one ended"},
		{"invalid UTF-8 text", Server, 0, raw(0x81, 0x02, 0xC3, 0x28), CloseInvalidPayload, "not UTF-8"},
		{"UTF-8 broken across fragments", Server, 0, raw(0x01, 0x01, 0xE2, 0x80, 0x01, 0x82), CloseInvalidPayload, "not UTF-8"},
		{"close of 1 byte", Server, 0, raw(0x88, 0x01, 0x03), CloseProtocolError, "1 byte"},
		{"close code 999", Server, 0, raw(0x88, 0x02, 0x03, 0xE7), CloseProtocolError, "999"},
		{"close code 1005", Server, 0, raw(0x88, 0x02, 0x03, 0xED), CloseProtocolError, "1005"},
		{"close code 1006", Server, 0, raw(0x88, 0x02, 0x03, 0xEE), CloseProtocolError, "1006"},
		{"close code 1015", Server, 0, raw(0x88, 0x02, 0x03, 0xF7), CloseProtocolError, "1015"},
		{"close code 5000", Server, 0, raw(0x88, 0x02, 0x13, 0x88), CloseProtocolError, "5000"},
		{"close reason not UTF-8", Server, 0, raw(0x88, 0x03, 0x03, 0xE8, 0xFF), CloseInvalidPayload, "UTF-8"},
		{"frame after close", Server, 0, raw(0x88, 0x00, 0x81, 0x00), CloseProtocolError, "after close"},
		{"message too big", Server, 4, raw(0x82, 0x05, 1, 2, 3, 4, 5), CloseTooBig, "over 4 bytes"},
		{"fragments too big", Server, 4, raw(0x02, 0x03, 1, 2, 3, 0x80, 0x02, 4, 5), CloseTooBig, "over 4 bytes"},
		{"huge declared length", Server, 0, raw(0x82, 0x7F, 0x7F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF), CloseTooBig, "over"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := NewDecoder(c.sender, c.max)
			_, _, err := d.Feed(c.wire)
			var perr *ProtocolError
			require.ErrorAs(t, err, &perr)
			assert.Equal(t, c.code, perr.Code)
			assert.Contains(t, perr.Reason, c.reason)
			assert.Contains(t, err.Error(), "close ")
			_, _, again := d.Feed(encodeAll(t, []Frame{masked(Text("x"))}))
			assert.Same(t, perr, again, "the error sticks")
		})
	}
}

func TestCloseCodes(t *testing.T) {
	for _, code := range []CloseCode{1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 3000, 4999} {
		assert.True(t, code.Sendable(), code)
		wire, err := AppendFrame(nil, Close(code, "r"))
		require.NoError(t, err)
		frames, _, err := NewDecoder(Server, 0).Feed(wire)
		require.NoError(t, err)
		assert.Equal(t, code, frames[0].CloseCode())
	}
	for _, code := range []CloseCode{0, 999, 1004, 1005, 1006, 1015, 1016, 2999, 5000} {
		assert.False(t, code.Sendable(), code)
	}
	empty, err := AppendFrame(nil, Close(CloseNoStatus, ""))
	require.NoError(t, err)
	assert.Equal(t, []byte{0x88, 0x00}, empty)
	frames, _, err := NewDecoder(Server, 0).Feed(empty)
	require.NoError(t, err)
	assert.Equal(t, CloseNoStatus, frames[0].CloseCode())
}

func TestEncodeRefuses(t *testing.T) {
	cases := map[string]Frame{
		"unknown opcode":   {Fin: true, Opcode: 3},
		"rsv":              {Fin: true, Opcode: OpText, Rsv: 4},
		"fragmented close": {Opcode: OpClose},
		"long ping":        Ping(make([]byte, 126)),
		"close code 1006":  Close(CloseAbnormal, ""),
		"close of 1 byte":  {Fin: true, Opcode: OpClose, Payload: []byte{3}},
		"reason too long":  Close(CloseNormal, strings.Repeat("r", 124)),
		"reason not UTF-8": Close(CloseNormal, "\xff"),
	}
	for name, f := range cases {
		out, err := AppendFrame([]byte("keep"), f)
		assert.Error(t, err, name)
		assert.Equal(t, "keep", string(out), name)
	}
	_, err := AppendFrame(nil, Ping(make([]byte, 125)))
	assert.NoError(t, err)
	_, err = AppendFrame(nil, Close(CloseNormal, strings.Repeat("r", 123)))
	assert.NoError(t, err)
}

func TestFragment(t *testing.T) {
	frames := Fragment(OpBinary, []byte("abcdefg"), 3)
	require.Len(t, frames, 3)
	assert.Equal(t, []Opcode{OpBinary, OpContinuation, OpContinuation}, []Opcode{frames[0].Opcode, frames[1].Opcode, frames[2].Opcode})
	assert.Equal(t, []bool{false, false, true}, []bool{frames[0].Fin, frames[1].Fin, frames[2].Fin})
	assert.Equal(t, "g", string(frames[2].Payload))
	empty := Fragment(OpText, nil, 3)
	require.Len(t, empty, 1)
	assert.True(t, empty[0].Fin)
	whole := Fragment(OpText, []byte("abc"), 0)
	require.Len(t, whole, 1)
}

// decodeIn feeds wire in the given pieces and gathers everything.
func decodeIn(sender Role, max int, pieces [][]byte) ([]Frame, []Message, error) {
	d := NewDecoder(sender, max)
	var frames []Frame
	var msgs []Message
	for _, p := range pieces {
		fs, ms, err := d.Feed(p)
		frames, msgs = append(frames, fs...), append(msgs, ms...)
		if err != nil {
			return frames, msgs, err
		}
	}
	return frames, msgs, nil
}

func TestDecodeSplitInvariance(t *testing.T) {
	var streams []struct {
		sender Role
		wire   []byte
	}
	for _, ex := range rfcExamples[:5] {
		streams = append(streams, struct {
			sender Role
			wire   []byte
		}{ex.sender, ex.wire})
	}
	mixed := encodeAll(t, []Frame{
		Text("tick 1").WithMask(rfcMask), Ping([]byte("p")).WithMask(rfcMask),
		Binary(make([]byte, 200)).WithMask([4]byte{9, 8, 7, 6}), Close(1000, "done").WithMask(rfcMask),
	})
	streams = append(streams, struct {
		sender Role
		wire   []byte
	}{Client, mixed}, struct {
		sender Role
		wire   []byte
	}{Client, append(mixed, 0x81)}, struct {
		sender Role
		wire   []byte
	}{Server, []byte{0x01, 0x01, 0xE2, 0x80, 0x01, 0x82}})
	rng := rand.New(rand.NewPCG(1, 2))
	for _, s := range streams {
		wantF, wantM, wantErr := decodeIn(s.sender, 0, [][]byte{s.wire})
		for i := 0; i <= len(s.wire); i++ {
			f, m, err := decodeIn(s.sender, 0, [][]byte{s.wire[:i], s.wire[i:]})
			require.Equal(t, wantErr, err)
			require.Equal(t, wantF, f, "split at %d", i)
			require.Equal(t, wantM, m, "split at %d", i)
		}
		var pieces [][]byte
		for rest := s.wire; len(rest) > 0; {
			n := 1 + rng.IntN(min(len(rest), 7))
			pieces, rest = append(pieces, rest[:n]), rest[n:]
		}
		f, m, err := decodeIn(s.sender, 0, pieces)
		require.Equal(t, wantErr, err)
		require.Equal(t, wantF, f)
		require.Equal(t, wantM, m)
	}
}

// TestRandomRoundTrip encodes random conversations (fragments, control
// frames between them, masks from a seed) and decodes them back.
func TestRandomRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewPCG(42, 6455))
	for round := 0; round < 200; round++ {
		sender := Role(1 + rng.IntN(2))
		var wire []byte
		var want []Message
		for range 1 + rng.IntN(5) {
			op := OpText
			data := []byte(strings.Repeat("é", rng.IntN(100)))
			if rng.IntN(2) == 0 {
				op, data = OpBinary, make([]byte, rng.IntN(70000))
				for i := range data {
					data[i] = byte(rng.Uint32())
				}
			}
			want = append(want, Message{Opcode: op, Data: data})
			for _, f := range Fragment(op, data, 1+rng.IntN(len(data)+1)) {
				if rng.IntN(3) == 0 {
					wire = appendAs(t, wire, sender, rng, Ping([]byte("ping")))
				}
				wire = appendAs(t, wire, sender, rng, f)
			}
		}
		_, msgs, err := NewDecoder(sender, 0).Feed(wire)
		require.NoError(t, err)
		require.Len(t, msgs, len(want))
		for i := range want {
			assert.Equal(t, want[i].Opcode, msgs[i].Opcode)
			assert.True(t, bytes.Equal(want[i].Data, msgs[i].Data))
		}
	}
}

func appendAs(t *testing.T, wire []byte, sender Role, rng *rand.Rand, f Frame) []byte {
	if sender == Client {
		var key [4]byte
		for i := range key {
			key[i] = byte(rng.Uint32())
		}
		f = f.WithMask(key)
	}
	out, err := AppendFrame(wire, f)
	require.NoError(t, err)
	return out
}

func TestMaskingLeavesCallerPayloadAlone(t *testing.T) {
	payload := []byte("Hello")
	_, err := AppendFrame(nil, Text(string(payload)).WithMask(rfcMask))
	require.NoError(t, err)
	f := Binary(payload).WithMask(rfcMask)
	_, err = AppendFrame(nil, f)
	require.NoError(t, err)
	assert.Equal(t, "Hello", string(payload))
}

func TestProgress(t *testing.T) {
	d := NewDecoder(Server, 0)
	assert.False(t, d.Progress().InFrame)
	wire := encodeAll(t, []Frame{Binary(make([]byte, 300))})
	_, _, err := d.Feed(wire[:3])
	require.NoError(t, err)
	p := d.Progress()
	assert.True(t, p.InFrame)
	assert.False(t, p.HeaderDone)
	assert.Equal(t, "WS (partial frame header)", p.Label())

	_, _, err = d.Feed(wire[3:104])
	require.NoError(t, err)
	p = d.Progress()
	assert.True(t, p.HeaderDone)
	assert.Equal(t, 100, p.PayloadRead)
	assert.Equal(t, 300, p.PayloadLength)
	assert.Equal(t, "WS binary (100/300 bytes)", p.Label())

	frames, msgs, err := d.Feed(wire[104:])
	require.NoError(t, err)
	assert.Len(t, frames, 1)
	assert.Len(t, msgs, 1)
	assert.False(t, d.Progress().InFrame)

	_, _, err = d.Feed([]byte{0x01, 0x02, 'a', 'b'})
	require.NoError(t, err)
	assert.True(t, d.Progress().Fragmenting)
	assert.Equal(t, 2, d.Progress().MessageBytes)
	assert.False(t, d.Closed())
	_, _, err = d.Feed(encodeAll(t, []Frame{Close(CloseGoingAway, "")}))
	require.NoError(t, err)
	assert.True(t, d.Closed())
}

func TestLabels(t *testing.T) {
	long := strings.Repeat("x", 40)
	frag := Fragment(OpText, []byte("tick"), 2)
	cases := []struct {
		frame Frame
		label string
	}{
		{Text("tick 3"), `WS text "tick 3"`},
		{Text("a\nb"), `WS text "a\nb"`},
		{Text(long), `WS text "` + strings.Repeat("x", 32) + `"…`},
		{Binary([]byte{1, 2, 3, 4, 5}), "WS binary 5 bytes"},
		{Ping(nil), "WS ping"},
		{Ping([]byte("hi")), `WS ping "hi"`},
		{Pong(nil), "WS pong"},
		{Close(CloseNormal, ""), "WS close 1000"},
		{Close(CloseGoingAway, "bye"), `WS close 1001 "bye"`},
		{Close(CloseNoStatus, ""), "WS close"},
		{frag[0], `WS text "ti" (fragment)`},
		{frag[1], `WS continuation "ck" (final fragment)`},
		{Frame{Fin: true, Opcode: OpText, Payload: []byte{0xff}}, "WS text 1 bytes"},
	}
	for _, c := range cases {
		assert.Equal(t, c.label, c.frame.Label())
	}
}
