package httpmsg

import (
	"testing"

	"github.com/stretchr/testify/require"
)

var fuzzMethods = []string{"GET", "HEAD", "POST", "CONNECT"}

// FuzzParse: never panic; the same result at any split; accept only what
// net/http accepts, with the same messages.
func FuzzParse(f *testing.F) {
	for _, c := range requestCorpus {
		f.Add([]byte(c.stream), false, uint8(0), uint16(len(c.stream)/2))
	}
	for _, c := range responseCorpus {
		method := uint8(0)
		for i, m := range fuzzMethods {
			if len(c.methods) > 0 && c.methods[0] == m {
				method = uint8(i)
			}
		}
		f.Add([]byte(c.stream), true, method, uint16(len(c.stream)/3))
	}
	f.Fuzz(func(t *testing.T, stream []byte, response bool, method uint8, cut uint16) {
		methods := []string{fuzzMethods[int(method)%len(fuzzMethods)]}
		ours, ourErr := ourParse(response, methods, [][]byte{stream})

		at := int(cut) % (len(stream) + 1)
		split, splitErr := ourParse(response, methods, [][]byte{stream[:at], stream[at:]})
		require.Equal(t, ourErr, splitErr)
		require.Equal(t, ours, split)

		if ourErr != nil {
			return
		}
		theirs, theirErr := netHTTPParse(response, methods, stream)
		require.NoError(t, theirErr, "we accepted what net/http refuses")
		require.Equal(t, normalizeEmpty(theirs), normalizeEmpty(summarizeAll(ours)))
	})
}
