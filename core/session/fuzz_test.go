package session

import (
	"encoding/json"
	"strings"
	"testing"
)

// fuzzLines are the pieces FuzzSession builds sessions from: valid calls
// in any order (wrong states, closed fds), network actions and noise.
var fuzzLines = []string{
	"server> s = socket(AF_INET, SOCK_STREAM)", "server> bind(s, 0.0.0.0:80)", "server> listen(s, 1)",
	"server> a = accept(s)", "client> c = socket(AF_INET, SOCK_STREAM)", "client> connect(c, server:80)",
	"client> send(c, \"hello\")", "server> send(a, \"x\" * 3000)", "server> recv(a, 100)", "client> recv(c, 5000)",
	"client> close(c)", "server> close(a)", "client> shutdown(c, SHUT_WR)", "server> shutdown(a, SHUT_RDWR)",
	"client> fcntl(c, F_SETFL, O_NONBLOCK)", "client> setsockopt(c, SOL_SOCKET, SO_LINGER, {1, 0})",
	"client> poll([{c, POLLIN|POLLOUT}], 100)", "server> u = socket(AF_INET, SOCK_DGRAM)",
	"server> bind(u, 0.0.0.0:9)", "client> sendto(c, \"dg\", 0, server:9)", "net> step", "net> run", "net> next",
	"net> wait 1s", "net> drop", "net> dup", "net> corrupt", "net> delay 1 50ms", "net> loss 30%", "net> auto on",
	"net> list", "undo", "goto 2", "server> ss", "client> tcpdump", "net> host db 10.0.0.3", "help connect",
	"client> connect(c, db:80)", "net> reorder 20%", "client> close(3)", "server> recv(4, 10)",
}

// FuzzSession runs random lines and checks the session's promises: no
// panic; a refused line changes nothing; the exported script replays to
// the same trace.
func FuzzSession(f *testing.F) {
	f.Add([]byte{0, 1, 2, 3, 4, 5, 20, 21, 6, 21, 8, 10, 21, 11, 21})
	f.Add([]byte{0, 1, 2, 4, 5, 24, 20, 20, 3, 31, 22, 7, 21})
	f.Add([]byte{17, 18, 4, 19, 21, 32, 33, 34, 36, 37})
	f.Add([]byte{0, 1, 2, 4, 5, 21, 3, 15, 10, 20, 29, 9, 22, 23})
	f.Fuzz(func(t *testing.T, picks []byte) {
		if len(picks) > 40 {
			picks = picks[:40]
		}
		s := New(5)
		for i, p := range picks {
			var line string
			if int(p) < len(fuzzLines) {
				line = fuzzLines[p]
			} else {
				line = string(picks[i:]) // arbitrary bytes as a line
			}
			before := s.Script()
			o := s.Exec(line)
			if o.Err != nil && s.Script() != before {
				t.Fatalf("refused line %q changed the history", line)
			}
		}
		trace, _ := json.Marshal(s.Trace(0))
		replayed := New(5)
		for _, line := range strings.Split(s.Script(), "\n") {
			if line == "" {
				continue
			}
			if o := replayed.Exec(line); o.Err != nil {
				t.Fatalf("exported line %q refused on replay: %v", line, o.Err)
			}
		}
		again, _ := json.Marshal(replayed.Trace(0))
		if string(trace) != string(again) {
			t.Fatalf("replaying the exported script gave another trace:\n%s", s.Script())
		}
	})
}
