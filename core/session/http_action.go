package session

import (
	"github.com/sockplay/sockplay/core/script"
	"github.com/sockplay/sockplay/core/stack"
	"github.com/sockplay/sockplay/core/trace"
)

// libraryAction runs a library call the way prepareCall runs a socket
// call: numbered, blocking its host while try is not done, its result
// assigned and printed, or printed later when it finishes. start does the
// call's work and returns the check that says whether it has finished.
// lateOp is how formatResult prints a late result ("recv" for ws.recv);
// line prints a result now (nil: as formatResult prints lateOp).
func libraryAction(h *stack.Host, st *script.CallStmt, lateOp string, fd int,
	start func(e *engine) func() (stack.Result, bool, string), line func(stack.Result) string) action {
	name := st.Call.Name
	if lateOp == "" {
		lateOp = name
	}
	if line == nil {
		line = func(r stack.Result) string { return formatResult(lateOp, r) }
	}
	text := script.FormatStmt(st)
	target := ""
	if st.Target != nil {
		target = st.Target.Name
	}
	return func(e *engine, b *builder) {
		e.calls++
		call := e.calls
		e.w.SetCall(call)
		try := start(e)
		blocked := false
		res := h.Block(name, fd, func() (stack.Result, bool, string) {
			r, done, on := try()
			// A late result prints as formatResult prints lateOp; when that
			// says less than the call's own line, the trace gets the full one.
			if done && blocked {
				if l := line(r); l != formatResult(lateOp, r) {
					e.note(h, fd, text+" "+l)
				}
			}
			return r, done, on
		})
		e.w.SetCall(0)
		if res.Blocked {
			blocked = true
			e.blocked[call] = blockedCall{line: e.w.Line(), host: h.Name(), target: target, text: text, op: lateOp}
			b.print("blocked: " + res.On)
			return
		}
		if target != "" && !res.Failed() {
			e.setVar(h.Name(), target, res.Ret)
		}
		b.returned(e.recordCall(call, e.w.Line(), h.Name(), lateOp, fd, res))
		b.print(line(res))
	}
}

// note records a library's remark in the trace, as the stack records
// its own notes.
func (e *engine) note(h *stack.Host, fd int, text string) {
	e.w.Log().Add(trace.Event{Kind: trace.Note, Line: e.w.Line(), Time: e.w.Now(), Host: h.Name(), FD: fd, Text: text})
}
