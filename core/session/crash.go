package session

import (
	"github.com/sockplay/sockplay/core/script"
	"github.com/sockplay/sockplay/core/stack"
)

// prepareCrash resolves `net> crash HOST` and `net> reboot HOST`.
func (e *engine) prepareCrash(cmd *script.Command) (action, *Error) {
	arg := cmd.Args[0].(*script.Name)
	h := e.w.Host(arg.Name)
	switch {
	case h == nil:
		return nil, refused(arg.Pos.Col, suggestHost(e, arg.Name), say("no-host", "no host named {0}", arg.Name))
	case cmd.Name == "crash" && h.Down():
		return nil, e.checkUp(h, arg.Pos)
	case cmd.Name == "reboot" && !h.Down():
		return nil, refused(arg.Pos.Col, plain(""), say("host-is-up", "{0} is up", arg.Name))
	case cmd.Name == "reboot":
		return func(e *engine, b *builder) {
			h.Reboot()
			b.print(arg.Name + " is up again with no sockets")
		}, nil
	}
	return func(e *engine, b *builder) {
		lost := h.Crash()
		// The process died with the host, and its variables with it (the
		// call it was blocked in is never completed, so e.blocked's entry
		// is never read again).
		e.vars[arg.Name] = nil
		b.print(arg.Name + " crashed; connections forgotten: " + itoa(lost))
	}, nil
}

// checkUp refuses a line on a host that is down.
func (e *engine) checkUp(h *stack.Host, at script.Pos) *Error {
	if !h.Down() {
		return nil
	}
	return refused(at.Col, plain(""), say("host-is-down", "{0} is down; net> reboot {0} brings it back", h.Name()))
}
