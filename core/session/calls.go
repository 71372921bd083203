package session

import (
	"strconv"
	"strings"
	"time"

	"github.com/sockplay/sockplay/core/errno"
	"github.com/sockplay/sockplay/core/inet"
	"github.com/sockplay/sockplay/core/limits"
	"github.com/sockplay/sockplay/core/script"
	"github.com/sockplay/sockplay/core/stack"
)

// hostCall is a socket call with its arguments resolved.
type hostCall func(h *stack.Host) stack.Result

// prepareCall resolves a call's arguments on host h. Library calls
// (http.serve, ws.connect, ...) go to their own preparers.
func (e *engine) prepareCall(h *stack.Host, st *script.CallStmt) (action, *Error) {
	if err := e.checkUp(h, st.Call.Pos); err != nil {
		return nil, err
	}
	if lib, ok := libraryCallNamed(st.Call.Name); ok {
		if err := e.checkNotBlocked(h, st.Call.Pos); err != nil {
			return nil, err
		}
		return lib(e, h, st)
	}
	if err := e.checkNotBlocked(h, st.Call.Pos); err != nil {
		return nil, err
	}
	r := resolver{e: e, h: h, call: st.Call}
	fn := r.socketCall()
	if r.err != nil {
		return nil, r.err
	}
	text := script.FormatStmt(st)
	target := ""
	if st.Target != nil {
		target = st.Target.Name
	}
	op := st.Call.Name
	fd := e.socketArg(h, st.Call)
	if r.soError {
		op = opSOError
	}
	return func(e *engine, b *builder) {
		e.calls++
		call := e.calls
		e.w.SetCall(call)
		res := fn(h)
		e.w.SetCall(0)
		if res.Blocked {
			e.blocked[call] = blockedCall{line: e.w.Line(), host: h.Name(), target: target, text: text, op: op}
			b.print("blocked: " + res.On)
			return
		}
		if target != "" && !res.Failed() {
			e.setVar(h.Name(), target, res.Ret)
		}
		b.returned(e.recordCall(call, e.w.Line(), h.Name(), op, fd, res))
		b.print(formatResult(op, res))
	}, nil
}

func (e *engine) checkNotBlocked(h *stack.Host, at script.Pos) *Error {
	p := h.Pending()
	if p == nil {
		return nil
	}
	what := p.Op
	if bc, ok := e.blocked[p.Call]; ok {
		what = bc.text + " (line " + itoa(bc.line) + ")"
	}
	return &Error{
		Message: h.Name() + " is blocked in " + what + ": " + p.On,
		Col:     at.Col,
		Hint:    "a blocked process takes no calls; let the network finish it with net> step or net> run, or take it back with undo",
	}
}

// finishLate prints the results of blocked calls that finished during the
// line, and assigns their variables.
func (e *engine) finishLate(b *builder) {
	for _, c := range e.w.Completions() {
		bc, ok := e.blocked[c.Call]
		if !ok {
			continue
		}
		delete(e.blocked, c.Call)
		rec := e.recordCall(c.Call, bc.line, bc.host, bc.op, c.FD, c.Result)
		if bc.target != "" && !c.Result.Failed() {
			e.setVar(bc.host, bc.target, c.Result.Ret)
		}
		text := bc.host + "> " + bc.text + " " + formatResult(bc.op, c.Result)
		b.print("[line " + itoa(bc.line) + "] " + text)
		b.lateResults = append(b.lateResults, LateResult{Call: c.Call, Line: bc.line, Host: bc.host, Text: text, Errno: rec.Errno})
	}
}

// resolver turns argument expressions into values, keeping the first error.
type resolver struct {
	e    *engine
	h    *stack.Host
	call *script.Call
	err  *Error
	// soError: the call is getsockopt(SOL_SOCKET, SO_ERROR), whose value
	// is an errno and prints with its name.
	soError bool
	// vars, when set, are the only variables: a crowd client's own.
	vars map[string]int
}

func (r *resolver) fail(at script.Pos, hint, msg script.Text) {
	if r.err == nil {
		r.err = refused(at.Col, hint, msg)
	}
}

// arg is the i-th positional argument, or nil when it was left out.
func (r *resolver) arg(i int) script.Expr {
	if i < len(r.call.Args) {
		return r.call.Args[i]
	}
	return nil
}

