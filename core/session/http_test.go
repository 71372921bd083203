package session

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sockplay/sockplay/core/trace"
)

const served = `server> s = socket(AF_INET, SOCK_STREAM)
server> bind(s, 0.0.0.0:80)
server> listen(s, 5)
server> http.serve(s)
client> c = socket(AF_INET, SOCK_STREAM)
client> connect(c, server:80)
net> run
`

func TestHTTPGetBlocksAndFinishesLate(t *testing.T) {
	s := New(1)
	outs := load(t, s, served)
	assert.Equal(t, []string{"= 0"}, outs[3].Lines)

	o := s.Exec(`client> r = http.get(c, "/index.html")`)
	require.Nil(t, o.Err)
	assert.Equal(t, []string{"blocked: http.get(3): waiting for the response to GET /index.html"}, o.Lines)
	st := s.State()
	require.NotNil(t, st.Hosts[0].Pending)
	assert.Equal(t, `r = http.get(c, "/index.html")`, st.Hosts[0].Pending.Text)
	require.Len(t, st.InFlight, 1)
	assert.Equal(t, "GET /index.html HTTP/1.1", st.InFlight[0].Label, "the browser sees what the packet carries")

	o = s.Exec("net> run")
	require.Len(t, o.Late, 1)
	assert.True(t, strings.HasPrefix(o.Late[0].Text, `client> r = http.get(c, "/index.html") = 200`), o.Late[0].Text)
	assert.Equal(t, 200, s.State().Hosts[0].Names["r"], "the status is assigned")
	assert.Contains(t, o.Transcript(), "= 200 OK (text/html, 740 bytes)", "the whole result is in the transcript")
	assert.Contains(t, traceJSON(t, s), `"label":"HTTP/1.1 200 OK"`)
}

func TestHTTPResultsPrintWhenTheyAreThereAlready(t *testing.T) {
	s := New(2)
	load(t, s, served)
	o := s.Exec(`client> http.request(c, "/style.css")`)
	assert.Equal(t, []string{"= 43"}, o.Lines)
	o = s.Exec(`client> http.request(c, "/nowhere")`)
	assert.Equal(t, []string{"= 41"}, o.Lines)
	load(t, s, "net> run\n")
	o = s.Exec("client> http.response(c)")
	assert.Equal(t, []string{"= 200 OK (text/css, 124 bytes)"}, o.Lines)
	o = s.Exec("client> http.response(c)")
	assert.Equal(t, []string{`= 404 Not Found (text/plain, 38 bytes) "/nowhere is not here; try /index.html\n"`}, o.Lines)
}

func TestLibraryCallsReportSocketErrors(t *testing.T) {
	s := New(3)
	load(t, s, served+"client> d = socket(AF_INET, SOCK_STREAM)\n")
	for line, want := range map[string]string{
		`client> http.get(9, "/")`:       "= -1 EBADF (Bad file descriptor)",
		`client> http.get(1, "/")`:       "= -1 ENOTSOCK (Socket operation on non-socket)",
		`client> http.get(d, "/")`:       "= -1 ENOTCONN (Transport endpoint is not connected)",
		`client> ws.connect(d, "/push")`: "= -1 ENOTCONN (Transport endpoint is not connected)",
		`client> http.serve(c)`:          "= -1 EINVAL (Invalid argument)",
		`server> http.serve(s)`:          "= -1 EALREADY (Operation already in progress)",
	} {
		o := s.Exec(line)
		require.Nil(t, o.Err, line)
		assert.Equal(t, []string{want}, o.Lines, line)
	}
}

func TestLibraryCallsRefuseMisuseWithoutChange(t *testing.T) {
	s := New(4)
	load(t, s, served)
	for line, msg := range map[string]string{
		`client> http.response(c)`:                     "no request on this socket waits for its response",
		`client> ws.send(c, "hi")`:                     "no WebSocket is open on this socket",
		`client> ws.recv(c)`:                           "no WebSocket is open on this socket",
		`client> http.get(c, "index.html")`:            `not a path a request can ask for: "index.html"`,
		`client> http.get(c, "/", version=2.0)`:        "version must be 1.0 or 1.1",
		`client> http.get(c, "/", connection="maybe")`: `connection must be "close" or "keep-alive"`,
		`client> http.get(x, "/")`:                     "no variable `x` on client",
		`server> http.serve(s, max=0)`:                 "max must be at least 1",
		`server> http.serve(s, idle=0s)`:               "idle must be a duration from 1ms to 1h",
	} {
		before := len(s.History())
		o := s.Exec(line)
		require.NotNil(t, o.Err, line)
		assert.Equal(t, msg, o.Err.Message, line)
		assert.Equal(t, before, len(s.History()), "a refused line is not recorded")
	}

	load(t, s, `client> http.request(c, "/slow")`+"\n")
	o := s.Exec(`client> http.get(c, "/")`)
	require.NotNil(t, o.Err)
	assert.Equal(t, "1 earlier request(s) on this connection are not answered yet", o.Err.Message)
	assert.Equal(t, "take their responses first with http.response(c)", o.Err.Hint)

	o = s.Exec(`client> http.response(c)`)
	assert.Equal(t, []string{"blocked: http.response(3): waiting for the next response"}, o.Lines)
	o = s.Exec(`client> http.get(c, "/")`)
	require.NotNil(t, o.Err, "the host is blocked")
	assert.True(t, strings.HasPrefix(o.Err.Message, "client is blocked in http.response(c) (line 9)"), o.Err.Message)
}

