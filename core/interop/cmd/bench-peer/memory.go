package main

import (
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"

	"github.com/sockplay/sockplay/core/interop/peerbench"
)

// segment is the payload of a full data segment with timestamps (MSS
// 1460 less the 12-byte option): allocations are counted per segment.
const segment = 1448

// memoryChild runs the memory workload once on one stack and prints what
// it cost on one line: peak RSS, bytes and objects allocated, and the
// heap still in use at the end.
func memoryChild(stack string, n int, repeated bool) error {
	wl := peerbench.Bulk(n, repeated)
	run := wl.Sockplay
	if stack == "gvisor" {
		run = wl.Gvisor
	}
	var m peerbench.Meter
	if _, err := run(&m, 1); err != nil {
		return err
	}
	rss, _ := peerbench.PeakRSS()
	fmt.Println(rss, m.Taken.Bytes, m.Taken.Objects, m.Taken.Live)
	return nil
}

// memory runs the memory workload in a fresh process per stack and prints
// both side by side: peak RSS, and allocations per data segment; first
// with patterned bytes, then with one byte repeated.
func memory(n int) error {
	for _, repeated := range []bool{false, true} {
		if err := memoryOf(n, repeated); err != nil {
			return err
		}
	}
	return nil
}

func memoryOf(n int, repeated bool) error {
	if _, ok := peerbench.PeakRSS(); !ok {
		fmt.Println("\nmemory: peak RSS is not measurable here")
		return nil
	}
	self, err := os.Executable()
	if err != nil {
		return err
	}
	var got [2][4]int64
	for i, stack := range []string{"sockplay", "gvisor"} {
		out, err := exec.Command(self, "-memory-child", stack, "-memory", strconv.Itoa(n), "-memory-repeated="+strconv.FormatBool(repeated)).Output()
		if err != nil {
			return fmt.Errorf("%s: %w", stack, err)
		}
		fields := strings.Fields(string(out))
		if len(fields) != 4 {
			return fmt.Errorf("%s: unexpected %q", stack, out)
		}
		for j, f := range fields {
			if got[i][j], err = strconv.ParseInt(f, 10, 64); err != nil {
				return fmt.Errorf("%s: %w", stack, err)
			}
		}
	}
	segs := float64(max(n/segment, 1))
	fmt.Printf("\n%s, one process per stack (the application's %s payload included)\n", peerbench.Bulk(n, repeated).Name, mb(int64(n)))
	fmt.Printf("%-34s %10s %10s %7s\n", "", "sockplay", "gVisor", "ratio")
	fmt.Printf("%-34s %10s %10s %7s\n", "peak RSS", mb(got[0][0]), mb(got[1][0]), ratio(float64(got[0][0]), float64(got[1][0])))
	fmt.Printf("%-34s %10s %10s %7s\n", "heap in use at the end", mb(got[0][3]), mb(got[1][3]), ratio(float64(got[0][3]), float64(got[1][3])))
	fmt.Printf("%-34s %10s %10s %7s\n", "allocated", mb(got[0][1]), mb(got[1][1]), ratio(float64(got[0][1]), float64(got[1][1])))
	fmt.Printf("%-34s %10.0f %10.0f %7s\n", "bytes allocated per data segment", float64(got[0][1])/segs, float64(got[1][1])/segs, ratio(float64(got[0][1]), float64(got[1][1])))
	fmt.Printf("%-34s %10.1f %10.1f %7s\n", "objects per data segment", float64(got[0][2])/segs, float64(got[1][2])/segs, ratio(float64(got[0][2]), float64(got[1][2])))
	return nil
}
