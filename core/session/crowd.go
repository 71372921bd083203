package session

import (
	"strconv"
	"strings"
	"time"

	"github.com/sockplay/sockplay/core/errno"
	"github.com/sockplay/sockplay/core/inet"
	"github.com/sockplay/sockplay/core/internal/text"
	"github.com/sockplay/sockplay/core/limits"
	"github.com/sockplay/sockplay/core/netsim"
	"github.com/sockplay/sockplay/core/script"
	"github.com/sockplay/sockplay/core/stack"
)

// crowdOver is how long a crowd's starts are spread over by default.
const crowdOver = time.Second

// crowdEventsPerClient is what a crowd's line may process per client
// beyond limits.Events: a connect, a request, an answer and a close take
// about ten packets and timers.
const crowdEventsPerClient = 50

// crowdRandStream numbers the random stream of crowds' start times, apart
// from the world's (ISNs, ports) and the links' so a crowd does not shift
// them.
const crowdRandStream = 0x63726f7764 // "crowd"

// crowd is the app behind net> crowd: N clients on one host, each
// running the same calls as a program whose calls block.
type crowd struct {
	e       *engine
	h       *stack.Host
	network string // "10.1.0.0/16", for the summary
	over    time.Duration
	script  []*script.CallStmt
	clients []crowdClient // by start time
	started int           // clients started so far
	active  []int32       // started and not finished, by start
	tally   crowdTally
	// repeat makes it a loop (net> loop): one thread on an existing host
	// that runs the calls again from the first after the last, starting
	// with the host's variables (vars).
	repeat bool
	vars   map[string]int
	passes int // a loop's passes done
	// seen is the world's stamp when Run last ended: a parked call whose
	// connection has not changed since cannot finish yet, so Run does not
	// retry it (retrying every waiting client after every packet made a
	// crowd's cost grow with the square of its size).
	seen uint64
}

// crowdClient is one client: its address, its variables, its sockets and
// where it is in the script while it runs; when it connected, ended and
// how, kept for the views once it has finished (vars, fds and parked go).
type crowdClient struct {
	addr      inet.Addr
	start     time.Duration
	pc        int
	vars      map[string]int
	fds       []int
	parked    *stack.Parked
	waited    bool          // a call of this pass blocked (a loop's pass must)
	connected time.Duration // when its connect returned 0; -1 never
	end       time.Duration // when it finished or stopped; -1 running
	outcome   crowdOutcome
	err       errno.Errno // the call that stopped it failed with
}

// crowdOutcome is how a client ended.
type crowdOutcome uint8

const (
	crowdRunning  crowdOutcome = iota // not started or not finished
	crowdDone                         // ran every call
	crowdRefused                      // connect failed with ECONNREFUSED
	crowdTimedOut                     // a call failed with ETIMEDOUT
	crowdFailed                       // a call failed with another errno
	crowdSpins                        // a loop's pass waited for nothing
)

// crowdTally is what the summary counts.
type crowdTally struct {
	started, finished           int
	connected, refused, timeout int
	failed                      []errnoCount // other failing calls, by errno in order of first failure
	sent, received              int64
	last                        time.Duration // when the last client finished
}

type errnoCount struct {
	err errno.Errno
	n   int
}

