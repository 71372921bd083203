package httpmsg

import "strconv"

// Framing says how a message's body is delimited (RFC 9112 6.3).
type Framing int

const (
	NoBody         Framing = iota // no body: requests without length, HEAD, 1xx, 204, 304 responses
	LengthBody                    // Content-Length bytes
	ChunkedBody                   // Transfer-Encoding: chunked
	UntilCloseBody                // response body running until the server closes
)

func (f Framing) String() string {
	switch f {
	case LengthBody:
		return "content-length"
	case ChunkedBody:
		return "chunked"
	case UntilCloseBody:
		return "until-close"
	}
	return "none"
}

// PartKind names a piece of a message on the wire.
type PartKind int

const (
	PartHead      PartKind = iota // start line, field lines and the blank line
	PartBody                      // body bytes framed by Content-Length or close
	PartChunkSize                 // a chunk-size line, extensions included
	PartChunkData                 // the data of one chunk
	PartChunkEnd                  // the CRLF after a chunk's data
	PartLastChunk                 // the "0" chunk-size line ending the chunks
	PartTrailer                   // trailer field lines and the final blank line
)

func (k PartKind) String() string {
	names := [...]string{"head", "body", "chunk-size", "chunk-data", "chunk-end", "last-chunk", "trailer"}
	if k < 0 || int(k) >= len(names) {
		return "part " + strconv.Itoa(int(k))
	}
	return names[k]
}

// Part is the stream byte range [Start, End) that carries one piece.
type Part struct {
	Kind       PartKind
	Start, End int64
}

// Message is a parsed request or response.
type Message struct {
	Response bool

	Method string // requests
	Target string // requests: the request-target as sent

	Status int    // responses
	Reason string // responses
	// RequestMethod is, for a response, the method of the request it answers
	// (it decides whether a body follows, RFC 9112 6.3).
	RequestMethod string

	Major, Minor int
	Header       Header
	Trailer      Header

	Framing       Framing
	ContentLength int64 // declared length, -1 if none
	Body          []byte

	// Close reports that the connection ends after this message (RFC 9112
	// 9.3, and a body that runs until close), as net/http's Close field.
	Close bool
	// Switch reports that the bytes after this message are no longer HTTP:
	// a 101 response or a 2xx response to CONNECT (RFC 9110 15.2.2, 9.3.6).
	Switch bool

	Start, End int64 // stream offsets of the first byte and past the last
	Parts      []Part
}

// Proto returns the version as sent, e.g. "HTTP/1.1".
func (m *Message) Proto() string {
	return "HTTP/" + strconv.Itoa(m.Major) + "." + strconv.Itoa(m.Minor)
}

// StartLine returns the request line or status line without CRLF.
func (m *Message) StartLine() string {
	if !m.Response {
		return m.Method + " " + m.Target + " " + m.Proto()
	}
	line := m.Proto() + " " + strconv.Itoa(m.Status)
	if m.Reason != "" {
		line += " " + m.Reason
	}
	return line
}

// KeepAlive reports whether the connection persists after m.
func (m *Message) KeepAlive() bool { return !m.Close }

// persistent applies RFC 9112 9.3: "close" ends the connection; HTTP/1.1
// and later persist by default; HTTP/1.0 persists only with "keep-alive".
func persistent(major, minor int, h Header) bool {
	if h.HasToken("Connection", "close") {
		return false
	}
	if major == 1 && minor == 0 {
		return h.HasToken("Connection", "keep-alive")
	}
	return true
}
