package httpmsg

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestBuildRequestAddsLength(t *testing.T) {
	m := NewRequest("POST", "/echo", Header{{"Host", "server"}}, []byte("hi"))
	b, err := m.Append(nil)
	require.NoError(t, err)
	assert.Equal(t, "POST /echo HTTP/1.1\r\nHost: server\r\nContent-Length: 2\r\n\r\nhi", string(b))

	get := NewRequest("GET", "/", Header{{"Host", "server"}}, nil)
	b, err = get.Append([]byte("prefix|"))
	require.NoError(t, err)
	assert.Equal(t, "prefix|GET / HTTP/1.1\r\nHost: server\r\n\r\n", string(b))
}

func TestBuildResponses(t *testing.T) {
	ok := NewResponse(200, Header{{"Content-Type", "text/plain"}}, []byte("hello"))
	b, err := ok.Append(nil)
	require.NoError(t, err)
	assert.Equal(t, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello", string(b))

	empty := NewResponse(404, nil, nil)
	b, err = empty.Append(nil)
	require.NoError(t, err)
	assert.Equal(t, "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n", string(b))

	noContent := NewResponse(204, nil, nil)
	b, err = noContent.Append(nil)
	require.NoError(t, err)
	assert.Equal(t, "HTTP/1.1 204 No Content\r\n\r\n", string(b))

	chunked := NewResponse(200, nil, []byte("stream"))
	chunked.Framing = ChunkedBody
	chunked.Trailer = Header{{"X-Done", "yes"}}
	b, err = chunked.Append(nil)
	require.NoError(t, err)
	assert.Equal(t, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n6\r\nstream\r\n0\r\nX-Done: yes\r\n\r\n", string(b))

	head := NewResponse(200, Header{{"Content-Length", "1234"}}, nil)
	head.RequestMethod = "HEAD"
	b, err = head.Append(nil)
	require.NoError(t, err)
	assert.Equal(t, "HTTP/1.1 200 OK\r\nContent-Length: 1234\r\n\r\n", string(b))
}

func TestBuildChunksByHand(t *testing.T) {
	b := AppendChunk(nil, []byte("tick 1"))
	b = AppendChunk(b, nil)
	b = AppendChunk(b, make([]byte, 26))
	b, err := AppendLastChunk(b, nil)
	require.NoError(t, err)
	assert.Equal(t, "6\r\ntick 1\r\n1a\r\n"+string(make([]byte, 26))+"\r\n0\r\n\r\n", string(b))
	_, err = AppendLastChunk(nil, Header{{"Bad Name", "x"}})
	assert.Error(t, err)
}

func TestBuildRefusesInvalid(t *testing.T) {
	cases := map[string]Message{
		"method":           NewRequest("G T", "/", nil, nil),
		"target":           NewRequest("GET", "no-slash", nil, nil),
		"field name":       NewRequest("GET", "/", Header{{"X Y", "1"}}, nil),
		"field value":      NewRequest("GET", "/", Header{{"X", "a\r\nInjected: 1"}}, nil),
		"padded value":     NewRequest("GET", "/", Header{{"X", " a"}}, nil),
		"status":           NewResponse(99, nil, nil),
		"reason":           {Response: true, Status: 200, Reason: "O\nK", Major: 1, Minor: 1},
		"body on 304":      NewResponse(304, nil, []byte("x")),
		"wrong length":     NewResponse(200, Header{{"Content-Length", "3"}}, []byte("toolong")),
		"version":          {Method: "GET", Target: "/", Major: 2},
		"trailer no chunk": {Response: true, Status: 200, Major: 1, Minor: 1, Trailer: Header{{"X", "1"}}},
		"request to close": {Method: "POST", Target: "/", Major: 1, Minor: 1, Framing: UntilCloseBody},
		"chunked 1.0":      {Response: true, Status: 200, Major: 1, Minor: 0, Framing: ChunkedBody},
		"chunked and CL":   {Response: true, Status: 200, Major: 1, Minor: 1, Framing: ChunkedBody, Header: Header{{"Content-Length", "1"}}},
		"HEAD with body":   {Response: true, Status: 200, Major: 1, Minor: 1, RequestMethod: "HEAD", Body: []byte("x")},
	}
	for name, m := range cases {
		b, err := m.Append([]byte("keep"))
		assert.Error(t, err, name)
		assert.Equal(t, "keep", string(b), name)
	}
}

// TestBuildThenParse checks that what Append writes parses back the same,
// by both our parser and net/http.
func TestBuildThenParse(t *testing.T) {
	chunked := NewResponse(200, Header{{"Cache-Control", "no-store"}}, []byte("0123456789abcdef0123"))
	chunked.Framing = ChunkedBody
	chunked.Trailer = Header{{"X-Sum", "99"}}
	msgs := []Message{
		NewRequest("GET", "/index.html?x=1", Header{{"Host", "server"}, {"Accept", "*/*"}}, nil),
		NewRequest("PUT", "http://server/f", Header{{"Host", "server"}}, []byte("data")),
		NewResponse(201, Header{{"Location", "/f"}}, []byte("created")),
		chunked,
		NewResponse(101, Header{{"Upgrade", "websocket"}, {"Connection", "Upgrade"}}, nil),
	}
	for _, m := range msgs {
		b, err := m.Append(nil)
		require.NoError(t, err)
		parsed, err := ourParse(m.Response, nil, [][]byte{b})
		require.NoError(t, err, string(b))
		require.Len(t, parsed, 1)
		got := parsed[0]
		assert.Equal(t, m.StartLine(), got.StartLine())
		assert.Equal(t, string(m.Body), string(got.Body))
		assert.Equal(t, m.Trailer, got.Trailer)
		for _, f := range m.Header {
			assert.Equal(t, f.Value, got.Header.Get(f.Name))
		}
		theirs, err := netHTTPParse(m.Response, nil, b)
		require.NoError(t, err)
		assert.Equal(t, normalizeEmpty(theirs), normalizeEmpty(summarizeAll(parsed)))
	}
}

func TestStatusText(t *testing.T) {
	assert.Equal(t, "Switching Protocols", StatusText(101))
	assert.Equal(t, "Request Header Fields Too Large", StatusText(431))
	assert.Equal(t, "", StatusText(299))
}
