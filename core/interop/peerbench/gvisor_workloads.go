package peerbench

import (
	"errors"
	"io"

	"gvisor.dev/gvisor/pkg/tcpip/adapters/gonet"
)

// gvisorBulk is sockplayBulk on gVisor.
func gvisorBulk(meter *Meter, seed uint64, n int, loss float64, repeated bool) (Moved, error) {
	return onGvisor(meter, seed, loss, func(p *gvisorPair, ln *gonet.TCPListener) (Moved, error) {
		got := make(chan Moved, 1)
		failed := make(chan error, 2)
		go func() {
			c, err := ln.Accept()
			if err != nil {
				failed <- err
				return
			}
			defer c.Close()
			buf := make([]byte, chunk)
			var m Moved
			for {
				k, err := c.Read(buf)
				m.Bytes += int64(k)
				if err == io.EOF {
					m.Conns++
					got <- m
					return
				}
				if err != nil {
					failed <- err
					return
				}
			}
		}()
		c, err := p.dial()
		if err != nil {
			return Moved{}, err
		}
		data := payload(n, repeated)
		for sent := 0; sent < n; sent += chunk {
			if _, err := c.Write(data[sent:min(n, sent+chunk)]); err != nil {
				return Moved{}, err
			}
		}
		c.Close()
		select {
		case m := <-got:
			return m, nil
		case err := <-failed:
			return Moved{}, err
		}
	})
}

// gvisorConnects is sockplayConnects on gVisor.
func gvisorConnects(meter *Meter, seed uint64, conns, size int) (Moved, error) {
	return onGvisor(meter, seed, 0, func(p *gvisorPair, ln *gonet.TCPListener) (Moved, error) {
		done := make(chan Moved, 1)
		failed := make(chan error, 2)
		go func() {
			buf := make([]byte, chunk)
			var m Moved
			for m.Conns < conns {
				c, err := ln.Accept()
				if err != nil {
					failed <- err
					return
				}
				for {
					k, err := c.Read(buf)
					m.Bytes += int64(k)
					if err == io.EOF {
						break
					}
					if err != nil {
						failed <- err
						return
					}
				}
				c.Close()
				m.Conns++
			}
			done <- m
		}()
		data := payload(size, false)
		for range conns {
			c, err := p.dial()
			if err != nil {
				return Moved{}, err
			}
			if k, err := c.Write(data); k != size || err != nil {
				return Moved{}, errors.Join(errShort, err)
			}
			c.Close()
		}
		select {
		case m := <-done:
			return m, nil
		case err := <-failed:
			return Moved{}, err
		}
	})
}

// gvisorPingPong is sockplayPingPong on gVisor.
func gvisorPingPong(meter *Meter, seed uint64, rounds int) (Moved, error) {
	return onGvisor(meter, seed, 0, func(p *gvisorPair, ln *gonet.TCPListener) (Moved, error) {
		go func() {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			defer c.Close()
			b := make([]byte, 1)
			for {
				if _, err := c.Read(b); err != nil {
					return
				}
				if _, err := c.Write(b); err != nil {
					return
				}
			}
		}()
		c, err := p.dial()
		if err != nil {
			return Moved{}, err
		}
		defer c.Close()
		b := []byte{'x'}
		var m Moved
		for range rounds {
			if _, err := c.Write(b); err != nil {
				return m, err
			}
			if _, err := io.ReadFull(c, b); err != nil {
				return m, err
			}
			m.Bytes++
		}
		m.Conns = 1
		return m, nil
	})
}

// onGvisor runs work on a fresh gVisor pair whose server listens, metered
// from when the pair is set up until work has succeeded.
func onGvisor(meter *Meter, seed uint64, loss float64, work func(p *gvisorPair, ln *gonet.TCPListener) (Moved, error)) (Moved, error) {
	p, err := newGvisorPair(seed, loss)
	if err != nil {
		return Moved{}, err
	}
	defer p.close()
	ln, err := p.listen()
	if err != nil {
		return Moved{}, err
	}
	defer ln.Close()
	meter.start()
	m, err := work(p, ln)
	if err == nil {
		meter.stop(p)
	}
	return m, err
}
