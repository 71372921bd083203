package httpmsg

import (
	"strconv"
	"strings"
)

// frame decides, once m's head is complete, how its body is delimited
// (RFC 9112 6.1-6.3) and whether the connection persists. off is where the
// head started, for error positions.
func frame(m *Message, limits Limits, off int64) *Error {
	if !m.Response && len(m.Header.Values("Host")) > 1 {
		return newError(400, off, "too many Host fields") // RFC 9112 3.2
	}
	chunked, err := transferEncoding(m, off)
	if err != nil {
		return err
	}
	length, hasLength, err := contentLength(m.Header, off)
	if err != nil {
		return err
	}
	if chunked && hasLength {
		// RFC 9112 6.1: a sender must not send both; a server ought to treat
		// it as an error because it is how request smuggling works.
		return newError(400, off, "both Transfer-Encoding and Content-Length")
	}
	if chunked {
		if err := checkTrailerDeclaration(m.Header, off); err != nil {
			return err
		}
	}
	m.ContentLength = -1
	if hasLength {
		m.ContentLength = length
	}
	m.Close = !persistent(m.Major, m.Minor, m.Header)

	switch {
	case m.Response && noResponseBody(m):
		m.Framing = NoBody
		m.Switch = m.Status == 101 || m.RequestMethod == "CONNECT" && m.Status/100 == 2
	case chunked:
		m.Framing = ChunkedBody
	case hasLength:
		m.Framing = LengthBody
	case m.Response:
		m.Framing = UntilCloseBody
		m.Close = true
	default:
		m.Framing = NoBody // RFC 9112 6.3 item 7: a request without length has none
	}
	if m.Framing == LengthBody && length > limits.MaxBodyBytes {
		return newError(413, off, "body of "+strconv.FormatInt(length, 10)+" bytes is over the "+strconv.FormatInt(limits.MaxBodyBytes, 10)+" byte limit")
	}
	return nil
}

// noResponseBody lists the responses that never carry a body, whatever
// their fields say (RFC 9112 6.3 items 1-2).
func noResponseBody(m *Message) bool {
	switch {
	case m.RequestMethod == "HEAD", m.Status/100 == 1, m.Status == 204, m.Status == 304:
		return true
	}
	return m.RequestMethod == "CONNECT" && m.Status/100 == 2
}

// transferEncoding accepts only a lone "chunked", the one coding this
// parser decodes (RFC 9112 6.1); others get 501 as net/http does.
func transferEncoding(m *Message, off int64) (chunked bool, err *Error) {
	values := m.Header.Values("Transfer-Encoding")
	switch {
	case len(values) == 0:
		return false, nil
	case m.Major == 1 && m.Minor == 0:
		// RFC 9112 6.1: Transfer-Encoding in HTTP/1.0 means faulty framing.
		return false, newError(400, off, "Transfer-Encoding in an HTTP/1.0 message")
	case len(values) > 1:
		return false, newError(501, off, "too many Transfer-Encoding fields")
	case !strings.EqualFold(values[0], "chunked"):
		return false, newError(501, off, "unsupported transfer coding "+strconv.Quote(values[0]))
	}
	return true, nil
}

// contentLength reads Content-Length: digits only; several fields must be
// identical (RFC 9110 8.6; a list "5, 5" in one field is refused, as
// net/http does).
func contentLength(h Header, off int64) (n int64, ok bool, err *Error) {
	values := h.Values("Content-Length")
	if len(values) == 0 {
		return 0, false, nil
	}
	for _, v := range values[1:] {
		if v != values[0] {
			return 0, false, newError(400, off, "differing Content-Length values "+strconv.Quote(values[0])+" and "+strconv.Quote(v))
		}
	}
	v := values[0]
	if v == "" {
		return 0, false, newError(400, off, "empty Content-Length")
	}
	for i := 0; i < len(v); i++ {
		if !isDigit(v[i]) {
			return 0, false, newError(400, off, "bad Content-Length "+strconv.Quote(v))
		}
		d := int64(v[i] - '0')
		if n > (1<<63-1-d)/10 {
			return 0, false, newError(400, off, "Content-Length "+strconv.Quote(v)+" too large")
		}
		n = n*10 + d
	}
	return n, true, nil
}

// checkTrailerDeclaration refuses a Trailer field announcing framing fields,
// which must never come in a trailer (RFC 9110 6.5.1).
func checkTrailerDeclaration(h Header, off int64) *Error {
	for _, v := range h.Values("Trailer") {
		for name := range strings.SplitSeq(v, ",") {
			name = trimOWS(name)
			for _, banned := range []string{"Transfer-Encoding", "Trailer", "Content-Length"} {
				if strings.EqualFold(name, banned) {
					return newError(400, off, "Trailer declares "+strconv.Quote(name))
				}
			}
		}
	}
	return nil
}
