package peerbench

import (
	"runtime"
	"time"
)

// Meter measures one run of a workload between start (after the stacks
// are set up) and stop (once the work is done, before teardown).
type Meter struct {
	cpu0  time.Duration
	mem0  runtime.MemStats
	Taken Sample
}

// Sample is what one run cost.
type Sample struct {
	CPU     time.Duration // process CPU time (wall time where there is none, as in wasm)
	Bytes   uint64        // heap bytes allocated
	Objects uint64        // heap objects allocated
	Live    int64         // heap still in use at the end, over what was in use at the start
}

func (m *Meter) start() {
	runtime.GC()
	runtime.ReadMemStats(&m.mem0)
	m.cpu0 = cpuTime()
}

// stop ends the measurement; keep is what the workload still holds (its
// stacks), kept reachable while the live heap is measured.
func (m *Meter) stop(keep any) {
	cpu := cpuTime()
	var mem runtime.MemStats
	runtime.ReadMemStats(&mem)
	m.Taken = Sample{
		CPU:     cpu - m.cpu0,
		Bytes:   mem.TotalAlloc - m.mem0.TotalAlloc,
		Objects: mem.Mallocs - m.mem0.Mallocs,
	}
	runtime.GC()
	runtime.ReadMemStats(&mem)
	m.Taken.Live = int64(mem.HeapAlloc) - int64(m.mem0.HeapAlloc)
	runtime.KeepAlive(keep)
}
