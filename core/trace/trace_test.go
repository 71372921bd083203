package trace

import "testing"

// Events keep their order and numbers across block boundaries, At edits
// in place, and Since copies from any point.
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
	l.At(logBlock).Text = "edited"
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
