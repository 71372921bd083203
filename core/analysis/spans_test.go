package analysis

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestSpansMergeAndCover(t *testing.T) {
	var s spans
	s.add(10, 20)
	s.add(30, 40)
	s.add(0, 5)
	assert.Equal(t, spans{{0, 5}, {10, 20}, {30, 40}}, s)
	assert.True(t, s.covers(12, 20))
	assert.False(t, s.covers(15, 25), "runs past a span's end")
	assert.False(t, s.covers(5, 10), "a hole")
	assert.False(t, s.covers(3, 3), "an empty range covers nothing")
	s.add(20, 30) // touches both neighbours: one span
	assert.Equal(t, spans{{0, 5}, {10, 40}}, s)
	s.add(2, 12)
	assert.Equal(t, spans{{0, 40}}, s)
	s.add(50, 50)
	assert.Equal(t, spans{{0, 40}}, s, "an empty range adds nothing")
	assert.True(t, s.covers(0, 40))
}
