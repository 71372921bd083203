package script

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sockplay/sockplay/core/inet"
)

// The session of the issue, line by line.
var issueScript = []string{
	"server> s = socket(AF_INET, SOCK_STREAM)",
	"server> bind(s, 0.0.0.0:80)",
	"server> listen(s, 5)",
	"server> a = accept(s)          # blocks: no connection yet",
	"client> c = socket(AF_INET, SOCK_STREAM)",
	"client> connect(c, server:80)  # sends the SYN; blocks until the handshake ends",
	"net> step                      # deliver the next packet in flight",
	"net> run                       # deliver until the network is quiet",
	`client> send(c, "GET / HTTP/1.0\r\n\r\n")`,
	"server> recv(a, 1024)",
	"client> close(c)",
	"server> ss                     # this host's sockets, as `ss -tan` prints them",
	"net> wait 2m                   # advance virtual time; timers fire",
}

func TestIssueScriptParses(t *testing.T) {
	for _, text := range issueScript {
		mustParse(t, text)
	}
}

func TestAssignedCall(t *testing.T) {
	line := mustParse(t, "server> s = socket(AF_INET, SOCK_STREAM)  # make it")
	assert.Equal(t, HostLine, line.Kind)
	assert.Equal(t, "server", line.Host)
	assert.Equal(t, 1, line.HostPos.Col)
	assert.Equal(t, "make it", line.Comment)
	stmt := line.Stmt.(*CallStmt)
	assert.Equal(t, &Var{Pos: Pos{9}, Name: "s"}, stmt.Target)
	assert.Equal(t, 9, stmt.Pos.Col)
	call := stmt.Call
	assert.Equal(t, "socket", call.Name)
	assert.Equal(t, 13, call.Pos.Col)
	assert.Equal(t, []Expr{
		&Const{Pos: Pos{20}, Name: "AF_INET", Value: 2},
		&Const{Pos: Pos{29}, Name: "SOCK_STREAM", Value: 1},
	}, call.Args)
	assert.Equal(t, 40, call.Close.Col)
}

func TestArgumentValues(t *testing.T) {
	cases := []struct {
		text  string
		want  Expr // the last argument of the call (first if first), positions ignored
		first bool
	}{
		{"client> send(c, \"a\\r\\n\\t\\\\\\\"\\0\\x41\\101\\7z\")", &String{Value: "a\r\n\t\\\"\x00AA\x07z"}, false},
		{`client> send(c, "é")`, &String{Value: "é"}, false},
		{"client> send(c, \"\")", &String{Value: ""}, false},
		{"client> recv(c, 0x40)", &Int{Value: 64, Base: 16}, false},
		{"client> recv(c, 04000)", &Int{Value: 2048, Base: 8}, false},
		{"client> recv(c, -1)", &Int{Value: -1, Base: 10}, false},
		{"client> recv(c, 0)", &Int{Value: 0, Base: 10}, false},
		{"client> recv(c, n)", &Var{Name: "n"}, false},
		{"client> recv(c, S)", &Var{Name: "S"}, false},
		{"client> recv(c, 1024, MSG_PEEK|MSG_DONTWAIT)", &Or{Terms: []Expr{&Const{Name: "MSG_PEEK", Value: 2}, &Const{Name: "MSG_DONTWAIT", Value: 0x40}}}, false},
		{"client> connect(c, 10.0.0.2:80)", &Address{IP: inet.MustParseAddr("10.0.0.2"), Port: 80}, false},
		{"client> connect(c, server:8080)", &Address{Host: "server", Port: 8080}, false},
		{"server> bind(s, *:80)", &Address{IP: inet.MustParseAddr("0.0.0.0"), Port: 80}, false},
		{"server> bind(s, 0.0.0.0:0)", &Address{IP: inet.MustParseAddr("0.0.0.0"), Port: 0}, false},
		{"server> bind(s, server : 65535)", &Address{Host: "server", Port: 65535}, false},
		{"client> sendto(u, \"x\", 0, NULL)", &Null{}, false},
		{"server> setsockopt(s, SOL_SOCKET, SO_LINGER, {1, 0})", &Struct{Fields: []Expr{&Int{Value: 1, Base: 10}, &Int{Value: 0, Base: 10}}}, false},
		{"server> setsockopt(s, IPPROTO_TCP, TCP_USER_TIMEOUT, 1.5s)", &Duration{Value: 1500 * time.Millisecond}, false},
		{"server> poll([{c, POLLIN}, {a, POLLIN|POLLOUT}], 1000)", &List{Elems: []Expr{
			&Struct{Fields: []Expr{&Var{Name: "c"}, &Const{Name: "POLLIN", Value: 1}}},
			&Struct{Fields: []Expr{&Var{Name: "a"}, &Or{Terms: []Expr{&Const{Name: "POLLIN", Value: 1}, &Const{Name: "POLLOUT", Value: 4}}}}},
		}}, true},
		{"server> poll([], 10ms)", &Duration{Value: 10 * time.Millisecond}, false},
		{"server> http.serve(s, version=1.1)", &Float{Value: 1.1}, false},
	}
	for _, tc := range cases {
		t.Run(tc.text, func(t *testing.T) {
			call := mustParse(t, tc.text).Stmt.(*CallStmt).Call
			got := call.Args[len(call.Args)-1]
			switch {
			case tc.first:
				got = call.Args[0]
			case len(call.Keywords) > 0:
				got = call.Keywords[0].Value
			}
			assert.Equal(t, withoutPositions(tc.want), withoutPositions(got))
		})
	}
}

