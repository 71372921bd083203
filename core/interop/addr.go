package interop

import (
	"net/netip"

	"github.com/sockplay/sockplay/core/inet"
)

// gVisor speaks net/netip; sockplay's engine speaks inet, IPv4 only.

// inetAddr is a as the engine names it: anything but IPv4 becomes the
// invalid Addr, which the engine refuses.
func inetAddr(a netip.Addr) inet.Addr {
	if !a.Is4() {
		return inet.Addr{}
	}
	return inet.AddrFrom4(a.As4())
}

// inetAddrPort is p as the engine names it.
func inetAddrPort(p netip.AddrPort) inet.AddrPort {
	return inet.AddrPortFrom(inetAddr(p.Addr()), p.Port())
}

// netipAddr is the engine's address a as gVisor names it.
func netipAddr(a inet.Addr) netip.Addr {
	if !a.IsValid() {
		return netip.Addr{}
	}
	return netip.AddrFrom4(a.As4())
}
