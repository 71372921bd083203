package goal

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sockplay/sockplay/core/session"
)

// exampleScript is the script of the example numbered name ("01").
func exampleScript(t *testing.T, name string) string {
	t.Helper()
	paths, _ := filepath.Glob("../examples/scripts/" + name + "-*.sock")
	if len(paths) != 1 {
		t.Fatalf("no example %s", name)
	}
	src, err := os.ReadFile(paths[0])
	if err != nil {
		t.Fatal(err)
	}
	return string(src)
}

// runExample plays an example's script, checking goals after every line,
// and returns their results at the end.
func runExample(t *testing.T, name string, goals ...string) []Result {
	t.Helper()
	src := exampleScript(t, name)
	var gs []*Goal
	for _, g := range goals {
		p, err := Parse(g)
		if err != nil {
			t.Fatalf("%q: %v", g, err)
		}
		gs = append(gs, p)
	}
	s := session.New(1)
	c := NewChecker(gs)
	var last []Result
	for _, line := range strings.Split(src, "\n") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		o := s.Exec(line)
		if o.Err != nil {
			t.Fatalf("%s: %s", o.Input, o.Err.Message)
		}
		last = c.Check(s) // after every line, as the page does
	}
	// Incremental checking agrees with checking once at the end.
	once := NewChecker(gs).Check(s)
	for i := range once {
		if once[i] != last[i] {
			t.Errorf("%s: incremental %+v, at once %+v", goals[i], last[i], once[i])
		}
	}
	return last
}

func TestGoalsOnExamples(t *testing.T) {
	cases := []struct {
		example string
		goal    string
		met     bool
	}{
		{"01", "socket server port 80 ESTABLISHED and socket server port 80 LISTEN", true},
		{"01", "segment client > server [S] delivered before segment server > client [S.]", true},
		{"01", "segment server > client [S.] before segment client > server [S]", false},
		{"01", "count segment [S*] == 2", true},
		{"01", "call client connect returns 0", true},
		{"03", "socket client port 80 TIME-WAIT", false}, // the timer ended it
		{"03", "fired client time-wait", true},
		{"03", "socket server port 80 TIME-WAIT", false},
		{"03", "entered client TIME-WAIT and entered server LAST-ACK", true},
		{"03", "segment client > server [F.]", true},
		{"07", "call client connect fails ECONNREFUSED", true},
		{"07", "call client connect fails ETIMEDOUT", false},
		{"07", "segment server > client [R.]", true},
		{"08", "segment client > server [S] dropped and retransmit timeout from client", true},
		{"08", "retransmit fast", false},
		{"09", "retransmit fast from client and never retransmit timeout", true},
		{"09", "count segment server > client cause dup-ack >= 3", true},
		{"10", "zero-window server > client", true},
		{"10", "segment cause zero-window-probe", true},
		{"12", "icmp port-unreachable server > client", true},
		{"12", "datagram client > server data", true},
		{"15", "count request per connection >= 3", true},
		{"15", "count request per connection >= 4", false},
		{"13", "count request per connection >= 2", false},
		{"14", "count request per connection >= 2", true},
		{"02", "call server recv returns > 0", true},
		{"02", "not call server recv returns > 100000", true},
	}
	for _, c := range cases {
		r := runExample(t, c.example, c.goal)[0]
		if r.Met != c.met {
			t.Errorf("example %s: %q met=%v, want %v", c.example, c.goal, r.Met, c.met)
		}
	}
}

func TestWitnessNamesThePacket(t *testing.T) {
	r := runExample(t, "01", "segment server > client [S.]")[0]
	if !r.Met || r.Packet != 2 || r.Event < 0 {
		t.Fatalf("%+v: want packet 2 as the witness", r)
	}
}