func TestKeywordArguments(t *testing.T) {
	call := mustParse(t, "server> http.serve(s, version=1.1, idle=5s, max=100)").Stmt.(*CallStmt).Call
	assert.Equal(t, "http.serve", call.Name)
	require.Len(t, call.Keywords, 3)
	assert.Equal(t, &Keyword{Pos: Pos{23}, Name: "version", Value: &Float{Pos: Pos{31}, Value: 1.1}}, call.Keywords[0])
	assert.Equal(t, &Duration{Pos: Pos{41}, Value: 5 * time.Second}, call.Keywords[1].Value)
	assert.Equal(t, &Int{Pos: Pos{49}, Value: 100, Base: 10}, call.Keywords[2].Value)
}

func TestNetCommands(t *testing.T) {
	cases := []struct {
		text string
		args []Expr
	}{
		{"net> step", nil},
		{"net> step 3", []Expr{&Int{Value: 3, Base: 10}}},
		{"net> run", nil},
		{"net> wait 1h30m", []Expr{&Duration{Value: 90 * time.Minute}}},
		{"net> wait 250us", []Expr{&Duration{Value: 250 * time.Microsecond}}},
		{"net> next", nil},
		{"net> list", nil},
		{"net> drop", nil},
		{"net> drop 2", []Expr{&Int{Value: 2, Base: 10}}},
		{"net> dup 1", []Expr{&Int{Value: 1, Base: 10}}},
		{"net> dup 2.5%", []Expr{&Percent{Value: 2.5}}},
		{"net> delay 1 500ms", []Expr{&Int{Value: 1, Base: 10}, &Duration{Value: 500 * time.Millisecond}}},
		{"net> corrupt", nil},
		{"net> corrupt server>client 1%", []Expr{&Direction{From: "server", To: "client"}, &Percent{Value: 1}}},
		{"net> loss 5%", []Expr{&Percent{Value: 5}}},
		{"net> loss client > server 10%", []Expr{&Direction{From: "client", To: "server"}, &Percent{Value: 10}}},
		{"net> reorder 0%", []Expr{&Percent{Value: 0}}},
		{"net> latency 50ms", []Expr{&Duration{Value: 50 * time.Millisecond}}},
		{"net> latency client>server 0.5s", []Expr{&Direction{From: "client", To: "server"}, &Duration{Value: 500 * time.Millisecond}}},
		{"net> bandwidth 10Mbit", []Expr{&Rate{BitsPerSecond: 10_000_000}}},
		{"net> bandwidth 1.5mbit", []Expr{&Rate{BitsPerSecond: 1_500_000}}},
		{"net> bandwidth 56kbit", []Expr{&Rate{BitsPerSecond: 56_000}}},
		{"net> auto off", []Expr{&Name{Name: "off"}}},
		{"net> seed 42", []Expr{&Int{Value: 42, Base: 10}}},
		{"net> host db 10.0.0.3", []Expr{&Name{Name: "db"}, &IP{Addr: inet.MustParseAddr("10.0.0.3")}}},
		{"net> reset", nil},
	}
	for _, tc := range cases {
		t.Run(tc.text, func(t *testing.T) {
			line := mustParse(t, tc.text)
			assert.Equal(t, NetLine, line.Kind)
			assert.Equal(t, "net", line.Host)
			cmd := line.Stmt.(*Command)
			assert.Equal(t, 6, cmd.Pos.Col)
			assert.Equal(t, withoutPositions(tc.args), withoutPositions(cmd.Args))
		})
	}
}

