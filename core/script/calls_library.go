package script

import "github.com/sockplay/sockplay/core/errno"

var (
	connectedFD  = Param{Name: "fd", Kind: KindFD, Doc: "a connected TCP socket, e.g. the c of connect(c, server:80)"}
	wsFD         = Param{Name: "fd", Kind: KindFD, Doc: "a socket on which ws.connect opened a WebSocket"}
	pathParam    = Param{Name: "path", Kind: KindText, Doc: `the path to ask for, e.g. "/index.html"`}
	httpVersion  = Param{Name: "version", Kind: KindNumber, Default: "1.1", Doc: "the request's HTTP version: 1.0 or 1.1"}
	connection   = Param{Name: "connection", Kind: KindText, Doc: `sent as the Connection field: "close" or "keep-alive"`}
	notConnected = ErrorCase{errno.ENOTCONN, "fd is not a connected TCP socket"}
	reset        = ErrorCase{errno.ECONNRESET, "the server closed or reset the connection before the answer came"}
)

// siteDoc lists what the built-in server serves; http.serve's page and
// http.get's refer to it.
const siteDoc = "The server answers from a small built-in site: /index.html (a page linking /style.css, /app.js and " +
	"/logo.svg), /big.bin (1 MiB), /slow (answers after 2s, ?delay=500ms changes it), /stream (5 chunks, 500ms " +
	"apart), /poll (long polling: holds the request until the next tick, one every second; ?since=N asks for every " +
	"tick after N) and /push (a WebSocket that sends \"tick N\" every second and echoes what it gets; ?every=2s " +
	"changes the period). Anything else is 404, methods other than GET and HEAD get 405."

