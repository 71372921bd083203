package session

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const handshake = `server> s = socket(AF_INET, SOCK_STREAM)
server> bind(s, 0.0.0.0:80)
server> listen(s, 5)
server> a = accept(s)
client> c = socket(AF_INET, SOCK_STREAM)
client> connect(c, server:80)
net> run
`

func load(t *testing.T, s *Session, script string) []Output {
	t.Helper()
	outs := s.Load(script)
	for _, o := range outs {
		require.Nil(t, o.Err, "%s: %v", o.Input, o.Err)
	}
	return outs
}

func traceJSON(t *testing.T, s *Session) string {
	b, err := json.Marshal(s.Trace(0))
	require.NoError(t, err)
	return string(b)
}

func TestResultsPrintAsAShellSessionShowsThem(t *testing.T) {
	s := New(1)
	outs := load(t, s, handshake)
	assert.Equal(t, []string{"= 3"}, outs[0].Lines)
	assert.Equal(t, []string{"blocked: accept(3): no connection yet"}, outs[3].Lines)
	assert.Contains(t, outs[5].Lines[0], "blocked: connect(3)")
	run := outs[6]
	require.Len(t, run.Late, 2, "the network finished both blocked calls")
	assert.Equal(t, 6, run.Late[0].Line)
	assert.Equal(t, "client> connect(c, server:80) = 0", run.Late[0].Text)
	assert.Equal(t, 4, run.Late[1].Line)
	assert.True(t, strings.HasPrefix(run.Late[1].Text, "server> a = accept(s) = 4 (peer 10.0.0.1:"), run.Late[1].Text)
	assert.Equal(t, 4, s.State().Hosts[1].Names["a"], "a late result assigns its variable")

	o := s.Exec(`client> send(c, "hi\r\n")`)
	assert.Equal(t, []string{"= 4"}, o.Lines)
	s.Exec("net> run")
	o = s.Exec("server> recv(a, 100)")
	assert.Equal(t, []string{`= 4 "hi\r\n"`}, o.Lines)
	o = s.Exec("client> connect(c, server:80)")
	assert.Equal(t, []string{"= -1 EISCONN (Transport endpoint is already connected)"}, o.Lines)
}

func TestABadLineChangesNothing(t *testing.T) {
	s := New(1)
	load(t, s, handshake)
	before, script := traceJSON(t, s), s.Script()
	state, _ := json.Marshal(s.State())
	for _, line := range []string{
		"server> lisen(s, 5)",
		"server> listen(s)",
		"server> listen(nosuch, 5)",
		"server> send(c, \"x\")",
		"client> connect(c, nowhere:80)",
		"dbserver> socket(AF_INET, SOCK_STREAM)",
		"net> drop 999",
		"net> loss 150%",
		"client> send(c, \"unterminated)",
		"goto 99",
	} {
		o := s.Exec(line)
		require.NotNil(t, o.Err, line)
		assert.NotEmpty(t, o.Err.Message, line)
		assert.Zero(t, o.Line, line)
	}
	after, _ := json.Marshal(s.State())
	assert.Equal(t, before, traceJSON(t, s))
	assert.Equal(t, script, s.Script())
	assert.JSONEq(t, string(state), string(after))
}

func TestErrorsPointAtTheColumnWithAHint(t *testing.T) {
	s := New(1)
	load(t, s, handshake)
	o := s.Exec("server> send(c, \"x\")")
	require.NotNil(t, o.Err)
	assert.Equal(t, 14, o.Err.Col)
	assert.Contains(t, o.Err.Hint, "belongs to client")

	o = s.Exec("client> connect(c, sever:80)")
	require.NotNil(t, o.Err)
	assert.Contains(t, o.Err.Hint, "`server`")

	s2 := New(1)
	load(t, s2, "server> s = socket(AF_INET, SOCK_STREAM)\nserver> bind(s, 0.0.0.0:80)\nserver> listen(s, 5)\nserver> a = accept(s)\n")
	o = s2.Exec("server> close(s)")
	require.NotNil(t, o.Err)
	assert.Contains(t, o.Err.Message, "server is blocked in a = accept(s) (line 4)")
	assert.Contains(t, o.Err.Hint, "net> run")
	o = s2.Exec("server> ss")
	assert.Nil(t, o.Err, "a blocked host still shows its sockets")
}

func TestUndoReplaysAsIfTheLineWasNeverTyped(t *testing.T) {
	direct := New(7)
	load(t, direct, handshake+"client> send(c, \"one\")\nnet> run\n")

	s := New(7)
	load(t, s, handshake+"client> send(c, \"two!\")\nnet> run\n")
	require.Nil(t, s.Undo().Err)
	require.Nil(t, s.Undo().Err)
	load(t, s, "client> send(c, \"one\")\nnet> run\n")
	assert.Equal(t, traceJSON(t, direct), traceJSON(t, s))
	assert.Equal(t, direct.Script(), s.Script())
}

