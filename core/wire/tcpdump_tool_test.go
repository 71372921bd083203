package wire

import (
	"bytes"
	"encoding/binary"
	"math/rand/v2"
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
)

// tcpdumpPath finds the real tcpdump. Without it the comparison tests
// skip locally but fail in CI, where make test installs it.
func tcpdumpPath(t *testing.T) string {
	t.Helper()
	path, err := exec.LookPath("tcpdump")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("tcpdump is not installed")
		}
		t.Skip("tcpdump is not installed")
	}
	return path
}

// runTcpdump writes recs to a pcap file and returns tcpdump's lines for it.
func runTcpdump(t *testing.T, recs []Record, flags ...string) []string {
	t.Helper()
	tool := tcpdumpPath(t)
	var buf bytes.Buffer
	require.NoError(t, WritePcap(&buf, recs))
	file := filepath.Join(t.TempDir(), "capture.pcap")
	require.NoError(t, os.WriteFile(file, buf.Bytes(), 0o644))
	cmd := exec.Command(tool, append([]string{"-r", file}, flags...)...)
	cmd.Env = append(os.Environ(), "TZ=UTC")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	require.NoError(t, err, stderr.String())
	return splitLines(string(out))
}

func splitLines(s string) []string {
	return strings.Split(strings.TrimSuffix(s, "\n"), "\n")
}

func TestPrinterMatchesTcpdump(t *testing.T) {
	recs := captureCorpus()
	for _, absolute := range []bool{false, true} {
		flags := []string{"-nn"}
		if absolute {
			flags = append(flags, "-S")
		}
		want := runTcpdump(t, recs, flags...)
		got := splitLines(Dump(recs, absolute))
		assert.Equal(t, want, got, "tcpdump %v", flags)
	}
}

func TestTcpdumpFindsEveryChecksumCorrect(t *testing.T) {
	recs := captureCorpus()
	out := strings.Join(runTcpdump(t, recs, "-nn", "-vv"), "\n")
	for _, complaint := range []string{"incorrect", "bad cksum", "bad udp cksum", "wrong icmp cksum"} {
		assert.NotContains(t, out, complaint)
	}
	// Make sure the checks ran: tcpdump says so for TCP and UDP.
	assert.Equal(t, countTCP(recs), strings.Count(out, "(correct)"))
	assert.Contains(t, out, "[udp sum ok]")
}

func countTCP(recs []Record) int {
	n := 0
	for _, r := range recs {
		if p, err := Decode(r.Data); err == nil && p.TCP != nil {
			n++
		}
	}
	return n
}

// dissectedOnlyByTcpdump tells packets whose tcpdump line comes from a
// dissector the Printer does not reproduce: other IP protocols, IPv6
// extension headers and upper protocols, and well-known ports.
func dissectedOnlyByTcpdump(b []byte) bool {
	if len(b) == 0 {
		return false
	}
	switch b[0] >> 4 {
	case 4:
	case 6:
		if len(b) < 40 {
			return false
		}
		switch b[6] {
		case 0, 43, 44, 60, 62, 135: // extension headers
			return true
		}
		return tcpdumpIPProtocols[b[6]]
	default:
		return false
	}
	if len(b) < 20 {
		return false
	}
	proto := b[9]
	if proto != ProtoTCP && proto != ProtoUDP {
		return proto != ProtoICMP && tcpdumpIPProtocols[proto]
	}
	hlen := int(b[0]&0x0f) * 4
	if hlen < 20 || len(b) < hlen+4 {
		return false
	}
	for _, port := range []int{int(b[hlen])<<8 | int(b[hlen+1]), int(b[hlen+2])<<8 | int(b[hlen+3])} {
		if port < 1024 && port != 80 || port == 8080 && proto == ProtoUDP || knownHighPort(port) {
			return true
		}
	}
	return false
}

