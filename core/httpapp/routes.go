package httpapp

import (
	"strconv"
	"strings"
	"time"

	"github.com/sockplay/sockplay/core/httpmsg"
	"github.com/sockplay/sockplay/core/internal/text"
	"github.com/sockplay/sockplay/core/limits"
	"github.com/sockplay/sockplay/core/websocket"
)

// Dynamic endpoints' settings.
const (
	SlowDelay    = 2 * time.Second        // /slow answers after this
	StreamChunks = 5                      // /stream sends this many pieces
	StreamEvery  = 500 * time.Millisecond // one piece this often
	minPeriod    = 100 * time.Millisecond // bounds of ?every= and ?delay=
	maxPeriod    = time.Hour
	// maxTicks bounds the ticks one /poll answer carries: a client that
	// was away longer asks again with ?since= the last one it got.
	maxTicks = 1000
)

// route picks the response to req. keep is whether the connection would
// persist after it; a response whose body runs until close turns it off.
func (c *serverConn) route(now time.Duration, req *httpmsg.Message, keep bool) (responder, bool) {
	path, query, err := splitTarget(req.Target)
	if err != nil {
		return c.fixed(req, 400, "text/plain", []byte("bad request target: "+err.Error()+"\n"), nil, false), false
	}
	if req.Method != "GET" && req.Method != "HEAD" {
		allow := httpmsg.Header{{Name: "Allow", Value: "GET, HEAD"}}
		return c.fixed(req, 405, "text/plain", []byte(req.Method+" is not served here; try GET\n"), allow, keep), keep
	}
	if doc, ok := staticDocument(path); ok {
		return c.fixed(req, 200, doc.contentType, doc.body, nil, keep), keep
	}
	every, err := durationParam(query, "every", c.s.opts.Tick)
	if err != nil {
		return c.fixed(req, 400, "text/plain", []byte(err.Error()+"\n"), nil, keep), keep
	}
	switch path {
	case "/slow":
		delay, err := durationParam(query, "delay", SlowDelay)
		if err != nil {
			return c.fixed(req, 400, "text/plain", []byte(err.Error()+"\n"), nil, keep), keep
		}
		return &delayed{delay: delay, bytes: c.buildResponse(req, 200, "text/plain", []byte("sorry for the wait\n"), nil, keep)}, keep
	case "/stream":
		return c.stream(req, keep)
	case "/poll":
		return c.poll(req, query, every, keep)
	case "/push":
		return c.upgrade(now, req, every, keep)
	}
	return c.fixed(req, 404, "text/plain", []byte(path+" is not here; try /index.html\n"), nil, keep), keep
}

// durationParam reads ?name=2s (or a number of seconds), within bounds.
func durationParam(q queryValues, name string, def time.Duration) (time.Duration, error) {
	v := q.Get(name)
	if v == "" {
		return def, nil
	}
	d, ok := text.ParseDuration(v)
	if !ok {
		secs, ierr := strconv.ParseInt(v, 10, 64)
		var fits bool
		if d, fits = limits.Scale(secs, time.Second); ierr != nil || !fits {
			return 0, &paramError{name, v}
		}
	}
	if d < minPeriod || d > maxPeriod {
		return 0, &paramError{name, v}
	}
	return d, nil
}

type paramError struct{ name, value string }

func (e *paramError) Error() string {
	return "?" + e.name + "=" + e.value + " is not a duration between 100ms and 1h"
}

// stream answers /stream: StreamChunks lines, StreamEvery apart.
func (c *serverConn) stream(req *httpmsg.Message, keep bool) (responder, bool) {
	chunked := req.Minor >= 1 && c.s.minor() >= 1
	if !chunked {
		keep = false // the body ends when the server closes
	}
	s := &streamed{chunked: chunked, every: StreamEvery}
	for i := 1; i <= StreamChunks; i++ {
		s.pieces = append(s.pieces, []byte("piece "+strconv.Itoa(i)+" of "+strconv.Itoa(StreamChunks)+"\n"))
	}
	var extra httpmsg.Header
	if chunked {
		extra = httpmsg.Header{{Name: "Transfer-Encoding", Value: "chunked"}}
	}
	m := httpmsg.NewResponse(200, c.headerFor(req, "text/plain", extra, keep), nil)
	m.Minor, m.Framing = c.s.minor(), httpmsg.UntilCloseBody // head only: the body follows piece by piece
	s.head, _ = m.Append(nil)                                // fields from our own table: cannot fail
	if req.Method == "HEAD" {
		s.pieces, s.chunked = nil, false
	}
	return s, keep
}

