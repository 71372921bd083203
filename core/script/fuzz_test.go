package script

import (
	"strings"
	"testing"
)

// fuzzSeeds cover every construct; they also feed the round-trip test.
var fuzzSeeds = []string{
	"", "#", "# note", "server>", "undo", "goto 3", "help", "help http.serve",
	"server> s = socket(AF_INET, SOCK_STREAM|SOCK_NONBLOCK, IPPROTO_TCP)",
	"server> bind(s, *:80)", "client> connect(c, 10.0.0.2:8080)",
	`client> send(c, "a\r\n\t\\\"\0\x7f\101é", MSG_NOSIGNAL)`,
	"client> recv(c, 0x400, 0)", "client> recv(c, -1)", "client> fcntl(c, F_SETFL, 04000)",
	"client> sendto(u, \"x\", 0, NULL)", "client> recvfrom(u, 512)",
	"server> setsockopt(s, SOL_SOCKET, SO_LINGER, {1, 0})",
	"server> setsockopt(s, IPPROTO_TCP, TCP_USER_TIMEOUT, 1.5s)",
	"server> poll([{s, POLLIN}, {a, POLLIN|POLLOUT|POLLRDHUP}], 1000)",
	"server> poll({s, POLLIN}, 2s)",
	"server> http.serve(s, version=1.1, idle=5s, max=100)",
	"client> http.get(c, \"/index.html\", version=1.0)",
	"client> ws.connect(c, \"/push\")", "client> ws.send(c, \"hi\")",
	"server> ss -tan", "client> tcpdump -S", "server> sysctl -w net.core.somaxconn=8 tcp_abort_on_overflow=1", "server> sysctl -a",
	"net> step 2", "net> run", "net> wait 2m", "net> next", "net> list", "net> drop 1",
	"net> dup 1", "net> dup client>server 5%", "net> delay 1 200ms", "net> corrupt 2",
	"net> loss client>server 10%", "net> latency 50ms", "net> bandwidth 10Mbit",
	"net> reorder 2.5%", "net> auto on", "net> seed 7", "net> host db 10.0.0.3", "net> reset",
	"server> bind(s, 10.0.0.2)", `client> send(c, "abc`, "net> wait 5", "server> lisen(s, 5)",
	"client> close([[[[[[[[[[1]]]]]]]]]])",
}

func splitLines(s string) []string { return strings.Split(s, "\n") }

// FuzzParseLine: no input panics, and any accepted line formats to text
// that parses back to the same line.
func FuzzParseLine(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		line, err := ParseLine(text)
		if err != nil {
			return
		}
		assertRoundTrip(t, text, line)
	})
}

// FuzzComplete: no line or cursor makes completion panic, and what it
// proposes replaces text that lies within the line.
func FuzzComplete(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s, len(s)/2)
		f.Add(s, len(s))
	}
	f.Fuzz(func(t *testing.T, text string, cursor int) {
		from, _ := Complete(text, cursor, []string{"s", "c"})
		if from < 0 || from > len([]rune(text)) || (cursor >= 0 && from > cursor) {
			t.Fatalf("replaceFrom %d out of range for %q at %d", from, text, cursor)
		}
		_, _ = Default().CompleteStatement("net", text, cursor, []string{"client", "server"}, nil)
	})
}
