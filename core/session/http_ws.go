package session

import (
	"github.com/sockplay/sockplay/core/errno"
	"github.com/sockplay/sockplay/core/httpapp"
	"github.com/sockplay/sockplay/core/script"
	"github.com/sockplay/sockplay/core/stack"
	"github.com/sockplay/sockplay/core/websocket"
)

// prepareWSConnect resolves ws.connect(fd, path): the opening handshake,
// then a blocking wait for the server's answer.
func prepareWSConnect(e *engine, h *stack.Host, st *script.CallStmt) (action, *Error) {
	r := resolver{e: e, h: h, call: st.Call}
	fd := r.int(r.arg(0))
	path := ""
	if s, ok := r.arg(1).(*script.String); ok {
		path = s.Bytes()
	} else {
		r.fail(r.arg(1).Start(), plain(`e.g. "/push"`), say("path-must-be-string", "the path must be a string"))
	}
	if r.err != nil {
		return nil, r.err
	}
	if path == "" || path[0] != '/' {
		return nil, &Error{Message: "not a path: " + quoteBytes([]byte(path)), Col: st.Call.Args[1].Start().Col, Hint: `e.g. "/push"`}
	}
	if c := findClient(h, fd); c != nil && (c.Upgrading() || c.Outstanding() > 0) {
		return nil, &Error{Message: "this connection is busy: an HTTP answer is awaited or a WebSocket was opened", Col: st.Call.Pos.Col,
			Hint: "open a WebSocket on a fresh connection"}
	}
	var refusal string
	return libraryAction(h, st, "", fd, func(e *engine) func() (stack.Result, bool, string) {
		c, res := clientFor(e, h, fd)
		if c == nil {
			return done(res)
		}
		if err := c.Upgrade(path); err != nil {
			return done(stack.Result{Ret: -1, Err: errno.EINVAL})
		}
		e.w.Settle()
		return func() (stack.Result, bool, string) {
			resp, ok, finished := c.UpgradeResult()
			switch {
			case !finished:
				return stack.Result{}, false, "waiting for 101 Switching Protocols"
			case ok:
				return stack.Result{}, true, ""
			case resp.Err != errno.OK:
				refusal = resp.Detail
				return stack.Result{Ret: -1, Err: resp.Err}, true, ""
			}
			refusal = "the server answered " + resp.Proto + " " + itoa(resp.Status) + " " + resp.Reason
			return stack.Result{Ret: -1, Err: errno.ECONNREFUSED}, true, ""
		}
	}, func(res stack.Result) string {
		if res.Failed() && refusal != "" {
			return formatResult("ws.connect", res) + ": " + refusal
		}
		return formatResult("ws.connect", res)
	}), nil
}

// wsClient is the WebSocket client on fd, or the refusal to use it.
func wsClient(h *stack.Host, fd int, st *script.CallStmt) (*httpapp.Client, *Error) {
	c := findClient(h, fd)
	if c == nil || !c.IsWebSocket() {
		return nil, &Error{Message: "no WebSocket is open on this socket", Col: st.Call.Pos.Col,
			Hint: `open one first with ws.connect(` + exprText(st.Call.Args[0]) + `, "/push")`}
	}
	return c, nil
}

// prepareWSSend resolves ws.send(fd, data[, binary=1]).
func prepareWSSend(e *engine, h *stack.Host, st *script.CallStmt) (action, *Error) {
	r := resolver{e: e, h: h, call: st.Call}
	fd, data := r.int(r.arg(0)), r.bytes(r.arg(1))
	op := websocket.OpText
	if x := keywordArg(st, "binary"); x != nil && r.int(x) != 0 {
		op = websocket.OpBinary
	}
	if r.err != nil {
		return nil, r.err
	}
	c, err := wsClient(h, fd, st)
	if err != nil {
		return nil, err
	}
	return libraryAction(h, st, "", fd, func(e *engine) func() (stack.Result, bool, string) {
		if e := c.WSSend(op, data); e != errno.OK {
			return done(stack.Result{Ret: -1, Err: e})
		}
		e.w.Settle()
		return done(stack.Result{Ret: len(data)})
	}, nil), nil
}