// tcpdumpIPProtocols are the IP protocols tcpdump 4.99 dissects (found by
// printing a packet of each).
var tcpdumpIPProtocols = map[uint8]bool{
	1: true, 2: true, 4: true, 6: true, 8: true, 9: true, 17: true, 33: true, 41: true,
	46: true, 47: true, 50: true, 51: true, 55: true, 58: true, 59: true, 77: true,
	88: true, 89: true, 103: true, 108: true, 112: true, 113: true, 132: true, 143: true,
}

// knownHighPort lists the ports above 1023 that tcpdump dissects for UDP
// or TCP.
func knownHighPort(port int) bool {
	switch port {
	case 1645, 1646, 1698, 1701, 1723, 1812, 1813, 1985, 2049, 2152, 2123, 3503, 3544,
		3784, 3785, 4341, 4342, 4500, 4784, 4789, 5060, 5246, 5247, 5353, 5355, 5545,
		5556, 6081, 6343, 6379, 6633, 6653, 6696, 6697, 7123, 8472, 8554, 9995, 9996,
		3799, 4790, 4791, 17754, 10288, 30490:
		return true
	}
	return port >= 7000 && port <= 7009 // AFS rx
}

// TestPrinterMatchesTcpdumpOnCorruptedPackets damages the corpus the way
// the simulated wire does (flipped bytes) and worse (overwritten headers,
// IP options, wrong lengths, cut captures, a version nibble of 6) and
// compares every line with tcpdump's, relative and absolute.
func TestPrinterMatchesTcpdumpOnCorruptedPackets(t *testing.T) {
	corpus := captureCorpus()
	for seed := uint64(1); seed <= 6; seed++ {
		rng := rand.New(rand.NewPCG(seed, 2*seed+1))
		var recs []Record
		for len(recs) < 4000 {
			r := corpus[rng.IntN(len(corpus))]
			b := corrupt(rng, append([]byte(nil), r.Data...))
			if len(b) == 0 || dissectedOnlyByTcpdump(b) {
				continue
			}
			recs = append(recs, Record{Time: r.Time, Data: b})
		}
		absolute := seed%2 == 0
		flags := []string{"-nn"}
		if absolute {
			flags = append(flags, "-S")
		}
		want := runTcpdump(t, recs, flags...)
		got := splitLines(Dump(recs, absolute))
		require.Len(t, got, len(want))
		mismatches := 0
		for i := range want {
			if want[i] == got[i] {
				continue
			}
			if mismatches++; mismatches <= 5 {
				t.Errorf("seed %d packet %d % x\n want %q\n got  %q", seed, i, recs[i].Data, want[i], got[i])
			}
		}
		assert.Zero(t, mismatches, "seed %d: lines that differ from tcpdump's", seed)
	}
}

// corrupt damages a packet in one of several ways.
func corrupt(rng *rand.Rand, b []byte) []byte {
	switch rng.IntN(6) {
	case 0: // random header bytes, version kept
		for i := 0; i < min(len(b), 20+rng.IntN(60)); i++ {
			if rng.IntN(3) == 0 {
				b[i] = byte(rng.IntN(256))
			}
		}
		b[0] = 0x40 | b[0]&0x0f
	case 1: // random IP options
		opts := make([]byte, 4*(1+rng.IntN(10)))
		for i := range opts {
			opts[i] = byte(rng.IntN(256))
		}
		b = append(append(append([]byte(nil), b[:20]...), opts...), b[20:]...)
		b[0] = 0x40 | byte((20+len(opts))/4)
		binary.BigEndian.PutUint16(b[2:], uint16(len(b)))
	case 2: // wrong total length
		binary.BigEndian.PutUint16(b[2:], uint16(rng.IntN(len(b)+40)))
	case 3: // small values where the TCP options are, so they parse
		for i := 40; i < min(len(b), 60); i++ {
			b[i] = byte(rng.IntN(40))
		}
	case 4: // IPv6 by version
		b[0] = 0x60 | byte(rng.IntN(16))
	default: // flipped bytes, as the simulated wire does
		for flips := 1 + rng.IntN(4); flips > 0; flips-- {
			b[rng.IntN(len(b))] ^= byte(1 + rng.IntN(255))
		}
	}
	if rng.IntN(5) == 0 {
		b = b[:rng.IntN(len(b)+1)]
	}
	return b
}

