package text

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

// durationSamples are texts a learner may type, and texts at the edges of
// what ParseDuration takes.
var durationSamples = []string{
	"0", "", "200ms", "1.5s", "2m", "1h30m", "1h30m15.5s", "10us", "10µs", "10μs", "7ns",
	".5s", "5.s", ".s", ".", "1", "1x", "1.5", "s", "ms", "1msms", "1.2.3s", "1..2s",
	"0.1s", "0.3s", "1.0000000001s", "0.00000000001s", "2562047h", "2562048h",
	"9223372036854775807ns", "9223372036854775808ns", "9223372036854775807.9ns",
	"18446744073709551616ns", "1.00000000000000000000000000001h", "00000000000000000000001s",
	"2562047h47m16.854775807s", "2562047h47m16.854775808s", "1h1h1h", "3m-2s", "+1s", "-1s",
	"-0", "+0", "-", "+", "--1s", "-9223372036854775808ns", "-9223372036854775809ns", "-2562047h47m16.854775808s",
	"1e3ms", "1 s", "1S", "1Ms", "0h0m0s", "1.999999999999999999999999s",
}

func TestParseDurationMatchesTime(t *testing.T) {
	for _, s := range durationSamples {
		checkDurationAgainstTime(t, s)
	}
}

func FuzzParseDuration(f *testing.F) {
	for _, s := range durationSamples {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkDurationAgainstTime(t, s)
	})
}

func checkDurationAgainstTime(t *testing.T, s string) {
	t.Helper()
	got, ok := ParseDuration(s)
	want, err := time.ParseDuration(s)
	if assert.Equal(t, err == nil, ok, "%q: accepted by ParseDuration (err %v) and by parseDuration", s, err) && ok {
		assert.Equal(t, want, got, "%q", s)
	}
}
