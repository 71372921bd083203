package session

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sockplay/sockplay/core/trace"
	"github.com/sockplay/sockplay/core/wire"
)

// tcpSent is the tcpdump flags of every TCP segment host sent in trace
// events from since on.
func tcpSent(t *testing.T, s *Session, host string, since int) []string {
	t.Helper()
	var flags []string
	for _, e := range s.Trace(since) {
		if e.Kind != trace.Send || e.Host != host {
			continue
		}
		p, err := wire.Decode(e.Bytes)
		require.NoError(t, err)
		if p.TCP != nil {
			flags = append(flags, p.TCP.Flags.String())
		}
	}
	return flags
}

// A crashed server forgets its connection without a word; the client's
// data is lost while it is down, and after the reboot its retransmission
// is answered with a reset, which ends the half-open connection (RFC 9293
// 3.5.1 and 3.5.2; Linux answers a segment for no socket with RST).
func TestACrashLeavesAHalfOpenConnectionThatARebootResets(t *testing.T) {
	s := New(4)
	load(t, s, handshake)
	mark := len(s.Trace(0))
	o := s.Exec("net> crash server")
	require.Nil(t, o.Err)
	assert.Equal(t, []string{"server crashed; connections forgotten: 1"}, o.Lines)
	assert.Empty(t, tcpSent(t, s, "server", mark), "a crash sends nothing")
	st := s.State()
	assert.True(t, st.Hosts[1].Down)
	assert.Empty(t, st.Hosts[1].Sockets)
	assert.Empty(t, st.Hosts[1].Names, "the process's variables died with it")
	assert.Equal(t, "ESTABLISHED", st.Hosts[0].Sockets[0].State, "the client does not know")

	o = s.Exec("server> recv(a, 10)")
	require.NotNil(t, o.Err, "a host that is down takes no calls")
	assert.Equal(t, "server is down; net> reboot server brings it back", o.Err.Message)

	load(t, s, "client> send(c, \"hello\")\nnet> step\n")
	drops := 0
	for _, e := range s.Trace(mark) {
		if e.Kind == trace.Drop && e.Text == "server is down" {
			drops++
		}
	}
	assert.Equal(t, 1, drops, "the data reached a host that is down")
	assert.Empty(t, tcpSent(t, s, "server", mark), "a host that is down answers nothing")

	load(t, s, "net> reboot server\nnet> run\n")
	assert.Equal(t, []string{"R"}, tcpSent(t, s, "server", mark), "the retransmission finds no socket and is reset")
	o = s.Exec("client> recv(c, 10)")
	assert.Equal(t, "ECONNRESET", o.Errno)
	assert.False(t, s.State().Hosts[1].Down)
	replays(t, s, 4)
}

// A crash takes the host's timers with it: data it had sent and not yet
// seen acknowledged is never retransmitted. Going back before the crash
// brings the connection, its timers and variables back.
func TestACrashedHostRetransmitsNothingAndUndoBringsItBack(t *testing.T) {
	lines := handshake + "server> send(a, \"x\" * 3000)\n"
	s := New(2)
	load(t, s, lines)
	before := traceJSON(t, s)
	load(t, s, "net> crash server\n")
	mark := len(s.Trace(0))
	load(t, s, "net> drop\nnet> drop\nnet> drop\nnet> wait 1m\n")
	assert.Empty(t, tcpSent(t, s, "server", mark), "no retransmission from a host that crashed")
	s.Goto(8)
	assert.Equal(t, before, traceJSON(t, s))
	assert.Equal(t, map[string]int{"s": 3, "a": 4}, s.State().Hosts[1].Names)
}

// A call the host was blocked in dies with it: no late result, no
// pending call, and after the reboot nothing listens.
func TestACrashEndsTheBlockedCall(t *testing.T) {
	s := New(3)
	load(t, s, "server> s = socket(AF_INET, SOCK_STREAM)\nserver> bind(s, 0.0.0.0:80)\nserver> listen(s, 5)\nserver> a = accept(s)\nnet> crash server\n")
	assert.Nil(t, s.State().Hosts[1].Pending)
	outs := load(t, s, "net> reboot server\nclient> c = socket(AF_INET, SOCK_STREAM)\nclient> connect(c, server:80)\nnet> run\n")
	for _, o := range outs {
		for _, l := range o.Late {
			assert.NotEqual(t, "server", l.Host, "the accept died with the server")
		}
	}
	assert.Equal(t, []string{"R."}, tcpSent(t, s, "server", 0), "a SYN to a port nobody listens on is reset")
	assert.Equal(t, "ECONNREFUSED", outs[3].Late[0].Errno)
}
