package tcp

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/sockplay/sockplay/core/inet"
	"github.com/sockplay/sockplay/core/wire"
)

var (
	epA = Endpoint{Addr: inet.MustParseAddr("10.0.0.1"), Port: 40000}
	epB = Endpoint{Addr: inet.MustParseAddr("10.0.0.2"), Port: 80}
)

// rfc prints a segment as RFC 9293's figures do: <SEQ=100><ACK=301><CTL=SYN,ACK>.
func rfc(s *wire.TCP) string {
	var b strings.Builder
	fmt.Fprintf(&b, "<SEQ=%d>", s.Seq)
	if s.Flags&wire.ACK != 0 {
		fmt.Fprintf(&b, "<ACK=%d>", s.Ack)
	}
	var ctl []string
	for _, f := range []struct {
		bit  wire.TCPFlags
		name string
	}{{wire.SYN, "SYN"}, {wire.FIN, "FIN"}, {wire.RST, "RST"}, {wire.ACK, "ACK"}} {
		if s.Flags&f.bit != 0 {
			ctl = append(ctl, f.name)
		}
	}
	if len(ctl) > 0 {
		fmt.Fprintf(&b, "<CTL=%s>", strings.Join(ctl, ","))
	}
	if len(s.Payload) > 0 {
		fmt.Fprintf(&b, "<DATA=%d>", len(s.Payload))
	}
	return b.String()
}

func rfcAll(segs []*wire.TCP) []string {
	out := []string{}
	for _, s := range segs {
		out = append(out, rfc(s))
	}
	return out
}

func clone(s *wire.TCP) *wire.TCP {
	c := *s
	c.Payload = slices.Clone(s.Payload)
	c.Options.SACK = slices.Clone(s.Options.SACK)
	return &c
}

// plainConfig turns off the options and delays so that segments look like
// RFC 9293's figures.
func plainConfig() Config {
	cfg := DefaultConfig()
	cfg.Timestamps = false
	cfg.SACK = false
	cfg.WindowScaling = false
	cfg.DelayedACK = false
	return cfg
}

// side is one end of the test network.
type side int

const (
	sideA side = iota // the client, 10.0.0.1
	sideB             // the server, 10.0.0.2
)

func (s side) other() side { return 1 - s }

type packet struct {
	at  time.Duration
	seq int // tie-breaker: send order
	to  side
	seg *wire.TCP
}

// network connects two Conns through a seeded pipe with latency, loss,
// duplication and reordering. Side B may be a listener: while it has no
// Conn, arriving segments go through ListenInput/NewPassive.
type network struct {
	t        testing.TB
	now      time.Duration
	conns    [2]*Conn
	cfg      [2]Config
	iss      [2]uint32
	listenB  bool
	inFlight []packet
	sent     int
	rng      *rand.Rand
	latency  time.Duration
	jitter   time.Duration // extra random delay: reordering
	loss     float64
	dup      float64
	trace    []string  // "A>B <SEQ=..>" for every transmission
	edge     [2]uint32 // right edge (ACK + window) each side advertised last
	edgeSet  [2]bool
	drop     func(from side, seg *wire.TCP) bool
}

func newNetwork(t testing.TB, seed uint64) *network {
	return &network{
		t: t, rng: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)),
		latency: 10 * time.Millisecond,
		cfg:     [2]Config{DefaultConfig(), DefaultConfig()},
		iss:     [2]uint32{1000, 5000},
	}
}

func (n *network) endpoints(s side) (Endpoint, Endpoint) {
	if s == sideA {
		return epA, epB
	}
	return epB, epA
}

// connect opens A actively towards a listening B.
func (n *network) connect() {
	n.listenB = true
	n.conns[sideA] = NewActive(n.cfg[sideA], epA, epB, Init{ISS: n.iss[sideA], TSOffset: 7}, n.now)
	n.pump()
}

// pump collects every Conn's output and puts it on the wire.
func (n *network) pump() {
	for s := sideA; s <= sideB; s++ {
		c := n.conns[s]
		if c == nil {
			continue
		}
		for _, seg := range c.Output(n.now) {
			n.transmit(s, seg)
		}
	}
}

