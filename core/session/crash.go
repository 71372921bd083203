package session

import (
	"github.com/sockplay/sockplay/core/script"
	"github.com/sockplay/sockplay/core/stack"
)

// prepareCrash resolves `net> crash HOST` and `net> reboot HOST`.
func (e *engine) prepareCrash(cmd *script.Command) (action, *Error) {
	arg := cmd.Args[0].(*script.Name)
	h := e.w.Host(arg.Name)
	if h == nil {
		return nil, &Error{Message: "no host named " + arg.Name, Col: arg.Pos.Col, Hint: suggestHost(e, arg.Name)}
	}
	if cmd.Name == "reboot" {
		if !h.Down() {
			return nil, &Error{Message: h.Name() + " is up", Col: arg.Pos.Col, Hint: "net> crash " + h.Name() + " takes it down first"}
		}
		return func(e *engine, b *builder) {
			h.Reboot()
			b.print(h.Name() + " is up again with no sockets; a segment of an old connection gets a reset")
		}, nil
	}
	if h.Down() {
		return nil, &Error{Message: h.Name() + " is down already", Col: arg.Pos.Col, Hint: "net> reboot " + h.Name() + " brings it back"}
	}
	return func(e *engine, b *builder) {
		lost := h.Crash()
		// The process died with the host: its variables and the blocked
		// call it was in are gone.
		delete(e.vars, h.Name())
		for call, bc := range e.blocked {
			if bc.host == h.Name() {
				delete(e.blocked, call)
			}
		}
		conns := " connections"
		if lost == 1 {
			conns = " connection"
		}
		b.print(h.Name() + " crashed: " + itoa(lost) + conns + " forgotten without a word to their peers; net> reboot " + h.Name() + " brings it back")
	}, nil
}

// checkUp refuses a call on a host that is down.
func (e *engine) checkUp(h *stack.Host, at script.Pos) *Error {
	if !h.Down() {
		return nil
	}
	return &Error{Message: h.Name() + " is down", Col: at.Col, Hint: "net> reboot " + h.Name() + " brings it back"}
}
