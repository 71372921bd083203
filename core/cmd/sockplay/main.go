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
  sockplay run [--seed N] [--trace=transcript|tcpdump|json] [--pcap FILE] [-S] FILE|-
  sockplay repl [--seed N]
  sockplay pkt [--seed N] [--trace] [--pcap FILE] FILE.pkt...

run prints every input line, its results and the packets it caused, as
tcpdump -nn prints them. It exits 1 with FILE:LINE:COL: message when a line
fails. --trace=tcpdump prints only the packet lines, --trace=json the whole
event log as JSON lines; --pcap writes the wire capture for Wireshark;
-S prints absolute sequence numbers.

pkt runs packetdrill scripts against the engine, as packetdrill runs them
against Linux (the stack at 192.168.0.1, the scripted peer at 192.0.2.1,
virtual time). It exits 0 when every script passes; otherwise it prints
the first mismatch of each failing script as packetdrill does
(FILE:LINE: error handling packet: ...) and exits 1. --trace prints the
packets on the wire as tcpdump -nn does; --pcap writes them for Wireshark
(one script).
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	switch args[0] {
	case "run":
		return runScript(args[1:], stdin, stdout, stderr)
	case "pkt":
		return runPkt(args[1:], stdout, stderr)
	case "repl":
		return repl(args[1:], stdin, stdout, stderr)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	default:
		fmt.Fprintf(stderr, "sockplay: unknown command %q\n%s", args[0], usage)
		return 2
	}
}
