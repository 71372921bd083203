package httpapp

import (
	"bytes"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sockplay/sockplay/core/errno"
	"github.com/sockplay/sockplay/core/httpmsg"
	"github.com/sockplay/sockplay/core/inet"
	"github.com/sockplay/sockplay/core/stack"
)

// FuzzServer sends arbitrary bytes to the server, split in two sends:
// nothing panics, and what comes back is well-formed HTTP responses.
func FuzzServer(f *testing.F) {
	for _, s := range []string{
		"GET / HTTP/1.1\r\nHost: s\r\n\r\n",
		"GET /slow?delay=100ms HTTP/1.1\r\nHost: s\r\n\r\nGET /stream HTTP/1.0\r\n\r\n",
		"GET /poll?since=0&every=200ms HTTP/1.1\r\nHost: s\r\n\r\nHEAD /big.bin HTTP/1.1\r\nHost: s\r\n\r\n",
		"POST /x HTTP/1.1\r\nHost: s\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n",
		"GET http://server/index.html?a=%zz HTTP/1.1\r\nHost: s\r\nConnection: close\r\n\r\n",
		"\x00\xff garbage\r\n\r\n",
		"GET / HTTP/1.1\r\nHost: s\r\nContent-Length: 99999999999\r\n\r\n",
	} {
		f.Add([]byte(s), uint8(len(s)/2))
	}
	f.Fuzz(func(t *testing.T, in []byte, cut uint8) {
		if bytes.Contains(bytes.ToLower(in), []byte("upgrade")) {
			return // after a 101 the server speaks WebSocket, not HTTP
		}
		r := newRig(t, 40, ServerOptions{Idle: time.Second, MaxRequests: 3})
		fd := r.dial()
		k := min(int(cut), len(in))
		for _, part := range [][]byte{in[:k], in[k:]} {
			if len(part) > 0 {
				r.c.Send(fd, part, 0)
				r.w.Run(100000)
			}
		}
		require.NoError(t, r.w.Wait(5*time.Second))
		var got []byte
		for {
			res := r.c.Recv(fd, 1<<16, stack.MSG_DONTWAIT)
			if res.Failed() || res.Ret == 0 {
				break
			}
			got = append(got, res.Data...)
		}
		p := httpmsg.NewResponseParser(httpmsg.Limits{})
		_, err := p.Feed(got)
		assert.NoError(t, err, "%q", got)
	})
}

// FuzzClient answers the client's GET with arbitrary bytes from a raw
// server: nothing panics and the request ends with a response or an error.
func FuzzClient(f *testing.F) {
	for _, s := range []string{
		"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi",
		"HTTP/1.0 200 OK\r\n\r\nuntil close",
		"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n",
		"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nhi\r\n0\r\n\r\nHTTP/1.1 200 OK\r\n\r\n",
		"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n\x81\x02hi",
		"nonsense",
	} {
		f.Add([]byte(s), false)
	}
	f.Fuzz(func(t *testing.T, answer []byte, upgrade bool) {
		w := stack.New(41)
		w.SetLabeler(NewLabeler().Label)
		c, s := w.Host("client"), w.Host("server")
		lfd := s.Socket(stack.AF_INET, stack.SOCK_STREAM, 0).Ret
		s.Bind(lfd, inet.MustParseAddrPort("0.0.0.0:80"))
		s.Listen(lfd, 1)
		fd := c.Socket(stack.AF_INET, stack.SOCK_STREAM, 0).Ret
		c.Connect(fd, inet.MustParseAddrPort("10.0.0.2:80"))
		w.Run(100000)
		w.Completions()
		afd := s.Accept(lfd).Ret
		cl, e := NewClient(c, fd, w.RandUint32)
		require.Equal(t, errno.OK, e)
		c.Attach(cl)
		if upgrade {
			require.NoError(t, cl.Upgrade("/push"))
		} else {
			_, err := cl.Get("/", 1, "")
			require.NoError(t, err)
		}
		w.Settle()
		w.Run(100000)
		s.Send(afd, answer, 0)
		s.Close(afd)
		w.Run(100000)
		if upgrade {
			_, _, done := cl.UpgradeResult()
			assert.True(t, done, "the server closed: the handshake has an outcome")
			cl.Await(true)
			w.Settle()
			cl.WSNext()
			return
		}
		resp, ok := cl.NextResponse()
		require.True(t, ok, "the server closed: the request has an outcome")
		assert.True(t, resp.Err != errno.OK || resp.Status >= 200, "%+v", resp)
	})
}
