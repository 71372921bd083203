package exercise

import (
	"strconv"
	"strings"

	"github.com/sockplay/sockplay/core/goal"
	"github.com/sockplay/sockplay/core/script"
	"github.com/sockplay/sockplay/core/session"
	"github.com/sockplay/sockplay/core/trace"
	"github.com/sockplay/sockplay/core/wire"
)

// Draft writes an exercise file from a session, for a teacher to edit:
// setup runs first, the solution's lines are the reference solution, and
// goals are proposed from what they made happen (each TCP socket's state
// at the end, states entered, retransmissions, resets, losses, calls that
// failed or read bytes, requests per connection). A goal is proposed only when the solution
// meets it and an empty attempt does not, for the document's seed and the
// authoring check's learners, so the draft passes `sockplay exercise
// check`. Each goal's hint names the solution's line that met it; the
// consoles, calls and net> commands allowed are those the solution uses.
func Draft(title string, seed uint64, setup, solution []string) string {
	s := session.New(seed)
	for _, l := range setup {
		s.Exec(l)
	}
	events, calls := len(s.Trace(0)), len(s.Calls(0))
	for _, l := range solution {
		s.Exec(l)
	}
	d := &draft{title: title, seed: seed, setup: setup, solution: solution}
	d.goals = proposeGoals(s, events, calls)
	d.ask, d.answer = proposeQuestion(s, events)
	if v, err := goal.ParseValue("count request per connection"); err == nil {
		if n, _ := v.Eval(s); n >= 2 {
			d.goals = append(d.goals, proposal{"count request per connection >= " + strconv.Itoa(int(n)), "One connection has not carried " + strconv.Itoa(int(n)) + " HTTP requests.", ""})
		}
	}
	if len(d.goals) > maxProposals {
		d.goals = d.goals[:maxProposals]
	}
	// Keep the goals every check learner's solution meets and no empty
	// attempt does; write each one's hint from the line that met it.
	ex, probs := Parse(d.text())
	if len(probs) > 0 {
		return d.text() // the setup or solution is at fault: the check says where
	}
	keep := make([]bool, len(ex.Goals))
	for i := range keep {
		keep[i] = true
	}
	for _, learner := range checkLearners {
		r, err := ex.Start(learner)
		if err != nil {
			return d.text()
		}
		for i, g := range r.Score(nil).Goals {
			keep[i] = keep[i] && !g.Met
		}
		r.Replay(ex.Solution)
		for i, g := range r.Score(nil).Goals {
			keep[i] = keep[i] && g.Met
			if learner == "" && g.Line > 0 {
				d.goals[i].hint = strings.TrimSpace(r.Lines()[g.Line-1])
			}
		}
	}
	var kept []proposal
	for i, g := range d.goals {
		if keep[i] {
			kept = append(kept, g)
		}
	}
	d.goals = kept
	if len(ex.Questions) > 0 && !answerable(ex, &ex.Questions[0]) {
		d.ask = ""
	}
	return d.text()
}

// answerable: every check learner's solution has the question's answer.
func answerable(ex *Exercise, q *Question) bool {
	for _, learner := range checkLearners {
		r, _ := ex.Start(learner)
		r.Replay(ex.Solution)
		if _, ok := r.Expected(q); !ok {
			return false
		}
	}
	return true
}

// proposeQuestion asks for a number from the learner's own session: the
// ISN of the solution's first SYN-ACK, else how many segments carried
// the first data the solution sent, else its first FIN's sequence number.
func proposeQuestion(s *session.Session, events int) (ask, answer string) {
	evs := s.Trace(events)
	for i := range evs {
		e := &evs[i]
		if d, _ := wire.Inspect(e.Bytes); e.Kind == trace.Send && d != nil && d.TCP != nil && d.TCP.Flags == wire.SYN|wire.ACK {
			return "What initial sequence number (absolute) did " + e.From + " choose?", "seq of segment " + e.From + " > " + e.To + " [S.]"
		}
	}
	for i := range evs {
		if e := &evs[i]; e.Kind == trace.Send && hasData(e) {
			return "How many segments carried data from " + e.From + " to " + e.To + "?", "count segment " + e.From + " > " + e.To + " data"
		}
	}
	for i := range evs {
		e := &evs[i]
		if d, _ := wire.Inspect(e.Bytes); e.Kind == trace.Send && d != nil && d.TCP != nil && d.TCP.Flags&wire.FIN != 0 {
			return "What sequence number (absolute) did " + e.From + "'s first FIN carry?", "seq of segment " + e.From + " > " + e.To + " [F*]"
		}
	}
	return "", ""
}

