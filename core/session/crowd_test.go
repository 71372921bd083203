package session

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sockplay/sockplay/core/trace"
)

const httpServer = `server> s = socket(AF_INET, SOCK_STREAM)
server> bind(s, 0.0.0.0:80)
server> listen(s, 128)
server> http.serve(s, version=1.0)
`

const crowdGet = `net> crowd 100 from 10.1.0.0/16 run c = socket(AF_INET, SOCK_STREAM); connect(c, server:80); send(c, "GET / HTTP/1.0\r\n\r\n"); recv(c, 65536); close(c)`

func TestCrowdAgainstHTTPServeIsSummarised(t *testing.T) {
	s := New(1)
	load(t, s, httpServer)
	o := s.Exec(crowdGet)
	require.Nil(t, o.Err)
	require.Len(t, o.Lines, 1)
	assert.Regexp(t, `^crowd: 100 clients from 10.1.0.0/16 over 1.000s: 100 started, 100 connected, 0 refused, 0 timed out; 1800 bytes sent, \d+ received; the last finished at 1\.\d+s$`, o.Lines[0])
	assert.True(t, o.Summarised)
	assert.Equal(t, crowdGet+"\n"+o.Lines[0]+"\n", o.Transcript(), "no packet is printed one by one")
	assert.Greater(t, len(o.Events), 100*8, "the events are all there for the views")

	st := s.State()
	crowd := st.Hosts[len(st.Hosts)-1]
	assert.Equal(t, "crowd", crowd.Name)
	assert.Equal(t, "10.1.0.1", crowd.Addr)
	peers := map[string]bool{}
	for _, so := range st.Hosts[1].Sockets {
		if so.State == "TIME-WAIT" {
			peers[so.Remote] = true
		}
	}
	assert.Len(t, peers, 100, "the HTTP/1.0 server closes first: one TIME-WAIT per client, told apart by the 5-tuple")
	assert.NotEqual(t, ":", anyPeer(peers, "10.1.0.100:"), "client i has the network's i-th address")
}

func anyPeer(peers map[string]bool, prefix string) string {
	for p := range peers {
		if strings.HasPrefix(p, prefix) {
			return p
		}
	}
	return ":"
}

func TestCrowdIsDeterministicAndStartsFromTheSeed(t *testing.T) {
	run := func(seed uint64) (string, string) {
		s := New(seed)
		load(t, s, httpServer)
		o := s.Exec(crowdGet)
		require.Nil(t, o.Err)
		return o.Lines[0], traceJSON(t, s)
	}
	a, ta := run(7)
	b, tb := run(7)
	c, _ := run(8)
	assert.Equal(t, a, b)
	assert.Equal(t, ta, tb, "same lines and seed, same trace")
	assert.NotEqual(t, a, c, "another seed staggers the starts differently")
}

func TestCrowdFillsABacklogOfOne(t *testing.T) {
	s := New(1)
	load(t, s, "server> s = socket(AF_INET, SOCK_STREAM)\nserver> bind(s, 0.0.0.0:80)\nserver> listen(s, 1)\n")
	o := s.Exec("net> crowd 10 from 10.1.0.0/24 over 10ms run c = socket(AF_INET, SOCK_STREAM); connect(c, server:80); close(c)")
	require.Nil(t, o.Err)
	// Nobody accepts: the accept queue holds backlog+1 connections and
	// Linux drops the other SYNs until connect gives up (6 retries, 127 s).
	assert.Contains(t, o.Lines[0], "10 started, 2 connected, 0 refused, 8 timed out")
	assert.Contains(t, o.Lines[0], "the last finished at 127.")
}

func TestCrowdWithoutListenerIsRefused(t *testing.T) {
	s := New(1)
	o := s.Exec("net> crowd 5 from 10.2.0.0/24 run c = socket(AF_INET, SOCK_STREAM); connect(c, server:81); send(c, \"x\")")
	require.Nil(t, o.Err)
	assert.Contains(t, o.Lines[0], "5 started, 0 connected, 5 refused, 0 timed out; 0 bytes sent")
}

func TestCrowdStillRunningSaysWhere(t *testing.T) {
	s := New(1)
	load(t, s, "server> s = socket(AF_INET, SOCK_STREAM)\nserver> bind(s, 0.0.0.0:80)\nserver> listen(s, 8)\n")
	o := s.Exec("net> crowd 3 from 10.1.0.0/24 run c = socket(AF_INET, SOCK_STREAM); connect(c, server:80); recv(c, 10)")
	require.Nil(t, o.Err)
	assert.Contains(t, o.Lines[0], "3 connected")
	assert.Contains(t, o.Lines[0], "3 still running (3 in recv)")
	o = s.Exec("server> a = accept(s)")
	assert.Equal(t, []string{"= 4 (peer " + s.State().Hosts[1].Sockets[1].Remote + ")"}, o.Lines)
}

