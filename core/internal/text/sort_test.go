package text

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestSortStringsMatchesSlicesSort(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	words := []string{"", "a", "b", "ab", "B", "so_reuseaddr", "SO_REUSEADDR", "é", "z"}
	for n := range 40 {
		ss := make([]string, n)
		for i := range ss {
			ss[i] = words[rng.IntN(len(words))]
		}
		want := slices.Clone(ss)
		slices.Sort(want)
		SortStrings(ss)
		assert.Equal(t, want, ss, "n=%d", n)
	}
}

func TestSortStringsEmpty(t *testing.T) {
	assert.NotPanics(t, func() { SortStrings(nil) })
}
