package goal

import (
	"strings"
	"time"

	"github.com/sockplay/sockplay/core/session"
	"github.com/sockplay/sockplay/core/trace"
	"github.com/sockplay/sockplay/core/wire"
)

// Result is one goal's verdict now.
type Result struct {
	Met bool `json:"met"`
	// What met it, when an event did: the trace event's index (-1 for a
	// call or none), its packet, the call number, the line.
	Event  int `json:"event"`
	Packet int `json:"packet,omitempty"`
	Call   int `json:"call,omitempty"`
	Line   int `json:"line,omitempty"`
}

// Checker evaluates goals over one session, reading only what is new each
// time: the events and calls since it last looked. When the session was
// rebuilt (undo, goto, a new seed) it starts over.
type Checker struct {
	goals    []*Goal
	matchers []*matcher // one per event pattern of every goal
	byEvent  map[*Event]*matcher
	before   map[*before]*beforeState
	packets  map[int]*packet // decoded sends by packet number
	partial  map[string]string
	events   int // trace events read
	calls    int // calls read
	rebuilds int
	now      time.Duration // the time of the last event read
	observe  func(*item)   // a Value's reader, shown every item
}

// matcher accumulates the matches of one event pattern.
type matcher struct {
	e       *Event
	count   int
	first   Result
	perConn map[string]int
	most    int // the most matches over one connection
}

type beforeState struct {
	aSeen bool
	met   Result
}

// NewChecker checks goals.
func NewChecker(goals []*Goal) *Checker {
	c := &Checker{goals: goals}
	c.reset()
	return c
}

func (c *Checker) reset() {
	c.matchers, c.byEvent, c.before = nil, map[*Event]*matcher{}, map[*before]*beforeState{}
	c.packets, c.partial = map[int]*packet{}, map[string]string{}
	c.events, c.calls, c.now = 0, 0, 0
	for _, g := range c.goals {
		g.root.events(func(e *Event) {
			if e != nil && c.byEvent[e] == nil {
				m := &matcher{e: e, first: Result{Event: -1}, perConn: map[string]int{}}
				c.byEvent[e] = m
				c.matchers = append(c.matchers, m)
			}
		})
		walkBefore(g.root, func(b *before) { c.before[b] = &beforeState{met: Result{Event: -1}} })
	}
}

func walkBefore(n node, f func(*before)) {
	switch n := n.(type) {
	case *orNode:
		for _, t := range n.terms {
			walkBefore(t, f)
		}
	case *andNode:
		for _, t := range n.terms {
			walkBefore(t, f)
		}
	case *notNode:
		walkBefore(n.x, f)
	case *before:
		f(n)
	}
}

// Check reads what happened in s since the last check and returns every
// goal's verdict, in order.
func (c *Checker) Check(s *session.Session) []Result {
	if s.Rebuilds() != c.rebuilds {
		c.rebuilds = s.Rebuilds()
		c.reset()
	}
	evs := s.Trace(c.events)
	if c.events > 0 && len(evs) == 0 && len(s.Trace(0)) < c.events {
		c.reset() // the trace shrank: a session we have not seen
		evs = s.Trace(0)
	}
	calls := s.Calls(c.calls)
	// Merge events and calls in the order they happened: a call that
	// returned when the trace held n events comes after event n-1.
	i, j := 0, 0
	for i < len(evs) || j < len(calls) {
		if j < len(calls) && (i == len(evs) || calls[j].Trace <= evs[i].Index) {
			c.call(&calls[j])
			j++
			continue
		}
		c.event(&evs[i])
		i++
	}
	c.events += len(evs)
	c.calls += len(calls)
	var st *session.State
	state := func() *session.State {
		if st == nil {
			v := s.State()
			st = &v
		}
		return st
	}
	out := make([]Result, len(c.goals))
	for k, g := range c.goals {
		out[k] = c.eval(g.root, state)
	}
	return out
}

// item is one thing that happened, as the matchers see it.
type item struct {
	pos    Result
	at     time.Duration // when: the event's time; a call's, the last event's before it
	ev     *trace.Event
	pkt    *packet
	call   *session.CallRecord
	connID string
}

func (c *Checker) call(r *session.CallRecord) {
	c.feed(&item{pos: Result{Event: -1, Call: r.Call, Line: r.Line}, at: c.now, call: r})
}

