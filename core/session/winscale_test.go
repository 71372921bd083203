package session

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sockplay/sockplay/core/examples"
	"github.com/sockplay/sockplay/core/inet"
	"github.com/sockplay/sockplay/core/trace"
	"github.com/sockplay/sockplay/core/wire"
)

// The inspector computes the window as Wireshark does: for every segment of
// the handshake and zero-window examples, its "Calculated window size" is
// tshark's tcp.window_size, and a SYN's window is not scaled.
func TestInspectorScalesTheWindowAsWireshark(t *testing.T) {
	if runtime.GOOS == "js" {
		t.Skip("a wasm test cannot run programs")
	}
	tshark, err := exec.LookPath("tshark")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("tshark is missing; make test installs it")
		}
		t.Skip("tshark not installed")
	}
	for _, name := range []string{"01-handshake", "10-zero-window"} {
		t.Run(name, func(t *testing.T) {
			s := New(1)
			for _, ex := range examples.All() {
				if ex.Name != name {
					continue
				}
				for _, line := range strings.Split(ex.Script, "\n") {
					if strings.TrimSpace(line) != "" {
						require.Nil(t, s.Exec(line).Err, line)
					}
				}
			}
			file := filepath.Join(t.TempDir(), "wire.pcap")
			require.NoError(t, os.WriteFile(file, s.Pcap(""), 0o644))
			cmd := exec.Command(tshark, "-n", "-r", file, "-T", "fields", "-e", "tcp.seq_raw", "-e", "tcp.window_size")
			cmd.Env = append(os.Environ(), "TZ=UTC", "HOME="+t.TempDir())
			out, err := cmd.Output()
			require.NoError(t, err)
			frames := strings.Split(strings.TrimSpace(string(out)), "\n")

			var sends []trace.Event
			for _, e := range s.Trace(0) {
				if e.Kind == trace.Send {
					sends = append(sends, e)
				}
			}
			require.Len(t, sends, len(frames))
			scaled := 0
			for i, e := range sends {
				v, ok := s.Packet(e.Packet)
				require.True(t, ok)
				fields := map[string]string{}
				for _, l := range v.Layers {
					if l.Name == "TCP" {
						for _, f := range l.Fields {
							fields[f.Name] = f.Value
						}
					}
				}
				want := strings.Split(frames[i], "\t")
				require.Equal(t, want[0], fields["Sequence number"], "frame %d is packet %d", i+1, e.Packet)
				got, ok := fields["Calculated window size"]
				if !ok {
					assert.Equal(t, want[1], fields["Window"], "packet %d: a window Wireshark does not scale", e.Packet)
					continue
				}
				scaled++
				assert.Equal(t, want[1]+" bytes", got, "packet %d", e.Packet)
			}
			assert.Positive(t, scaled)
		})
	}
}

// Each side's window is scaled by the shift its own SYN offered, and only
// when both SYNs offered one.
func TestWindowShiftIsTheSendersAndNeedsBothSYNs(t *testing.T) {
	c, s := inet.MustParseAddr("10.0.0.1"), inet.MustParseAddr("10.0.0.2")
	seg := func(from, to inet.Addr, sport, dport uint16, flags wire.TCPFlags, o wire.TCPOptions) []byte {
		return wire.TCPPacket(from, to, 1, &wire.TCP{SrcPort: sport, DstPort: dport, Flags: flags, Window: 100, Options: o})
	}
	shift := func(o7, o2 wire.TCPOptions) (fromClient, fromServer string) {
		var log trace.Log
		syns := []int{0, 1}
		for _, b := range [][]byte{
			seg(c, s, 4000, 80, wire.SYN, o7),
			seg(s, c, 80, 4000, wire.SYN|wire.ACK, o2),
			seg(c, s, 4000, 80, wire.ACK, wire.TCPOptions{}),
			seg(s, c, 80, 4000, wire.ACK, wire.TCPOptions{}),
		} {
			log.Add(trace.Event{Kind: trace.Send, Bytes: b})
		}
		say := func(i int) string {
			p, err := wire.Decode(log.At(i).Bytes)
			require.NoError(t, err)
			n, ok := windowShift(&log, syns, i, p)
			if !ok {
				return "not scaled"
			}
			return strconv.Itoa(int(n))
		}
		_, synScaled := windowShift(&log, syns, 1, mustDecode(t, log.At(1).Bytes))
		assert.False(t, synScaled, "a SYN's window is never scaled")
		return say(2), say(3)
	}
	seven := wire.TCPOptions{HasWScale: true, WScale: 7}
	two := wire.TCPOptions{HasWScale: true, WScale: 2}
	a, b := shift(seven, two)
	assert.Equal(t, []string{"7", "2"}, []string{a, b})
	a, b = shift(seven, wire.TCPOptions{})
	assert.Equal(t, []string{"not scaled", "not scaled"}, []string{a, b})
}

func mustDecode(t *testing.T, b []byte) *wire.Packet {
	p, err := wire.Decode(b)
	require.NoError(t, err)
	return p
}
