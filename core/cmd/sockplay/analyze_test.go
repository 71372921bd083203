package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sockplay/sockplay/core/analysis"
	"github.com/sockplay/sockplay/core/examples"
	"github.com/sockplay/sockplay/core/session"
)

// tsharkPath finds Wireshark's command line: CI installs it (make test
// does), so there its absence is a failure, not a skip.
func tsharkPath(t *testing.T) string {
	p, err := exec.LookPath("tshark")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("tshark is missing; make test installs it")
		}
		t.Skip("tshark not installed")
	}
	return p
}

// analyzed runs `sockplay analyze` on an example's script, and tshark
// with the same -z on its wire capture.
type analyzed struct {
	t      *testing.T
	tshark string
	script string
	pcap   string
	a      *analysis.Analysis
}

func analyzeExample(t *testing.T, tool string, ex examples.Example) *analyzed {
	s := session.New(1)
	s.Load(ex.Script)
	pcap := filepath.Join(t.TempDir(), "wire.pcap")
	require.NoError(t, os.WriteFile(pcap, s.Pcap(""), 0o644))
	return &analyzed{t: t, tshark: tool, script: ex.Script, pcap: pcap, a: analysis.Analyze(s.Trace(0))}
}

func (x *analyzed) ours(z ...string) string {
	args := []string{"analyze"}
	for _, s := range z {
		args = append(args, "-z", s)
	}
	var out, errOut bytes.Buffer
	code := run(append(args, "-"), strings.NewReader(x.script), &out, &errOut)
	require.Equal(x.t, 0, code, errOut.String())
	return out.String()
}

// theirs runs tshark once for all of z (it takes a second or two to
// start), printing them in the order given.
func (x *analyzed) theirs(z ...string) string {
	args := []string{"-n", "-q", "-r", x.pcap}
	for i := len(z) - 1; i >= 0; i-- { // tshark prints the last -z first
		args = append(args, "-z", z[i])
	}
	cmd := exec.Command(x.tshark, args...)
	cmd.Env = append(os.Environ(), "TZ=UTC", "HOME="+x.t.TempDir())
	out, err := cmd.Output()
	require.NoError(x.t, err)
	return string(out)
}

// tsharkConv is one line of tshark -z conv: "A <-> B  frames bytes unit ...".
var tsharkConv = regexp.MustCompile(`^(\S+)\s+<->\s+(\S+)\s+(\d+) (\d+) (bytes|kB|MB)\s+(\d+) (\d+) (bytes|kB|MB)\s+(\d+) (\d+) (bytes|kB|MB)\s+([\d.]+)\s+([\d.]+)$`)

// TestStatisticsMatchTshark has tshark read every example's capture with
// -z conv,tcp, -z conv,udp and -z follow for each stream (in one run: it
// takes a second or two to start). Each followed stream must be the same
// text byte for byte; each conversation the same frames, bytes (where
// tshark prints them unrounded), start and duration.
func TestStatisticsMatchTshark(t *testing.T) {
	tool := tsharkPath(t)
	streams, compared := 0, 0
	for _, ex := range examples.All() {
		t.Run(ex.Name, func(t *testing.T) {
			x := analyzeExample(t, tool, ex)
			var follows []string
			for _, c := range x.a.Conversations {
				follows = append(follows, "follow,"+c.Proto+",ascii,"+strconv.Itoa(c.Stream))
				streams++
			}
			theirs := x.theirs(append([]string{"conv,tcp", "conv,udp"}, follows...)...)
			rule := "\n" + strings.Repeat("=", 67) + "\nFollow: "
			convs, followed, _ := strings.Cut(theirs, rule)
			if len(follows) > 0 {
				assert.Equal(t, rule+followed, x.ours(follows...))
			}
			tables := strings.SplitAfter(convs, "UDP Conversations")
			require.Len(t, tables, 2)
			for i, proto := range []string{"tcp", "udp"} {
				compared += compareConversations(t, x.a, proto, tables[i])
			}
		})
	}
	assert.Greater(t, streams, 20)
	assert.Greater(t, compared, 15)
}