func (c *Checker) event(ev *trace.Event) {
	c.now = ev.Time
	it := &item{pos: Result{Event: ev.Index, Packet: ev.Packet, Line: ev.Line}, at: ev.Time, ev: ev}
	switch ev.Kind {
	case trace.Send, trace.Dup:
		p := decodePacket(ev)
		c.packets[ev.Packet] = p
		if ev.Kind == trace.Dup {
			return
		}
		p.requests = c.countRequests(p)
		it.pkt = p
	case trace.Deliver, trace.Drop:
		it.pkt = c.packets[ev.Packet]
	}
	if it.pkt != nil {
		it.connID = it.pkt.conn
	}
	c.feed(it)
}

func (c *Checker) feed(it *item) {
	if c.observe != nil {
		c.observe(it)
	}
	// B's of "A before B" are judged before this item counts as an A.
	for b, st := range c.before {
		if !st.met.Met && st.aSeen && matches(b.b, it) {
			st.met = it.pos
			st.met.Met = true
		}
	}
	for b, st := range c.before {
		if matches(b.a, it) {
			st.aSeen = true
		}
	}
	for _, m := range c.matchers {
		if !matches(m.e, it) {
			continue
		}
		n := 1
		if m.e.request {
			n = it.pkt.requests
		}
		if m.count == 0 {
			m.first = it.pos
			m.first.Met = true
		}
		m.count += n
		if it.connID != "" {
			m.perConn[it.connID] += n
			m.most = max(m.most, m.perConn[it.connID])
		}
	}
}

func (c *Checker) eval(n node, state func() *session.State) Result {
	no := Result{Event: -1}
	switch n := n.(type) {
	case *orNode:
		for _, t := range n.terms {
			if r := c.eval(t, state); r.Met {
				return r
			}
		}
		return no
	case *andNode:
		last := no
		for _, t := range n.terms {
			r := c.eval(t, state)
			if !r.Met {
				return no
			}
			if r.Event > last.Event || r.Call > 0 {
				last = r
			}
		}
		last.Met = true
		return last
	case *notNode:
		return Result{Met: !c.eval(n.x, state).Met, Event: -1}
	case *happened:
		m := c.byEvent[n.e]
		return m.first
	case *never:
		return Result{Met: c.byEvent[n.e].count == 0, Event: -1}
	case *counted:
		m := c.byEvent[n.e]
		v := m.count
		if n.perConn {
			v = m.most
		}
		r := Result{Event: -1}
		if compare(v, n.cmp, n.n) {
			r.Met = true
			if v > 0 && n.monotone() {
				r = m.first
			}
		}
		return r
	case *before:
		return c.before[n].met
	case *socketIs:
		return Result{Met: socketIn(state(), n), Event: -1}
	}
	return no
}

func compare(v int, cmp string, n int) bool {
	switch cmp {
	case ">=":
		return v >= n
	case ">":
		return v > n
	case "==":
		return v == n
	case "!=":
		return v != n
	case "<":
		return v < n
	case "<=":
		return v <= n
	}
	return false
}

func socketIn(st *session.State, n *socketIs) bool {
	for _, h := range st.Hosts {
		if n.host != "" && h.Name != n.host {
			continue
		}
		for _, s := range h.Sockets {
			if s.State != n.state {
				continue
			}
			if n.port == 0 || portOf(s.Local) == n.port || portOf(s.Remote) == n.port {
				return true
			}
		}
	}
	return false
}

// portOf is the port of "10.0.0.1:80", 0 for "*:*" or "0.0.0.0:*".
func portOf(addr string) int {
	i := strings.LastIndexByte(addr, ':')
	n := 0
	for _, c := range addr[i+1:] {
		if c < '0' || c > '9' {
			return 0
		}
		n = n*10 + int(c-'0')
	}
	return n
}

// packet is what the matchers need of a packet sent.
type packet struct {
	from, to string
	cause    string
	tcp      *wire.TCP
	udp      bool
	payload  int // UDP payload bytes
	sport    uint16
	dport    uint16
	icmp     *wire.ICMP
	label    string
	conn     string // both ends, the same in either direction
	requests int    // HTTP requests that start in it
	flight   uint32 // the sender's FlightSize once it left (RFC 5681), TCP only
}

