package httpapp

import (
	"bytes"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sockplay/sockplay/core/errno"
	"github.com/sockplay/sockplay/core/httpmsg"
	"github.com/sockplay/sockplay/core/inet"
	"github.com/sockplay/sockplay/core/netsim"
	"github.com/sockplay/sockplay/core/stack"
)

func TestHTTP11ServesThreeRequestsOnOneConnection(t *testing.T) {
	r := newRig(t, 1, ServerOptions{})
	cl := r.client()
	for _, path := range []string{"/index.html", "/style.css", "/app.js"} {
		resp := r.get(cl, path, 1, "")
		require.Equal(t, errno.OK, resp.Err)
		doc, _ := staticDocument(path)
		assert.Equal(t, 200, resp.Status)
		assert.Equal(t, "HTTP/1.1", resp.Proto)
		assert.Equal(t, doc.contentType, resp.Header.Get("Content-Type"))
		assert.Equal(t, doc.body, resp.Body)
		assert.False(t, resp.Header.Has("Connection"), "HTTP/1.1 persists without saying so")
	}
	assert.Equal(t, 1, r.srv.Accepted())
	assert.Equal(t, "ESTABLISHED", state(r.c, cl.FD()))
	assert.Equal(t, "200 OK (text/javascript, 210 bytes)", Response{Status: 200, Reason: "OK",
		Header: httpmsg.Header{{Name: "Content-Type", Value: "text/javascript"}}, Body: make([]byte, 210)}.Summary())
}

func TestHTTP10ClosesAfterTheResponseUnlessAskedToKeepAlive(t *testing.T) {
	r := newRig(t, 2, ServerOptions{HTTP10: true})
	cl := r.client()
	resp := r.get(cl, "/index.html", 0, "")
	assert.Equal(t, "HTTP/1.0", resp.Proto)
	assert.Equal(t, "close", resp.Header.Get("Connection"))
	r.w.Run(100000)
	assert.Equal(t, "CLOSE-WAIT", state(r.c, cl.FD()), "the server sent its FIN")
	_, fin := hasFIN(r.w, "server")
	assert.True(t, fin)

	r2 := newRig(t, 3, ServerOptions{HTTP10: true})
	cl2 := r2.client()
	resp = r2.get(cl2, "/index.html", 0, "keep-alive")
	assert.Equal(t, "keep-alive", resp.Header.Get("Connection"))
	assert.Equal(t, "timeout=5, max=99", resp.Header.Get("Keep-Alive"))
	resp = r2.get(cl2, "/style.css", 0, "keep-alive")
	assert.Equal(t, 200, resp.Status)
	assert.Equal(t, "ESTABLISHED", state(r2.c, cl2.FD()))
}

func TestHTTP11HonoursConnectionClose(t *testing.T) {
	r := newRig(t, 4, ServerOptions{})
	cl := r.client()
	resp := r.get(cl, "/", 1, "close")
	assert.Equal(t, 200, resp.Status)
	assert.Equal(t, "close", resp.Header.Get("Connection"))
	r.w.Run(100000)
	assert.Equal(t, "CLOSE-WAIT", state(r.c, cl.FD()))
	must(t, r.c.Close(cl.FD()))
	r.w.Run(100000)
	assert.Empty(t, r.srv.conns, "the server closed its descriptor once the client closed")
}

func TestPipelinedRequestsAreAnsweredInOrder(t *testing.T) {
	r := newRig(t, 5, ServerOptions{})
	cl := r.client()
	for _, p := range []string{"/slow", "/style.css", "/nope"} {
		_, err := cl.Get(p, 1, "")
		require.NoError(t, err)
	}
	start := r.w.Now()
	r.w.Settle()
	var got []Response
	r.until(time.Minute, func() bool {
		for {
			resp, ok := cl.NextResponse()
			if !ok {
				break
			}
			got = append(got, resp)
		}
		return len(got) == 3
	})
	assert.Equal(t, "sorry for the wait\n", string(got[0].Body))
	assert.Equal(t, 200, got[1].Status)
	assert.Equal(t, 404, got[2].Status)
	assert.GreaterOrEqual(t, r.w.Now()-start, SlowDelay, "the slow answer holds up the ones behind it")
	reqLabels := labels(r.w, "client")
	require.NotEmpty(t, reqLabels)
	assert.Equal(t, "GET /slow HTTP/1.1 + GET /style.css HTTP/1.1 + GET /nope HTTP/1.1", reqLabels[0], "one segment carries all three")
}

