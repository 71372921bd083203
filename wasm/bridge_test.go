package main

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sockplay/sockplay/core/session"
)

func realBridge() *Bridge {
	return NewBridge(func(seed uint64) Engine { return session.New(seed) }, 1)
}

// reply decodes a JSON reply into its value (or fails on an error reply).
func value[T any](t *testing.T, r Reply) T {
	t.Helper()
	require.False(t, r.Raw, "expected JSON")
	var env struct {
		Value T          `json:"value"`
		Error *CallError `json:"error"`
	}
	require.NoError(t, json.Unmarshal([]byte(r.JSON), &env), r.JSON)
	require.Nil(t, env.Error, r.JSON)
	return env.Value
}

func callError(t *testing.T, r Reply) CallError {
	t.Helper()
	var env struct {
		Error *CallError `json:"error"`
	}
	require.NoError(t, json.Unmarshal([]byte(r.JSON), &env), r.JSON)
	require.NotNil(t, env.Error, "expected an error reply: %s", r.JSON)
	return *env.Error
}

var handshake = []string{
	"server> s = socket(AF_INET, SOCK_STREAM)",
	"server> bind(s, 0.0.0.0:80)",
	"server> listen(s, 5)",
	"server> a = accept(s)",
	"client> c = socket(AF_INET, SOCK_STREAM)",
	"client> connect(c, server:80)",
	"net> run",
}

func TestBridgeRunsAHandshake(t *testing.T) {
	b := realBridge()
	for _, line := range handshake {
		out := value[session.Output](t, b.Call("exec", goArgs{line}))
		require.Nil(t, out.Err, "%s: %+v", line, out.Err)
	}
	st := value[session.State](t, b.Call("state", goArgs{}))
	assert.Equal(t, len(handshake), st.Lines)
	var states []string
	for _, h := range st.Hosts {
		for _, s := range h.Sockets {
			states = append(states, h.Name+" "+s.State)
		}
	}
	assert.Contains(t, states, "client ESTABLISHED")
	assert.Contains(t, states, "server ESTABLISHED")

	events := value[[]json.RawMessage](t, b.Call("trace", goArgs{}))
	require.NotEmpty(t, events)
	later := value[[]json.RawMessage](t, b.Call("trace", goArgs{float64(len(events) - 1)}))
	assert.Len(t, later, 1)

	dump := value[string](t, b.Call("tcpdump", goArgs{"", false}))
	assert.Contains(t, dump, "Flags [S]")
	assert.Contains(t, dump, "10.0.0.1.")

	pcap := b.Call("pcap", goArgs{})
	require.True(t, pcap.Raw, "pcap comes back as bytes")
	require.GreaterOrEqual(t, len(pcap.Bytes), 24)
	magic := binary.LittleEndian.Uint32(pcap.Bytes)
	assert.True(t, magic == 0xa1b2c3d4 || magic == 0xa1b23c4d || binary.BigEndian.Uint32(pcap.Bytes) == 0xa1b2c3d4, "pcap magic %x", pcap.Bytes[:4])

	view := value[*session.PacketView](t, b.Call("packet", goArgs{float64(1)}))
	require.NotNil(t, view)
	assert.Equal(t, 1, view.ID)
	assert.NotEmpty(t, view.Layers)
	assert.Nil(t, value[*session.PacketView](t, b.Call("packet", goArgs{float64(9999)})), "an unknown packet is null")

	hist := value[[]string](t, b.Call("history", goArgs{}))
	assert.Len(t, hist, len(handshake))
	script := value[string](t, b.Call("script", goArgs{}))
	assert.Contains(t, script, "connect(c, server:80)")
}

