package session

import (
	"github.com/sockplay/sockplay/core/httpapp"
	"github.com/sockplay/sockplay/core/script"
	"github.com/sockplay/sockplay/core/stack"
)

// libraryCall prepares a dotted call such as http.serve(s): the programs
// that run on a host by themselves.
type libraryCall func(e *engine, h *stack.Host, st *script.CallStmt) (action, *Error)

// libraryCalls is the read-only table of library calls by name. A table,
// not a map: a map literal compiles to start-up code several times the
// size of the data in the WebAssembly build.
var libraryCalls = []struct {
	name    string
	prepare libraryCall
}{
	{"http.serve", prepareServe},
	{"http.get", prepareGet},
	{"http.request", prepareRequest},
	{"http.response", prepareResponse},
	{"ws.connect", prepareWSConnect},
	{"ws.send", prepareWSSend},
	{"ws.recv", prepareWSRecv},
	{"ws.ping", prepareWSPing},
	{"ws.close", prepareWSClose},
}

func libraryCallNamed(name string) (libraryCall, bool) {
	for _, c := range libraryCalls {
		if c.name == name {
			return c.prepare, true
		}
	}
	return nil, false
}

// installLibraries gives the world what the libraries need: the labeler
// that names HTTP and WebSocket bytes on the wire. It belongs in
// newEngine, so that hand-written HTTP is labelled before any library
// call; library calls install it too if it is missing.
func installLibraries(e *engine) {
	if !e.w.HasLabeler() {
		e.labeler = httpapp.NewLabeler()
		e.w.SetLabeler(e.labeler.Label)
	}
}

// libraryResult is how a library call's result prints, "" when it prints
// as formatResult prints op: http.get's "= 200 OK (text/html, 1234
// bytes)". formatResult consults it so late results print the same way.
func libraryResult(op string, res stack.Result) string {
	switch op {
	case "http.get", "http.response":
		if res.Failed() {
			return ""
		}
		return "= " + httpSummary(res)
	}
	return ""
}