func TestIdleConnectionIsClosedByTheServer(t *testing.T) {
	r := newRig(t, 6, ServerOptions{Idle: 3 * time.Second})
	cl := r.client()
	r.get(cl, "/", 1, "")
	sends := payloadSends(r.w, "server")
	answered := sends[len(sends)-1].ev.Time
	_, fin := hasFIN(r.w, "server")
	require.False(t, fin)
	require.NoError(t, r.w.Wait(5*time.Second))
	at, fin := hasFIN(r.w, "server")
	require.True(t, fin, "the server sends the FIN")
	assert.Equal(t, answered+3*time.Second, at, "idle for exactly the timeout after the response")
	assert.Equal(t, "CLOSE-WAIT", state(r.c, cl.FD()))
	_, clientFIN := hasFIN(r.w, "client")
	assert.False(t, clientFIN)
}

func TestGarbageGets400AndAClose(t *testing.T) {
	for name, req := range map[string]string{
		"garbage":    "hello there\r\n\r\n",
		"no host":    "GET / HTTP/1.1\r\n\r\n",
		"bad header": "GET / HTTP/1.1\r\nHost : x\r\n\r\n",
	} {
		t.Run(name, func(t *testing.T) {
			r := newRig(t, 7, ServerOptions{})
			fd := r.dial()
			must(t, r.c.Send(fd, []byte(req), 0))
			r.w.Run(100000)
			res := r.c.Recv(fd, 4096, 0)
			require.Equal(t, errno.OK, res.Err)
			assert.True(t, strings.HasPrefix(string(res.Data), "HTTP/1.1 400 Bad Request\r\n"), string(res.Data))
			assert.Contains(t, string(res.Data), "Connection: close\r\n")
			res = r.c.Recv(fd, 4096, 0)
			assert.Equal(t, 0, res.Ret, "then end of stream")
		})
	}
}

func TestMaxRequestsEndsTheConnection(t *testing.T) {
	r := newRig(t, 8, ServerOptions{MaxRequests: 2})
	cl := r.client()
	for _, p := range []string{"/a", "/b", "/c"} {
		_, err := cl.Get(p, 1, "")
		require.NoError(t, err)
	}
	r.w.Settle()
	var got []Response
	r.until(time.Minute, func() bool {
		for {
			resp, ok := cl.NextResponse()
			if !ok {
				break
			}
			got = append(got, resp)
		}
		return len(got) == 3
	})
	assert.Equal(t, 404, got[0].Status)
	assert.False(t, got[0].Header.Has("Connection"))
	assert.Equal(t, "close", got[1].Header.Get("Connection"), "the last allowed response says so")
	assert.Equal(t, errno.ECONNRESET, got[2].Err, "the third is never answered")
	assert.Equal(t, "-1 ECONNRESET (Connection reset by peer)", got[2].Summary())
}

func TestChunkedStream(t *testing.T) {
	r := newRig(t, 9, ServerOptions{})
	cl := r.client()
	start := r.w.Now()
	resp := r.get(cl, "/stream", 1, "")
	assert.Equal(t, "chunked", resp.Header.Get("Transfer-Encoding"))
	assert.Equal(t, "piece 1 of 5\npiece 2 of 5\npiece 3 of 5\npiece 4 of 5\npiece 5 of 5\n", string(resp.Body))
	assert.GreaterOrEqual(t, r.w.Now()-start, StreamChunks*StreamEvery)
	l := labels(r.w, "server")
	assert.True(t, contains(l, "HTTP/1.1 200 OK (head)"), "%q", l)
	assert.True(t, contains(l, "HTTP/1.1 200 OK (chunk 3)"), "%q", l)
	assert.True(t, contains(l, "last chunk"), "%q", l)
	assert.Equal(t, "ESTABLISHED", state(r.c, cl.FD()))

	// HTTP/1.0 has no chunks: the body runs until the server closes.
	r10 := newRig(t, 9, ServerOptions{})
	cl10 := r10.client()
	resp = r10.get(cl10, "/stream", 0, "keep-alive")
	assert.False(t, resp.Header.Has("Transfer-Encoding"))
	assert.Equal(t, "close", resp.Header.Get("Connection"))
	assert.Equal(t, 5*len("piece 1 of 5\n"), len(resp.Body))
}

