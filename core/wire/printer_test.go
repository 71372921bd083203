package wire

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/sockplay/sockplay/core/inet"
)

// printerScenario is a short capture whose tcpdump lines are written out
// below, so the printer is checked even where tcpdump is not installed.
func printerScenario() []Record {
	c, s := clientAddr, serverAddr
	var recs []Record
	at := time.Second
	add := func(b []byte) {
		recs = append(recs, Record{Time: at, Data: b})
		at += 250 * time.Millisecond
	}
	tcp := func(src, dst inet.Addr, seg TCP) { add(TCPPacket(src, dst, 1, &seg)) }
	ts := func(val, ecr uint32) TCPOptions { return TCPOptions{HasTimestamps: true, TSVal: val, TSEcr: ecr} }

	tcp(c, s, TCP{SrcPort: 40000, DstPort: 80, Seq: 1234, Flags: SYN, Window: 64240,
		Options: TCPOptions{MSS: 1460, SACKPermitted: true, HasTimestamps: true, TSVal: 1, HasWScale: true, WScale: 7}})
	tcp(s, c, TCP{SrcPort: 80, DstPort: 40000, Seq: 5000, Ack: 1235, Flags: SYN | ACK, Window: 65160,
		Options: TCPOptions{MSS: 1460, SACKPermitted: true, HasTimestamps: true, TSVal: 7, TSEcr: 1, HasWScale: true, WScale: 7}})
	tcp(c, s, TCP{SrcPort: 40000, DstPort: 80, Seq: 1235, Ack: 5001, Flags: ACK, Window: 502, Options: ts(2, 7)})
	tcp(c, s, TCP{SrcPort: 40000, DstPort: 80, Seq: 1235, Ack: 5001, Flags: PSH | ACK, Window: 502, Options: ts(2, 7),
		Payload: []byte("GET / HTTP/1.1\r\nHost: x\r\n\r\n")})
	tcp(s, c, TCP{SrcPort: 80, DstPort: 40000, Seq: 5001, Ack: 1262, Flags: PSH | ACK, Window: 509, Options: ts(9, 2),
		Payload: []byte("HTTP/1.1 200 OK\r\n\r\n")})
	tcp(s, c, TCP{SrcPort: 80, DstPort: 40000, Seq: 5001, Ack: 1262, Flags: ACK, Window: 509, Options: TCPOptions{
		HasTimestamps: true, TSVal: 9, TSEcr: 3, SACK: []SACKBlock{{1300, 1400}, {1500, 1600}}}})
	tcp(c, s, TCP{SrcPort: 40000, DstPort: 80, Seq: 1262, Ack: 5020, Flags: FIN | ACK, Window: 0})
	tcp(s, c, TCP{SrcPort: 80, DstPort: 40000, Seq: 5020, Ack: 1263, Flags: RST | ACK})
	tcp(s, c, TCP{SrcPort: 80, DstPort: 40000, Seq: 5020, Flags: RST})
	tcp(c, s, TCP{SrcPort: 40001, DstPort: 5555, Seq: 1, Flags: SYN, Window: 64240,
		Options: TCPOptions{MSS: 1460, SACKPermitted: true, HasWScale: true, WScale: 7}})
	u := UDPPacket(c, s, 0, 5000, 9999, []byte("hello"))
	add(u)
	add(PortUnreachable(u, s, 3))
	add(u[:24])
	return recs
}

