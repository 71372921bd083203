package main

import (
	"github.com/sockplay/sockplay/core/session"
	"github.com/sockplay/sockplay/core/trace"
)

// The crowd area: a crowd's thousands of connections reach the page summed
// up by the engine (crowdView), one client's conversation on demand
// (crowdClient), and the trace without the clients' events (traceBrief),
// so that a crowd of 1,000 is a few hundred kilobytes of JSON, not 20 MB.
var crowdMethods = []method{
	{"traceBrief", 0, func(b *Bridge, a Args) (any, error) {
		since := 0
		if a.Len() > 0 {
			n, err := intArg(a, 0)
			if err != nil {
				return nil, err
			}
			since = max(n, 0)
		}
		events := b.engine.Trace(since)
		next := since + len(events)
		if len(events) == 0 && since > 0 && len(b.engine.Trace(since-1)) == 0 {
			next = 0 // the trace is shorter than since: a new seed; read it again from 0
		}
		return briefReply{b.engine.Brief(events), next}, nil
	}},
	{"crowdView", 0, func(b *Bridge, _ Args) (any, error) { return crowdViewReply(b.engine.CrowdView()), nil }},
	{"crowdClient", 2, func(b *Bridge, a Args) (any, error) {
		host, err := a.String(0)
		if err != nil {
			return nil, err
		}
		n, err := intArg(a, 1)
		if err != nil {
			return nil, err
		}
		r, ok := b.engine.CrowdClient(host, n)
		if !ok {
			return nil, nil
		}
		return clientReply(r), nil
	}},
}

// briefReply: {events, next}, next the trace index to ask from next time
// (0 when the trace is shorter than asked for).
type briefReply struct {
	events []trace.Event
	next   int
}

func (r briefReply) writeJSON(w *jsonWriter) {
	ob := w.object()
	ob.key("events").list(false, len(r.events), func(i int) { writeEvent(w, r.events[i]) })
	ob.key("next").int(int64(r.next))
	ob.end()
}

type crowdViewReply session.CrowdView

func (v crowdViewReply) writeJSON(w *jsonWriter) {
	ob := w.object()
	ob.key("end").int(int64(v.End))
	ob.key("step").int(int64(v.Step))
	ob.key("series").list(false, len(v.Series), func(i int) {
		s := &v.Series[i]
		o := w.object()
		o.key("host").str(s.Host)
		o.key("fd").int(int64(s.FD))
		o.key("name").str(s.Name)
		o.key("limit").int(int64(s.Limit))
		o.key("peak").int(int64(s.Peak))
		o.key("max").list(false, len(s.Max), func(k int) { w.int(int64(s.Max[k])) })
		o.end()
	})
	ob.key("drops").list(false, len(v.Drops), func(i int) {
		d := &v.Drops[i]
		o := w.object()
		o.key("host").str(d.Host)
		o.key("fd").int(int64(d.FD))
		o.key("bucket").int(int64(d.Bucket))
		o.key("n").int(int64(d.N))
		o.key("text").str(d.Text)
		o.end()
	})
	ob.key("crowds").list(false, len(v.Crowds), func(i int) {
		c := &v.Crowds[i]
		o := w.object()
		o.key("host").str(c.Host)
		o.key("network").str(c.Network)
		o.key("clients").int(int64(c.Clients))
		o.key("slowest").int(int64(c.Slowest))
		o.key("firstFailed").int(int64(c.FirstFailed))
		o.key("summary").str(c.Summary)
		o.end()
	})
	ob.end()
}

type clientReply session.ClientRun

func (r clientReply) writeJSON(w *jsonWriter) {
	ob := w.object()
	ob.key("text").str(r.Text)
	ob.key("events").list(false, len(r.Events), func(i int) { writeEvent(w, r.Events[i]) })
	ob.end()
}
