package pkt

import (
	"strings"
	"testing"
	"time"
)

func TestParseEvents(t *testing.T) {
	s, err := Parse("t.pkt", `--tolerance_usecs=10000
`+"`../common/defaults.sh`"+`
0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3
+.1...0.200 connect(3, ..., ...) = -1 EINPROGRESS (Operation now in progress)
+0 > S 0:0(0) <mss 1460,sackOK,TS val 100 ecr 0,nop,wscale 8>
+.3~+.400 < P. 1:1001(1000) ack 1 win 257 <nop,nop,sack 1001:2001 3001:4001>
* > . 1:1(0) ack 1001 <...>
`)
	if err != nil {
		t.Fatal(err)
	}
	if s.Options.Tolerance != 10*time.Millisecond || len(s.Events) != 6 {
		t.Fatalf("options %+v, %d events", s.Options, len(s.Events))
	}
	c := s.Events[2]
	if c.Line != 4 || !c.When.Blocking || c.When.At != 100*time.Millisecond || c.When.BlockEnd != 200*time.Millisecond ||
		c.Call.Name != "connect" || c.Call.Ret != -1 || c.Call.Errno != "EINPROGRESS" {
		t.Errorf("connect event: %+v %+v", c, c.Call)
	}
	syn := s.Events[3].Packet
	if !syn.Out || syn.Flags != "S" || optionsText(syn.Options, true) != "mss 1460,sackOK,TS val 100 ecr 0,nop,wscale 8" {
		t.Errorf("SYN: %+v", syn)
	}
	in := s.Events[4]
	if in.When.Kind != RelativeRange || in.When.End != 400*time.Millisecond || in.Packet.Out || in.Packet.Len != 1000 ||
		!in.Packet.HasWin || in.Packet.Win != 257 || optionsText(in.Packet.Options, true) != "nop,nop,sack 1001:2001 3001:4001" {
		t.Errorf("inbound: %+v %+v", in.When, in.Packet)
	}
	if last := s.Events[5]; last.When.Kind != AnyTime || !last.Packet.AnyOptions {
		t.Errorf("last: %+v", last)
	}
}

func TestParseRefusals(t *testing.T) {
	for src, want := range map[string]string{
		"0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n+0 %{ import os }%": "t.pkt:2: not supported: Python in %{ }% other than assertions on tcp_info",
		"+0 %{\nassert tcpi_snd_cwnd == 1\nassert tcpi_busy_time > 0 }%":  "t.pkt:3: not supported: tcp_info field tcpi_busy_time (not modelled)",
		"+0 %{ assert tcpi_snd_cwnd }%":                                   "t.pkt:1: not supported: Python in %{ }%",
		"+0 %{ assert tcpi_snd_cwnd == 1":                                 "t.pkt:1: unterminated %{ block",
		"\n\n+0 < S 0:0(0) win 100 <mss 1460,FO abcd>":                    "t.pkt:3: not supported: TCP option FO",
		"+0 < udp (10)":                           "t.pkt:1: not supported: udp packets",
		"--ip_version=ipv6":                       "t.pkt:1: not supported: --ip_version=ipv6",
		"--md5=1":                                 "t.pkt:1: not supported: option --md5",
		"+0 < S 0:10(0) win 1":                    "t.pkt:1: sequence range 0:10 does not hold 0 bytes",
		"+0 > S. 0:0(0) ack 1 win 70000":          "t.pkt:1: window 70000 out of range (at most 65535)",
		"+0 socket(..., SOCK_STREAM = 3":          "t.pkt:1: expected ',' or ')' in the arguments of socket",
		"/* never closed":                         "t.pkt:1: unterminated /* comment",
		"+x socket()":                             "t.pkt:1: expected a time in seconds",
		"+0 < S 0:0(0) win 1 <mss 1,sack>":        "t.pkt:1: a SACK option holds 1 to 4 blocks",
		"+.2~+.1 < S 0:0(0) win 1":                "t.pkt:1: time range ends before it starts",
		"0 socket(..., SOCK_STREAM, IPPROTO_TCP)": "t.pkt:1: expected \"=\"",
	} {
		_, err := Parse("t.pkt", src)
		if err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("%q: got %v, want %s", src, err, want)
		}
	}
}

func FuzzParse(f *testing.F) {
	f.Add("0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n+0 > S 0:0(0) <mss 1460,sackOK,TS val 1 ecr 0,nop,wscale 8>")
	f.Add("+.1...0.2 setsockopt(3, SOL_SOCKET, SO_LINGER, {onoff=1, linger=0}, 8) = -1 EINVAL (x)\n`cmd`")
	f.Add("+0~+1 < F. 1:1(0) ack 1 win 1 <nop,nop,sack 1:2 3:4>\n* > R 0:0(0) <...>")
	f.Fuzz(func(t *testing.T, src string) {
		s, err := Parse("f.pkt", src)
		if err == nil {
			// What parses runs without a panic; mismatches are errors.
			_, _ = Run(s, 1)
		} else if !strings.HasPrefix(err.Error(), "f.pkt:") {
			t.Fatalf("error without a position: %v", err)
		}
	})
}