func TestGotoGoesBackAndForward(t *testing.T) {
	s := New(3)
	load(t, s, handshake)
	full := traceJSON(t, s)
	o := s.Exec("goto 3")
	require.Nil(t, o.Err)
	assert.Equal(t, 3, s.State().Lines)
	assert.Equal(t, 7, s.State().Total)
	assert.Equal(t, "LISTEN", s.State().Hosts[1].Sockets[0].State)
	assert.Empty(t, s.State().Hosts[0].Sockets)
	require.Nil(t, s.Goto(7).Err)
	assert.Equal(t, full, traceJSON(t, s))
	s.Goto(5)
	load(t, s, "net> run\n")
	assert.Equal(t, 6, s.State().Total, "a new line drops the lines after it")
}

func TestSameLinesAndSeedGiveTheSameTrace(t *testing.T) {
	script := handshake + "net> loss 20%\nclient> send(c, \"" + strings.Repeat("x", 500) + "\")\nnet> run\n"
	a, b := New(42), New(42)
	load(t, a, script)
	load(t, b, script)
	assert.Equal(t, traceJSON(t, a), traceJSON(t, b))
	c := New(43)
	load(t, c, script)
	assert.NotEqual(t, traceJSON(t, a), traceJSON(t, c), "the seed matters")
}

func TestStateShowsSocketsAndSequenceVariables(t *testing.T) {
	s := New(1)
	load(t, s, handshake)
	st := s.State()
	require.Len(t, st.Hosts, 2)
	client := st.Hosts[0]
	require.Len(t, client.Sockets, 1)
	sock := client.Sockets[0]
	assert.Equal(t, "ESTABLISHED", sock.State)
	assert.Equal(t, "ESTAB", sock.SSState)
	assert.Equal(t, "10.0.0.2:80", sock.Remote)
	require.NotNil(t, sock.TCP)
	assert.Equal(t, sock.TCP.ISS+1, sock.TCP.SndNxt)
	assert.Equal(t, 1448, sock.TCP.MSS, "1460 less 12 bytes of timestamps, as Linux reports it")
	require.NotNil(t, sock.Last)
	assert.Equal(t, "ESTABLISHED", sock.Last.To)
	assert.Nil(t, client.Pending)
}

func TestInFlightAndPacketControl(t *testing.T) {
	s := New(1)
	load(t, s, "server> s = socket(AF_INET, SOCK_STREAM)\nserver> bind(s, 0.0.0.0:80)\nserver> listen(s, 5)\n"+
		"client> c = socket(AF_INET, SOCK_STREAM)\nclient> connect(c, server:80)\n")
	st := s.State()
	require.Len(t, st.InFlight, 1)
	syn := st.InFlight[0]
	assert.Contains(t, syn.Summary, "Flags [S]")
	assert.False(t, strings.HasPrefix(syn.Summary, "00:"), "the summary has no time")

	view, ok := s.Packet(syn.ID)
	require.True(t, ok)
	require.Len(t, view.Layers, 2)
	assert.Equal(t, "IPv4", view.Layers[0].Name)
	assert.Equal(t, "TCP", view.Layers[1].Name)
	assert.Contains(t, view.Hex, "00000000  45 00 00 3c")
	var opts []string
	for _, f := range view.Layers[1].Fields {
		if f.Name == "Option" {
			opts = append(opts, f.Value)
		}
	}
	assert.Equal(t, []string{"MSS 1460", "SACK permitted", opts[2], "nop", "window scale 7 (×128)"}, opts)

	o := s.Exec("net> corrupt")
	require.Nil(t, o.Err)
	view, _ = s.Packet(syn.ID)
	assert.Contains(t, strings.Join(view.Problems, " "), "checksum")
	load(t, s, "net> step\n")
	assert.Equal(t, 1, s.State().Hosts[1].Dropped, "the server discards the corrupted SYN")

	o = s.Exec("net> list")
	assert.Equal(t, []string{"nothing in flight"}, o.Lines)
}

func TestTranscriptInterleavesPacketsWithResults(t *testing.T) {
	s := New(1)
	outs := load(t, s, handshake)
	text := outs[5].Transcript()
	lines := strings.Split(strings.TrimSpace(text), "\n")
	assert.Equal(t, "client> connect(c, server:80)", lines[0])
	assert.Contains(t, text, "Flags [S], seq ")
	assert.True(t, strings.HasPrefix(lines[len(lines)-1], "blocked: connect(3)"))
	assert.Less(t, strings.Index(text, "Flags [S]"), strings.Index(text, "blocked:"), "the SYN leaves before connect blocks")
}

func TestExportedCapturesAgree(t *testing.T) {
	s := New(1)
	load(t, s, handshake)
	dump := s.Tcpdump("", false)
	assert.Equal(t, 3, strings.Count(dump, "\n"))
	assert.Contains(t, s.Tcpdump("client", false), "Flags [S.]")
	assert.Equal(t, []byte{0xd4, 0xc3, 0xb2, 0xa1}, s.Pcap("")[:4])
	var sends []string
	for _, e := range s.Trace(0) {
		if e.Kind == "send" {
			sends = append(sends, e.Text)
		}
	}
	assert.Equal(t, dump, strings.Join(sends, "\n")+"\n", "the trace's packet lines are the capture's tcpdump lines")
}

