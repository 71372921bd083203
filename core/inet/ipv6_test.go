package inet

import (
	"net/netip"
	"testing"

	"github.com/stretchr/testify/assert"
)

var sampleIPv6 = []string{
	"::", "::1", "1::", "fe80::1", "2001:db8::68", "1:2:3:4:5:6:7:8", "1:0:0:1:0:0:0:1", "1:0:0:0:1:0:0:1",
	"0:1:0:1:0:1:0:1", "1:0:1:0:1:0:1:0", "1:0:0:1:0:0:1:0", "::ffff:10.0.0.2", "::ffff:0:0", "::fffe:1.2.3.4",
	"::1.2.3.4", "0:0:0:0:1:ffff:1.2.3.4", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "abcd:ef01:2345:6789:abcd:ef01:2345:6789",
	"100::", "10:200:3000:4::",
}

func checkFormatMatchesNetip(t *testing.T, a [16]byte) {
	assert.Equal(t, netip.AddrFrom16(a).String(), FormatIPv6(a))
}

func TestFormatIPv6MatchesNetip(t *testing.T) {
	for _, s := range sampleIPv6 {
		a := netip.MustParseAddr(s).As16()
		checkFormatMatchesNetip(t, a)
	}
	assert.Equal(t, "2001:db8::68", FormatIPv6(netip.MustParseAddr("2001:0db8::0068").As16()))
	assert.Equal(t, "::ffff:10.0.0.2", FormatIPv6([16]byte{10: 0xff, 11: 0xff, 12: 10, 15: 2}))
}

func FuzzFormatIPv6(f *testing.F) {
	for _, s := range sampleIPv6 {
		a := netip.MustParseAddr(s).As16()
		f.Add(a[:])
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var a [16]byte
		copy(a[:], b)
		checkFormatMatchesNetip(t, a)
	})
}
