package session

import (
	"strings"
	"time"
	"testing"

	"github.com/sockplay/sockplay/core/trace"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCrowdViewSumsUpTheTrace(t *testing.T) {
	s := New(1)
	load(t, s, httpServer)
	require.Nil(t, s.Exec(crowdGet).Err)
	v := s.CrowdView()
	assert.Equal(t, s.State().Now, v.End)
	require.Len(t, v.Crowds, 1)
	c := v.Crowds[0]
	assert.Equal(t, CrowdTally{Host: "crowd", Network: "10.1.0.0/16", Clients: 100, Started: 100, Connected: 100, Finished: 100,
		Sent: 1800, Received: c.Received, Slowest: c.Slowest, Summary: c.Summary}, c)
	assert.NotZero(t, c.Slowest)
	assert.Equal(t, s.History()[len(s.History())-1], crowdGet)

	byHost := map[string]map[string]Series{}
	for _, h := range v.Hosts {
		byHost[h.Host] = map[string]Series{}
		for _, st := range h.States {
			require.Len(t, st.Max, CrowdBuckets)
			byHost[h.Host][st.Name] = st
		}
	}
	assert.Equal(t, 100, byHost["server"]["TIME-WAIT"].Peak, "HTTP/1.0: the server closes first and keeps every TIME-WAIT")
	assert.Equal(t, 100, byHost["server"]["TIME-WAIT"].Max[CrowdBuckets-1], "still there at the end")
	assert.Positive(t, byHost["crowd"]["SYN-SENT"].Peak)
	assert.Zero(t, byHost["crowd"]["SYN-SENT"].Max[CrowdBuckets-1])

	require.Len(t, v.Listeners, 1)
	l := v.Listeners[0]
	assert.Equal(t, "server", l.Host)
	assert.Equal(t, 3, l.FD)
	assert.Equal(t, 129, l.AcceptMax)
	assert.Positive(t, l.Syn.Peak)
	assert.Zero(t, l.Dropped)
}

func TestCrowdViewMarksTheListenersDrops(t *testing.T) {
	s := New(1)
	load(t, s, "server> s = socket(AF_INET, SOCK_STREAM)\nserver> bind(s, 0.0.0.0:80)\nserver> listen(s, 1)\n")
	require.Nil(t, s.Exec("net> crowd 10 from 10.1.0.0/24 over 10ms run c = socket(AF_INET, SOCK_STREAM); connect(c, server:80); close(c)").Err)
	v := s.CrowdView()
	require.Len(t, v.Listeners, 1)
	l := v.Listeners[0]
	assert.Equal(t, 2, l.Accept.Peak, "a backlog of 1 admits 2")
	assert.Positive(t, l.Dropped)
	n := 0
	for _, d := range l.Drops {
		n += d.N
		assert.Contains(t, d.Text, "SYN dropped")
	}
	assert.Equal(t, l.Dropped, n)
	c := v.Crowds[0]
	assert.Equal(t, 8, c.TimedOut)
	assert.NotZero(t, c.FirstFailed)

	r, ok := s.CrowdClient("crowd", c.FirstFailed)
	require.True(t, ok)
	assert.Equal(t, "timed out", r.Outcome)
	assert.Equal(t, time.Duration(-1), r.Connected)
	syns := 0
	for _, e := range r.Events {
		if e.Kind == trace.Send {
			syns++
		}
	}
	assert.Equal(t, 7, syns, "the SYN and its 6 retransmissions, as Linux sends them")
}

func TestBriefLeavesOutTheCrowdsClients(t *testing.T) {
	s := New(1)
	load(t, s, httpServer)
	before := s.st.w.Log().Len()
	o := s.Exec(crowdGet)
	require.Nil(t, o.Err)
	brief := s.Brief(o.Events)
	assert.Less(t, len(brief), 10, "the crowd's line keeps only what is not a client's")
	for _, e := range brief {
		assert.NotEqual(t, trace.Send, e.Kind)
		assert.NotContains(t, e.Conn, "10.1.")
	}
	events, next := s.TraceBrief(before)
	assert.Equal(t, s.st.w.Log().Len(), next)
	assert.Equal(t, len(brief), len(events))
	all, _ := s.TraceBrief(0)
	require.NotEmpty(t, all)
	assert.Equal(t, "LISTEN", all[0].To, "the server's own events stay")

	r, ok := s.CrowdClient("crowd", 42)
	require.True(t, ok)
	assert.Equal(t, "10.1.0.42", r.Addr)
	assert.Equal(t, "done", r.Outcome)
	var got []string
	for _, e := range r.Events {
		if e.Kind == trace.Send {
			got = append(got, e.From+">"+e.To)
			assert.True(t, strings.Contains(e.Text, "10.1.0.42."), e.Text)
		}
	}
	assert.Equal(t, []string{"crowd>server", "server>crowd", "crowd>server"}, got[:3], "its handshake")
	_, ok = s.CrowdClient("crowd", 101)
	assert.False(t, ok)
}
