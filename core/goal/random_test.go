package goal

import (
	"math/rand/v2"
	"testing"

	"github.com/sockplay/sockplay/core/internal/sessiontest"
	"github.com/sockplay/sockplay/core/session"
)

// randomLines are what random sessions are made of: the shared calls and
// more in any order (wrong states, closed fds), loss, duplication, crashes, undo and goto,
// so that the checker sees resets, retransmissions, refused lines and
// rebuilt sessions.
var randomLines = append(append([]string(nil), sessiontest.Calls...),
	"client> connect(c, server:81)", "client> setsockopt(c, SOL_SOCKET, SO_LINGER, {1, 0})", "client> setsockopt(c, IPPROTO_TCP, TCP_NODELAY, 1)",
	"server> setsockopt(a, SOL_SOCKET, SO_RCVBUF, 100)", "server> u = socket(AF_INET, SOCK_DGRAM)",
	"server> bind(u, 0.0.0.0:9)", "client> d = socket(AF_INET, SOCK_DGRAM)", "client> sendto(d, \"dg\", 0, server:9)",
	"client> sendto(d, \"dg\", 0, server:10)", "server> http.serve(s)", `client> http.get(c, "/")`,
	"net> step", "net> run", "net> run", "net> run", "net> next", "net> wait 1s", "net> wait 2m", "net> drop", "net> dup", "net> loss 30%",
	"net> loss 0%", "net> crash server", "net> reboot server", "undo", "goto 3",
)

// establish is a connection: a random session starts with part of it.
var establish = []string{"server> s = socket(AF_INET, SOCK_STREAM)", "server> bind(s, 0.0.0.0:80)", "server> listen(s, 2)",
	"client> c = socket(AF_INET, SOCK_STREAM)", "client> connect(c, server:80)", "net> run", "server> a = accept(s)"}

// randomGoals use every construct of the language.
var randomGoals = []string{
	"socket server port 80 LISTEN", "socket client ESTABLISHED", "socket * TIME-WAIT",
	"segment client > server [S]", "segment server > client [S.] delivered", "segment * > * [R*] dropped",
	"segment from client data cause data", "segment to client no-data win 0", "segment from client while-unacked",
	"retransmit", "retransmit timeout from client", "retransmit fast", "retransmit recovery",
	"zero-window server > client", "request", "count request per connection >= 2", "count request == 0",
	"datagram client > server", "icmp port-unreachable", "call client connect", "call * * fails",
	"call client connect fails ECONNREFUSED", "call server recv returns > 0", "call client recv returns 0",
	"entered client TIME-WAIT", "entered * CLOSED", "fired * retransmit", "fired client time-wait", "fired * *",
	"never retransmit", "never segment [R*]", "count segment >= 5", "count segment per connection < 4",
	"count segment client > server data != 2", "segment [S] before segment [F*]", "call client connect before segment [S.]",
	"not socket client ESTABLISHED", "(entered client TIME-WAIT or entered server TIME-WAIT) and never retransmit timeout",
	"retransmit and not zero-window or count datagram > 0",
}

// TestGoalsOnRandomSessions is the goal language's property test: on
// random sessions, checked after every line as the page does, no goal
// panics (the session would report a panic in a line; the checker has no
// recovery, so one would fail the test), a goal that claims to be
// monotone stays met once met, and checking after every line gives what
// checking once at the end gives (witness included).
func TestGoalsOnRandomSessions(t *testing.T) {
	goals := make([]*Goal, len(randomGoals))
	for i, src := range randomGoals {
		g, err := Parse(src)
		if err != nil {
			t.Fatalf("%q: %v", src, err)
		}
		goals[i] = g
	}
	rounds, lines := 200, 30
	if testing.Short() {
		rounds = 40
	}
	met := make([]int, len(goals))
	for round := range rounds {
		rng := rand.New(rand.NewPCG(uint64(round), 10))
		s := session.New(uint64(round))
		c := NewChecker(goals)
		was := make([]bool, len(goals))
		// Most sessions start from a connection (or part of the way to
		// one), so that the random lines after it have something to act on.
		script := append([]string(nil), establish[:rng.IntN(len(establish)+1)]...)
		for _, line := range script {
			s.Exec(line)
		}
		for range lines {
			line := randomLines[rng.IntN(len(randomLines))]
			script = append(script, line)
			if o := s.Exec(line); o.Err != nil && o.Err.Panic {
				t.Fatalf("round %d: %q panicked: %s", round, line, o.Err.Message)
			}
			rebuilt := line == "undo" || line == "goto 3"
			for i, r := range c.Check(s) {
				if goals[i].Monotone() && was[i] && !r.Met && !rebuilt {
					t.Errorf("round %d: %q was met and no longer is after %q\n%v", round, randomGoals[i], line, script)
				}
				was[i] = r.Met
			}
		}
		last := c.Check(s)
		for i, r := range NewChecker(goals).Check(s) {
			if r != last[i] {
				t.Errorf("round %d: %q: after every line %+v, at once %+v\n%v", round, randomGoals[i], last[i], r, script)
			}
			if r.Met {
				met[i]++
			}
		}
	}
	// The property says little about a goal no random session meets.
	for i, n := range met {
		if n == 0 {
			t.Logf("no random session met %q", randomGoals[i])
		}
	}
}
