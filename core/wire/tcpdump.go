package wire

import (
	"strconv"
	"strings"
	"time"

	"github.com/sockplay/sockplay/core/inet"
	"github.com/sockplay/sockplay/core/internal/byteorder"
	"github.com/sockplay/sockplay/core/internal/text"
)

// Printer prints packets the way `tcpdump -nn -r file.pcap` (4.99) prints a
// LINKTYPE_RAW capture, with timestamps as TZ=UTC tcpdump shows them. It
// follows tcpdump's own parsing, not Decode's, so malformed packets print
// as tcpdump prints them. It is stateful: like tcpdump it remembers each
// TCP connection's initial sequence numbers to print relative ones, so
// feed it a capture's packets in order. The zero value is ready to use.
//
// Not reproduced: the dissectors tcpdump runs on other well-known ports
// (DNS, SSH, SMTP, ... ; HTTP on 80 and 8080 is), on IP protocols other
// than TCP, UDP and ICMP, and on IPv6.
type Printer struct {
	Absolute bool // absolute sequence numbers, as tcpdump -S

	conns map[tcpConnKey]tcpISNs
}

// Line is the line tcpdump prints for pkt captured at virtual time t, with
// no trailing newline.
func (p *Printer) Line(t time.Duration, pkt []byte) string {
	if len(pkt) == 0 {
		// tcpdump refuses an empty record before it prints a timestamp.
		return "[Invalid header: caplen==0, len==0]"
	}
	var w strings.Builder
	w.WriteString(timeOfDay(t))
	w.WriteByte(' ')
	p.ipN(&w, pkt)
	return w.String()
}

// Dump is what `tcpdump -nn -r` prints for a capture of recs: one line per
// record, each ending in a newline.
func Dump(recs []Record, absolute bool) string {
	p := Printer{Absolute: absolute}
	var w strings.Builder
	for _, r := range recs {
		w.WriteString(p.Line(r.Time, r.Data))
		w.WriteByte('\n')
	}
	return w.String()
}

// timeOfDay formats t, read as time since the epoch, as tcpdump's default
// HH:MM:SS.uuuuuu in UTC.
func timeOfDay(t time.Duration) string {
	const day = 24 * time.Hour
	t %= day
	if t < 0 {
		t += day
	}
	us := t / time.Microsecond
	return text.DecPad(uint64(us/3600e6), 2) + ":" + text.DecPad(uint64(us/60e6%60), 2) + ":" + text.DecPad(uint64(us/1e6%60), 2) + "." + text.DecPad(uint64(us%1e6), 6)
}

// trunc is what tcpdump appends when a dissector runs out of captured
// bytes: " [|proto]".
func trunc(w *strings.Builder, proto string) {
	w.WriteString(" [|" + proto + "]")
}

// ipN dispatches on the version nibble, as tcpdump's raw_if_print does.
func (p *Printer) ipN(w *strings.Builder, b []byte) {
	switch b[0] >> 4 {
	case 4:
		p.ip(w, b)
	case 6:
		ip6(w, b)
	default:
		w.WriteString("unknown ip " + strconv.FormatUint(uint64(b[0]>>4), 10))
	}
}

// ipHeader is what the transport printers need from the IP layer.
type ipHeader struct {
	src, dst   [4]byte
	proto      uint8
	fragmented bool // MF set or a non-zero offset
}

func (h *ipHeader) srcString() string { return inet.AddrFrom4(h.src).String() }
func (h *ipHeader) dstString() string { return inet.AddrFrom4(h.dst).String() }

// ip follows tcpdump's ip_print for the non-verbose case.
func (p *Printer) ip(w *strings.Builder, b []byte) {
	w.WriteString("IP ")
	if len(b) < ipv4HeaderLen {
		trunc(w, "ip")
		return
	}
	hlen := int(b[0]&0x0f) * 4
	if hlen < ipv4HeaderLen {
		w.WriteString("bad-hlen " + strconv.Itoa(hlen))
		return
	}
	total := int(byteorder.BigEndian.Uint16(b[2:]))
	if len(b) < total {
		w.WriteString("truncated-ip - " + strconv.Itoa(total-len(b)) + " bytes missing! ")
	}
	if total < hlen {
		w.WriteString("bad-len " + strconv.Itoa(total))
		return
	}
	// Nothing past the IP total length is looked at.
	captured := b[:min(len(b), total)]
	var payload []byte
	if hlen < len(captured) {
		payload = captured[hlen:]
	}
	length := total - hlen
	off := byteorder.BigEndian.Uint16(b[6:])
	h := ipHeader{
		src:        [4]byte(b[12:16]),
		dst:        [4]byte(b[16:20]),
		proto:      b[9],
		fragmented: off&(ipFlagMF|ipFragOffsetMask) != 0,
	}
	if off&ipFragOffsetMask != 0 {
		// Not the first fragment: there is no transport header to show.
		w.WriteString(h.srcString() + " > " + h.dstString() + ": ip-proto-" + strconv.FormatUint(uint64(h.proto), 10))
		return
	}
	if h.proto != ProtoTCP && h.proto != ProtoUDP {
		w.WriteString(h.srcString() + " > " + h.dstString() + ": ")
	}
	if len(captured) < hlen {
		w.WriteString(" [remaining caplen(" + strconv.Itoa(len(captured)) + ") < header length(" + strconv.Itoa(hlen) + ")]")
		trunc(w, "ip")
		return
	}
	switch h.proto {
	case ProtoTCP:
		p.tcp(w, payload, length, &h)
	case ProtoUDP:
		udp(w, payload, length, &h)
	case ProtoICMP:
		icmp(w, payload, length)
	default:
		w.WriteString(" ip-proto-" + strconv.FormatUint(uint64(h.proto), 10) + " " + strconv.Itoa(length))
	}
}

// ip6 prints what tcpdump's ip6_print shows of a packet whose version
// nibble says 6, which on sockplay's wire only a corrupted IPv4 packet can
// be. Extension headers and upper protocols are not dissected; every next
// header prints as tcpdump prints one it does not know.
func ip6(w *strings.Builder, b []byte) {
	const ip6HeaderLen = 40
	if len(b) < ip6HeaderLen {
		trunc(w, "ip6")
		return
	}
	w.WriteString("IP6 ")
	payloadLen := int(byteorder.BigEndian.Uint16(b[4:]))
	if missing := ip6HeaderLen + payloadLen - len(b); missing > 0 {
		w.WriteString("truncated-ip6 - " + strconv.Itoa(missing) + " bytes missing!")
	}
	src := inet.FormatIPv6([16]byte(b[8:24]))
	dst := inet.FormatIPv6([16]byte(b[24:40]))
	w.WriteString(src + " > " + dst + ":  ip-proto-" + strconv.FormatUint(uint64(b[6]), 10) + " " + strconv.Itoa(payloadLen))
}

// codeNames name the values of a one-byte code. A table, not a map: a map
// literal compiles to code that builds it at start-up, several times the
// size of the data in the WebAssembly build.
type codeNames []struct {
	code uint8
	name string
}

func (t codeNames) lookup(code uint8) (string, bool) {
	for _, e := range t {
		if e.code == code {
			return e.name, true
		}
	}
	return "", false
}
