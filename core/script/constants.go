package script

import "strings"

// Constant is a named value a learner may pass to a call, with the value
// Linux (x86-64 glibc headers) gives it.
type Constant struct {
	Name  string
	Value int64
	Doc   string
}

// constants is every name a call argument may use. Values are Linux's
// (include/linux/socket.h, net.h, asm-generic/socket.h, netinet/tcp.h,
// asm-generic/fcntl.h, asm-generic/poll.h).
var constants = []Constant{
	{"AF_INET", 2, "IPv4 — the family sockplay simulates"},
	{"AF_UNSPEC", 0, "unspecified address family"},
	{"AF_UNIX", 1, "local (Unix domain) sockets; not simulated"},
	{"AF_INET6", 10, "IPv6; not simulated"},
	{"PF_INET", 2, "old name of AF_INET"},

	{"SOCK_STREAM", 1, "a byte stream: TCP"},
	{"SOCK_DGRAM", 2, "datagrams: UDP"},
	{"SOCK_RAW", 3, "raw IP packets; not simulated"},
	{"SOCK_NONBLOCK", 0o4000, "or into the type to create a non-blocking socket"},
	{"SOCK_CLOEXEC", 0o2000000, "or into the type to close on exec (no effect here)"},

	{"IPPROTO_IP", 0, "the default protocol for the type; also the IP option level"},
	{"IPPROTO_ICMP", 1, "ICMP"},
	{"IPPROTO_TCP", 6, "TCP; also the TCP option level"},
	{"IPPROTO_UDP", 17, "UDP"},

	{"SOL_IP", 0, "option level of IP (same as IPPROTO_IP)"},
	{"SOL_SOCKET", 1, "option level of the socket itself (SO_* options)"},
	{"SOL_TCP", 6, "option level of TCP (same as IPPROTO_TCP)"},
	{"SOL_UDP", 17, "option level of UDP"},

	{"SO_DEBUG", 1, "record debugging information"},
	{"SO_REUSEADDR", 2, "let bind reuse a local address whose old connection is in TIME-WAIT"},
	{"SO_TYPE", 3, "get only: the socket type (SOCK_STREAM or SOCK_DGRAM)"},
	{"SO_ERROR", 4, "get only: the pending error, cleared by reading it"},
	{"SO_DONTROUTE", 5, "send only to directly connected hosts"},
	{"SO_BROADCAST", 6, "allow sending to broadcast addresses"},
	{"SO_SNDBUF", 7, "send buffer size in bytes (Linux doubles the value set)"},
	{"SO_RCVBUF", 8, "receive buffer size in bytes (Linux doubles the value set)"},
	{"SO_KEEPALIVE", 9, "send keepalive probes on an idle connection"},
	{"SO_OOBINLINE", 10, "leave urgent data in the normal stream"},
	{"SO_LINGER", 13, "{onoff, seconds}: what close does with unsent data; {1, 0} resets the connection"},
	{"SO_REUSEPORT", 15, "let several sockets bind the same address and port"},
	{"SO_RCVLOWAT", 18, "bytes needed before a read is woken"},
	{"SO_SNDLOWAT", 19, "bytes of space needed before a write is woken"},
	{"SO_RCVTIMEO", 20, "a blocking recv or accept fails with EAGAIN after this long (a duration or {sec, usec}, rounded up to 4 ms)"},
	{"SO_SNDTIMEO", 21, "a blocking send fails with EAGAIN (connect with EINPROGRESS) after this long (a duration or {sec, usec})"},
	{"SO_ACCEPTCONN", 30, "get only: 1 if the socket is listening"},

	{"TCP_NODELAY", 1, "turn off Nagle's algorithm (RFC 896): send small segments at once"},
	{"TCP_MAXSEG", 2, "the maximum segment size (MSS)"},
	{"TCP_CORK", 3, "hold partial segments until uncorked or 200ms pass"},
	{"TCP_KEEPIDLE", 4, "seconds idle before the first keepalive probe (Linux default 7200)"},
	{"TCP_KEEPINTVL", 5, "seconds between keepalive probes (Linux default 75)"},
	{"TCP_KEEPCNT", 6, "unanswered probes before the connection is dropped (Linux default 9)"},
	{"TCP_SYNCNT", 7, "SYN retransmissions before connect gives up (Linux default 6)"},
	{"TCP_LINGER2", 8, "seconds an orphaned connection stays in FIN-WAIT-2 (Linux default 60)"},
	{"TCP_DEFER_ACCEPT", 9, "wake accept only when data arrives"},
	{"TCP_WINDOW_CLAMP", 10, "bound the advertised window"},
	{"TCP_INFO", 11, "get only: connection statistics"},
	{"TCP_QUICKACK", 12, "send ACKs at once instead of delaying them"},
	{"TCP_CONGESTION", 13, `the congestion control algorithm by name: "cubic" (RFC 9438, Linux's default) or "reno" (RFC 5681)`},
	{"TCP_USER_TIMEOUT", 18, "milliseconds unacknowledged data may wait before the connection is dropped (RFC 5482)"},

	{"SHUT_RD", 0, "stop receiving"},
	{"SHUT_WR", 1, "stop sending: sends a FIN"},
	{"SHUT_RDWR", 2, "both"},

	{"F_DUPFD", 0, "duplicate the descriptor"},
	{"F_GETFD", 1, "get the descriptor flags"},
	{"F_SETFD", 2, "set the descriptor flags"},
	{"F_GETFL", 3, "get the file status flags (O_RDWR, O_NONBLOCK)"},
	{"F_SETFL", 4, "set the file status flags (O_NONBLOCK)"},
	{"O_RDWR", 2, "open for reading and writing (every socket is)"},
	{"O_NONBLOCK", 0o4000, "calls return EAGAIN or EINPROGRESS instead of blocking"},
	{"FD_CLOEXEC", 1, "close on exec (no effect here)"},

	{"POLLIN", 0x1, "readable: data, end of stream, or a connection to accept"},
	{"POLLPRI", 0x2, "urgent data to read"},
	{"POLLOUT", 0x4, "writable: room in the send buffer, or connect finished"},
	{"POLLERR", 0x8, "an error is pending (always reported)"},
	{"POLLHUP", 0x10, "hung up: both directions are closed (always reported)"},
	{"POLLNVAL", 0x20, "the fd is not open (always reported)"},
	{"POLLRDNORM", 0x40, "normal data to read"},
	{"POLLRDBAND", 0x80, "priority data to read"},
	{"POLLWRNORM", 0x100, "writing normal data will not block"},
	{"POLLWRBAND", 0x200, "writing priority data will not block"},
	{"POLLRDHUP", 0x2000, "the peer closed its sending side (sent a FIN)"},

	{"MSG_OOB", 0x1, "send or receive urgent (out-of-band) data"},
	{"MSG_PEEK", 0x2, "return data without removing it from the queue"},
	{"MSG_DONTROUTE", 0x4, "send only to directly connected hosts"},
	{"MSG_TRUNC", 0x20, "return the real length of a datagram even if longer than asked"},
	{"MSG_DONTWAIT", 0x40, "do not block this one call"},
	{"MSG_EOR", 0x80, "end of record"},
	{"MSG_WAITALL", 0x100, "block until the full length has arrived"},
	{"MSG_NOSIGNAL", 0x4000, "no SIGPIPE on a broken connection: just EPIPE"},
	{"MSG_MORE", 0x8000, "more data follows: hold this partial segment (like TCP_CORK)"},
}

// LookupConstant finds a constant by name.
func LookupConstant(name string) (Constant, bool) {
	for _, c := range constants {
		if c.Name == name {
			return c, true
		}
	}
	return Constant{}, false
}

// Constants lists every constant, in table order.
func Constants() []Constant { return append([]Constant(nil), constants...) }

func constantNames() []string {
	names := make([]string, len(constants))
	for i, c := range constants {
		names[i] = c.Name
	}
	return names
}

// constantsWithPrefix lists the names that start with any of the prefixes.
func constantsWithPrefix(prefixes []string) []string {
	var names []string
	for _, c := range constants {
		if hasAnyPrefix(c.Name, prefixes) {
			names = append(names, c.Name)
		}
	}
	return names
}

func hasAnyPrefix(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// looksLikeConstant tells a constant from a variable by its spelling:
// constants are capitals, digits and underscores, at least two characters.
// A single capital such as S is a variable.
func looksLikeConstant(name string) bool {
	if len(name) < 2 {
		return false
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		if !(c >= 'A' && c <= 'Z' || isDigit(c) || c == '_') {
			return false
		}
	}
	return true
}
