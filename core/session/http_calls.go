package session

import (
	"strings"
	"time"

	"github.com/sockplay/sockplay/core/errno"
	"github.com/sockplay/sockplay/core/httpapp"
	"github.com/sockplay/sockplay/core/httpmsg"
	"github.com/sockplay/sockplay/core/script"
	"github.com/sockplay/sockplay/core/stack"
)

// prepareServe resolves http.serve(fd[, version=][, idle=][, max=]).
func prepareServe(e *engine, h *stack.Host, st *script.CallStmt) (action, *Error) {
	r := resolver{e: e, h: h, call: st.Call}
	fd := r.int(r.arg(0))
	var opts httpapp.ServerOptions
	if x := keywordArg(st, "version"); x != nil {
		minor, err := httpMinor(x)
		if err != nil {
			return nil, err
		}
		opts.HTTP10 = minor == 0
	}
	if x := keywordArg(st, "idle"); x != nil {
		d, ok := x.(*script.Duration)
		if !ok || d.Value <= 0 || d.Value > time.Hour {
			return nil, &Error{Message: "idle must be a duration from 1ms to 1h", Col: x.Start().Col, Hint: "e.g. idle=5s"}
		}
		opts.Idle = d.Value
	}
	if x := keywordArg(st, "max"); x != nil {
		if opts.MaxRequests = r.int(x); r.err == nil && opts.MaxRequests < 1 {
			return nil, &Error{Message: "max must be at least 1", Col: x.Start().Col, Hint: "e.g. max=100"}
		}
	}
	if r.err != nil {
		return nil, r.err
	}
	return libraryAction(h, st, "", fd, func(e *engine) func() (stack.Result, bool, string) {
		res := serve(h, fd, opts)
		return func() (stack.Result, bool, string) { return res, true, "" }
	}, nil), nil
}

// serve attaches an HTTP server to the listening socket fd.
func serve(h *stack.Host, fd int, opts httpapp.ServerOptions) stack.Result {
	if r := h.Getsockname(fd); r.Failed() {
		return r
	}
	listening := false
	for _, si := range h.Sockets() {
		listening = listening || si.FD == fd && si.State == "LISTEN"
	}
	if !listening {
		return stack.Result{Ret: -1, Err: errno.EINVAL}
	}
	for _, a := range h.Apps() {
		if s, ok := a.(*httpapp.Server); ok && s.FD() == fd && s.Serving() {
			return stack.Result{Ret: -1, Err: errno.EALREADY}
		}
	}
	h.Attach(httpapp.NewServer(fd, opts))
	return stack.Result{}
}

// getArgs are http.get's and http.request's arguments.
type getArgs struct {
	fd         int
	path       string
	minor      int
	connection string
}

func resolveGet(e *engine, h *stack.Host, st *script.CallStmt) (getArgs, *Error) {
	r := resolver{e: e, h: h, call: st.Call}
	a := getArgs{fd: r.int(r.arg(0)), minor: 1}
	if s, ok := r.arg(1).(*script.String); ok {
		a.path = s.Bytes()
	} else if r.arg(1) != nil {
		r.fail(r.arg(1).Start(), plain(`e.g. "/index.html"`), say("path-must-be-string", "the path must be a string"))
	}
	if r.err != nil {
		return a, r.err
	}
	if x := keywordArg(st, "version"); x != nil {
		minor, err := httpMinor(x)
		if err != nil {
			return a, err
		}
		a.minor = minor
	}
	if x := keywordArg(st, "connection"); x != nil {
		s, ok := x.(*script.String)
		if !ok || s.Value != "close" && s.Value != "keep-alive" {
			return a, &Error{Message: `connection must be "close" or "keep-alive"`, Col: x.Start().Col,
				Hint: `HTTP/1.1 keeps the connection unless told "close"; HTTP/1.0 closes unless told "keep-alive"`}
		}
		a.connection = s.Value
	}
	req := httpmsg.NewRequest("GET", a.path, httpmsg.Header{{Name: "Host", Value: "server"}}, nil)
	if _, err := req.Append(nil); err != nil || a.path == "" || a.path[0] != '/' {
		return a, &Error{Message: "not a path a request can ask for: " + quoteBytes([]byte(a.path)), Col: st.Call.Args[1].Start().Col,
			Hint: `a path starts with / and has no spaces, e.g. "/index.html"`}
	}
	if c := findClient(h, a.fd); c != nil {
		if c.Upgrading() {
			return a, &Error{Message: "this connection was switched to WebSocket by ws.connect", Col: st.Call.Pos.Col,
				Hint: "use ws.send and ws.recv on it, or open another connection for HTTP"}
		}
		if st.Call.Name == "http.get" && c.Outstanding() > 0 {
			return a, &Error{Message: itoa(c.Outstanding()) + " earlier request(s) on this connection are not answered yet",
				Col: st.Call.Pos.Col, Hint: "take their responses first with http.response(" + exprText(st.Call.Args[0]) + ")"}
		}
	}
	return a, nil
}

// prepareGet resolves http.get: a request, then a blocking wait for its
// response.
func prepareGet(e *engine, h *stack.Host, st *script.CallStmt) (action, *Error) {
	a, err := resolveGet(e, h, st)
	if err != nil {
		return nil, err
	}
	return libraryAction(h, st, "http.get", a.fd, func(e *engine) func() (stack.Result, bool, string) {
		c, res := clientFor(e, h, a.fd)
		if c == nil {
			return done(res)
		}
		if _, err := c.Get(a.path, a.minor, a.connection); err != nil {
			return done(stack.Result{Ret: -1, Err: errno.EINVAL})
		}
		e.w.Settle()
		return awaitResponse(c, "the response to GET "+a.path)
	}, httpLine), nil
}