func compareConversations(t *testing.T, a *analysis.Analysis, proto, table string) int {
	theirs := map[string][]string{}
	for _, line := range strings.Split(table, "\n") {
		if m := tsharkConv.FindStringSubmatch(line); m != nil {
			theirs[m[1]+" "+m[2]] = m
		}
	}
	n := 0
	for _, c := range a.Conversations {
		if c.Proto != proto {
			continue
		}
		n++
		m, ok := theirs[c.A.String()+" "+c.B.String()]
		if !ok { // tshark names the pair the other way round
			m, ok = theirs[c.B.String()+" "+c.A.String()]
			c.Frames[0], c.Frames[1] = c.Frames[1], c.Frames[0]
			c.Bytes[0], c.Bytes[1] = c.Bytes[1], c.Bytes[0]
		}
		require.True(t, ok, "tshark has no conversation %s", c.Name())
		// tshark's "<-" columns count B to A, "->" A to B.
		assert.Equal(t, m[3], strconv.Itoa(c.Frames[1]), c.Name())
		assert.Equal(t, m[6], strconv.Itoa(c.Frames[0]), c.Name())
		if m[5] == "bytes" {
			assert.Equal(t, m[4], strconv.Itoa(c.Bytes[1]), c.Name())
		}
		if m[8] == "bytes" {
			assert.Equal(t, m[7], strconv.Itoa(c.Bytes[0]), c.Name())
		}
		// tshark's start is relative to the capture's first frame, its
		// times the pcap's microseconds (a crowd starts its clients at
		// times drawn to the nanosecond).
		us := func(d time.Duration) time.Duration { return d.Truncate(time.Microsecond) }
		assert.Equal(t, m[12], seconds(us(c.Start)-us(a.Packets[0].Time), 9), c.Name())
		assert.Equal(t, m[13], seconds(us(c.End)-us(c.Start), 4), c.Name())
	}
	assert.Len(t, theirs, n, "conversations of %s", proto)
	return n
}

// TestExpertListsTheEnginesCauses checks the expert output of the fast
// retransmit example against what the engine did there: one segment lost,
// ten duplicate ACKs, one fast retransmission.
func TestExpertListsTheEnginesCauses(t *testing.T) {
	script, err := os.ReadFile("../../examples/scripts/09-fast-retransmit.sock")
	require.NoError(t, err)
	var out, errOut bytes.Buffer
	require.Equal(t, 0, run([]string{"analyze", "-"}, bytes.NewReader(script), &out, &errOut), errOut.String())
	got := out.String()
	assert.Contains(t, got, "\nWarns (2)\n=============\n   Frequency      Group           Protocol  Summary\n"+
		"           1   Sequence                TCP  Lost on the wire\n")
	assert.Contains(t, got, "           1   Sequence                TCP  Duplicate ACK (#10)\n")
	assert.Contains(t, got, "           1   Sequence                TCP  Fast retransmission (RFC 5681 3.2)\n")
	assert.Contains(t, got, "\nChats (2)\n")

	out.Reset()
	require.Equal(t, 0, run([]string{"run", "--trace=expert", "-"}, bytes.NewReader(script), &out, &errOut), errOut.String())
	lines := strings.Split(out.String(), "\n")
	assert.True(t, strings.HasSuffix(lines[3], "length 1448: HTTP  [lost]"), lines[3])
	assert.True(t, strings.HasSuffix(lines[13], "  [dup ACK 2#1]"), lines[13])
	assert.True(t, strings.HasSuffix(lines[23], "length 1448: HTTP  [retransmission (fast)]"), lines[23])
	assert.True(t, strings.HasSuffix(lines[0], "length 0"), "a line without tags stays tcpdump's: %s", lines[0])
}