// prepareWSRecv resolves ws.recv(fd): wait for the next message. Its
// result reads like recv's.
func prepareWSRecv(e *engine, h *stack.Host, st *script.CallStmt) (action, *Error) {
	r := resolver{e: e, h: h, call: st.Call}
	fd := r.int(r.arg(0))
	if r.err != nil {
		return nil, r.err
	}
	c, err := wsClient(h, fd, st)
	if err != nil {
		return nil, err
	}
	return libraryAction(h, st, "recv", fd, func(e *engine) func() (stack.Result, bool, string) {
		return awaitWS(e, c, "waiting for a message", func() (stack.Result, bool) {
			ev, ok := c.WSNext()
			switch {
			case !ok:
				return stack.Result{}, false
			case ev.Err != errno.OK:
				return stack.Result{Ret: -1, Err: ev.Err}, true
			case ev.Opcode == websocket.OpClose:
				return stack.Result{}, true // end of stream
			}
			return stack.Result{Ret: len(ev.Data), Data: ev.Data}, true
		})
	}, nil), nil
}

// prepareWSPing resolves ws.ping(fd[, data]): a ping, then a wait for the pong.
func prepareWSPing(e *engine, h *stack.Host, st *script.CallStmt) (action, *Error) {
	r := resolver{e: e, h: h, call: st.Call}
	fd := r.int(r.arg(0))
	var data []byte
	if x := r.arg(1); x != nil {
		data = r.bytes(x)
	}
	if r.err != nil {
		return nil, r.err
	}
	if len(data) > websocket.MaxControlPayload {
		return nil, &Error{Message: "a ping carries at most 125 bytes", Col: st.Call.Args[1].Start().Col, Hint: "RFC 6455 5.5: control frames are short"}
	}
	c, err := wsClient(h, fd, st)
	if err != nil {
		return nil, err
	}
	return libraryAction(h, st, "", fd, func(e *engine) func() (stack.Result, bool, string) {
		c.WSPongs() // forget pongs nobody waited for
		if e := c.WSPing(data); e != errno.OK {
			return done(stack.Result{Ret: -1, Err: e})
		}
		return awaitWS(e, c, "waiting for the pong", func() (stack.Result, bool) {
			if c.WSPongs() > 0 {
				return stack.Result{}, true
			}
			if end, ended := c.WSEnded(); ended {
				return stack.Result{Ret: -1, Err: endErr(end)}, true
			}
			return stack.Result{}, false
		})
	}, nil), nil
}

// prepareWSClose resolves ws.close(fd[, code=1000]): a close frame, then a
// wait for the server's.
func prepareWSClose(e *engine, h *stack.Host, st *script.CallStmt) (action, *Error) {
	r := resolver{e: e, h: h, call: st.Call}
	fd := r.int(r.arg(0))
	code := websocket.CloseNormal
	if x := keywordArg(st, "code"); x != nil {
		if code = websocket.CloseCode(r.int(x)); r.err == nil && !code.Sendable() {
			return nil, &Error{Message: "close code " + itoa(int(code)) + " may not be sent", Col: x.Start().Col,
				Hint: "1000 normal, 1001 going away, 3000-4999 for applications (RFC 6455 7.4)"}
		}
	}
	if r.err != nil {
		return nil, r.err
	}
	c, err := wsClient(h, fd, st)
	if err != nil {
		return nil, err
	}
	return libraryAction(h, st, "", fd, func(e *engine) func() (stack.Result, bool, string) {
		if e := c.WSClose(code); e != errno.OK {
			return done(stack.Result{Ret: -1, Err: e})
		}
		return awaitWS(e, c, "waiting for the server's close frame", func() (stack.Result, bool) {
			end, ended := c.WSEnded()
			if !ended {
				return stack.Result{}, false
			}
			if end.Err != errno.OK {
				return stack.Result{Ret: -1, Err: end.Err}, true
			}
			return stack.Result{}, true
		})
	}, nil), nil
}

// awaitWS makes the client read while check is not satisfied.
func awaitWS(e *engine, c *httpapp.Client, waiting string, check func() (stack.Result, bool)) func() (stack.Result, bool, string) {
	c.Await(true)
	e.w.Settle()
	return func() (stack.Result, bool, string) {
		res, ok := check()
		if !ok {
			return stack.Result{}, false, waiting
		}
		c.Await(false)
		return res, true, ""
	}
}

func endErr(end httpapp.WSEvent) errno.Errno {
	if end.Err != errno.OK {
		return end.Err
	}
	return errno.EPIPE
}
