package session

import (
	"time"

	"github.com/sockplay/sockplay/core/trace"
)

// CrowdView is what the page draws for many connections at once, summed
// up by the engine from its trace so that a crowd of 10,000 crosses to the
// page as a few kilobytes: each host's connections by state and each
// listener's queues over time, as the most in each of CrowdBuckets spans
// of Step, the listeners' drops, and each crowd's tally.
type CrowdView struct {
	End    time.Duration // the series cover 0 to End (now)
	Step   time.Duration // one bucket's span
	Series []Series
	Drops  []DropMark
	Crowds []CrowdTally
}

// CrowdBuckets is how many spans the series have: a chart's width in
// points, whatever the number of connections.
const CrowdBuckets = 320

// CrowdStates are the states the view counts, in the order it draws them.
var CrowdStates = [...]string{"SYN-SENT", "SYN-RECEIVED", "ESTABLISHED", "TIME-WAIT"}

// Series is a count over time: a host's connections in state Name (FD 0),
// or listener FD's "syn" or "accept" queue with the most it admits
// (Limit). Max is the most it reached in each bucket, Peak of all.
type Series struct {
	Host  string
	FD    int
	Name  string
	Limit int
	Peak  int
	Max   []int
	cur   int // the count now, while the view is made
	last  int // the bucket cur was last set in
}

// DropMark is the SYNs and ACKs listener FD dropped in one bucket, and
// why the first was dropped.
type DropMark struct {
	Host   string
	FD     int
	Bucket int
	N      int
	Text   string
}

// CrowdTally is one crowd: its line in the transcript as it would print
// now and two clients worth opening, numbered from 1 (0: none).
type CrowdTally struct {
	Host        string
	Network     string
	Clients     int
	Slowest     int // the slowest to connect
	FirstFailed int
	Summary     string
}

// set records that s became n at time t (times never go back).
func (s *Series) set(t, step time.Duration, n int) {
	b := min(int(t/step), CrowdBuckets-1)
	for i := s.last + 1; i <= b; i++ {
		s.Max[i] = s.cur
	}
	s.last, s.cur = b, max(n, 0)
	s.Max[b] = max(s.Max[b], s.cur)
	s.Peak = max(s.Peak, s.cur)
}

// series is the index of host's series (fd, name), added when new.
func (v *CrowdView) series(host string, fd int, name string) int {
	for i := range v.Series {
		if s := &v.Series[i]; s.Host == host && s.FD == fd && s.Name == name {
			return i
		}
	}
	v.Series = append(v.Series, Series{Host: host, FD: fd, Name: name, Max: make([]int, CrowdBuckets)})
	return len(v.Series) - 1
}

// CrowdView sums up the trace as it is now.
func (s *Session) CrowdView() CrowdView {
	e := s.st
	log := e.w.Log()
	v := CrowdView{End: max(e.w.Now(), 1)}
	v.Step = max((v.End+CrowdBuckets-1)/CrowdBuckets, 1)
	for i := range log.Len() {
		ev := log.At(i)
		switch {
		case ev.Kind == trace.State && ev.Host != "":
			for _, st := range CrowdStates {
				if ev.From == st || ev.To == st {
					s := &v.Series[v.series(ev.Host, 0, st)]
					if ev.From == st {
						s.set(ev.Time, v.Step, s.cur-1)
					} else {
						s.set(ev.Time, v.Step, s.cur+1)
					}
				}
			}
		case ev.Kind == trace.Queue && ev.Queue != nil:
			q := ev.Queue
			syn := &v.Series[v.series(ev.Host, ev.FD, "syn")]
			syn.set(ev.Time, v.Step, q.SynQ)
			syn.Limit = q.SynMax
			acc := &v.Series[v.series(ev.Host, ev.FD, "accept")]
			acc.set(ev.Time, v.Step, q.AcceptQ)
			acc.Limit = q.AcceptMax
		case ev.Kind == trace.Drop && ev.Host != "" && ev.FD != 0:
			b := min(int(ev.Time/v.Step), CrowdBuckets-1)
			if n := len(v.Drops); n > 0 && v.Drops[n-1].Bucket == b && v.Drops[n-1].Host == ev.Host && v.Drops[n-1].FD == ev.FD {
				v.Drops[n-1].N++
			} else {
				v.Drops = append(v.Drops, DropMark{Host: ev.Host, FD: ev.FD, Bucket: b, N: 1, Text: ev.Text})
			}
		}
	}
	for i := range v.Series {
		s := &v.Series[i]
		s.set(v.End, v.Step, s.cur)
	}
	for _, c := range e.crowdRuns {
		v.Crowds = append(v.Crowds, c.tallyView())
	}
	return v
}

// tallyView is the crowd's line and its clients worth opening.
func (c *crowd) tallyView() CrowdTally {
	ct := CrowdTally{Host: c.h.Name(), Network: c.network, Clients: len(c.clients), Summary: c.summary()}
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

// ClientRun is one client of a crowd: how it ran, in words, and every
// event of its conversation on both ends, for its own ladder.
type ClientRun struct {
	Text   string // "client 42, 10.1.0.42: started at 0.040s, connected after 0.020s, ended at 0.080s (done)"
	Events []trace.Event
}

// CrowdClient is client n (from 1) of the crowd on host.
func (s *Session) CrowdClient(host string, n int) (ClientRun, bool) {
	for _, c := range s.st.crowdRuns {
		if c.h.Name() != host || n < 1 || n > len(c.clients) {
			continue
		}
		cl := &c.clients[n-1]
		text := "client " + itoa(n) + ", " + cl.addr.String() + ": started at " + formatTime(cl.start)
		if cl.connected >= 0 {
			text += ", connected after " + formatTime(cl.connected-cl.start)
		} else {
			text += ", never connected"
		}
		if cl.end >= 0 {
			text += ", ended at " + formatTime(cl.end) + " (" + cl.outcomeText() + ")"
		} else {
			text += ", still running"
		}
		m := matcher{one: addrWord(cl.addr)}
		var events []trace.Event
		log := s.st.w.Log()
		for i := range log.Len() {
			if ev := log.At(i); m.match(&ev) {
				events = append(events, ev)
			}
		}
		return ClientRun{text, events}, true
	}
	return ClientRun{}, false
}

var outcomeTexts = [...]string{crowdRunning: "running", crowdDone: "done", crowdRefused: "refused", crowdTimedOut: "timed out",
	crowdSpins: "a pass of its calls waited for nothing"}

func (cl *crowdClient) outcomeText() string {
	if cl.outcome == crowdFailed && cl.err != 0 {
		return cl.err.Name()
	}
	return outcomeTexts[cl.outcome]
}