// prepareRequest resolves http.request: the request alone (pipelining).
func prepareRequest(e *engine, h *stack.Host, st *script.CallStmt) (action, *Error) {
	a, err := resolveGet(e, h, st)
	if err != nil {
		return nil, err
	}
	return libraryAction(h, st, "", a.fd, func(e *engine) func() (stack.Result, bool, string) {
		c, res := clientFor(e, h, a.fd)
		if c == nil {
			return done(res)
		}
		n, err := c.Get(a.path, a.minor, a.connection)
		if err != nil {
			return done(stack.Result{Ret: -1, Err: errno.EINVAL})
		}
		e.w.Settle()
		return done(stack.Result{Ret: n})
	}, nil), nil
}

// prepareResponse resolves http.response: wait for the oldest answer.
func prepareResponse(e *engine, h *stack.Host, st *script.CallStmt) (action, *Error) {
	r := resolver{e: e, h: h, call: st.Call}
	fd := r.int(r.arg(0))
	if r.err != nil {
		return nil, r.err
	}
	c := findClient(h, fd)
	if c == nil || c.Outstanding() == 0 {
		return nil, &Error{Message: "no request on this socket waits for its response", Col: st.Call.Pos.Col,
			Hint: `send one first with http.request(` + exprText(st.Call.Args[0]) + `, "/index.html")`}
	}
	return libraryAction(h, st, "http.response", fd, func(e *engine) func() (stack.Result, bool, string) {
		return awaitResponse(c, "the next response")
	}, httpLine), nil
}

// awaitResponse waits for the client's next complete response.
func awaitResponse(c *httpapp.Client, what string) func() (stack.Result, bool, string) {
	return func() (stack.Result, bool, string) {
		resp, ok := c.NextResponse()
		if !ok {
			return stack.Result{}, false, "waiting for " + what
		}
		if resp.Err != errno.OK {
			return stack.Result{Ret: -1, Err: resp.Err}, true, ""
		}
		return stack.Result{Ret: resp.Status, Data: resp.Raw}, true, ""
	}
}

// httpLine prints an HTTP result: "= 200 OK (text/html, 1234 bytes)".
func httpLine(res stack.Result) string {
	if s := libraryResult("http.get", res); s != "" {
		return s
	}
	return formatResult("http.get", res)
}

// httpSummary describes the response a result carries.
func httpSummary(res stack.Result) string {
	p := httpmsg.NewResponseParser(httpmsg.Limits{MaxBodyBytes: int64(len(res.Data)) + 1})
	msgs, err := p.Feed(res.Data)
	if err == nil && len(msgs) == 0 {
		msgs, err = p.Finish()
	}
	if err != nil || len(msgs) == 0 {
		return itoa(res.Ret)
	}
	m := msgs[0]
	text := httpapp.Response{Status: m.Status, Reason: m.Reason, Header: m.Header, Body: m.Body}.Summary()
	// A short plain-text body is the point of the answer (/poll's ticks,
	// an error's reason): show it as recv would.
	if strings.HasPrefix(m.Header.Get("Content-Type"), "text/plain") && len(m.Body) <= shownBody {
		text += " " + quoteBytes(m.Body)
	}
	return text
}

// shownBody is the largest plain-text body a result line shows.
const shownBody = 64

// findClient is the HTTP client app already working on fd, if any.
func findClient(h *stack.Host, fd int) *httpapp.Client {
	for _, a := range h.Apps() {
		if c, ok := a.(*httpapp.Client); ok && c.Serves(h, fd) {
			return c
		}
	}
	return nil
}

// clientFor finds or starts the client app for fd; a socket that cannot
// carry HTTP gives the errno send would.
func clientFor(e *engine, h *stack.Host, fd int) (*httpapp.Client, stack.Result) {
	if c := findClient(h, fd); c != nil {
		return c, stack.Result{}
	}
	c, err := httpapp.NewClient(h, fd, e.w.RandUint32)
	if err != errno.OK {
		return nil, stack.Result{Ret: -1, Err: err}
	}
	h.Attach(c)
	return c, stack.Result{}
}

func done(res stack.Result) func() (stack.Result, bool, string) {
	return func() (stack.Result, bool, string) { return res, true, "" }
}

func keywordArg(st *script.CallStmt, name string) script.Expr {
	for _, k := range st.Call.Keywords {
		if k.Name == name {
			return k.Value
		}
	}
	return nil
}

// httpMinor reads version=1.0 or 1.1.
func httpMinor(x script.Expr) (int, *Error) {
	if f, ok := x.(*script.Float); ok {
		switch f.Value {
		case 1.0:
			return 0, nil
		case 1.1:
			return 1, nil
		}
	}
	return 0, &Error{Message: "version must be 1.0 or 1.1", Col: x.Start().Col, Hint: "HTTP/2 and later are not spoken here"}
}

// exprText is an argument as typed, for hints.
func exprText(x script.Expr) string {
	switch v := x.(type) {
	case *script.Var:
		return v.Name
	case *script.Int:
		return itoa(int(v.Value))
	}
	return "fd"
}
