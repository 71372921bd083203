// Package stack is sockplay's socket layer: hosts with BSD sockets and
// Linux errno semantics on top of core/tcp, exchanging real IPv4 packets
// over core/netsim, and the world loop that moves the virtual clock,
// delivers packets, fires timers and completes blocked calls.
package stack

import (
	"errors"
	"strconv"
	"time"

	"github.com/sockplay/sockplay/core/inet"
	"github.com/sockplay/sockplay/core/limits"
	"github.com/sockplay/sockplay/core/netsim"
	"github.com/sockplay/sockplay/core/trace"
	"github.com/sockplay/sockplay/core/wire"
)

// ClientAddr and ServerAddr are the addresses of the hosts every world
// starts with, client and server.
func ClientAddr() inet.Addr { return inet.AddrFrom4([4]byte{10, 0, 0, 1}) }
func ServerAddr() inet.Addr { return inet.AddrFrom4([4]byte{10, 0, 0, 2}) }

// Labeler names what a TCP segment's payload carries ("GET / HTTP/1.1"),
// given the sending socket and the payload's offset in its byte stream.
// payload is the send buffer in place: copy what is kept.
type Labeler func(h *Host, fd int, streamOffset uint32, payload []byte) string

// World owns the network, the hosts, the clock, the seeded randomness and
// the trace log.
type World struct {
	net    *netsim.Network
	rng    *netsim.Rand
	log    *trace.Log
	hosts  []*Host
	line   int
	call   int
	labels map[int]string // packet ID → label
	timers deadlines

	completions []Completion
	labeler     Labeler
	processed   int // packets and timer expiries processed (Processed)
}

// New returns a world with the hosts client (10.0.0.1) and server
// (10.0.0.2), whose every random choice comes from seed.
func New(seed uint64) *World {
	w := &World{
		net:    netsim.New(seed),
		rng:    netsim.NewRand(seed, 0x737461636b), // "stack" stream: ISNs, ports
		log:    &trace.Log{},
		labels: map[int]string{},
	}
	// The defaults are valid, so these cannot fail.
	_, _ = w.AddHost("client", ClientAddr())
	_, _ = w.AddHost("server", ServerAddr())
	return w
}

// Log is the trace every event goes to.
func (w *World) Log() *trace.Log { return w.log }

// Now is the virtual time since the session started.
func (w *World) Now() time.Duration { return w.net.Now() }

// SetLine stamps the events that follow with the script line causing them.
func (w *World) SetLine(n int) { w.line = n }

// Line is the current script line stamp.
func (w *World) Line() int { return w.line }

// SetCall numbers the next socket call, so that its Blocked event and late
// Result carry the number of the Call event the caller recorded.
func (w *World) SetCall(n int) { w.call = n }

// SetLabeler installs the function that labels TCP payloads in the trace.
func (w *World) SetLabeler(l Labeler) { w.labeler = l }

// AddHost adds a host with one IPv4 address.
func (w *World) AddHost(name string, addr inet.Addr) (*Host, error) {
	if !validHostName(name) {
		return nil, errors.New("bad host name " + strconv.Quote(name) + ": use letters, digits, '-' and '_', starting with a letter")
	}
	if name == "net" {
		return nil, errors.New("host name " + strconv.Quote(name) + " is reserved for network commands")
	}
	if !addr.IsValid() || addr.IsUnspecified() || addr.IsLoopback() || addr.IsMulticast() || addr == inet.AddrFrom4([4]byte{255, 255, 255, 255}) {
		return nil, errors.New(addr.String() + " is not a usable IPv4 host address")
	}
	if len(w.hosts) >= limits.Hosts {
		return nil, errors.New("a network has at most " + strconv.Itoa(limits.Hosts) + " hosts")
	}
	for _, h := range w.hosts {
		if h.name == name {
			return nil, errors.New("host " + strconv.Quote(name) + " already exists")
		}
		if h.addr == addr || h.prefixBits > 0 && inPrefix(addr, h.addr, h.prefixBits) {
			return nil, errors.New("address " + addr.String() + " already belongs to " + h.name)
		}
	}
	h := newHost(w, name, addr)
	w.hosts = append(w.hosts, h)
	// Loopback traffic does not cross a link.
	_ = w.net.SetLink(name, name, netsim.Link{})
	return h, nil
}

func validHostName(s string) bool {
	if s == "" || len(s) > 32 {
		return false
	}
	for i, r := range s {
		letter := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
		if i == 0 && !letter {
			return false
		}
		if !letter && !(r >= '0' && r <= '9') && r != '-' && r != '_' {
			return false
		}
	}
	return true
}

// Host returns the host called name, or nil.
func (w *World) Host(name string) *Host {
	for _, h := range w.hosts {
		if h.name == name {
			return h
		}
	}
	return nil
}

// Hosts lists the hosts in the order they were added.
func (w *World) Hosts() []*Host { return append([]*Host(nil), w.hosts...) }

// HostByAddr returns the host owning addr, or nil.
func (w *World) HostByAddr(a inet.Addr) *Host {
	for _, h := range w.hosts {
		if h.addr == a || h.prefixBits > 0 && inPrefix(a, h.addr, h.prefixBits) {
			return h
		}
	}
	return nil
}

// Completions drains the late results of blocked calls, in the order
// they finished.
func (w *World) Completions() []Completion {
	c := w.completions
	w.completions = nil
	return c
}

// event appends e to the log stamped with the current line and time.
func (w *World) event(e trace.Event) {
	e.Line = w.line
	if e.Time == 0 {
		e.Time = w.Now()
	}
	w.log.Add(e)
}

// WireCapture is every transmission on the wire, as tcpdump on a tap
// between the hosts would record it, copied from the trace.
func (w *World) WireCapture() []wire.Record {
	return w.records(func(e *trace.Event) bool { return e.Kind == trace.Send || e.Kind == trace.Dup })
}

// records copies the packets of the events keep picks, with their times:
// the trace holds each packet once, and captures are read from it.
func (w *World) records(keep func(*trace.Event) bool) []wire.Record {
	var out []wire.Record
	for i := range w.log.Len() {
		if e := w.log.At(i); len(e.Bytes) > 0 && keep(&e) {
			out = append(out, wire.Record{Time: e.Time, Data: append([]byte(nil), e.Bytes...)})
		}
	}
	return out
}
