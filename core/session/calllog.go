package session

import (
	"github.com/sockplay/sockplay/core/errno"
	"github.com/sockplay/sockplay/core/script"
	"github.com/sockplay/sockplay/core/stack"
)

// CallRecord is one socket call that returned: what goals and graders ask
// of calls ("connect failed with ECONNREFUSED", "recv returned bytes")
// without reading the printed text. A blocked call is recorded when it
// finishes.
type CallRecord struct {
	Call  int    `json:"call"`            // call number, as in trace events
	Line  int    `json:"line"`            // the line that made the call
	Host  string `json:"host"`            // the host it ran on
	Op    string `json:"op"`              // the call's name: "connect", "recv"
	FD    int    `json:"fd,omitempty"`    // the socket it was made on, 0 for socket()
	Ret   int    `json:"ret"`             // the return value; recv's is the byte count; -1 on failure
	Errno string `json:"errno,omitempty"` // "ECONNREFUSED" when it failed
	Trace int    `json:"trace"`           // trace length when it returned: events before it have index < Trace
}

// Calls are the calls that returned, from the since-th on, in the order
// they returned.
func (s *Session) Calls(since int) []CallRecord {
	if since < 0 {
		since = 0
	}
	if since >= len(s.st.callLog) {
		return nil
	}
	return append([]CallRecord(nil), s.st.callLog[since:]...)
}

// Rebuilds counts the times the engine was built afresh (undo, goto,
// reset, a new seed): a reader following the trace and the calls
// incrementally starts over when it changes.
func (s *Session) Rebuilds() int { return s.rebuilds }

// recordCall adds a returned call to the log and returns its record.
func (e *engine) recordCall(call, line int, host, op string, fd int, res stack.Result) CallRecord {
	if op == opSOError {
		op = "getsockopt"
	}
	r := CallRecord{Call: call, Line: line, Host: host, Op: op, FD: fd, Ret: res.Ret, Trace: e.w.Log().Len()}
	switch {
	case res.Failed():
		r.Ret = -1
		if res.Err != errno.OK {
			r.Errno = res.Err.Name()
		}
	case op == "recv" || op == "read" || op == "recvfrom":
		r.Ret = len(res.Data)
	}
	e.callLog = append(e.callLog, r)
	return r
}

// socketArg is the socket a call is made on: its first argument, for every
// call but socket() and poll(); 0 when there is none.
func (e *engine) socketArg(h *stack.Host, c *script.Call) int {
	if c.Name == "socket" || c.Name == "poll" || len(c.Args) == 0 {
		return 0
	}
	switch v := c.Args[0].(type) {
	case *script.Var:
		return e.vars[h.Name()][v.Name]
	case *script.Int:
		return int(v.Value)
	}
	return 0
}
