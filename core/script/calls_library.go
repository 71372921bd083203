package script

import "github.com/sockplay/sockplay/core/errno"

// libraryCalls are the HTTP and WebSocket helpers the issue names. Their
// engine lives elsewhere; adding a call here is adding one CallSpec.
var libraryCalls = []CallSpec{
	{
		Name:   "http.serve",
		Params: []Param{{Name: "fd", Kind: KindFD, Doc: "a listening socket"}},
		Keywords: []Param{
			{Name: "version", Kind: KindNumber, Default: "1.1", Doc: "the HTTP version to answer with: 1.0 or 1.1"},
			{Name: "idle", Kind: KindDuration, Doc: "close a keep-alive connection idle this long"},
			{Name: "max", Kind: KindInt, Doc: "the most requests served on one connection"},
		},
		Summary: "serve HTTP on a listening socket",
		Detail: "From now on the host accepts connections on fd and answers each request (RFC 9112). With version=1.0 it " +
			"closes after every response; with 1.1 connections persist until idle or max says otherwise.",
		Returns: "0",
		Errors:  []ErrorCase{{errno.EINVAL, "fd is not listening"}, ebadf},
		Example: "server> http.serve(s, version=1.1, idle=5s, max=100)",
	},
	{
		Name: "http.get",
		Params: []Param{{Name: "fd", Kind: KindFD, Doc: "a connected socket"},
			{Name: "path", Kind: KindText, Doc: `the path to request, e.g. "/index.html"`}},
		Keywords: []Param{
			{Name: "version", Kind: KindNumber, Default: "1.1", Doc: "the HTTP version of the request: 1.0 or 1.1"},
		},
		Summary: "send an HTTP GET and read the response",
		Detail:  "Sends `GET path HTTP/version` on the connection and blocks until the whole response has arrived (RFC 9112).",
		Returns: "the status line of the response",
		Errors:  []ErrorCase{{errno.ENOTCONN, "fd is not connected"}, {errno.ECONNRESET, "the server reset the connection"}, ebadf},
		Example: `client> http.get(c, "/index.html", version=1.0)`,
	},
	{
		Name: "ws.connect",
		Params: []Param{{Name: "fd", Kind: KindFD, Doc: "a connected socket"},
			{Name: "path", Kind: KindText, Doc: `the resource, e.g. "/push"`}},
		Summary: "open a WebSocket over a connection",
		Detail:  "Sends the HTTP Upgrade request and blocks until the server's 101 Switching Protocols (RFC 6455 section 4).",
		Returns: "0",
		Errors:  []ErrorCase{{errno.ENOTCONN, "fd is not connected"}, {errno.ECONNRESET, "the server reset the connection"}, ebadf},
		Example: `client> ws.connect(c, "/push")`,
	},
	{
		Name: "ws.send",
		Params: []Param{{Name: "fd", Kind: KindFD, Doc: "a socket with an open WebSocket"},
			{Name: "data", Kind: KindBytes, Doc: "the message text"}},
		Summary: "send a WebSocket text message",
		Detail:  "Frames data as one text message (RFC 6455 section 5), masked as a client must, and sends it.",
		Returns: "the number of bytes of the message",
		Errors:  []ErrorCase{{errno.EPIPE, "the connection is closed for writing"}, ebadf},
		Example: `client> ws.send(c, "hi")`,
	},
}