func TestCrowdRefusesBadLinesWithoutChange(t *testing.T) {
	for _, tc := range []struct{ line, msg string }{
		{"net> crowd 5 from 10.3.0.0/24 run c = socket(AF_INET, SOCK_STREAM); connect(d, server:80)", "no variable `d` in the crowd's script"},
		{"net> crowd 5 from 10.3.0.0/24 run c = socket(AF_INET, SOCK_STREAM); connect(c, nowhere:80)", "no host named nowhere"},
		{"net> crowd 300 from 10.3.0.0/24 run c = socket(AF_INET, SOCK_STREAM)", "room for 254 clients, not 300"},
		{"net> crowd 3 from 10.3.0.1/24 run c = socket(AF_INET, SOCK_STREAM)", "not the first address of a /24"},
		{"net> crowd 3 from 10.0.0.0/24 run c = socket(AF_INET, SOCK_STREAM)", "holds client's address 10.0.0.1"},
		{"net> crowd 3 from 10.3.0.0/24 run c = socket(AF_INET, SOCK_STREAM) close(c)", "unexpected `close` after the call"},
		{`net> crowd 3 from 10.3.0.0/24 run c = socket(AF_INET, SOCK_STREAM); r = http.get(c, "/")`, "takes socket calls, not http.get"},
		{"net> crowd 0 from 10.3.0.0/24 run close(3)", "1 to 10000 clients"},
		{"net> crowd 3 from 10.3.0.0 run close(3)", "expected the clients' network"},
		{"net> crowd 3 from 10.3.0.0/24 over 5 run close(3)", "expected a duration after `over`"},
		{"net> crowd 3 from 10.3.0.0/33 run close(3)", "bad network"},
		{"net> crowd 3 from 10.3.0.0/24 run send(3, 4)", "string"},
	} {
		s := New(1)
		before := s.State()
		o := s.Exec(tc.line)
		require.NotNil(t, o.Err, tc.line)
		assert.Contains(t, o.Err.Error(), tc.msg, tc.line)
		assert.Equal(t, before, s.State(), "%s changed the session", tc.line)
	}
}

func TestCrowdUndoAndSecondCrowd(t *testing.T) {
	s := New(1)
	load(t, s, httpServer)
	first := s.Exec(crowdGet)
	second := s.Exec(strings.Replace(crowdGet, "10.1.0.0/16", "10.2.0.0/16", 1))
	require.Nil(t, second.Err)
	assert.True(t, strings.HasPrefix(second.Lines[0], "crowd2: 100 clients from 10.2.0.0/16"), second.Lines[0])
	s.Undo()
	assert.Len(t, s.State().Hosts, 3)
	again := s.Exec(crowdGet)
	require.NotNil(t, again.Err, "the network is taken by the first crowd")
	assert.NotEmpty(t, first.Lines)
}

func TestStateGroupsConnectionsUnderTheirListener(t *testing.T) {
	s := New(1)
	load(t, s, "server> s = socket(AF_INET, SOCK_STREAM)\nserver> bind(s, 0.0.0.0:80)\nserver> listen(s, 1)\n")
	o := s.Exec("net> crowd 3 from 10.1.0.0/24 over 1ms run c = socket(AF_INET, SOCK_STREAM); connect(c, server:80); recv(c, 10)")
	require.Nil(t, o.Err)
	load(t, s, "server> a = accept(s)\nserver> x = socket(AF_INET, SOCK_STREAM)\n")
	st := s.State()
	server := st.Hosts[1]
	byFD := map[int]SocketState{}
	for _, so := range server.Sockets {
		if so.FD >= 0 {
			byFD[so.FD] = so
		}
	}
	listen := byFD[3]
	require.NotNil(t, listen.Queues)
	assert.Equal(t, ListenQueues{SynQ: 0, SynMax: 2, AcceptQ: 1, AcceptMax: 2}, *listen.Queues, "one accepted, one still queued of backlog+1")
	assert.Equal(t, -1, listen.Listener)
	assert.Equal(t, 3, byFD[4].Listener, "the accepted socket came from fd 3")
	assert.Equal(t, -1, byFD[5].Listener, "a fresh socket came from no listener")
	assert.Nil(t, byFD[5].Queues)
	queued := 0
	for _, so := range server.Sockets {
		if so.FD == -1 && so.Listener == 3 {
			queued++
		}
	}
	assert.Equal(t, 1, queued, "the connection still in the accept queue")
	assert.Greater(t, server.ListenOverflows, 0, "the third client's SYNs met a full accept queue")
	assert.Equal(t, "10.1.0.0/24", st.Hosts[2].Network)
	assert.Empty(t, server.Network)
}

