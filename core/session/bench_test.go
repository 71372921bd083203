package session

import (
	"strconv"
	"strings"
	"testing"

	"github.com/sockplay/sockplay/core/examples"
)

// BenchmarkExample runs whole examples through a fresh session: what a
// page pays to load and play one.
func BenchmarkExample(b *testing.B) {
	for _, name := range []string{"01-handshake", "09-fast-retransmit", "17-bulk-under-loss"} {
		var script string
		for _, ex := range examples.All() {
			if ex.Name == name {
				script = ex.Script
			}
		}
		if script == "" {
			b.Fatalf("no example %s", name)
		}
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				s := New(1)
				s.Load(script)
			}
		})
	}
}

// BenchmarkTransfer moves 1 MiB from client to server under 5 % loss,
// 64 KiB per write, and reports the virtual bytes moved per real second.
func BenchmarkTransfer(b *testing.B) {
	const size = 1 << 20
	for b.Loop() {
		s := New(1)
		s.Load(handshake + "net> loss 5%\n")
		sent, got := 0, 0
		for got < size {
			if sent < size {
				sent += resultCount(b, s.Exec(`client> send(c, "x" * 65536, MSG_DONTWAIT)`))
			}
			s.Exec("net> run")
			got += resultCount(b, s.Exec("server> recv(a, 1048576, MSG_DONTWAIT)"))
		}
	}
	b.SetBytes(size)
}

// resultCount is the count a send or recv printed, 0 for EAGAIN.
func resultCount(b *testing.B, o Output) int {
	if o.Err != nil || len(o.Lines) == 0 {
		b.Fatalf("%s: %v %v", o.Input, o.Err, o.Lines)
	}
	if strings.HasPrefix(o.Lines[0], "= -1 EAGAIN") {
		return 0
	}
	n, err := strconv.Atoi(strings.Fields(o.Lines[0])[1])
	if err != nil || n <= 0 {
		b.Fatalf("%s printed %q", o.Input, o.Lines[0])
	}
	return n
}

// BenchmarkUndo measures a rewind: undo replays every kept line.
func BenchmarkUndo(b *testing.B) {
	var script string
	for _, ex := range examples.All() {
		if ex.Name == "14-http11-keepalive" {
			script = ex.Script
		}
	}
	s := New(1)
	s.Load(script)
	n := s.State().Lines
	for b.Loop() {
		s.Goto(n - 1)
		s.Goto(n)
	}
}