func TestBridgeUndoGotoResetAndReplayAreDeterministic(t *testing.T) {
	b := realBridge()
	for _, line := range handshake {
		value[session.Output](t, b.Call("exec", goArgs{line}))
	}
	full := value[string](t, b.Call("tcpdump", goArgs{}))
	value[session.Output](t, b.Call("undo", goArgs{}))
	assert.Equal(t, len(handshake)-1, value[session.State](t, b.Call("state", goArgs{})).Lines)
	value[session.Output](t, b.Call("goto", goArgs{float64(3)}))
	assert.Equal(t, 3, value[session.State](t, b.Call("state", goArgs{})).Lines)

	// A second bridge loading the script gives the same capture.
	script := strings.Join(handshake, "\n")
	other := realBridge()
	outs := value[[]session.Output](t, other.Call("load", goArgs{script}))
	assert.Len(t, outs, len(handshake))
	assert.NotEmpty(t, outs[len(outs)-2].Events, "net> run's packets")
	assert.Equal(t, full, value[string](t, other.Call("tcpdump", goArgs{})))
	// load(script, false): the same lines and results without their events,
	// for a page that reads the trace once after (a share link).
	brief := realBridge()
	bare := value[[]session.Output](t, brief.Call("load", goArgs{script, false}))
	require.Len(t, bare, len(outs))
	for i := range bare {
		assert.Empty(t, bare[i].Events)
		outs[i].Events = nil
		assert.Equal(t, outs[i], bare[i])
	}
	assert.Equal(t, full, value[string](t, brief.Call("tcpdump", goArgs{})))

	st := value[session.State](t, other.Call("reset", goArgs{}))
	assert.Equal(t, 0, st.Lines)
	st = value[session.State](t, other.Call("newSession", goArgs{"7"}))
	assert.Equal(t, uint64(7), st.Seed)
}

func TestBridgeCompletesWithJavaScriptCursor(t *testing.T) {
	b := realBridge()
	line := "client> c = soc"
	got := value[completion](t, b.Call("complete", goArgs{line, float64(len(line))}))
	assert.Equal(t, len("client> c = "), got.From)
	assert.Contains(t, got.Candidates, "socket(")

}

// byteCompleter checks the cursor arrives as a byte offset and answers the
// start of the last word as a byte offset, as Session.Complete's contract says.
type byteCompleter struct {
	*session.Session
	gotCursor *int
}

func (c byteCompleter) Complete(line string, cursor int) (int, []string) {
	*c.gotCursor = cursor
	return strings.LastIndex(line[:cursor], " ") + 1, []string{"MSG_DONTWAIT"}
}

func TestBridgeConvertsCompletionPositionsBetweenUTF16AndBytes(t *testing.T) {
	var cursor int
	b := NewBridge(func(seed uint64) Engine { return byteCompleter{session.New(seed), &cursor} }, 1)
	line := `client> send(c, "😀é", MSG_DONT`
	units := len([]rune(line)) + 1 // 😀 is two UTF-16 units
	got := value[completion](t, b.Call("complete", goArgs{line, float64(units)}))
	assert.Equal(t, len(line), cursor, "the engine gets a byte offset")
	assert.Equal(t, units-len("MSG_DONT"), got.From, "JavaScript gets a UTF-16 index")
	assert.Equal(t, []string{"MSG_DONTWAIT"}, got.Candidates)
}

func TestBridgeHelpAndExamples(t *testing.T) {
	b := realBridge()
	assert.Contains(t, value[string](t, b.Call("help", goArgs{})), "connect")
	assert.Contains(t, value[string](t, b.Call("help", goArgs{"connect"})), "SYN")
	exs := value[[]map[string]string](t, b.Call("examples", goArgs{}))
	require.NotEmpty(t, exs)
	for _, ex := range exs {
		assert.NotEmpty(t, ex["title"])
		assert.NotEmpty(t, ex["script"])
	}
}

func TestBridgeRefusesBadArguments(t *testing.T) {
	b := realBridge()
	cases := []struct {
		method string
		args   goArgs
		want   string
	}{
		{"exec", goArgs{}, "needs 1 arguments"},
		{"exec", goArgs{float64(3)}, "must be a string"},
		{"goto", goArgs{"3"}, "must be a number"},
		{"goto", goArgs{2.5}, "not an integer"},
		{"newSession", goArgs{"seed"}, "seed"},
		{"tcpdump", goArgs{"", "yes"}, "boolean"},
		{"nosuch", goArgs{}, "no such method"},
	}
	for _, c := range cases {
		e := callError(t, b.Call(c.method, c.args))
		assert.Contains(t, e.Message, c.want, "%s(%v)", c.method, c.args)
		assert.False(t, e.Panic)
	}
	// A refused line is an Output with an error, not a bridge error.
	out := value[session.Output](t, b.Call("exec", goArgs{"client> bnd(3)"}))
	require.NotNil(t, out.Err)
	assert.Equal(t, 0, out.Line)
}

// flaky is a real session that panics on lines mentioning "boom", as a bug
// in the engine would.
type flaky struct{ *session.Session }

