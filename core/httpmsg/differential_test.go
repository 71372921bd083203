package httpmsg

import (
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDifferentialRequests(t *testing.T) {
	require.GreaterOrEqual(t, len(requestCorpus), 40)
	for _, c := range requestCorpus {
		t.Run(c.name, func(t *testing.T) { checkAgainstNetHTTP(t, false, c) })
	}
}

func TestDifferentialResponses(t *testing.T) {
	require.GreaterOrEqual(t, len(responseCorpus), 40)
	for _, c := range responseCorpus {
		t.Run(c.name, func(t *testing.T) { checkAgainstNetHTTP(t, true, c) })
	}
}

func checkAgainstNetHTTP(t *testing.T, response bool, c corpusCase) {
	theirs, theirErr := netHTTPParse(response, c.methods, []byte(c.stream))
	ours, ourErr := ourParse(response, c.methods, [][]byte{[]byte(c.stream)})
	if c.accept {
		require.NoError(t, ourErr)
	} else {
		require.Error(t, ourErr)
	}
	if c.differs != "" {
		require.NoError(t, theirErr, "net/http was expected to accept (%s)", c.differs)
		return
	}
	if c.accept {
		require.NoError(t, theirErr)
	} else {
		require.Error(t, theirErr)
	}
	assert.Equal(t, normalizeEmpty(theirs), normalizeEmpty(summarizeAll(ours)))
}

func TestSplitInvariance(t *testing.T) {
	all := append(append([]corpusCase{}, requestCorpus...), responseCorpus...)
	for i, c := range all {
		response := i >= len(requestCorpus)
		t.Run(c.name, func(t *testing.T) {
			checkSplitInvariant(t, response, c.methods, []byte(c.stream), uint64(i))
		})
	}
}

// checkSplitInvariant parses stream whole, at every two-piece split, byte
// by byte and in random pieces, and demands the same messages and error.
func checkSplitInvariant(t *testing.T, response bool, methods []string, stream []byte, seed uint64) {
	t.Helper()
	want, wantErr := ourParse(response, methods, [][]byte{stream})
	for i := 0; i <= len(stream); i++ {
		got, err := ourParse(response, methods, [][]byte{stream[:i], stream[i:]})
		require.Equal(t, wantErr, err, "split at %d", i)
		require.Equal(t, want, got, "split at %d", i)
	}
	var bytewise [][]byte
	for i := range stream {
		bytewise = append(bytewise, stream[i:i+1])
	}
	got, err := ourParse(response, methods, bytewise)
	require.Equal(t, wantErr, err, "byte by byte")
	require.Equal(t, want, got, "byte by byte")

	rng := rand.New(rand.NewPCG(seed, 7))
	for range 5 {
		pieces := randomSplit(rng, stream)
		got, err := ourParse(response, methods, pieces)
		require.Equal(t, wantErr, err, "pieces %q", pieces)
		require.Equal(t, want, got, "pieces %q", pieces)
	}
}

func randomSplit(rng *rand.Rand, b []byte) [][]byte {
	var pieces [][]byte
	for len(b) > 0 {
		n := 1 + rng.IntN(min(len(b), 12))
		pieces = append(pieces, b[:n])
		b = b[n:]
	}
	return pieces
}