func decodePacket(ev *trace.Event) *packet {
	p := &packet{from: ev.From, to: ev.To, cause: ev.Cause, label: ev.Label}
	if ev.TCP != nil {
		p.flight = ev.TCP.Flight
	}
	d, _ := wire.Inspect(ev.Bytes)
	if d == nil {
		return p
	}
	a, b := d.IP.Src.String(), d.IP.Dst.String()
	var sp, dp uint16
	switch {
	case d.TCP != nil:
		p.tcp, sp, dp = d.TCP, d.TCP.SrcPort, d.TCP.DstPort
	case d.UDP != nil:
		p.udp, p.payload, sp, dp = true, len(d.UDP.Payload), d.UDP.SrcPort, d.UDP.DstPort
	case d.ICMP != nil:
		p.icmp = d.ICMP
		return p
	}
	p.sport, p.dport = sp, dp
	x, y := a+":"+itoa16(sp), b+":"+itoa16(dp)
	if y < x {
		x, y = y, x
	}
	p.conn = x + " " + y
	return p
}

func itoa16(n uint16) string {
	var b [5]byte
	i := len(b)
	for {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
		if n == 0 {
			return string(b[i:])
		}
	}
}

// httpMethods start a request's label.
var httpMethods = []string{"GET ", "HEAD ", "POST ", "PUT ", "DELETE ", "OPTIONS ", "PATCH ", "CONNECT ", "TRACE "}

// countRequests counts the HTTP requests whose first bytes p carries: the
// label's pieces that name a request, less a continuation of a request
// the previous segment of the same direction carried in part.
func (c *Checker) countRequests(p *packet) int {
	if p.tcp == nil || p.label == "" || isRetransmission(p.cause) {
		return 0
	}
	dir := p.from + ">" + p.to + " " + p.conn
	n := 0
	pieces := strings.Split(p.label, " + ")
	for k, piece := range pieces {
		name, partial := piece, false
		if i := strings.Index(piece, " ("); i >= 0 {
			name, partial = piece[:i], true
		}
		if !isRequest(name) {
			continue
		}
		if k > 0 || c.partial[dir] != name {
			n++
		}
		if k == len(pieces)-1 && partial {
			c.partial[dir] = name
		} else if k == len(pieces)-1 {
			delete(c.partial, dir)
		}
	}
	return n
}

func isRequest(name string) bool {
	for _, m := range httpMethods {
		if strings.HasPrefix(name, m) && strings.Contains(name, " HTTP/") {
			return true
		}
	}
	return false
}

func isRetransmission(cause string) bool { return strings.HasPrefix(cause, "retransmit") }

// matches reports whether e matches it.
func matches(e *Event, it *item) bool {
	if e == nil {
		return false
	}
	switch e.kind {
	case evCall:
		r := it.call
		if r == nil || e.host != "" && r.Host != e.host || e.op != "" && r.Op != e.op {
			return false
		}
		if e.fails {
			return r.Ret == -1 && (e.errno == "" || r.Errno == e.errno)
		}
		if e.retCmp != "" {
			return r.Errno == "" && compare(r.Ret, e.retCmp, e.ret)
		}
		return true
	case evEntered:
		ev := it.ev
		return ev != nil && ev.Kind == trace.State && (e.host == "" || ev.Host == e.host) && ev.To == e.state
	case evFired:
		ev := it.ev
		return ev != nil && ev.Kind == trace.Fire && (e.host == "" || ev.Host == e.host) && (e.timer == "*" || ev.Timer == e.timer)
	}
	p := it.pkt
	if p == nil || it.ev.Kind != e.fate || e.from != "" && p.from != e.from || e.to != "" && p.to != e.to {
		return false
	}
	switch e.kind {
	case evDatagram:
		return p.udp && dataOK(e, p.payload > 0)
	case evICMP:
		return p.icmp != nil && (e.icmpType < 0 || int(p.icmp.Type) == e.icmpType) && (e.icmpCode < 0 || int(p.icmp.Code) == e.icmpCode)
	}
	t := p.tcp
	if t == nil {
		return false
	}
	if e.flagsSet && (e.flagsMore && t.Flags&e.flags != e.flags || !e.flagsMore && t.Flags != e.flags) {
		return false
	}
	if e.anyRexmit && !isRetransmission(p.cause) || e.cause != "" && p.cause != e.cause {
		return false
	}
	if e.win >= 0 && (int(t.Window) != e.win || t.Flags&(wire.SYN|wire.RST) != 0) {
		return false
	}
	// FlightSize counts the segment itself (and a SYN or FIN in it): more
	// means earlier bytes were still unacknowledged when it left.
	if e.unacked && (len(t.Payload) == 0 || p.flight <= uint32(len(t.Payload))+uint32(t.Flags&wire.FIN)) {
		return false
	}
	if e.request && p.requests == 0 {
		return false
	}
	return dataOK(e, len(t.Payload) > 0)
}

func dataOK(e *Event, has bool) bool {
	return e.data == 0 || e.data == 1 && has || e.data == -1 && !has
}