func (r *resolver) variable(v *script.Var) int {
	if r.vars != nil {
		val, ok := r.vars[v.Name]
		if !ok {
			r.fail(v.Pos, say("assign-earlier", "assign it earlier in the script, e.g. {0} = socket(AF_INET, SOCK_STREAM)", v.Name), say("no-crowd-variable", "no variable `{0}` in the crowd's script", v.Name))
		}
		return val
	}
	mine := r.e.vars[r.h.Name()]
	if val, ok := mine[v.Name]; ok {
		return val
	}
	for _, h := range r.e.w.Hosts() {
		if _, ok := r.e.vars[h.Name()][v.Name]; ok {
			r.fail(v.Pos, say("variable-belongs", "`{0}` belongs to {1}; each host has its own variables", v.Name, h.Name()), say("no-variable", "no variable `{0}` on {1}", v.Name, r.h.Name()))
			return 0
		}
	}
	if r.err == nil {
		known := make([]string, 0, len(mine))
		for n := range mine {
			known = append(known, n)
		}
		r.err = toError(script.UnknownVariable(v, r.h.Name(), known))
	}
	return 0
}

// int is an argument a C function takes as an int: a literal out of an
// int's range is refused, as a C compiler would refuse to pass it.
func (r *resolver) int(x script.Expr) int {
	switch v := x.(type) {
	case *script.Int:
		if !limits.FitsInt(v.Value) {
			r.fail(v.Pos, say("c-int-range", "a C int is -2147483648 to 2147483647"), say("int-overflow", "{0} does not fit in an int", script.FormatExpr(v)))
		}
		return int(v.Value)
	case *script.Const:
		return int(v.Value)
	case *script.Var:
		return r.variable(v)
	case *script.Or:
		n := 0
		for _, t := range v.Terms {
			n |= r.int(t)
		}
		return n
	case nil:
		return 0
	}
	r.fail(x.Start(), plain(""), say("expected-number", "expected a number here"))
	return 0
}

func (r *resolver) bytes(x script.Expr) []byte {
	if s, ok := x.(*script.String); ok {
		return s.Data()
	}
	r.fail(x.Start(), say("write-bytes-as-string", `write the bytes as a string, e.g. "hello\n"`), say("expected-string", "expected a string here"))
	return nil
}

func (r *resolver) addr(x script.Expr) inet.AddrPort {
	switch v := x.(type) {
	case *script.Address:
		if v.Host == "" {
			return inet.AddrPortFrom(v.IP, uint16(v.Port))
		}
		if h := r.e.w.Host(v.Host); h != nil {
			return inet.AddrPortFrom(h.Addr(), uint16(v.Port))
		}
		r.fail(v.Pos, suggestHost(r.e, v.Host), say("no-host", "no host named {0}", v.Host))
	case *script.Null, nil:
		return inet.AddrPort{}
	default:
		r.fail(x.Start(), say("write-address", "write IP:PORT or HOST:PORT, e.g. server:80"), say("expected-address", "expected an address here"))
	}
	return inet.AddrPort{}
}

// size is a length C takes as a size_t: any integer; the stack clamps it
// as Linux does (a negative one is a huge size_t).
func (r *resolver) size(x script.Expr) int {
	if v, ok := x.(*script.Int); ok {
		return int(v.Value)
	}
	return r.int(x)
}

// optval is setsockopt's value for option opt at level: a struct timeval
// for SO_RCVTIMEO and SO_SNDTIMEO (written {sec, usec} or as a
// duration), a struct linger for any other {a, b}, a duration in the
// option's own unit, or an int.
func (r *resolver) optval(x script.Expr, level, opt int) stack.OptVal {
	timeout := level == stack.SOL_SOCKET && (opt == stack.SO_RCVTIMEO || opt == stack.SO_SNDTIMEO)
	switch v := x.(type) {
	case *script.Struct:
		if len(v.Fields) != 2 {
			hint := "struct linger is {onoff, seconds}, e.g. {1, 0}"
			if timeout {
				hint = "struct timeval is {seconds, microseconds}, e.g. {2, 500000}"
			}
			r.fail(v.Pos, plain(hint), say("expected-two-fields", "expected two fields"))
			return stack.OptVal{}
		}
		if timeout {
			return stack.OptVal{Timeval: &stack.Timeval{Sec: int64(r.int(v.Fields[0])), Usec: int64(r.int(v.Fields[1]))}}
		}
		return stack.OptVal{Linger: &stack.Linger{OnOff: r.int(v.Fields[0]), Linger: r.int(v.Fields[1])}}
	case *script.String:
		if v.Repeat == 0 {
			return stack.OptVal{Name: v.Value} // TCP_CONGESTION's algorithm
		}
	case *script.Duration:
		if timeout {
			// Whole microseconds, rounded up so a short timeout is not none.
			usec := (v.Value + time.Microsecond - 1) / time.Microsecond
			return stack.OptVal{Timeval: &stack.Timeval{Sec: int64(usec / 1e6), Usec: int64(usec % 1e6)}}
		}
		unit, ok := durationUnitOf(level, opt)
		if !ok {
			r.fail(v.Pos, say("give-integer", "give an integer"), say("option-takes-integer", "this option takes an integer, not a duration"))
			return stack.OptVal{}
		}
		n := v.Value / unit
		if !limits.FitsInt(int64(n)) {
			r.fail(v.Pos, plain(""), say("option-int-overflow", "{0} is too long for this option's int", script.FormatExpr(v)))
		}
		return stack.IntOpt(int(n))
	}
	return stack.IntOpt(r.int(x))
}

