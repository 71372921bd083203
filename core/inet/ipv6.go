package inet

// sockplay does not model IPv6, but it recognises IPv6 text (to answer
// EAFNOSUPPORT, to check an HTTP authority) and prints IPv6 addresses it
// finds in captures as tcpdump does.

// IsIPv6Text reports whether netip.ParseAddr reads s as an IPv6 address
// without a zone (RFC 4291 2.2): hexadecimal groups, at most one "::",
// optionally a dotted IPv4 address in the last 32 bits.
func IsIPv6Text(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '.', '%':
			return false
		case ':':
			return ipv6(s)
		}
	}
	return false
}

// ipv6 follows netip's parseIPv6 on a string with no zone.
func ipv6(s string) bool {
	ellipsis := -1
	if len(s) >= 2 && s[0] == ':' && s[1] == ':' {
		ellipsis = 0
		s = s[2:]
		if len(s) == 0 {
			return true
		}
	}
	i := 0 // bytes of the address read
	for i < 16 {
		off := 0
		for ; off < len(s) && hexDigit(s[off]); off++ {
			if off > 3 {
				return false // more than 4 digits
			}
		}
		if off == 0 {
			return false
		}
		if off < len(s) && s[off] == '.' {
			// The embedded IPv4 address ends the string.
			if ellipsis < 0 && i != 12 || i+4 > 16 {
				return false
			}
			var fields [4]byte
			if !ipv4Fields(s, &fields) {
				return false
			}
			s = ""
			i += 4
			break
		}
		i += 2
		s = s[off:]
		if len(s) == 0 {
			break
		}
		if s[0] != ':' || len(s) == 1 {
			return false
		}
		s = s[1:]
		if s[0] == ':' {
			if ellipsis >= 0 {
				return false // a second "::"
			}
			ellipsis = i
			s = s[1:]
			if len(s) == 0 {
				break
			}
		}
	}
	if len(s) != 0 {
		return false
	}
	if i < 16 {
		return ellipsis >= 0
	}
	return ellipsis < 0 // "::" must stand for at least one group
}

func hexDigit(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// FormatIPv6 is the 16-byte address a as netip.AddrFrom16(a).String()
// prints it (RFC 5952): lowercase groups without leading zeros, the first
// longest run of two or more zero groups as "::", and an IPv4-mapped
// address as "::ffff:1.2.3.4".
func FormatIPv6(a [16]byte) string {
	if a[10] == 0xff && a[11] == 0xff && [10]byte(a[:10]) == [10]byte{} {
		return "::ffff:" + AddrFrom4([4]byte(a[12:])).String()
	}
	var groups [8]uint16
	for i := range groups {
		groups[i] = uint16(a[2*i])<<8 | uint16(a[2*i+1])
	}
	zeroStart, zeroEnd := -1, -1
	for i := 0; i < 8; i++ {
		j := i
		for j < 8 && groups[j] == 0 {
			j++
		}
		if j-i >= 2 && j-i > zeroEnd-zeroStart {
			zeroStart, zeroEnd = i, j
		}
	}
	b := make([]byte, 0, len("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"))
	for i := 0; i < 8; i++ {
		if i == zeroStart {
			b = append(b, ':', ':')
			i = zeroEnd
			if i >= 8 {
				break
			}
		} else if i > 0 {
			b = append(b, ':')
		}
		b = appendHex(b, groups[i])
	}
	return string(b)
}

// appendHex appends x in lowercase hexadecimal without leading zeros.
func appendHex(b []byte, x uint16) []byte {
	const digits = "0123456789abcdef"
	started := false
	for shift := 12; shift >= 0; shift -= 4 {
		d := x >> shift & 0xf
		if d != 0 || started || shift == 0 {
			b = append(b, digits[d])
			started = true
		}
	}
	return b
}
