package wire

import (
	"bytes"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

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
// dissector the Printer does not reproduce: other IP protocols, IPv6, and
// well-known ports.
func dissectedOnlyByTcpdump(b []byte) bool {
	if len(b) == 0 {
		return false
	}
	switch b[0] >> 4 {
	case 4:
	case 6:
		return true
	default:
		return false
	}
	if len(b) < 20 {
		return false
	}
	proto := b[9]
	if proto != ProtoTCP && proto != ProtoUDP && proto != ProtoICMP {
		return true
	}
	hlen := int(b[0]&0x0f) * 4
	if proto == ProtoICMP || hlen < 20 || len(b) < hlen+4 {
		return false
	}
	for _, port := range []int{int(b[hlen])<<8 | int(b[hlen+1]), int(b[hlen+2])<<8 | int(b[hlen+3])} {
		if port < 1024 && port != 80 || port == 2049 || port == 8080 && proto == ProtoUDP || port >= 1024 && knownHighPort(port) {
			return true
		}
	}
	return false
}

// knownHighPort lists the ports above 1023 that tcpdump dissects for UDP
// or TCP.
func knownHighPort(port int) bool {
	switch port {
	case 1645, 1646, 1698, 1701, 1723, 1812, 1813, 1985, 2049, 2152, 2123, 3503, 3544,
		3784, 3785, 4341, 4342, 4500, 4784, 4789, 5060, 5246, 5247, 5353, 5355, 5545, 5556, 6081, 6343, 6379, 6633, 6653, 6696, 6697, 7123,
		8472, 8554, 9995, 9996, 3799, 4790, 4791, 17754, 10288, 30490:
		return true
	}
	return port >= 7000 && port <= 7009 // AFS rx
}

// TestPrinterMatchesTcpdumpOnCorruptedPackets flips bytes in the corpus the
// way the simulated wire corrupts packets and compares every line.
func TestPrinterMatchesTcpdumpOnCorruptedPackets(t *testing.T) {
	corpus := captureCorpus()
	rng := rand.New(rand.NewPCG(1, 2))
	var recs []Record
	for i := 0; i < 3000; i++ {
		r := corpus[rng.IntN(len(corpus))]
		b := append([]byte(nil), r.Data...)
		for flips := 1 + rng.IntN(2); flips > 0; flips-- {
			b[rng.IntN(len(b))] ^= byte(1 + rng.IntN(255))
		}
		if rng.IntN(10) == 0 {
			b = b[:rng.IntN(len(b)+1)]
		}
		if len(b) == 0 || dissectedOnlyByTcpdump(b) {
			continue
		}
		recs = append(recs, Record{Time: r.Time, Data: b})
	}
	want := runTcpdump(t, recs, "-nn")
	got := splitLines(Dump(recs, false))
	require.Len(t, got, len(want))
	mismatches := 0
	for i := range want {
		if want[i] != got[i] && mismatches < 20 {
			mismatches++
			t.Errorf("packet %d % x\n want %q\n got  %q", i, recs[i].Data, want[i], got[i])
		}
	}
}
