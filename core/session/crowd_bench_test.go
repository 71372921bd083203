package session

import (
	"strconv"
	"strings"
	"testing"
)

// crowdScale is the scale workload: each client connects, sends a
// 1 KB request, reads the answer and closes.
func crowdScale(n int) string {
	return `net> crowd ` + strconv.Itoa(n) + ` from 10.1.0.0/16 run c = socket(AF_INET, SOCK_STREAM); connect(c, server:80); send(c, "GET / HTTP/1.0\r\nX-Pad: ` + strings.Repeat("x", 1000) + `\r\n\r\n"); recv(c, 65536); close(c)`
}

// BenchmarkCrowd runs a crowd of 1,000 against http.serve from a fresh
// session: what the page pays for the line.
func BenchmarkCrowd(b *testing.B) {
	line := crowdScale(1000)
	for b.Loop() {
		s := New(1)
		s.Load(httpServer)
		o := s.Exec(line)
		if o.Err != nil {
			b.Fatal(o.Err.Message)
		}
	}
}