func TestCrowdRunInSlicesIsTheSameRun(t *testing.T) {
	run := func(sliced bool) (string, string, int) {
		s := New(3)
		load(t, s, httpServer)
		reports := 0
		last := -1
		if sliced {
			s.SetProgress(func(done, total int) {
				assert.Equal(t, 100, total)
				assert.GreaterOrEqual(t, done, last, "the count of clients done only grows")
				last = done
				reports++
			})
		}
		o := s.Exec(crowdGet)
		require.Nil(t, o.Err)
		return o.Lines[0], traceJSON(t, s), reports
	}
	line, trace, _ := run(false)
	slicedLine, slicedTrace, reports := run(true)
	assert.Greater(t, reports, 1, "the crowd reported its progress between slices")
	assert.Equal(t, line, slicedLine)
	assert.Equal(t, trace, slicedTrace, "the same events in the same order, sliced or not")
}

// An HTTP/1.0 server answers and closes at once: the answer and the FIN
// arrive together, and a client that reads the answer has the FIN too, as
// a kernel takes in what arrived together before the process runs. So the
// client's close is a passive close (LAST-ACK) and only the server keeps
// TIME-WAIT: on this machine's kernel, 500 such exchanges over loopback
// leave no connection in TIME-WAIT on both ends.
func TestCrowdClientsCloseAfterTheServersFIN(t *testing.T) {
	s := New(1)
	load(t, s, httpServer)
	o := s.Exec(crowdGet)
	require.Nil(t, o.Err)
	passive, simultaneous := 0, 0
	for _, ev := range o.Events {
		if ev.Kind == trace.State && ev.Host == "crowd" {
			switch ev.To {
			case "LAST-ACK":
				passive++
			case "CLOSING":
				simultaneous++
			}
		}
	}
	assert.Equal(t, 100, passive)
	assert.Zero(t, simultaneous)
	tw := map[string]int{}
	for _, h := range s.State().Hosts {
		for _, so := range h.Sockets {
			if so.State == "TIME-WAIT" {
				tw[h.Name]++
			}
		}
	}
	assert.Equal(t, map[string]int{"server": 100}, tw)
}

func TestLoopServesACrowdByHand(t *testing.T) {
	s := New(1)
	load(t, s, "server> s = socket(AF_INET, SOCK_STREAM)\nserver> bind(s, 0.0.0.0:80)\nserver> listen(s, 8)\n")
	o := s.Exec(`net> loop server run a = accept(s); r = recv(a, 1024); send(a, "HTTP/1.0 200 OK\r\n\r\nhello"); close(a)`)
	require.Nil(t, o.Err)
	assert.Equal(t, []string{
		"server runs these calls over and over; now in accept: accept(3): no connection yet"}, o.Lines)
	o = s.Exec(strings.Replace(crowdGet, "crowd 100", "crowd 30", 1))
	require.Nil(t, o.Err)
	assert.Contains(t, o.Lines[0], "30 started, 30 connected, 0 refused, 0 timed out; 540 bytes sent, 720 received")
	served := map[string]bool{}
	for _, so := range s.State().Hosts[1].Sockets {
		if so.State == "TIME-WAIT" {
			served[so.Remote] = true
		}
	}
	assert.Len(t, served, 30, "one accepted socket per client, closed by the server first")
	assert.Len(t, s.State().Hosts[1].Sockets, 1+30, "the listener and the TIME-WAIT sockets: the loop closed each accepted one")
}

func TestLoopStopsWhenAPassWaitsForNothingOrACallFails(t *testing.T) {
	s := New(1)
	load(t, s, "server> s = socket(AF_INET, SOCK_STREAM)\n")
	o := s.Exec("net> loop server run x = socket(AF_INET, SOCK_STREAM); close(x)")
	require.Nil(t, o.Err)
	assert.Equal(t, "the loop stopped at once: a pass of its calls waited for nothing", o.Lines[0])
	o = s.Exec("net> loop server run a = accept(s)")
	require.Nil(t, o.Err)
	assert.Equal(t, "the loop stopped at once: EINVAL", o.Lines[0], "accept on a socket that does not listen")
	for line, msg := range map[string]string{
		"net> loop nowhere run close(3)":             "no host named nowhere",
		"net> loop server run a = accept(t)":         "`t`",
		"net> crowd 2 from 10.1.0.0/24 run close(3)": "",
	} {
		if msg == "" {
			require.Nil(t, s.Exec(line).Err)
			continue
		}
		o := s.Exec(line)
		require.NotNil(t, o.Err, line)
		assert.Contains(t, o.Err.Error(), msg, line)
	}
	o = s.Exec("net> loop crowd run close(3)")
	require.NotNil(t, o.Err)
	assert.Contains(t, o.Err.Error(), "crowd is a crowd")
}
