package peerbench

import (
	"github.com/sockplay/sockplay/core/stack"
)

// chunk is how much one send or recv call offers in the bulk workloads.
const chunk = 65536

// sockplayBulk sends n bytes from client to server over one connection,
// then closes; the server reads until end of stream.
func sockplayBulk(meter *Meter, seed uint64, n int, loss float64, repeated bool) (Moved, error) {
	w, err := sockplayWorld(seed, loss)
	if err != nil {
		return Moved{}, err
	}
	client, server := w.Host("client"), w.Host("server")
	meter.start()
	lfd, err := sockplayListen(server)
	if err != nil {
		return Moved{}, err
	}
	cfd, err := sockplayDial(client)
	if err != nil {
		return Moved{}, err
	}
	data := payload(n, repeated)
	var moved Moved
	var failure error
	sent, up, closed := 0, false, false
	client.Attach(app(func(h *stack.Host) {
		if !up {
			r := h.Connect(cfd, serverPort())
			if connecting(r) {
				return
			}
			if !connected(r) {
				failure = fail("connect", r)
				return
			}
			up = true
		}
		for sent < n {
			r := h.Send(cfd, data[sent:min(n, sent+chunk)], 0)
			if wouldBlock(r) {
				return
			}
			if r.Failed() {
				failure = fail("send", r)
				return
			}
			sent += r.Ret
		}
		if !closed {
			closed = true
			if r := h.Close(cfd); r.Failed() {
				failure = fail("close", r)
			}
		}
	}))
	afd, eof := -1, false
	buf := make([]byte, chunk) // the application's read buffer, as gVisor's side has
	server.Attach(app(func(h *stack.Host) {
		if afd < 0 {
			r := h.Accept(lfd)
			if wouldBlock(r) {
				return
			}
			if r.Failed() {
				failure = fail("accept", r)
				return
			}
			afd = r.Ret
		}
		for !eof {
			r := h.RecvInto(afd, buf, 0)
			if wouldBlock(r) {
				return
			}
			if r.Failed() {
				failure = fail("recv", r)
				return
			}
			if r.Ret == 0 {
				eof = true
				moved.Conns++
				h.Close(afd)
				return
			}
			moved.Bytes += int64(r.Ret)
		}
	}))
	err = drive(w, func() bool { return eof }, func() error { return failure })
	meter.stop(w)
	return moved, err
}

// sockplayConnects makes conns connections one after another; each
// sends size bytes and closes, and the server reads to end of stream and
// closes too.
func sockplayConnects(meter *Meter, seed uint64, conns, size int) (Moved, error) {
	w, err := sockplayWorld(seed, 0)
	if err != nil {
		return Moved{}, err
	}
	client, server := w.Host("client"), w.Host("server")
	meter.start()
	lfd, err := sockplayListen(server)
	if err != nil {
		return Moved{}, err
	}
	data := payload(size, false)
	var moved Moved
	var failure error
	started, cfd, up := 0, -1, false
	client.Attach(app(func(h *stack.Host) {
		for failure == nil {
			if cfd < 0 {
				if started == conns {
					return
				}
				started++
				cfd, failure = sockplayDial(h)
				up = false
				continue
			}
			if !up {
				r := h.Connect(cfd, serverPort())
				if connecting(r) {
					return
				}
				if !connected(r) {
					failure = fail("connect", r)
					return
				}
				up = true
			}
			if r := h.Send(cfd, data, 0); r.Ret != size {
				failure = fail("send", r)
				return
			}
			if r := h.Close(cfd); r.Failed() {
				failure = fail("close", r)
				return
			}
			cfd = -1
		}
	}))
	var open []int // accepted, in accept order
	buf := make([]byte, chunk)
	server.Attach(app(func(h *stack.Host) {
		for {
			r := h.Accept(lfd)
			if wouldBlock(r) {
				break
			}
			if r.Failed() {
				failure = fail("accept", r)
				return
			}
			open = append(open, r.Ret)
		}
		still := open[:0]
		for _, fd := range open {
			for fd >= 0 {
				r := h.RecvInto(fd, buf, 0)
				if wouldBlock(r) {
					break
				}
				if r.Failed() {
					failure = fail("recv", r)
					return
				}
				if r.Ret == 0 {
					h.Close(fd)
					moved.Conns++
					fd = -1
					break
				}
				moved.Bytes += int64(r.Ret)
			}
			if fd >= 0 {
				still = append(still, fd)
			}
		}
		open = still
	}))
	err = drive(w, func() bool { return moved.Conns == conns }, func() error { return failure })
	meter.stop(w)
	return moved, err
}

// sockplayPingPong bounces one byte between client and server rounds
// times over one connection.
func sockplayPingPong(meter *Meter, seed uint64, rounds int) (Moved, error) {
	w, err := sockplayWorld(seed, 0)
	if err != nil {
		return Moved{}, err
	}
	client, server := w.Host("client"), w.Host("server")
	meter.start()
	lfd, err := sockplayListen(server)
	if err != nil {
		return Moved{}, err
	}
	cfd, err := sockplayDial(client)
	if err != nil {
		return Moved{}, err
	}
	ball := []byte{'x'}
	var moved Moved
	var failure error
	up, waiting, done := false, false, 0
	one := make([]byte, 1)
	client.Attach(app(func(h *stack.Host) {
		if !up {
			r := h.Connect(cfd, serverPort())
			if connecting(r) {
				return
			}
			if !connected(r) {
				failure = fail("connect", r)
				return
			}
			up = true
		}
		for failure == nil && done < rounds {
			if !waiting {
				if r := h.Send(cfd, ball, 0); r.Ret != 1 {
					failure = fail("send", r)
					return
				}
				waiting = true
			}
			r := h.RecvInto(cfd, one, 0)
			if wouldBlock(r) {
				return
			}
			if r.Ret != 1 {
				failure = fail("recv", r)
				return
			}
			waiting = false
			moved.Bytes++
			done++
		}
	}))
	afd := -1
	server.Attach(app(func(h *stack.Host) {
		if afd < 0 {
			r := h.Accept(lfd)
			if wouldBlock(r) {
				return
			}
			if r.Failed() {
				failure = fail("accept", r)
				return
			}
			afd = r.Ret
		}
		for {
			r := h.RecvInto(afd, one, 0)
			if wouldBlock(r) {
				return
			}
			if r.Ret != 1 {
				failure = fail("recv", r)
				return
			}
			if r := h.Send(afd, r.Data, 0); r.Ret != 1 {
				failure = fail("send", r)
				return
			}
		}
	}))
	err = drive(w, func() bool { return done == rounds }, func() error { return failure })
	meter.stop(w)
	moved.Conns = 1
	return moved, err
}
