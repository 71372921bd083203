package httpmsg

import (
	"strconv"
	"strings"

	"github.com/sockplay/sockplay/core/inet"
)

// parseVersion reads HTTP-version (RFC 9112 2.3): "HTTP/" DIGIT "." DIGIT,
// case-sensitive. Only major version 1 is HTTP/1.x; others get 505.
func parseVersion(s string, off int64) (major, minor int, err *Error) {
	if len(s) != len("HTTP/1.1") || !strings.HasPrefix(s, "HTTP/") || s[6] != '.' ||
		!isDigit(s[5]) || !isDigit(s[7]) {
		return 0, 0, newError(400, off, "malformed HTTP version "+strconv.Quote(s))
	}
	if s[5] != '1' {
		return 0, 0, newError(505, off, "unsupported HTTP version "+strconv.Quote(s))
	}
	return 1, int(s[7] - '0'), nil
}

// parseRequestLine splits request-line = method SP request-target SP
// HTTP-version (RFC 9112 3), exactly one SP between the parts.
func parseRequestLine(line string, off int64) (m Message, err *Error) {
	method, rest, ok1 := strings.Cut(line, " ")
	target, version, ok2 := strings.Cut(rest, " ")
	if !ok1 || !ok2 {
		return m, newError(400, off, "malformed request line "+strconv.Quote(line))
	}
	if !isToken(method) {
		return m, newError(400, off, "invalid method "+strconv.Quote(method))
	}
	if !validTarget(method, target) {
		return m, newError(400, off+int64(len(method))+1, "invalid request target "+strconv.Quote(target))
	}
	m.Major, m.Minor, err = parseVersion(version, off+int64(len(method)+len(target))+2)
	if err != nil {
		return m, err
	}
	m.Method, m.Target = method, target
	return m, nil
}

// parseStatusLine splits status-line = HTTP-version SP status-code SP
// [reason-phrase] (RFC 9112 4). Like net/http, the SP before an empty
// reason may be missing.
func parseStatusLine(line string, off int64) (m Message, err *Error) {
	version, rest, ok := strings.Cut(line, " ")
	if !ok {
		return m, newError(400, off, "malformed status line "+strconv.Quote(line))
	}
	code, reason, _ := strings.Cut(rest, " ")
	codeOff := off + int64(len(version)) + 1
	if len(code) != 3 || !isDigit(code[0]) || !isDigit(code[1]) || !isDigit(code[2]) {
		return m, newError(400, codeOff, "malformed status code "+strconv.Quote(code))
	}
	status := int(code[0]-'0')*100 + int(code[1]-'0')*10 + int(code[2]-'0')
	// RFC 9110 15: status codes are 100..599.
	if status < 100 || status > 599 {
		return m, newError(400, codeOff, "status code "+strconv.Itoa(status)+" out of range")
	}
	for i := 0; i < len(reason); i++ {
		if !isFieldValueByte(reason[i]) {
			return m, newError(400, codeOff+4+int64(i), "invalid byte "+strconv.QuoteRune(rune(reason[i]))+" in reason phrase")
		}
	}
	m.Major, m.Minor, err = parseVersion(version, off)
	if err != nil {
		return m, err
	}
	m.Response, m.Status, m.Reason = true, status, reason
	return m, nil
}

// validTarget checks request-target (RFC 9112 3.2) in the form the method
// allows: asterisk-form for OPTIONS, authority-form for CONNECT, otherwise
// origin-form or absolute-form.
func validTarget(method, t string) bool {
	switch {
	case method == "CONNECT":
		return validAuthority(t, true)
	case t == "*":
		return method == "OPTIONS"
	case strings.HasPrefix(t, "/"):
		return validPathQuery(t)
	}
	return validAbsolute(t)
}

// validAbsolute checks absolute-form: scheme "://" authority path-abempty
// [ "?" query ] (RFC 3986 3). Userinfo is refused (RFC 9110 4.2.4).
func validAbsolute(t string) bool {
	scheme, rest, ok := strings.Cut(t, "://")
	if !ok || !validScheme(scheme) {
		return false
	}
	end := strings.IndexAny(rest, "/?")
	if end < 0 {
		end = len(rest)
	}
	if !validAuthority(rest[:end], false) {
		return false
	}
	if end == len(rest) {
		return true
	}
	if rest[end] == '?' {
		return validPathQuery("/" + rest[end:])
	}
	return validPathQuery(rest[end:])
}

func validScheme(s string) bool {
	if s == "" || !isAlpha(s[0]) {
		return false
	}
	for i := 1; i < len(s); i++ {
		if !isAlpha(s[i]) && !isDigit(s[i]) && s[i] != '+' && s[i] != '-' && s[i] != '.' {
			return false
		}
	}
	return true
}

// validAuthority checks host [":" port] where host is a DNS-style name, an
// IPv4 address or a bracketed IPv6 address; needPort demands the port
// (authority-form, RFC 9112 3.2.3).
func validAuthority(a string, needPort bool) bool {
	host, port, hasPort := a, "", false
	if strings.HasPrefix(a, "[") {
		end := strings.IndexByte(a, ']')
		if end < 0 {
			return false
		}
		if !inet.IsIPv6Text(a[1:end]) {
			return false
		}
		if rest := a[end+1:]; rest != "" {
			if rest[0] != ':' {
				return false
			}
			port, hasPort = rest[1:], true
		}
	} else {
		if i := strings.LastIndexByte(a, ':'); i >= 0 {
			host, port, hasPort = a[:i], a[i+1:], true
		}
		if !validHostName(host) {
			return false
		}
	}
	if !hasPort {
		return !needPort
	}
	if port == "" || len(port) > 5 {
		return false
	}
	for i := 0; i < len(port); i++ {
		if !isDigit(port[i]) {
			return false
		}
	}
	return true
}

func validHostName(h string) bool {
	if h == "" {
		return false
	}
	for i := 0; i < len(h); i++ {
		if !isAlpha(h[i]) && !isDigit(h[i]) && h[i] != '-' && h[i] != '.' {
			return false
		}
	}
	return true
}

// validPathQuery checks an absolute path with optional query: pchar and "/"
// before the first "?", pchar "/" "?" after (RFC 3986 3.3, 3.4).
func validPathQuery(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '%':
			if i+2 >= len(s) || !isHex(s[i+1]) || !isHex(s[i+2]) {
				return false
			}
			i += 2
		case c == '/' || c == '?' || isPcharByte(c):
		default:
			return false
		}
	}
	return true
}

// isPcharByte covers unreserved, sub-delims, ":" and "@" (RFC 3986 3.3).
func isPcharByte(c byte) bool {
	return isAlpha(c) || isDigit(c) || strings.IndexByte("-._~!$&'()*+,;=:@", c) >= 0
}

func isAlpha(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }
func isDigit(c byte) bool { return '0' <= c && c <= '9' }
func isHex(c byte) bool   { return isDigit(c) || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F' }
