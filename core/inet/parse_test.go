package inet

import (
	"net/netip"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var sampleText = []string{
	"", "10.0.0.2", "0.0.0.0", "255.255.255.255", "256.0.0.1", "01.2.3.4", "1.2.3.04", "0.00.0.0", "1.2.3", "1.2.3.4.5",
	"1..2.3", ".1.2.3", "1.2.3.", "1.2.3.a", "1.2.3.0x1", " 1.2.3.4", "1.2.3.4 ", "1.2.3.-4", "+1.2.3.4", "1.2.3.1000",
	"::", "::1", "1::", "fe80::1", "fe80::1%eth0", "fe80::1%", "::ffff:10.0.0.2", "1.2.3.4%eth0",
	"2001:db8::68", "2001:0db8:0000:0000:0000:0000:0000:0068", "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8:9",
	"1:2:3:4:5:6:7", "1:2:3:4:5:6:7::", "::1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8::", "12345::", "1:::2", "1::2::3",
	":1", "1:", "::ffff:1.2.3.4", "::1.2.3.4", "1:2:3:4:5:6:1.2.3.4", "1:2:3:4:5:1.2.3.4", "1:2:3:4:5:6:7:1.2.3.4",
	"::ffff:1.2.3", "::ffff:01.2.3.4", "ABCD:EF01::", "g::", "%", "%eth0", "[::1]", ":::",
	"::0:0:0:0:0:0:0", "::0:0:0:0:0:0:0:0", "0:0:0:0:0:0:0::", "1:2:3:4:5:6::1.2.3.4", "ffff:ffff:1.2.3.4::",
	"1.2.3.4:80", "1.2.3.4:", "1.2.3.4:0", "1.2.3.4:65535", "1.2.3.4:65536", "1.2.3.4:080", "1.2.3.4:+80",
	"1.2.3.4:0x50", "1.2.3.4:8_0", "1.2.3.4::80", ":80", "[1.2.3.4]:80", "[::1]:80", "::1:80", "1.2.3.4:99999999999999999999",
	"1.2.3.4:00000000000000000000080", "01.2.3.4:80", "1.2.3.4: 80",
}

// checkParseMatchesNetip checks that ParseAddr and ParseAddrPort accept
// exactly the IPv4 text netip accepts, with the same result, and that
// IsIPv6Text recognises exactly netip's zone-less IPv6 addresses.
func checkParseMatchesNetip(t *testing.T, s string) {
	want, err := netip.ParseAddr(s)
	wantV4 := err == nil && want.Is4()
	got, gotErr := ParseAddr(s)
	if assert.Equal(t, wantV4, gotErr == nil, "ParseAddr(%q)", s) && wantV4 {
		assert.Equal(t, want.As4(), got.As4(), "ParseAddr(%q)", s)
		assert.True(t, got.IsValid())
		assert.Equal(t, s, got.String(), "canonical text round-trips")
	}
	if gotErr != nil {
		assert.Equal(t, Addr{}, got)
		assert.Contains(t, gotErr.Error(), "IPv4 address")
	}
	assert.Equal(t, err == nil && want.Is6() && want.Zone() == "", IsIPv6Text(s), "IsIPv6Text(%q)", s)

	wantAP, err := netip.ParseAddrPort(s)
	wantAPv4 := err == nil && wantAP.Addr().Is4()
	gotAP, gotErr := ParseAddrPort(s)
	if assert.Equal(t, wantAPv4, gotErr == nil, "ParseAddrPort(%q)", s) && wantAPv4 {
		assert.Equal(t, wantAP.Addr().As4(), gotAP.Addr().As4(), "ParseAddrPort(%q)", s)
		assert.Equal(t, wantAP.Port(), gotAP.Port(), "ParseAddrPort(%q)", s)
		assert.Equal(t, wantAP.String(), gotAP.String())
	}
	if gotErr != nil {
		assert.Equal(t, AddrPort{}, gotAP)
	}
}

func TestParseMatchesNetip(t *testing.T) {
	for _, s := range sampleText {
		checkParseMatchesNetip(t, s)
	}
}

func TestParseResults(t *testing.T) {
	a, err := ParseAddr("10.0.0.2")
	require.NoError(t, err)
	assert.Equal(t, AddrFrom4([4]byte{10, 0, 0, 2}), a)
	p, err := ParseAddrPort("0.0.0.0:80")
	require.NoError(t, err)
	assert.Equal(t, AddrPortFrom(IPv4Unspecified(), 80), p)

	_, err = ParseAddr("01.2.3.4")
	assert.EqualError(t, err, `inet: "01.2.3.4" is not an IPv4 address`)
	_, err = ParseAddrPort("[::1]:80")
	assert.EqualError(t, err, `inet: "[::1]:80" is not an IPv4 address:port`)
	assert.Panics(t, func() { MustParseAddr("::1") })
	assert.Panics(t, func() { MustParseAddrPort("10.0.0.1") })
}

func FuzzParseAddr(f *testing.F) {
	for _, s := range sampleText {
		f.Add(s)
	}
	f.Fuzz(checkParseMatchesNetip)
}
