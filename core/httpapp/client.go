package httpapp

import (
	"strconv"
	"time"

	"github.com/sockplay/sockplay/core/errno"
	"github.com/sockplay/sockplay/core/httpmsg"
	"github.com/sockplay/sockplay/core/stack"
	"github.com/sockplay/sockplay/core/websocket"
)

// Client is the app behind the http.* and ws.* calls on one connected
// socket: it sends the requests and frames it is given and reads the
// answers while somebody waits for one, leaving other bytes in the socket
// as a blocking library would.
type Client struct {
	fd   int
	conn stack.ConnID // the connection it was made for: a reused fd is not ours
	gone bool
	host string // the Host field: the server's address
	rand func() uint32

	out     []byte
	waiting int             // requests sent whose responses are not complete
	parser  *httpmsg.Parser // responses
	raw     []byte          // bytes fed to the parser from rawOff on
	rawOff  int64
	ready   []Response      // complete, not taken yet
	broken  errno.Errno     // the connection failed: later responses fail with this
	eof     bool            // the server closed its side
	ws      *wsClient       // after a successful upgrade
	upgrade *upgradeAttempt // ws.connect in progress
	failure *websocket.ProtocolError
}

type upgradeAttempt struct {
	key    string
	result *Response // set when the answer came: 101 or a refusal
}

// Response is a complete response, or the error that took its place.
type Response struct {
	Proto  string
	Status int
	Reason string
	Header httpmsg.Header
	Body   []byte
	Raw    []byte      // the response as it arrived, head and framing included
	Err    errno.Errno // not OK: the connection failed before the response
	Detail string      // why it failed, for the trace
}

// Summary reads like the session prints a result: "200 OK (text/html,
// 1234 bytes)".
func (r Response) Summary() string {
	if r.Err != errno.OK {
		return "-1 " + r.Err.Error()
	}
	s := strconv.Itoa(r.Status)
	if r.Reason != "" {
		s += " " + r.Reason
	}
	detail := strconv.Itoa(len(r.Body)) + " bytes"
	if ct := r.Header.Get("Content-Type"); ct != "" {
		detail = ct + ", " + detail
	}
	return s + " (" + detail + ")"
}

// NewClient returns the client app for the connected socket fd of h;
// rand supplies WebSocket keys and masks. It fails with the errno a
// socket call would give when fd is not a connected TCP socket.
func NewClient(h *stack.Host, fd int, rand func() uint32) (*Client, errno.Errno) {
	if e := connectedCheck(h, fd); e != errno.OK {
		return nil, e
	}
	id, _ := h.ConnID(fd)
	host := id.Remote.Addr().String()
	if id.Remote.Port() != 80 {
		host = id.Remote.String()
	}
	return &Client{fd: fd, conn: id, host: host, rand: rand, parser: httpmsg.NewResponseParser(httpmsg.Limits{})}, errno.OK
}

// connectedCheck is what send would say about fd: EBADF, ENOTSOCK,
// ENOTCONN for a socket with no established connection.
func connectedCheck(h *stack.Host, fd int) errno.Errno {
	if r := h.Getsockname(fd); r.Failed() {
		return r.Err
	}
	if _, ok := h.ConnID(fd); !ok {
		return errno.ENOTCONN
	}
	if r := h.Getpeername(fd); r.Failed() {
		return r.Err
	}
	for _, si := range h.Sockets() {
		if si.FD == fd && si.State != "ESTABLISHED" && si.State != "CLOSE-WAIT" {
			return errno.ENOTCONN
		}
	}
	return errno.OK
}

// FD is the socket the client works on.
func (c *Client) FD() int { return c.fd }

// Serves reports whether the client is the one for fd on h now: the same
// connection it was made for.
func (c *Client) Serves(h *stack.Host, fd int) bool {
	id, ok := h.ConnID(fd)
	return !c.gone && c.fd == fd && ok && id == c.conn
}

// Run sends what is queued and reads while an answer is awaited.
func (c *Client) Run(now time.Duration, h *stack.Host) {
	if c.gone {
		return
	}
	if !c.Serves(h, c.fd) {
		c.gone = true // the socket was closed; its number may be reused
		c.fail(errno.EBADF, "the socket was closed")
		return
	}
	c.flush(h)
	for c.wantsInput() {
		r := h.Recv(c.fd, ioChunk, 0)
		if r.Err == errno.EAGAIN {
			return
		}
		if r.Failed() {
			c.fail(r.Err, "")
			return
		}
		if r.Ret == 0 {
			c.endOfStream()
			return
		}
		c.take(r.Data)
		c.flush(h) // a pong or close reply may be due
	}
}

// Deadline: the client only reacts to the network.
func (c *Client) Deadline() (time.Duration, bool) { return 0, false }

func (c *Client) flush(h *stack.Host) {
	for len(c.out) > 0 {
		r := h.Send(c.fd, c.out[:min(len(c.out), ioChunk)], 0)
		if r.Err == errno.EAGAIN {
			return
		}
		if r.Failed() {
			c.fail(r.Err, "")
			c.out = nil
			return
		}
		c.out = c.out[r.Ret:]
	}
	c.out = nil
}

func (c *Client) wantsInput() bool {
	if c.broken != errno.OK || c.eof {
		return false
	}
	if c.ws != nil {
		return c.ws.want
	}
	return c.waiting > 0
}

