package stack

// Socket API constants with the values Linux x86-64 uses, so scripts can
// pass the numbers a C program would.
const (
	AF_INET  = 2
	AF_INET6 = 10

	SOCK_STREAM   = 1
	SOCK_DGRAM    = 2
	SOCK_RAW      = 3
	SOCK_NONBLOCK = 0x800   // 04000, same as O_NONBLOCK
	SOCK_CLOEXEC  = 0x80000 // 02000000

	IPPROTO_IP  = 0
	IPPROTO_TCP = 6
	IPPROTO_UDP = 17

	SHUT_RD   = 0
	SHUT_WR   = 1
	SHUT_RDWR = 2

	SOL_SOCKET   = 1
	SO_REUSEADDR = 2
	SO_TYPE      = 3
	SO_ERROR     = 4
	SO_SNDBUF    = 7
	SO_RCVBUF    = 8
	SO_KEEPALIVE = 9
	SO_LINGER    = 13
	SO_RCVTIMEO  = 20
	SO_SNDTIMEO  = 21

	TCP_NODELAY      = 1
	TCP_MAXSEG       = 2
	TCP_KEEPIDLE     = 4
	TCP_KEEPINTVL    = 5
	TCP_KEEPCNT      = 6
	TCP_USER_TIMEOUT = 18
	TCP_CONGESTION   = 13

	F_GETFL    = 3
	F_SETFL    = 4
	O_RDWR     = 2
	O_NONBLOCK = 0x800

	POLLIN    = 0x1
	POLLPRI   = 0x2
	POLLOUT   = 0x4
	POLLERR   = 0x8
	POLLHUP   = 0x10
	POLLNVAL  = 0x20
	POLLRDHUP = 0x2000

	MSG_PEEK     = 0x2
	MSG_DONTWAIT = 0x40
	MSG_WAITALL  = 0x100
	MSG_NOSIGNAL = 0x4000
)

// Linux limits and defaults the socket layer reproduces.
const (
	maxFDs        = 1024 // RLIMIT_NOFILE soft limit
	ephemeralLow  = 32768
	ephemeralHigh = 60999 // net.ipv4.ip_local_port_range
	maxUDPPayload = 65507 // 65535 - IPv4 header - UDP header
	rmemMax       = 212992
	wmemMax       = 212992
	minRcvBuf     = 2304 // SOCK_MIN_RCVBUF on x86-64
	minSndBuf     = 4608 // SOCK_MIN_SNDBUF
	udpBufDefault = 212992
	tcpMSSDefault = 536 // TCP_MSS_DEFAULT: what TCP_MAXSEG reports before a connection
	tcpMinUserMSS = 88  // TCP_MIN_MSS
	tcpMaxUserMSS = 32767
	maxKeepIdle   = 32767 // MAX_TCP_KEEPIDLE, seconds
	maxKeepIntvl  = 32767
	maxKeepCount  = 127
)
