package ipparse

import (
	"net/netip"
	"testing"

	"github.com/stretchr/testify/assert"
)

var samples = []string{
	"", "10.0.0.2", "0.0.0.0", "255.255.255.255", "256.0.0.1", "01.2.3.4", "1.2.3", "1.2.3.4.5", "1..2.3",
	".1.2.3", "1.2.3.", "1.2.3.a", "1.2.3.0x1", "::", "::1", "1::", "fe80::1", "fe80::1%eth0", "fe80::1%",
	"2001:db8::68", "2001:0db8:0000:0000:0000:0000:0000:0068", "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8:9",
	"1:2:3:4:5:6:7", "1:2:3:4:5:6:7::", "::1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8::", "12345::", "1:::2", "1::2::3",
	":1", "1:", "::ffff:1.2.3.4", "::1.2.3.4", "1:2:3:4:5:6:1.2.3.4", "1:2:3:4:5:1.2.3.4", "1:2:3:4:5:6:7:1.2.3.4",
	"::ffff:1.2.3", "::ffff:01.2.3.4", "ABCD:EF01::", "g::", "1.2.3.4:80", "%", "%eth0", "[::1]", ":::",
	"::0:0:0:0:0:0:0", "::0:0:0:0:0:0:0:0", "0:0:0:0:0:0:0::", "1:2:3:4:5:6::1.2.3.4", "ffff:ffff:1.2.3.4::",
}

func checkAgainstNetip(t *testing.T, s string) {
	want, err := netip.ParseAddr(s)
	got, ok := IPv4(s)
	wantV4 := err == nil && want.Is4()
	assert.Equal(t, wantV4, ok, "IPv4(%q)", s)
	if wantV4 {
		assert.Equal(t, want, got, "IPv4(%q)", s)
	}
	assert.Equal(t, err == nil && want.Is6() && want.Zone() == "", IsIPv6(s), "IsIPv6(%q)", s)
}

func TestMatchesNetip(t *testing.T) {
	for _, s := range samples {
		checkAgainstNetip(t, s)
	}
}

func FuzzMatchesNetip(f *testing.F) {
	for _, s := range samples {
		f.Add(s)
	}
	f.Fuzz(checkAgainstNetip)
}
