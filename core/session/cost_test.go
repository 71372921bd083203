package session

import (
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sockplay/sockplay/core/limits"
)

// lineCost is what one line cost: bytes allocated (runtime.MemStats) and
// packets and timers processed (World.Processed). Neither depends on the
// machine's speed: no test here measures time.
type lineCost struct {
	alloc  uint64
	events int
}

func costOf(s *Session, line string) (Output, lineCost) {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	events := s.st.w.Processed()
	st := s.st
	o := s.Exec(line)
	runtime.ReadMemStats(&after)
	c := lineCost{alloc: after.TotalAlloc - before.TotalAlloc}
	if s.st == st {
		c.events = s.st.w.Processed() - events
	} else {
		c.events = s.st.w.Processed() // a seed line, undo or goto built a new engine
	}
	return o, c
}

// budget is the most a line may cost: a multiple of its own length, the
// bulk data a line may carry ("x" * N) or receive (a MSG_WAITALL recv's
// buffer grows by doubling), and a bounded amount per packet or timer it
// processes (a full segment is copied some six times: encoded, on the
// wire, in the capture, in the trace), which are bounded too.
func budget(line string, events int) uint64 {
	const perByte, perEvent, base = 64, 16 << 10, 4 << 20
	return uint64(perByte*len(line) + 4*limits.RepeatedBytes + perEvent*events + base)
}

// maxEventsPerLine: a clock operation stops at limits.Events; net> step N
// stops starting steps there, and the last may take as many again; auto
// delivery adds a net> run's worth.
const maxEventsPerLine = 2*limits.Events + runBound

// checkCost runs line and fails if it cost more than its budget.
func checkCost(t *testing.T, s *Session, line string) Output {
	t.Helper()
	o, c := costOf(s, line)
	if o.Err != nil && o.Err.Panic {
		t.Fatalf("%s: %s", shortText(line), o.Err.Message)
	}
	assert.LessOrEqual(t, c.events, maxEventsPerLine, "events of %s", shortText(line))
	assert.LessOrEqual(t, c.alloc, budget(line, c.events), "bytes allocated by %s (%d events)", shortText(line), c.events)
	return o
}

// skipSlow skips the cost tests in -short runs and under wasm: the code
// and its costs are the same there, only slower to run.
func skipSlow(t *testing.T) {
	if testing.Short() || runtime.GOOS == "js" {
		t.Skip("measures costs natively, in full runs")
	}
}

// Every template with every extreme, on a connected session: no line
// costs more than its budget.
func TestNoLineCostsMoreThanItsBudget(t *testing.T) {
	skipSlow(t)
	setup := handshake + "client> u = socket(AF_INET, SOCK_DGRAM)\n"
	for _, template := range fuzzTemplates {
		s := New(1)
		load(t, s, setup)
		holes := strings.Count(template, "{N}") + strings.Count(template, "{D}") + strings.Count(template, "{S}") + strings.Count(template, "{W}")
		width := max(len(fuzzNumbers), len(fuzzDurations), len(fuzzStrings), len(fuzzWords))
		for k := range width {
			picks := make([]byte, holes)
			for h := range picks {
				picks[h] = byte(k + 7*h) // vary the holes against each other
			}
			line, _ := fill(template, picks)
			checkCost(t, s, line)
		}
	}
}

// The lines that cost the most a user can type: a push every 100 ms waited
// on for the longest duration, every kind of clock operation on it, the
// largest bulk data, the longest line, and the costs of issue 16.
func TestTheCostliestLinesStayWithinTheirBudget(t *testing.T) {
	skipSlow(t)
	s := New(1)
	load(t, s, "server> s = socket(AF_INET, SOCK_STREAM)\nserver> bind(s, 0.0.0.0:80)\nserver> listen(s, 5)\nserver> http.serve(s)\n"+
		"client> c = socket(AF_INET, SOCK_STREAM)\nclient> connect(c, server:80)\nnet> run\n"+
		"client> ws.connect(c, \"/push?every=100ms\")\nnet> run\n")
	for _, line := range []string{"net> wait 999999h", "net> next", "net> auto on", "net> step 10000", "net> auto off", "net> step 10000", "net> run"} {
		o := checkCost(t, s, line)
		require.Nil(t, o.Err, line)
	}
	o := checkCost(t, s, "net> wait 999999h")
	assert.Contains(t, strings.Join(o.Lines, "\n"), "stopped after 100000 events")

	bulk := New(1)
	load(t, bulk, handshake)
	checkCost(t, bulk, `client> send(c, "x" * 16777216, MSG_DONTWAIT)`)
	checkCost(t, bulk, `client> send(c, "x" * 16777216)`)
	checkCost(t, bulk, "net> run")
	checkCost(t, bulk, "server> recv(a, 9223372036854775807, MSG_WAITALL)")
	checkCost(t, bulk, "net> wait 1000s")
	checkCost(t, bulk, "client> close("+strings.Repeat(",", limits.LineBytes-20)+")")
	checkCost(t, bulk, "client> close("+strings.Repeat(",", 10<<20)+")")
	checkCost(t, bulk, "help "+strings.Repeat("a", 2<<20))
	checkCost(t, bulk, "help "+strings.Repeat("a", 60000))

	many := New(1)
	var b strings.Builder
	for i := 2; i < limits.Hosts; i++ {
		b.WriteString("net> host h" + itoa(i) + " 10.1." + itoa(i/200) + "." + itoa(i%200+1) + "\n")
	}
	load(t, many, b.String())
	checkCost(t, many, "net> loss 5%")
	checkCost(t, many, "net> latency 1000000h")
	checkCost(t, many, "net> reset")
	_, c := costOf(many, "net> loss 5%")
	assert.Less(t, c.alloc, uint64(1<<20), "a setting for every link costs next to nothing")
}

// Refusals are cheap: a bounded number of allocations whatever the input.
func TestRefusalsAllocateLittle(t *testing.T) {
	s := New(1)
	load(t, s, handshake)
	for _, line := range []string{
		"client> close(" + strings.Repeat(",", 10<<20) + ")",
		"help " + strings.Repeat("a", 2<<20),
		`client> send(c, "ab" * 9223372036854775807)`,
		"net> wait 2562047h",
		"client> poll([{c, POLLIN}], 9223372036854)",
	} {
		allocs := testing.AllocsPerRun(5, func() { s.Exec(line) })
		assert.LessOrEqual(t, allocs, 40.0, shortText(line))
	}
	allocs := testing.AllocsPerRun(5, func() { s.Help(strings.Repeat("a", 100<<20)) })
	assert.LessOrEqual(t, allocs, 40.0, "help with a 100 MB topic")
}
