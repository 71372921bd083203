package limits

import (
	"math"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestAddTimeSaturatesAtTheEndOfTime(t *testing.T) {
	assert.Equal(t, 3*time.Second, AddTime(time.Second, 2*time.Second))
	assert.Equal(t, End, AddTime(End-time.Second, 2*time.Second))
	assert.Equal(t, End, AddTime(time.Second, math.MaxInt64), "never wraps")
	assert.Equal(t, End, AddTime(End, Duration))
	assert.Equal(t, End+time.Hour, AddTime(End+time.Hour, time.Hour), "never before t, even past the end")
	assert.Equal(t, time.Second, AddTime(time.Second, -time.Hour), "a negative duration counts as 0")
	// The end plus the longest duration, plus a margin far beyond any TCP
	// timer, still fits: nothing downstream of a saturated time can wrap.
	assert.Less(t, int64(End), int64(math.MaxInt64-Duration-500_000*time.Hour))
}

func TestScaleAndMulAreChecked(t *testing.T) {
	d, ok := Scale(2, time.Hour)
	assert.True(t, ok)
	assert.Equal(t, 2*time.Hour, d)
	_, ok = Scale(18446744074, time.Second)
	assert.False(t, ok, "18446744074 s wrapped to 0.29 s before")
	_, ok = Scale(-1, time.Second)
	assert.False(t, ok)
	_, ok = Scale(int64(Duration/time.Second)+1, time.Second)
	assert.False(t, ok)

	n, ok := Mul(2, 3)
	assert.True(t, ok)
	assert.EqualValues(t, 6, n)
	_, ok = Mul(2, math.MaxInt64)
	assert.False(t, ok, `"ab" * 9223372036854775807 wrapped before`)
	_, ok = Mul(-1, 5)
	assert.False(t, ok)
	n, ok = Mul(0, math.MaxInt64)
	assert.True(t, ok)
	assert.Zero(t, n)
}

// Linux clamps a recv or send length at MAX_RW_COUNT, and a negative int
// passed as size_t is huge: checked on this kernel with recv(fd, buf,
// (size_t)-1, MSG_DONTWAIT), which returned the 5 bytes queued.
func TestClampRWIsLinuxs(t *testing.T) {
	assert.Equal(t, 0x7ffff000, RW)
	assert.Equal(t, 100, ClampRW(100))
	assert.Equal(t, RW, ClampRW(math.MaxInt64))
	assert.Equal(t, RW, ClampRW(68719476736))
	assert.Equal(t, RW, ClampRW(-1))
	assert.True(t, FitsInt(math.MaxInt32))
	assert.False(t, FitsInt(math.MaxInt32+1))
	assert.False(t, FitsInt(9223372036854))
}
