package session

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sockplay/sockplay/core/examples"
	"github.com/sockplay/sockplay/core/trace"
)

// tcpdumpPath finds the real tool: CI installs it (make test does), so
// there its absence is a failure, not a skip.
func tcpdumpPath(t *testing.T) string {
	if runtime.GOOS == "js" {
		t.Skip("a wasm test cannot run programs; the native run reads the pcap with tcpdump")
	}
	p, err := exec.LookPath("tcpdump")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("tcpdump is missing; make test installs it")
		}
		t.Skip("tcpdump not installed")
	}
	return p
}

// TestRealTcpdumpReadsTheExportedCapture exports every example's wire
// capture as a pcap and has Debian's tcpdump read it back: its lines must
// be the engine's own trace lines, and -vv must find every checksum right.
func TestRealTcpdumpReadsTheExportedCapture(t *testing.T) {
	tool := tcpdumpPath(t)
	for _, ex := range examples.All() {
		t.Run(ex.Name, func(t *testing.T) {
			s := New(1)
			s.Load(ex.Script)
			var want []string
			for _, e := range s.Trace(0) {
				if e.Kind == trace.Send || e.Kind == trace.Dup {
					line, ok := s.st.packetText(e.Packet)
					require.True(t, ok, "packet %d", e.Packet)
					want = append(want, line)
				}
			}
			if len(want) == 0 {
				return
			}
			file := filepath.Join(t.TempDir(), "wire.pcap")
			require.NoError(t, os.WriteFile(file, s.Pcap(""), 0o644))
			cmd := exec.Command(tool, "-nn", "-r", file)
			cmd.Env = append(os.Environ(), "TZ=UTC")
			out, err := cmd.Output()
			require.NoError(t, err)
			assert.Equal(t, strings.Join(want, "\n")+"\n", string(out))

			cmd = exec.Command(tool, "-nn", "-vv", "-r", file)
			cmd.Env = append(os.Environ(), "TZ=UTC")
			out, err = cmd.Output()
			require.NoError(t, err)
			assert.NotContains(t, string(out), "incorrect")
			assert.NotContains(t, string(out), "bad cksum")
		})
	}
}