// durationUnitOf is the unit of an int option that counts time.
func durationUnitOf(level, opt int) (time.Duration, bool) {
	if level != stack.IPPROTO_TCP {
		return 0, false
	}
	switch opt {
	case stack.TCP_USER_TIMEOUT:
		return time.Millisecond, true
	case stack.TCP_KEEPIDLE, stack.TCP_KEEPINTVL:
		return time.Second, true
	}
	return 0, false
}

func (r *resolver) pollfds(x script.Expr) []stack.PollFD {
	var elems []script.Expr
	switch v := x.(type) {
	case *script.List:
		elems = v.Elems
	case *script.Struct:
		elems = []script.Expr{v}
	}
	var fds []stack.PollFD
	for _, el := range elems {
		s, ok := el.(*script.Struct)
		if !ok || len(s.Fields) != 2 {
			r.fail(el.Start(), plain("each entry is {fd, events}, e.g. {c, POLLIN}"), plain("expected {fd, events}"))
			return nil
		}
		fds = append(fds, stack.PollFD{FD: r.int(s.Fields[0]), Events: int16(r.int(s.Fields[1]))})
	}
	return fds
}

// timeout is poll's timeout in milliseconds, a C int; a duration is
// accepted too.
func (r *resolver) timeout(x script.Expr) int {
	if d, ok := x.(*script.Duration); ok {
		ms := int64(d.Value / time.Millisecond)
		if !limits.FitsInt(ms) {
			r.fail(d.Pos, say("poll-timeout-max", "poll waits at most 2147483647 ms (24.8 days); -1 waits for ever"), say("poll-timeout-too-long", "{0} is too long for poll's timeout", script.FormatExpr(d)))
		}
		return int(ms)
	}
	return r.int(x)
}

// socketCall resolves the arguments of one of the BSD socket calls.
func (r *resolver) socketCall() hostCall {
	a := r.arg
	switch r.call.Name {
	case "socket":
		domain, typ, proto := r.int(a(0)), r.int(a(1)), r.int(a(2))
		return func(h *stack.Host) stack.Result { return h.Socket(domain, typ, proto) }
	case "bind":
		fd, addr := r.int(a(0)), r.addr(a(1))
		return func(h *stack.Host) stack.Result { return h.Bind(fd, addr) }
	case "listen":
		fd, backlog := r.int(a(0)), r.int(a(1))
		return func(h *stack.Host) stack.Result { return h.Listen(fd, backlog) }
	case "accept":
		fd := r.int(a(0))
		return func(h *stack.Host) stack.Result { return h.Accept(fd) }
	case "connect":
		fd, addr := r.int(a(0)), r.addr(a(1))
		return func(h *stack.Host) stack.Result { return h.Connect(fd, addr) }
	case "send", "write":
		fd, data, flags := r.int(a(0)), r.bytes(a(1)), r.int(a(2))
		return func(h *stack.Host) stack.Result { return h.Send(fd, data, flags) }
	case "recv", "read":
		fd, n, flags := r.int(a(0)), r.size(a(1)), r.int(a(2))
		return func(h *stack.Host) stack.Result { return h.Recv(fd, n, flags) }
	case "sendto":
		fd, data := r.int(a(0)), r.bytes(a(1))
		var addr inet.AddrPort
		flags := 0
		if len(r.call.Args) == 3 {
			addr = r.addr(a(2))
		} else {
			flags, addr = r.int(a(2)), r.addr(a(3))
		}
		return func(h *stack.Host) stack.Result { return h.SendTo(fd, data, flags, addr) }
	case "recvfrom":
		fd, n, flags := r.int(a(0)), r.size(a(1)), r.int(a(2))
		return func(h *stack.Host) stack.Result { return h.RecvFrom(fd, n, flags) }
	case "shutdown":
		fd, how := r.int(a(0)), r.int(a(1))
		return func(h *stack.Host) stack.Result { return h.Shutdown(fd, how) }
	case "close":
		fd := r.int(a(0))
		return func(h *stack.Host) stack.Result { return h.Close(fd) }
	case "setsockopt":
		fd, level, opt := r.int(a(0)), r.int(a(1)), r.int(a(2))
		val := r.optval(a(3), level, opt)
		return func(h *stack.Host) stack.Result { return h.Setsockopt(fd, level, opt, val) }
	case "getsockopt":
		fd, level, opt := r.int(a(0)), r.int(a(1)), r.int(a(2))
		r.soError = level == stack.SOL_SOCKET && opt == stack.SO_ERROR
		return func(h *stack.Host) stack.Result { return h.Getsockopt(fd, level, opt) }
	case "getsockname":
		fd := r.int(a(0))
		return func(h *stack.Host) stack.Result { return h.Getsockname(fd) }
	case "getpeername":
		fd := r.int(a(0))
		return func(h *stack.Host) stack.Result { return h.Getpeername(fd) }
	case "fcntl":
		fd, cmd, arg := r.int(a(0)), r.int(a(1)), r.int(a(2))
		return func(h *stack.Host) stack.Result { return h.Fcntl(fd, cmd, arg) }
	case "poll":
		fds, timeout := r.pollfds(a(0)), r.timeout(a(1))
		return func(h *stack.Host) stack.Result { return h.Poll(fds, timeout) }
	}
	r.fail(r.call.Pos, say("help-lists-calls", "`help` lists the calls"), say("not-socket-call", "{0} is not a socket call", r.call.Name))
	return nil
}

