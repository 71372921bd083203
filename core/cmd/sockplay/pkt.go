package main

import (
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/sockplay/sockplay/core/pkt"
	"github.com/sockplay/sockplay/core/stack"
	"github.com/sockplay/sockplay/core/wire"
)

func writePcap(name string, recs []wire.Record) error {
	b, err := wire.EncodePcap(recs)
	if err == nil {
		err = os.WriteFile(name, b, 0o644)
	}
	return err
}

// runPkt runs packetdrill scripts against the engine: exit 0 when every
// script passes, 1 with packetdrill's message for the first mismatch of each.
func runPkt(args []string, stdout, stderr io.Writer) int {
	var seed uint64 = 1
	var files []string
	var pcap string
	trace := false
	for i := 0; i < len(args); i++ {
		switch a := args[i]; {
		case a == "-h" || a == "--help":
			fmt.Fprint(stdout, usage)
			return 0
		case a == "--trace":
			trace = true
		case a == "--pcap" && i+1 < len(args):
			pcap, i = args[i+1], i+1
		case a == "--seed" && i+1 < len(args):
			n, err := strconv.ParseUint(args[i+1], 10, 64)
			if err != nil {
				fmt.Fprintf(stderr, "sockplay pkt: bad --seed %q\n", args[i+1])
				return 2
			}
			seed, i = n, i+1
		case strings.HasPrefix(a, "-"):
			fmt.Fprintf(stderr, "sockplay pkt: unknown flag %s\n%s", a, usage)
			return 2
		default:
			files = append(files, a)
		}
	}
	if len(files) == 0 || (pcap != "" && len(files) > 1) {
		fmt.Fprint(stderr, usage)
		return 2
	}
	failed := 0
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err == nil && len(src) > pkt.MaxScript {
			err = fmt.Errorf("%s: longer than %d bytes", f, pkt.MaxScript)
		}
		if err == nil {
			var s *pkt.Script
			if s, err = pkt.Parse(f, string(src)); err == nil {
				var w *stack.World
				w, err = pkt.Run(s, seed)
				recs := w.WireCapture()
				if trace {
					fmt.Fprint(stdout, wire.Dump(recs, false))
				}
				if pcap != "" {
					if werr := writePcap(pcap, recs); werr != nil {
						fmt.Fprintf(stderr, "sockplay pkt: %v\n", werr)
						return 1
					}
				}
			}
		}
		if err != nil {
			failed++
			fmt.Fprintln(stderr, err)
			continue
		}
		fmt.Fprintf(stdout, "%s: pass\n", f)
	}
	if failed > 0 {
		return 1
	}
	return 0
}
