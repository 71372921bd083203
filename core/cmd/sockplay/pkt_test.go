package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPktRunsPacketdrillScripts(t *testing.T) {
	bin := buildCLI(t)
	out, errOut, code := runCLI(t, bin, "", "pkt", "--help")
	assert.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "pkt runs packetdrill scripts")

	own := filepath.Join("..", "..", "pkt", "testdata", "handshake.pkt")
	out, errOut, code = runCLI(t, bin, "", "pkt", own)
	require.Equal(t, 0, code, errOut)
	assert.Equal(t, own+": pass\n", out)

	src, err := os.ReadFile(own)
	require.NoError(t, err)
	bad := filepath.Join(t.TempDir(), "bad.pkt")
	require.NoError(t, os.WriteFile(bad, []byte(strings.Replace(string(src), "> P. 1:2001(2000) ack 1", "> P. 1:2001(2000) ack 7", 1)), 0o644))
	_, errOut, code = runCLI(t, bin, "", "pkt", own, bad)
	assert.Equal(t, 1, code)
	assert.Contains(t, errOut, bad+":17: error handling packet: live packet field tcp_ack_seq: expected: 7 (0x7) vs actual: 1 (0x1)")

	// The wire as tcpdump prints it, and as a pcap that tcpdump reads.
	out, _, code = runCLI(t, bin, "", "pkt", "--trace", own)
	require.Equal(t, 0, code)
	assert.Contains(t, out, "IP 192.0.2.1.40001 > 192.168.0.1.8080: Flags [S], seq 0, win 32792")
	pcap := filepath.Join(t.TempDir(), "wire.pcap")
	_, errOut, code = runCLI(t, bin, "", "pkt", "--pcap", pcap, own)
	require.Equal(t, 0, code, errOut)
	if _, err := exec.LookPath("tcpdump"); err != nil {
		t.Skip("tcpdump is not installed")
	}
	dump, err := exec.Command("tcpdump", "-nn", "-r", pcap).CombinedOutput()
	require.NoError(t, err, string(dump))
	assert.Contains(t, string(dump), "IP 192.168.0.1.8080 > 192.0.2.1.40001: Flags [S.]")
}
