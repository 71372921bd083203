package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/sockplay/sockplay/core/analysis"
	"github.com/sockplay/sockplay/core/session"
)

// stats are the -z arguments, in order, as tshark takes them.
type stats []string

func (z *stats) String() string     { return strings.Join(*z, " ") }
func (z *stats) Set(v string) error { *z = append(*z, v); return nil }

// analyze runs a script and prints the analysis of its wire capture the
// way tshark -q -z prints its statistics.
func analyze(args []string, stdin io.Reader, stdout, stderr io.Writer, rd reader) int {
	fs := flag.NewFlagSet("analyze", flag.ContinueOnError)
	fs.SetOutput(stderr)
	seed := fs.Uint64("seed", 1, "seed of the session's randomness")
	var z stats
	fs.Var(&z, "z", "expert, conv,tcp, conv,udp, follow,tcp,ascii,N or follow,udp,ascii,N (repeatable)")
	display := fs.String("Y", "", "print the packets this display filter selects, with their tags")
	host := fs.String("host", "", "read the capture of tcpdump on this host, with the tags that hold there (-Y and -z expert)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() != 1 {
		fmt.Fprint(stderr, rd.usage())
		return 2
	}
	var filter *analysis.Filter
	if *display != "" {
		if len(z) > 0 {
			fmt.Fprintln(stderr, "sockplay: -Y prints packets, -z statistics: give one or the other")
			return 2
		}
		f, err := analysis.ParseFilter(*display)
		if err != nil {
			fe := err.(*analysis.FilterError)
			fmt.Fprintf(stderr, "sockplay: -Y: %s\n  %s\n  %s^\n", err, *display, strings.Repeat(" ", fe.Col-1))
			return 2
		}
		filter = f
	}
	if len(z) == 0 && filter == nil {
		z = stats{"expert"}
	}
	for _, st := range z {
		q, err := parseStat(st)
		if err != nil {
			fmt.Fprintf(stderr, "sockplay: -z %s: %v\n", st, err)
			return 2
		}
		if *host != "" && q.kind != "expert" {
			fmt.Fprintf(stderr, "sockplay: -z %s: --host applies to -Y and -z expert; conversations and streams are the wire's\n", st)
			return 2
		}
	}
	name := fs.Arg(0)
	src, err := readInput(name, stdin)
	if err != nil {
		fmt.Fprintf(stderr, "sockplay: %v\n", err)
		return 1
	}
	s := session.New(*seed)
	status := execLines(s, rd, name, src, stderr, func(session.Output) bool { return true }, func() error { return nil })
	if *host != "" && !hasHost(s, *host) {
		fmt.Fprintf(stderr, "sockplay: --host %s: the script has no host %q\n", *host, *host)
		return 1
	}
	a := analysis.Analyze(s.Trace(0))
	out := bufio.NewWriter(stdout)
	defer out.Flush()
	if filter != nil {
		printExpertLines(out, s, *host, filter)
	}
	for _, st := range z {
		q, _ := parseStat(st)
		switch q.kind {
		case "expert":
			if *host != "" {
				printExpert(out, analysis.FindingsAt(a.AtHost(s.Trace(0), *host)))
			} else {
				printExpert(out, a.Findings())
			}
		case "conv":
			printConversations(out, a, q.proto)
		case "follow":
			if !printFollow(out, a, q.proto, q.stream) {
				out.Flush()
				fmt.Fprintf(stderr, "sockplay: -z %s: no %s stream %d\n", st, q.proto, q.stream)
				return 1
			}
		}
	}
	return status
}

type statQuery struct {
	kind, proto string
	stream      int
}

// parseStat reads one -z argument.
func parseStat(s string) (statQuery, error) {
	f := strings.Split(s, ",")
	switch {
	case s == "expert":
		return statQuery{kind: "expert"}, nil
	case len(f) == 2 && f[0] == "conv" && (f[1] == "tcp" || f[1] == "udp"):
		return statQuery{kind: "conv", proto: f[1]}, nil
	case len(f) == 4 && f[0] == "follow" && (f[1] == "tcp" || f[1] == "udp"):
		if f[2] != "ascii" {
			return statQuery{}, fmt.Errorf("only the ascii mode is supported, not %q", f[2])
		}
		n, err := strconv.Atoi(f[3])
		if err != nil || n < 0 {
			return statQuery{}, fmt.Errorf("the stream must be a number from 0, not %q", f[3])
		}
		return statQuery{kind: "follow", proto: f[1], stream: n}, nil
	}
	return statQuery{}, fmt.Errorf("unknown statistic (expert, conv,tcp, conv,udp, follow,tcp,ascii,N, follow,udp,ascii,N)")
}

