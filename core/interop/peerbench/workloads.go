// Package peerbench runs the same workloads on sockplay's engine
// (core/stack, non-blocking sockets, apps reacting after every event) and
// on gVisor's netstack (two stacks joined by its in-memory pipe link),
// so that cmd/bench-peer can print them side by side. Both stacks use
// MSS 1460 (MTU 1500), SACK, timestamps, Reno, TCP_NODELAY and Buffer-byte
// send and receive buffers.
//
// A workload is two functions doing the same work, one per stack; adding
// one is adding an entry to Workloads.
package peerbench

import (
	"errors"
	"strconv"
)

// Buffer is the send and receive buffer of every socket in both stacks
// (Linux's net.core.rmem_max and wmem_max).
const Buffer = 212992

const port = 80

// Workload is one piece of work done by both stacks.
type Workload struct {
	Name string
	// Sockplay and Gvisor do the work on their stack with the given
	// seed and report how much moved, so that a run can be checked.
	Sockplay func(meter *Meter, seed uint64) (Moved, error)
	Gvisor   func(meter *Meter, seed uint64) (Moved, error)
}

// Moved is what a workload delivered: payload bytes that reached the
// application and connections that completed.
type Moved struct {
	Bytes int64
	Conns int
}

// Scale divides every workload's size, for quick runs and tests.
type Scale int

// Workloads are the workloads at 1/scale of their size.
func Workloads(scale Scale) []Workload {
	s := max(int(scale), 1)
	bulk := 10_000_000 / s
	conns := 1000 / s
	rounds := 10_000 / s
	return []Workload{
		{
			Name:     "bulk " + size(bulk) + ", lossless",
			Sockplay: func(meter *Meter, seed uint64) (Moved, error) { return sockplayBulk(meter, seed, bulk, 0, false) },
			Gvisor:   func(meter *Meter, seed uint64) (Moved, error) { return gvisorBulk(meter, seed, bulk, 0, false) },
		},
		{
			Name:     "bulk " + size(bulk) + ", 1% loss",
			Sockplay: func(meter *Meter, seed uint64) (Moved, error) { return sockplayBulk(meter, seed, bulk, 0.01, false) },
			Gvisor:   func(meter *Meter, seed uint64) (Moved, error) { return gvisorBulk(meter, seed, bulk, 0.01, false) },
		},
		{
			Name:     strconv.Itoa(conns) + " x (connect, 1 KB, close)",
			Sockplay: func(meter *Meter, seed uint64) (Moved, error) { return sockplayConnects(meter, seed, conns, 1000) },
			Gvisor:   func(meter *Meter, seed uint64) (Moved, error) { return gvisorConnects(meter, seed, conns, 1000) },
		},
		{
			Name:     strconv.Itoa(rounds) + " x 1-byte ping-pong",
			Sockplay: func(meter *Meter, seed uint64) (Moved, error) { return sockplayPingPong(meter, seed, rounds) },
			Gvisor:   func(meter *Meter, seed uint64) (Moved, error) { return gvisorPingPong(meter, seed, rounds) },
		},
	}
}

// Bulk is n bytes over one lossless connection: the memory workload,
// run alone in a process of its own so that its peak RSS is its own.
// With repeated, the bytes are one byte over and over, as a session's
// "x" * N sends them, which sockplay's trace keeps as a count.
func Bulk(n int, repeated bool) Workload {
	name := "bulk " + size(n) + ", lossless"
	if repeated {
		name += `, "x" * N`
	}
	return Workload{
		Name:     name,
		Sockplay: func(meter *Meter, seed uint64) (Moved, error) { return sockplayBulk(meter, seed, n, 0, repeated) },
		Gvisor:   func(meter *Meter, seed uint64) (Moved, error) { return gvisorBulk(meter, seed, n, 0, repeated) },
	}
}

func size(n int) string {
	switch {
	case n >= 1_000_000 && n%1_000_000 == 0:
		return strconv.Itoa(n/1_000_000) + " MB"
	case n >= 1000 && n%1000 == 0:
		return strconv.Itoa(n/1000) + " KB"
	}
	return strconv.Itoa(n) + " B"
}

// errShort says a workload ended before moving what it should have.
var errShort = errors.New("peerbench: workload ended short")

// payload is n bytes of a repeating pattern, the same for both stacks,
// or with repeated n times 'x'.
func payload(n int, repeated bool) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(i*7 + i>>8)
		if repeated {
			b[i] = 'x'
		}
	}
	return b
}
