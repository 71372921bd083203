package httpmsg

import (
	"strconv"
)

// Error is a malformed or unacceptable message. Status is the response code
// a server would answer with (400, 431, 501, 505, 413); Offset is the stream
// offset of the byte at which the problem was found.
type Error struct {
	Status int
	Reason string
	Offset int64
}

func (e *Error) Error() string {
	return "http: " + e.Reason + " (at byte " + strconv.FormatInt(e.Offset, 10) + ")"
}

func newError(status int, offset int64, reason string) *Error {
	return &Error{Status: status, Reason: reason, Offset: offset}
}