func TestParseErrors(t *testing.T) {
	cases := []struct {
		src string
		col int
		msg string
	}{
		{"socket client TIME_WAIT", 15, "no state TIME_WAIT"},
		{"segment client > server [SX]", 27, "no TCP flag `X`"},
		{"segment [S", 9, "not closed"},
		{"call client connect fails ECONREFUSED", 27, "no errno ECONREFUSED"},
		{"count segment [S] 3", 19, "expected a comparison"},
		{"segment cause retransmit", 15, "no cause retransmit"},
		{"socket client port 70000 LISTEN", 20, "a port is 1 to 65535"},
		{"retransmit and", 15, "expected a goal"},
		{"(segment [S]", 13, "expected `)`"},
		{"segment = 1", 9, "not an operator"},
		{"segment [S] banana", 13, "expected `and`, `or`"},
		{"count call client connect per connection > 1", 27, "only packets are counted per connection"},
		{"", 1, "expected a goal"},
	}
	for _, c := range cases {
		_, err := Parse(c.src)
		e, ok := err.(*Error)
		if !ok {
			t.Errorf("%q: got %v, want an error at col %d", c.src, err, c.col)
			continue
		}
		if e.Col != c.col || !strings.Contains(e.Message, c.msg) {
			t.Errorf("%q: col %d %q, want col %d containing %q", c.src, e.Col, e.Message, c.col, c.msg)
		}
	}
}

func TestUndoStartsOver(t *testing.T) {
	g, _ := Parse("call client connect fails ECONNREFUSED")
	s := session.New(1)
	c := NewChecker([]*Goal{g})
	for _, l := range []string{"client> c = socket(AF_INET, SOCK_STREAM)", "client> connect(c, server:81)", "net> run"} {
		s.Exec(l)
	}
	if !c.Check(s)[0].Met {
		t.Fatal("not met after the refused connect")
	}
	s.Undo()
	s.Undo()
	if c.Check(s)[0].Met {
		t.Fatal("still met after the connect was undone")
	}
}

func TestMonotoneClaims(t *testing.T) {
	for src, want := range map[string]bool{
		"segment [S]":                     true,
		"count retransmit >= 2":           true,
		"count retransmit <= 2":           false,
		"never retransmit":                false,
		"socket client LISTEN":            false,
		"segment [S] and not segment [R]": false,
		"segment [S] before segment [F*]": true,
	} {
		g, err := Parse(src)
		if err != nil {
			t.Fatal(err)
		}
		if g.Monotone() != want {
			t.Errorf("%q: Monotone() = %v", src, g.Monotone())
		}
	}
}

// checkLines runs lines in a fresh session and checks goal at the end.
func checkLines(t *testing.T, goal string, lines ...string) Result {
	t.Helper()
	g, err := Parse(goal)
	if err != nil {
		t.Fatal(err)
	}
	s := session.New(1)
	for _, l := range lines {
		if o := s.Exec(l); o.Err != nil {
			t.Fatalf("%s: %s", l, o.Err.Message)
		}
	}
	return NewChecker([]*Goal{g}).Check(s)[0]
}

// Nagle (RFC 896, Linux's Minshall variant) never lets a small segment
// leave while data is unacknowledged; TCP_NODELAY does.
func TestWhileUnackedSeesNagleHoldBack(t *testing.T) {
	setup := []string{
		"server> s = socket(AF_INET, SOCK_STREAM)", "server> bind(s, 0.0.0.0:80)", "server> listen(s, 5)",
		"client> c = socket(AF_INET, SOCK_STREAM)", "client> connect(c, server:80)", "net> run", "server> a = accept(s)",
	}
	two := []string{`client> send(c, "GET / HTTP/1.1\r\n")`, `client> send(c, "Host: server\r\n\r\n")`, "net> run"}
	const g = "segment client > server data while-unacked"
	if r := checkLines(t, g, append(append([]string{}, setup...), two...)...); r.Met {
		t.Errorf("with Nagle on: %+v", r)
	}
	nodelay := append(append(append([]string{}, setup...), "client> setsockopt(c, IPPROTO_TCP, TCP_NODELAY, 1)"), two...)
	if r := checkLines(t, g, nodelay...); !r.Met || r.Packet != 5 {
		t.Errorf("with TCP_NODELAY the second piece left behind the first: %+v, want packet 5", r)
	}
	if r := checkLines(t, "segment server > client while-unacked", nodelay...); r.Met {
		t.Errorf("an ACK carries no data: %+v", r)
	}
}
