package session

import (
	"time"

	"github.com/sockplay/sockplay/core/trace"
)

// CrowdView is what the page draws for many connections at once, summed
// up by the engine from its trace so that a crowd of 10,000 crosses to the
// page as a few kilobytes: each host's connections by state and each
// listener's queues over time, as the most in each of Buckets spans of
// Step, and each crowd's tally.
type CrowdView struct {
	End       time.Duration `json:"end"`  // the series cover 0 to End (now)
	Step      time.Duration `json:"step"` // one bucket's span
	Hosts     []HostCounts  `json:"hosts"`
	Listeners []QueueCounts `json:"listeners"`
	Crowds    []CrowdTally  `json:"crowds"`
}

// CrowdBuckets is how many spans the series have: a chart's width in
// points, whatever the number of connections.
const CrowdBuckets = 320

// CrowdStates are the states the view counts, in the order it draws them.
var CrowdStates = [...]string{"SYN-SENT", "SYN-RECEIVED", "ESTABLISHED", "TIME-WAIT"}

// HostCounts is one host's connections by state, in CrowdStates' order.
type HostCounts struct {
	Host   string   `json:"host"`
	States []Series `json:"states"`
}

// Series is a count over time: the most it reached in each bucket, and
// the most of all.
type Series struct {
	Name string `json:"name"`
	Peak int    `json:"peak"`
	Max  []int  `json:"max"`
}

// QueueCounts is one listener's SYN and accept queues over time, with the
// most each admits and the SYNs and ACKs it dropped.
type QueueCounts struct {
	Host      string     `json:"host"`
	FD        int        `json:"fd"`
	SynMax    int        `json:"synMax"`
	AcceptMax int        `json:"acceptMax"`
	Syn       Series     `json:"syn"`
	Accept    Series     `json:"accept"`
	Dropped   int        `json:"dropped"`
	Drops     []DropMark `json:"drops"` // by bucket, the buckets with drops only
}

// DropMark is the drops of one bucket and why the first was dropped.
type DropMark struct {
	Bucket int    `json:"bucket"`
	N      int    `json:"n"`
	Text   string `json:"text"`
}

// CrowdTally is one crowd: its summary counts and a few clients worth
// opening (the slowest to connect, the first that failed).
type CrowdTally struct {
	Host        string `json:"host"`
	Network     string `json:"network"`
	Clients     int    `json:"clients"`
	Started     int    `json:"started"`
	Connected   int    `json:"connected"`
	Refused     int    `json:"refused"`
	TimedOut    int    `json:"timedOut"`
	Failed      int    `json:"failed"`
	Finished    int    `json:"finished"`
	Sent        int64  `json:"sent"`
	Received    int64  `json:"received"`
	Slowest     int    `json:"slowest"`     // client (from 1) slowest to connect, 0 none
	FirstFailed int    `json:"firstFailed"` // first client (from 1) to fail, 0 none
	Summary     string `json:"summary"`     // its line in the transcript as it would print now
}

// steps follows a count through its changes into per-bucket maxima.
type steps struct {
	s    Series
	cur  int
	last int // the bucket cur was last set in
	step time.Duration
}

func newSteps(name string, step time.Duration) *steps {
	return &steps{s: Series{Name: name, Max: make([]int, CrowdBuckets)}, step: step}
}

func bucketOf(t, step time.Duration) int { return min(int(t/step), CrowdBuckets-1) }

// set records that the count became n at time t (times never go back).
func (st *steps) set(t time.Duration, n int) {
	b := bucketOf(t, st.step)
	for i := st.last + 1; i <= b; i++ {
		st.s.Max[i] = st.cur
	}
	st.last, st.cur = b, max(n, 0)
	st.s.Max[b] = max(st.s.Max[b], st.cur)
	st.s.Peak = max(st.s.Peak, st.cur)
}

// done carries the count to the last bucket.
func (st *steps) done() Series {
	for i := st.last + 1; i < CrowdBuckets; i++ {
		st.s.Max[i] = st.cur
	}
	return st.s
}

