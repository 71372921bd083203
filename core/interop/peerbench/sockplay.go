package peerbench

import (
	"errors"
	"strconv"
	"time"

	"github.com/sockplay/sockplay/core/errno"
	"github.com/sockplay/sockplay/core/inet"
	"github.com/sockplay/sockplay/core/netsim"
	"github.com/sockplay/sockplay/core/stack"
)

// sockplayWorld is a stack.World whose links behave as gVisor's pipe
// link: no latency, no bandwidth limit, the given loss each way.
func sockplayWorld(seed uint64, loss float64) (*stack.World, error) {
	w := stack.New(seed)
	if err := w.SetAllLinks(netsim.Link{Loss: loss}); err != nil {
		return nil, err
	}
	return w, nil
}

// tuneSockplay sets what both stacks share: TCP_NODELAY and buffers of
// Buffer bytes. SO_SNDBUF and SO_RCVBUF double what they are given, as on
// Linux, so half is asked for.
func tuneSockplay(h *stack.Host, fd int) error {
	for _, o := range [][3]int{
		{stack.SOL_SOCKET, stack.SO_SNDBUF, Buffer / 2},
		{stack.SOL_SOCKET, stack.SO_RCVBUF, Buffer / 2},
		{stack.IPPROTO_TCP, stack.TCP_NODELAY, 1},
	} {
		if r := h.Setsockopt(fd, o[0], o[1], stack.IntOpt(o[2])); r.Failed() {
			return errors.New("setsockopt: " + r.Err.Name())
		}
	}
	return nil
}

func serverPort() inet.AddrPort { return inet.AddrPortFrom(stack.ServerAddr(), port) }

// sockplayListen opens a tuned, non-blocking listener on the server.
func sockplayListen(h *stack.Host) (int, error) {
	r := h.Socket(stack.AF_INET, stack.SOCK_STREAM|stack.SOCK_NONBLOCK, 0)
	if r.Failed() {
		return 0, errors.New("socket: " + r.Err.Name())
	}
	fd := r.Ret
	if err := tuneSockplay(h, fd); err != nil {
		return 0, err
	}
	if r := h.Bind(fd, inet.AddrPortFrom(inet.IPv4Unspecified(), port)); r.Failed() {
		return 0, errors.New("bind: " + r.Err.Name())
	}
	if r := h.Listen(fd, 4096); r.Failed() {
		return 0, errors.New("listen: " + r.Err.Name())
	}
	return fd, nil
}

// sockplayDial starts a tuned, non-blocking connect to the server.
func sockplayDial(h *stack.Host) (int, error) {
	r := h.Socket(stack.AF_INET, stack.SOCK_STREAM|stack.SOCK_NONBLOCK, 0)
	if r.Failed() {
		return 0, errors.New("socket: " + r.Err.Name())
	}
	fd := r.Ret
	if err := tuneSockplay(h, fd); err != nil {
		return 0, err
	}
	if r := h.Connect(fd, serverPort()); r.Err != errno.EINPROGRESS {
		return 0, errors.New("connect: " + r.Err.Name())
	}
	return fd, nil
}

// drive runs the world until done reports true, the way a program on
// non-blocking sockets would be driven: apps react after every event.
func drive(w *stack.World, done func() bool, failed func() error) error {
	for !done() {
		if err := failed(); err != nil {
			return err
		}
		r := w.Run(1 << 30)
		if r.Quiet && !done() && !w.NextTimer() {
			return errors.New("sockplay: stuck at " + w.Now().String() + " after " + strconv.Itoa(w.Processed()) + " events")
		}
	}
	return failed()
}

// app adapts a function to stack.App: it runs after every event and
// never asks for a wake-up of its own.
type app func(h *stack.Host)

func (a app) Run(_ time.Duration, h *stack.Host) { a(h) }
func (a app) Deadline() (time.Duration, bool)    { return 0, false }
func fail(op string, r stack.Result) error       { return errors.New(op + ": " + r.Err.Name()) }
func wouldBlock(r stack.Result) bool             { return r.Err == errno.EAGAIN }
func connecting(r stack.Result) bool             { return r.Err == errno.EALREADY || r.Err == errno.EINPROGRESS }
func connected(r stack.Result) bool              { return !r.Failed() || r.Err == errno.EISCONN }
