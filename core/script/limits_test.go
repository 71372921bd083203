package script

import (
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sockplay/sockplay/core/limits"
)

// allocated is how many bytes f allocates (runtime.MemStats, not time:
// it does not depend on the machine's speed).
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

func refused(t *testing.T, line, msg string) *Error {
	t.Helper()
	_, err := ParseLine(line)
	require.Error(t, err, shorten(line))
	assert.Contains(t, err.Error(), msg, shorten(line))
	e, ok := err.(*Error)
	require.True(t, ok)
	return e
}

// Issue 16: `"ab" * 9223372036854775807` overflowed the 16 MiB check and
// panicked in strings.Repeat.
func TestRepeatCountThatOverflowsIsRefused(t *testing.T) {
	refused(t, `client> send(c, "ab" * 9223372036854775807)`, "too much data")
	refused(t, `client> send(c, "abcd" * 4611686018427387904)`, "too much data")
	refused(t, `client> send(c, "x" * 16777217)`, "too much data")
	_, err := ParseLine(`client> send(c, "x" * 16777216)`)
	assert.NoError(t, err, "16 MiB exactly is allowed")
}

// Issue 16: a 10 MB line of commas cost about 1 GB in the lexer. A line is
// refused by its length before it is read.
func TestOverlongLineIsRefusedUnread(t *testing.T) {
	commas := "client> close(" + strings.Repeat(",", 10<<20) + ")"
	var err error
	used := allocated(func() { _, err = ParseLine(commas) })
	require.Error(t, err)
	assert.Contains(t, err.Error(), "a line is at most 65536")
	assert.Less(t, used, uint64(64<<10), "refusing a long line allocates next to nothing")

	_, err = ParseStatement("client", strings.Repeat(" ", limits.LineBytes+1))
	assert.ErrorContains(t, err, "at most 65536")
	from, cands := Complete(commas, len(commas), nil)
	assert.Zero(t, from)
	assert.Empty(t, cands)
}

// The longest line allowed costs a bounded multiple of its length, even
// made of the tokens that cost the most.
func TestLongestLineCostsLinearMemory(t *testing.T) {
	prefix := "client> close("
	commas := prefix + strings.Repeat(",", limits.LineBytes-len(prefix)-1) + ")"
	require.Len(t, commas, limits.LineBytes)
	used := allocated(func() { _, _ = ParseLine(commas) })
	assert.Less(t, used, uint64(100*limits.LineBytes), "at most 100 bytes per byte of line")

	list := prefix + "[" + strings.Repeat("1,", (limits.LineBytes-len(prefix)-4)/2) + "1])"
	used = allocated(func() { _, _ = ParseLine(list) })
	assert.Less(t, used, uint64(150*limits.LineBytes))
}

func TestLongWordsAreRefused(t *testing.T) {
	name := strings.Repeat("v", limits.WordBytes)
	_, err := ParseLine("client> " + name + " = socket(AF_INET, SOCK_STREAM)")
	require.NoError(t, err, "a name of the longest length is fine")
	e := refused(t, "client> "+name+"x = socket(AF_INET, SOCK_STREAM)", "is too long")
	assert.Equal(t, 9, e.Col)
	assert.Contains(t, e.Hint, "at most 64 characters")
	assert.Less(t, len(e.Error()), 200, "the message quotes the word shortened")
	refused(t, "net> wait "+strings.Repeat("1", 65)+"s", "is too long")
	refused(t, "client> ss -"+strings.Repeat("t", 65), "is too long")
}

// Issue 16: "did you mean" cost O(word length × names): help with a 2 MB
// word took seconds and a gigabyte.
func TestSuggestionsCostNothingForLongWords(t *testing.T) {
	word := strings.Repeat("a", 2<<20)
	topics := Default().Topics()
	allocs := testing.AllocsPerRun(3, func() { Suggest(word, topics) })
	assert.Zero(t, allocs, "a word longer than any name is no typo of one")

	var text string
	var err error
	used := allocated(func() { text, err = Help(word) })
	assert.Empty(t, text)
	require.Error(t, err)
	assert.Less(t, len(err.Error()), 200)
	assert.Less(t, used, uint64(64<<10))

	// Typos are still found.
	assert.Equal(t, "listen", Suggest("lisetn", topics))
	assert.Equal(t, "SO_RCVTIMEO", Suggest("SO_RCVTIEMO", topics))
}

func TestDurationsAreBounded(t *testing.T) {
	for _, line := range []string{"net> wait 2562047h", "net> latency 2562047h", "net> delay 1 2000000h",
		"net> wait 1000000h1ns", "server> poll([{s, POLLIN}], 9999999999999999999999h)"} {
		refused(t, line, "is too long")
	}
	for _, line := range []string{"net> wait 1000000h", "net> latency 1000000h"} {
		_, err := ParseLine(line)
		assert.NoError(t, err, line)
	}
}

func TestStepCountIsBounded(t *testing.T) {
	refused(t, "net> step 10001", "step takes at most 10000")
	_, err := ParseLine("net> step 10000")
	assert.NoError(t, err)
	_, err = ParseLine("net> drop 99999999")
	assert.NoError(t, err, "packet numbers have no such bound")
}

func TestHelpListsTheLimits(t *testing.T) {
	text, err := Help("limits")
	require.NoError(t, err)
	for _, l := range limits.Table() {
		assert.Contains(t, text, l.What)
	}
	assert.Contains(t, text, "65536")
	index, _ := Help("")
	assert.Contains(t, index, "help limits")
}
