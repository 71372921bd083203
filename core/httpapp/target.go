package httpapp

import (
	"errors"
	"strconv"
	"strings"
)

// splitTarget takes the path and query of a request target (RFC 9112 3.2)
// exactly as Go's net/url.ParseRequestURI and ParseQuery read the targets
// httpmsg accepts, errors included; written out because net/url (and the
// fmt it imports) would weigh on the WebAssembly build. The authority of
// an absolute-form target is not checked: httpmsg already has.
func splitTarget(target string) (string, queryValues, error) {
	switch {
	case hasControlByte(target):
		return "", nil, targetError(target, "net/url: invalid control character in URL")
	case target == "":
		return "", nil, targetError(target, "empty url")
	case target == "*":
		return "*", nil, nil
	}
	rest, rawQuery, _ := strings.Cut(target, "?")
	if !strings.HasPrefix(rest, "/") {
		scheme, hier, ok := cutScheme(rest)
		switch {
		case scheme == "" && ok:
			return "", nil, targetError(target, "missing protocol scheme")
		case scheme == "":
			return "", nil, targetError(target, "invalid URI for request")
		case strings.HasPrefix(hier, "//"):
			// absolute-form: the path starts after the authority.
			rest = ""
			if i := strings.IndexByte(hier[2:], '/'); i >= 0 {
				rest = hier[2+i:]
			}
		case strings.HasPrefix(hier, "/"):
			rest = hier
		default:
			// scheme:opaque, which is how authority-form (CONNECT
			// host:port) reads when the host starts with a letter.
			rest = ""
		}
	}
	path, err := unescape(rest, false)
	if err != nil {
		return "", nil, targetError(target, err.Error())
	}
	if path == "" {
		path = "/"
	}
	q, err := parseQuery(rawQuery)
	if err != nil {
		return "", nil, err
	}
	return path, q, nil
}

// targetError reads like net/url's *url.Error for Op "parse".
func targetError(target, msg string) error {
	return errors.New("parse " + strconv.Quote(target) + ": " + msg)
}

func hasControlByte(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < ' ' || s[i] == 0x7f {
			return true
		}
	}
	return false
}

// cutScheme splits "scheme:rest" (RFC 3986 3.1). ok with an empty scheme
// means s starts with a colon.
func cutScheme(s string) (scheme, rest string, ok bool) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z':
		case '0' <= c && c <= '9' || c == '+' || c == '-' || c == '.':
			if i == 0 {
				return "", s, false
			}
		case c == ':':
			return s[:i], s[i+1:], true
		default:
			return "", s, false
		}
	}
	return "", s, false
}

// maxQueryParams is net/url's default limit on query parameters.
const maxQueryParams = 10000

// queryValues are a query's key/value pairs in order.
type queryValues []queryParam

type queryParam struct{ key, value string }

// Get is the first value of key, or "".
func (q queryValues) Get(key string) string {
	for _, p := range q {
		if p.key == key {
			return p.value
		}
	}
	return ""
}

// parseQuery reads application/x-www-form-urlencoded pairs as
// url.ParseQuery does: it refuses ";" separators and bad escapes, but
// reports the first error only after reading every other pair.
func parseQuery(query string) (queryValues, error) {
	if strings.Count(query, "&")+1 > maxQueryParams {
		return nil, errors.New("number of URL query parameters exceeded limit")
	}
	var q queryValues
	var err error
	for query != "" {
		var pair string
		pair, query, _ = strings.Cut(query, "&")
		if strings.Contains(pair, ";") {
			err = errors.New("invalid semicolon separator in query")
			continue
		}
		if pair == "" {
			continue
		}
		key, value, _ := strings.Cut(pair, "=")
		key, kerr := unescape(key, true)
		if kerr == nil {
			value, kerr = unescape(value, true)
		}
		if kerr != nil {
			if err == nil {
				err = kerr
			}
			continue
		}
		q = append(q, queryParam{key, value})
	}
	return q, err
}

// unescape decodes %XX escapes, and "+" as a space in a query component.
func unescape(s string, query bool) (string, error) {
	if !strings.ContainsAny(s, "%+") {
		return s, nil
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '%':
			if i+2 >= len(s) || !isHex(s[i+1]) || !isHex(s[i+2]) {
				return "", errors.New("invalid URL escape " + strconv.Quote(s[i:min(i+3, len(s))]))
			}
			b = append(b, unhex(s[i+1])<<4|unhex(s[i+2]))
			i += 2
		case c == '+' && query:
			b = append(b, ' ')
		default:
			b = append(b, c)
		}
	}
	return string(b), nil
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case c <= '9':
		return c - '0'
	case c <= 'F':
		return c - 'A' + 10
	}
	return c - 'a' + 10
}