func TestHelpAndCompletion(t *testing.T) {
	s := New(1)
	assert.Contains(t, s.Help("connect"), "ECONNREFUSED")
	o := s.Exec("help listen")
	require.Nil(t, o.Err)
	assert.Contains(t, strings.Join(o.Lines, "\n"), "backlog")
	require.NotNil(t, o.Help, "a help line names its topic, for the reader's language")
	assert.Equal(t, "listen", *o.Help)
	o = s.ExecOn("server", "help")
	require.NotNil(t, o.Help)
	assert.Equal(t, "", *o.Help, "the index")
	assert.Nil(t, s.Exec("net> step").Help, "any other line names none")
	assert.Nil(t, s.Exec(`client> x = "help"`).Help)
	load(t, s, "client> conn = socket(AF_INET, SOCK_STREAM)\n")
	from, cands := s.Complete("client> connect(co", len("client> connect(co"))
	assert.Equal(t, len("client> connect("), from)
	assert.Contains(t, cands, "conn")
	_, cands = s.CompleteOn("server", "lis", 3)
	assert.Contains(t, cands, "listen(")
}

func TestExecOnTakesConsoleInput(t *testing.T) {
	s := New(1)
	o := s.ExecOn("server", "s = socket(AF_INET, SOCK_STREAM)")
	require.Nil(t, o.Err)
	assert.Equal(t, "server> s = socket(AF_INET, SOCK_STREAM)", o.Input)
	o = s.ExecOn("server", "bind(s, 0.0.0.0:80")
	require.NotNil(t, o.Err)
	o = s.ExecOn("net", "step")
	assert.Nil(t, o.Err)
}

func TestCompletionOffsetsAreBytesAfterNonASCIIText(t *testing.T) {
	s := New(1)
	line := `client> send(c, "😀", MSG_DONT`
	from, cands := s.Complete(line, len(line))
	assert.Equal(t, len(line)-len("MSG_DONT"), from)
	assert.Contains(t, cands, "MSG_DONTWAIT")
	text := `send(c, "é", MSG_DONT`
	from, _ = s.CompleteOn("client", text, len(text))
	assert.Equal(t, len(text)-len("MSG_DONT"), from)
}

func TestDeliverTakesAPacketAheadOfTheOthers(t *testing.T) {
	s := New(1)
	load(t, s, handshake+`client> setsockopt(c, IPPROTO_TCP, TCP_NODELAY, 1)
client> send(c, "one")
client> send(c, "two")
`)
	flights := s.State().InFlight
	require.Len(t, flights, 2)
	o := s.Exec("net> deliver " + strconv.Itoa(flights[1].ID))
	require.Nil(t, o.Err)
	load(t, s, "net> run\n")
	o = s.Exec("server> recv(a, 100)")
	assert.Equal(t, []string{`= 6 "onetwo"`}, o.Lines, "TCP reassembles the reordered segments")
	assert.NotNil(t, s.Exec("net> deliver 999").Err)
}

func TestReceivedBytesPrintAsAScriptString(t *testing.T) {
	s := New(1)
	load(t, s, handshake+"client> send(c, \"h\\xc3\\xa9\\x01\\\"\\n\")\nnet> run\n")
	o := s.Exec("server> recv(a, 100)")
	assert.Equal(t, []string{`= 6 "hé\x01\"\n"`}, o.Lines, "printable UTF-8 as it is, the rest escaped")
	load(t, s, "client> send(c, \"y\" * 300)\nnet> run\n")
	o = s.Exec("server> recv(a, 1000)")
	assert.Equal(t, `= 300 "`+strings.Repeat("y", 200)+`"...`, o.Lines[0])
}

func TestSOErrorNamesThePendingError(t *testing.T) {
	s := New(1)
	load(t, s, "client> c = socket(AF_INET, SOCK_STREAM)\nclient> fcntl(c, F_SETFL, O_NONBLOCK)\n")
	assert.Equal(t, []string{"= -1 EINPROGRESS (Operation now in progress)"}, s.Exec("client> connect(c, server:80)").Lines)
	s.Exec("net> run") // no listener: the server answers the SYN with a RST
	assert.Equal(t, []string{"= 0 (111: ECONNREFUSED, Connection refused)"}, s.Exec("client> getsockopt(c, SOL_SOCKET, SO_ERROR)").Lines)
	assert.Equal(t, []string{"= 0 (0: no pending error)"}, s.Exec("client> getsockopt(c, SOL_SOCKET, SO_ERROR)").Lines, "reading it clears it")
	assert.Equal(t, []string{"= 0 (131072)"}, s.Exec("client> getsockopt(c, SOL_SOCKET, SO_RCVBUF)").Lines, "other options print their value")
}
