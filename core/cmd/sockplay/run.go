package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/sockplay/sockplay/core/session"
	"github.com/sockplay/sockplay/core/trace"
)

func runScript(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	fs.SetOutput(stderr)
	seed := fs.Uint64("seed", 1, "seed of the session's randomness")
	mode := fs.String("trace", "transcript", "what to print: transcript, tcpdump or json")
	pcap := fs.String("pcap", "", "write the wire capture to this pcap file")
	absolute := fs.Bool("S", false, "print absolute sequence numbers, as tcpdump -S")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() != 1 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	if *mode != "transcript" && *mode != "tcpdump" && *mode != "json" {
		fmt.Fprintf(stderr, "sockplay: --trace must be transcript, tcpdump or json, not %q\n", *mode)
		return 2
	}
	name := fs.Arg(0)
	src, err := readInput(name, stdin)
	if err != nil {
		fmt.Fprintf(stderr, "sockplay: %v\n", err)
		return 1
	}

	s := session.New(*seed)
	s.SetAbsolute(*absolute)
	out := bufio.NewWriter(stdout)
	defer out.Flush()
	status := 0
	for i, line := range strings.Split(strings.TrimSuffix(src, "\n"), "\n") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		o := s.Exec(line)
		if o.Err != nil {
			col := o.Err.Col
			if col == 0 {
				col = 1
			}
			msg := o.Err.Message
			if o.Err.Hint != "" {
				msg += " (" + o.Err.Hint + ")"
			}
			out.Flush()
			fmt.Fprintf(stderr, "%s:%d:%d: %s\n", name, i+1, col, msg)
			status = 1
			break
		}
		switch *mode {
		case "transcript":
			fmt.Fprint(out, o.Transcript())
		case "tcpdump":
			for _, e := range o.Events {
				if e.Kind == trace.Send {
					fmt.Fprintln(out, e.Text)
				}
			}
		case "json":
			enc := json.NewEncoder(out)
			for _, e := range o.Events {
				if err := enc.Encode(e); err != nil {
					fmt.Fprintf(stderr, "sockplay: %v\n", err)
					return 1
				}
			}
		}
	}
	if *pcap != "" {
		if err := os.WriteFile(*pcap, s.Pcap(""), 0o644); err != nil {
			fmt.Fprintf(stderr, "sockplay: %v\n", err)
			return 1
		}
	}
	return status
}

func readInput(name string, stdin io.Reader) (string, error) {
	var b []byte
	var err error
	if name == "-" {
		b, err = io.ReadAll(stdin)
	} else {
		b, err = os.ReadFile(name)
	}
	return string(b), err
}
