package main

import (
	"errors"

	"github.com/sockplay/sockplay/core/analysis"
)

// The analysis area: Wireshark's TCP analysis of the session's trace from
// the engine's ground truth (core/analysis). Every call analyses the
// trace as it is now; replies are columns of numbers rather than objects
// per packet, so 100,000 packets stay a few megabytes of JSON.
var analysisMethods = []method{
	{"expert", 0, func(b *Bridge, _ Args) (any, error) {
		return expertReply{b.analysis()}, nil
	}},
	{"captureTags", 1, func(b *Bridge, a Args) (any, error) {
		host, err := a.String(0)
		if err != nil {
			return nil, err
		}
		return captureReply(b.analysis().AtHost(b.engine.Trace(0), host)), nil
	}},
	{"conversations", 0, func(b *Bridge, _ Args) (any, error) {
		return conversationsReply{b.analysis()}, nil
	}},
	{"displayFilter", 1, func(b *Bridge, a Args) (any, error) {
		text, err := a.String(0)
		if err != nil {
			return nil, err
		}
		f, err := analysis.ParseFilter(text)
		if err != nil {
			return filterReply{err: err.(*analysis.FilterError)}, nil
		}
		return filterReply{a: b.analysis(), f: f}, nil
	}},
	{"stream", 2, func(b *Bridge, a Args) (any, error) {
		conv, err := intArg(a, 0)
		if err != nil {
			return nil, err
		}
		reverse, err := a.Bool(1)
		if err != nil {
			return nil, err
		}
		an := b.analysis()
		s, ok := an.Stream(conv, reverse)
		if !ok {
			return nil, errNoConnection
		}
		return streamReply{an, s}, nil
	}},
	{"follow", 1, func(b *Bridge, a Args) (any, error) {
		conv, err := intArg(a, 0)
		if err != nil {
			return nil, err
		}
		an := b.analysis()
		if conv < 0 || conv >= len(an.Conversations) {
			return nil, errNoConnection
		}
		return followReply{an, an.Follow(conv)}, nil
	}},
}

// analysisReads are the calls that change nothing in the session: the
// analysis of the trace survives them. The views ask expert(),
// conversations() and stream() of the same trace one after the other, and
// analysing 100,000 packets takes seconds; any other call (a line, undo,
// a new session) drops it (Bridge.Call).
var analysisReads = []string{"expert", "conversations", "displayFilter", "stream", "follow", "captureTags",
	"trace", "traceBrief", "state", "tcpdump", "pcap", "packet", "complete", "help", "history", "script", "examples"}

// analysis is the session's trace analysed, once per change.
func (b *Bridge) analysis() *analysis.Analysis {
	if a, ok := b.area("analysis").(*analysis.Analysis); ok {
		return a
	}
	a := analysis.Analyze(b.engine.Trace(0))
	b.setArea("analysis", a)
	return a
}

var errNoConnection = errors.New("no such conversation: conversations() numbers them from 0")

// expertReply: the tag names by bit, each packet's tags (only tagged
// packets), and the expert list.
type expertReply struct{ a *analysis.Analysis }

func (r expertReply) writeJSON(w *jsonWriter) {
	ob := w.object()
	tags := analysis.AllTags()
	ob.key("tags").list(false, len(tags), func(i int) {
		t := tags[i]
		o := w.object()
		o.key("name").str(t.Name())
		o.key("field").str(t.Field())
		o.key("severity").str(t.Severity().String())
		o.end()
	})
	var tagged []int
	for i := range r.a.Packets {
		if r.a.Packets[i].Tags != 0 {
			tagged = append(tagged, i)
		}
	}
	ob.key("packets").list(false, len(tagged), func(i int) {
		p := &r.a.Packets[tagged[i]]
		o := w.object()
		o.key("packet").int(int64(p.ID))
		o.key("frame").int(int64(p.Frame))
		o.key("tags").int(int64(p.Tags))
		o.key("labels").strs(p.Labels())
		o.end()
	})
	f := r.a.Findings()
	ob.key("findings").list(false, len(f), func(i int) {
		o := w.object()
		o.key("packet").int(int64(f[i].Packet))
		o.key("frame").int(int64(f[i].Frame))
		if f[i].IsTag() {
			o.key("tag").str(f[i].Tag.Name())
		} else {
			o.key("tag").str("connection")
		}
		o.key("severity").str(f[i].Severity.String())
		o.key("summary").str(f[i].Summary)
		o.end()
	})
	ob.end()
}

// captureReply: a host's capture line by line, each line's packet and
// the tags that hold at that host.
type captureReply []analysis.Captured

func (r captureReply) writeJSON(w *jsonWriter) {
	ob := w.object()
	ob.key("packets").list(false, len(r), func(i int) { w.int(int64(r[i].Packet.ID)) })
	ob.key("labels").list(false, len(r), func(i int) { w.strs(r[i].Labels()) })
	ob.end()
}

type conversationsReply struct{ a *analysis.Analysis }

func (r conversationsReply) writeJSON(w *jsonWriter) {
	cs := r.a.Conversations
	w.list(false, len(cs), func(i int) {
		c := &cs[i]
		o := w.object()
		o.key("proto").str(c.Proto)
		o.key("stream").int(int64(c.Stream))
		o.key("a").str(c.A.String())
		o.key("b").str(c.B.String())
		o.key("hostA").str(c.HostA)
		o.key("hostB").str(c.HostB)
		o.key("frames").list(false, 2, func(j int) { w.int(int64(c.Frames[j])) })
		o.key("bytes").list(false, 2, func(j int) { w.int(int64(c.Bytes[j])) })
		o.key("payload").list(false, 2, func(j int) { w.int(int64(c.Payload[j])) })
		o.key("start").int(int64(c.Start))
		o.key("duration").int(int64(c.Duration()))
		o.key("retransmissions").int(int64(c.Retransmissions))
		o.key("lost").int(int64(c.Lost))
		o.key("firstData").int(int64(c.FirstData))
		o.key("stateA").str(c.StateA)
		o.key("stateB").str(c.StateB)
		o.end()
	})
}

