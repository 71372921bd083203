package session

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sockplay/sockplay/core/limits"
)

// ok runs a line that must be accepted and returns what it printed.
func ok(t *testing.T, s *Session, line string) []string {
	t.Helper()
	o := s.Exec(line)
	require.Nil(t, o.Err, "%s: %v", line, o.Err)
	return o.Lines
}

// refusedLine runs a line that must be refused, changing nothing.
func refusedLine(t *testing.T, s *Session, line, msg string) *Error {
	t.Helper()
	before, trace := s.Script(), traceJSON(t, s)
	o := s.Exec(line)
	require.NotNil(t, o.Err, line)
	assert.Contains(t, o.Err.Message+" "+o.Err.Hint, msg, line)
	assert.Equal(t, before, s.Script(), "a refused line changes nothing")
	assert.Equal(t, trace, traceJSON(t, s))
	return o.Err
}

// Issue 16: recv allocated its length, so these panicked or ran out of
// memory; in the browser recv(c, 4290000000) killed the Go runtime.
func TestRecvWithHugeLengthsIsHarmless(t *testing.T) {
	s := New(1)
	load(t, s, handshake)
	assert.Equal(t, []string{"= -1 EAGAIN (Resource temporarily unavailable)"}, ok(t, s, "client> recv(c, 9223372036854775807, MSG_DONTWAIT)"))
	assert.Equal(t, []string{"= -1 EAGAIN (Resource temporarily unavailable)"}, ok(t, s, "client> recv(c, 4290000000, MSG_DONTWAIT)"))
	assert.Equal(t, []string{"= -1 EAGAIN (Resource temporarily unavailable)"}, ok(t, s, "client> recv(c, -1, MSG_DONTWAIT)"))
	assert.Contains(t, ok(t, s, "client> recv(c, 68719476736)")[0], "blocked: recv(3)")
	ok(t, s, `server> send(a, "hello")`)
	o := s.Exec("net> run")
	require.Len(t, o.Late, 1)
	assert.Equal(t, `client> recv(c, 68719476736) = 5 "hello"`, o.Late[0].Text)
	replays(t, s, 1)
}

// Issue 16: "ab" * 9223372036854775807 panicked in strings.Repeat.
func TestRepeatOverflowIsRefused(t *testing.T) {
	s := New(1)
	load(t, s, handshake)
	refusedLine(t, s, `client> send(c, "ab" * 9223372036854775807)`, "too much data")
}

// Issue 16: `net> delay 1 2000000h` twice made a packet arrive at
// -1124095h; `net> latency 2562047h` made replies arrive at once.
func TestTimesNeverWrap(t *testing.T) {
	s := New(1)
	load(t, s, "server> s = socket(AF_INET, SOCK_STREAM)\nserver> bind(s, 0.0.0.0:80)\nserver> listen(s, 5)\n"+
		"client> c = socket(AF_INET, SOCK_STREAM)\nclient> connect(c, server:80)\n")
	refusedLine(t, s, "net> delay 1 2000000h", "too long")
	refusedLine(t, s, "net> latency 2562047h", "too long")
	ok(t, s, "net> delay 1 1000000h")
	ok(t, s, "net> delay 1 1000000h")
	st := s.State()
	require.Len(t, st.InFlight, 1)
	assert.Equal(t, limits.End, st.InFlight[0].ArriveAt, "saturated at the end of time")
	assert.GreaterOrEqual(t, st.InFlight[0].ArriveAt, st.InFlight[0].SentAt)

	s = New(1)
	load(t, s, "net> latency 1000000h\n"+handshake)
	for _, f := range s.State().InFlight {
		assert.GreaterOrEqual(t, f.ArriveAt, f.SentAt)
	}
	for _, e := range s.Trace(0) {
		if e.Kind == "deliver" {
			assert.GreaterOrEqual(t, e.Time, 1000000*time.Hour, "a reply does not arrive at once")
		}
	}
	refusedLine(t, s, "net> wait 1s", "virtual time ends at")
}

// Issue 16: poll(…, 9223372036854) timed out after 1 ms (the product
// wrapped). poll's timeout is a C int of milliseconds.
func TestPollTimeoutIsACInt(t *testing.T) {
	s := New(1)
	load(t, s, handshake)
	refusedLine(t, s, "client> poll([{c, POLLIN}], 9223372036854)", "does not fit in an int")
	refusedLine(t, s, "client> poll([{c, POLLIN}], 1000000h)", "too long for poll's timeout")
	assert.Contains(t, ok(t, s, "client> poll([{c, POLLIN}], 2147483647)")[0], "blocked")
	p := s.State().Hosts[0].Pending
	require.NotNil(t, p)
	pend := s.st.w.Host("client").Pending()
	assert.Equal(t, s.st.w.Now()+2147483647*time.Millisecond, pend.Deadline, "24.8 days, not 1 ms")
}

