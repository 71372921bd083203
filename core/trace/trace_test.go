package trace

import (
	"reflect"
	"testing"
)

// Events keep their order and numbers across block boundaries, SetText
// edits in place, and Since copies from any point.
func TestLogAcrossBlocks(t *testing.T) {
	var l Log
	const n = 3*logBlock + 7
	for i := range n {
		l.Add(Event{Line: i})
	}
	if l.Len() != n {
		t.Fatalf("Len %d, want %d", l.Len(), n)
	}
	for i := range n {
		if e := l.At(i); e.Index != i || e.Line != i {
			t.Fatalf("At(%d) is index %d line %d", i, e.Index, e.Line)
		}
	}
	l.SetText(logBlock, "edited")
	for _, from := range []int{-1, 0, 1, logBlock - 1, logBlock, 2*logBlock + 3, n - 1, n, n + 5} {
		got := l.Since(from)
		start := max(from, 0)
		if len(got) != max(n-start, 0) {
			t.Fatalf("Since(%d): %d events, want %d", from, len(got), max(n-start, 0))
		}
		for j, e := range got {
			if e.Index != start+j {
				t.Fatalf("Since(%d)[%d] is event %d", from, j, e.Index)
			}
		}
	}
	if got := l.Events()[logBlock].Text; got != "edited" {
		t.Fatalf("event %d reads %q after At edited it", logBlock, got)
	}
}

// Every field of an event reads back as it was added, whichever of them
// are set.
func TestLogKeepsEveryField(t *testing.T) {
	full := Event{Line: 3, Time: 5, Kind: Send, Host: "client", Packet: 7, From: "client", To: "server",
		Bytes: []byte{0x45, 0}, Label: "GET /", Cause: "data", TCP: &TCPState{Cwnd: 10}, Conn: "10.0.0.1:1 10.0.0.2:80",
		FD: 3, Timer: "retransmit", At: 9, Call: 4, Errno: "EAGAIN", Queue: &QueueState{SynQ: 1}, Text: "text", Relative: "rel"}
	var l Log
	events := []Event{full, {Kind: Note, Text: "only text"}, {}, full}
	events[3].Host, events[3].Call = "server", 0
	for _, e := range events {
		l.Add(e)
	}
	for i, want := range events {
		want.Index = i
		got := l.At(i)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("event %d reads back as\n%+v, want\n%+v", i, got, want)
		}
	}
}

// A packet whose payload repeats one byte is kept as its headers and a
// count once it has arrived or been lost, and reads back byte for byte;
// one in flight, or whose arrival carries other bytes, is kept whole.
func TestLogKeepsARunOfOneByteAsACount(t *testing.T) {
	packet := func(fill byte) []byte {
		b := []byte{0x45, 0, 5, 0xdc, 'x', 'x'}
		for len(b) < 1500 {
			b = append(b, fill)
		}
		return b
	}
	run, lost, flying, other := packet('x'), packet(0), packet('y'), packet('z')
	changed := append([]byte(nil), other...)
	changed[700] = 'q'
	var l Log
	for _, e := range []Event{
		{Kind: Send, Packet: 1, Bytes: run}, {Kind: Send, Packet: 2, Bytes: lost}, {Kind: Send, Packet: 3, Bytes: flying},
		{Kind: Send, Packet: 4, Bytes: other}, {Kind: Deliver, Packet: 1, Bytes: run}, {Kind: Drop, Packet: 2, Bytes: lost},
		{Kind: Deliver, Packet: 4, Bytes: changed},
	} {
		l.Add(e)
	}
	want := [][]byte{run, lost, flying, other, run, lost, changed}
	kept := []int{4, 6, 1500, 1500, 4, 6, 1500}
	for i := range want {
		if got := l.At(i).Bytes; !reflect.DeepEqual(got, want[i]) {
			t.Fatalf("event %d reads back other bytes", i)
		}
		if got := len(l.slot(i).bytes); got != kept[i] {
			t.Fatalf("event %d keeps %d bytes, want %d", i, got, kept[i])
		}
	}
}