// ScriptLines are a session script's lines that do something: blank and
// comment-only lines aside, as Draft's setup count counts them.
func ScriptLines(script string) []string {
	var lines []string
	for _, l := range strings.Split(strings.ReplaceAll(script, "\r\n", "\n"), "\n") {
		if isCode(l) {
			lines = append(lines, l)
		}
	}
	return lines
}

// maxProposals keeps a draft short: the first goals by time.
const maxProposals = 8

type proposal struct{ goal, missing, hint string }

type draft struct {
	title           string
	seed            uint64
	setup, solution []string
	goals           []proposal
	ask, answer     string // a question, "" for none
}

// proposeGoals reads what happened from the trace's events-th event and
// the calls-th call on, the first occurrence of each goal once.
func proposeGoals(s *session.Session, events, calls int) []proposal {
	var out []proposal
	seen := map[string]bool{}
	add := func(g, missing string) {
		if !seen[g] {
			seen[g] = true
			out = append(out, proposal{goal: g, missing: missing})
		}
	}
	// What the solution leaves behind first: each TCP socket's state at
	// the end, on its lower port (the service's, as a rule).
	for _, h := range s.State().Hosts {
		for _, k := range h.Sockets {
			if k.Proto == "tcp" && proposedState(k.State) {
				port := min(portOf(k.Local), portOf(k.Remote))
				p := strconv.Itoa(port)
				add("socket "+h.Name+" port "+p+" "+k.State, h.Name+"'s socket on port "+p+" is not in "+k.State+" at the end.")
			}
		}
	}
	sends := map[int]*trace.Event{}
	evs := s.Trace(0)
	for i := range evs {
		e := &evs[i]
		if e.Kind == trace.Send {
			sends[e.Packet] = e
		}
		if i < events {
			continue
		}
		switch e.Kind {
		case trace.State:
			if proposedState(e.To) {
				add("entered "+e.Host+" "+e.To, e.Host+" has not entered "+e.To+".")
			}
		case trace.Send:
			proposeSend(e, add)
		case trace.Drop:
			if p := sends[e.Packet]; p != nil && hasData(p) {
				add("segment "+p.From+" > "+p.To+" data dropped", "No data from "+p.From+" to "+p.To+" has been lost.")
			}
		}
	}
	for _, c := range s.Calls(calls) {
		switch {
		case c.Errno != "":
			add("call "+c.Host+" "+c.Op+" fails "+c.Errno, c.Host+"'s "+c.Op+" has not failed with "+c.Errno+".")
		case c.Op == "recv" && c.Ret == 0:
			add("call "+c.Host+" recv returns 0", c.Host+" has not read the end of the stream.")
		case c.Op == "recv" && c.Ret > 0:
			add("call "+c.Host+" recv returns > 0", c.Host+" has received nothing.")
		}
	}
	return out
}

// proposedState: the states a goal names; the passing ones (SYN-SENT,
// SYN-RECEIVED, FIN-WAIT-1) are steps on the way.
func proposedState(st string) bool {
	return strings.Contains(" ESTABLISHED FIN-WAIT-2 CLOSE-WAIT LAST-ACK CLOSING TIME-WAIT CLOSED ", " "+st+" ")
}

// portOf is the port of "10.0.0.1:80"; a large number for "*:*", so
// that min takes the other end's.
func portOf(addr string) int {
	n, err := strconv.Atoi(addr[strings.LastIndexByte(addr, ':')+1:])
	if err != nil || n == 0 {
		return 1 << 16
	}
	return n
}

// sendGoals are the causes of segments worth a goal, with what the
// learner is told while it is missing.
var sendGoals = [...][2]string{
	{"retransmit-timeout", " has not retransmitted on a timeout."},
	{"retransmit-fast", " has made no fast retransmit."},
	{"zero-window-probe", " has sent no zero-window probe."},
	{"delayed-ack", " has sent no delayed ACK."},
	{"keepalive", " has sent no keep-alive."},
	{"dup-ack", " has sent no duplicate ACK."},
	{"window-update", " has sent no window update."},
}

