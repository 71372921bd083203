package main

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// goArgs are call arguments as JavaScript would pass them: strings,
// float64 numbers and bools.
type goArgs []any

func (a goArgs) Len() int { return len(a) }

func (a goArgs) String(i int) (string, error) {
	if s, ok := a.at(i).(string); ok {
		return s, nil
	}
	return "", fmt.Errorf("argument %d must be a string", i+1)
}

func (a goArgs) Number(i int) (float64, error) {
	if f, ok := a.at(i).(float64); ok {
		return f, nil
	}
	return 0, fmt.Errorf("argument %d must be a number", i+1)
}

func (a goArgs) Bool(i int) (bool, error) {
	if b, ok := a.at(i).(bool); ok {
		return b, nil
	}
	return false, fmt.Errorf("argument %d must be a boolean", i+1)
}

func (a goArgs) at(i int) any {
	if i < len(a) {
		return a[i]
	}
	return nil
}

func TestOffsetsConvertBetweenUTF16AndUTF8(t *testing.T) {
	line := `send(c, "é😀x")`
	// JavaScript counts é as 1 unit and 😀 as 2; Go counts 2 and 4 bytes.
	cases := []struct{ units, bytes int }{
		{0, 0}, {9, 9}, {10, 11}, {12, 15}, {13, 16}, {15, 18}, {99, len(line)},
	}
	for _, c := range cases {
		assert.Equal(t, c.bytes, byteOffset(line, c.units), "units %d", c.units)
		if c.units <= 15 {
			assert.Equal(t, c.units, unitOffset(line, c.bytes), "bytes %d", c.bytes)
		}
	}
	assert.Equal(t, 0, byteOffset(line, -3))
	assert.Equal(t, 0, unitOffset(line, -3))
}

func TestIntArgAcceptsOnlyWholeNumbers(t *testing.T) {
	n, err := intArg(goArgs{float64(7)}, 0)
	require.NoError(t, err)
	assert.Equal(t, 7, n)
	for _, bad := range []goArgs{{1.5}, {"7"}, {}, {float64(1 << 60)}} {
		_, err := intArg(bad, 0)
		assert.Error(t, err, "%v", bad)
	}
}

func TestSeedArgTakesNumbersAndDecimalStrings(t *testing.T) {
	seed, err := seedArg(goArgs{"18446744073709551615"}, 0)
	require.NoError(t, err)
	assert.Equal(t, uint64(18446744073709551615), seed)
	seed, err = seedArg(goArgs{float64(42)}, 0)
	require.NoError(t, err)
	assert.Equal(t, uint64(42), seed)
	for _, bad := range []goArgs{{"-1"}, {"x"}, {"18446744073709551616"}, {float64(-1)}, {0.5}, {true}} {
		_, err := seedArg(bad, 0)
		assert.Error(t, err, "%v", bad)
	}
}