// TestPrinterHTTPLinesMatchTcpdump builds HTTP-port payloads from words
// that steer tcpdump's request/response detection and line printing
// (methods in any case, status codes, CR, LF, tabs, binary, very long
// tokens, cut captures) and compares the lines.
func TestPrinterHTTPLinesMatchTcpdump(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 9))
	words := []string{"GET", "get", "PATCH", "POST", "CCM_POST", "HTTP/1.1", "200", "20", "2000", "OK",
		"\r\n", "\n", "\r", "\t", " ", "\x00", "\xff", "x"}
	var recs []Record
	for len(recs) < 3000 {
		var payload []byte
		if rng.IntN(20) == 0 {
			payload = bytes.Repeat([]byte("A"), 120+rng.IntN(20)) // around tcpdump's 128-byte token limit
		}
		for n := rng.IntN(8); n > 0; n-- {
			payload = append(payload, words[rng.IntN(len(words))]...)
			if rng.IntN(3) == 0 {
				payload = append(payload, ' ')
			}
		}
		port := uint16(80)
		if rng.IntN(2) == 0 {
			port = 8080
		}
		b := TCPPacket(clientAddr, serverAddr, 1, &TCP{SrcPort: 40000, DstPort: port, Flags: ACK | PSH, Payload: payload})
		if rng.IntN(4) == 0 {
			b = b[:40+rng.IntN(len(b)-40+1)]
		}
		recs = append(recs, Record{Time: time.Second, Data: b})
	}
	want := runTcpdump(t, recs, "-nn", "-S")
	got := splitLines(Dump(recs, true))
	require.Len(t, got, len(want))
	for i := range want {
		assert.Equal(t, want[i], got[i], "payload %q", recs[i].Data[40:])
	}
}

// TestChecksumRepairsAgreeWithTcpdump damages one byte of each packet and
// checks that Inspect names the same correct checksum as tcpdump -vv.
func TestChecksumRepairsAgreeWithTcpdump(t *testing.T) {
	complaint := regexp.MustCompile(`incorrect -> 0x([0-9a-f]+)|bad udp cksum 0x[0-9a-f]+ -> 0x([0-9a-f]+)!|wrong icmp cksum [0-9a-f]+ \(->([0-9a-f]+)\)|bad cksum [0-9a-f]+ \(->([0-9a-f]+)\)`)
	want := regexp.MustCompile(`want 0x([0-9a-f]{4})`)
	rng := rand.New(rand.NewPCG(3, 4))
	var recs []Record
	var inspected []uint64
	for _, r := range captureCorpus() {
		b := append([]byte(nil), r.Data...)
		at := len(b) - 1 - rng.IntN(len(b)-20) // somewhere in the transport segment
		if rng.IntN(3) == 0 {
			at = 8 // the TTL, so the IP header checksum breaks
		}
		b[at] ^= byte(1 + rng.IntN(255))
		_, problems := Inspect(b)
		require.True(t, HasChecksumProblem(problems), "% x", b)
		var m []string
		for _, p := range problems {
			if m == nil {
				m = want.FindStringSubmatch(p.Detail)
			}
		}
		require.NotNil(t, m, "%v", problems)
		v, err := strconv.ParseUint(m[1], 16, 16)
		require.NoError(t, err)
		recs = append(recs, Record{Time: r.Time, Data: b})
		inspected = append(inspected, v)
	}
	var lines []string
	for _, l := range runTcpdump(t, recs, "-nn", "-vv") {
		if !strings.HasPrefix(l, " ") && !strings.HasPrefix(l, "\t") {
			lines = append(lines, l)
		} else {
			lines[len(lines)-1] += l
		}
	}
	require.Len(t, lines, len(recs))
	for i, l := range lines {
		m := complaint.FindStringSubmatch(l)
		require.NotNil(t, m, l)
		tcpdumpWants, err := strconv.ParseUint(m[1]+m[2]+m[3]+m[4], 16, 16)
		require.NoError(t, err)
		assert.Equal(t, tcpdumpWants, inspected[i], l)
	}
}
