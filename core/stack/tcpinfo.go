package stack

import "github.com/sockplay/sockplay/core/tcp"

// TCPInfo is getsockopt(fd, IPPROTO_TCP, TCP_INFO) on h: what the engine
// models of Linux's struct tcp_info, for a TCP socket with a connection.
// A function rather than a method so that engines that never ask (the
// playground's) leave it out.
func TCPInfo(h *Host, fd int) (tcp.Info, bool) {
	s, ok := h.fds[fd]
	if !ok || s.conn == nil || !s.conn.alive {
		return tcp.Info{}, false
	}
	return s.conn.c.Info(h.w.Now()), true
}
