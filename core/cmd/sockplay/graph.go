package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/sockplay/sockplay/core/analysis"
	"github.com/sockplay/sockplay/core/session"
)

var graphKinds = []string{"stevens", "tcptrace", "cwnd", "throughput", "rtt"}

// graph runs a script and writes one graph of one connection as SVG.
func graph(args []string, stdin io.Reader, stdout, stderr io.Writer, rd reader) int {
	fs := flag.NewFlagSet("graph", flag.ContinueOnError)
	fs.SetOutput(stderr)
	seed := fs.Uint64("seed", 1, "seed of the session's randomness")
	kind := fs.String("kind", "tcptrace", "stevens, tcptrace, cwnd, throughput or rtt")
	conn := fs.Int("conn", 0, "the connection, numbered from 0 as tcp.stream")
	reverse := fs.String("dir", "", "the direction of the data graphed: ab (from the connecting side) or ba; by default the one carrying more")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() != 1 {
		fmt.Fprint(stderr, rd.usage())
		return 2
	}
	known := false
	for _, k := range graphKinds {
		known = known || k == *kind
	}
	if !known || (*reverse != "" && *reverse != "ab" && *reverse != "ba") {
		fmt.Fprintf(stderr, "sockplay: --kind is one of %v and --dir ab or ba\n", graphKinds)
		return 2
	}
	name := fs.Arg(0)
	src, err := readInput(name, stdin)
	if err != nil {
		fmt.Fprintf(stderr, "sockplay: %v\n", err)
		return 1
	}
	s := session.New(*seed)
	status := execLines(s, rd, name, src, stderr, func(session.Output) bool { return true }, func() error { return nil })
	a := analysis.Analyze(s.Trace(0))
	ci := -1
	for i, c := range a.Conversations {
		if c.Proto == "tcp" && c.Stream == *conn {
			ci = i
		}
	}
	if ci < 0 {
		fmt.Fprintf(stderr, "sockplay: no TCP connection %d (the script has %d)\n", *conn, countTCP(a))
		return 1
	}
	c := &a.Conversations[ci]
	rev := c.Payload[1] > c.Payload[0]
	if *reverse != "" {
		rev = *reverse == "ba"
	}
	st, _ := a.Stream(ci, rev)
	out := bufio.NewWriter(stdout)
	defer out.Flush()
	from, to := c.A, c.B
	if rev {
		from, to = to, from
	}
	title := from.String() + " → " + to.String()
	switch *kind {
	case "stevens", "tcptrace":
		drawTimeSequence(out, st, *kind == "tcptrace", title)
	case "cwnd":
		drawCwnd(out, st, title)
	case "throughput":
		drawThroughput(out, a.Throughput(st, 0), title)
	case "rtt":
		drawRTT(out, st, title)
	}
	return status
}

func countTCP(a *analysis.Analysis) int {
	n := 0
	for _, c := range a.Conversations {
		if c.Proto == "tcp" {
			n++
		}
	}
	return n
}

func sec(d time.Duration) float64 { return d.Seconds() }

func timeRange(st *analysis.Stream) (float64, float64) {
	lo, hi := 0.0, 0.0
	first := true
	for _, s := range st.Segments {
		if first || sec(s.Time) < lo {
			lo = sec(s.Time)
		}
		hi = max(hi, sec(s.Time))
		first = false
	}
	for _, a := range st.Acks {
		if first || sec(a.Time) < lo {
			lo = sec(a.Time)
		}
		hi = max(hi, sec(a.Time))
		first = false
	}
	return lo, hi
}

// drawTimeSequence draws Stevens' graph (a dot per segment at its sequence
// number) or tcptrace's (a bar per segment over its sequence space, the
// ACK line, the receive window's edge, SACK blocks, retransmissions red).
func drawTimeSequence(w io.Writer, st *analysis.Stream, tcptrace bool, title string) {
	p := &svgPlot{title: "Time-sequence (" + map[bool]string{false: "Stevens", true: "tcptrace"}[tcptrace] + "): " + title, yLabel: "relative sequence number"}
	p.x0, p.x1 = timeRange(st)
	for _, s := range st.Segments {
		p.y1 = max(p.y1, float64(s.End))
	}
	if tcptrace {
		for _, a := range st.Acks {
			p.y1 = max(p.y1, float64(a.Window))
		}
	}
	p.fit()
	color := func(s analysis.Segment) string {
		switch {
		case s.Tags.Has(analysis.TagRetransmission):
			return "#d62728"
		case s.Lost:
			return "#888"
		}
		return "#1f3a93"
	}
	tip := func(s analysis.Segment) string {
		t := "frame " + strconv.Itoa(s.Frame) + " seq " + strconv.FormatUint(s.Seq, 10) + ":" + strconv.FormatUint(s.End, 10) + " " + s.Cause
		if s.Lost {
			t += " (lost)"
		}
		return t
	}
	if !tcptrace {
		for _, s := range st.Segments {
			p.dot(sec(s.Time), float64(s.Seq), color(s), tip(s))
		}
		p.write(w, [][2]string{{"segment", "#1f3a93"}, {"retransmission", "#d62728"}, {"lost", "#888"}})
		return
	}
	var xs, acks, wins []float64
	for _, a := range st.Acks {
		xs, acks, wins = append(xs, sec(a.Time)), append(acks, float64(a.Ack)), append(wins, float64(a.Window))
		for _, b := range a.SACK {
			p.line(sec(a.Time), float64(b[0]), sec(a.Time), float64(b[1]), "#9467bd", 3, "SACK "+strconv.FormatUint(b[0], 10)+":"+strconv.FormatUint(b[1], 10))
		}
	}
	p.steps(xs, acks, "#2ca02c", "ACK")
	p.steps(xs, wins, "#bcbd22", "receive window")
	for _, s := range st.Segments {
		if s.End > s.Seq {
			p.line(sec(s.Time), float64(s.Seq), sec(s.Time), float64(s.End), color(s), 2, tip(s))
		}
	}
	p.write(w, [][2]string{{"segment", "#1f3a93"}, {"retransmission", "#d62728"}, {"ACK", "#2ca02c"}, {"window", "#bcbd22"}, {"SACK", "#9467bd"}})
}

