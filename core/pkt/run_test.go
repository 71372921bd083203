package pkt

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sockplay/sockplay/core/tcp"
)

func runText(t *testing.T, src string) error {
	t.Helper()
	s, err := Parse("t.pkt", src)
	if err != nil {
		t.Fatal(err)
	}
	_, err = Run(s, 1)
	return err
}

func TestRunOwnScript(t *testing.T) {
	src, err := os.ReadFile("testdata/handshake.pkt")
	if err != nil {
		t.Fatal(err)
	}
	s, err := Parse("handshake.pkt", string(src))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Run(s, 7); err != nil {
		t.Fatal(err)
	}
}

const passiveOpen = "`defaults.sh`\n" + `0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3
+0 bind(3, ..., ...) = 0
+0 listen(3, 1) = 0
+0 < S 0:0(0) win 32792 <mss 1460,sackOK,nop,nop,nop,wscale 7>
`

// Every kind of mismatch is reported at its line, in packetdrill's words.
func TestRunMismatches(t *testing.T) {
	for tail, want := range map[string]string{
		"+0 > S. 0:0(0) ack 2 <...>":                                  "t.pkt:6: error handling packet: live packet field tcp_ack_seq: expected: 2 (0x2) vs actual: 1 (0x1)",
		"+0 > S 0:0(0) ack 1 <...>":                                   "t.pkt:6: error handling packet: live packet flags: expected: S vs actual: S.",
		"+0 > S. 0:0(0) ack 1 <mss 1000,nop,nop,sackOK,nop,wscale 8>": "t.pkt:6: error handling packet: bad value in outbound TCP option (kind=2): expected: mss 1000 actual: mss 1460",
		"+0 > S. 0:0(0) ack 1 <mss 1460,nop,wscale 8>":                "t.pkt:6: error handling packet: bad outbound TCP options: expected: <mss 1460,nop,wscale 8> actual: <mss 1460,nop,nop,sackOK,nop,wscale 8>",
		"+0 > S. 0:0(0) ack 1 win 100 <...>":                          "t.pkt:6: error handling packet: live packet field tcp_window: expected: 100 (0x64) vs actual: 64240 (0xfaf0)",
		"+.1 > S. 0:0(0) ack 1 <...>":                                 "t.pkt:6: error handling packet: timing error: expected outbound packet at 0.100000 sec but happened at 0.000000 sec; tolerance 0.012500 sec",
		"+0 > S. 0:0(0) ack 1 <...>\n+0 accept(3, ..., ...) = 4":      "t.pkt:7: runtime error in accept call: Expected result 4 but got -1 with errno 11 (Resource temporarily unavailable)",
		"+0 > S. 0:0(0) ack 1 <...>\n+0 > . 1:1(0) ack 1":             "t.pkt:7: error handling packet: timing error: expected outbound packet at 0.000000 sec but none was sent by 0.004000 sec",
		"+0 > S. 0:0(0) ack 1 <...>\n+0 fork() = 0":                   "t.pkt:7: not supported: fork()",
	} {
		src := passiveOpen + tail
		if strings.Contains(tail, "accept") {
			src = strings.Replace(src, "0 socket(..., SOCK_STREAM, IPPROTO_TCP)", "0 socket(..., SOCK_STREAM|SOCK_NONBLOCK, IPPROTO_TCP)", 1)
		}
		err := runText(t, src)
		if err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("%s:\n got %v\nwant %s", tail, err, want)
		}
	}
}

func TestRunBlockingConnect(t *testing.T) {
	src := "0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n" +
		"+.1...0.200 connect(3, ..., ...) = 0\n" +
		"+0 > S 0:0(0) <mss 1460,sackOK,TS val 100 ecr 0,nop,wscale 8>\n" +
		"+.1 < S. 0:0(0) ack 1 win 5792 <mss 1460,nop,wscale 2,nop,nop,sackOK>\n" +
		"+0 > . 1:1(0) ack 1\n"
	if err := runText(t, src); err != nil {
		t.Fatal(err)
	}
	late := strings.Replace(src, "0.200 connect", "0.400 connect", 1)
	if err := runText(t, late); err == nil || !strings.Contains(err.Error(), "t.pkt:2: timing error: expected blocking connect to return at 0.400000 sec but it returned at 0.200000 sec") {
		t.Errorf("late: %v", err)
	}
}

// Consecutive outbound segments add up to the one expected, which then has
// the last one's flags (packetdrill's aggregate_packets); with
// --strict_segments each segment is matched alone.
func TestRunAggregatesSegments(t *testing.T) {
	script := func(opts, expect string) string {
		return opts + passiveOpen + `+0 > S. 0:0(0) ack 1 <...>
+.01 < . 1:1(0) ack 1 win 257
+0 accept(3, ..., ...) = 4
+0 write(4, ..., 2000) = 2000
` + expect + "\n"
	}
	src := strings.Replace(script("", "+0 > P. 1:2001(2000) ack 1"), "mss 1460", "mss 1000", 1)
	if err := runText(t, src); err != nil {
		t.Fatal(err)
	}
	for opts, want := range map[string]string{
		"":                    "t.pkt:10: error handling packet: live packet flags: expected: . vs actual: P.",
		"--strict_segments\n": "t.pkt:11: error handling packet: live packet payload: expected 2000 bytes vs actual 1000 bytes",
	} {
		expect := "+0 > . 1:2001(2000) ack 1"
		if opts != "" {
			expect = "+0 > P. 1:2001(2000) ack 1"
		}
		src := strings.Replace(script(opts, expect), "mss 1460", "mss 1000", 1)
		if err := runText(t, src); err == nil || err.Error() != want {
			t.Errorf("%q: got %v, want %s", opts, err, want)
		}
	}
}

// Play gives the page the verdict, the mismatched packet and the trace,
// whose events name the script lines.
func TestPlayReportsTheMismatchedPacket(t *testing.T) {
	rep := Play("t.pkt", passiveOpen+"+0 > S. 0:0(0) ack 2 <...>\n", 1)
	if rep.Pass || rep.Err == nil || rep.Err.Line != 6 || rep.Err.Packet == 0 {
		t.Fatalf("%+v", rep.Err)
	}
	found := false
	for _, e := range rep.Events {
		if e.Packet == rep.Err.Packet && e.Kind == "send" {
			found = true
			if e.Line != 5 || e.From != "local" { // sent in reply to the SYN of line 5
				t.Errorf("the SYN-ACK: %+v", e)
			}
		}
	}
	if !found {
		t.Errorf("packet %d is not in the trace", rep.Err.Packet)
	}
	if rep := Play("t.pkt", passiveOpen+"+0 > S. 0:0(0) ack 1 <...>\n", 1); !rep.Pass || rep.Err != nil || len(rep.Events) == 0 {
		t.Errorf("a passing script: %+v", rep)
	}
	if rep := Play("t.pkt", "0 fork() = 0\n", 1); rep.Pass || rep.Err.Line != 1 || len(rep.Events) != 0 {
		t.Errorf("a refused script: %+v", rep)
	}
}

// The scripts checked against Linux (linux_test.go, as root) pass on the
// engine everywhere.
func TestLinuxScriptsOnTheEngine(t *testing.T) {
	files, err := filepath.Glob("testdata/linux/*.pkt")
	if err != nil || len(files) == 0 {
		t.Fatal("no scripts in testdata/linux", err)
	}
	for _, file := range files {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		s, err := Parse(filepath.Base(file), string(src))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := runWith(s, 1, tcp.DefaultConfig()); err != nil {
			t.Error(err)
		}
	}
}
