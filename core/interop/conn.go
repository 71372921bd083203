package interop

import (
	"bytes"
	"errors"
	"fmt"
	"net/netip"
	"time"

	"github.com/sockplay/sockplay/core/errno"
	"gvisor.dev/gvisor/pkg/tcpip"
	"gvisor.dev/gvisor/pkg/tcpip/network/ipv4"
	"gvisor.dev/gvisor/pkg/tcpip/transport/tcp"
	"gvisor.dev/gvisor/pkg/waiter"
)

// Conn is a gVisor TCP endpoint. Calls never block: where a socket would
// wait they return errno.EAGAIN, and the caller moves packets or time on.
type Conn struct {
	peer *Peer
	ep   tcpip.Endpoint
}

// Listener is a gVisor listening TCP endpoint.
type Listener struct {
	peer *Peer
	ep   tcpip.Endpoint
}

func (p *Peer) newEndpoint() (tcpip.Endpoint, error) {
	var wq waiter.Queue
	ep, err := p.stack.NewEndpoint(tcp.ProtocolNumber, ipv4.ProtocolNumber, &wq)
	if err != nil {
		return nil, toError(err)
	}
	return ep, nil
}

// Listen opens a listening socket on port.
func (p *Peer) Listen(port uint16, backlog int) (*Listener, error) {
	ep, err := p.newEndpoint()
	if err != nil {
		return nil, err
	}
	if err := ep.Bind(tcpip.FullAddress{NIC: nicID, Port: port}); err != nil {
		ep.Close()
		return nil, toError(err)
	}
	if err := ep.Listen(backlog); err != nil {
		ep.Close()
		return nil, toError(err)
	}
	p.settle()
	return &Listener{peer: p, ep: ep}, nil
}

// Accept takes one established connection off the queue, or EAGAIN.
func (l *Listener) Accept() (*Conn, error) {
	ep, _, err := l.ep.Accept(nil)
	l.peer.settle()
	if err != nil {
		return nil, toError(err)
	}
	return &Conn{peer: l.peer, ep: ep}, nil
}

// Close stops listening.
func (l *Listener) Close() {
	l.ep.Close()
	l.peer.settle()
}

// Dial starts connecting to remote and returns at once, the SYN sent; the
// connection's State and Err tell how it went. Each setup runs on the
// socket before the SYN, as setsockopt before connect(2).
func (p *Peer) Dial(remote netip.AddrPort, setup ...func(*Conn)) (*Conn, error) {
	ep, err := p.newEndpoint()
	if err != nil {
		return nil, err
	}
	for _, f := range setup {
		f(&Conn{peer: p, ep: ep})
	}
	addr := tcpip.FullAddress{NIC: nicID, Addr: tcpip.AddrFrom4(remote.Addr().As4()), Port: remote.Port()}
	cerr := ep.Connect(addr)
	p.settle()
	if _, started := cerr.(*tcpip.ErrConnectStarted); cerr != nil && !started {
		ep.Close()
		return nil, toError(cerr)
	}
	return &Conn{peer: p, ep: ep}, nil
}

// State is gVisor's TCP state of the connection.
func (c *Conn) State() tcp.EndpointState { return tcp.EndpointState(c.ep.State()) }

// Err is the error a blocked connect or the next call would report, e.g.
// ECONNREFUSED after a RST answered the SYN; nil if none.
func (c *Conn) Err() error {
	return toError(c.ep.LastError())
}

// Write queues as much of b as the send buffer takes and reports how much.
func (c *Conn) Write(b []byte) (int, error) {
	n, err := c.ep.Write(bytes.NewReader(b), tcpip.WriteOptions{})
	c.peer.settle()
	if err != nil {
		return int(n), toError(err)
	}
	return int(n), nil
}

// ReadAvailable returns every byte received and not yet read, EAGAIN if
// there is none yet, and ErrEOF once the peer's FIN has been read.
func (c *Conn) ReadAvailable() ([]byte, error) {
	var buf bytes.Buffer
	_, err := c.ep.Read(&buf, tcpip.ReadOptions{})
	c.peer.settle()
	if err != nil {
		if _, closed := err.(*tcpip.ErrClosedForReceive); closed {
			return nil, ErrEOF
		}
		return nil, toError(err)
	}
	return buf.Bytes(), nil
}

// CloseWrite sends FIN after queued data (shutdown(SHUT_WR)).
func (c *Conn) CloseWrite() error {
	err := c.ep.Shutdown(tcpip.ShutdownWrite)
	c.peer.settle()
	return toError(err)
}

// Close closes the socket: FIN, or RST if unread data is pending, as Linux.
func (c *Conn) Close() {
	c.ep.Close()
	c.peer.settle()
}

// Abort closes with SO_LINGER {on, 0}, which resets the connection.
func (c *Conn) Abort() {
	c.ep.SocketOptions().SetLinger(tcpip.LingerOption{Enabled: true, Timeout: 0})
	c.ep.Close()
	c.peer.settle()
}

// ErrEOF is what ReadAvailable returns once the peer's FIN was read.
var ErrEOF = errors.New("interop: end of stream")

// toError turns a gVisor error into the errno Linux would give, or a plain
// error where the mapping is not one the tests rely on.
func toError(err tcpip.Error) error {
	if err == nil {
		return nil
	}
	switch err.(type) {
	case *tcpip.ErrWouldBlock:
		return errno.EAGAIN
	case *tcpip.ErrConnectionRefused:
		return errno.ECONNREFUSED
	case *tcpip.ErrConnectionReset:
		return errno.ECONNRESET
	case *tcpip.ErrConnectionAborted:
		return errno.ECONNABORTED
	case *tcpip.ErrTimeout:
		return errno.ETIMEDOUT
	case *tcpip.ErrClosedForSend:
		return errno.EPIPE
	case *tcpip.ErrNotConnected:
		return errno.ENOTCONN
	case *tcpip.ErrPortInUse:
		return errno.EADDRINUSE
	case *tcpip.ErrInvalidEndpointState:
		return errno.EINVAL
	}
	return fmt.Errorf("interop: gvisor: %s", err)
}

// SetReceiveBuffer sets SO_RCVBUF, which bounds the window gVisor offers.
// Set it before connecting: gVisor does not shrink a window it has offered
// and silently drops what no longer fits.
func (c *Conn) SetReceiveBuffer(n int) {
	c.ep.SocketOptions().SetReceiveBufferSize(int64(n), true)
	c.peer.settle()
}

// SetKeepalive turns SO_KEEPALIVE on with TCP_KEEPIDLE, TCP_KEEPINTVL and
// TCP_KEEPCNT.
func (c *Conn) SetKeepalive(idle, interval time.Duration, count int) error {
	idleOpt, intervalOpt := tcpip.KeepaliveIdleOption(idle), tcpip.KeepaliveIntervalOption(interval)
	if err := c.ep.SetSockOpt(&idleOpt); err != nil {
		return toError(err)
	}
	if err := c.ep.SetSockOpt(&intervalOpt); err != nil {
		return toError(err)
	}
	if err := c.ep.SetSockOptInt(tcpip.KeepaliveCountOption, count); err != nil {
		return toError(err)
	}
	c.ep.SocketOptions().SetKeepAlive(true)
	c.peer.settle()
	return nil
}

// Bind binds the socket to a local port before it connects, with
// SO_REUSEADDR so that a port whose last connection just closed is free.
func (c *Conn) Bind(port uint16) error {
	c.ep.SocketOptions().SetReuseAddress(true)
	err := c.ep.Bind(tcpip.FullAddress{NIC: nicID, Port: port})
	c.peer.settle()
	return toError(err)
}