var phaseColors = map[string]string{"slow-start": "#2ca02c", "congestion-avoidance": "#1f77b4", "recovery": "#ff7f0e", "loss": "#d62728"}

// drawCwnd draws cwnd, ssthresh, flight size and the peer's window from
// the engine's record, with the phases shaded.
func drawCwnd(w io.Writer, st *analysis.Stream, title string) {
	p := &svgPlot{title: "Congestion window: " + title, yLabel: "bytes"}
	p.x0, p.x1 = timeRange(st)
	var xs, cwnd, ssth, flight []float64
	for _, s := range st.States {
		xs = append(xs, sec(s.Time))
		cwnd, flight = append(cwnd, float64(s.Cwnd)), append(flight, float64(s.Flight))
		p.y1 = max(p.y1, float64(s.Cwnd), float64(s.Flight))
		ssth = append(ssth, float64(s.Ssthresh))
	}
	for i := range ssth { // an "infinite" ssthresh would flatten the rest
		ssth[i] = min(ssth[i], p.y1*1.1)
	}
	p.y1 *= 1.1
	p.fit()
	for i := 0; i < len(st.States); {
		j := i
		for j+1 < len(st.States) && st.States[j+1].Phase == st.States[i].Phase {
			j++
		}
		end := p.x1
		if j+1 < len(st.States) {
			end = xs[j+1]
		}
		p.band(xs[i], end, phaseColors[st.States[i].Phase.String()], st.States[i].Phase.String())
		i = j + 1
	}
	p.steps(xs, ssth, "#7f7f7f", "ssthresh")
	p.steps(xs, flight, "#9467bd", "bytes in flight")
	p.steps(xs, cwnd, "#000", "cwnd")
	p.write(w, [][2]string{{"cwnd", "#000"}, {"ssthresh", "#7f7f7f"}, {"in flight", "#9467bd"}, {"slow start", "#2ca02c"}, {"cong. avoidance", "#1f77b4"}, {"recovery", "#ff7f0e"}})
}

func drawThroughput(w io.Writer, tp []analysis.ThroughputPoint, title string) {
	p := &svgPlot{title: "Throughput: " + title, yLabel: "bits per second"}
	var xs, bits, good []float64
	for _, t := range tp {
		xs, bits, good = append(xs, sec(t.Time)), append(bits, float64(t.Bits)), append(good, float64(t.Good))
		p.y1 = max(p.y1, float64(t.Bits), float64(t.Good))
	}
	if len(xs) > 0 {
		p.x0, p.x1 = xs[0], xs[len(xs)-1]
	}
	p.fit()
	p.steps(xs, bits, "#1f77b4", "sent")
	p.steps(xs, good, "#2ca02c", "goodput")
	p.write(w, [][2]string{{"sent", "#1f77b4"}, {"goodput", "#2ca02c"}})
}

func drawRTT(w io.Writer, st *analysis.Stream, title string) {
	p := &svgPlot{title: "Round-trip time: " + title, yLabel: "milliseconds"}
	var xs, srtt, rttvar, rto []float64
	for _, r := range st.RTT {
		xs = append(xs, sec(r.Time))
		srtt, rttvar, rto = append(srtt, ms(r.SRTT)), append(rttvar, ms(r.RTTVar)), append(rto, ms(r.RTO))
		p.y1 = max(p.y1, ms(r.RTO), ms(r.Sample))
	}
	p.x0, p.x1 = timeRange(st)
	p.y1 *= 1.05
	p.fit()
	p.steps(xs, rto, "#d62728", "RTO")
	p.steps(xs, srtt, "#1f77b4", "SRTT")
	p.steps(xs, rttvar, "#ff7f0e", "RTTVAR")
	for _, r := range st.RTT {
		p.dot(sec(r.Time), ms(r.Sample), "#000", "sample "+strconv.FormatFloat(ms(r.Sample), 'f', 1, 64)+" ms")
	}
	p.write(w, [][2]string{{"sample", "#000"}, {"SRTT", "#1f77b4"}, {"RTTVAR", "#ff7f0e"}, {"RTO", "#d62728"}})
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
