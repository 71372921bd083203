package main

import (
	"github.com/sockplay/sockplay/core/examples"
	"github.com/sockplay/sockplay/core/script"
	"github.com/sockplay/sockplay/core/session"
	"github.com/sockplay/sockplay/core/trace"
)

// The JSON of every value the bridge returns, field by field in the order
// and with the names and omitempty rules of the types' json tags.

func writeOutput(w *jsonWriter, o session.Output) {
	ob := w.object()
	ob.key("line").int(int64(o.Line))
	ob.key("input").str(o.Input)
	if o.Host != "" {
		ob.key("host").str(o.Host)
	}
	ob.key("lines").strs(o.Lines)
	if o.Err != nil {
		writeError(ob.key("error"), o.Err)
	}
	if o.Errno != "" {
		ob.key("errno").str(o.Errno)
	}
	if len(o.Late) > 0 {
		ob.key("late").list(o.Late == nil, len(o.Late), func(i int) { writeLate(w, o.Late[i]) })
	}
	if len(o.Events) > 0 {
		ob.key("events").list(o.Events == nil, len(o.Events), func(i int) { writeEvent(w, o.Events[i]) })
	}
	if o.Summarised {
		ob.key("summarised").bool(true)
	}
	if o.Help != nil {
		ob.key("help").str(*o.Help)
	}
	ob.end()
}

func writeError(w *jsonWriter, e *session.Error) {
	ob := w.object()
	ob.key("message").str(e.Message)
	ob.key("col").int(int64(e.Col))
	if e.Hint != "" {
		ob.key("hint").str(e.Hint)
	}
	writeRef(ob, "ref", e.Ref)
	writeRef(ob, "hintRef", e.HintRef)
	if e.Panic {
		ob.key("panic").bool(true)
	}
	ob.end()
}

func writeLate(w *jsonWriter, l session.LateResult) {
	ob := w.object()
	ob.key("call").int(int64(l.Call))
	ob.key("line").int(int64(l.Line))
	ob.key("host").str(l.Host)
	ob.key("text").str(l.Text)
	if l.Errno != "" {
		ob.key("errno").str(l.Errno)
	}
	ob.end()
}

func writeEvent(w *jsonWriter, e trace.Event) {
	ob := w.object()
	ob.key("index").int(int64(e.Index))
	ob.key("line").int(int64(e.Line))
	ob.key("time").int(int64(e.Time))
	ob.key("kind").str(string(e.Kind))
	if e.Host != "" {
		ob.key("host").str(e.Host)
	}
	if e.Packet != 0 {
		ob.key("packet").int(int64(e.Packet))
	}
	if e.From != "" {
		ob.key("from").str(e.From)
	}
	if e.To != "" {
		ob.key("to").str(e.To)
	}
	if len(e.Bytes) > 0 {
		ob.key("bytes").bytes(e.Bytes)
	}
	if e.Label != "" {
		ob.key("label").str(e.Label)
	}
	if e.Cause != "" {
		ob.key("cause").str(e.Cause)
	}
	if e.TCP != nil {
		writeTCPState(ob.key("tcp"), e.TCP)
	}
	if e.Conn != "" {
		ob.key("conn").str(e.Conn)
	}
	if e.FD != 0 {
		ob.key("fd").int(int64(e.FD))
	}
	if e.Timer != "" {
		ob.key("timer").str(e.Timer)
	}
	if e.At != 0 {
		ob.key("at").int(int64(e.At))
	}
	if e.Call != 0 {
		ob.key("call").int(int64(e.Call))
	}
	if e.Errno != "" {
		ob.key("errno").str(e.Errno)
	}
	if q := e.Queue; q != nil {
		qo := ob.key("queue").object()
		qo.key("synQ").int(int64(q.SynQ))
		qo.key("synMax").int(int64(q.SynMax))
		qo.key("acceptQ").int(int64(q.AcceptQ))
		qo.key("acceptMax").int(int64(q.AcceptMax))
		qo.end()
	}
	if e.Text != "" {
		ob.key("text").str(e.Text)
	}
	if e.Relative != "" {
		ob.key("relative").str(e.Relative)
	}
	ob.end()
}

func writeTCPState(w *jsonWriter, t *trace.TCPState) {
	ob := w.object()
	ob.key("cwnd").uint(uint64(t.Cwnd))
	ob.key("ssthresh").uint(uint64(t.Ssthresh))
	ob.key("rwnd").uint(uint64(t.Rwnd))
	ob.key("flight").uint(uint64(t.Flight))
	if t.Recovery {
		ob.key("recovery").bool(true)
	}
	ob.key("srtt").int(int64(t.SRTT))
	ob.key("rttvar").int(int64(t.RTTVar))
	ob.key("rto").int(int64(t.RTO))
	if t.Sample != 0 {
		ob.key("sample").int(int64(t.Sample))
	}
	ob.end()
}