// prepareCrowd checks a crowd line so that a bad one changes nothing.
func (e *engine) prepareCrowd(cmd *script.Command) (action, *Error) {
	n := int(cmd.Args[0].(*script.Int).Value)
	network := cmd.Args[1].(*script.Prefix)
	over := crowdOver
	if len(cmd.Args) > 2 {
		over = cmd.Args[2].(*script.Duration).Value
	}
	if err := e.w.CrowdNetworkError(network.Addr, network.Bits); err != nil {
		return nil, &Error{Message: err.Error(), Col: network.Pos.Col, Hint: "e.g. 10.1.0.0/16, a network no host is in"}
	}
	if room := 1<<(32-network.Bits) - 2; n > room {
		return nil, &Error{Message: network.Addr.String() + "/" + itoa(network.Bits) + " has room for " + itoa(room) + " clients, not " + itoa(n),
			Col: network.Pos.Col, Hint: "take a shorter prefix, e.g. /16 for up to 65534 clients"}
	}
	if len(e.w.Hosts()) >= limits.Hosts {
		return nil, &Error{Message: "a network has at most " + itoa(limits.Hosts) + " hosts", Col: cmd.Pos.Col}
	}
	if over > limits.End-e.w.Now() {
		return nil, &Error{Message: "the crowd would start past the end of virtual time", Col: cmd.Args[2].Start().Col}
	}
	if err := e.checkScript(cmd.Script, e.w.Host("client"), map[string]int{}); err != nil {
		return nil, err
	}
	name := e.crowdName()
	return func(e *engine, b *builder) {
		h, err := e.w.AddCrowdHost(name, network.Addr, network.Bits)
		if err != nil {
			b.print(err.Error())
			return
		}
		c := newCrowd(e, h, n, network, over, cmd.Script)
		e.crowdRuns = append(e.crowdRuns, c)
		id := h.Attach(c)
		bound := limits.Events + crowdEventsPerClient*n
		r := e.runCrowd(c, bound)
		if c.Finished() {
			h.Detach(id)
			// The last packets of the conversations (ACKs, FINs) land.
			r.Events += e.w.Run(runBound).Events
		}
		b.summarised = true
		b.print(c.summary())
		if !r.Quiet && r.Events >= bound {
			b.print("stopped after " + itoa(r.Events) + " packets and timers; net> wait 10s lets the crowd go on")
		}
	}, nil
}

// crowdSlice is how many packets and timers a crowd runs between two
// reports of its progress: some 20 to 40 ms of work in a browser.
const crowdSlice = 400

// runCrowd runs the world until crowd c has finished, as RunUntilFinished
// does, and tells e.progress how far it is after every crowdSlice events.
// The events are the same ones in the same order, sliced or not.
func (e *engine) runCrowd(c *crowd, bound int) stack.RunResult {
	if e.progress == nil {
		return e.w.RunUntilFinished(c, bound)
	}
	var r stack.RunResult
	for {
		s := e.w.RunUntilFinished(c, min(crowdSlice, bound-r.Events))
		r.Events, r.Quiet = r.Events+s.Events, s.Quiet
		if s.Events < crowdSlice || r.Events >= bound {
			return r
		}
		e.progress(c.tally.finished, len(c.clients))
	}
}

// checkScript resolves each call once on host h with vars and the
// variables the calls before it assign, so that a misspelt name or a
// wrong argument is refused before any call runs.
func (e *engine) checkScript(calls []*script.CallStmt, h *stack.Host, vars map[string]int) *Error {
	for _, st := range calls {
		r := resolver{e: e, h: h, call: st.Call, vars: vars}
		r.socketCall()
		if r.err != nil {
			return r.err
		}
		if st.Target != nil {
			vars[st.Target.Name] = 0
		}
	}
	return nil
}

// crowdName is the next free name: crowd, crowd2, crowd3, ...
func (e *engine) crowdName() string {
	name := "crowd"
	for i := 2; e.w.Host(name) != nil; i++ {
		name = "crowd" + itoa(i)
	}
	return name
}

func newCrowd(e *engine, h *stack.Host, n int, network *script.Prefix, over time.Duration, calls []*script.CallStmt) *crowd {
	c := &crowd{e: e, h: h, network: network.Addr.String() + "/" + itoa(network.Bits), over: over, script: calls,
		clients: make([]crowdClient, n)}
	// Staggered starts: n+1 random gaps scaled so that they add up to
	// over, so client i starts after client i-1 and the last within over.
	rng := netsim.NewRand(e.seed, crowdRandStream+uint64(len(e.w.Hosts())))
	gaps := make([]float64, n+1)
	total := 0.0
	for i := range gaps {
		gaps[i] = float64(rng.Uint32()) + 1
		total += gaps[i]
	}
	now, sum := e.w.Now(), 0.0
	for i := range c.clients {
		sum += gaps[i]
		c.clients[i] = crowdClient{addr: stack.NthAddr(network.Addr, i+1), start: now + time.Duration(float64(over)*(sum/total)),
			connected: -1, end: -1}
	}
	return c
}