func TestPrinterLines(t *testing.T) {
	recs := printerScenario()
	day := Record{Time: 25*time.Hour + 3*time.Minute + 4*time.Second + 5*time.Microsecond, Data: recs[0].Data}
	recs = append(recs, day)
	relative := []string{
		"00:00:01.000000 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [S], seq 1234, win 64240, options [mss 1460,sackOK,TS val 1 ecr 0,nop,wscale 7], length 0",
		"00:00:01.250000 IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [S.], seq 5000, ack 1235, win 65160, options [mss 1460,sackOK,TS val 7 ecr 1,nop,wscale 7], length 0",
		"00:00:01.500000 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [.], ack 1, win 502, options [nop,nop,TS val 2 ecr 7], length 0",
		"00:00:01.750000 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [P.], seq 1:28, ack 1, win 502, options [nop,nop,TS val 2 ecr 7], length 27: HTTP: GET / HTTP/1.1",
		"00:00:02.000000 IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [P.], seq 1:20, ack 28, win 509, options [nop,nop,TS val 9 ecr 2], length 19: HTTP: HTTP/1.1 200 OK",
		"00:00:02.250000 IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [.], ack 28, win 509, options [nop,nop,TS val 9 ecr 3,nop,nop,sack 2 {66:166}{266:366}], length 0",
		"00:00:02.500000 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [F.], seq 28, ack 20, win 0, length 0",
		"00:00:02.750000 IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [R.], seq 20, ack 29, win 0, length 0",
		"00:00:03.000000 IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [R], seq 5020, win 0, length 0",
		"00:00:03.250000 IP 10.0.0.1.40001 > 10.0.0.2.5555: Flags [S], seq 1, win 64240, options [mss 1460,nop,nop,sackOK,nop,wscale 7], length 0",
		"00:00:03.500000 IP 10.0.0.1.5000 > 10.0.0.2.9999: UDP, length 5",
		"00:00:03.750000 IP 10.0.0.2 > 10.0.0.1: ICMP 10.0.0.2 udp port 9999 unreachable, length 36",
		"00:00:04.000000 IP truncated-ip - 9 bytes missing! 10.0.0.1.5000 > 10.0.0.2.9999:  [|udp]",
		"01:03:04.000005 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [S], seq 1234, win 64240, options [mss 1460,sackOK,TS val 1 ecr 0,nop,wscale 7], length 0",
	}
	absolute := []string{
		"00:00:01.000000 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [S], seq 1234, win 64240, options [mss 1460,sackOK,TS val 1 ecr 0,nop,wscale 7], length 0",
		"00:00:01.250000 IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [S.], seq 5000, ack 1235, win 65160, options [mss 1460,sackOK,TS val 7 ecr 1,nop,wscale 7], length 0",
		"00:00:01.500000 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [.], ack 5001, win 502, options [nop,nop,TS val 2 ecr 7], length 0",
		"00:00:01.750000 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [P.], seq 1235:1262, ack 5001, win 502, options [nop,nop,TS val 2 ecr 7], length 27: HTTP: GET / HTTP/1.1",
		"00:00:02.000000 IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [P.], seq 5001:5020, ack 1262, win 509, options [nop,nop,TS val 9 ecr 2], length 19: HTTP: HTTP/1.1 200 OK",
		"00:00:02.250000 IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [.], ack 1262, win 509, options [nop,nop,TS val 9 ecr 3,nop,nop,sack 2 {1300:1400}{1500:1600}], length 0",
		"00:00:02.500000 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [F.], seq 1262, ack 5020, win 0, length 0",
		"00:00:02.750000 IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [R.], seq 5020, ack 1263, win 0, length 0",
		"00:00:03.000000 IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [R], seq 5020, win 0, length 0",
		"00:00:03.250000 IP 10.0.0.1.40001 > 10.0.0.2.5555: Flags [S], seq 1, win 64240, options [mss 1460,nop,nop,sackOK,nop,wscale 7], length 0",
		"00:00:03.500000 IP 10.0.0.1.5000 > 10.0.0.2.9999: UDP, length 5",
		"00:00:03.750000 IP 10.0.0.2 > 10.0.0.1: ICMP 10.0.0.2 udp port 9999 unreachable, length 36",
		"00:00:04.000000 IP truncated-ip - 9 bytes missing! 10.0.0.1.5000 > 10.0.0.2.9999:  [|udp]",
		"01:03:04.000005 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [S], seq 1234, win 64240, options [mss 1460,sackOK,TS val 1 ecr 0,nop,wscale 7], length 0",
	}
	assert.Equal(t, relative, splitLines(Dump(recs, false)))
	assert.Equal(t, absolute, splitLines(Dump(recs, true)))
}

func TestPrinterEdgeCases(t *testing.T) {
	var p Printer
	assert.Equal(t, "[Invalid header: caplen==0, len==0]", p.Line(0, nil))
	assert.Equal(t, "00:00:00.000000 unknown ip 0", p.Line(0, []byte{0}))
	assert.Equal(t, "23:59:59.999999 IP  [|ip]", p.Line(-time.Microsecond, []byte{0x45}))
	assert.True(t, strings.HasPrefix(p.Line(48*time.Hour, []byte{0x45}), "00:00:00.000000 "))
}

func FuzzPrinter(f *testing.F) {
	for _, r := range printerScenario() {
		f.Add(r.Data)
	}
	var p Printer
	f.Fuzz(func(t *testing.T, b []byte) {
		line := p.Line(time.Second, b)
		assert.NotContains(t, line, "\n")
	})
}

func TestTCPFlagsString(t *testing.T) {
	assert.Equal(t, "S", SYN.String())
	assert.Equal(t, "S.", (SYN | ACK).String())
	assert.Equal(t, "FP.", (ACK | PSH | FIN).String())
	assert.Equal(t, "R.", (RST | ACK).String())
	assert.Equal(t, "FSRP.UEW", TCPFlags(0xff).String())
	assert.Equal(t, "none", TCPFlags(0).String())
}
