package session

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/sockplay/sockplay/core/trace"
)

func TestSysctlReadsAndSets(t *testing.T) {
	s := New(1)
	assert.Equal(t, []string{"net.core.somaxconn = 4096", "net.ipv4.tcp_max_syn_backlog = 2048", "net.ipv4.tcp_syncookies = 0", "net.ipv4.tcp_abort_on_overflow = 0"},
		ok(t, s, "server> sysctl -a"))
	assert.Equal(t, []string{"net.core.somaxconn = 16", "net.ipv4.tcp_abort_on_overflow = 1"},
		ok(t, s, "server> sysctl -w net.core.somaxconn=16 tcp_abort_on_overflow=1"))
	assert.Equal(t, []string{"net.ipv4.tcp_abort_on_overflow = 1"}, ok(t, s, "server> sysctl net.ipv4.tcp_abort_on_overflow"))
	assert.Equal(t, []string{"net.ipv4.tcp_abort_on_overflow = 0"}, ok(t, s, "client> sysctl tcp_abort_on_overflow"), "each host has its own")

	// listen() caps its backlog at somaxconn when it is called.
	ok(t, s, "server> l = socket(AF_INET, SOCK_STREAM)")
	ok(t, s, "server> listen(l, 1000)")
	assert.Equal(t, 17, s.State().Hosts[1].Sockets[0].Queues.AcceptMax, "backlog 16 admits 17")

	for range 5 {
		ok(t, s, "undo")
	}
	assert.Equal(t, []string{"net.core.somaxconn = 4096"}, ok(t, s, "server> sysctl somaxconn"), "undo takes a setting back")
}

func TestSysctlRefusesBadLinesWithoutChange(t *testing.T) {
	s := New(1)
	for line, msg := range map[string]string{
		"server> sysctl nosuch=1":                       "sysctl: cannot stat /proc/sys/nosuch: No such file or directory",
		"server> sysctl tcp_abort_on_overflow=1 nosuch": "cannot stat /proc/sys/nosuch",
		"server> sysctl net.core.somaxconn=-1":          `sysctl: setting key "net.core.somaxconn": Invalid argument`,
		"server> sysctl tcp_abort_on_overflow=256":      "Invalid argument (0 to 255)",
		"server> sysctl -w tcp_abort_on_overflow":       `"tcp_abort_on_overflow" must be of the form name=value`,
		"server> sysctl":                                "sysctl needs a setting's name, or -a",
		"server> sysctl -a somaxconn":                   "takes no names",
		"server> sysctl -x":                             "unknown flag -x",
		"server> sysctl somaxconn=1s":                   "expected a whole number after `=`",
		"server> sysctl somaxconn=99999999999":          "expected a whole number",
		"net> sysctl -a":                                "`sysctl` is a host command",
	} {
		refusedLine(t, s, line, msg)
	}
	assert.Equal(t, []string{"net.ipv4.tcp_abort_on_overflow = 0"}, ok(t, s, "server> sysctl tcp_abort_on_overflow"))
}

// A crowd against a listener nobody accepts from: three clients' final
// ACKs meet a full accept queue. Without tcp_abort_on_overflow the ACKs
// are dropped, the clients believe they are connected and the server
// resends its SYN-ACK until it gives up; with it, each ACK is answered
// at once by a reset. Either way those clients' calls fail with
// ECONNRESET, in the end.
func TestSysctlAbortOnOverflowResetsACrowd(t *testing.T) {
	crowd := `net> crowd 10 from 10.1.0.0/24 over 50ms run c = socket(AF_INET, SOCK_STREAM); connect(c, server:80); send(c, "GET / HTTP/1.0\r\n\r\n"); recv(c, 100)`
	for abort, resets := range map[string]int{"0": 0, "1": 3} {
		s := New(1)
		load(t, s, "server> sysctl tcp_abort_on_overflow="+abort+"\nserver> s = socket(AF_INET, SOCK_STREAM)\nserver> bind(s, 0.0.0.0:80)\nserver> listen(s, 4)\n")
		o := ok(t, s, crowd)
		assert.Contains(t, o[0], "10 started, 8 connected, 0 refused, 2 timed out, 3 failed (ECONNRESET 3);")
		assert.Contains(t, o[0], "5 still running (5 in recv)", "the accept queue's backlog+1 wait to be served")
		reset, dropped := 0, 0
		for _, e := range s.Trace(0) {
			switch {
			case e.Kind == trace.Drop && strings.HasPrefix(e.Text, "accept queue full and tcp_abort_on_overflow set"):
				reset++
			case e.Kind == trace.Drop && strings.HasPrefix(e.Text, "accept queue full: the handshake's ACK is dropped"):
				dropped++
			}
		}
		assert.Equal(t, resets, reset, "handshakes reset: tcp_abort_on_overflow=%s", abort)
		assert.Equal(t, resets == 0, dropped > 0, "final ACKs dropped: tcp_abort_on_overflow=%s", abort)
	}
}

// SYN cookies let a listener of backlog 4 take a crowd of 200 that
// arrives within 10 ms: without them the SYN queue holds five
// handshakes and drops the other SYNs, whose retransmissions come back
// as close together, so few get in before connect gives up.
func TestSysctlSynCookiesServeACrowd(t *testing.T) {
	crowd := `net> crowd 200 from 10.1.0.0/24 over 10ms run c = socket(AF_INET, SOCK_STREAM); connect(c, server:80); send(c, "GET / HTTP/1.0\r\n\r\n"); recv(c, 1000); close(c)`
	for cookies, want := range map[string]string{
		"0": "200 started, 35 connected, 0 refused, 165 timed out;",
		"1": "200 started, 200 connected, 0 refused, 0 timed out;",
		"2": "200 started, 200 connected, 0 refused, 0 timed out;",
	} {
		s := New(1)
		load(t, s, "server> sysctl tcp_syncookies="+cookies+"\nserver> s = socket(AF_INET, SOCK_STREAM)\nserver> bind(s, 0.0.0.0:80)\nserver> listen(s, 4)\nserver> http.serve(s, version=1.0)\n")
		assert.Contains(t, ok(t, s, crowd)[0], want, "tcp_syncookies=%s", cookies)
	}
}
