//go:build !js || pkt

package main

import "github.com/sockplay/sockplay/core/pkt"

// pktMethods run packetdrill scripts (core/pkt) for the packetdrill page.
var pktMethods = []method{
	// pktRun(file, source, seed?): the script's verdict and the trace of the
	// engine it ran against, whose events carry their script line.
	{"pktRun", 2, func(b *Bridge, a Args) (any, error) {
		file, err := a.String(0)
		if err != nil {
			return nil, err
		}
		src, err := a.String(1)
		if err != nil {
			return nil, err
		}
		seed := uint64(1)
		if a.Len() > 2 {
			if seed, err = seedArg(a, 2); err != nil {
				return nil, err
			}
		}
		return pktReport(pkt.Play(file, src, seed)), nil
	}},
}

type pktReport pkt.Report

func (r pktReport) writeJSON(w *jsonWriter) {
	ob := w.object()
	ob.key("file").str(r.File)
	ob.key("pass").bool(r.Pass)
	if e := r.Err; e == nil {
		ob.key("error").raw("null")
	} else {
		eb := ob.key("error").object()
		eb.key("file").str(e.File)
		eb.key("line").int(int64(e.Line))
		eb.key("message").str(e.Msg)
		if e.Packet != 0 {
			eb.key("packet").int(int64(e.Packet))
		}
		eb.end()
	}
	ob.key("events").list(r.Events == nil, len(r.Events), func(i int) { writeEvent(w, r.Events[i]) })
	ob.key("hosts").strs(r.Hosts)
	ob.end()
}