// take parses bytes from the server.
func (c *Client) take(b []byte) {
	if c.ws != nil {
		c.ws.feed(b)
		return
	}
	c.raw = append(c.raw, b...)
	msgs, err := c.parser.Feed(b)
	for i := range msgs {
		c.response(&msgs[i])
	}
	if err != nil && c.broken == errno.OK {
		c.fail(errno.ECONNABORTED, "malformed response: "+err.Error())
	}
}

// response files a complete response against the oldest request.
func (c *Client) response(m *httpmsg.Message) {
	if m.Status/100 == 1 && m.Status != 101 {
		return // interim (100 Continue, 103 Early Hints): the final one follows
	}
	if c.waiting == 0 {
		c.fail(errno.ECONNABORTED, "a response nobody asked for")
		return
	}
	if m.Switch && (c.upgrade == nil || c.upgrade.result != nil) {
		c.fail(errno.ECONNABORTED, "the server switched protocols unasked")
		return
	}
	c.waiting--
	r := Response{Proto: m.Proto(), Status: m.Status, Reason: m.Reason, Header: m.Header, Body: m.Body}
	if m.Start >= c.rawOff && m.End-c.rawOff <= int64(len(c.raw)) {
		r.Raw = append([]byte(nil), c.raw[m.Start-c.rawOff:m.End-c.rawOff]...)
		c.raw = append([]byte(nil), c.raw[m.End-c.rawOff:]...)
		c.rawOff = m.End
	}
	if u := c.upgrade; u != nil && u.result == nil {
		u.result = &r
		if m.Status == 101 {
			if err := websocket.CheckResponse(m, u.key); err != nil {
				r.Err, r.Detail = errno.ECONNABORTED, err.Error()
				return
			}
			c.ws = newWSClient(c)
			if rest := c.parser.Rest(); len(rest) > 0 {
				c.ws.feed(rest)
			}
		}
		return
	}
	c.ready = append(c.ready, r)
}

// endOfStream: the server closed. A body that runs until close ends here;
// requests still waiting will not be answered.
func (c *Client) endOfStream() {
	c.eof = true
	if c.ws != nil {
		c.ws.endOfStream()
		return
	}
	msgs, _ := c.parser.Finish()
	for i := range msgs {
		c.response(&msgs[i])
	}
	c.failWaiting(errno.ECONNRESET, "the server closed the connection before answering")
}

// fail breaks the connection for every answer still awaited.
func (c *Client) fail(e errno.Errno, detail string) {
	if c.broken == errno.OK {
		c.broken = e
	}
	if c.ws != nil {
		c.ws.fail(e)
	}
	c.failWaiting(e, detail)
}

func (c *Client) failWaiting(e errno.Errno, detail string) {
	for range c.waiting {
		r := Response{Err: e, Detail: detail}
		if u := c.upgrade; u != nil && u.result == nil {
			u.result = &r
			continue
		}
		c.ready = append(c.ready, r)
	}
	c.waiting = 0
}

// Get queues a GET request for path in HTTP/1.minor; connection, if not
// empty, is sent as the Connection field ("close", "keep-alive"). It
// returns the request's size.
func (c *Client) Get(path string, minor int, connection string) (int, error) {
	h := httpmsg.Header{{Name: "Host", Value: c.host}}
	if connection != "" {
		h = append(h, httpmsg.Field{Name: "Connection", Value: connection})
	}
	m := httpmsg.NewRequest("GET", path, h, nil)
	m.Minor = minor
	b, err := m.Append(nil)
	if err != nil {
		return 0, err
	}
	c.queue("GET", b)
	return len(b), nil
}

func (c *Client) queue(method string, b []byte) {
	c.out = append(c.out, b...)
	c.waiting++
	c.parser.ExpectResponseTo(method)
	if c.broken != errno.OK || c.eof {
		c.failWaiting(errno.EPIPE, "the connection is closed")
	}
}

// Outstanding counts requests whose responses have not been taken.
func (c *Client) Outstanding() int { return c.waiting + len(c.ready) }

// NextResponse takes the oldest complete response, if there is one.
func (c *Client) NextResponse() (Response, bool) {
	if len(c.ready) == 0 {
		return Response{}, false
	}
	r := c.ready[0]
	c.ready = c.ready[1:]
	return r, true
}

// Upgrade queues a WebSocket opening handshake for path with a key from
// the client's random source (RFC 6455 4.1).
func (c *Client) Upgrade(path string) error {
	var nonce [16]byte
	for i := 0; i < 16; i += 4 {
		v := c.rand()
		nonce[i], nonce[i+1], nonce[i+2], nonce[i+3] = byte(v>>24), byte(v>>16), byte(v>>8), byte(v)
	}
	key := websocket.NewKey(nonce)
	m := websocket.NewRequest(c.host, path, key)
	b, err := m.Append(nil)
	if err != nil {
		return err
	}
	c.upgrade = &upgradeAttempt{key: key}
	c.queue("GET", b)
	return nil
}

// UpgradeResult is the answer to Upgrade once it has come: ok when the
// connection now speaks WebSocket.
func (c *Client) UpgradeResult() (r Response, ok, done bool) {
	u := c.upgrade
	if u == nil || u.result == nil {
		return Response{}, false, false
	}
	r = *u.result
	return r, r.Err == errno.OK && r.Status == 101, true
}

// Upgrading reports whether a WebSocket handshake was sent on the
// connection (whatever its outcome).
func (c *Client) Upgrading() bool { return c.upgrade != nil }

// IsWebSocket reports whether the connection speaks WebSocket now.
func (c *Client) IsWebSocket() bool { return c.ws != nil }
