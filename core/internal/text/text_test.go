package text

import (
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
)

var numbers = []uint64{0, 1, 2, 7, 42, 255, 1000, 65535, 123456, 1<<32 - 1, 1<<64 - 1}

func TestZeroPaddedMatchFmt(t *testing.T) {
	for _, n := range numbers {
		for width := 0; width <= 24; width++ {
			assert.Equal(t, fmt.Sprintf("%0*d", width, n), DecPad(n, width), "%d width %d", n, width)
			assert.Equal(t, fmt.Sprintf("%0*x", width, n), HexPad(n, width), "%x width %d", n, width)
			assert.Equal(t, fmt.Sprintf("%0*b", width, n), BinPad(n, width), "%b width %d", n, width)
		}
	}
}

func TestPadMatchesFmt(t *testing.T) {
	for _, s := range []string{"", "a", "abcd", "10.0.0.1 > 10.0.0.2", "×2", "日本語テキスト"} {
		for width := 0; width <= 20; width++ {
			assert.Equal(t, fmt.Sprintf("%-*s", width, s), PadRight(s, width))
			assert.Equal(t, fmt.Sprintf("%*s", width, s), PadLeft(s, width))
		}
	}
}

func TestQuoteListMatchesFmt(t *testing.T) {
	for _, ss := range [][]string{nil, {}, {""}, {"a"}, {"dGhlIHNhbXBsZSBub25jZQ==", "x y"}, {"tab\there", "\x00\xff", "日本"}} {
		assert.Equal(t, fmt.Sprintf("%q", ss), QuoteList(ss))
	}
}

func TestHexMatchesFmt(t *testing.T) {
	b := make([]byte, 256)
	for i := range b {
		b[i] = byte(i)
	}
	assert.Equal(t, fmt.Sprintf("%x", b), Hex(b))
	assert.Equal(t, "", Hex(nil))
}

func TestWrap(t *testing.T) {
	base := errors.New("no such packet")
	err := Wrap("packet 3: "+base.Error(), base)
	assert.Equal(t, fmt.Errorf("packet %d: %w", 3, base).Error(), err.Error())
	assert.ErrorIs(t, err, base)
}