// Finished: every client has run its script to the end or stopped.
func (c *crowd) Finished() bool { return c.tally.finished == len(c.clients) }

// Deadline is the next client's start or the earliest timeout of a
// blocked call.
func (c *crowd) Deadline() (time.Duration, bool) {
	var at time.Duration
	found := false
	if c.started < len(c.clients) {
		at, found = c.clients[c.started].start, true
	}
	for _, i := range c.active {
		if p := c.clients[i].parked; p != nil {
			if d, ok := p.Deadline(); ok && (!found || d < at) {
				at, found = d, true
			}
		}
	}
	return at, found
}

// Run starts the clients whose time has come and lets every running
// client go as far as the network allows.
//
// It waits while more packets arrive at this same instant: a kernel takes
// in every packet that came together (one NAPI poll) before the process
// it woke runs, so a client that reads an HTTP/1.0 answer has its FIN
// too, and its close is a passive one (LAST-ACK), as on Linux, rather
// than a simultaneous close.
func (c *crowd) Run(now time.Duration, h *stack.Host) {
	if at, ok := c.e.w.NextArrival(); ok && at <= now {
		return
	}
	for c.started < len(c.clients) && c.clients[c.started].start <= now {
		i := int32(c.started)
		c.started++
		c.tally.started++
		vars := map[string]int{}
		for k, v := range c.vars {
			vars[k] = v
		}
		c.clients[i].vars = vars
		c.active = append(c.active, i)
	}
	kept := c.active[:0]
	for _, i := range c.active {
		if !c.advance(&c.clients[i], now) {
			kept = append(kept, i)
		}
	}
	c.active = kept
	c.seen = c.e.w.Stamp()
}

// advance runs client cl's calls until one blocks; it reports whether the
// client has finished.
func (c *crowd) advance(cl *crowdClient, now time.Duration) bool {
	for {
		var res stack.Result
		if p := cl.parked; p != nil {
			if d, ok := p.Deadline(); !p.ChangedSince(c.seen) && (!ok || d > now) {
				return false
			}
			r, done := p.Retry()
			if !done {
				d, ok := p.Deadline()
				if !ok || d > now {
					return false
				}
				r = p.Timeout()
			}
			cl.parked, res = nil, r
		} else {
			if cl.pc == len(c.script) && c.repeat && cl.waited {
				cl.pc, cl.waited = 0, false // the loop's next pass
				c.passes++
			}
			if cl.pc == len(c.script) {
				if c.repeat {
					cl.outcome = crowdSpins
				}
				c.exit(cl, now)
				return true
			}
			r := resolver{e: c.e, h: c.h, call: c.script[cl.pc].Call, vars: cl.vars}
			fn := r.socketCall()
			if r.err != nil { // a value the check could not see
				c.count(errno.EINVAL)
				cl.outcome, cl.err = crowdFailed, errno.EINVAL
				c.exit(cl, now)
				return true
			}
			var p *stack.Parked
			if res, p = c.h.RunParking(fn); p != nil {
				cl.parked, cl.waited = p, true
				return false
			}
		}
		if !c.took(cl, c.script[cl.pc], res, now) {
			c.exit(cl, now)
			return true
		}
		cl.pc++
	}
}

