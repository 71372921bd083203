package analysis_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sockplay/sockplay/core/analysis"
	"github.com/sockplay/sockplay/core/examples"
)

// TestHostCaptureTagsHoldWhereTheCaptureIsTaken reads the fast-retransmit
// example at each host: the client's capture shows its segment leave and
// be lost; the server's never shows it, and the next segment there is
// "previous segment not captured". Each capture's lines are its tcpdump
// lines, one for one.
func TestHostCaptureTagsHoldWhereTheCaptureIsTaken(t *testing.T) {
	s := example(t, "09-fast-retransmit")
	events := s.Trace(0)
	a := analysis.Analyze(events)
	lost := &a.Packets[3]
	require.True(t, lost.Tags.Has(analysis.TagLost))
	find := func(cs []analysis.Captured, p *analysis.Packet) *analysis.Captured {
		for i := range cs {
			if cs[i].Packet == p {
				return &cs[i]
			}
		}
		return nil
	}
	for _, host := range []string{"client", "server"} {
		lines := strings.Split(strings.TrimSuffix(s.Tcpdump(host, false), "\n"), "\n")
		require.Len(t, a.AtHost(events, host), len(lines), host)
	}
	client, server := a.AtHost(events, "client"), a.AtHost(events, "server")
	c := find(client, lost)
	require.NotNil(t, c, "the client's capture holds what it sent")
	assert.True(t, c.Sent)
	assert.Equal(t, []string{"lost"}, c.Labels())
	assert.Nil(t, find(server, lost), "the server never saw it")
	next := &a.Packets[4]
	assert.Empty(t, find(client, next).Labels(), "the client saw nothing missing before its own segment")
	assert.Equal(t, []string{"previous-segment-not-captured"}, find(server, next).Labels())
	dup := find(client, &a.Packets[15])
	assert.False(t, dup.Sent)
	synAck := 0
	for i := range client {
		if client[i].Packet == &a.Packets[1] {
			synAck = i + 1
		}
	}
	assert.Equal(t, []string{"dup ACK " + itoa(synAck) + "#3"}, dup.Labels(),
		"a duplicate ACK names the ACK it repeats by its line in this capture")
}

// TestHostCapturesAgreeWithTshark reads each host's capture of every
// example that loses or reorders a packet with tshark: where tshark finds
// sequence space missing (tcp.analysis.lost_segment), the engine's
// capture at that host says "previous segment not captured", and nowhere
// else. (A capture with nothing lost or reordered has no hole to find.)
func TestHostCapturesAgreeWithTshark(t *testing.T) {
	tool := tsharkPath(t)
	agreed := 0
	for _, ex := range examples.All() {
		s := example(t, ex.Name)
		events := s.Trace(0)
		a := analysis.Analyze(events)
		holes := false
		for i := range a.Packets {
			holes = holes || a.Packets[i].Tags&(1<<analysis.TagLost|1<<analysis.TagOutOfOrder) != 0
		}
		if !holes {
			continue
		}
		for _, host := range []string{"client", "server"} {
			pcap := s.Pcap(host)
			if len(pcap) <= 24 {
				continue
			}
			file := filepath.Join(t.TempDir(), host+".pcap")
			require.NoError(t, os.WriteFile(file, pcap, 0o644))
			cmd := exec.Command(tool, "-n", "-r", file, "-T", "fields", "-e", "tcp.analysis.lost_segment")
			cmd.Env = append(os.Environ(), "TZ=UTC", "HOME="+t.TempDir())
			out, err := cmd.Output()
			require.NoError(t, err)
			shark := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
			lines := a.AtHost(events, host)
			require.Len(t, shark, len(lines), "%s at %s", ex.Name, host)
			for i, c := range lines {
				ours := c.Tags.Has(analysis.TagPrevNotCaptured)
				if ours != (shark[i] != "") {
					t.Errorf("%s at %s, line %d (%s): previous segment not captured: engine %v, tshark %v", ex.Name, host, i+1, c.Packet.Cause, ours, shark[i] != "")
				} else if ours {
					agreed++
				}
			}
		}
	}
	t.Logf("%d lines agreed on previous segment not captured", agreed)
	require.Positive(t, agreed)
}
