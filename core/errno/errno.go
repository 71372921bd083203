// Package errno holds the Linux error numbers the socket layer returns,
// with the names and messages strerror(3) gives them on Linux.
package errno

import (
	"strconv"
)

// Errno is a Linux errno value. Zero means success.
type Errno int

// Values are Linux x86-64's (asm-generic/errno.h), so a learner sees the
// numbers a real program would.
const (
	OK              Errno = 0
	EPERM           Errno = 1
	ENOENT          Errno = 2
	EINTR           Errno = 4
	EBADF           Errno = 9
	EAGAIN          Errno = 11
	ENOMEM          Errno = 12
	EACCES          Errno = 13
	EFAULT          Errno = 14
	EEXIST          Errno = 17
	EINVAL          Errno = 22
	EMFILE          Errno = 24
	ENOSPC          Errno = 28
	EDOM            Errno = 33
	EPIPE           Errno = 32
	ENOSYS          Errno = 38
	ENOTSOCK        Errno = 88
	EDESTADDRREQ    Errno = 89
	EMSGSIZE        Errno = 90
	EPROTOTYPE      Errno = 91
	ENOPROTOOPT     Errno = 92
	EPROTONOSUPPORT Errno = 93
	EOPNOTSUPP      Errno = 95
	EAFNOSUPPORT    Errno = 97
	EADDRINUSE      Errno = 98
	EADDRNOTAVAIL   Errno = 99
	ENETUNREACH     Errno = 101
	ECONNABORTED    Errno = 103
	ECONNRESET      Errno = 104
	ENOBUFS         Errno = 105
	EISCONN         Errno = 106
	ENOTCONN        Errno = 107
	ETIMEDOUT       Errno = 110
	ECONNREFUSED    Errno = 111
	EHOSTUNREACH    Errno = 113
	EALREADY        Errno = 114
	EINPROGRESS     Errno = 115
)

// EWOULDBLOCK is EAGAIN on Linux.
const EWOULDBLOCK = EAGAIN

// table holds each errno's name and message, indexed by its value. An
// array, not a map: a map literal compiles to start-up code, several times
// the size of the data in the WebAssembly build.
var table = [...][2]string{
	EPERM:           {"EPERM", "Operation not permitted"},
	ENOENT:          {"ENOENT", "No such file or directory"},
	EINTR:           {"EINTR", "Interrupted system call"},
	EBADF:           {"EBADF", "Bad file descriptor"},
	EAGAIN:          {"EAGAIN", "Resource temporarily unavailable"},
	ENOMEM:          {"ENOMEM", "Cannot allocate memory"},
	EACCES:          {"EACCES", "Permission denied"},
	EFAULT:          {"EFAULT", "Bad address"},
	EEXIST:          {"EEXIST", "File exists"},
	EINVAL:          {"EINVAL", "Invalid argument"},
	EMFILE:          {"EMFILE", "Too many open files"},
	ENOSPC:          {"ENOSPC", "No space left on device"},
	EPIPE:           {"EPIPE", "Broken pipe"},
	EDOM:            {"EDOM", "Numerical argument out of domain"},
	ENOSYS:          {"ENOSYS", "Function not implemented"},
	ENOTSOCK:        {"ENOTSOCK", "Socket operation on non-socket"},
	EDESTADDRREQ:    {"EDESTADDRREQ", "Destination address required"},
	EMSGSIZE:        {"EMSGSIZE", "Message too long"},
	EPROTOTYPE:      {"EPROTOTYPE", "Protocol wrong type for socket"},
	ENOPROTOOPT:     {"ENOPROTOOPT", "Protocol not available"},
	EPROTONOSUPPORT: {"EPROTONOSUPPORT", "Protocol not supported"},
	EOPNOTSUPP:      {"EOPNOTSUPP", "Operation not supported"},
	EAFNOSUPPORT:    {"EAFNOSUPPORT", "Address family not supported by protocol"},
	EADDRINUSE:      {"EADDRINUSE", "Address already in use"},
	EADDRNOTAVAIL:   {"EADDRNOTAVAIL", "Cannot assign requested address"},
	ENETUNREACH:     {"ENETUNREACH", "Network is unreachable"},
	ECONNABORTED:    {"ECONNABORTED", "Software caused connection abort"},
	ECONNRESET:      {"ECONNRESET", "Connection reset by peer"},
	ENOBUFS:         {"ENOBUFS", "No buffer space available"},
	EISCONN:         {"EISCONN", "Transport endpoint is already connected"},
	ENOTCONN:        {"ENOTCONN", "Transport endpoint is not connected"},
	ETIMEDOUT:       {"ETIMEDOUT", "Connection timed out"},
	ECONNREFUSED:    {"ECONNREFUSED", "Connection refused"},
	EHOSTUNREACH:    {"EHOSTUNREACH", "No route to host"},
	EALREADY:        {"EALREADY", "Operation already in progress"},
	EINPROGRESS:     {"EINPROGRESS", "Operation now in progress"},
}

// Name is the symbolic name, e.g. "ECONNREFUSED".
func (e Errno) Name() string {
	if e == OK {
		return "OK"
	}
	if t, ok := e.entry(); ok {
		return t[0]
	}
	return "E" + strconv.Itoa(int(e))
}

// Message is strerror(3)'s text, e.g. "Connection refused".
func (e Errno) Message() string {
	if e == OK {
		return "Success"
	}
	if t, ok := e.entry(); ok {
		return t[1]
	}
	return "Unknown error " + strconv.Itoa(int(e))
}

// Error formats as a shell session shows a failed call: "ECONNREFUSED (Connection refused)".
func (e Errno) Error() string { return e.Name() + " (" + e.Message() + ")" }

// ByName finds an errno by its symbolic name.
func ByName(name string) (Errno, bool) {
	if name == "EWOULDBLOCK" {
		return EAGAIN, true
	}
	for e, t := range table {
		if t[0] == name && name != "" {
			return Errno(e), true
		}
	}
	return 0, false
}

func (e Errno) entry() ([2]string, bool) {
	if e < 0 || int(e) >= len(table) || table[e][0] == "" {
		return [2]string{}, false
	}
	return table[e], true
}