func proposeSend(e *trace.Event, add func(g, missing string)) {
	dir := e.From + " > " + e.To
	d, _ := wire.Inspect(e.Bytes)
	switch {
	case d == nil:
	case d.ICMP != nil && d.ICMP.Type == wire.ICMPDestUnreachable && d.ICMP.Code == wire.ICMPCodePortUnreachable:
		add("icmp port-unreachable "+dir, e.From+" has sent no ICMP port unreachable.")
	case d.TCP == nil:
	case d.TCP.Flags&wire.RST != 0:
		add("segment "+dir+" [R*]", e.From+" has sent no reset.")
	case d.TCP.Window == 0 && d.TCP.Flags&wire.SYN == 0:
		add("zero-window "+dir, e.From+" has not advertised a zero window.")
	default:
		for _, c := range sendGoals {
			if e.Cause == c[0] {
				add("segment "+dir+" cause "+c[0], e.From+c[1])
			}
		}
	}
}

func hasData(e *trace.Event) bool {
	d, _ := wire.Inspect(e.Bytes)
	return d != nil && d.TCP != nil && len(d.TCP.Payload) > 0
}

// text is the exercise file.
func (d *draft) text() string {
	title := strings.Join(strings.Fields(d.title), " ")
	if title == "" {
		title = "My exercise"
	}
	var b strings.Builder
	b.WriteString("---\ntitle: '" + strings.ReplaceAll(title, "'", "''") + "'\nseed: " + strconv.FormatUint(d.seed, 10) +
		"\nexercise:\n  id: " + slug(title) + "\n  version: 1\n")
	consoles, calls, net := allowed(d.solution)
	for _, kv := range [...][2]string{{"consoles", consoles}, {"calls", calls}, {"net", net}} {
		if kv[1] != "" {
			b.WriteString("  " + kv[0] + ": " + kv[1] + "\n")
		}
	}
	b.WriteString("---\nWhat the learner should make happen, and why it matters.\n\n")
	if len(d.setup) > 0 {
		writeBlock(&b, "sock id=setup", d.setup)
	}
	b.WriteString("**Your task:** say what to do.\n\n")
	writeBlock(&b, "sock id=task task=true", nil)
	for i, g := range d.goals {
		body := []string{g.goal, "missing: " + g.missing}
		if g.hint != "" {
			body = append(body, "hint: The reference solution met it with `"+g.hint+"`.")
		}
		writeBlock(&b, "goal id=goal-"+strconv.Itoa(i+1)+" for=task points=1", body)
	}
	if d.ask != "" {
		writeBlock(&b, "question id=q-1 points=1", []string{"ask: " + d.ask, "answer: " + d.answer, "tolerance: 0"})
	}
	writeBlock(&b, "solution", d.solution)
	return b.String()
}

// writeBlock writes a fenced block with a fence longer than any run of
// backticks in its lines.
func writeBlock(b *strings.Builder, info string, lines []string) {
	fence := "```"
	for _, l := range lines {
		for strings.Contains(l, fence) {
			fence += "`"
		}
	}
	b.WriteString(fence + info + "\n")
	for _, l := range lines {
		b.WriteString(l + "\n")
	}
	b.WriteString(fence + "\n\n")
}

// slug makes an exercise id of a title: lower-case letters and digits
// joined by dashes.
func slug(title string) string {
	var b []byte
	for _, c := range []byte(strings.ToLower(title)) {
		switch {
		case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
			b = append(b, c)
		case len(b) > 0 && b[len(b)-1] != '-':
			b = append(b, '-')
		}
	}
	id := strings.Trim(string(b[:min(len(b), 48)]), "-")
	if id == "" {
		return "my-exercise"
	}
	return id
}

// allowed lists the consoles, calls and net> commands lines use.
func allowed(lines []string) (consoles, calls, net string) {
	var cs, ks, ns []string
	add := func(list []string, w string) []string {
		for _, x := range list {
			if x == w {
				return list
			}
		}
		return append(list, w)
	}
	for _, line := range lines {
		l, err := script.ParseLine(line)
		if err != nil || l.Kind != script.HostLine && l.Kind != script.NetLine {
			continue
		}
		cs = add(cs, l.Host)
		switch st := l.Stmt.(type) {
		case *script.CallStmt:
			ks = add(ks, st.Call.Name)
		case *script.Command:
			if l.Kind == script.NetLine {
				ns = add(ns, st.Name)
			}
		}
	}
	return strings.Join(cs, " "), strings.Join(ks, " "), strings.Join(ns, " ")
}
