package session

import (
	"strconv"
	"strings"

	"github.com/sockplay/sockplay/core/trace"
)

// Transcript is the line as the CLI prints it: the input, then what it
// printed interleaved in order with the packets it put on the wire (as
// tcpdump -nn prints them) and the drops, state changes and timers that
// explain them.
func (o Output) Transcript() string {
	var w strings.Builder
	if o.Input != "" {
		w.WriteString(o.Input + "\n")
	}
	next := 0 // next event to print
	flush := func(upTo int) {
		if o.Summarised {
			return
		}
		for ; next < len(o.Events) && o.first+next < upTo; next++ {
			if s := transcriptEvent(o.Events[next]); s != "" {
				w.WriteString(s + "\n")
			}
		}
	}
	for i, line := range o.Lines {
		if i < len(o.marks) {
			flush(o.marks[i])
		}
		w.WriteString(line + "\n")
	}
	flush(o.first + len(o.Events))
	return w.String()
}

// transcriptEvent is how one event reads in a transcript, "" to leave it
// out: deliveries, calls and results are shown by other lines, and timer
// bookkeeping and RTT samples would drown the packets (the JSON trace and
// the page's event log keep them).
func transcriptEvent(e trace.Event) string {
	switch e.Kind {
	case trace.Send:
		if e.Label != "" && !strings.Contains(e.Text, e.Label) {
			return e.Text + "  [" + e.Label + "]"
		}
		return e.Text
	case trace.Drop, trace.Dup, trace.Delay, trace.Corrupt:
		return "    ** packet " + itoa(e.Packet) + ": " + e.Text
	case trace.State:
		return "    " + socketName(e) + ": " + e.From + " -> " + e.To + reason(e.Text)
	case trace.Fire:
		return "    " + socketName(e) + ": " + timerName(e.Timer) + " timer fired" + reason(e.Text)
	case trace.Note:
		if e.Timer != "" || strings.HasPrefix(e.Text, "RTT sample") {
			return ""
		}
		return "    " + socketName(e) + ": " + e.Text
	}
	return ""
}

// socketName is "client fd 3", or just the host for a connection that has
// no descriptor yet (fds 0-2 are stdio, so 0 means none).
func socketName(e trace.Event) string {
	if e.FD > 0 {
		return e.Host + " fd " + itoa(e.FD)
	}
	return e.Host
}

func timerName(t string) string {
	switch t {
	case "retransmit":
		return "retransmission"
	case "delack":
		return "delayed-ACK"
	case "":
		return "a"
	}
	return t
}

func reason(text string) string {
	if text == "" {
		return ""
	}
	return " (" + text + ")"
}

func itoa(n int) string { return strconv.Itoa(n) }
