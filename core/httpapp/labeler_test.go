package httpapp

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sockplay/sockplay/core/errno"
	"github.com/sockplay/sockplay/core/httpmsg"
	"github.com/sockplay/sockplay/core/trace"
	"github.com/sockplay/sockplay/core/websocket"
)

// segments labels data cut at the given offsets, as one stream.
func segments(s *stream, data string, cuts ...int) []string {
	var out []string
	prev := 0
	for _, c := range append(cuts, len(data)) {
		out = append(out, s.label(int64(prev), []byte(data[prev:c])))
		prev = c
	}
	return out
}

func TestLabelsOfSplitRequests(t *testing.T) {
	req := "GET /index.html HTTP/1.1\r\nHost: server\r\n\r\n"
	assert.Equal(t, []string{"GET /index.html HTTP/1.1"}, segments(newConnStreams().requests, req))
	assert.Equal(t, []string{"HTTP (partial start line)", "GET /index.html HTTP/1.1 (partial head)", "GET /index.html HTTP/1.1 (end of head)"},
		segments(newConnStreams().requests, req, 4, 30))
}

func TestLabelsOfCoalescedRequests(t *testing.T) {
	one := "GET /a HTTP/1.1\r\nHost: s\r\n\r\n"
	assert.Equal(t, []string{"GET /a HTTP/1.1 + GET /a HTTP/1.1"}, segments(newConnStreams().requests, one+one))
	assert.Equal(t, []string{"GET /a HTTP/1.1 + GET /a HTTP/1.1 + 3 more"}, segments(newConnStreams().requests, strings.Repeat(one, 5)))
	assert.Equal(t, []string{"GET /a HTTP/1.1 + HTTP (partial start line)", "GET /a HTTP/1.1 (end of head)"},
		segments(newConnStreams().requests, one+one, len(one)+10))
	assert.Equal(t, []string{"GET /a HTTP/1.1 + GET /a HTTP/1.1 (partial head)", "GET /a HTTP/1.1 (end of head)"},
		segments(newConnStreams().requests, one+one, len(one)+17))
}

func TestLabelsOfABodyInSegments(t *testing.T) {
	s := newConnStreams().responses
	resp := "HTTP/1.1 200 OK\r\nContent-Length: 3000\r\n\r\n" + strings.Repeat("x", 3000)
	head := len(resp) - 3000
	got := segments(s, resp+"HTTP/1.1 204 No Content\r\n\r\n", head+1000, head+2000)
	assert.Equal(t, []string{
		"HTTP/1.1 200 OK (1000/3000 bytes of body)",
		"HTTP/1.1 200 OK (2000/3000 bytes of body)",
		"HTTP/1.1 200 OK (3000/3000 bytes of body) + HTTP/1.1 204 No Content",
	}, got)
	// Head alone, then the body.
	s = newConnStreams().responses
	assert.Equal(t, []string{"HTTP/1.1 200 OK (head)", "HTTP/1.1 200 OK (3000/3000 bytes of body)"}, segments(s, resp, head))
}

func TestLabelsOfChunksAndUntilClose(t *testing.T) {
	s := newConnStreams().responses
	head := "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
	body := "5\r\nhello\r\n5\r\nworld\r\n0\r\n\r\n"
	got := segments(s, head+body, len(head), len(head)+10, len(head)+20)
	assert.Equal(t, []string{"HTTP/1.1 200 OK (head)", "HTTP/1.1 200 OK (chunk 1)", "HTTP/1.1 200 OK (chunk 2)", "HTTP/1.1 200 OK (last chunk)"}, got)

	s = newConnStreams().responses
	got = segments(s, "HTTP/1.0 200 OK\r\n\r\nabcdef", 22)
	assert.Equal(t, []string{"HTTP/1.0 200 OK (3 bytes of body so far)", "HTTP/1.0 200 OK (6 bytes of body so far)"}, got)
}

func TestResponsesToHEADAndUpgradeFollowTheRequests(t *testing.T) {
	cs := newConnStreams()
	key := websocket.NewKey([16]byte{})
	up := websocket.NewRequest("s", "/push", key)
	reqs, err := up.Append([]byte("HEAD / HTTP/1.1\r\nHost: s\r\n\r\n"))
	require.NoError(t, err)
	assert.Equal(t, "HEAD / HTTP/1.1 + GET /push HTTP/1.1", cs.requests.label(0, reqs))

	accept := websocket.AcceptResponse(key)
	resps, err := accept.Append([]byte("HTTP/1.1 200 OK\r\nContent-Length: 99\r\n\r\n"))
	require.NoError(t, err)
	tick, _ := websocket.AppendFrame(nil, websocket.Text("tick 1"))
	assert.Equal(t, "HTTP/1.1 200 OK + HTTP/1.1 101 Switching Protocols + WS text \"tick 1\"",
		cs.responses.label(0, append(resps, tick...)), "no body after a HEAD's Content-Length")

	hi, _ := websocket.AppendFrame(nil, websocket.Text("hi").WithMask([4]byte{1, 2, 3, 4}))
	assert.Equal(t, `WS text "hi"`, cs.requests.label(int64(len(reqs)), hi))
	big, _ := websocket.AppendFrame(nil, websocket.Binary(make([]byte, 1000)).WithMask([4]byte{9, 9, 9, 9}))
	off := int64(len(reqs) + len(hi))
	assert.Equal(t, "WS binary (396/1000 bytes)", cs.requests.label(off, big[:404]))
	assert.Equal(t, "WS binary (1000/1000 bytes)", cs.requests.label(off+404, big[404:]))
	assert.Equal(t, "WS (partial frame header)", cs.requests.label(off+int64(len(big)), hi[:1]))
}

