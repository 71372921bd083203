package httpmsg

import (
	"errors"
	"strconv"

	"github.com/sockplay/sockplay/core/internal/text"
)

// NewRequest returns an HTTP/1.1 request ready for Append.
func NewRequest(method, target string, h Header, body []byte) Message {
	return Message{Method: method, Target: target, Major: 1, Minor: 1, Header: h, Body: body, ContentLength: -1}
}

// NewResponse returns an HTTP/1.1 response with the standard reason phrase.
func NewResponse(status int, h Header, body []byte) Message {
	return Message{Response: true, Status: status, Reason: StatusText(status), Major: 1, Minor: 1, Header: h, Body: body, ContentLength: -1}
}

// Append writes m to dst in wire form. The framing follows m.Framing:
// ChunkedBody sends the body as one chunk then the last chunk and m.Trailer
// (adding "Transfer-Encoding: chunked" if absent); UntilCloseBody sends the
// body bare; otherwise a Content-Length field is added when a body is
// allowed and none is given. Invalid names, values or framing give an
// error and nothing is appended.
func (m *Message) Append(dst []byte) ([]byte, error) {
	if err := m.checkBuildable(); err != nil {
		return dst, err
	}
	out := append(dst, m.StartLine()...)
	out = append(out, "\r\n"...)
	out = appendFields(out, m.Header)
	switch m.Framing {
	case ChunkedBody:
		if !m.Header.Has("Transfer-Encoding") {
			out = append(out, "Transfer-Encoding: chunked\r\n"...)
		}
		out = append(out, "\r\n"...)
		out = AppendChunk(out, m.Body)
		out = append(out, "0\r\n"...)
		out = appendFields(out, m.Trailer)
		return append(out, "\r\n"...), nil
	case UntilCloseBody:
	default:
		if m.bodyAllowed() && !m.Header.Has("Content-Length") && (m.Response || len(m.Body) > 0) {
			out = append(out, "Content-Length: "...)
			out = strconv.AppendInt(out, int64(len(m.Body)), 10)
			out = append(out, "\r\n"...)
		}
	}
	out = append(out, "\r\n"...)
	return append(out, m.Body...), nil
}

// AppendChunk writes data as one chunk (RFC 9112 7.1); empty data writes
// nothing, since a zero-size chunk would end the body.
func AppendChunk(dst, data []byte) []byte {
	if len(data) == 0 {
		return dst
	}
	dst = strconv.AppendUint(dst, uint64(len(data)), 16)
	dst = append(dst, "\r\n"...)
	dst = append(dst, data...)
	return append(dst, "\r\n"...)
}

// AppendLastChunk ends a chunked body with the last chunk and trailer.
func AppendLastChunk(dst []byte, trailer Header) ([]byte, error) {
	if err := checkFields(trailer); err != nil {
		return dst, err
	}
	dst = append(dst, "0\r\n"...)
	dst = appendFields(dst, trailer)
	return append(dst, "\r\n"...), nil
}

func appendFields(dst []byte, h Header) []byte {
	for _, f := range h {
		dst = append(dst, f.Name...)
		dst = append(dst, ": "...)
		dst = append(dst, f.Value...)
		dst = append(dst, "\r\n"...)
	}
	return dst
}

func (m *Message) bodyAllowed() bool {
	return !m.Response || !(m.Status/100 == 1 || m.Status == 204 || m.Status == 304)
}

func (m *Message) checkBuildable() error {
	if m.Major != 1 || m.Minor < 0 || m.Minor > 9 {
		return errors.New("http: cannot build version " + strconv.Itoa(m.Major) + "." + strconv.Itoa(m.Minor))
	}
	if m.Response {
		if m.Status < 100 || m.Status > 599 {
			return errors.New("http: status " + strconv.Itoa(m.Status) + " out of range")
		}
		if !ValidFieldValue(m.Reason) {
			return errors.New("http: invalid reason phrase " + strconv.Quote(m.Reason))
		}
	} else {
		if !isToken(m.Method) {
			return errors.New("http: invalid method " + strconv.Quote(m.Method))
		}
		if !validTarget(m.Method, m.Target) {
			return errors.New("http: invalid request target " + strconv.Quote(m.Target))
		}
	}
	if err := checkFields(m.Header); err != nil {
		return err
	}
	if err := checkFields(m.Trailer); err != nil {
		return err
	}
	if len(m.Body) > 0 && !m.bodyAllowed() {
		return errors.New("http: status " + strconv.Itoa(m.Status) + " has no body")
	}
	if m.Framing == UntilCloseBody && !m.Response {
		return errors.New("http: a request body cannot run until close")
	}
	if m.Framing != ChunkedBody && len(m.Trailer) > 0 {
		return errors.New("http: trailer fields need a chunked body")
	}
	// A response to HEAD announces the length of the body it does not send.
	headResponse := m.Response && m.RequestMethod == "HEAD"
	if headResponse && len(m.Body) > 0 {
		return errors.New("http: a response to HEAD has no body")
	}
	if cl := m.Header.Values("Content-Length"); len(cl) > 0 && m.Framing != ChunkedBody && m.bodyAllowed() && !headResponse {
		if len(cl) > 1 || cl[0] != strconv.Itoa(len(m.Body)) {
			return errors.New("http: Content-Length " + text.QuoteList(cl) + " does not match a " + strconv.Itoa(len(m.Body)) + " byte body")
		}
	}
	if m.Framing == ChunkedBody && m.Minor == 0 {
		return errors.New("http: HTTP/1.0 has no chunked coding")
	}
	if m.Framing == ChunkedBody && m.Header.Has("Content-Length") {
		return errors.New("http: Content-Length with a chunked body")
	}
	return nil
}

func checkFields(h Header) error {
	for _, f := range h {
		if !ValidFieldName(f.Name) {
			return errors.New("http: invalid field name " + strconv.Quote(f.Name))
		}
		if !ValidFieldValue(f.Value) || trimOWS(f.Value) != f.Value {
			return errors.New("http: invalid value " + strconv.Quote(f.Value) + " for field " + f.Name)
		}
	}
	return nil
}

// StatusText is the reason phrase RFC 9110 15 gives a status code, or "".
func StatusText(code int) string {
	switch code {
	case 100:
		return "Continue"
	case 101:
		return "Switching Protocols"
	case 103:
		return "Early Hints"
	case 200:
		return "OK"
	case 201:
		return "Created"
	case 202:
		return "Accepted"
	case 204:
		return "No Content"
	case 206:
		return "Partial Content"
	case 301:
		return "Moved Permanently"
	case 302:
		return "Found"
	case 303:
		return "See Other"
	case 304:
		return "Not Modified"
	case 307:
		return "Temporary Redirect"
	case 308:
		return "Permanent Redirect"
	case 400:
		return "Bad Request"
	case 401:
		return "Unauthorized"
	case 403:
		return "Forbidden"
	case 404:
		return "Not Found"
	case 405:
		return "Method Not Allowed"
	case 408:
		return "Request Timeout"
	case 411:
		return "Length Required"
	case 413:
		return "Content Too Large"
	case 414:
		return "URI Too Long"
	case 426:
		return "Upgrade Required"
	case 431:
		return "Request Header Fields Too Large"
	case 500:
		return "Internal Server Error"
	case 501:
		return "Not Implemented"
	case 502:
		return "Bad Gateway"
	case 503:
		return "Service Unavailable"
	case 505:
		return "HTTP Version Not Supported"
	}
	return ""
}
