package session

import (
	"github.com/sockplay/sockplay/core/script"
	"github.com/sockplay/sockplay/core/stack"
)

// libraryCall prepares a dotted call such as http.serve(s): the programs
// that run on a host by themselves.
type libraryCall func(e *engine, h *stack.Host, st *script.CallStmt) (action, *Error)

// libraryCalls is the read-only table of library calls by name.
var libraryCalls = map[string]libraryCall{}