func TestMegabyteArrivesIntactUnderLoss(t *testing.T) {
	r := newRig(t, 10, ServerOptions{})
	require.NoError(t, r.w.SetAllLinks(netsim.Link{Latency: 5 * time.Millisecond, Loss: 0.05}))
	cl := r.client()
	resp := r.get(cl, "/big.bin", 1, "")
	require.Equal(t, errno.OK, resp.Err)
	assert.Equal(t, BigFileSize, len(resp.Body))
	assert.True(t, bytes.Equal(BigFile(), resp.Body), "every byte in place")
	assert.Equal(t, "200 OK (application/octet-stream, 1048576 bytes)", resp.Summary())
	l := labels(r.w, "server")
	assert.True(t, contains(l, "HTTP/1.1 200 OK (1048576/1048576 bytes of body)"), "the last segment says the body is complete")
	var drops int
	for _, ev := range r.w.Log().Events() {
		if ev.Kind == "drop" {
			drops++
		}
	}
	assert.Positive(t, drops, "the link did lose packets")
	t.Logf("virtual time %v, %d drops", r.w.Now(), drops)
}

func TestBigFileLines(t *testing.T) {
	b := BigFile()
	require.Len(t, b, BigFileSize)
	assert.True(t, strings.HasPrefix(string(b), "line 000001 of the sockplay bulk transfer test file"))
	assert.Equal(t, byte('\n'), b[63])
	assert.Equal(t, 16384, bytes.Count(b, []byte("\n")))
}

func TestHEADGetsTheLengthWithoutTheBody(t *testing.T) {
	r := newRig(t, 11, ServerOptions{})
	fd := r.dial()
	must(t, r.c.Send(fd, []byte("HEAD /style.css HTTP/1.1\r\nHost: server\r\n\r\n"), 0))
	r.w.Run(100000)
	res := r.c.Recv(fd, 4096, 0)
	doc, _ := staticDocument("/style.css")
	assert.Contains(t, string(res.Data), "Content-Length: "+strconv.Itoa(len(doc.body))+"\r\n")
	assert.True(t, strings.HasSuffix(string(res.Data), "\r\n\r\n"), "no body")
}

func TestOtherMethodsGet405(t *testing.T) {
	r := newRig(t, 12, ServerOptions{})
	fd := r.dial()
	must(t, r.c.Send(fd, []byte("POST / HTTP/1.1\r\nHost: server\r\nContent-Length: 2\r\n\r\nhi"), 0))
	r.w.Run(100000)
	res := r.c.Recv(fd, 4096, 0)
	assert.True(t, strings.HasPrefix(string(res.Data), "HTTP/1.1 405 Method Not Allowed\r\n"))
	assert.Contains(t, string(res.Data), "Allow: GET, HEAD\r\n")
	assert.Equal(t, "ESTABLISHED", state(r.c, fd))
}

func TestServerStopsAcceptingWhenItsListenerCloses(t *testing.T) {
	r := newRig(t, 13, ServerOptions{})
	must(t, r.s.Close(r.lfd))
	r.w.Settle()
	assert.False(t, r.srv.Serving())
	fd := must(t, r.c.Socket(stack.AF_INET, stack.SOCK_STREAM, 0))
	_ = r.c.Connect(fd, inet.MustParseAddrPort("10.0.0.2:80"))
	r.w.Run(100000)
	done := r.w.Completions()
	require.Len(t, done, 1)
	assert.Equal(t, errno.ECONNREFUSED, done[0].Result.Err)
}

func TestIdleTimeCountsFromTheEndOfALongResponse(t *testing.T) {
	r := newRig(t, 14, ServerOptions{Idle: time.Second})
	require.NoError(t, r.w.SetAllLinks(netsim.Link{Latency: 5 * time.Millisecond, Bandwidth: 2e6}))
	cl := r.client()
	resp := r.get(cl, "/big.bin", 1, "")
	require.Equal(t, BigFileSize, len(resp.Body))
	assert.Greater(t, r.w.Now(), 4*time.Second, "the transfer outlasts the idle timeout")
	_, fin := hasFIN(r.w, "server")
	assert.False(t, fin, "a connection busy sending is not idle")
}
