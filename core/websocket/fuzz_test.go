package websocket

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// FuzzDecode: never panic; the same result at any split; what decodes
// without error re-encodes to exactly the bytes it came from (lengths are
// minimal, so the encoding is unique).
func FuzzDecode(f *testing.F) {
	for _, ex := range rfcExamples[:5] {
		f.Add(ex.wire, ex.sender == Client, uint16(3), uint16(0))
	}
	f.Add([]byte{0x01, 0x01, 'a', 0x89, 0x00, 0x80, 0x01, 'b', 0x88, 0x02, 0x03, 0xE8}, false, uint16(5), uint16(0))
	f.Add([]byte{0x82, 0x7E, 0x00, 0x7E}, false, uint16(1), uint16(100))
	f.Add([]byte{0x88, 0x82, 1, 2, 3, 4, 2, 0xEA}, true, uint16(2), uint16(0))
	f.Fuzz(func(t *testing.T, wire []byte, fromClient bool, cut, max uint16) {
		sender := Server
		if fromClient {
			sender = Client
		}
		frames, msgs, err := decodeIn(sender, int(max), [][]byte{wire})
		at := int(cut) % (len(wire) + 1)
		f2, m2, err2 := decodeIn(sender, int(max), [][]byte{wire[:at], wire[at:]})
		require.Equal(t, err, err2)
		require.Equal(t, frames, f2)
		require.Equal(t, msgs, m2)
		if err != nil || len(frames) == 0 {
			return
		}
		var again []byte
		for _, fr := range frames {
			again, err = AppendFrame(again, fr)
			require.NoError(t, err)
		}
		require.Equal(t, wire[:frames[len(frames)-1].End], again)
	})
}
