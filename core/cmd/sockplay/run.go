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

func runScript(args []string, stdin io.Reader, stdout, stderr io.Writer, rd reader) int {
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	fs.SetOutput(stderr)
	seed := fs.Uint64("seed", 1, "seed of the session's randomness")
	mode := fs.String("trace", "transcript", "what to print: transcript, tcpdump, expert or json")
	pcap := fs.String("pcap", "", "write the wire capture to this pcap file")
	absolute := fs.Bool("S", false, "print absolute sequence numbers, as tcpdump -S")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() != 1 {
		fmt.Fprint(stderr, rd.usage())
		return 2
	}
	if *mode != "transcript" && *mode != "tcpdump" && *mode != "expert" && *mode != "json" {
		fmt.Fprintf(stderr, "sockplay: --trace must be transcript, tcpdump, expert or json, not %q\n", *mode)
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
	status := execLines(s, rd, name, src, stderr, func(o session.Output) bool {
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
					return false
				}
			}
		}
		return true
	}, out.Flush)
	if status == 2 {
		return 1
	}
	if *mode == "expert" {
		printExpertLines(out, s, "", nil)
	}
	if *pcap != "" {
		if err := os.WriteFile(*pcap, s.Pcap(""), 0o644); err != nil {
			fmt.Fprintf(stderr, "sockplay: %v\n", err)
			return 1
		}
	}
	return status
}

// execLines runs the script src (named name) in s, line by line, handing
// each line's output, as rd reads it, to each; it stops at the first failing line with
// FILE:LINE:COL: message on stderr (status 1), or when each returns false
// (status 2). flush runs before the message is written.
func execLines(s *session.Session, rd reader, name, src string, stderr io.Writer, each func(session.Output) bool, flush func() error) int {
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
			flush()
			fmt.Fprintf(stderr, "%s:%d:%d: %s\n", name, i+1, col, rd.errorText(o.Err))
			return 1
		}
		if !each(rd.localized(s, o)) {
			return 2
		}
	}
	return 0
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
