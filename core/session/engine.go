package session

import (
	"strings"

	"github.com/sockplay/sockplay/core/httpapp"
	"github.com/sockplay/sockplay/core/internal/text"
	"github.com/sockplay/sockplay/core/script"
	"github.com/sockplay/sockplay/core/stack"
	"github.com/sockplay/sockplay/core/trace"
	"github.com/sockplay/sockplay/core/wire"
)

// runBound caps `net> run` and auto-delivery so a line always finishes.
const runBound = 10000

// engine is everything a replay rebuilds: the world and what the lines
// have done to it.
type engine struct {
	seed    uint64 // the seed the world was built with
	w       *stack.World
	vars    map[string]map[string]int // host → variable → value
	calls   int                       // calls made so far; numbers trace events
	blocked map[int]blockedCall       // by call number
	auto    bool
	printer wire.Printer // the wire's tcpdump, for relative sequence numbers
	labeled int          // events whose Send text is already filled in
	packets packetIndex
	callLog []CallRecord     // calls that returned, in order
	labeler *httpapp.Labeler // the world's labeler, kept to be copied with it
	// crowdRuns are the crowds started, in order: their clients' records
	// for the views (CrowdView, CrowdClient).
	crowdRuns []*crowd
	// progress hears how far a long line is, while it runs
	// (Session.SetProgress).
	progress func(done, total int)
}

// blockedCall remembers what to do when a blocked call finishes.
type blockedCall struct {
	line   int
	host   string
	target string // variable to assign, "" if none
	text   string // the call as typed: "a = accept(s)"
	op     string
}

func newEngine(seed uint64) *engine {
	e := &engine{
		seed:    seed,
		w:       stack.New(seed),
		vars:    map[string]map[string]int{},
		blocked: map[int]blockedCall{},
	}
	installLibraries(e)
	return e
}

// action is a prepared line: all arguments resolved, ready to run.
type action func(e *engine, b *builder)

// builder collects what a line prints, remembering how many trace events
// had happened at each printed line so the transcript can interleave them.
type builder struct {
	e           *engine
	lines       []string
	marks       []int
	lateResults []LateResult
	summarised  bool   // the printed lines sum up the events (Output.Summarised)
	errno       string // the line's call failed with this errno
}

// returned notes the line's call as the call log recorded it, so Output
// and Calls() tell the same errno.
func (b *builder) returned(r CallRecord) { b.errno = r.Errno }

func (b *builder) print(lines ...string) {
	for _, l := range lines {
		b.lines = append(b.lines, l)
		b.marks = append(b.marks, b.e.w.Log().Len())
	}
}

// prepare resolves a parsed line against the current state, failing
// without side effects.
func (e *engine) prepare(l *script.Line) (action, *Error) {
	switch l.Kind {
	case script.CommentLine:
		return func(*engine, *builder) {}, nil
	case script.NetLine:
		return e.prepareNet(l.Stmt.(*script.Command))
	case script.HostLine:
		h := e.w.Host(l.Host)
		if h == nil {
			return nil, refused(l.HostPos.Col, suggestHost(e, l.Host), say("no-host", "no host named {0}", l.Host))
		}
		switch st := l.Stmt.(type) {
		case *script.Command:
			return e.prepareHostCommand(h, st)
		case *script.CallStmt:
			return e.prepareCall(h, st)
		}
	}
	return nil, refused(0, plain(""), say("nothing-to-run", "nothing to run"))
}

// prepareReplayed prepares a recorded line. Only a seed line is special:
// the replay built a fresh engine with that seed already.
func (e *engine) prepareReplayed(l *script.Line) (action, *Error) {
	if seed, ok := seedOf(l); ok {
		return seedAction(seed), nil
	}
	return e.prepare(l)
}

// run executes a prepared line as history line n.
func (e *engine) run(n int, input, host string, act action) Output {
	log := e.w.Log()
	before := log.Len()
	e.w.SetLine(n)
	b := &builder{e: e}
	act(e, b)
	if e.auto && host != "net" && host != "" {
		e.settle(b)
	}
	e.finishLate(b)
	e.labelSends()
	out := Output{Line: n, Input: input, Host: host, Lines: b.lines, Errno: b.errno, marks: b.marks}
	out.Late = b.lateResults
	out.Summarised = b.summarised
	out.Events = log.Since(before)
	out.first = before
	return out
}

// settle delivers until the network is quiet, as `auto on` asks.
func (e *engine) settle(b *builder) {
	if r := e.w.Run(runBound); !r.Quiet {
		b.print("network still busy after " + itoa(runBound) + " events; type net> run to go on")
	}
}

// labelSends fills in the tcpdump line of every packet sent since last
// time, with one printer so relative sequence numbers match the capture,
// and indexes the new events by packet.
func (e *engine) labelSends() {
	log := e.w.Log()
	for i := e.labeled; i < log.Len(); i++ {
		ev := log.At(i)
		if ev.Kind == trace.Send || ev.Kind == trace.Dup {
			line := e.printer.Line(ev.Time, ev.Bytes)
			if ev.Kind == trace.Send {
				log.SetText(i, line)
			} else {
				e.packets.dupText(ev.Packet, line)
			}
		}
		e.packets.add(i, &ev)
	}
	e.labeled = log.Len()
}

func (e *engine) setVar(host, name string, v int) {
	if e.vars[host] == nil {
		e.vars[host] = map[string]int{}
	}
	e.vars[host][name] = v
}

// completionNames are the hosts, and the variables of the host the line
// is typed on.
func (e *engine) completionNames(line string) (hosts, names []string) {
	host := "client"
	if i := strings.IndexByte(line, '>'); i > 0 {
		host = strings.TrimSpace(line[:i])
	}
	for n := range e.vars[host] {
		names = append(names, n)
	}
	text.SortStrings(names)
	for _, h := range e.w.Hosts() {
		hosts = append(hosts, h.Name())
	}
	return hosts, names
}

func suggestHost(e *engine, name string) script.Text {
	var names []string
	for _, h := range e.w.Hosts() {
		names = append(names, h.Name())
	}
	if s := script.Suggest(name, names); s != "" {
		return say("did-you-mean", "did you mean `{0}`?", s)
	}
	return say("hosts-are", "hosts: {0} (net> host NAME IP adds one)", strings.Join(names, ", "))
}
