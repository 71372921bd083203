package script

import (
	"strconv"
)

// Error is why a line was rejected: one message, where it happened and,
// when one helps, a hint ("did you mean `listen`?", a signature).
type Error struct {
	Col  int // 1-based column (characters) in the parsed text; 0 when it concerns the whole line
	Msg  string
	Hint string
}

// Error reads "col 7: unknown call `lisen`; did you mean `listen`?".
func (e *Error) Error() string {
	s := e.Msg
	if e.Col > 0 {
		s = "col " + strconv.Itoa(e.Col) + ": " + e.Msg
	}
	if e.Hint != "" {
		s += "; " + e.Hint
	}
	return s
}

func errorAt(p Pos, hint, msg string) *Error {
	return &Error{Col: p.Col, Msg: msg, Hint: hint}
}
