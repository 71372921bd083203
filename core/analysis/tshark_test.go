package analysis_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/sockplay/sockplay/core/analysis"
	"github.com/sockplay/sockplay/core/examples"
	"github.com/sockplay/sockplay/core/session"
)

// tsharkPath finds Wireshark's command line: CI installs it (make test
// does), so there its absence is a failure, not a skip.
func tsharkPath(t *testing.T) string {
	if runtime.GOOS == "js" {
		t.Skip("a wasm test cannot run programs")
	}
	p, err := exec.LookPath("tshark")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("tshark is missing; make test installs it")
		}
		t.Skip("tshark not installed")
	}
	return p
}

// tshark runs tshark on the session's wire capture with args and returns
// its standard output.
func tshark(t *testing.T, tool string, s *session.Session, args ...string) string {
	t.Helper()
	file := filepath.Join(t.TempDir(), "wire.pcap")
	require.NoError(t, os.WriteFile(file, s.Pcap(""), 0o644))
	cmd := exec.Command(tool, append([]string{"-n", "-r", file}, args...)...)
	cmd.Env = append(os.Environ(), "TZ=UTC", "HOME="+t.TempDir()) // no user preferences
	out, err := cmd.Output()
	require.NoError(t, err, "tshark %v", args)
	return string(out)
}

// tsharkFlags are tshark's analysis fields, in the order asked for.
var tsharkFields = []string{
	"tcp.analysis.retransmission", "tcp.analysis.fast_retransmission", "tcp.analysis.spurious_retransmission",
	"tcp.analysis.duplicate_ack_num", "tcp.analysis.zero_window", "tcp.analysis.keep_alive",
	"tcp.analysis.zero_window_probe", "tcp.analysis.window_full", "tcp.analysis.window_update",
	"tcp.analysis.out_of_order",
}

// tsharkView is what tshark concluded of one frame.
type tsharkView struct {
	retransmission, dupAck, zeroWindow, keepAlive, zeroWindowProbe, windowFull, windowUpdate, outOfOrder bool
	dupAckNum                                                                                            string
}

func tsharkViews(t *testing.T, tool string, s *session.Session) []tsharkView {
	args := []string{"-T", "fields", "-E", "separator=/t"}
	for _, f := range tsharkFields {
		args = append(args, "-e", f)
	}
	var views []tsharkView
	for _, line := range strings.Split(strings.TrimSuffix(tshark(t, tool, s, args...), "\n"), "\n") {
		f := strings.Split(line, "\t")
		require.Len(t, f, len(tsharkFields), line)
		views = append(views, tsharkView{
			retransmission: f[0] != "" || f[1] != "" || f[2] != "",
			dupAck:         f[3] != "", dupAckNum: f[3],
			zeroWindow: f[4] != "", keepAlive: f[5] != "", zeroWindowProbe: f[6] != "",
			windowFull: f[7] != "", windowUpdate: f[8] != "", outOfOrder: f[9] != "",
		})
	}
	return views
}

// disagreement is one frame where tshark's heuristic and the engine's
// ground truth differ.
type disagreement struct {
	example string
	frame   int
	what    string // "retransmission: engine yes, tshark no"
}

// TestTagsAgreeWithTshark reads every example's capture with tshark and
// compares its TCP analysis with the tags, frame by frame. Every
// disagreement must be one tshark's heuristic is known to get wrong, and
// each is explained by explainDisagreement; an unexplained one fails.
func TestTagsAgreeWithTshark(t *testing.T) {
	tool := tsharkPath(t)
	agreed, explained := 0, map[string]int{}
	for _, ex := range examples.All() {
		s := example(t, ex.Name)
		a := analysis.Analyze(s.Trace(0))
		if len(a.Packets) == 0 {
			continue
		}
		views := tsharkViews(t, tool, s)
		require.Len(t, views, len(a.Packets), ex.Name)
		for i := range a.Packets {
			p, v := &a.Packets[i], views[i]
			for _, c := range []struct {
				what          string
				engine, shark bool
			}{
				{"retransmission", p.Tags.Has(analysis.TagRetransmission), v.retransmission},
				{"dup-ack", p.Tags.Has(analysis.TagDupACK), v.dupAck},
				{"zero-window", p.Tags.Has(analysis.TagZeroWindow), v.zeroWindow},
				{"keep-alive", p.Tags.Has(analysis.TagKeepAlive), v.keepAlive},
				{"zero-window-probe", p.Tags.Has(analysis.TagZeroWindowProbe), v.zeroWindowProbe},
				{"window-full", p.Tags.Has(analysis.TagWindowFull), v.windowFull},
				{"window-update", p.Tags.Has(analysis.TagWindowUpdate), v.windowUpdate},
			} {
				if c.engine == c.shark {
					if c.engine {
						agreed++
					}
					continue
				}
				why := explainDisagreement(a, p, v, c.what)
				if why == "" {
					t.Errorf("%s frame %d (tcp %v, cause %q): %s: engine %v, tshark %v, unexplained",
						ex.Name, p.Frame, p.TCP != nil, p.Cause, c.what, c.engine, c.shark)
					continue
				}
				explained[why]++
			}
			if p.Tags.Has(analysis.TagDupACK) && v.dupAck && v.dupAckNum != itoa(p.DupAckNum) {
				if runWindowChanged(a, p) {
					explained["duplicate ACK numbers: tshark restarts its count where the window changed"]++
					continue
				}
				t.Errorf("%s frame %d: duplicate ACK #%d, tshark #%s", ex.Name, p.Frame, p.DupAckNum, v.dupAckNum)
			}
		}
	}
	t.Logf("%d findings agreed", agreed)
	reasons := make([]string, 0, len(explained))
	for why := range explained {
		reasons = append(reasons, why)
	}
	sort.Strings(reasons)
	for _, why := range reasons {
		t.Logf("%d disagreements: %s", explained[why], why)
	}
	require.Positive(t, agreed)
}

