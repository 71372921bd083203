package script

import "github.com/sockplay/sockplay/core/errno"

var (
	fdParam = Param{Name: "fd", Kind: KindFD, Doc: "a socket, e.g. the s of s = socket(...)"}
	ebadf   = ErrorCase{errno.EBADF, "fd is not an open descriptor"}
)

// socketCalls are the BSD socket calls, with C's names, argument order and
// constants. Pointer-and-length pairs of C become one value: send takes a
// string, recv a length and returns the bytes.
var socketCalls = []CallSpec{
	{
		Name: "socket",
		Params: []Param{
			{Name: "domain", Kind: KindInt, Consts: []string{"AF_", "PF_"}, Doc: "AF_INET (IPv4, the only family simulated)"},
			{Name: "type", Kind: KindInt, Consts: []string{"SOCK_"}, Flags: true, Doc: "SOCK_STREAM for TCP or SOCK_DGRAM for UDP, optionally |SOCK_NONBLOCK"},
			{Name: "protocol", Kind: KindInt, Consts: []string{"IPPROTO_"}, Optional: true, Doc: "0 (the default), IPPROTO_TCP or IPPROTO_UDP"},
		},
		Summary: "create a socket",
		Detail: "Creates an endpoint that is not bound to any address yet. A TCP socket starts in CLOSED. " +
			"No packet is sent.",
		Returns: "the new socket's fd, the lowest free descriptor (the first is 3)",
		Errors: []ErrorCase{
			{errno.EAFNOSUPPORT, "domain is not AF_INET"},
			{errno.EINVAL, "type is unknown or has unknown flags"},
			{errno.EPROTONOSUPPORT, "protocol does not match type, e.g. SOCK_STREAM with IPPROTO_UDP"},
			{errno.EMFILE, "the host has too many descriptors open"},
		},
		Example: "server> s = socket(AF_INET, SOCK_STREAM)",
	},
	{
		Name: "bind",
		Params: []Param{fdParam,
			{Name: "addr", Kind: KindAddr, Doc: "the local address: IP:PORT; 0.0.0.0 or * means every address of this host, port 0 lets the kernel choose"},
		},
		Summary: "give a socket its local address and port",
		Detail: "Assigns the local address. Port 0 picks a free ephemeral port (Linux: 32768-60999). " +
			"The TCP state stays CLOSED and no packet is sent; a server binds before listen, a client usually lets connect choose.",
		Returns: "0",
		Errors: []ErrorCase{
			{errno.EADDRINUSE, "another socket already has this address and port (SO_REUSEADDR on both allows it unless one is listening)"},
			{errno.EADDRNOTAVAIL, "the IP is not one of this host's addresses"},
			{errno.EINVAL, "the socket is already bound"},
			ebadf,
		},
		Example: "server> bind(s, 0.0.0.0:80)",
	},
	{
		Name: "listen",
		Params: []Param{fdParam,
			{Name: "backlog", Kind: KindInt, Doc: "how many finished handshakes may wait for accept"},
		},
		Summary: "accept incoming connections on a socket",
		Detail: "Makes a TCP socket passive: CLOSED → LISTEN. From now on a SYN to its port is answered with a SYN/ACK, " +
			"and each finished handshake waits in the accept queue. Linux queues backlog+1 connections; when the queue is full " +
			"it ignores new SYNs and final ACKs, so clients retransmit. " +
			"An unbound socket is first bound to an ephemeral port.",
		Returns: "0",
		Errors: []ErrorCase{
			{errno.EOPNOTSUPP, "the socket is UDP"},
			{errno.EINVAL, "the socket is connected or connecting"},
			{errno.EADDRINUSE, "another socket listens on the same address and port"},
			ebadf,
		},
		Example: "server> listen(s, 5)",
	},
	{
		Name:    "accept",
		Params:  []Param{{Name: "fd", Kind: KindFD, Doc: "a listening socket"}},
		Summary: "take the next connection from a listening socket",
		Detail: "Removes the first finished connection from the accept queue and gives it a new descriptor; it is ESTABLISHED " +
			"(or CLOSE-WAIT if the client already sent its FIN). The listening socket stays in LISTEN. " +
			"Blocks while the queue is empty; on a non-blocking socket fails with EAGAIN instead. No packet is sent: " +
			"the handshake was finished by the kernel.",
		Returns: "the new connection's fd; the trace shows the client's address",
		Errors: []ErrorCase{
			{errno.EINVAL, "the socket is not listening"},
			{errno.EAGAIN, "non-blocking and no connection is waiting"},
			{errno.EOPNOTSUPP, "the socket is UDP"},
			{errno.EMFILE, "the host has too many descriptors open"},
			ebadf,
		},
		Example: "server> a = accept(s)",
	},
	{
		Name: "connect",
		Params: []Param{fdParam,
			{Name: "addr", Kind: KindAddr, Doc: "the server: IP:PORT or HOST:PORT, e.g. server:80"},
		},
		Summary: "connect a socket to a remote address",
		Detail: "TCP: binds an ephemeral port if needed and sends a SYN: CLOSED → SYN-SENT. Blocks until the SYN/ACK arrives, " +
			"answers it with an ACK and returns in ESTABLISHED (RFC 9293 section 3.5). An unanswered SYN is retransmitted after " +
			"1s, 2s, 4s ... (Linux tries 6 times, about 127s in all). A non-blocking socket returns EINPROGRESS at once; " +
			"poll for POLLOUT, then read SO_ERROR.\n\n" +
			"UDP: only records the default destination; no packet is sent.",
		Returns: "0 once connected",
		Errors: []ErrorCase{
			{errno.ECONNREFUSED, "the SYN was answered with RST: nothing listens on that port"},
			{errno.ETIMEDOUT, "no answer to any SYN retransmission"},
			{errno.EINPROGRESS, "non-blocking: the handshake has started"},
			{errno.EALREADY, "non-blocking: an earlier connect is still in progress"},
			{errno.EISCONN, "the socket is already connected (or listening)"},
			{errno.ENETUNREACH, "no host has that address"},
			{errno.EHOSTUNREACH, "an ICMP host-unreachable came back"},
			{errno.EADDRNOTAVAIL, "no ephemeral port is free"},
			ebadf,
		},
		Example: "client> connect(c, server:80)",
	},
	{
		Name: "send",
		Params: []Param{fdParam,
			{Name: "data", Kind: KindBytes, Doc: `the bytes to send, e.g. "GET / HTTP/1.0\r\n\r\n"`},
			{Name: "flags", Kind: KindInt, Consts: []string{"MSG_"}, Flags: true, Optional: true, Doc: "0 (the default) or MSG_DONTWAIT, MSG_NOSIGNAL, MSG_MORE, MSG_OOB joined with |"},
		},
		Summary: "queue bytes on a connected socket",
		Detail: "Copies data into the send buffer and returns; TCP then sends it in segments of at most one MSS as the " +
			"receiver's window, the congestion window and Nagle's algorithm (RFC 896) allow. Blocks while the send buffer is full; " +
			"a non-blocking socket sends what fits or fails with EAGAIN. Returning does not mean the peer has the data.\n\n" +
			"UDP: sends one datagram to the connected address.",
		Returns: "the number of bytes queued",
		Errors: []ErrorCase{
			{errno.EPIPE, "the socket was shut down for writing, or was never connected (Linux answers EPIPE there); a real program also gets SIGPIPE unless MSG_NOSIGNAL"},
			{errno.ECONNRESET, "the peer reset the connection"},
			{errno.EAGAIN, "non-blocking and the send buffer is full"},
			{errno.EDESTADDRREQ, "UDP socket without a connected address: use sendto"},
			{errno.EMSGSIZE, "a UDP datagram longer than 65507 bytes"},
			ebadf,
		},
		Example: `client> send(c, "GET / HTTP/1.0\r\n\r\n")`,
	},
	{
		Name: "recv",
		Params: []Param{fdParam,
			{Name: "len", Kind: KindInt, Doc: "the most bytes to return (a size_t: clamped at 2147479552, as Linux does)"},
			{Name: "flags", Kind: KindInt, Consts: []string{"MSG_"}, Flags: true, Optional: true, Doc: "0 (the default) or MSG_PEEK, MSG_WAITALL, MSG_DONTWAIT joined with |"},
		},
		Summary: "read bytes that have arrived",
		Detail: "Returns up to len bytes from the receive buffer, blocking while it is empty. Emptying the buffer opens the " +
			"receive window, which the next ACK advertises. After the peer's FIN has been read it returns \"\" (0 bytes): end of stream.\n\n" +
			"UDP: returns one datagram, cut to len.",
		Returns: "the bytes read, as a string; \"\" at end of stream",
		Errors: []ErrorCase{
			{errno.ENOTCONN, "the socket is not connected (e.g. a listening socket: accept first)"},
			{errno.EAGAIN, "non-blocking (or MSG_DONTWAIT) and nothing has arrived"},
			{errno.ECONNRESET, "the peer reset the connection"},
			{errno.ETIMEDOUT, "the connection died: retransmissions or keepalives went unanswered"},
			{errno.ECONNREFUSED, "UDP: an ICMP port-unreachable answered an earlier datagram"},
			ebadf,
		},
		Example: "server> recv(a, 1024)",
	},
	{
		Name: "read",
		Params: []Param{fdParam,
			{Name: "len", Kind: KindInt, Doc: "the most bytes to return (a size_t: clamped at 2147479552, as Linux does)"},
		},
		Summary: "recv without flags",
		Detail:  "The same as recv(fd, len, 0).",
		Returns: "the bytes read, as a string; \"\" at end of stream",
		Errors: []ErrorCase{
			{errno.ENOTCONN, "the socket is not connected"},
			{errno.EAGAIN, "non-blocking and nothing has arrived"},
			{errno.ECONNRESET, "the peer reset the connection"},
			{errno.ETIMEDOUT, "the connection died"},
			ebadf,
		},
		Example: "server> read(a, 1024)",
	},
	{
		Name: "write",
		Params: []Param{fdParam,
			{Name: "data", Kind: KindBytes, Doc: "the bytes to send"},
		},
		Summary: "send without flags",
		Detail:  "The same as send(fd, data, 0).",
		Returns: "the number of bytes queued",
		Errors: []ErrorCase{
			{errno.EPIPE, "the socket was shut down for writing, or was never connected"},
			{errno.ECONNRESET, "the peer reset the connection"},
			{errno.EAGAIN, "non-blocking and the send buffer is full"},
			ebadf,
		},
		Example: `server> write(a, "HTTP/1.0 200 OK\r\n\r\n")`,
	},
	{
		Name: "sendto",
		Params: []Param{fdParam,
			{Name: "data", Kind: KindBytes, Doc: "the bytes to send"},
			{Name: "flags", Kind: KindInt, Consts: []string{"MSG_"}, Flags: true, Doc: "0 or MSG_* flags joined with |"},
			{Name: "addr", Kind: KindAddr, Nullable: true, Doc: "the destination IP:PORT or HOST:PORT; NULL uses the connected one"},
		},
		Summary: "send a datagram to an address",
		Detail: "UDP: sends data as one datagram to addr, binding an ephemeral port first if needed. " +
			"TCP: the address is ignored and it behaves as send.",
		Returns: "the number of bytes sent",
		Errors: []ErrorCase{
			{errno.EDESTADDRREQ, "addr is NULL and the socket is not connected"},
			{errno.EMSGSIZE, "the datagram is longer than 65507 bytes"},
			{errno.EAGAIN, "non-blocking and there is no room"},
			{errno.ENETUNREACH, "no host has that address"},
			{errno.EPIPE, "TCP: not connected, or shut down for writing"},
			ebadf,
		},
		Example: `client> sendto(u, "ping", 0, server:53)`,
	},
	{
		Name: "recvfrom",
		Params: []Param{fdParam,
			{Name: "len", Kind: KindInt, Doc: "the most bytes to return (a size_t: clamped at 2147479552, as Linux does)"},
			{Name: "flags", Kind: KindInt, Consts: []string{"MSG_"}, Flags: true, Optional: true, Doc: "0 (the default) or MSG_* flags joined with |"},
		},
		Summary: "receive a datagram and who sent it",
		Detail: "UDP: returns the next datagram, cut to len (the rest of it is lost), and the sender's address. Blocks while none " +
			"has arrived. TCP: behaves as recv.",
		Returns: "the bytes and the sender's IP:PORT",
		Errors: []ErrorCase{
			{errno.EAGAIN, "non-blocking and nothing has arrived"},
			{errno.ECONNREFUSED, "an ICMP port-unreachable answered an earlier datagram of this connected socket"},
			{errno.ENOTCONN, "TCP: the socket is not connected"},
			ebadf,
		},
		Example: "server> recvfrom(u, 512)",
	},
	{
		Name: "shutdown",
		Params: []Param{fdParam,
			{Name: "how", Kind: KindInt, Consts: []string{"SHUT_"}, Doc: "SHUT_RD, SHUT_WR or SHUT_RDWR"},
		},
		Summary: "close one or both directions of a connection",
		Detail: "SHUT_WR sends a FIN once the queued data is out, ESTABLISHED → FIN-WAIT-1 (or CLOSE-WAIT → LAST-ACK); " +
			"the socket can still receive. SHUT_RD sends nothing; later reads return end of stream. SHUT_RDWR does both. " +
			"Unlike close, the descriptor stays open and the connection is closed for every process sharing it.",
		Returns: "0",
		Errors: []ErrorCase{
			{errno.ENOTCONN, "the socket is not connected"},
			{errno.EINVAL, "how is not SHUT_RD, SHUT_WR or SHUT_RDWR"},
			ebadf,
		},
		Example: "client> shutdown(c, SHUT_WR)",
	},
	{
		Name:    "close",
		Params:  []Param{fdParam},
		Summary: "release a descriptor, closing its connection",
		Detail: "Frees the descriptor at once; the connection lives on in the kernel. With no unread data TCP sends a FIN after " +
			"the queued data: ESTABLISHED → FIN-WAIT-1, or CLOSE-WAIT → LAST-ACK (RFC 9293 section 3.10.4); the side that closes " +
			"first ends in TIME-WAIT (60s on Linux). If received data was never read, or SO_LINGER is {1, 0}, it sends RST " +
			"instead and goes straight to CLOSED (RFC 2525 section 2.17). Closing a listening socket resets connections not yet accepted.",
		Returns: "0",
		Errors:  []ErrorCase{ebadf},
		Example: "client> close(c)",
	},
	{
		Name: "setsockopt",
		Params: []Param{fdParam,
			{Name: "level", Kind: KindInt, Consts: []string{"SOL_", "IPPROTO_"}, Doc: "SOL_SOCKET, or IPPROTO_TCP for TCP_* options"},
			{Name: "optname", Kind: KindInt, Consts: []string{"SO_", "TCP_"}, Doc: "an SO_* or TCP_* option"},
			{Name: "optval", Kind: KindOptVal, Doc: "usually 1 or 0; SO_LINGER takes {onoff, seconds}; SO_RCVTIMEO and SO_SNDTIMEO a duration or {sec, usec}; TCP timeouts a duration"},
		},
		Summary: "set a socket option",
		Detail: "Common options: SO_REUSEADDR (bind over TIME-WAIT), SO_KEEPALIVE with TCP_KEEPIDLE, TCP_KEEPINTVL, TCP_KEEPCNT, " +
			"SO_LINGER {1, 0} (close sends RST), SO_RCVBUF and SO_SNDBUF (Linux doubles the value), TCP_NODELAY (no Nagle), " +
			"TCP_MAXSEG, TCP_USER_TIMEOUT (RFC 5482), TCP_CONGESTION \"reno\" or \"cubic\". `help SO_LINGER` explains one option.",
		Returns: "0",
		Errors: []ErrorCase{
			{errno.ENOPROTOOPT, "the option is unknown at that level"},
			{errno.EINVAL, "the value is out of range, e.g. TCP_KEEPCNT 0"},
			{errno.EDOM, "SO_RCVTIMEO or SO_SNDTIMEO with microseconds outside 0 to 999999"},
			{errno.ENOENT, "TCP_CONGESTION names an algorithm the kernel does not have"},
			ebadf,
		},
		Example: "server> setsockopt(s, SOL_SOCKET, SO_REUSEADDR, 1)",
	},
	{
		Name: "getsockopt",
		Params: []Param{fdParam,
			{Name: "level", Kind: KindInt, Consts: []string{"SOL_", "IPPROTO_"}, Doc: "SOL_SOCKET or IPPROTO_TCP"},
			{Name: "optname", Kind: KindInt, Consts: []string{"SO_", "TCP_"}, Doc: "an SO_* or TCP_* option"},
		},
		Summary: "read a socket option",
		Detail: "Returns an option's value. SO_ERROR returns the pending error and clears it: after a non-blocking connect it " +
			"says whether the handshake worked (0) or why not.",
		Returns: "the value: an integer ({onoff, seconds} for SO_LINGER; for SO_ERROR an errno, 0 if none)",
		Errors: []ErrorCase{
			{errno.ENOPROTOOPT, "the option is unknown at that level"},
			ebadf,
		},
		Example: "client> getsockopt(c, SOL_SOCKET, SO_ERROR)",
	},
	{
		Name:    "getsockname",
		Params:  []Param{fdParam},
		Summary: "the socket's own address",
		Detail:  "Shows the local IP:PORT, e.g. the ephemeral port connect chose. An unbound socket shows 0.0.0.0:0.",
		Returns: "IP:PORT",
		Errors:  []ErrorCase{ebadf},
		Example: "client> getsockname(c)",
	},
	{
		Name:    "getpeername",
		Params:  []Param{fdParam},
		Summary: "the address of the connected peer",
		Detail:  "Shows the remote IP:PORT of a connected socket.",
		Returns: "IP:PORT",
		Errors: []ErrorCase{
			{errno.ENOTCONN, "the socket is not connected"},
			ebadf,
		},
		Example: "server> getpeername(a)",
	},
	{
		Name: "fcntl",
		Params: []Param{fdParam,
			{Name: "cmd", Kind: KindInt, Consts: []string{"F_"}, Doc: "F_GETFL or F_SETFL"},
			{Name: "arg", Kind: KindInt, Consts: []string{"O_", "FD_"}, Flags: true, Optional: true, Doc: "for F_SETFL: the new flags, e.g. O_NONBLOCK"},
		},
		Summary: "get or set descriptor flags, e.g. make a socket non-blocking",
		Detail: "F_GETFL returns the flags (O_RDWR, plus O_NONBLOCK if set). F_SETFL replaces them: O_NONBLOCK makes connect " +
			"return EINPROGRESS and accept, recv and send return EAGAIN instead of blocking.",
		Returns: "F_GETFL: the flags; F_SETFL: 0",
		Errors: []ErrorCase{
			{errno.EINVAL, "cmd is not supported"},
			ebadf,
		},
		Example: "client> fcntl(c, F_SETFL, O_NONBLOCK)",
	},
	{
		Name: "poll",
		Params: []Param{
			{Name: "fds", Kind: KindPollFDs, Doc: "a list of {fd, events}, e.g. [{c, POLLIN}, {a, POLLIN|POLLOUT}]; C's nfds is the list's length"},
			{Name: "timeout", Kind: KindTimeout, Doc: "milliseconds to wait (or a duration such as 2s); -1 waits for ever, 0 never blocks"},
		},
		Summary: "wait until sockets are readable or writable",
		Detail: "Blocks until one of the sockets is ready for an event asked for, or the timeout passes. POLLIN: data, end of " +
			"stream or (listening) a connection to accept; POLLOUT: room to send, or a non-blocking connect finished; " +
			"POLLRDHUP: the peer sent FIN. POLLERR, POLLHUP and POLLNVAL are reported without being asked for.",
		Returns: "how many sockets are ready (0 after a timeout), with each one's revents",
		Errors: []ErrorCase{
			{errno.EINVAL, "more entries than the descriptor limit"},
		},
		Example: "server> poll([{s, POLLIN}, {a, POLLIN}], 1000)",
	},
}