// printExpertLines prints the capture on host ("" for the wire) as
// tcpdump -nn does, each line followed by the tags that hold there; only
// the packets filter selects, when it is not nil.
func printExpertLines(w io.Writer, s *session.Session, host string, filter *analysis.Filter) {
	events := s.Trace(0)
	a := analysis.Analyze(events)
	var capture []analysis.Captured
	if host == "" {
		for i := range a.Packets {
			capture = append(capture, analysis.Captured{Packet: &a.Packets[i], Tags: a.Packets[i].Tags, DupAckOf: a.Packets[i].DupAckOf})
		}
	} else {
		capture = a.AtHost(events, host)
	}
	lines := strings.Split(strings.TrimSuffix(s.Tcpdump(host, false), "\n"), "\n")
	for i, line := range lines {
		if line == "" {
			continue
		}
		if i < len(capture) {
			c := &capture[i]
			if filter != nil && !filter.Match(a, c.Packet) {
				continue
			}
			if l := c.Labels(); len(l) > 0 {
				line += "  [" + strings.Join(l, "] [") + "]"
			}
		}
		fmt.Fprintln(w, line)
	}
}

// hasHost reports whether the session has a host named name.
func hasHost(s *session.Session, name string) bool {
	for _, h := range s.State().Hosts {
		if h.Name == name {
			return true
		}
	}
	return false
}

// printExpert prints the findings grouped by severity, counted by
// summary, as tshark -z expert does.
func printExpert(w io.Writer, findings []analysis.Finding) {
	for sev := analysis.Error; ; sev-- {
		var order []string
		count := map[string]int{}
		for _, f := range findings {
			if f.Severity != sev {
				continue
			}
			if count[f.Summary] == 0 {
				order = append(order, f.Summary)
			}
			count[f.Summary]++
		}
		if len(order) > 0 {
			total := 0
			for _, n := range count {
				total += n
			}
			fmt.Fprintf(w, "\n%s (%d)\n=============\n", severityTitle[sev], total)
			fmt.Fprintf(w, "%12s %10s %18s  %s\n", "Frequency", "Group", "Protocol", "Summary")
			for _, sum := range order {
				fmt.Fprintf(w, "%12d %10s %18s  %s\n", count[sum], "Sequence", "TCP", sum)
			}
		}
		if sev == analysis.Chat {
			return
		}
	}
}

var severityTitle = map[analysis.Severity]string{analysis.Error: "Errors", analysis.Warn: "Warns", analysis.Note: "Notes", analysis.Chat: "Chats"}

// printConversations prints one line per conversation of proto: what
// tshark -z conv prints, and what the engine knows besides.
func printConversations(w io.Writer, a *analysis.Analysis, proto string) {
	rule := strings.Repeat("=", 80)
	fmt.Fprintf(w, "%s\n%s Conversations\n", rule, strings.ToUpper(proto))
	fmt.Fprintf(w, "%-6s %-21s     %-21s %8s %9s %8s %9s %12s %10s %7s %4s %9s  %s\n", "stream", "A", "B",
		"frames->", "bytes->", "<-frames", "<-bytes", "start", "duration", "retrans", "lost", "syn>data", "state A / B")
	for i := range a.Conversations {
		c := &a.Conversations[i]
		if c.Proto != proto {
			continue
		}
		firstData := "-"
		if c.FirstData >= 0 {
			firstData = seconds(c.FirstData, 4)
		}
		state := "-"
		if c.StateA != "" || c.StateB != "" {
			state = orDash(c.StateA) + " / " + orDash(c.StateB)
		}
		fmt.Fprintf(w, "%-6d %-21s <-> %-21s %8d %9d %8d %9d %12s %10s %7d %4d %9s  %s\n", c.Stream, c.A, c.B,
			c.Frames[0], c.Bytes[0], c.Frames[1], c.Bytes[1], seconds(c.Start, 9), seconds(c.Duration(), 4),
			c.Retransmissions, c.Lost, firstData, state)
	}
	fmt.Fprintln(w, rule)
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// seconds writes d in seconds with prec decimals, as tshark does.
func seconds(d time.Duration, prec int) string {
	return strconv.FormatFloat(d.Seconds(), 'f', prec, 64)
}

// printFollow prints a stream's chunks as tshark -z follow,PROTO,ascii,N
// does; false when there is no such stream.
func printFollow(w io.Writer, a *analysis.Analysis, proto string, stream int) bool {
	ci := -1
	for i := range a.Conversations {
		if a.Conversations[i].Proto == proto && a.Conversations[i].Stream == stream {
			ci = i
		}
	}
	if ci < 0 {
		return false
	}
	c := &a.Conversations[ci]
	rule := strings.Repeat("=", 67)
	fmt.Fprintf(w, "\n%s\nFollow: %s,ascii\nFilter: %s.stream eq %d\nNode 0: %s\nNode 1: %s\n", rule, proto, proto, stream, c.A, c.B)
	for _, ch := range a.Follow(ci) {
		if ch.Reverse {
			fmt.Fprint(w, "\t")
		}
		fmt.Fprintf(w, "%d\n%s\n", len(ch.Data), printable(ch.Data))
	}
	fmt.Fprintln(w, rule)
	return true
}

// printable keeps text, line ends and tabs and shows other bytes as '.',
// as tshark's ascii mode does.
func printable(b []byte) string {
	out := make([]byte, len(b))
	for i, c := range b {
		if (c >= 0x20 && c < 0x7f) || c == '\n' || c == '\r' || c == '\t' {
			out[i] = c
		} else {
			out[i] = '.'
		}
	}
	return string(out)
}