// took files a call's result: variables, sockets, counts. It reports
// false when the call failed, which ends the client.
func (c *crowd) took(cl *crowdClient, st *script.CallStmt, res stack.Result, now time.Duration) bool {
	op := st.Call.Name
	if res.Failed() {
		cl.err = res.Err
		switch {
		case op == "connect" && res.Err == errno.ECONNREFUSED:
			c.tally.refused++
			cl.outcome = crowdRefused
		case res.Err == errno.ETIMEDOUT:
			c.tally.timeout++
			cl.outcome = crowdTimedOut
		default:
			c.count(res.Err)
			cl.outcome = crowdFailed
		}
		return false
	}
	if st.Target != nil {
		cl.vars[st.Target.Name] = res.Ret
	}
	switch op {
	case "socket":
		cl.fds = append(cl.fds, res.Ret)
		// The client's own address: a program of a load generator binds
		// its source address before connecting.
		if !c.repeat {
			c.h.Bind(res.Ret, inet.AddrPortFrom(cl.addr, 0))
		}
	case "accept":
		cl.fds = append(cl.fds, res.Ret)
	case "connect":
		c.tally.connected++
		cl.connected = now
	case "send", "write", "sendto":
		c.tally.sent += int64(res.Ret)
	case "recv", "read", "recvfrom":
		c.tally.received += int64(len(res.Data))
	case "close":
		r := resolver{e: c.e, h: c.h, call: st.Call, vars: cl.vars}
		fd := r.int(st.Call.Args[0])
		for k, x := range cl.fds {
			if x == fd {
				cl.fds = append(cl.fds[:k], cl.fds[k+1:]...)
				break
			}
		}
	}
	return true
}

// count files a failed call by its errno.
func (c *crowd) count(e errno.Errno) {
	for i := range c.tally.failed {
		if c.tally.failed[i].err == e {
			c.tally.failed[i].n++
			return
		}
	}
	c.tally.failed = append(c.tally.failed, errnoCount{e, 1})
}

// exit ends a client as a process exits: its open sockets are closed.
func (c *crowd) exit(cl *crowdClient, now time.Duration) {
	for _, fd := range cl.fds {
		c.h.Close(fd)
	}
	cl.fds, cl.vars, cl.parked = nil, nil, nil
	cl.end = now
	if cl.outcome == crowdRunning {
		cl.outcome = crowdDone
	}
	c.tally.finished++
	c.tally.last = now
}

// summary is the crowd's line in the transcript.
func (c *crowd) summary() string {
	t := &c.tally
	s := c.h.Name() + ": " + itoa(len(c.clients)) + " clients from " + c.network + " over " + formatTime(c.over) +
		": " + itoa(t.started) + " started, " + itoa(t.connected) + " connected, " + itoa(t.refused) + " refused, " +
		itoa(t.timeout) + " timed out"
	if len(t.failed) > 0 {
		var parts []string
		total := 0
		for _, f := range t.failed {
			parts = append(parts, f.err.Name()+" "+itoa(f.n))
			total += f.n
		}
		s += ", " + itoa(total) + " failed (" + strings.Join(parts, ", ") + ")"
	}
	s += "; " + strconv.FormatInt(t.sent, 10) + " bytes sent, " + strconv.FormatInt(t.received, 10) + " received"
	if c.Finished() {
		return s + "; the last finished at " + formatTime(t.last)
	}
	return s + "; " + itoa(len(c.clients)-t.finished) + " still running" + c.waitingOn()
}

// waitingOn says what the running clients wait for, by call.
func (c *crowd) waitingOn() string {
	counts := map[string]int{}
	var ops []string
	for _, i := range c.active {
		cl := &c.clients[i]
		op := "in " + c.script[cl.pc].Call.Name
		if counts[op] == 0 {
			ops = append(ops, op)
		}
		counts[op]++
	}
	if n := len(c.clients) - c.started; n > 0 {
		ops = append(ops, "not started")
		counts["not started"] += n
	}
	text.SortStrings(ops)
	parts := make([]string, len(ops))
	for i, op := range ops {
		parts[i] = itoa(counts[op]) + " " + op
	}
	return " (" + strings.Join(parts, ", ") + ")"
}
