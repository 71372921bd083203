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
		events, next := b.engine.TraceBrief(since)
		return briefReply{events, next}, nil
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

// briefReply: {events, next}, next the trace index to ask from next time.
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

func writeSeries(w *jsonWriter, s session.Series) {
	ob := w.object()
	ob.key("name").str(s.Name)
	ob.key("peak").int(int64(s.Peak))
	ob.key("max").list(false, len(s.Max), func(i int) { w.int(int64(s.Max[i])) })
	ob.end()
}

func (v crowdViewReply) writeJSON(w *jsonWriter) {
	ob := w.object()
	ob.key("end").int(int64(v.End))
	ob.key("step").int(int64(v.Step))
	ob.key("hosts").list(false, len(v.Hosts), func(i int) {
		h := w.object()
		h.key("host").str(v.Hosts[i].Host)
		h.key("states").list(false, len(v.Hosts[i].States), func(k int) { writeSeries(w, v.Hosts[i].States[k]) })
		h.end()
	})
	ob.key("listeners").list(false, len(v.Listeners), func(i int) {
		l := v.Listeners[i]
		o := w.object()
		o.key("host").str(l.Host)
		o.key("fd").int(int64(l.FD))
		o.key("synMax").int(int64(l.SynMax))
		o.key("acceptMax").int(int64(l.AcceptMax))
		writeSeries(o.key("syn"), l.Syn)
		writeSeries(o.key("accept"), l.Accept)
		o.key("dropped").int(int64(l.Dropped))
		o.key("drops").list(false, len(l.Drops), func(k int) {
			d := w.object()
			d.key("bucket").int(int64(l.Drops[k].Bucket))
			d.key("n").int(int64(l.Drops[k].N))
			d.key("text").str(l.Drops[k].Text)
			d.end()
		})
		o.end()
	})
	ob.key("crowds").list(false, len(v.Crowds), func(i int) {
		c := v.Crowds[i]
		o := w.object()
		o.key("host").str(c.Host)
		o.key("network").str(c.Network)
		for _, f := range []struct {
			k string
			v int64
		}{{"clients", int64(c.Clients)}, {"started", int64(c.Started)}, {"connected", int64(c.Connected)},
			{"refused", int64(c.Refused)}, {"timedOut", int64(c.TimedOut)}, {"failed", int64(c.Failed)},
			{"finished", int64(c.Finished)}, {"sent", c.Sent}, {"received", c.Received},
			{"slowest", int64(c.Slowest)}, {"firstFailed", int64(c.FirstFailed)}} {
			o.key(f.k).int(f.v)
		}
		o.key("summary").str(c.Summary)
		o.end()
	})
	ob.end()
}

type clientReply session.ClientRun

func (r clientReply) writeJSON(w *jsonWriter) {
	ob := w.object()
	ob.key("host").str(r.Host)
	ob.key("client").int(int64(r.Client))
	ob.key("addr").str(r.Addr)
	ob.key("start").int(int64(r.Start))
	ob.key("connected").int(int64(r.Connected))
	ob.key("end").int(int64(r.End))
	ob.key("outcome").str(r.Outcome)
	ob.key("events").list(false, len(r.Events), func(i int) { writeEvent(w, r.Events[i]) })
	ob.end()
}
