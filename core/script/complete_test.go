package script

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestComplete(t *testing.T) {
	vars := []string{"s", "a", "conn"}
	cases := []struct {
		line     string
		cursor   int // -1: end of line
		from     int
		expected []string
	}{
		{"", -1, 0, []string{"client> ", "goto", "help", "net> ", "server> ", "undo"}},
		{"se", -1, 0, []string{"server> "}},
		{"N", -1, 0, []string{"net> "}},
		{"server> li", -1, 8, []string{"listen("}},
		{"server> s = so", -1, 12, []string{"socket("}},
		{"server> s = ", -1, 12, nil}, // filled below: every call
		{"server> http.s", -1, 8, []string{"http.serve("}},
		{"server> t", -1, 8, []string{"tcpdump"}},
		{"server> socket(AF_", -1, 15, []string{"AF_INET", "AF_INET6", "AF_UNIX", "AF_UNSPEC"}},
		{"server> socket(af_in", -1, 15, []string{"AF_INET", "AF_INET6"}},
		{"server> socket(AF_INET, SOCK_S", -1, 24, []string{"SOCK_STREAM"}},
		{"server> socket(AF_INET, SOCK_STREAM|SOCK_N", -1, 36, []string{"SOCK_NONBLOCK"}},
		{"server> socket(AF_INET, SOCK_DGRAM, ", -1, 36, []string{"IPPROTO_ICMP", "IPPROTO_IP", "IPPROTO_TCP", "IPPROTO_UDP", "a", "conn", "s"}},
		{"server> listen(", -1, 15, []string{"a", "conn", "s"}},
		{"server> listen(c", -1, 15, []string{"conn"}},
		{"client> connect(conn, s", -1, 22, []string{"s", "server:"}},
		{"client> sendto(conn, \"x\", 0, N", -1, 29, []string{"NULL"}},
		{"client> setsockopt(s, SOL_SOCKET, SO_RE", -1, 34, []string{"SO_REUSEADDR", "SO_REUSEPORT"}},
		{"client> setsockopt(s, IPPROTO_TCP, TCP_KEEPI", -1, 35, []string{"TCP_KEEPIDLE", "TCP_KEEPINTVL"}},
		{"client> recv(s, 10, MSG_P", -1, 20, []string{"MSG_PEEK"}},
		{"client> poll([{s, POLLI", -1, 18, []string{"POLLIN"}},
		{"client> poll([{s, POLLIN}, {c", -1, 28, []string{"conn"}},
		{"client> shutdown(s, SHUT_", -1, 20, []string{"SHUT_RD", "SHUT_RDWR", "SHUT_WR"}},
		{"server> http.serve(s, v", -1, 22, []string{"version="}},
		{"server> http.serve(s, version=1.1, ", -1, 35, []string{"idle=", "max="}},
		{"server> http.serve(s, idle=", -1, 27, []string{"a", "conn", "s"}},
		{"client> send(s, \"li", -1, 17, nil},
		{"client> close(s)  # li", -1, 20, nil},
		{"net> ", -1, 5, nil}, // filled below: every net and session command
		{"net> lo", -1, 5, []string{"loop", "loss"}},
		{"net> auto ", -1, 10, []string{"off", "on"}},
		{"net> loss ", -1, 10, []string{"client>server", "server>client"}},
		{"net> loss client>", -1, 17, []string{"server"}},
		{"net> wait ", -1, 10, nil},
		{"server> ss -", -1, 11, []string{"-a", "-n", "-t", "-tan", "-u", "-uan"}},
		{"server> tcpdump ", -1, 16, []string{"-S"}},
		{"help conn", -1, 5, []string{"connect"}},
		{"server> help SO_LI", -1, 13, []string{"SO_LINGER"}},
		{"s = soc", -1, 4, nil},
		// The cursor in the middle: only the text before it counts.
		{"server> lis(s, 5)", 11, 8, []string{"listen("}},
		// Columns count characters.
		{"client> send(s, \"é\", MSG_P", -1, 21, []string{"MSG_PEEK"}},
		// Cursors out of range are clamped.
		{"server> li", 99, 8, []string{"listen("}},
		{"server> li", -5, 0, []string{"client> ", "goto", "help", "net> ", "server> ", "undo"}},
	}
	for _, tc := range cases {
		t.Run(tc.line, func(t *testing.T) {
			cursor := tc.cursor
			if cursor == -1 {
				cursor = len([]rune(tc.line))
			}
			from, got := Complete(tc.line, cursor, vars)
			assert.Equal(t, tc.from, from)
			switch tc.line {
			case "server> s = ":
				assert.Len(t, got, len(Default().Calls()))
				assert.Contains(t, got, "accept(")
				assert.Contains(t, got, "ws.send(")
			case "net> ":
				assert.Contains(t, got, "step")
				assert.Contains(t, got, "undo")
				assert.NotContains(t, got, "ss")
			default:
				assert.Equal(t, tc.expected, got)
			}
		})
	}
}

func TestCompleteStatement(t *testing.T) {
	from, got := Default().CompleteStatement("net", "ste", 3, []string{"client", "server", "db"}, nil)
	assert.Equal(t, 0, from)
	assert.Equal(t, []string{"step"}, got)

	from, got = Default().CompleteStatement("server", "a = acc", 7, nil, nil)
	assert.Equal(t, 4, from)
	assert.Equal(t, []string{"accept("}, got)

	_, got = Default().Complete("d", 1, []string{"client", "server", "db"}, nil)
	assert.Equal(t, []string{"db> "}, got)
}