func TestAnalyzeRefusesUnknownStatistics(t *testing.T) {
	for _, z := range []string{"io,stat", "follow,tcp,hex,0", "follow,tcp,ascii,x", "conv,sctp"} {
		var out, errOut bytes.Buffer
		assert.Equal(t, 2, run([]string{"analyze", "-z", z, "-"}, strings.NewReader(""), &out, &errOut), z)
		assert.Contains(t, errOut.String(), "-z "+z+": ", z)
	}
	var out, errOut bytes.Buffer
	assert.Equal(t, 1, run([]string{"analyze", "-z", "follow,tcp,ascii,3", "-"}, strings.NewReader(""), &out, &errOut))
	assert.Contains(t, errOut.String(), "no tcp stream 3")
}

func TestAnalyzeDisplayFilter(t *testing.T) {
	script, err := os.ReadFile("../../examples/scripts/09-fast-retransmit.sock")
	require.NoError(t, err)
	var out, errOut bytes.Buffer
	require.Equal(t, 0, run([]string{"analyze", "-Y", "tcp.analysis.retransmission or sockplay.lost", "-"}, bytes.NewReader(script), &out, &errOut), errOut.String())
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	require.Len(t, lines, 2)
	assert.True(t, strings.HasSuffix(lines[0], "  [lost]"), lines[0])
	assert.True(t, strings.HasSuffix(lines[1], "  [retransmission (fast)]"), lines[1])

	out.Reset()
	assert.Equal(t, 2, run([]string{"analyze", "-Y", "tcp.port = 80", "-"}, bytes.NewReader(script), &out, &errOut))
	assert.Equal(t, "sockplay: -Y: column 10: \"=\" is not an operator: compare with ==\n  tcp.port = 80\n           ^\n", errOut.String())
}

// TestAnalyzeAtAHost reads the fast retransmit example at each end, as
// the page's tcpdump tab does on a host: the client saw its segment leave
// and be lost, the server never saw it and misses its bytes; -Y prints
// that host's own tcpdump lines, untouched, each with the tags that hold there.
func TestAnalyzeAtAHost(t *testing.T) {
	script, err := os.ReadFile("../../examples/scripts/09-fast-retransmit.sock")
	require.NoError(t, err)
	analyzeAt := func(args ...string) string {
		var out, errOut bytes.Buffer
		require.Equal(t, 0, run(append([]string{"analyze"}, append(args, "-")...), bytes.NewReader(script), &out, &errOut), errOut.String())
		return out.String()
	}
	server := analyzeAt("--host", "server")
	assert.Contains(t, server, "\nWarns (1)\n=============\n   Frequency      Group           Protocol  Summary\n"+
		"           1   Sequence                TCP  Previous segment(s) not captured (at the receiver)\n")
	assert.NotContains(t, server, "Lost on the wire")
	client := analyzeAt("--host", "client", "-z", "expert")
	assert.Contains(t, client, "           1   Sequence                TCP  Lost on the wire\n")
	assert.NotContains(t, client, "not captured")

	s := session.New(1)
	for _, line := range strings.Split(strings.TrimSpace(string(script)), "\n") {
		require.Nil(t, s.Exec(line).Err, line)
	}
	dump := strings.Split(strings.TrimSuffix(s.Tcpdump("server", false), "\n"), "\n")
	lines := strings.Split(strings.TrimSuffix(analyzeAt("--host", "server", "-Y", "tcp"), "\n"), "\n")
	require.Len(t, lines, len(dump))
	tagged := 0
	for i, line := range lines {
		assert.True(t, strings.HasPrefix(line, dump[i]), "line %d is the server's tcpdump line: %s", i+1, line)
		if line != dump[i] {
			tagged++
		}
	}
	assert.Equal(t, 12, tagged, "previous segment not captured, ten dup ACKs, the fast retransmission")
	assert.Contains(t, lines[3], "  [previous-segment-not-captured]")

	for _, bad := range [][]string{{"--host", "nobody"}, {"--host", "server", "-z", "conv,tcp"}} {
		var out, errOut bytes.Buffer
		assert.NotEqual(t, 0, run(append([]string{"analyze"}, append(bad, "-")...), bytes.NewReader(script), &out, &errOut), bad)
		assert.Contains(t, errOut.String(), "--host", bad)
	}
}