func TestIntegerArgumentsAreCInts(t *testing.T) {
	s := New(1)
	load(t, s, handshake)
	refusedLine(t, s, "client> close(4294967299)", "does not fit in an int")
	refusedLine(t, s, "server> listen(s, -9223372036854775807)", "does not fit in an int")
	refusedLine(t, s, "client> fcntl(c, F_SETFL, 0x100000800)", "does not fit in an int")
	assert.Equal(t, []string{"= 0"}, ok(t, s, "server> listen(s, -1)"), "a negative backlog is somaxconn, as on Linux")
}

// SO_RCVTIMEO and SO_SNDTIMEO from the script: a duration or a struct
// timeval; getsockopt prints the timeval Linux gives back.
func TestTimeoutOptionsFromTheScript(t *testing.T) {
	s := New(1)
	load(t, s, handshake)
	assert.Equal(t, []string{"= 0 ({0, 0})"}, ok(t, s, "server> getsockopt(a, SOL_SOCKET, SO_RCVTIMEO)"))
	ok(t, s, "server> setsockopt(a, SOL_SOCKET, SO_RCVTIMEO, 1ms)")
	assert.Equal(t, []string{"= 0 ({0, 4000})"}, ok(t, s, "server> getsockopt(a, SOL_SOCKET, SO_RCVTIMEO)"), "rounded to a jiffy")
	ok(t, s, "server> setsockopt(a, SOL_SOCKET, SO_RCVTIMEO, {2, 500000})")
	assert.Equal(t, []string{"= 0 ({2, 500000})"}, ok(t, s, "server> getsockopt(a, SOL_SOCKET, SO_RCVTIMEO)"))
	assert.Equal(t, []string{"= -1 EDOM (Numerical argument out of domain)"}, ok(t, s, "server> setsockopt(a, SOL_SOCKET, SO_RCVTIMEO, {0, 1000000})"))
	assert.Equal(t, []string{"= -1 EINVAL (Invalid argument)"}, ok(t, s, "server> setsockopt(a, SOL_SOCKET, SO_SNDTIMEO, 5)"))
	ok(t, s, "server> setsockopt(a, SOL_SOCKET, SO_RCVTIMEO, 200ms)")
	assert.Contains(t, ok(t, s, "server> recv(a, 10)")[0], "blocked")
	o := s.Exec("net> wait 1s")
	require.Len(t, o.Late, 1)
	assert.Equal(t, "server> recv(a, 10) = -1 EAGAIN (Resource temporarily unavailable)", o.Late[0].Text)
	replays(t, s, 1)

	ok(t, s, "client> setsockopt(c, IPPROTO_TCP, TCP_USER_TIMEOUT, 1.5s)")
	assert.Equal(t, []string{"= 0 (1500)"}, ok(t, s, "client> getsockopt(c, IPPROTO_TCP, TCP_USER_TIMEOUT)"))
	ok(t, s, "client> setsockopt(c, IPPROTO_TCP, TCP_KEEPIDLE, 2m)")
	assert.Equal(t, []string{"= 0 (120)"}, ok(t, s, "client> getsockopt(c, IPPROTO_TCP, TCP_KEEPIDLE)"))
	refusedLine(t, s, "client> setsockopt(c, SOL_SOCKET, SO_KEEPALIVE, 2s)", "takes an integer, not a duration")
	refusedLine(t, s, "client> setsockopt(c, IPPROTO_TCP, TCP_USER_TIMEOUT, 1000000h)", "too long")
}

// Issue 16: a 10 MB line cost a gigabyte to refuse, and its echo came back
// whole.
func TestOverlongLinesAreRefusedCheaply(t *testing.T) {
	s := New(1)
	line := "client> close(" + strings.Repeat(",", 10<<20) + ")"
	refusedLine(t, s, line, "a line is at most 65536")
	o := s.Exec(line)
	assert.Less(t, len(o.Input), 200, "the echo is cut short")
	outs := s.Load(strings.Repeat("net> list\n", limits.ScriptBytes/10+1))
	require.Len(t, outs, 1)
	assert.Contains(t, outs[0].Err.Message, "a script is at most")
}
