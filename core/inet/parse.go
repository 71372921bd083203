package inet

import "strconv"

// ParseError is text that is not what a parser reads.
type ParseError struct {
	Text string // the input
	Want string // what it is not, e.g. "an IPv4 address"
}

func (e *ParseError) Error() string { return "inet: " + strconv.Quote(e.Text) + " is not " + e.Want }

// ParseAddr reads dotted-decimal s ("10.0.0.2"): four fields of 0-255
// without leading zeros, exactly the IPv4 text netip.ParseAddr accepts.
func ParseAddr(s string) (Addr, error) {
	var fields [4]byte
	if !ipv4Fields(s, &fields) {
		return Addr{}, &ParseError{Text: s, Want: "an IPv4 address"}
	}
	return AddrFrom4(fields), nil
}

// MustParseAddr is ParseAddr for literals known to be right; it panics
// otherwise, so it is for tests and constants, never for input.
func MustParseAddr(s string) Addr {
	a, err := ParseAddr(s)
	if err != nil {
		panic(err)
	}
	return a
}

// ParseAddrPort reads "10.0.0.2:80": what netip.ParseAddrPort accepts with
// an IPv4 address. The port is decimal, leading zeros allowed.
func ParseAddrPort(s string) (AddrPort, error) {
	bad := &ParseError{Text: s, Want: "an IPv4 address:port"}
	colon := -1
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] == ':' {
			colon = i
			break
		}
	}
	if colon < 0 {
		return AddrPort{}, bad
	}
	a, err := ParseAddr(s[:colon])
	if err != nil {
		return AddrPort{}, bad
	}
	port, ok := parsePort(s[colon+1:])
	if !ok {
		return AddrPort{}, bad
	}
	return AddrPortFrom(a, port), nil
}

// MustParseAddrPort is ParseAddrPort for literals known to be right; it
// panics otherwise.
func MustParseAddrPort(s string) AddrPort {
	p, err := ParseAddrPort(s)
	if err != nil {
		panic(err)
	}
	return p
}

func parsePort(s string) (uint16, bool) {
	if s == "" {
		return 0, false
	}
	port := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		port = port*10 + int(c-'0')
		if port > 0xffff {
			return 0, false
		}
	}
	return uint16(port), true
}

// ipv4Fields reads the four fields of dotted-decimal s into fields.
func ipv4Fields(s string, fields *[4]byte) bool {
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