// writeState writes the state as the page reads it: brief, a crowd's
// thousands of sockets counted rather than listed (State.Brief).
func writeState(w *jsonWriter, s session.State) {
	s = s.Brief(session.BriefSockets)
	ob := w.object()
	ob.key("now").int(int64(s.Now))
	ob.key("seed").uint(s.Seed)
	ob.key("auto").bool(s.Auto)
	ob.key("lines").int(int64(s.Lines))
	ob.key("total").int(int64(s.Total))
	ob.key("hosts").list(s.Hosts == nil, len(s.Hosts), func(i int) { writeHost(w, s.Hosts[i]) })
	ob.key("inflight").list(s.InFlight == nil, len(s.InFlight), func(i int) { writeFlight(w, s.InFlight[i]) })
	lo := ob.key("link").object()
	lo.key("latency").int(int64(s.Link.Latency))
	lo.key("loss").str(s.Link.Loss)
	lo.end()
	ob.end()
}

func writeHost(w *jsonWriter, h session.HostState) {
	ob := w.object()
	ob.key("name").str(h.Name)
	ob.key("addr").str(h.Addr)
	if h.Pending != nil {
		p := ob.key("pending").object()
		p.key("call").int(int64(h.Pending.Call))
		p.key("line").int(int64(h.Pending.Line))
		p.key("text").str(h.Pending.Text)
		p.key("on").str(h.Pending.On)
		p.end()
	}
	ob.key("sockets").list(h.Sockets == nil, len(h.Sockets), func(i int) { writeSocket(w, h.Sockets[i]) })
	if len(h.More) > 0 {
		ob.key("more").list(false, len(h.More), func(i int) {
			m := w.object()
			m.key("listener").int(int64(h.More[i].Listener))
			m.key("state").str(h.More[i].State)
			m.key("n").int(int64(h.More[i].N))
			m.end()
		})
	}
	writeNames(ob.key("names"), h.Names)
	ob.key("dropped").int(int64(h.Dropped))
	if h.Network != "" {
		ob.key("network").str(h.Network)
	}
	if h.ListenOverflows != 0 {
		ob.key("listenOverflows").int(int64(h.ListenOverflows))
	}
	if h.ListenDrops != 0 {
		ob.key("listenDrops").int(int64(h.ListenDrops))
	}
	if h.Down {
		ob.key("down").bool(true)
	}
	ob.end()
}

// writeNames writes a map with its keys sorted, as encoding/json does.
func writeNames(w *jsonWriter, names map[string]int) {
	if names == nil {
		w.raw("null")
		return
	}
	// Each key moves down to its sorted place: a host has a few variables,
	// and slices.Sort would link a pdqsort for strings (~6 KB gzip).
	keys := make([]string, 0, len(names))
	for k := range names {
		keys = append(keys, k)
		for i := len(keys) - 1; i > 0 && keys[i] < keys[i-1]; i-- {
			keys[i], keys[i-1] = keys[i-1], keys[i]
		}
	}
	ob := w.object()
	for _, k := range keys {
		ob.key(k).int(int64(names[k]))
	}
	ob.end()
}

func writeSocket(w *jsonWriter, s session.SocketState) {
	ob := w.object()
	ob.key("fd").int(int64(s.FD))
	ob.key("proto").str(s.Proto)
	ob.key("local").str(s.Local)
	ob.key("remote").str(s.Remote)
	ob.key("state").str(s.State)
	ob.key("ssState").str(s.SSState)
	ob.key("recvQ").int(int64(s.RecvQ))
	ob.key("sendQ").int(int64(s.SendQ))
	if s.TCP != nil {
		writeTCPVars(ob.key("tcp"), s.TCP)
	}
	if s.Last != nil {
		t := ob.key("last").object()
		t.key("from").str(s.Last.From)
		t.key("to").str(s.Last.To)
		t.key("reason").str(s.Last.Reason)
		t.key("time").int(int64(s.Last.Time))
		t.end()
	}
	ob.key("listener").int(int64(s.Listener))
	if q := s.Queues; q != nil {
		qo := ob.key("queues").object()
		qo.key("synQ").int(int64(q.SynQ))
		qo.key("synMax").int(int64(q.SynMax))
		qo.key("acceptQ").int(int64(q.AcceptQ))
		qo.key("acceptMax").int(int64(q.AcceptMax))
		qo.end()
	}
	ob.end()
}

