package main

import (
	"testing"

	"github.com/sockplay/sockplay/core/session"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const crowdLines = "server> s = socket(AF_INET, SOCK_STREAM)\nserver> bind(s, 0.0.0.0:80)\nserver> listen(s, 1)\n" +
	"net> crowd 10 from 10.1.0.0/24 over 10ms run c = socket(AF_INET, SOCK_STREAM); connect(c, server:80); close(c)\n"

func TestBridgeCrowdReachesThePageSummedUp(t *testing.T) {
	b := realBridge()
	type event struct {
		Index int
		Kind  string
		Host  string
	}
	outs := value[[]struct{ Events []event }](t, b.Call("load", goArgs{crowdLines}))
	require.Len(t, outs, 4)
	assert.Empty(t, outs[3].Events, "the crowd's line keeps its clients' events in the engine")

	brief := value[struct {
		Events []event
		Next   int
	}](t, b.Call("traceBrief", goArgs{float64(0)}))
	full := value[[]event](t, b.Call("trace", goArgs{float64(0)}))
	assert.Equal(t, len(full), brief.Next)
	assert.Less(t, len(brief.Events), 5)
	for _, e := range brief.Events {
		assert.NotEqual(t, "crowd", e.Host)
	}

	v := value[session.CrowdView](t, b.Call("crowdView", goArgs{}))
	var accept *session.Series
	for i, s := range v.Series {
		if s.Host == "server" && s.FD == 3 && s.Name == "accept" {
			accept = &v.Series[i]
		}
	}
	require.NotNil(t, accept)
	assert.Equal(t, 2, accept.Peak)
	assert.Equal(t, 2, accept.Limit)
	assert.Len(t, accept.Max, session.CrowdBuckets)
	require.NotEmpty(t, v.Drops)
	assert.Equal(t, "server", v.Drops[0].Host)
	require.Len(t, v.Crowds, 1)
	assert.Equal(t, "10.1.0.0/24", v.Crowds[0].Network)
	assert.Contains(t, v.Crowds[0].Summary, "8 timed out")

	c := value[struct {
		Text   string
		Events []event
	}](t, b.Call("crowdClient", goArgs{"crowd", float64(v.Crowds[0].FirstFailed)}))
	assert.Contains(t, c.Text, "never connected")
	assert.NotEmpty(t, c.Events)
	assert.Equal(t, "null", b.Call("crowdClient", goArgs{"crowd", float64(11)}).JSON[len(`{"value":`):len(`{"value":null`)])
}

func TestBridgeTraceBriefSaysWhenTheTraceBeganAgain(t *testing.T) {
	b := realBridge()
	value[[]map[string]any](t, b.Call("load", goArgs{crowdLines}))
	type brief struct{ Next int }
	n := value[brief](t, b.Call("traceBrief", goArgs{float64(0)})).Next
	assert.Equal(t, n, value[brief](t, b.Call("traceBrief", goArgs{float64(n)})).Next, "nothing new")
	value[map[string]any](t, b.Call("exec", goArgs{"net> seed 5"}))
	assert.Equal(t, 0, value[brief](t, b.Call("traceBrief", goArgs{float64(n)})).Next)
}

func TestBridgeStateCountsACrowdsSocketsInsteadOfListingThem(t *testing.T) {
	b := realBridge()
	lines := "server> s = socket(AF_INET, SOCK_STREAM)\nserver> bind(s, 0.0.0.0:80)\nserver> listen(s, 128)\nserver> http.serve(s, version=1.0)\n" +
		`net> crowd 200 from 10.1.0.0/24 run c = socket(AF_INET, SOCK_STREAM); connect(c, server:80); send(c, "GET / HTTP/1.0\r\n\r\n"); recv(c, 65536); close(c)` + "\n"
	value[[]map[string]any](t, b.Call("load", goArgs{lines}))
	r := b.Call("state", goArgs{})
	st := value[session.State](t, r)
	server := st.Hosts[1]
	assert.Len(t, server.Sockets, 1+session.BriefSockets, "the listener and the first of its connections")
	assert.Equal(t, []session.SocketCount{{Listener: 3, State: "TIME-WAIT", N: 200 - session.BriefSockets}}, server.More)
	assert.Less(t, len(r.JSON), 30000, "a few sockets, not 200 of each side")
}

func TestBridgeRunsACrowdInSlicesAndTakesNoOtherCallMeanwhile(t *testing.T) {
	b := realBridge()
	value[[]map[string]any](t, b.Call("load", goArgs{"server> s = socket(AF_INET, SOCK_STREAM)\nserver> bind(s, 0.0.0.0:80)\nserver> listen(s, 128)\nserver> http.serve(s, version=1.0)\n"}))
	reports := 0
	var during Reply
	r := b.CallWithProgress("execOn", goArgs{"net", `crowd 100 from 10.1.0.0/24 run c = socket(AF_INET, SOCK_STREAM); connect(c, server:80); send(c, "GET / HTTP/1.0\r\n\r\n"); recv(c, 65536); close(c)`},
		func(done, total int) {
			reports++
			during = b.Call("state", goArgs{})
		})
	out := value[session.Output](t, r)
	assert.Contains(t, out.Lines[0], "100 connected")
	assert.Greater(t, reports, 1)
	assert.Contains(t, during.JSON, "still running a line", "the page is told to wait while the line is half done")
	assert.NotContains(t, b.Call("state", goArgs{}).JSON, "error", "once it has ended, the bridge answers again")
	assert.Equal(t, []string{"server> s = socket(AF_INET, SOCK_STREAM)", "server> bind(s, 0.0.0.0:80)", "server> listen(s, 128)", "server> http.serve(s, version=1.0)", out.Input},
		value[[]string](t, b.Call("history", goArgs{})))
}