func TestNonHTTPStreamsGetNoLabel(t *testing.T) {
	assert.Equal(t, []string{"", ""}, segments(newConnStreams().requests, "hello, server\nmore\n", 5))
	assert.Equal(t, []string{""}, segments(newConnStreams().responses, "hello, client\n"))
	assert.Equal(t, []string{"", ""}, segments(newConnStreams().requests, "get / http/1.1\r\n\r\n", 3), "lower case is not a method here")
	s := newConnStreams().requests
	s.label(0, []byte("GET / HTTP/1.1\r\nHost: s\r\n\r\n"))
	assert.Equal(t, "", s.label(100, []byte("GET / HTTP/1.1\r\nHost: s\r\n\r\n")), "after a gap nothing is known")
	assert.Equal(t, "GET / HTTP/1.1", s.label(0, []byte("GET / HTTP/1.1\r\nHost: s\r\n\r\n")), "what was known stays")
}

func TestRetransmissionsGetTheSameLabel(t *testing.T) {
	r := newRig(t, 30, ServerOptions{})
	cl := r.client()
	_, err := cl.Get("/index.html", 1, "")
	require.NoError(t, err)
	r.w.Settle()
	flights := r.w.InFlight()
	require.Len(t, flights, 1)
	assert.Equal(t, "GET /index.html HTTP/1.1", flights[0].Label, "in-flight packets carry their label")
	require.NoError(t, r.w.Drop(flights[0].ID))
	r.until(time.Minute, func() bool { return cl.Outstanding() == 1 && len(cl.ready) == 1 })

	var reqLabels []string
	for _, ev := range r.w.Log().Events() {
		if ev.Kind == trace.Send && ev.From == "client" && ev.Label != "" {
			reqLabels = append(reqLabels, ev.Label)
		}
	}
	assert.Equal(t, []string{"GET /index.html HTTP/1.1", "GET /index.html HTTP/1.1"}, reqLabels, "original and retransmission")
}

func TestRawHandWrittenHTTPIsLabelled(t *testing.T) {
	r := newRig(t, 31, ServerOptions{})
	fd := r.dial()
	must(t, r.c.Send(fd, []byte("GET /style.css HTTP/1.0\r\n"), 0))
	r.w.Run(100000)
	must(t, r.c.Send(fd, []byte("\r\n"), 0))
	r.w.Run(100000)
	assert.Equal(t, []string{"GET /style.css HTTP/1.0 (partial head)", "GET /style.css HTTP/1.0 (end of head)"}, labels(r.w, "client"))
	assert.Equal(t, []string{"HTTP/1.1 200 OK"}, labels(r.w, "server"))
	res := r.c.Recv(fd, 4096, 0)
	assert.Equal(t, errno.OK, res.Err)
	msgs, err := httpmsg.NewResponseParser(httpmsg.Limits{}).Feed(res.Data)
	require.NoError(t, err)
	require.Len(t, msgs, 1)
	assert.Equal(t, "close", msgs[0].Header.Get("Connection"))
}

func TestAReusedDescriptorIsANewStream(t *testing.T) {
	r := newRig(t, 32, ServerOptions{})
	for i := 0; i < 2; i++ {
		fd := r.dial()
		must(t, r.c.Send(fd, []byte("GET / HTTP/1.1\r\nHost: s\r\nConnection: close\r\n\r\n"), 0))
		r.w.Run(100000)
		must(t, r.c.Close(fd))
		r.w.Run(100000)
	}
	assert.Equal(t, []string{"GET / HTTP/1.1", "GET / HTTP/1.1"}, labels(r.w, "client"))
	assert.Equal(t, []string{"HTTP/1.1 200 OK", "HTTP/1.1 200 OK"}, labels(r.w, "server"))
}

func FuzzLabel(f *testing.F) {
	f.Add([]byte("GET / HTTP/1.1\r\nHost: s\r\n\r\n"), []byte("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi"), uint8(3))
	f.Add([]byte("GET /push HTTP/1.1\r\n\r\n\x81\x82abcd\x00\x00"), []byte("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n\x81\x02hi"), uint8(7))
	f.Add([]byte("garbage"), []byte("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n"), uint8(1))
	f.Fuzz(func(t *testing.T, req, resp []byte, step uint8) {
		cs := newConnStreams()
		n := int(step%16) + 1
		for i := 0; i < max(len(req), len(resp)); i += n {
			for _, side := range []struct {
				s *stream
				b []byte
			}{{cs.requests, req}, {cs.responses, resp}} {
				if i < len(side.b) {
					seg := side.b[i:min(len(side.b), i+n)]
					first := side.s.label(int64(i), seg)
					assert.Equal(t, first, side.s.label(int64(i), seg), "a retransmission gets the same label")
				}
			}
		}
	})
}