func TestWebSocketCallsInASession(t *testing.T) {
	s := New(5)
	load(t, s, served)
	o := s.Exec(`client> ws.connect(c, "/push")`)
	assert.Equal(t, []string{"blocked: ws.connect(3): waiting for 101 Switching Protocols"}, o.Lines)
	o = s.Exec("net> run")
	require.Len(t, o.Late, 1)
	assert.Equal(t, `client> ws.connect(c, "/push") = 0`, o.Late[0].Text)

	o = s.Exec(`client> ws.recv(c)`)
	require.Nil(t, o.Err)
	o = s.Exec("net> wait 1s")
	require.Len(t, o.Late, 1)
	assert.Equal(t, `client> ws.recv(c) = 6 "tick 1"`, o.Late[0].Text, "late results of ws.recv read like recv's")
	assert.Contains(t, o.Transcript(), `[WS text "tick 1"]`)

	o = s.Exec(`client> ws.send(c, "\x01\x02", binary=1)`)
	assert.Equal(t, []string{"= 2"}, o.Lines)
	load(t, s, "net> run\n")
	o = s.Exec(`client> ws.recv(c)`)
	assert.Equal(t, []string{`= 2 "\x01\x02"`}, o.Lines)

	o = s.Exec(`client> ws.close(c, code=4000)`)
	require.Nil(t, o.Err)
	load(t, s, "net> run\n")
	o = s.Exec(`client> ws.recv(c)`)
	assert.Equal(t, []string{`= 0 "" (end of stream)`}, o.Lines)
	o = s.Exec(`client> ws.send(c, "late")`)
	assert.Equal(t, []string{"= -1 EPIPE (Broken pipe)"}, o.Lines)
	o = s.Exec(`client> ws.close(c, code=1005)`)
	require.NotNil(t, o.Err)
	assert.Equal(t, "close code 1005 may not be sent", o.Err.Message)
}

func TestWebSocketRefusedUpgrade(t *testing.T) {
	s := New(6)
	load(t, s, served)
	o := s.Exec(`client> ws.connect(c, "/index.html")`)
	require.Nil(t, o.Err)
	load(t, s, "net> run\n")
	st := s.Trace(0)
	var note string
	for _, ev := range st {
		if ev.Kind == trace.Note && strings.Contains(ev.Text, "ws.connect") {
			note = ev.Text
		}
	}
	assert.Equal(t, `ws.connect(c, "/index.html") = -1 ECONNREFUSED (Connection refused): the server answered HTTP/1.1 200 OK`, note)
}

func TestLibraryLinesReplayToTheSameTrace(t *testing.T) {
	script := served + `client> ws.connect(c, "/push")
net> run
client> ws.send(c, "hello")
client> ws.recv(c)
net> run
net> wait 1500ms
client> ws.recv(c)
`
	a, b := New(7), New(7)
	load(t, a, script)
	load(t, b, script)
	load(t, b, "client> ws.ping(c)\nnet> run\n")
	b.Undo()
	b.Undo()
	assert.Equal(t, traceJSON(t, a), traceJSON(t, b), "undo replays the library lines identically, mask keys included")
	assert.Contains(t, traceJSON(t, a), `WS text \"hello\"`)
}

func TestHandWrittenHTTPIsLabelledOnTheWire(t *testing.T) {
	s := New(8)
	load(t, s, served)
	o := s.Exec(`client> send(c, "GET /a HTTP/1.1\r\nHost: server\r\n\r\nGET /style.css HTTP/1.1\r\nHost: server\r\n\r\n")`)
	require.Nil(t, o.Err)
	assert.Contains(t, o.Transcript(), "[GET /a HTTP/1.1 + GET /style.css HTTP/1.1]", "the session appends the label")
	load(t, s, "net> run\n")
	o = s.Exec("client> recv(c, 4096)")
	assert.Contains(t, o.Lines[0], `"HTTP/1.1 404 Not Found\r\n`, "raw recv still works after http.serve")
	var labels []string
	for _, ev := range s.Trace(0) {
		if ev.Kind == trace.Send && ev.Label != "" {
			labels = append(labels, ev.From+": "+ev.Label)
		}
	}
	assert.Equal(t, []string{"client: GET /a HTTP/1.1 + GET /style.css HTTP/1.1", "server: HTTP/1.1 404 Not Found + HTTP/1.1 200 OK"}, labels)
}
