// Package ipparse reads textual IP addresses exactly as net/netip's
// ParseAddr does for the cases sockplay needs. netip.ParseAddr also handles
// IPv6 zones, which pulls the unique package's concurrent map and its
// runtime hooks into the WebAssembly build.
package ipparse

import "net/netip"

// IPv4 parses dotted-decimal s ("10.0.0.2"): four fields of 0-255 without
// leading zeros, as netip.ParseAddr accepts them.
func IPv4(s string) (netip.Addr, bool) {
	var fields [4]byte
	if !ipv4Fields(s, fields[:]) {
		return netip.Addr{}, false
	}
	return netip.AddrFrom4(fields), true
}

func ipv4Fields(s string, fields []byte) bool {
	val, pos, digits := 0, 0, 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case '0' <= c && c <= '9':
			if digits == 1 && val == 0 {
				return false // leading zero
			}
			val = val*10 + int(c-'0')
			digits++
			if val > 255 {
				return false
			}
		case c == '.':
			if i == 0 || i == len(s)-1 || s[i-1] == '.' || pos == 3 {
				return false
			}
			fields[pos] = byte(val)
			pos++
			val, digits = 0, 0
		default:
			return false
		}
	}
	if pos < 3 {
		return false
	}
	fields[3] = byte(val)
	return true
}

// IsIPv6 reports whether netip.ParseAddr reads s as an IPv6 address
// without a zone (RFC 4291 2.2): hexadecimal groups, at most one "::",
// optionally a dotted IPv4 address in the last 32 bits.
func IsIPv6(s string) bool {
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
		off, acc := 0, 0
		for ; off < len(s); off++ {
			d := hexDigit(s[off])
			if d < 0 {
				break
			}
			acc = acc<<4 + d
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
			if !ipv4Fields(s, fields[:]) {
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

func hexDigit(c byte) int {
	switch {
	case '0' <= c && c <= '9':
		return int(c - '0')
	case 'a' <= c && c <= 'f':
		return int(c-'a') + 10
	case 'A' <= c && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}
