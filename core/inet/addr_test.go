package inet

import (
	"net/netip"
	"testing"

	"github.com/stretchr/testify/assert"
)

var sampleAddrs = [][4]byte{
	{0, 0, 0, 0}, {10, 0, 0, 1}, {10, 0, 0, 2}, {127, 0, 0, 1}, {127, 255, 255, 255}, {126, 255, 255, 255},
	{128, 0, 0, 0}, {223, 255, 255, 255}, {224, 0, 0, 1}, {239, 255, 255, 255}, {240, 0, 0, 0},
	{255, 255, 255, 255}, {1, 22, 133, 9}, {100, 10, 99, 199}, {0, 0, 0, 1},
}

// checkAddrMatchesNetip compares every Addr and AddrPort method with
// netip's on the same address and port.
func checkAddrMatchesNetip(t *testing.T, ip [4]byte, port uint16) {
	ours, theirs := AddrFrom4(ip), netip.AddrFrom4(ip)
	assert.Equal(t, theirs.String(), ours.String())
	assert.Equal(t, theirs.IsValid(), ours.IsValid(), ours.String())
	assert.Equal(t, theirs.IsUnspecified(), ours.IsUnspecified(), ours.String())
	assert.Equal(t, theirs.IsLoopback(), ours.IsLoopback(), ours.String())
	assert.Equal(t, theirs.IsMulticast(), ours.IsMulticast(), ours.String())
	assert.Equal(t, theirs.As4(), ours.As4())

	ap, theirAP := AddrPortFrom(ours, port), netip.AddrPortFrom(theirs, port)
	assert.Equal(t, theirAP.String(), ap.String())
	assert.Equal(t, theirAP.IsValid(), ap.IsValid())
	assert.Equal(t, ours, ap.Addr())
	assert.Equal(t, port, ap.Port())
}

func TestAddrMatchesNetip(t *testing.T) {
	for _, ip := range sampleAddrs {
		for _, port := range []uint16{0, 1, 80, 9999, 40000, 65535} {
			checkAddrMatchesNetip(t, ip, port)
		}
	}
}

func TestZeroAddrIsInvalidNotUnspecified(t *testing.T) {
	var zero Addr
	var theirs netip.Addr
	assert.False(t, zero.IsValid())
	assert.Equal(t, theirs.String(), zero.String())
	assert.Equal(t, theirs.IsUnspecified(), zero.IsUnspecified())
	assert.False(t, zero.IsLoopback())
	assert.False(t, zero.IsMulticast())
	assert.Equal(t, [4]byte{}, zero.As4())
	assert.NotEqual(t, IPv4Unspecified(), zero)
	assert.Equal(t, "0.0.0.0", IPv4Unspecified().String())

	for _, port := range []uint16{0, 80} {
		ours, want := AddrPortFrom(zero, port), netip.AddrPortFrom(theirs, port)
		assert.False(t, ours.IsValid())
		assert.Equal(t, want.String(), ours.String())
	}
	assert.Equal(t, AddrPort{}, AddrPortFrom(Addr{}, 0))
	assert.NotEqual(t, AddrPort{}, AddrPortFrom(IPv4Unspecified(), 0))
}

func TestAddrIsAMapKey(t *testing.T) {
	seen := map[AddrPort]int{}
	seen[MustParseAddrPort("10.0.0.1:80")]++
	seen[AddrPortFrom(AddrFrom4([4]byte{10, 0, 0, 1}), 80)]++
	seen[AddrPortFrom(AddrFrom4([4]byte{10, 0, 0, 1}), 81)]++
	assert.Equal(t, map[AddrPort]int{MustParseAddrPort("10.0.0.1:80"): 2, MustParseAddrPort("10.0.0.1:81"): 1}, seen)
}

func FuzzAddrMatchesNetip(f *testing.F) {
	for _, ip := range sampleAddrs {
		f.Add(ip[0], ip[1], ip[2], ip[3], uint16(80))
	}
	f.Fuzz(func(t *testing.T, a, b, c, d byte, port uint16) {
		checkAddrMatchesNetip(t, [4]byte{a, b, c, d}, port)
	})
}