// libraryCalls are the HTTP and WebSocket helpers. The programs behind
// them run on the host and use its ordinary socket calls, so every byte
// they move shows on the wire, labelled with what it carries.
var libraryCalls = []CallSpec{
	{
		Name:   "http.serve",
		Params: []Param{{Name: "fd", Kind: KindFD, Doc: "a listening socket"}},
		Keywords: []Param{
			{Name: "version", Kind: KindNumber, Default: "1.1", Doc: "the HTTP version the server speaks: 1.0 or 1.1"},
			{Name: "idle", Kind: KindDuration, Doc: "close a persistent connection idle this long (default 5s, Apache's)"},
			{Name: "max", Kind: KindInt, Doc: "answer at most this many requests on one connection (default 100)"},
		},
		Summary: "run an HTTP server on a listening socket",
		Detail: "From now on the host accepts every connection on fd by itself and answers each request in order " +
			"(RFC 9112), pipelined ones included.\n\n" +
			"Whether a connection persists (RFC 9112 9.3): an HTTP/1.0 request, or any request to a version=1.0 server, " +
			"closes after its response unless it sent Connection: keep-alive; an HTTP/1.1 request keeps the connection " +
			"unless it sent Connection: close. The response that ends a connection says Connection: close, and the server " +
			"sends the FIN. So does a persistent connection idle for idle, or one that reached max requests. After its FIN " +
			"the server keeps reading for 2s (a lingering close) so that requests already on their way are not answered with a RST. " +
			"A malformed request, or an HTTP/1.1 one without Host, gets 400 and a close.\n\n" + siteDoc,
		Returns: "0; the server then runs until its listening socket is closed",
		Errors: []ErrorCase{
			{errno.EINVAL, "fd is not listening: call listen first"},
			{errno.EALREADY, "a server already runs on fd"},
			{errno.ENOTSOCK, "fd is 0, 1 or 2"},
			ebadf,
		},
		Example: "server> http.serve(s, version=1.1, idle=5s, max=100)",
	},
	{
		Name:     "http.get",
		Params:   []Param{connectedFD, pathParam},
		Keywords: []Param{httpVersion, connection},
		Summary:  "send an HTTP GET and wait for the response",
		Detail: "Sends `GET path HTTP/version` with a Host field (and Connection, if given) on the connection and blocks until " +
			"the whole response has arrived (RFC 9112): its head, then its body, framed by Content-Length, by chunks, or by " +
			"the server closing. Call it again for the next request on the same connection, as HTTP/1.1 allows; to send " +
			"several requests before the first answer, use http.request and http.response.\n\n" + siteDoc,
		Returns: "the status code, printed with the reason, the content type and the body size: 200 OK (text/html, 1234 bytes)",
		Errors:  []ErrorCase{notConnected, reset, {errno.EPIPE, "the connection was closed for writing"}, ebadf},
		Example: `client> http.get(c, "/index.html", version=1.0)`,
	},
	{
		Name:     "http.request",
		Params:   []Param{connectedFD, pathParam},
		Keywords: []Param{httpVersion, connection},
		Summary:  "send an HTTP GET without waiting (pipelining)",
		Detail: "Sends the same request as http.get but returns at once, so several requests can be in flight on one " +
			"connection: pipelining (RFC 9112 9.3.2). The server answers them in order, even when an early one is slow " +
			"(head-of-line blocking). Read each answer with http.response.",
		Returns: "the size of the request in bytes",
		Errors:  []ErrorCase{notConnected, {errno.EPIPE, "the connection was closed for writing"}, ebadf},
		Example: `client> http.request(c, "/slow")`,
	},
	{
		Name:    "http.response",
		Params:  []Param{connectedFD},
		Summary: "wait for the answer to the oldest request sent with http.request",
		Detail:  "Blocks until the response to the oldest unanswered request has arrived; responses come in the order of the requests.",
		Returns: "the status code, printed like http.get's",
		Errors:  []ErrorCase{reset, ebadf},
		Example: "client> http.response(c)",
	},
	{
		Name:    "ws.connect",
		Params:  []Param{connectedFD, {Name: "path", Kind: KindText, Doc: `the resource, e.g. "/push"`}},
		Summary: "open a WebSocket over a connection",
		Detail: "Sends the opening handshake, a GET with Upgrade: websocket and a Sec-WebSocket-Key drawn from the session's seed, " +
			"and blocks until the server answers. 101 Switching Protocols with the right Sec-WebSocket-Accept (the base64 " +
			"SHA-1 of the key and a fixed GUID) switches the connection to WebSocket frames (RFC 6455 section 4); from then " +
			"on use ws.send, ws.recv, ws.ping and ws.close on it.",
		Returns: "0 once the connection speaks WebSocket",
		Errors: []ErrorCase{notConnected, reset,
			{errno.ECONNREFUSED, "the server answered something other than 101 (e.g. 404, 426)"},
			{errno.ECONNABORTED, "the 101 answer was wrong, e.g. a bad Sec-WebSocket-Accept"}, ebadf},
		Example: `client> ws.connect(c, "/push")`,
	},
	{
		Name:     "ws.send",
		Params:   []Param{wsFD, {Name: "data", Kind: KindBytes, Doc: "the message"}},
		Keywords: []Param{{Name: "binary", Kind: KindInt, Doc: "1 sends a binary message, 0 (the default) a text one"}},
		Summary:  "send a WebSocket message",
		Detail: "Frames data as one text (or binary) message and sends it, masked with a fresh key as a client must " +
			"(RFC 6455 section 5.3). Returns at once. The /push server echoes it back.",
		Returns: "the number of bytes of the message",
		Errors: []ErrorCase{{errno.EPIPE, "ws.close was called, or the server closed the WebSocket"},
			{errno.EINVAL, "text that is not UTF-8"}, ebadf},
		Example: `client> ws.send(c, "hi")`,
	},
	{
		Name:    "ws.recv",
		Params:  []Param{wsFD},
		Summary: "wait for the next WebSocket message",
		Detail: "Blocks until a whole message has arrived and returns its data, as recv returns bytes. Until a call waits, " +
			"arriving frames stay in the socket's receive queue (ss shows them in Recv-Q). A ping from the server is answered " +
			"with a pong along the way. When the server closes the WebSocket (a close frame) it returns \"\": end of stream.",
		Returns: "the message's bytes, as a string; \"\" once the WebSocket is closed",
		Errors:  []ErrorCase{reset, {errno.ECONNABORTED, "the server broke the protocol (e.g. a masked frame)"}, ebadf},
		Example: "client> ws.recv(c)",
	},
	{
		Name:    "ws.ping",
		Params:  []Param{wsFD, {Name: "data", Kind: KindBytes, Optional: true, Doc: "up to 125 bytes the pong echoes"}},
		Summary: "send a WebSocket ping and wait for the pong",
		Detail:  "Sends a ping control frame (RFC 6455 5.5.2) and blocks until the server's pong (5.5.3) comes back.",
		Returns: "0",
		Errors:  []ErrorCase{{errno.EPIPE, "the WebSocket is closed"}, {errno.EINVAL, "data longer than 125 bytes"}, reset, ebadf},
		Example: `client> ws.ping(c, "are you there?")`,
	},
	{
		Name:     "ws.close",
		Params:   []Param{wsFD},
		Keywords: []Param{{Name: "code", Kind: KindInt, Default: "1000", Doc: "the close code: 1000 normal, 1001 going away, 3000-4999 your own"}},
		Summary:  "close a WebSocket",
		Detail: "Sends a close frame with code and blocks until the server's close frame answers it (RFC 6455 7.1.2). " +
			"The server then closes the TCP connection first, so its FIN follows; close the socket with close(fd).",
		Returns: "0",
		Errors:  []ErrorCase{{errno.EPIPE, "the WebSocket is closed already"}, {errno.EINVAL, "a code that may not be sent"}, reset, ebadf},
		Example: "client> ws.close(c)",
	},
}
