package httpmsg

import "fmt"

// Error is a malformed or unacceptable message. Status is the response code
// a server would answer with (400, 431, 501, 505, 413); Offset is the stream
// offset of the byte at which the problem was found.
type Error struct {
	Status int
	Reason string
	Offset int64
}

func (e *Error) Error() string {
	return fmt.Sprintf("http: %s (at byte %d)", e.Reason, e.Offset)
}

func errorf(status int, offset int64, format string, args ...any) *Error {
	return &Error{Status: status, Reason: fmt.Sprintf(format, args...), Offset: offset}
}
