package main

import (
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/sockplay/sockplay/core/pkt"
)

// runPkt runs packetdrill scripts against the engine: exit 0 when every
// script passes, 1 with packetdrill's message for the first mismatch of each.
func runPkt(args []string, stdout, stderr io.Writer) int {
	var seed uint64 = 1
	var files []string
	for i := 0; i < len(args); i++ {
		switch a := args[i]; {
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
	if len(files) == 0 {
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
				_, err = pkt.Run(s, seed)
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
