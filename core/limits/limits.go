// Package limits holds every bound on what a user can type into sockplay,
// and the one place where times and sizes are added and multiplied.
//
// A value beyond a limit is refused before anything is allocated or
// changed, with a message that names the limit; lengths Linux clamps
// (recv's len, SO_RCVBUF, listen's backlog) are clamped the same way. Sums
// of virtual times saturate at End instead of wrapping, so a packet never
// arrives before it was sent. `help limits` prints the table (Table).
package limits

import (
	"math"
	"strconv"
	"time"
)

// The bounds of the script language and the session.
const (
	// LineBytes bounds one script line: more than anyone types or pastes
	// on one line (bulk data is written "x" * N). Also the longest line
	// bufio.Scanner reads by default.
	LineBytes = 64 << 10
	// WordBytes bounds a name, a number or a flag: the longest name in
	// the language is 20 characters.
	WordBytes = 64
	// ScriptBytes bounds a whole script given at once (load, the browser
	// bridge's text arguments).
	ScriptBytes = 4 << 20
	// RepeatedBytes bounds "x" * N, so a typo cannot exhaust memory.
	RepeatedBytes = 16 << 20
	// Hosts bounds the hosts of a session (client and server included).
	Hosts = 256
	// Steps bounds net> step N.
	Steps = 10000
	// Crowd bounds the clients of one net> crowd.
	Crowd = 10000
	// Events bounds the packets and timer expiries one clock operation
	// (net> wait, next, run, step N) processes: a push every 100 ms
	// waited on for 1000h would otherwise fill memory with its trace.
	Events = 100_000
	// Duration is the longest duration a line may give (wait, latency,
	// delay, timeouts): about 114 years.
	Duration = 1_000_000 * time.Hour
	// End is where virtual time stops: sums of times saturate here. End
	// plus Duration, plus any TCP timer, is still far below the largest
	// time.Duration, so nothing downstream can wrap either.
	End = 1_000_000 * time.Hour
	// RW is Linux's MAX_RW_COUNT (INT_MAX rounded down to a page): the
	// most one recv or send moves. Larger lengths are clamped to it, as
	// the kernel does for read, write, recv and send.
	RW = math.MaxInt32 &^ 4095
	// IntMin and IntMax are a C int's range: the calls' integer
	// arguments (fds, flags, backlogs, option values, poll's timeout).
	IntMin = math.MinInt32
	IntMax = math.MaxInt32
)

// AddTime is t+d for d >= 0 (a negative d counts as 0), saturating at
// End: the result is never before t and never past max(t, End).
func AddTime(t, d time.Duration) time.Duration {
	if d <= 0 || t >= End {
		return t
	}
	if d >= End-t {
		return End
	}
	return t + d
}

// Scale is n units of time, and false when n is negative or the product
// would be longer than Duration.
func Scale(n int64, unit time.Duration) (time.Duration, bool) {
	if n < 0 || unit <= 0 || n > int64(Duration/unit) {
		return 0, false
	}
	return time.Duration(n) * unit, true
}

// Mul is a*b for sizes and counts, and false when a or b is negative or
// the product does not fit in an int64.
func Mul(a, b int64) (int64, bool) {
	if a < 0 || b < 0 || (a > 0 && b > math.MaxInt64/a) {
		return 0, false
	}
	return a * b, true
}

// ClampRW is a C size_t length as Linux takes it: a negative int is a
// huge size_t, and every length is capped at RW.
func ClampRW(n int) int {
	if n < 0 || n > RW {
		return RW
	}
	return n
}

// FitsInt reports whether v fits in a C int.
func FitsInt(v int64) bool { return v >= IntMin && v <= IntMax }

// Limit is one row of the table `help limits` prints.
type Limit struct {
	What string // what is bounded
	Rule string // the bound, and what happens beyond it
}

// Table lists the bounds a user can meet, for help and the docs.
func Table() []Limit {
	return []Limit{
		{"a line", "at most " + strconv.Itoa(LineBytes) + " bytes; a longer one is refused unread"},
		{"a name, number or -flag", "at most " + strconv.Itoa(WordBytes) + " characters"},
		{`"x" * N`, "at most " + strconv.Itoa(RepeatedBytes>>20) + " MiB"},
		{"a script loaded at once", "at most " + strconv.Itoa(ScriptBytes>>20) + " MiB"},
		{"hosts", "at most " + strconv.Itoa(Hosts) + ", client and server included"},
		{"net> step N", "N up to " + strconv.Itoa(Steps)},
		{"net> crowd N", "N up to " + strconv.Itoa(Crowd) + " clients; the crowd runs until its clients finish or after 100000 packets and timers plus 50 per client, and says so"},
		{"a duration", "at most 1000000h (about 114 years)"},
		{"virtual time", "ends at 1000000h: a packet or timer due later happens then; net> wait past it is refused"},
		{"integer arguments", "a C int, -2147483648 to 2147483647, as a C compiler would insist"},
		{"recv's len", "clamped to " + strconv.Itoa(RW) + " (Linux's MAX_RW_COUNT); -1 is a huge size_t, so it is clamped too"},
		{"poll's timeout", "milliseconds in a C int (24.8 days); -1 waits for ever"},
		{"SO_RCVBUF, SO_SNDBUF", "clamped to 212992 (rmem_max, wmem_max), then doubled, as Linux does"},
		{"SO_RCVTIMEO, SO_SNDTIMEO", "rounded up to 4 ms (HZ=250) as Linux does; {sec, usec} with usec outside 0-999999 is EDOM"},
		{"listen's backlog", "clamped to 4096 (somaxconn); a negative backlog means 4096, as on Linux"},
		{"net> run", "stops after 10000 packets and timers, and says so"},
		{"net> wait, next, step N", "stop after 100000 packets and timers, and say so"},
	}
}
