package session

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/sockplay/sockplay/core/internal/sessiontest"
)

// fuzzLines are the pieces FuzzSession builds sessions from: the shared
// calls in any order, more calls, network actions and noise.
var fuzzLines = append(append([]string(nil), sessiontest.Calls...),
	"server> shutdown(a, SHUT_RDWR)",
	"client> fcntl(c, F_SETFL, O_NONBLOCK)", "client> setsockopt(c, SOL_SOCKET, SO_LINGER, {1, 0})",
	"client> poll([{c, POLLIN|POLLOUT}], 100)", "server> u = socket(AF_INET, SOCK_DGRAM)",
	"server> bind(u, 0.0.0.0:9)", "client> sendto(c, \"dg\", 0, server:9)", "net> step", "net> run", "net> next",
	"net> wait 1s", "net> drop", "net> dup", "net> corrupt", "net> delay 1 50ms", "net> loss 30%", "net> auto on",
	"net> list", "undo", "goto 2", "server> ss", "client> tcpdump", "net> host db 10.0.0.3", "help connect",
	"client> connect(c, db:80)", "net> reorder 20%", "client> close(3)", "server> recv(4, 10)",
)

// Extremes the templates below are filled with: the edges of C ints, of
// size_t lengths, of durations and of the language's limits, and the
// values of issue 16 that crashed, hung or wrapped.
var (
	fuzzNumbers = []string{"0", "1", "-1", "2", "3", "5", "100", "1460", "65535", "65536", "16777216", "16777217",
		"2147479552", "2147483647", "2147483648", "-2147483648", "-2147483649", "4290000000", "4294967296", "5000000000",
		"68719476736", "9007199254740993", "9223372036854", "18446744074", "9223372036854775807", "-9223372036854775807",
		"0x7fffffff", "0777", "10000", "10001", "256"}
	fuzzDurations = []string{"0s", "1ns", "1us", "1ms", "4ms", "200ms", "1s", "75s", "2h", "1000000h", "999999h59m59s",
		"1000000h1ns", "2000000h", "2562047h", "2562048h", "18446744074s"}
	fuzzStrings = []string{`""`, `"x"`, `"hello\r\n"`, `"\x00\xff\377"`, `"ab"`, `"GET / HTTP/1.1\r\nHost: s\r\n\r\n"`,
		`"` + strings.Repeat("z", 1000) + `"`, `"` + strings.Repeat("z", 70000) + `"`}
	fuzzWords = []string{"connect", "lisetn", "SO_RCVTIEMO", "limits", strings.Repeat("w", 64), strings.Repeat("w", 65),
		strings.Repeat("a", 2<<20), "é" + strings.Repeat("x", 40)}
)

// fuzzTemplates are lines with holes: {N} a number, {D} a duration, {S} a
// string, {W} a word, each taken from the tables above by the next byte.
var fuzzTemplates = []string{
	"client> recv(c, {N}, MSG_DONTWAIT)", "client> recv(c, {N})", "server> recv(a, {N}, MSG_WAITALL)",
	"client> recvfrom(c, {N}, MSG_DONTWAIT)", "client> send(c, {S})", "client> send(c, {S} * {N})",
	"server> send(a, {S} * {N}, MSG_DONTWAIT)", "net> delay {N} {D}", "net> latency {D}", "net> latency client>server {D}",
	"net> wait {D}", "client> poll([{c, POLLIN}], {N})", "client> poll([{c, POLLIN}], {D})", "net> step {N}", "goto {N}",
	"net> seed {N}", "client> setsockopt(c, SOL_SOCKET, SO_RCVTIMEO, {D})", "client> setsockopt(c, SOL_SOCKET, SO_RCVTIMEO, {{N}, {N}})",
	"server> setsockopt(a, SOL_SOCKET, SO_SNDTIMEO, {D})", "client> setsockopt(c, SOL_SOCKET, SO_RCVBUF, {N})",
	"client> setsockopt(c, IPPROTO_TCP, TCP_USER_TIMEOUT, {D})", "server> listen(s, {N})", "client> close({N})",
	"client> fcntl(c, F_SETFL, {N})", "server> http.serve(s, idle={D}, max={N})", `client> http.get(c, "/slow?delay={N}")`,
	`client> http.get(c, "/poll?since={N}&every={D}")`, `client> ws.connect(c, "/push?every={D}")`, "help {W}",
	"client> {W}", "net> {W}", "net> host h{N} 10.0.{N}.{N}", "net> dup {N}", "net> drop {N}", "net> deliver {N}",
	"net> loss {N}%", "net> bandwidth {N}Mbit", "net> reset", "client> getsockopt(c, SOL_SOCKET, SO_RCVTIMEO)",
	"server> accept(s)", "client> connect(c, server:{N})",
}