func (n *network) transmit(from side, seg *wire.TCP) {
	n.trace = append(n.trace, fmt.Sprintf("%v %s", from, rfc(seg)))
	n.checkEdge(from, seg)
	if n.drop != nil && n.drop(from, seg) {
		return
	}
	if n.loss > 0 && n.rng.Float64() < n.loss {
		return
	}
	copies := 1
	if n.dup > 0 && n.rng.Float64() < n.dup {
		copies = 2
	}
	for range copies {
		delay := n.latency
		if n.jitter > 0 {
			delay += time.Duration(n.rng.Int64N(int64(n.jitter)))
		}
		n.sent++
		n.inFlight = append(n.inFlight, packet{at: n.now + delay, seq: n.sent, to: from.other(), seg: clone(seg)})
	}
}

// checkEdge requires that the right edge a side advertises never moves
// back (RFC 9293 3.8.6.2.2), whatever the rounding to the window scale.
func (n *network) checkEdge(from side, seg *wire.TCP) {
	c := n.conns[from]
	if c == nil || seg.Flags&(wire.SYN|wire.RST) != 0 || seg.Flags&wire.ACK == 0 {
		return
	}
	edge := seg.Ack + uint32(seg.Window)<<c.Vars().RcvWScale
	if n.edgeSet[from] {
		require.True(n.t, seqGEQ(edge, n.edge[from]), "%v advertised edge %d after %d (%s)", from, edge, n.edge[from], rfc(seg))
	}
	n.edge[from], n.edgeSet[from] = edge, true
}

func (s side) String() string { return [...]string{"A>B", "B>A"}[s] }

// deliver hands seg to side `to` (a listener when B has no Conn yet).
func (n *network) deliver(to side, seg *wire.TCP) {
	c := n.conns[to]
	if c == nil || (to == sideB && n.listenB && c.State() == Closed) {
		if to != sideB || !n.listenB {
			return
		}
		local, remote := n.endpoints(sideB)
		reply, accept := ListenInput(local, remote, seg)
		if reply != nil {
			n.transmit(sideB, reply)
		}
		if accept {
			n.conns[sideB] = NewPassive(n.cfg[sideB], local, remote, Init{ISS: n.iss[sideB], TSOffset: 99}, seg, n.now)
		}
		return
	}
	c.Input(n.now, seg)
}

// step moves the clock to the next packet arrival or timer and processes
// it. It reports false when nothing is left to happen.
func (n *network) step() bool {
	next, kind := time.Duration(0), -1
	for i, p := range n.inFlight {
		if kind < 0 || p.at < next || (p.at == next && p.seq < n.inFlight[kind].seq) {
			next, kind = p.at, i
		}
	}
	timerSide := side(-1)
	for s := sideA; s <= sideB; s++ {
		if c := n.conns[s]; c != nil {
			if d, ok := c.Deadline(); ok && (kind < 0 && timerSide < 0 || d < next) {
				next, timerSide = d, s
			}
		}
	}
	switch {
	case timerSide >= 0:
		n.now = max(n.now, next)
		n.conns[timerSide].Advance(n.now)
	case kind >= 0:
		p := n.inFlight[kind]
		n.inFlight = slices.Delete(n.inFlight, kind, kind+1)
		n.now = max(n.now, p.at)
		n.deliver(p.to, p.seg)
	default:
		return false
	}
	n.pump()
	return true
}

// runUntil steps until cond holds, failing after limit virtual time.
func (n *network) runUntil(limit time.Duration, cond func() bool) {
	n.t.Helper()
	end := n.now + limit
	for !cond() {
		if !n.step() || n.now > end {
			require.FailNowf(n.t, "condition not reached", "at %v; last segments: %v", n.now, n.lastTrace(20))
		}
	}
}

// runFor processes everything due in the next d of virtual time.
func (n *network) runFor(d time.Duration) {
	end := n.now + d
	for {
		if !n.hasEventBefore(end) {
			n.now = end
			return
		}
		n.step()
	}
}

func (n *network) hasEventBefore(end time.Duration) bool {
	for _, p := range n.inFlight {
		if p.at <= end {
			return true
		}
	}
	for _, c := range n.conns {
		if c != nil {
			if d, ok := c.Deadline(); ok && d <= end {
				return true
			}
		}
	}
	return false
}

func (n *network) lastTrace(k int) []string {
	if len(n.trace) <= k {
		return n.trace
	}
	return n.trace[len(n.trace)-k:]
}

// established connects A and B and runs until both are ESTABLISHED.
func (n *network) established() {
	n.t.Helper()
	n.connect()
	n.runUntil(time.Minute, func() bool {
		return n.conns[sideA].State() == Established && n.conns[sideB] != nil && n.conns[sideB].State() == Established
	})
}

func (n *network) a() *Conn { return n.conns[sideA] }
func (n *network) b() *Conn { return n.conns[sideB] }