func itoa(n int) string {
	if n == 0 {
		return ""
	}
	var b []byte
	for ; n > 0; n /= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
	}
	return string(b)
}

// explainDisagreement names the known flaw of tshark's heuristics behind
// a disagreement on finding what, from the engine's record of the packet
// (p) and tshark's view of it (v), or "" when none explains it.
func explainDisagreement(a *analysis.Analysis, p *analysis.Packet, v tsharkView, what string) string {
	pureACK := p.TCP != nil && len(p.TCP.Payload) == 0 && p.SeqLen() == 0
	windowMoved := pureACK && windowChanged(a, p)
	switch {
	case what == "dup-ack" && p.Cause == "dup-ack" && windowMoved:
		return "a duplicate ACK whose window changed (Linux grows it as out-of-order data arrives, " +
			"tcp_data_queue_ofo -> tcp_grow_window): tshark requires an unchanged window"
	case what == "window-update" && v.windowUpdate && windowMoved:
		return "an ACK sent for another reason (" + p.Cause + ") whose window differs from the last: " +
			"tshark calls every such ACK a window update"
	case what == "window-update" && !v.windowUpdate && p.Cause == "window-update" && pureACK && ackMoved(a, p):
		return "the receiver announces the window its application's read opened (cause window-update) in an ACK " +
			"that also acknowledges new data: tshark calls only an ACK of nothing new a window update"
	case (what == "keep-alive" && v.keepAlive || what == "zero-window-probe" && !v.zeroWindowProbe) &&
		p.Tags.Has(analysis.TagZeroWindowProbe):
		return "Linux probes a zero window with SND.UNA-1 and no data (tcp_xmit_probe_skb), as a keep-alive does: " +
			"tshark takes the probe for a keep-alive"
	case what == "retransmission" && p.Tags.Has(analysis.TagRetransmission) && v.outOfOrder:
		return "a retransmission sent less than an RTT after higher data: tshark's timing heuristic " +
			"calls it out-of-order (Wireshark issues 13843, 15993)"
	}
	return ""
}

// windowChanged reports whether p's window field differs from the one the
// previous segment of its direction carried.
func windowChanged(a *analysis.Analysis, p *analysis.Packet) bool {
	for i := p.Frame - 2; i >= 0; i-- {
		q := &a.Packets[i]
		if q.Conv == p.Conv && q.Reverse == p.Reverse && q.TCP != nil {
			return q.TCP.Window != p.TCP.Window
		}
	}
	return false
}

// ackMoved reports whether p acknowledges more than the previous segment
// of its direction did.
func ackMoved(a *analysis.Analysis, p *analysis.Packet) bool {
	for i := p.Frame - 2; i >= 0; i-- {
		q := &a.Packets[i]
		if q.Conv == p.Conv && q.Reverse == p.Reverse && q.TCP != nil {
			return q.TCP.Ack != p.TCP.Ack
		}
	}
	return false
}

// runWindowChanged reports whether the window changed within the run of
// duplicate ACKs that p ends.
func runWindowChanged(a *analysis.Analysis, p *analysis.Packet) bool {
	for i := p.Frame - 1; i >= 0; i-- {
		q := &a.Packets[i]
		if q.Conv != p.Conv || q.Reverse != p.Reverse || q.TCP == nil {
			continue
		}
		if !q.Tags.Has(analysis.TagDupACK) || q.TCP.Ack != p.TCP.Ack {
			return false
		}
		if windowChanged(a, q) {
			return true
		}
	}
	return false
}
