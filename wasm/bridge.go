package main

import (
	"fmt"
	"runtime/debug"
	"slices"
	"strings"

	"github.com/sockplay/sockplay/core/examples"
	"github.com/sockplay/sockplay/core/script"
	"github.com/sockplay/sockplay/core/session"
	"github.com/sockplay/sockplay/core/trace"
)

// Engine is what the bridge drives: the methods of *session.Session. The
// interface exists so tests can hand the bridge an engine that panics.
type Engine interface {
	Exec(line string) session.Output
	ExecOn(host, stmt string) session.Output
	Complete(line string, cursor int) (int, []string)
	HelpIn(topic string, tr script.Translate) string
	Undo() session.Output
	Goto(n int) session.Output
	Reset()
	History() []string
	Script() string
	Load(script string) []session.Output
	State() session.State
	Trace(since int) []trace.Event
	Tcpdump(host string, absolute bool) string
	Pcap(host string) []byte
	Packet(id int) (session.PacketView, bool)
	Examples() []examples.Example
	SetAbsolute(on bool)
	Brief(events []trace.Event) []trace.Event
	CrowdView() session.CrowdView
	CrowdClient(host string, n int) (session.ClientRun, bool)
}

// Bridge holds the one session the page talks to and turns every call into
// a Reply. It never lets a panic escape: the page must keep working.
type Bridge struct {
	open     func(seed uint64) Engine
	seed     uint64
	engine   Engine
	absolute bool           // the view setting, restored when a session is rebuilt
	areas    map[string]any // what an area's methods keep between calls (the open notebook), by area
	busy     bool           // a line runs in slices (CallWithProgress): no other call meanwhile
}

// area is what the named area keeps between calls, nil at first.
func (b *Bridge) area(name string) any { return b.areas[name] }

func (b *Bridge) setArea(name string, v any) {
	if b.areas == nil {
		b.areas = map[string]any{}
	}
	b.areas[name] = v
}

// NewBridge opens a first session with seed.
func NewBridge(open func(seed uint64) Engine, seed uint64) *Bridge {
	return &Bridge{open: open, seed: seed, engine: open(seed)}
}

// Reply is what a call hands back to JavaScript: JSON text, or raw bytes
// for the pcap (which JavaScript receives as a Uint8Array).
type Reply struct {
	JSON  string
	Bytes []byte
	Raw   bool // Bytes is the answer, JSON is unused
}

// CallError is the error object JavaScript receives.
type CallError struct {
	Message   string `json:"message"`
	Method    string `json:"method"`
	Panic     bool   `json:"panic,omitempty"`     // the engine panicked; the session was rebuilt
	Recovered string `json:"recovered,omitempty"` // how the session was rebuilt after a panic
	Stack     string `json:"stack,omitempty"`
}

// Call runs the named method with args. A failure of any kind, a panic
// included, comes back as {"error": CallError}; success as {"value": ...}.
func (b *Bridge) Call(name string, args Args) (reply Reply) {
	if b.busy {
		return errorReply(CallError{Message: "the engine is still running a line (a crowd): wait for its answer", Method: name})
	}
	m, ok := methodNamed(name)
	if !ok {
		return errorReply(CallError{Message: "no such method: " + name, Method: name})
	}
	if !slices.Contains(analysisReads, name) {
		b.setArea("analysis", nil)
	}
	defer func() {
		if p := recover(); p != nil {
			b.setArea("analysis", nil)
			reply = errorReply(CallError{
				Message:   fmt.Sprint("internal error: ", p),
				Method:    name,
				Panic:     true,
				Recovered: b.rebuild(),
				Stack:     string(debug.Stack()),
			})
		}
	}()
	if args.Len() < m.arity {
		return errorReply(CallError{Message: fmt.Sprintf("%s needs %d arguments, got %d", name, m.arity, args.Len()), Method: name})
	}
	v, err := m.run(b, args)
	if err != nil {
		return errorReply(CallError{Message: err.Error(), Method: name})
	}
	if raw, ok := v.([]byte); ok {
		return Reply{Bytes: raw, Raw: true}
	}
	return valueReply(v)
}

// CallWithProgress is Call for a line that may run long (a crowd): the
// session calls progress between slices of its work, and progress may let
// the page's event loop run; until the line is done, every other call is
// answered with an error, since the session is half way through a line.
func (b *Bridge) CallWithProgress(name string, args Args, progress func(done, total int)) Reply {
	if p, ok := b.engine.(interface{ SetProgress(func(done, total int)) }); ok && !b.busy {
		p.SetProgress(func(done, total int) {
			b.busy = true
			defer func() { b.busy = false }()
			progress(done, total)
		})
		defer p.SetProgress(nil)
	}
	return b.Call(name, args)
}

// rebuild replaces a session that panicked, which may be half-updated, by
// a fresh one that replays the accepted lines. If replaying fails too, the
// page gets an empty session rather than a broken one.
func (b *Bridge) rebuild() (how string) {
	lines := b.history()
	defer func() {
		if recover() != nil {
			b.engine = b.open(b.seed)
			b.restoreView()
			how = "started a new session: replaying the history failed"
		}
	}()
	fresh := b.open(b.seed)
	fresh.SetAbsolute(b.absolute)
	if len(lines) > 0 {
		outs := fresh.Load(strings.Join(lines, "\n"))
		if n := len(outs); n > 0 && outs[n-1].Err != nil {
			panic("replay stopped at a failing line")
		}
	}
	b.engine = fresh
	return fmt.Sprintf("replayed %d lines into a new session", len(lines))
}

// restoreView gives a new engine the view settings of the one it
// replaces, if it can.
func (b *Bridge) restoreView() {
	defer func() { _ = recover() }()
	b.engine.SetAbsolute(b.absolute)
}

func (b *Bridge) history() (lines []string) {
	defer func() {
		if recover() != nil {
			lines = nil
		}
	}()
	return b.engine.History()
}

func valueReply(v any) Reply {
	w := &jsonWriter{}
	ob := w.object()
	if !writeValue(ob.key("value"), v) {
		return errorReply(CallError{Message: fmt.Sprintf("the bridge cannot encode a %T", v)})
	}
	ob.end()
	return Reply{JSON: string(w.b)}
}

func errorReply(e CallError) Reply {
	w := &jsonWriter{}
	ob := w.object()
	writeCallError(ob.key("error"), e)
	ob.end()
	return Reply{JSON: string(w.b)}
}
