// Command sockplay runs sockplay scripts natively: `sockplay run FILE`
// prints the transcript of a script, `sockplay repl` is the same language
// interactively.
package main

import (
	"fmt"
	"io"
	"os"
)

const usage = `usage:
  sockplay run [--seed N] [--trace=transcript|tcpdump|expert|json] [--pcap FILE] [-S] FILE|-
  sockplay analyze [--seed N] [-z expert|conv,tcp|conv,udp|follow,tcp,ascii,N|follow,udp,ascii,N]... FILE|-
  sockplay analyze [--seed N] [--host HOST] [-z expert | -Y FILTER] FILE|-
  sockplay graph [--seed N] [--kind stevens|tcptrace|cwnd|throughput|rtt] [--conn N] [--dir ab|ba] FILE|- > graph.svg
  sockplay repl [--seed N]
  sockplay pkt [--seed N] [--trace] [--pcap FILE] FILE.pkt...
  sockplay notebook check|fmt|ipynb ... (sockplay notebook help)
  sockplay grade [--format text|json|junit|tap|gradescope] EXERCISE.md SUBMISSION|DIR...
  sockplay exercise check EXERCISE.md...
  sockplay exercise new [--seed N] [--setup N] [--title TITLE] SCRIPT|-

run prints every input line, its results and the packets it caused, as
tcpdump -nn prints them. It exits 1 with FILE:LINE:COL: message when a line
fails. --trace=tcpdump prints only the packet lines, --trace=json the whole
event log as JSON lines, --trace=expert the wire's tcpdump lines each
followed by its expert tags (retransmission and its kind, dup ACK, zero
window, probes, keep-alives, out-of-order, lost, ...); --pcap writes the wire capture for Wireshark;
-S prints absolute sequence numbers.

--lang en|zh-CN, before or after the command, shows the help pages and the
messages of refused lines in that language; without it, LC_ALL,
LC_MESSAGES or LANG (zh_CN.UTF-8) choose. Packets, results and traces are
the same in every language.

analyze runs a script and prints the analysis of its wire capture as
tshark -q -z prints it: -z expert the expert info, from the engine's
record of why each segment was sent; -z conv,tcp the connections, with
retransmissions, losses, SYN-to-data time and final states; -z
follow,tcp,ascii,N the bytes of connection N (numbered from 0, as
tcp.stream). -z can repeat; without it, expert. -Y FILTER prints the
tcpdump lines (with their tags) of the packets a display filter selects,
in Wireshark's syntax: tcp.port == 80, ip.src == 10.0.0.1,
tcp.analysis.retransmission, tcp.len > 0 and not tcp.flags.syn == 1, ...
--host HOST reads the capture of tcpdump on that host instead of the
wire's, with the tags that hold there (-Y and -z expert): a segment lost
after it left is "lost" at the sender, "previous segment not captured"
at the receiver.

graph writes one graph of connection N (0 by default) as SVG: the
time-sequence graph as Stevens draws it or as tcptrace does (segments,
ACK line, receive window, SACK blocks, retransmissions in red); cwnd,
ssthresh and bytes in flight from the engine's record, the phases shaded;
throughput and goodput; RTT samples with SRTT, RTTVAR and RTO. --dir
picks the direction of the data (ab: from the side that connected).

pkt runs packetdrill scripts against the engine, as packetdrill runs them
against Linux (the stack at 192.168.0.1, the scripted peer at 192.0.2.1,
virtual time). It exits 0 when every script passes; otherwise it prints
the first mismatch of each failing script as packetdrill does
(FILE:LINE: error handling packet: ...) and exits 1. --trace prints the
packets on the wire as tcpdump -nn does; --pcap writes them for Wireshark
(one script).

notebook checks, formats and exports notebooks (.md with sock cells).

grade replays learners' submissions of an exercise and scores them
(sockplay grade --help lists the formats); exercise check is the authoring
check of exercise files; exercise new drafts one from a session script.
`

func main() {
	os.Exit(runIn(os.Args[1:], os.Stdin, os.Stdout, os.Stderr, os.Getenv))
}

// run is sockplay with args in an empty environment (English unless
// --lang says otherwise), as the tests run it.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	return runIn(args, stdin, stdout, stderr, func(string) string { return "" })
}

func runIn(args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) int {
	args, rd, ok := langOption(args, getenv)
	if !ok {
		fmt.Fprint(stderr, "sockplay: --lang needs a language: en or zh-CN\n")
		return 2
	}
	if len(args) == 0 {
		fmt.Fprint(stderr, rd.usage())
		return 2
	}
	switch args[0] {
	case "run":
		return runScript(args[1:], stdin, stdout, stderr, rd)
	case "analyze":
		return analyze(args[1:], stdin, stdout, stderr, rd)
	case "graph":
		return graph(args[1:], stdin, stdout, stderr, rd)
	case "pkt":
		return runPkt(args[1:], stdout, stderr)
	case "notebook":
		return runNotebook(args[1:], stdin, stdout, stderr)
	case "grade":
		return runGrade(args[1:], stdout, stderr)
	case "exercise":
		return runExercise(args[1:], stdin, stdout, stderr)
	case "repl":
		return repl(args[1:], stdin, stdout, stderr, rd)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, rd.usage())
		return 0
	default:
		fmt.Fprintf(stderr, "sockplay: unknown command %q\n%s", args[0], rd.usage())
		return 2
	}
}