// filterReply: the packets a display filter selects, or where it is wrong
// ({"error": {"message", "col"}}, a value like a refused line's).
type filterReply struct {
	a   *analysis.Analysis
	f   *analysis.Filter
	err *analysis.FilterError
}

func (r filterReply) writeJSON(w *jsonWriter) {
	ob := w.object()
	if r.err != nil {
		e := ob.key("error").object()
		e.key("message").str(r.err.Message)
		e.key("col").int(int64(r.err.Col))
		e.end()
		ob.end()
		return
	}
	var ids []int
	for i := range r.a.Packets {
		if r.f.Match(r.a, &r.a.Packets[i]) {
			ids = append(ids, r.a.Packets[i].ID)
		}
	}
	ob.key("packets").list(false, len(ids), func(i int) { w.int(int64(ids[i])) })
	ob.end()
}

// streamReply: the graphs' data as columns (times in nanoseconds,
// sequence numbers relative to the ISN).
type streamReply struct {
	a *analysis.Analysis
	s *analysis.Stream
}

// column is one named column of numbers.
type column struct {
	name string
	vals []int64
}

// columns writes an object of columns of numbers.
func columns(w *jsonWriter, cols []column) {
	ob := w.object()
	for _, c := range cols {
		ob.key(c.name).list(false, len(c.vals), func(i int) { w.int(c.vals[i]) })
	}
	ob.end()
}

func (r streamReply) writeJSON(w *jsonWriter) {
	s := r.s
	seg := make([]column, 5)
	for i, n := range []string{"packet", "time", "seq", "end", "tags"} {
		seg[i] = column{n, make([]int64, len(s.Segments))}
	}
	for i, x := range s.Segments {
		seg[0].vals[i], seg[1].vals[i], seg[2].vals[i], seg[3].vals[i], seg[4].vals[i] =
			int64(x.Packet), int64(x.Time), int64(x.Seq), int64(x.End), int64(x.Tags)
	}
	ack := make([]column, 4)
	for i, n := range []string{"packet", "time", "ack", "window"} {
		ack[i] = column{n, make([]int64, len(s.Acks))}
	}
	var sack []int64 // ACK index, left, right: three numbers a block
	for i, x := range s.Acks {
		ack[0].vals[i], ack[1].vals[i], ack[2].vals[i], ack[3].vals[i] = int64(x.Packet), int64(x.Time), int64(x.Ack), int64(x.Window)
		for _, b := range x.SACK {
			sack = append(sack, int64(i), int64(b[0]), int64(b[1]))
		}
	}
	ack = append(ack, column{"sack", sack})
	st := make([]column, 7)
	for i, n := range []string{"packet", "time", "cwnd", "ssthresh", "flight", "rwnd", "phase"} {
		st[i] = column{n, make([]int64, len(s.States))}
	}
	for i, x := range s.States {
		st[0].vals[i], st[1].vals[i], st[2].vals[i], st[3].vals[i], st[4].vals[i], st[5].vals[i], st[6].vals[i] =
			int64(x.Packet), int64(x.Time), int64(x.Cwnd), int64(x.Ssthresh), int64(x.Flight), int64(x.Rwnd), int64(x.Phase)
	}
	rtt := make([]column, 6)
	for i, n := range []string{"packet", "time", "sample", "srtt", "rttvar", "rto"} {
		rtt[i] = column{n, make([]int64, len(s.RTT))}
	}
	for i, x := range s.RTT {
		rtt[0].vals[i], rtt[1].vals[i], rtt[2].vals[i], rtt[3].vals[i], rtt[4].vals[i], rtt[5].vals[i] =
			int64(x.Packet), int64(x.Time), int64(x.Sample), int64(x.SRTT), int64(x.RTTVar), int64(x.RTO)
	}
	tp := r.a.Throughput(s, 0)
	th := make([]column, 3)
	for i, n := range []string{"time", "bits", "good"} {
		th[i] = column{n, make([]int64, len(tp))}
	}
	for i, x := range tp {
		th[0].vals[i], th[1].vals[i], th[2].vals[i] = int64(x.Time), int64(x.Bits), int64(x.Good)
	}
	dir := 0
	if s.Reverse {
		dir = 1
	}
	ob := w.object()
	ob.key("isn").int(int64(r.a.Conversations[s.Conv].ISN(dir)))
	columns(ob.key("segments"), seg)
	columns(ob.key("acks"), ack)
	columns(ob.key("states"), st)
	ob.key("phases").strs(analysis.Phases())
	columns(ob.key("rtt"), rtt)
	columns(ob.key("throughput"), th)
	ob.end()
}

type followReply struct {
	a      *analysis.Analysis
	chunks []analysis.Chunk
}

func (r followReply) writeJSON(w *jsonWriter) {
	w.list(false, len(r.chunks), func(i int) {
		c := &r.chunks[i]
		o := w.object()
		o.key("packet").int(int64(r.a.Packets[c.Frame-1].ID))
		o.key("reverse").bool(c.Reverse)
		o.key("offset").int(int64(c.Offset))
		o.key("data").bytes(c.Data)
		o.end()
	})
}