func TestHostAndSessionCommands(t *testing.T) {
	line := mustParse(t, "server> ss -tan")
	assert.Equal(t, HostLine, line.Kind)
	assert.Equal(t, &Command{Pos: Pos{9}, Name: "ss", Args: []Expr{&Flag{Pos: Pos{12}, Letters: "tan"}}}, line.Stmt)
	for _, text := range []string{"client> ss", "client> ss -uan", "client> ss -t", "client> ss -u", "client> tcpdump", "client> tcpdump -S"} {
		assert.Equal(t, HostLine, mustParse(t, text).Kind, text)
	}

	for _, text := range []string{"undo", "net> undo", "client> undo", "goto 0", "net> goto 12", "help", "help connect", "server> help http.serve", "help SO_LINGER"} {
		line := mustParse(t, text)
		assert.Equal(t, SessionLine, line.Kind, text)
		assert.Equal(t, "", line.Host, text)
	}
	line = mustParse(t, "net> goto 12  # back")
	assert.Equal(t, &Command{Pos: Pos{6}, Name: "goto", Args: []Expr{&Int{Pos: Pos{11}, Value: 12, Base: 10}}}, line.Stmt)
	assert.Equal(t, "back", line.Comment)

	// A variable may be named like a command when it is assigned or called.
	line = mustParse(t, "client> help = socket(AF_INET, SOCK_DGRAM)")
	assert.Equal(t, "help", line.Stmt.(*CallStmt).Target.Name)
}

func TestBlankAndCommentLines(t *testing.T) {
	for _, text := range []string{"", "   ", "\t", "server>", "server>   ", "net> "} {
		line := mustParse(t, text)
		assert.Equal(t, &Line{Kind: BlankLine}, line, "%q", text)
	}
	assert.Equal(t, &Line{Kind: CommentLine, Comment: "the handshake"}, mustParse(t, "# the handshake "))
	assert.Equal(t, &Line{Kind: CommentLine, Comment: ""}, mustParse(t, "#"))
	assert.Equal(t, &Line{Kind: CommentLine, Comment: "note"}, mustParse(t, "client> # note"))
	assert.Equal(t, "a # in a comment", mustParse(t, "net> run # a # in a comment").Comment)
	assert.Equal(t, "# inside", mustParse(t, `client> send(c, "# inside")`).Stmt.(*CallStmt).Call.Args[1].(*String).Value)
}

func TestParseStatement(t *testing.T) {
	line, err := ParseStatement("server", "a = accept(s)")
	require.NoError(t, err)
	assert.Equal(t, HostLine, line.Kind)
	assert.Equal(t, "server", line.Host)
	assert.Equal(t, 5, line.Stmt.(*CallStmt).Call.Pos.Col)

	line, err = ParseStatement("net", "loss client>server 10%")
	require.NoError(t, err)
	assert.Equal(t, NetLine, line.Kind)

	line, err = ParseStatement("client", "undo")
	require.NoError(t, err)
	assert.Equal(t, SessionLine, line.Kind)

	line, err = ParseStatement("db", "")
	require.NoError(t, err)
	assert.Equal(t, BlankLine, line.Kind)

	_, err = ParseStatement("client", "bind(s)")
	require.Error(t, err)
	assert.Equal(t, "col 7: bind takes 2 arguments: bind(fd, addr); addr is missing", err.Error())

	_, err = ParseStatement("not a host", "ss")
	require.Error(t, err)

	line, err = ParseStatement("server", "server> listen(s, 5)")
	require.NoError(t, err, "a pasted prompt of the same host is accepted")
	assert.Equal(t, "server> listen(s, 5)", Format(line))
	_, err = ParseStatement("server", "client> listen(s, 5)")
	assert.EqualError(t, err, "col 1: this is server's console, not client's; type it in client's console, or leave the prompt out")
}

func TestColumnsCountCharacters(t *testing.T) {
	// é is two bytes but one column.
	e := parseError(t, `client> send(c, "é", BOGUS)`)
	assert.Equal(t, 22, e.Col)
	// A stray byte that is not UTF-8 is one column too.
	e = parseError(t, "\x80\x80 ss")
	assert.Equal(t, 1, e.Col)
	e = parseError(t, "client> send(c, \"\x80\", BOGUS)")
	assert.Equal(t, 22, e.Col)
}
