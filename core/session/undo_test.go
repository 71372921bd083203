package session

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sockplay/sockplay/core/stack"
)

// replays checks the promise the history exists for: the exported script,
// run in a new session with the same first seed, gives the same trace.
func replays(t *testing.T, s *Session, seed uint64) {
	t.Helper()
	again := New(seed)
	again.SetAbsolute(s.absolute)
	load(t, again, s.Script())
	assert.Equal(t, traceJSON(t, s), traceJSON(t, again), "the exported script replays to the same trace:\n%s", s.Script())
	assert.Equal(t, s.State().Seed, again.State().Seed)
}

// Issue 16: `net> seed 5`, then undo (or goto 0), left the session on seed
// 5 with an empty history, so the exported script replayed differently.
func TestUndoingASeedLineRestoresTheSeed(t *testing.T) {
	for _, back := range []string{"undo", "goto 0"} {
		s := New(1)
		require.Nil(t, s.Exec("net> seed 5").Err)
		assert.Equal(t, uint64(5), s.State().Seed)
		require.Nil(t, s.Exec(back).Err)
		assert.Equal(t, uint64(1), s.State().Seed, back)
		assert.Empty(t, s.Script())
		load(t, s, handshake)
		replays(t, s, 1)
	}
}

// A seed line mid-session is a line like any other: it starts a fresh
// network with its seed, and undo brings back what was there before.
func TestSeedLineIsPartOfTheHistory(t *testing.T) {
	s := New(1)
	load(t, s, handshake)
	before := traceJSON(t, s)
	o := s.Exec("net> seed 9")
	require.Nil(t, o.Err)
	assert.Equal(t, []string{"a fresh network with seed 9"}, o.Lines)
	assert.Equal(t, 8, o.Line)
	assert.Empty(t, s.State().Hosts[1].Sockets, "a fresh network")
	load(t, s, handshake)
	assert.Equal(t, uint64(9), s.State().Seed)
	assert.True(t, strings.HasPrefix(s.Script(), "server> s = socket"), s.Script())
	assert.Contains(t, s.Script(), "\nnet> seed 9\n")
	replays(t, s, 1)

	s.Goto(7)
	assert.Equal(t, uint64(1), s.State().Seed)
	assert.Equal(t, before, traceJSON(t, s), "the lines before the seed line, as they were")
	s.Goto(15)
	assert.Equal(t, uint64(9), s.State().Seed, "and forward again")
	replays(t, s, 1)
}

// Issue 16: `net> reset` wiped every host, socket and line although its
// help said it only clears link settings. It does what help says, as a
// line of the history that undo takes back.
func TestResetPutsTheLinksBackAndIsUndoable(t *testing.T) {
	s := New(1)
	load(t, s, handshake+"net> loss 30%\nnet> latency client>server 50ms\nnet> bandwidth server>client 1Mbit\n")
	o := s.Exec("net> reset")
	require.Nil(t, o.Err)
	assert.Equal(t, 11, o.Line)
	assert.Contains(t, o.Lines[0], "every link back to its defaults")
	for _, dir := range [][2]string{{"client", "server"}, {"server", "client"}} {
		l := s.st.w.Link(dir[0], dir[1])
		assert.Zero(t, l.Loss, dir)
		assert.Zero(t, l.Bandwidth, dir)
		assert.Equal(t, "10ms", l.Latency.String(), dir)
	}
	assert.Len(t, s.State().Hosts[1].Sockets, 2, "sockets stay")
	assert.Zero(t, s.st.w.Link("client", "client").Latency, "loopback stays instantaneous")
	help := s.Help("reset")
	assert.Contains(t, help, "defaults")
	assert.Contains(t, help, "Hosts, sockets")

	require.Nil(t, s.Exec("undo").Err)
	assert.Equal(t, 0.3, s.st.w.Link("client", "server").Loss, "undo brings the settings back")
	assert.Equal(t, "50ms", s.st.w.Link("client", "server").Latency.String())
	replays(t, s, 1)
}

// Issue 16: network settings without a direction cost O(hosts³) (1,500
// hosts made `net> loss 5%` take 19 s). They cost the settings made.
func TestLinkSettingsWithoutADirectionReachEveryLink(t *testing.T) {
	s := New(1)
	load(t, s, "net> host db 10.0.0.3\nnet> latency client>db 70ms\nnet> loss 5%\n")
	for _, dir := range [][2]string{{"client", "server"}, {"db", "client"}, {"client", "db"}, {"server", "db"}} {
		assert.Equal(t, 0.05, s.st.w.Link(dir[0], dir[1]).Loss, dir)
	}
	assert.Equal(t, "70ms", s.st.w.Link("client", "db").Latency.String(), "other settings stay")
	assert.Zero(t, s.st.w.Link("db", "db").Loss)
	load(t, s, "net> host late 10.0.0.4\n")
	assert.Equal(t, 0.05, s.st.w.Link("late", "client").Loss, "a host added later gets the setting too")
}

func TestHostsAreBounded(t *testing.T) {
	s := New(1)
	var b strings.Builder
	for i := 2; i < 256; i++ {
		b.WriteString("net> host h" + itoa(i) + " 10.1." + itoa(i/200) + "." + itoa(i%200+1) + "\n")
	}
	load(t, s, b.String())
	before := s.Script()
	o := s.Exec("net> host h256 10.2.0.1")
	require.NotNil(t, o.Err)
	assert.Contains(t, o.Err.Message, "at most 256 hosts")
	assert.Equal(t, before, s.Script())
}

// A line that panics inside the engine is taken back: it never joins the
// history (before, the bridge's replay met it again and lost every line),
// the session is as it was before it, and view settings survive.
func TestAPanickingLineIsTakenBack(t *testing.T) {
	s := New(1)
	s.SetAbsolute(true)
	load(t, s, handshake)
	script, trace, state := s.Script(), traceJSON(t, s), s.State()
	s.st.w.SetLabeler(func(*stack.Host, int, uint32, []byte) string { panic("boom: index out of range") })
	o := s.Exec(`client> send(c, "hello")`)
	require.NotNil(t, o.Err)
	assert.True(t, o.Err.Panic)
	assert.Contains(t, o.Err.Message, "boom")
	assert.Zero(t, o.Line)
	assert.Equal(t, script, s.Script(), "the line is not in the history")
	assert.Equal(t, trace, traceJSON(t, s), "the session is as it was before the line")
	assert.Equal(t, state, s.State())
	assert.True(t, s.absolute && s.st.printer.Absolute, "view settings survive")

	o = s.Exec(`client> send(c, "hello")`)
	require.Nil(t, o.Err, "the rebuilt engine works")
	assert.Equal(t, 8, o.Line)
	assert.Contains(t, o.Transcript(), "seq 4", "absolute sequence numbers, as set before the panic")
	replays(t, s, 1)
}
