package tcp

import (
	"strconv"
	"time"

	"github.com/sockplay/sockplay/core/errno"
)

// pendingErr returns the connection's error the first time it is asked
// for (Linux's sock_error clears sk_err as it reports it).
func (c *Conn) pendingErr() errno.Errno {
	if c.err != errno.OK && !c.errReported {
		c.errReported = true
		return c.err
	}
	return errno.OK
}

// Send copies p into the send buffer (RFC 9293 3.10.2 SEND). It writes
// what fits and returns EAGAIN when the buffer is full. Before the
// handshake completes it returns EAGAIN as Linux's non-blocking send does;
// a blocking caller waits. After SHUT_WR it is EPIPE; once the connection
// died the error is reported once, then EPIPE.
func (c *Conn) Send(now time.Duration, p []byte) (int, errno.Errno) {
	if err := c.pendingErr(); err != errno.OK {
		return 0, err
	}
	if c.writeShut {
		return 0, errno.EPIPE
	}
	switch c.state {
	case SynSent, SynReceived:
		return 0, errno.EAGAIN
	case Established, CloseWait:
	default:
		return 0, errno.EPIPE
	}
	if len(p) == 0 {
		return 0, errno.OK
	}
	room := c.sendBufferSize() - c.sndBuf.Len()
	if room <= 0 {
		return 0, errno.EAGAIN
	}
	n := min(room, len(p))
	c.sndBuf.Append(p[:n])
	return n, errno.OK
}

// Recv reads in-order data (RFC 9293 3.10.3 RECEIVE): (n, OK) with data,
// (0, OK) at the end of the stream, (0, EAGAIN) when nothing has arrived.
// Data received before a RST is still read, then the error, then EOF.
// Reading may open the window; Output then sends the update.
func (c *Conn) Recv(now time.Duration, p []byte) (int, errno.Errno) {
	if c.rcvBuf.Len() > 0 {
		if len(p) == 0 {
			return 0, errno.OK
		}
		n := c.rcvBuf.Read(p)
		if c.ackOnRead() {
			c.owe(CauseACK)
		} else {
			c.maybeWindowUpdate()
		}
		return n, errno.OK
	}
	if err := c.pendingErr(); err != errno.OK {
		return 0, err
	}
	if c.finReceived {
		c.eofRead = true
		return 0, errno.OK
	}
	if c.readShut || c.err != errno.OK {
		return 0, errno.OK
	}
	if c.state == Closed || c.state == Listen {
		return 0, errno.ENOTCONN
	}
	return 0, errno.EAGAIN
}

// ShutdownWrite is shutdown(SHUT_WR): the FIN follows the queued data.
// In SYN-SENT it drops the attempt, as Linux's inet_shutdown does.
func (c *Conn) ShutdownWrite(now time.Duration) errno.Errno {
	switch c.state {
	case Closed, Listen:
		return errno.ENOTCONN
	case SynSent:
		c.enterClosed(now, errno.OK, "shutdown() in SYN-SENT")
		return errno.OK
	}
	c.queueFIN(now, "shutdown(SHUT_WR): send FIN")
	return errno.OK
}

// queueFIN queues our FIN after the data and moves to the state the FIN
// leads to (RFC 9293 3.10.4 CLOSE).
func (c *Conn) queueFIN(now time.Duration, reason string) {
	if c.writeShut {
		return
	}
	c.writeShut = true
	c.finQueued = true
	switch c.state {
	case Established, SynReceived:
		// From SYN-RECEIVED the FIN waits for the ACK of our SYN.
		c.setState(now, FinWait1, reason)
	case CloseWait:
		c.setState(now, LastAck, reason)
	}
}

// ShutdownRead is shutdown(SHUT_RD). Like Linux it sends nothing: queued
// data can still be read, then Recv reports end of stream.
func (c *Conn) ShutdownRead(now time.Duration) {
	if c.state == SynSent {
		c.enterClosed(now, errno.OK, "shutdown() in SYN-SENT")
		return
	}
	c.readShut = true
}

// Close is close(2) (RFC 9293 3.10.4 with Linux's tcp_close): with
// SO_LINGER {1, 0} it aborts; with unread data it sends a RST and drops
// to CLOSED (RFC 2525 2.17); in SYN-SENT it just stops; otherwise the FIN
// follows the queued data and the connection finishes on its own.
func (c *Conn) Close(now time.Duration) {
	c.closed = true
	c.readShut = true
	switch c.state {
	case Closed:
		return
	case Listen, SynSent:
		c.enterClosed(now, errno.OK, "close()")
		return
	}
	if c.cfg.LingerZero {
		c.Abort(now)
		return
	}
	if c.rcvBuf.Len() > 0 {
		c.note(now, "close() with "+strconv.Itoa(c.rcvBuf.Len())+" unread bytes: send RST")
		c.abortWithReset(now, "close() with unread data: send RST")
		return
	}
	switch c.state {
	case FinWait2:
		c.arm(now, TimerFinWait2, now+atLeast(c.cfg.FinWait2Timeout, minTimeout))
	case TimeWait, Closing, LastAck, FinWait1:
	default:
		c.queueFIN(now, "close(): send FIN")
	}
}

// Abort is RFC 9293 3.10.5 ABORT: a RST where the state calls for one
// (SYN-RECEIVED, ESTABLISHED, FIN-WAIT-1/2, CLOSE-WAIT; Linux's
// tcp_need_reset), then CLOSED.
func (c *Conn) Abort(now time.Duration) {
	c.closed = true
	c.readShut = true
	c.abortWithReset(now, "abort: send RST")
}

func (c *Conn) abortWithReset(now time.Duration, reason string) {
	switch c.state {
	case SynReceived, Established, FinWait1, FinWait2, CloseWait:
		c.emit(c.activeReset(now), CauseReset)
		c.enterClosed(now, errno.OK, reason)
	case Closed:
	default:
		c.enterClosed(now, errno.OK, "abort")
	}
	c.rcvBuf.Reset()
}

// Readable reports that Recv would not return EAGAIN.
func (c *Conn) Readable() bool {
	return c.rcvBuf.Len() > 0 || c.finReceived || c.readShut ||
		c.err != errno.OK || c.state == Closed || c.state == Listen
}

// Writable reports that Send would not return EAGAIN.
func (c *Conn) Writable() bool {
	switch {
	case c.err != errno.OK || c.writeShut:
		return true
	case c.state == Established || c.state == CloseWait:
		return c.sndBuf.Len() < c.sendBufferSize()
	case c.state == SynSent || c.state == SynReceived:
		return false
	}
	return true
}

// RecvQueued is ss's Recv-Q: unread bytes, plus one for a FIN not yet
// read as end of stream (Linux counts rcv_nxt − copied_seq). TIME-WAIT has
// no queue: Linux replaces the socket with a small tcp_timewait_sock.
func (c *Conn) RecvQueued() int {
	if c.state == TimeWait {
		return 0
	}
	n := c.rcvBuf.Len()
	if c.finReceived && !c.eofRead {
		n++
	}
	return n
}

// SendQueued is ss's Send-Q: sequence space written but not yet
// acknowledged, counting an unacknowledged SYN or FIN as Linux does.
func (c *Conn) SendQueued() int {
	if c.state == Closed || c.state == Listen {
		return 0
	}
	end := c.finSeq()
	if c.finQueued {
		end++
	}
	if seqLEQ(end, c.sndUna) {
		return 0
	}
	return int(end - c.sndUna)
}