// fill replaces the holes of a template with values chosen by the bytes
// that follow; it returns the line and how many bytes it used.
func fill(template string, picks []byte) (string, int) {
	used := 0
	pick := func(table []string) string {
		b := byte(used)
		if used < len(picks) {
			b = picks[used]
		}
		used++
		return table[int(b)%len(table)]
	}
	var out strings.Builder
	for rest := template; rest != ""; {
		i := strings.IndexByte(rest, '{')
		if i < 0 {
			out.WriteString(rest)
			break
		}
		if i+2 >= len(rest) || rest[i+2] != '}' || strings.IndexByte("NDSW", rest[i+1]) < 0 {
			out.WriteString(rest[:i+1]) // a brace of the script, not a hole
			rest = rest[i+1:]
			continue
		}
		out.WriteString(rest[:i])
		out.WriteString(pick([][]string{fuzzNumbers, fuzzDurations, fuzzStrings, fuzzWords}[strings.IndexByte("NDSW", rest[i+1])]))
		rest = rest[i+3:]
	}
	return out.String(), used
}

// fuzzLine is the line the bytes at picks[i] choose: a fixed line, a
// template filled with extremes, or the rest of the bytes as a line; and
// where the next line's bytes start.
func fuzzLine(picks []byte, i int) (string, int) {
	p := int(picks[i])
	switch {
	case p < len(fuzzLines):
		return fuzzLines[p], i + 1
	case p < len(fuzzLines)+len(fuzzTemplates):
		line, used := fill(fuzzTemplates[p-len(fuzzLines)], picks[i+1:])
		return line, min(i+1+used, len(picks))
	}
	return string(picks[i:]), len(picks) // arbitrary bytes as a line
}

// FuzzSession runs random lines and checks the session's promises: no
// panic (the session would recover it and say so: that fails too); a
// refused line changes nothing; the exported script replays to the same
// trace.
func FuzzSession(f *testing.F) {
	f.Add([]byte{0, 1, 2, 3, 4, 5, 20, 21, 6, 21, 8, 10, 21, 11, 21})
	f.Add([]byte{0, 1, 2, 4, 5, 24, 20, 20, 3, 31, 22, 7, 21})
	f.Add([]byte{17, 18, 4, 19, 21, 32, 33, 34, 36, 37})
	f.Add([]byte{0, 1, 2, 4, 5, 21, 3, 15, 10, 20, 29, 9, 22, 23})
	// The extremes of issue 16, through the templates.
	t0 := byte(len(fuzzLines))
	f.Add([]byte{0, 1, 2, 3, 4, 5, 21, t0, 24, t0 + 1, 20, 7, 21})                         // recv(c, 9223372036854775807, ..), recv(c, 68719476736)
	f.Add([]byte{0, 1, 2, 4, 5, t0 + 5, 4, 24, t0 + 7, 1, 12, t0 + 7, 1, 9, t0 + 7, 1, 9}) // "ab" * 9223372036854775807; delay 1 2000000h; 1000000h twice
	f.Add([]byte{t0 + 15, 5, 31, t0 + 28, 6, t0 + 8, 13, t0 + 8, 9, 4, 5, 21})             // seed 5, undo, help <2 MB>, latency 2562047h, 1000000h
	f.Add([]byte{0, 1, 2, 3, 4, 5, 21, t0 + 11, 22, t0 + 16, 5, 8, 23, t0 + 14, 0})        // poll(.., 9223372036854), SO_RCVTIMEO 200ms, goto 0
	f.Fuzz(func(t *testing.T, picks []byte) {
		if len(picks) > 60 {
			picks = picks[:60]
		}
		s := New(5)
		for i := 0; i < len(picks); {
			var line string
			line, i = fuzzLine(picks, i)
			before := s.Script()
			o := s.Exec(line)
			if o.Err != nil && o.Err.Panic {
				t.Fatalf("line %q panicked: %s", shortText(line), o.Err.Message)
			}
			if o.Err != nil && s.Script() != before {
				t.Fatalf("refused line %q changed the history", shortText(line))
			}
		}
		trace, _ := json.Marshal(s.Trace(0))
		replayed := New(5)
		for _, line := range strings.Split(s.Script(), "\n") {
			if line == "" {
				continue
			}
			if o := replayed.Exec(line); o.Err != nil {
				t.Fatalf("exported line %q refused on replay: %v", line, o.Err)
			}
		}
		again, _ := json.Marshal(replayed.Trace(0))
		if string(trace) != string(again) {
			t.Fatalf("replaying the exported script gave another trace:\n%s", s.Script())
		}
	})
}

func shortText(s string) string {
	if len(s) > 100 {
		return s[:100] + "..."
	}
	return s
}
