package pkt

import (
	"strconv"

	"github.com/sockplay/sockplay/core/errno"
	"github.com/sockplay/sockplay/core/inet"
	"github.com/sockplay/sockplay/core/script"
	"github.com/sockplay/sockplay/core/stack"
)

// value is an integer argument: a number, a constant or A|B.
func (r *runner) value(e Expr) (int, error) {
	switch e.Kind {
	case ExprInt:
		return int(e.Int), nil
	case ExprName:
		if e.Name == "|" {
			v := 0
			for _, o := range e.Or {
				x, err := r.value(o)
				if err != nil {
					return 0, err
				}
				v |= x
			}
			return v, nil
		}
		if c, ok := script.LookupConstant(e.Name); ok {
			return int(c.Value), nil
		}
		return 0, r.fail("not supported: constant " + e.Name)
	case ExprArray:
		if len(e.Elems) == 1 {
			return r.value(e.Elems[0])
		}
	}
	return 0, r.fail("not supported: this argument form here")
}

// args evaluates the arguments at the given positions as integers;
// `...` counts as 0.
func (r *runner) ints(c *Call, n int) ([]int, error) {
	if len(c.Args) < n {
		return nil, r.fail(c.Name + " needs " + strconv.Itoa(n) + " arguments")
	}
	out := make([]int, n)
	for i := range n {
		if c.Args[i].Kind == ExprEllipsis {
			continue
		}
		v, err := r.value(c.Args[i])
		if err != nil {
			return nil, err
		}
		out[i] = v
	}
	return out, nil
}

// fd maps a script descriptor to the engine's.
func (r *runner) fd(v int) int {
	if fd, ok := r.fds[int64(v)]; ok {
		return fd
	}
	return v
}

// do makes the call on the stack under test.
func (r *runner) do(c *Call) (stack.Result, error) {
	h := r.h
	need := map[string]int{"socket": 3, "bind": 1, "listen": 2, "accept": 1, "connect": 1, "write": 3, "send": 4,
		"read": 3, "recv": 4, "close": 1, "shutdown": 2, "setsockopt": 4, "getsockopt": 4, "fcntl": 2}
	n, ok := need[c.Name]
	if !ok {
		return stack.Result{}, r.fail("not supported: " + c.Name + "()")
	}
	v, err := r.ints(c, n)
	if err != nil {
		return stack.Result{}, err
	}
	switch c.Name {
	case "socket":
		domain := v[0]
		if c.Args[0].Kind == ExprEllipsis {
			domain = stack.AF_INET
		}
		return h.Socket(domain, v[1], v[2]), nil
	case "bind":
		return h.Bind(r.fd(v[0]), inet.AddrPortFrom(inet.IPv4Unspecified(), scriptPort)), nil
	case "listen":
		return h.Listen(r.fd(v[0]), v[1]), nil
	case "accept":
		return h.Accept(r.fd(v[0])), nil
	case "connect":
		fd := r.fd(v[0])
		r.remotePort = scriptPort
		res := h.Connect(fd, inet.AddrPortFrom(RemoteAddr, scriptPort))
		if name := h.Getsockname(fd); name.Err == errno.OK {
			r.localPort = name.Addr.Port()
		}
		return res, nil
	case "write", "send":
		flags := 0
		if c.Name == "send" {
			flags = v[3]
		}
		return h.Send(r.fd(v[0]), make([]byte, v[2]), flags), nil
	case "read", "recv":
		flags := 0
		if c.Name == "recv" {
			flags = v[3]
		}
		return h.Recv(r.fd(v[0]), v[2], flags), nil
	case "close":
		return h.Close(r.fd(v[0])), nil
	case "shutdown":
		return h.Shutdown(r.fd(v[0]), v[1]), nil
	case "fcntl":
		arg := 0
		if len(c.Args) > 2 {
			a, err := r.value(c.Args[2])
			if err != nil {
				return stack.Result{}, err
			}
			arg = a
		}
		return h.Fcntl(r.fd(v[0]), v[1], arg), nil
	case "setsockopt":
		if c.Args[3].Kind == ExprStruct {
			if len(c.Args[3].Elems) != 2 || v[2] != stack.SO_LINGER {
				return stack.Result{}, r.fail("not supported: this setsockopt structure")
			}
			on, err := r.value(c.Args[3].Elems[0])
			if err != nil {
				return stack.Result{}, err
			}
			secs, err := r.value(c.Args[3].Elems[1])
			if err != nil {
				return stack.Result{}, err
			}
			return h.Setsockopt(r.fd(v[0]), v[1], v[2], stack.OptVal{Linger: &stack.Linger{OnOff: on, Linger: secs}}), nil
		}
		return h.Setsockopt(r.fd(v[0]), v[1], v[2], stack.IntOpt(v[3])), nil
	case "getsockopt":
		res := h.Getsockopt(r.fd(v[0]), v[1], v[2])
		if res.Err != errno.OK || c.Args[3].Kind == ExprEllipsis {
			return res, nil
		}
		if res.Ret != v[3] {
			return res, r.fail("runtime error in getsockopt call: Bad getsockopt optval: expected: " + strconv.Itoa(v[3]) + " actual: " + strconv.Itoa(res.Ret))
		}
		return stack.Result{Ret: 0}, nil
	}
	return stack.Result{}, r.fail("not supported: " + c.Name + "()")
}
