package peerbench

import (
	"errors"
	"io"
	"strconv"
	"strings"
	"sync"

	"github.com/sockplay/sockplay/core/session"
	"gvisor.dev/gvisor/pkg/tcpip/adapters/gonet"
)

// The crowd workload (issue 17): n clients, each connecting, sending a
// 1 KB HTTP/1.0 request, reading the whole answer and closing, against
// one listening socket. On sockplay it is the page's own line, `net> crowd`
// against `http.serve`, through the session; on gVisor, n goroutines
// against an accept loop answering with the same bytes.

// crowdRequest is the 1 KB request every client sends.
var crowdRequest = "GET / HTTP/1.0\r\nX-Pad: " + strings.Repeat("x", 1024-len("GET / HTTP/1.0\r\nX-Pad: \r\n\r\n")) + "\r\n\r\n"

var crowdServer = []string{
	"server> s = socket(AF_INET, SOCK_STREAM)",
	"server> bind(s, 0.0.0.0:80)",
	"server> listen(s, 4096)",
	"server> http.serve(s, version=1.0)",
}

func crowdLine(n int) string {
	return "net> crowd " + strconv.Itoa(n) + " from 10.1.0.0/16 run c = socket(AF_INET, SOCK_STREAM); connect(c, server:80); send(c, " +
		strconv.Quote(crowdRequest) + "); recv(c, 65536); close(c)"
}

// sockplayCrowd runs the crowd line in a session.
func sockplayCrowd(meter *Meter, seed uint64, n int) (Moved, error) {
	s := session.New(seed)
	for _, l := range crowdServer {
		if o := s.Exec(l); o.Err != nil {
			return Moved{}, errors.New(l + ": " + o.Err.Message)
		}
	}
	meter.start()
	o := s.Exec(crowdLine(n))
	meter.stop(s)
	if o.Err != nil || len(o.Lines) == 0 {
		return Moved{}, errors.New("the crowd line was refused")
	}
	return crowdMoved(o.Lines[0])
}

// crowdMoved reads what moved from a crowd's summary line: "... 1000
// connected, ...; 1027000 bytes sent, 842000 received; ...".
func crowdMoved(summary string) (Moved, error) {
	f := strings.Fields(strings.NewReplacer(",", " ", ";", " ").Replace(summary))
	var m Moved
	found := 0
	for i := 1; i < len(f); i++ {
		n, err := strconv.ParseInt(f[i-1], 10, 64)
		if err != nil {
			continue
		}
		switch f[i] {
		case "connected":
			m.Conns, found = int(n), found+1
		case "received":
			m.Bytes, found = n, found+1
		}
	}
	if found != 2 {
		return Moved{}, errors.New("no counts in " + strconv.Quote(summary))
	}
	return m, nil
}

// httpServeAnswer is what http.serve answers the crowd's request, taken
// from one client of a crowd, for gVisor's server to answer alike.
var httpServeAnswer = sync.OnceValues(func() (int, error) {
	m, err := sockplayCrowd(&Meter{}, 1, 1)
	if err != nil || m.Conns != 1 {
		return 0, errors.Join(errors.New("one client of the crowd"), err)
	}
	return int(m.Bytes), nil
})

// crowdInFlight is how many gVisor clients run at once: the crowd's starts
// spread over a second keep a few dozen in flight.
const crowdInFlight = 64

// gvisorCrowd is sockplayCrowd on gVisor.
func gvisorCrowd(meter *Meter, seed uint64, n int) (Moved, error) {
	size, err := httpServeAnswer()
	if err != nil {
		return Moved{}, err
	}
	answer := payload(size, false)
	return onGvisor(meter, seed, 0, func(p *gvisorPair, ln *gonet.TCPListener) (Moved, error) {
		go func() {
			for {
				c, err := ln.Accept()
				if err != nil {
					return
				}
				go func() {
					defer c.Close()
					buf := make([]byte, 2048)
					got := 0
					for got < len(crowdRequest) {
						k, err := c.Read(buf)
						got += k
						if err != nil {
							return
						}
					}
					c.Write(answer)
				}()
			}
		}()
		var (
			mu      sync.Mutex
			moved   Moved
			failure error
			wg      sync.WaitGroup
		)
		slots := make(chan struct{}, crowdInFlight)
		for range n {
			slots <- struct{}{}
			wg.Add(1)
			go func() {
				defer func() { <-slots; wg.Done() }()
				c, err := p.dial()
				if err == nil {
					defer c.Close()
					_, err = c.Write([]byte(crowdRequest))
				}
				var k int64
				if err == nil {
					k, err = io.Copy(io.Discard, c)
				}
				mu.Lock()
				defer mu.Unlock()
				if err != nil {
					failure = errors.Join(failure, err)
					return
				}
				moved.Conns++
				moved.Bytes += k
			}()
		}
		wg.Wait()
		return moved, failure
	})
}
