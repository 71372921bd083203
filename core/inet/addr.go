// Package inet is sockplay's IPv4 address: four bytes and a port, all the
// engine models. It stands in for net/netip, whose IPv6 zones bring the
// unique and weak packages into the WebAssembly build; its text forms are
// byte-identical to netip's for IPv4.
package inet

// Addr is an IPv4 address. The zero Addr is invalid (not 0.0.0.0), as
// netip's is, so "no address" stays distinct from the wildcard address.
type Addr struct {
	ip    [4]byte
	valid bool
}

// AddrFrom4 is the address with the four bytes of ip, in network order.
func AddrFrom4(ip [4]byte) Addr { return Addr{ip: ip, valid: true} }

// IPv4Unspecified is 0.0.0.0, INADDR_ANY.
func IPv4Unspecified() Addr { return AddrFrom4([4]byte{}) }

// As4 is a's four bytes; those of the invalid Addr are zero.
func (a Addr) As4() [4]byte { return a.ip }

// IsValid reports whether a is an address rather than the zero Addr.
func (a Addr) IsValid() bool { return a.valid }

// IsUnspecified reports whether a is 0.0.0.0 (the zero Addr is not).
func (a Addr) IsUnspecified() bool { return a == IPv4Unspecified() }

// IsLoopback reports whether a is in 127.0.0.0/8 (RFC 1122 3.2.1.3).
func (a Addr) IsLoopback() bool { return a.valid && a.ip[0] == 127 }

// IsMulticast reports whether a is in 224.0.0.0/4 (RFC 5771).
func (a Addr) IsMulticast() bool { return a.valid && a.ip[0]&0xf0 == 0xe0 }

// String is dotted-decimal a ("10.0.0.1"), or "invalid IP" for the zero
// Addr, as netip prints it.
func (a Addr) String() string {
	if !a.valid {
		return "invalid IP"
	}
	return string(a.appendTo(make([]byte, 0, len("255.255.255.255"))))
}

func (a Addr) appendTo(b []byte) []byte {
	for i, octet := range a.ip {
		if i > 0 {
			b = append(b, '.')
		}
		b = appendDecimal(b, octet)
	}
	return b
}

// appendDecimal appends x in decimal without leading zeros; strconv's
// general formatting is more code than three digits need.
func appendDecimal(b []byte, x uint8) []byte {
	if x >= 100 {
		b = append(b, '0'+x/100)
	}
	if x >= 10 {
		b = append(b, '0'+x/10%10)
	}
	return append(b, '0'+x%10)
}