func writeTCPVars(w *jsonWriter, v *session.TCPVars) {
	ob := w.object()
	for _, f := range []struct {
		name  string
		value uint32
	}{
		{"iss", v.ISS}, {"irs", v.IRS}, {"sndUna", v.SndUna}, {"sndNxt", v.SndNxt}, {"sndWnd", v.SndWnd},
		{"rcvNxt", v.RcvNxt}, {"rcvWnd", v.RcvWnd}, {"cwnd", v.Cwnd}, {"ssthresh", v.Ssthresh},
	} {
		ob.key(f.name).uint(uint64(f.value))
	}
	for _, f := range []struct {
		name  string
		value int64
	}{
		{"mss", int64(v.MSS)}, {"srtt", int64(v.SRTT)}, {"rto", int64(v.RTO)}, {"sendBuf", int64(v.SendBuf)},
		{"unacked", int64(v.Unacked)}, {"unsent", int64(v.Unsent)}, {"recvBuf", int64(v.RecvBuf)}, {"readable", int64(v.Readable)},
	} {
		ob.key(f.name).int(f.value)
	}
	if len(v.OutOfOrder) > 0 {
		ob.key("outOfOrder").list(false, len(v.OutOfOrder), func(i int) {
			w.raw("[")
			w.uint(uint64(v.OutOfOrder[i][0]))
			w.raw(",")
			w.uint(uint64(v.OutOfOrder[i][1]))
			w.raw("]")
		})
	}
	ob.end()
}

func writeFlight(w *jsonWriter, f session.Flight) {
	ob := w.object()
	ob.key("id").int(int64(f.ID))
	ob.key("from").str(f.From)
	ob.key("to").str(f.To)
	ob.key("sentAt").int(int64(f.SentAt))
	ob.key("arriveAt").int(int64(f.ArriveAt))
	ob.key("summary").str(f.Summary)
	if f.Label != "" {
		ob.key("label").str(f.Label)
	}
	ob.end()
}

func writePacketView(w *jsonWriter, v session.PacketView) {
	ob := w.object()
	ob.key("id").int(int64(v.ID))
	ob.key("summary").str(v.Summary)
	ob.key("layers").list(v.Layers == nil, len(v.Layers), func(i int) {
		l := v.Layers[i]
		lo := w.object()
		lo.key("name").str(l.Name)
		lo.key("fields").list(l.Fields == nil, len(l.Fields), func(i int) {
			f := l.Fields[i]
			fo := w.object()
			fo.key("name").str(f.Name)
			fo.key("value").str(f.Value)
			fo.key("offset").int(int64(f.Offset))
			fo.key("len").int(int64(f.Len))
			fo.end()
		})
		lo.end()
	})
	ob.key("hex").str(v.Hex)
	if v.Label != "" {
		ob.key("label").str(v.Label)
	}
	if len(v.Problems) > 0 {
		ob.key("problems").strs(v.Problems)
	}
	ob.end()
}

func writeExample(w *jsonWriter, e examples.Example) {
	ob := w.object()
	ob.key("name").str(e.Name)
	ob.key("title").str(e.Title)
	ob.key("description").str(e.Description)
	ob.key("script").str(e.Script)
	ob.end()
}

func writeCompletion(w *jsonWriter, c completion) {
	ob := w.object()
	ob.key("from").int(int64(c.From))
	ob.key("candidates").strs(c.Candidates)
	ob.end()
}

func writeCallError(w *jsonWriter, e CallError) {
	ob := w.object()
	ob.key("message").str(e.Message)
	ob.key("method").str(e.Method)
	if e.Panic {
		ob.key("panic").bool(true)
	}
	if e.Recovered != "" {
		ob.key("recovered").str(e.Recovered)
	}
	if e.Stack != "" {
		ob.key("stack").str(e.Stack)
	}
	ob.end()
}

// jsonValue is a reply an area's file writes itself (notebook.go), so
// that the engines without that area do not hold its types.
type jsonValue interface{ writeJSON(w *jsonWriter) }

// writeValue writes any value a method returns; ok is false for a type
// this file does not know (a programming error the tests catch).
func writeValue(w *jsonWriter, v any) (ok bool) {
	switch v := v.(type) {
	case nil:
		w.raw("null")
	case string:
		w.str(v)
	case bool:
		w.bool(v)
	case []string:
		w.strs(v)
	case session.Output:
		writeOutput(w, v)
	case []session.Output:
		w.list(v == nil, len(v), func(i int) { writeOutput(w, v[i]) })
	case session.State:
		writeState(w, v)
	case []trace.Event:
		w.list(v == nil, len(v), func(i int) { writeEvent(w, v[i]) })
	case session.PacketView:
		writePacketView(w, v)
	case []examples.Example:
		w.list(v == nil, len(v), func(i int) { writeExample(w, v[i]) })
	case completion:
		writeCompletion(w, v)
	case jsonValue:
		v.writeJSON(w)
	default:
		return false
	}
	return true
}

// writeRef writes a text's id and arguments for translation (script.Ref).
func writeRef(ob *object, key string, r *script.Ref) {
	if r == nil {
		return
	}
	ref := ob.key(key).object()
	ref.key("id").str(r.ID)
	if len(r.Args) > 0 {
		ref.key("args").strs(r.Args)
	}
	ref.end()
}
