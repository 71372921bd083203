package main

import (
	"github.com/sockplay/sockplay/core/script"
	"github.com/sockplay/sockplay/core/session"
)

// method is one function of the JavaScript API: its name, how many
// arguments it needs at least and how it runs them against the session.
type method struct {
	name  string
	arity int
	run   func(b *Bridge, a Args) (any, error)
}

// completion is complete's answer, with positions in UTF-16 code units.
type completion struct {
	From       int      `json:"from"`
	Candidates []string `json:"candidates"`
}

// methods is the JavaScript API. A table, not a map: a map literal
// compiles to start-up code several times the size of the data in the
// WebAssembly build.
var methods = []method{
	{"newSession", 1, func(b *Bridge, a Args) (any, error) {
		seed, err := seedArg(a, 0)
		if err != nil {
			return nil, err
		}
		b.seed, b.engine, b.absolute = seed, b.open(seed), false
		return b.engine.State(), nil
	}},
	{"exec", 1, func(b *Bridge, a Args) (any, error) {
		line, err := a.String(0)
		if err != nil {
			return nil, err
		}
		return b.brief(b.engine.Exec(line)), nil
	}},
	{"execOn", 2, func(b *Bridge, a Args) (any, error) {
		host, err := a.String(0)
		if err != nil {
			return nil, err
		}
		stmt, err := a.String(1)
		if err != nil {
			return nil, err
		}
		return b.brief(b.engine.ExecOn(host, stmt)), nil
	}},
	{"complete", 2, func(b *Bridge, a Args) (any, error) {
		line, err := a.String(0)
		if err != nil {
			return nil, err
		}
		cursor, err := intArg(a, 1)
		if err != nil {
			return nil, err
		}
		from, candidates := b.engine.Complete(line, byteOffset(line, cursor))
		if candidates == nil {
			candidates = []string{}
		}
		return completion{From: unitOffset(line, from), Candidates: candidates}, nil
	}},
	{"help", 0, func(b *Bridge, a Args) (any, error) {
		topic := ""
		if a.Len() > 0 {
			t, err := a.String(0)
			if err != nil {
				return nil, err
			}
			topic = t
		}
		var tr script.Translate
		if a.Len() > 1 {
			table, err := a.String(1)
			if err != nil {
				return nil, err
			}
			tr = helpTable(table)
		}
		return b.engine.HelpIn(topic, tr), nil
	}},
	{"undo", 0, func(b *Bridge, a Args) (any, error) { return b.engine.Undo(), nil }},
	{"goto", 1, func(b *Bridge, a Args) (any, error) {
		n, err := intArg(a, 0)
		if err != nil {
			return nil, err
		}
		return b.engine.Goto(n), nil
	}},
	{"reset", 0, func(b *Bridge, a Args) (any, error) {
		b.engine.Reset()
		return b.engine.State(), nil
	}},
	{"history", 0, func(b *Bridge, a Args) (any, error) { return nonNil(b.engine.History()), nil }},
	{"script", 0, func(b *Bridge, a Args) (any, error) { return b.engine.Script(), nil }},
	{"load", 1, func(b *Bridge, a Args) (any, error) {
		script, err := a.String(0)
		if err != nil {
			return nil, err
		}
		events := true
		if a.Len() > 1 {
			if events, err = a.Bool(1); err != nil {
				return nil, err
			}
		}
		outs := b.engine.Load(script)
		for i := range outs {
			if events {
				outs[i] = b.brief(outs[i])
			} else {
				outs[i].Events = nil // a caller reading the trace after (traceBrief) needs them once, not twice
			}
		}
		return nonNil(outs), nil
	}},
	{"state", 0, func(b *Bridge, a Args) (any, error) { return b.engine.State(), nil }},
	{"trace", 0, func(b *Bridge, a Args) (any, error) {
		since := 0
		if a.Len() > 0 {
			n, err := intArg(a, 0)
			if err != nil {
				return nil, err
			}
			since = max(n, 0)
		}
		return nonNil(b.engine.Trace(since)), nil
	}},
	{"tcpdump", 0, func(b *Bridge, a Args) (any, error) {
		host, absolute, err := hostAndFlag(a)
		if err != nil {
			return nil, err
		}
		return b.engine.Tcpdump(host, absolute), nil
	}},
	{"pcap", 0, func(b *Bridge, a Args) (any, error) {
		host := ""
		if a.Len() > 0 {
			h, err := a.String(0)
			if err != nil {
				return nil, err
			}
			host = h
		}
		return nonNil(b.engine.Pcap(host)), nil
	}},
	{"packet", 1, func(b *Bridge, a Args) (any, error) {
		id, err := intArg(a, 0)
		if err != nil {
			return nil, err
		}
		view, ok := b.engine.Packet(id)
		if !ok {
			return nil, nil
		}
		return view, nil
	}},
	{"setAbsolute", 1, func(b *Bridge, a Args) (any, error) {
		on, err := a.Bool(0)
		if err != nil {
			return nil, err
		}
		b.engine.SetAbsolute(on)
		b.absolute = on
		return on, nil
	}},
	{"examples", 0, func(b *Bridge, a Args) (any, error) { return nonNil(b.engine.Examples()), nil }},
}

// The whole API, `tables`, is the session's methods above and each other
// area's table from its own file. Which areas a build holds is its
// variant (tables_*.go): every page loads the smallest engine that has
// what it uses, each within the 1 MiB budget.

func methodNamed(name string) (method, bool) {
	for _, t := range tables {
		for _, m := range t {
			if m.name == name {
				return m, true
			}
		}
	}
	return method{}, false
}

// brief leaves a crowd's clients' events out of an output: the page
// shows them summed up (crowdView) and one client on demand (crowdClient).
func (b *Bridge) brief(o session.Output) session.Output {
	o.Events = b.engine.Brief(o.Events)
	return o
}

// hostAndFlag reads tcpdump's optional (host, absolute) arguments.
func hostAndFlag(a Args) (host string, absolute bool, err error) {
	if a.Len() > 0 {
		if host, err = a.String(0); err != nil {
			return "", false, err
		}
	}
	if a.Len() > 1 {
		if absolute, err = a.Bool(1); err != nil {
			return "", false, err
		}
	}
	return host, absolute, nil
}

// nonNil keeps empty lists as [] rather than null in JSON, and in bytes.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