// opSOError is the op of getsockopt(…, SOL_SOCKET, SO_ERROR) for
// formatResult.
const opSOError = "getsockopt SO_ERROR"

// formatResult prints a call's result the way a shell session would.
func formatResult(op string, res stack.Result) string {
	if s := libraryResult(op, res); s != "" {
		return s
	}
	if res.Failed() {
		return "= -1 " + res.Err.Error()
	}
	switch op {
	case "recv", "read":
		if len(res.Data) == 0 {
			return `= 0 "" (end of stream)`
		}
		return "= " + itoa(len(res.Data)) + " " + quoteBytes(res.Data)
	case "recvfrom":
		return "= " + itoa(len(res.Data)) + " " + quoteBytes(res.Data) + " from " + res.Addr.String()
	case "accept":
		return "= " + itoa(res.Ret) + " (peer " + res.Addr.String() + ")"
	case "getsockname", "getpeername":
		return "= 0 (" + res.Addr.String() + ")"
	case "getsockopt":
		if res.Linger != nil {
			return "= 0 ({" + strconv.Itoa(res.Linger.OnOff) + ", " + strconv.Itoa(res.Linger.Linger) + "})"
		}
		if tv := res.Timeval; tv != nil {
			return "= 0 ({" + strconv.FormatInt(tv.Sec, 10) + ", " + strconv.FormatInt(tv.Usec, 10) + "})"
		}
		if res.Name != "" {
			return "= 0 (" + strconv.Quote(res.Name) + ")"
		}
		return "= 0 (" + itoa(res.Ret) + ")"
	case opSOError:
		// The pending error is an errno: name it, as strace does.
		if res.Ret == 0 {
			return "= 0 (0: no pending error)"
		}
		e := errno.Errno(res.Ret)
		return "= 0 (" + itoa(res.Ret) + ": " + e.Name() + ", " + e.Message() + ")"
	case "poll":
		var parts []string
		for _, p := range res.Poll {
			if p.Revents != 0 {
				parts = append(parts, "{"+strconv.Itoa(p.FD)+", "+pollNames(p.Revents)+"}")
			}
		}
		return "= " + itoa(res.Ret) + " [" + strings.Join(parts, ", ") + "]"
	}
	return "= " + itoa(res.Ret)
}

func pollNames(ev int16) string {
	names := []struct {
		bit  int16
		name string
	}{{stack.POLLIN, "POLLIN"}, {stack.POLLPRI, "POLLPRI"}, {stack.POLLOUT, "POLLOUT"}, {stack.POLLERR, "POLLERR"}, {stack.POLLHUP, "POLLHUP"}, {stack.POLLNVAL, "POLLNVAL"}, {stack.POLLRDHUP, "POLLRDHUP"}}
	var on []string
	for _, n := range names {
		if ev&n.bit != 0 {
			on = append(on, n.name)
		}
	}
	if len(on) == 0 {
		return "0"
	}
	return strings.Join(on, "|")
}

// quoteBytes writes received bytes as a script string literal, cut after
// 200 bytes.
func quoteBytes(b []byte) string {
	const most = 200
	if len(b) > most {
		return script.Quote(string(b[:most])) + "..."
	}
	return script.Quote(string(b))
}
