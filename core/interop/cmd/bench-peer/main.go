// Command bench-peer runs the same workloads on sockplay's engine and on
// gVisor's netstack, several rounds each, alternating, and prints both
// side by side with their ratio: the median time, and per run the heap
// allocated and the heap still in use at the end. Natively the time is
// the process's CPU time; under wasm (GOOS=js) it is wall time on one
// thread. It is a benchmark, not a test: nothing fails on a slow machine.
//
//	cd core/interop && go run ./cmd/bench-peer [-rounds 7] [-scale 1] [-run REGEXP]
package main

import (
	"flag"
	"fmt"
	"os"
	"regexp"
	"slices"
	"time"

	"github.com/sockplay/sockplay/core/interop/peerbench"
)

func main() {
	rounds := flag.Int("rounds", 7, "rounds per workload and stack; the median is printed")
	scale := flag.Int("scale", 1, "divide every workload's size by this")
	run := flag.String("run", "", "only workloads whose name matches this regular expression")
	memBytes := flag.Int("memory", 100_000_000, "bytes of the memory workload, run in a process per stack (0: skip it)")
	child := flag.String("memory-child", "", "internal: run the memory workload on this stack and print its cost")
	repeated := flag.Bool("memory-repeated", false, "internal: the memory workload's bytes are one byte repeated")
	flag.Parse()
	if *child != "" {
		if err := memoryChild(*child, *memBytes, *repeated); err != nil {
			fmt.Fprintln(os.Stderr, "bench-peer:", err)
			os.Exit(1)
		}
		return
	}
	only, err := regexp.Compile(*run)
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench-peer:", err)
		os.Exit(2)
	}
	fmt.Printf("sockplay against gVisor netstack, %s, median of %d rounds (ratio = sockplay / gVisor; < 1 means sockplay is ahead)\n\n", peerbench.CPUKind, *rounds)
	fmt.Printf("%-34s %10s %10s %7s | %10s %10s %7s | %10s %10s | %11s %11s\n",
		"workload", "sockplay", "gVisor", "ratio", "alloc sp", "alloc gv", "ratio", "objs sp", "objs gv", "live sp", "live gv")
	failed := false
	for _, wl := range peerbench.Workloads(peerbench.Scale(*scale)) {
		if !only.MatchString(wl.Name) {
			continue
		}
		sp, gv, err := measure(wl, *rounds)
		if err != nil {
			fmt.Printf("%-34s %v\n", wl.Name, err)
			failed = true
			continue
		}
		fmt.Printf("%-34s %10s %10s %7s | %10s %10s %7s | %10s %10s | %11s %11s\n", wl.Name,
			ms(sp.CPU), ms(gv.CPU), ratio(float64(sp.CPU), float64(gv.CPU)),
			mb(int64(sp.Bytes)), mb(int64(gv.Bytes)), ratio(float64(sp.Bytes), float64(gv.Bytes)),
			count(sp.Objects), count(gv.Objects), mb(sp.Live), mb(gv.Live))
	}
	if *memBytes > 0 {
		if err := memory(*memBytes / max(*scale, 1)); err != nil {
			fmt.Println("memory:", err)
			failed = true
		}
	}
	if failed {
		os.Exit(1)
	}
}

// measure runs the workload rounds times on each stack, alternating so
// that the machine's moods fall on both alike, and returns the medians.
func measure(wl peerbench.Workload, rounds int) (sp, gv peerbench.Sample, err error) {
	var sps, gvs []peerbench.Sample
	for i := range max(rounds, 1) {
		seed := uint64(i + 1)
		var m peerbench.Meter
		if _, err := wl.Sockplay(&m, seed); err != nil {
			return sp, gv, fmt.Errorf("sockplay: %w", err)
		}
		sps = append(sps, m.Taken)
		m = peerbench.Meter{}
		if _, err := wl.Gvisor(&m, seed); err != nil {
			return sp, gv, fmt.Errorf("gVisor: %w", err)
		}
		gvs = append(gvs, m.Taken)
	}
	return median(sps), median(gvs), nil
}

// median takes each figure's median on its own.
func median(s []peerbench.Sample) peerbench.Sample {
	mid := func(f func(peerbench.Sample) int64) int64 {
		v := make([]int64, len(s))
		for i, x := range s {
			v[i] = f(x)
		}
		slices.Sort(v)
		return v[len(v)/2]
	}
	return peerbench.Sample{
		CPU:     time.Duration(mid(func(x peerbench.Sample) int64 { return int64(x.CPU) })),
		Bytes:   uint64(mid(func(x peerbench.Sample) int64 { return int64(x.Bytes) })),
		Objects: uint64(mid(func(x peerbench.Sample) int64 { return int64(x.Objects) })),
		Live:    mid(func(x peerbench.Sample) int64 { return x.Live }),
	}
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d)/1e6) }
func mb(b int64) string         { return fmt.Sprintf("%.1f MB", float64(b)/1e6) }
func count(n uint64) string     { return fmt.Sprintf("%d", n) }

func ratio(a, b float64) string {
	if b <= 0 {
		return "-"
	}
	return fmt.Sprintf("%.2fx", a/b)
}
