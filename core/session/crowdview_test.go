package session

import (
	"strings"
	"testing"

	"github.com/sockplay/sockplay/core/trace"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// seriesOf finds a series of the view.
func seriesOf(t *testing.T, v CrowdView, host string, fd int, name string) Series {
	for _, s := range v.Series {
		if s.Host == host && s.FD == fd && s.Name == name {
			require.Len(t, s.Max, CrowdBuckets)
			return s
		}
	}
	t.Fatalf("no series %s fd %d %s", host, fd, name)
	return Series{}
}

func TestCrowdViewSumsUpTheTrace(t *testing.T) {
	s := New(1)
	load(t, s, httpServer)
	require.Nil(t, s.Exec(crowdGet).Err)
	v := s.CrowdView()
	assert.Equal(t, s.State().Now, v.End)
	require.Len(t, v.Crowds, 1)
	c := v.Crowds[0]
	assert.Equal(t, CrowdTally{Host: "crowd", Network: "10.1.0.0/16", Clients: 100, Slowest: c.Slowest, Summary: c.Summary}, c)
	assert.NotZero(t, c.Slowest)
	assert.Contains(t, c.Summary, "100 started, 100 connected")

	tw := seriesOf(t, v, "server", 0, "TIME-WAIT")
	assert.Equal(t, 100, tw.Peak, "HTTP/1.0: the server closes first and keeps every TIME-WAIT")
	assert.Equal(t, 100, tw.Max[CrowdBuckets-1], "still there at the end")
	synSent := seriesOf(t, v, "crowd", 0, "SYN-SENT")
	assert.Positive(t, synSent.Peak)
	assert.Zero(t, synSent.Max[CrowdBuckets-1])

	acc := seriesOf(t, v, "server", 3, "accept")
	assert.Equal(t, 129, acc.Limit, "listen(s, 128) admits 129")
	assert.Positive(t, seriesOf(t, v, "server", 3, "syn").Peak)
	assert.Empty(t, v.Drops)
}

func TestCrowdViewMarksTheListenersDrops(t *testing.T) {
	s := New(1)
	load(t, s, "server> s = socket(AF_INET, SOCK_STREAM)\nserver> bind(s, 0.0.0.0:80)\nserver> listen(s, 1)\n")
	require.Nil(t, s.Exec("net> crowd 10 from 10.1.0.0/24 over 10ms run c = socket(AF_INET, SOCK_STREAM); connect(c, server:80); close(c)").Err)
	v := s.CrowdView()
	assert.Equal(t, 2, seriesOf(t, v, "server", 3, "accept").Peak, "a backlog of 1 admits 2")
	require.NotEmpty(t, v.Drops)
	for _, d := range v.Drops {
		assert.Equal(t, "server", d.Host)
		assert.Equal(t, 3, d.FD)
		assert.Contains(t, d.Text, "SYN dropped")
	}
	c := v.Crowds[0]
	assert.Contains(t, c.Summary, "8 timed out")
	assert.NotZero(t, c.FirstFailed)

	r, ok := s.CrowdClient("crowd", c.FirstFailed)
	require.True(t, ok)
	assert.Regexp(t, `^client \d+, 10\.1\.0\.\d+: started at 0\.0\d\ds, never connected, ended at 127\.\d+s \(timed out\)$`, r.Text)
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
	n := len(o.Events)
	brief := s.Brief(o.Events)
	assert.Less(t, len(brief), 10, "the crowd's line keeps only what is not a client's, of %d", n)
	for _, e := range brief {
		assert.NotEqual(t, trace.Send, e.Kind)
		assert.NotContains(t, e.Conn, "10.1.")
	}
	assert.Len(t, s.Brief(s.Trace(before)), len(brief))
	all := s.Brief(s.Trace(0))
	require.NotEmpty(t, all)
	assert.Equal(t, "LISTEN", all[0].To, "the server's own events stay")

	r, ok := s.CrowdClient("crowd", 42)
	require.True(t, ok)
	assert.Regexp(t, `^client 42, 10\.1\.0\.42: started at 0\.\d+s, connected after 0\.020s, ended at 0\.\d+s \(done\)$`, r.Text)
	var sends []string
	states := 0
	for _, e := range r.Events {
		if e.Kind == trace.Send {
			sends = append(sends, e.From+">"+e.To)
			assert.True(t, strings.Contains(e.Text, "10.1.0.42."), e.Text)
		}
		if e.Kind == trace.State {
			states++
		}
	}
	assert.Equal(t, []string{"crowd>server", "server>crowd", "crowd>server"}, sends[:3], "its handshake")
	assert.GreaterOrEqual(t, states, 8, "both ends' state changes")
	_, ok = s.CrowdClient("crowd", 101)
	assert.False(t, ok)
}