// poll answers /poll, long polling: the server holds the request until it
// has news. Tick k happens at k·every after the server started; the
// answer carries every tick after ?since=N (default: the next one), at
// most maxTicks of them.
func (c *serverConn) poll(req *httpmsg.Message, q queryValues, every time.Duration, keep bool) (responder, bool) {
	since := -1
	lastTick := int(limits.End / every) // no tick happens after the end of virtual time
	if v := q.Get("since"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 || n >= lastTick {
			return c.fixed(req, 400, "text/plain", []byte("?since= takes a tick number\n"), nil, keep), keep
		}
		since = n
	}
	return &pollWait{c: c, req: req, keep: keep, since: since, every: every}, keep
}

// pollWait decides when to answer at the moment it begins: at once if
// the asked-for tick has happened, else at that tick. The answer is made
// then, with every tick after since (-1: the latest).
type pollWait struct {
	c     *serverConn
	req   *httpmsg.Message
	keep  bool
	since int
	every time.Duration
	at    time.Duration
}

func (p *pollWait) begin(now time.Duration) {
	if p.since >= 0 && p.tickAt(p.since+1) <= now {
		p.at = now
		return
	}
	k := int((now-p.c.s.start)/p.every) + 1
	if p.since >= 0 {
		k = p.since + 1
	}
	p.at = p.tickAt(k)
}

// tickAt is when tick k happens: k periods after the server started.
func (p *pollWait) tickAt(k int) time.Duration {
	d, ok := limits.Scale(int64(k), p.every)
	if !ok {
		return limits.End
	}
	return limits.AddTime(p.c.s.start, d)
}

func (p *pollWait) emit(now time.Duration, out []byte) ([]byte, bool) {
	if now < p.at {
		return out, false
	}
	last := int((now - p.c.s.start) / p.every)
	first := p.since + 1
	if p.since < 0 {
		first = last
	}
	var body strings.Builder
	for k := first; k <= min(last, first+maxTicks-1); k++ {
		body.WriteString("tick " + strconv.Itoa(k) + "\n")
	}
	return append(out, p.c.buildResponse(p.req, 200, "text/plain", []byte(body.String()), nil, p.keep)...), true
}

func (p *pollWait) wake() (time.Duration, bool) { return p.at, true }

func (p *pollWait) copy(c *serverConn) responder {
	q := *p
	q.c, q.req = c, p.req.Clone()
	return &q
}

// upgrade answers /push: with a valid WebSocket handshake the connection
// switches protocols (RFC 6455 4.2.2) and the server pushes a tick every
// period; a plain GET gets 426 (RFC 9110 15.5.22).
func (c *serverConn) upgrade(now time.Duration, req *httpmsg.Message, every time.Duration, keep bool) (responder, bool) {
	if !req.Header.Has("Upgrade") {
		h := httpmsg.Header{{Name: "Upgrade", Value: "websocket"}}
		return c.fixed(req, 426, "text/plain", []byte("/push speaks WebSocket: send an Upgrade request\n"), h, keep), keep
	}
	if c.s.minor() == 0 {
		// Upgrade is an HTTP/1.1 mechanism (RFC 9110 7.8).
		return c.fixed(req, 501, "text/plain", []byte("this HTTP/1.0 server cannot switch protocols\n"), nil, false), false
	}
	key, err := websocket.CheckRequest(req)
	if err != nil {
		rej := websocket.RejectResponse(err.(*websocket.HandshakeError))
		rej.Minor = c.s.minor()
		rej.Header = append(rej.Header, httpmsg.Field{Name: "Connection", Value: "close"})
		b, _ := rej.Append(nil) // built by the websocket package: valid
		return &delayed{bytes: b}, false
	}
	c.ws = newWSServer(every)
	c.parser.Switch()
	if rest := c.parser.Rest(); len(rest) > 0 {
		c.ws.feed(rest)
	}
	accept := websocket.AcceptResponse(key)
	b, _ := accept.Append(nil) // a fixed table: valid
	return &delayed{bytes: b}, true
}