func (f flaky) Exec(line string) session.Output {
	if strings.Contains(line, "boom") {
		panic("boom: index out of range")
	}
	return f.Session.Exec(line)
}

func TestPanicIsAnErrorAndTheSessionIsRebuilt(t *testing.T) {
	b := NewBridge(func(seed uint64) Engine { return flaky{session.New(seed)} }, 1)
	for _, line := range handshake[:3] {
		value[session.Output](t, b.Call("exec", goArgs{line}))
	}
	e := callError(t, b.Call("exec", goArgs{"client> boom"}))
	assert.True(t, e.Panic)
	assert.Equal(t, "exec", e.Method)
	assert.Contains(t, e.Message, "boom")
	assert.Contains(t, e.Recovered, "replayed 3 lines")

	st := value[session.State](t, b.Call("state", goArgs{}))
	assert.Equal(t, 3, st.Lines, "the accepted lines survive")
	out := value[session.Output](t, b.Call("exec", goArgs{handshake[3]}))
	assert.Nil(t, out.Err, "the bridge keeps working")
}

// broken panics in every method (its embedded Engine is nil).
type broken struct{ Engine }

func TestEveryMethodRecoversFromPanics(t *testing.T) {
	args := map[string]goArgs{
		"newSession": {"1"}, "exec": {"net> step"}, "execOn": {"net", "step"}, "complete": {"x", float64(1)},
		"help": {""}, "undo": {}, "goto": {float64(0)}, "reset": {}, "history": {}, "script": {},
		"load": {"net> step"}, "state": {}, "trace": {float64(0)}, "tcpdump": {"", true}, "pcap": {""},
		"packet": {float64(1)}, "examples": {}, "setAbsolute": {true},
	}
	b := NewBridge(func(uint64) Engine { return broken{} }, 1)
	names := make([]string, 0, len(methods))
	for _, m := range methods {
		names = append(names, m.name)
	}
	slices.Sort(names)
	for _, name := range names {
		a, ok := args[name]
		require.True(t, ok, "add %s to this test", name)
		e := callError(t, b.Call(name, a))
		assert.True(t, e.Panic, name)
		assert.Equal(t, name, e.Method)
		assert.NotEmpty(t, e.Recovered)
	}
}

func TestMethodNamesAreUnique(t *testing.T) {
	var names []string
	for _, table := range tables {
		for _, m := range table {
			names = append(names, m.name)
		}
	}
	slices.Sort(names)
	assert.Len(t, slices.Compact(slices.Clone(names)), len(names), "method names are unique across tables")
}

func TestRawRepliesAreOnlyForBytes(t *testing.T) {
	r := valueReply([]string{"a"})
	assert.False(t, r.Raw)
	assert.JSONEq(t, `{"value":["a"]}`, r.JSON)
	assert.True(t, bytes.HasPrefix([]byte(errorReply(CallError{Message: "x"}).JSON), []byte(`{"error":`)))
}

// Issue 16: a recovered panic forgot setAbsolute(true): the rebuilt session
// printed relative sequence numbers again.
func TestRecoveryKeepsTheViewSettings(t *testing.T) {
	b := NewBridge(func(seed uint64) Engine { return flaky{session.New(seed)} }, 1)
	value[bool](t, b.Call("setAbsolute", goArgs{true}))
	for _, line := range handshake {
		value[session.Output](t, b.Call("exec", goArgs{line}))
	}
	e := callError(t, b.Call("exec", goArgs{"client> boom"}))
	require.True(t, e.Panic)
	out := value[session.Output](t, b.Call("exec", goArgs{`client> send(c, "x")`}))
	var sent string
	for _, ev := range out.Events {
		if ev.Kind == "send" {
			sent = ev.Text
		}
	}
	assert.Regexp(t, `seq \d{6,}:\d{6,}`, sent, "absolute sequence numbers after the rebuild")

	// A new session starts relative, and a rebuild then keeps that.
	value[session.State](t, b.Call("newSession", goArgs{"1"}))
	for _, line := range handshake {
		value[session.Output](t, b.Call("exec", goArgs{line}))
	}
	callError(t, b.Call("exec", goArgs{"client> boom"}))
	out = value[session.Output](t, b.Call("exec", goArgs{`client> send(c, "x")`}))
	for _, ev := range out.Events {
		if ev.Kind == "send" {
			assert.Contains(t, ev.Text, "seq 1:2")
		}
	}
}
