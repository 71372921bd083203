package httpmsg

import (
	"bufio"
	"bytes"
	"io"
	"maps"
	"net/http"
	"strings"
)

// summary is what both parsers must agree on for one message.
type summary struct {
	Method, Target string
	Status         int
	Major, Minor   int
	Header         http.Header
	Body           string
	Trailer        http.Header
	Close          bool
	Switch         bool // head only is compared: the rest is not HTTP
}

// netHTTPParse runs the stream through http.ReadRequest or
// http.ReadResponse, message after message, as a Go server or client would.
func netHTTPParse(response bool, methods []string, stream []byte) ([]summary, error) {
	br := bufio.NewReader(bytes.NewReader(stream))
	var out []summary
	for {
		if _, err := br.Peek(1); err == io.EOF {
			return out, nil
		}
		if !response {
			req, err := http.ReadRequest(br)
			if err != nil {
				return out, err
			}
			body, err := io.ReadAll(req.Body)
			if err != nil {
				return out, err
			}
			out = append(out, summary{
				Method: req.Method, Target: req.RequestURI,
				Major: req.ProtoMajor, Minor: req.ProtoMinor,
				Header: req.Header, Body: string(body), Trailer: received(req.Trailer), Close: req.Close,
			})
			continue
		}
		method := "GET"
		if len(methods) > 0 {
			method = methods[0]
		}
		resp, err := http.ReadResponse(br, &http.Request{Method: method})
		if err != nil {
			return out, err
		}
		s := summary{
			Status: resp.StatusCode, Major: resp.ProtoMajor, Minor: resp.ProtoMinor,
			Header: resp.Header, Close: resp.Close,
		}
		if resp.StatusCode >= 200 || resp.StatusCode == 101 {
			if len(methods) > 0 {
				methods = methods[1:]
			}
		}
		if resp.StatusCode == 101 || method == "CONNECT" && resp.StatusCode/100 == 2 {
			s.Switch, s.Close = true, false
			return append(out, s), nil
		}
		body, err := io.ReadAll(resp.Body)
		if err != nil {
			return out, err
		}
		s.Body, s.Trailer = string(body), received(resp.Trailer)
		out = append(out, s)
	}
}

// received drops the trailer names net/http pre-declares from a Trailer
// field without a value having arrived.
func received(h http.Header) http.Header {
	out := http.Header{}
	for k, v := range h {
		if v != nil {
			out[k] = v
		}
	}
	return out
}

// ourParse runs the stream, cut into pieces, through our parser.
func ourParse(response bool, methods []string, pieces [][]byte) ([]Message, error) {
	p := NewRequestParser(Limits{})
	if response {
		p = NewResponseParser(Limits{})
		for _, m := range methods {
			p.ExpectResponseTo(m)
		}
	}
	var all []Message
	for _, piece := range pieces {
		ms, err := p.Feed(piece)
		all = append(all, ms...)
		if err != nil {
			return all, err
		}
	}
	ms, err := p.Finish()
	return append(all, ms...), err
}

// summarize rewrites our message the way net/http presents it: canonical
// names in a map, and the fields net/http removes or adds.
func summarize(m Message) summary {
	h := http.Header{}
	for _, f := range m.Header {
		h.Add(f.Name, f.Value)
	}
	if !m.Response {
		h.Del("Host") // http.ReadRequest moves it to Request.Host
	}
	if h.Get("Transfer-Encoding") != "" {
		h.Del("Transfer-Encoding")
		h.Del("Trailer")
	}
	if cl := h.Values("Content-Length"); len(cl) > 1 {
		h.Set("Content-Length", cl[0])
	}
	if pragma := h.Values("Pragma"); len(pragma) > 0 && pragma[0] == "no-cache" && h.Values("Cache-Control") == nil {
		h.Set("Cache-Control", "no-cache")
	}
	if m.Response && !(m.Major == 1 && m.Minor == 0) && m.Header.HasToken("Connection", "close") {
		h.Del("Connection")
	}
	trailer := http.Header{}
	for _, f := range m.Trailer {
		trailer.Add(f.Name, f.Value)
	}
	s := summary{
		Method: m.Method, Target: m.Target, Status: m.Status, Major: m.Major, Minor: m.Minor,
		Header: h, Body: string(m.Body), Trailer: trailer, Close: m.Close, Switch: m.Switch,
	}
	if m.Switch {
		s.Close, s.Body, s.Trailer = false, "", nil
	}
	return s
}

func summarizeAll(ms []Message) []summary {
	out := make([]summary, 0, len(ms))
	for _, m := range ms {
		out = append(out, summarize(m))
	}
	return out
}

// normalizeEmpty makes nil and empty maps compare equal.
func normalizeEmpty(ss []summary) []summary {
	out := make([]summary, len(ss))
	for i, s := range ss {
		s.Header = maps.Clone(s.Header)
		if s.Header == nil {
			s.Header = http.Header{}
		}
		if len(s.Trailer) == 0 {
			s.Trailer = nil
		}
		out[i] = s
	}
	return out
}

// crlf turns "\n" into "\r\n" so corpus entries stay readable.
func crlf(s string) string { return strings.ReplaceAll(s, "\n", "\r\n") }