// CrowdView sums up the trace as it is now.
func (s *Session) CrowdView() CrowdView {
	e := s.st
	log := e.w.Log()
	v := CrowdView{End: max(e.w.Now(), 1)}
	v.Step = max((v.End+CrowdBuckets-1)/CrowdBuckets, 1)
	type hostSteps struct {
		name   string
		states [len(CrowdStates)]*steps
	}
	var hosts []*hostSteps
	hostOf := func(name string) *hostSteps {
		for _, h := range hosts {
			if h.name == name {
				return h
			}
		}
		h := &hostSteps{name: name}
		for i, st := range CrowdStates {
			h.states[i] = newSteps(st, v.Step)
		}
		hosts = append(hosts, h)
		return h
	}
	type queueSteps struct {
		q           QueueCounts
		syn, accept *steps
	}
	var queues []*queueSteps
	queueOf := func(host string, fd int, create bool) *queueSteps {
		for _, q := range queues {
			if q.q.Host == host && q.q.FD == fd {
				return q
			}
		}
		if !create {
			return nil
		}
		q := &queueSteps{q: QueueCounts{Host: host, FD: fd}, syn: newSteps("syn", v.Step), accept: newSteps("accept", v.Step)}
		queues = append(queues, q)
		return q
	}
	for i := range log.Len() {
		ev := log.At(i)
		switch {
		case ev.Kind == trace.State && ev.Host != "":
			h := hostOf(ev.Host)
			for k, st := range CrowdStates {
				if ev.From == st {
					h.states[k].set(ev.Time, h.states[k].cur-1)
				}
				if ev.To == st {
					h.states[k].set(ev.Time, h.states[k].cur+1)
				}
			}
		case ev.Kind == trace.Queue && ev.Queue != nil:
			q := queueOf(ev.Host, ev.FD, true)
			q.syn.set(ev.Time, ev.Queue.SynQ)
			q.accept.set(ev.Time, ev.Queue.AcceptQ)
			q.q.SynMax, q.q.AcceptMax = ev.Queue.SynMax, ev.Queue.AcceptMax
		case ev.Kind == trace.Drop && ev.Host != "" && ev.FD != 0:
			if q := queueOf(ev.Host, ev.FD, false); q != nil {
				q.q.Dropped++
				b := bucketOf(ev.Time, v.Step)
				if n := len(q.q.Drops); n > 0 && q.q.Drops[n-1].Bucket == b {
					q.q.Drops[n-1].N++
				} else {
					q.q.Drops = append(q.q.Drops, DropMark{Bucket: b, N: 1, Text: ev.Text})
				}
			}
		}
	}
	for _, h := range hosts {
		hc := HostCounts{Host: h.name}
		for _, st := range h.states {
			hc.States = append(hc.States, st.done())
		}
		v.Hosts = append(v.Hosts, hc)
	}
	for _, q := range queues {
		q.q.Syn, q.q.Accept = q.syn.done(), q.accept.done()
		v.Listeners = append(v.Listeners, q.q)
	}
	for _, c := range e.crowdRuns {
		v.Crowds = append(v.Crowds, c.tallyView())
	}
	return v
}

// tallyView is the crowd's counts for the view.
func (c *crowd) tallyView() CrowdTally {
	t := &c.tally
	ct := CrowdTally{Host: c.h.Name(), Network: c.network, Clients: len(c.clients), Started: t.started,
		Connected: t.connected, Refused: t.refused, TimedOut: t.timeout, Finished: t.finished,
		Sent: t.sent, Received: t.received, Summary: c.summary()}
	for _, f := range t.failed {
		ct.Failed += f.n
	}
	var slowest time.Duration = -1
	for i := range c.clients {
		cl := &c.clients[i]
		if cl.connected >= 0 && cl.connected-cl.start > slowest {
			slowest, ct.Slowest = cl.connected-cl.start, i+1
		}
		if ct.FirstFailed == 0 && cl.outcome > crowdDone {
			ct.FirstFailed = i + 1
		}
	}
	return ct
}

// CrowdClient is client n (from 1) of the crowd on host: how it ran and
// every event of its conversation, on both ends, for its own ladder.
func (s *Session) CrowdClient(host string, n int) (ClientRun, bool) {
	for _, c := range s.st.crowdRuns {
		if c.h.Name() != host || n < 1 || n > len(c.clients) {
			continue
		}
		cl := &c.clients[n-1]
		r := ClientRun{Host: host, Client: n, Addr: cl.addr.String(), Start: cl.start, Connected: cl.connected, End: cl.end,
			Outcome: cl.outcomeText()}
		a := addrWord(cl.addr)
		m := matcher{host: func(string) bool { return false }, addr: func(x uint32) bool { return x == a }}
		log := s.st.w.Log()
		for i := range log.Len() {
			if ev := log.At(i); ev.Time >= cl.start && m.match(ev) {
				r.Events = append(r.Events, *ev)
			}
		}
		return r, true
	}
	return ClientRun{}, false
}

// ClientRun is one client of a crowd: when it started, connected and
// ended (-1: not yet), how it ended, and its conversation's events.
type ClientRun struct {
	Host      string        `json:"host"`
	Client    int           `json:"client"`
	Addr      string        `json:"addr"`
	Start     time.Duration `json:"start"`
	Connected time.Duration `json:"connected"`
	End       time.Duration `json:"end"`
	Outcome   string        `json:"outcome"` // "running", "done", "refused", "timed out", or the errno that stopped it
	Events    []trace.Event `json:"events"`
}

func (cl *crowdClient) outcomeText() string {
	switch cl.outcome {
	case crowdRunning:
		return "running"
	case crowdDone:
		return "done"
	case crowdRefused:
		return "refused"
	case crowdTimedOut:
		return "timed out"
	}
	return cl.err.Name()
}
