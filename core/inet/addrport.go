package inet

import "strconv"

// AddrPort is an IPv4 address and a port, a sockaddr_in. It is valid when
// its address is; the zero AddrPort stands for "no address" (NULL).
type AddrPort struct {
	addr Addr
	port uint16
}

// AddrPortFrom pairs addr and port.
func AddrPortFrom(addr Addr, port uint16) AddrPort { return AddrPort{addr: addr, port: port} }

// Addr is p's address.
func (p AddrPort) Addr() Addr { return p.addr }

// Port is p's port.
func (p AddrPort) Port() uint16 { return p.port }

// IsValid reports whether p's address is valid.
func (p AddrPort) IsValid() bool { return p.addr.valid }

// String is "10.0.0.1:80", or "invalid AddrPort", as netip prints it.
func (p AddrPort) String() string {
	if !p.addr.valid {
		return "invalid AddrPort"
	}
	b := p.addr.appendTo(make([]byte, 0, len("255.255.255.255:65535")))
	b = append(b, ':')
	return string(strconv.AppendUint(b, uint64(p.port), 10))
}
