package session

import (
	"runtime"
	"strconv"
	"strings"
	"testing"
)

// crowdScale is the scale workload: each client connects, sends a
// 1 KB request, reads the answer and closes.
func crowdScale(n int) string {
	return `net> crowd ` + strconv.Itoa(n) + ` from 10.1.0.0/16 run c = socket(AF_INET, SOCK_STREAM); connect(c, server:80); send(c, "GET / HTTP/1.0\r\nX-Pad: ` + strings.Repeat("x", 1000) + `\r\n\r\n"); recv(c, 65536); close(c)`
}

// BenchmarkCrowd runs crowds of 1,000 and 10,000 against http.serve from
// a fresh session, what the page pays for the line, and reports the heap
// the session keeps per client once the line is done (its trace, the
// server's TIME-WAIT sockets, the clients' records).
func BenchmarkCrowd(b *testing.B) {
	for _, n := range crowdSizes {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			line := crowdScale(n)
			var live float64
			for b.Loop() {
				var before, after runtime.MemStats
				runtime.GC()
				runtime.ReadMemStats(&before)
				s := New(1)
				s.Load(httpServer)
				if o := s.Exec(line); o.Err != nil || !strings.Contains(o.Lines[0], strconv.Itoa(n)+" connected") {
					b.Fatal(o.Lines, o.Err)
				}
				runtime.GC()
				runtime.ReadMemStats(&after)
				live = float64(after.HeapAlloc-before.HeapAlloc) / float64(n)
				runtime.KeepAlive(s)
			}
			b.ReportMetric(live, "live-B/client")
		})
	}
}

var crowdSizes = []int{1000, 10000}
