package session

import (
	"strconv"
	"strings"

	"github.com/sockplay/sockplay/core/internal/byteorder"
	"github.com/sockplay/sockplay/core/internal/text"
	"github.com/sockplay/sockplay/core/wire"
)

// inspectPacket decodes b for the packet inspector: every header field
// with the bytes it occupies, so the page can highlight them in the dump.
// It uses the lenient decoder, so a corrupted packet is still shown, with
// its problems listed. scale finds the window scaling that applies to a
// TCP segment (windowShift); nil when none is known.
func inspectPacket(id int, summary, label string, b []byte, scale func(*wire.Packet) (uint8, bool)) PacketView {
	v := PacketView{ID: id, Summary: summary, Label: label, Hex: hexDump(b)}
	p, problems := wire.Inspect(b)
	for _, pr := range problems {
		v.Problems = append(v.Problems, pr.Error())
	}
	if p == nil {
		return v
	}
	ihl := int(b[0]&0x0f) * 4
	v.Layers = append(v.Layers, ipv4Layer(p, b, ihl))
	if ihl < 20 || ihl > len(b) {
		return v
	}
	seg := b[ihl:]
	switch {
	case p.TCP != nil:
		l := tcpLayer(p.TCP, seg, ihl)
		if scale != nil {
			if shift, ok := scale(p); ok {
				l.Fields = withScaledWindow(l.Fields, p.TCP, shift, ihl)
			}
		}
		v.Layers = append(v.Layers, l)
	case p.UDP != nil:
		v.Layers = append(v.Layers, udpLayer(p.UDP, ihl))
	case p.ICMP != nil:
		v.Layers = append(v.Layers, icmpLayer(p.ICMP, ihl))
	}
	if label != "" {
		v.Layers = append(v.Layers, Layer{Name: "Application", Fields: []Field{{Name: "Carries", Value: label}}})
	}
	return v
}

func ipv4Layer(p *wire.Packet, b []byte, ihl int) Layer {
	ip := p.IP
	flags := []string{}
	if ip.DF {
		flags = append(flags, "DF")
	}
	if ip.MF {
		flags = append(flags, "MF")
	}
	fs := []Field{
		{"Version", strconv.FormatUint(uint64(b[0]>>4), 10), 0, 1},
		{"Header length", strconv.Itoa(ihl) + " bytes", 0, 1},
		{"TOS", "0x" + text.HexPad(uint64(ip.TOS), 2), 1, 1},
		{"Total length", strconv.FormatUint(uint64(ip.TotalLen), 10), 2, 2},
		{"Identification", "0x" + text.HexPad(uint64(ip.ID), 4) + " (" + strconv.FormatUint(uint64(ip.ID), 10) + ")", 4, 2},
		{"Flags", strings.Join(flags, ", "), 6, 2},
		{"Fragment offset", strconv.FormatUint(uint64(ip.FragOff), 10), 6, 2},
		{"TTL", strconv.FormatUint(uint64(ip.TTL), 10), 8, 1},
		{"Protocol", protoName(ip.Protocol), 9, 1},
		{"Header checksum", "0x" + text.HexPad(uint64(ip.Checksum), 4), 10, 2},
		{"Source", ip.Src.String(), 12, 4},
		{"Destination", ip.Dst.String(), 16, 4},
	}
	if ihl > 20 {
		fs = append(fs, Field{"Options", strconv.Itoa(ihl-20) + " bytes", 20, ihl - 20})
	}
	return Layer{Name: "IPv4", Fields: fs}
}

func protoName(p uint8) string {
	switch p {
	case wire.ProtoTCP:
		return "6 (TCP)"
	case wire.ProtoUDP:
		return "17 (UDP)"
	case wire.ProtoICMP:
		return "1 (ICMP)"
	}
	return strconv.FormatUint(uint64(p), 10)
}

func tcpLayer(t *wire.TCP, seg []byte, at int) Layer {
	hl := t.HeaderLen()
	if len(seg) >= 13 {
		hl = int(seg[12]>>4) * 4
	}
	fs := []Field{
		{"Source port", strconv.FormatUint(uint64(t.SrcPort), 10), at, 2},
		{"Destination port", strconv.FormatUint(uint64(t.DstPort), 10), at + 2, 2},
		{"Sequence number", strconv.FormatUint(uint64(t.Seq), 10), at + 4, 4},
		{"Acknowledgment number", strconv.FormatUint(uint64(t.Ack), 10), at + 8, 4},
		{"Header length", strconv.Itoa(hl) + " bytes", at + 12, 1},
		{"Flags", flagNames(t.Flags), at + 13, 1},
		{"Window", strconv.FormatUint(uint64(t.Window), 10), at + 14, 2},
		{"Checksum", "0x" + text.HexPad(uint64(t.Checksum), 4), at + 16, 2},
		{"Urgent pointer", strconv.FormatUint(uint64(t.Urgent), 10), at + 18, 2},
	}
	if hl > 20 && hl <= len(seg) {
		fs = append(fs, tcpOptionFields(seg[20:hl], at+20)...)
	}
	if len(t.Payload) > 0 {
		fs = append(fs, Field{"Payload", strconv.Itoa(len(t.Payload)) + " bytes", at + hl, len(t.Payload)})
	}
	return Layer{Name: "TCP", Fields: fs}
}

// withScaledWindow adds after the Window field what Wireshark computes
// from it: the scaling factor and the window in bytes (RFC 7323 2.3).
func withScaledWindow(fs []Field, t *wire.TCP, shift uint8, at int) []Field {
	for i, f := range fs {
		if f.Name != "Window" {
			continue
		}
		extra := []Field{
			{"Window size scaling factor", strconv.FormatUint(1<<shift, 10) + " (shift " + strconv.Itoa(int(shift)) + ", from the SYNs)", at + 14, 2},
			{"Calculated window size", strconv.FormatUint(uint64(t.Window)<<shift, 10) + " bytes", at + 14, 2},
		}
		return append(fs[:i+1], append(extra, fs[i+1:]...)...)
	}
	return fs
}

// tcpOptionFields walks the option bytes (RFC 9293 3.2) to give each option
// its own field and byte range.
func tcpOptionFields(opts []byte, at int) []Field {
	var fs []Field
	for i := 0; i < len(opts); {
		kind := opts[i]
		if kind == 0 {
			fs = append(fs, Field{"Option", "end of list", at + i, len(opts) - i})
			break
		}
		if kind == 1 {
			fs = append(fs, Field{"Option", "nop", at + i, 1})
			i++
			continue
		}
		if i+1 >= len(opts) || int(opts[i+1]) < 2 || i+int(opts[i+1]) > len(opts) {
			fs = append(fs, Field{"Option", "malformed", at + i, len(opts) - i})
			break
		}
		n := int(opts[i+1])
		body := opts[i+2 : i+n]
		fs = append(fs, Field{"Option", optionText(kind, body), at + i, n})
		i += n
	}
	return fs
}

func optionText(kind byte, body []byte) string {
	switch {
	case kind == 2 && len(body) == 2:
		return "MSS " + strconv.FormatUint(uint64(byteorder.BigEndian.Uint16(body)), 10)
	case kind == 3 && len(body) == 1:
		return "window scale " + strconv.FormatUint(uint64(body[0]), 10) + " (×" + strconv.Itoa(1<<min(body[0], 14)) + ")"
	case kind == 4 && len(body) == 0:
		return "SACK permitted"
	case kind == 5 && len(body)%8 == 0:
		var blocks []string
		for j := 0; j+8 <= len(body); j += 8 {
			blocks = append(blocks, strconv.FormatUint(uint64(byteorder.BigEndian.Uint32(body[j:])), 10)+"-"+strconv.FormatUint(uint64(byteorder.BigEndian.Uint32(body[j+4:])), 10))
		}
		return "SACK " + strings.Join(blocks, " ")
	case kind == 8 && len(body) == 8:
		return "timestamps val " + strconv.FormatUint(uint64(byteorder.BigEndian.Uint32(body)), 10) + " ecr " + strconv.FormatUint(uint64(byteorder.BigEndian.Uint32(body[4:])), 10)
	}
	return "kind " + strconv.FormatUint(uint64(kind), 10) + ", " + strconv.Itoa(len(body)+2) + " bytes"
}

func flagNames(f wire.TCPFlags) string {
	names := []struct {
		f wire.TCPFlags
		n string
	}{{wire.CWR, "CWR"}, {wire.ECE, "ECE"}, {wire.URG, "URG"}, {wire.ACK, "ACK"}, {wire.PSH, "PSH"}, {wire.RST, "RST"}, {wire.SYN, "SYN"}, {wire.FIN, "FIN"}}
	var on []string
	for _, x := range names {
		if f&x.f != 0 {
			on = append(on, x.n)
		}
	}
	if len(on) == 0 {
		return "none"
	}
	return strings.Join(on, ", ")
}

func udpLayer(u *wire.UDP, at int) Layer {
	return Layer{Name: "UDP", Fields: []Field{
		{"Source port", strconv.FormatUint(uint64(u.SrcPort), 10), at, 2},
		{"Destination port", strconv.FormatUint(uint64(u.DstPort), 10), at + 2, 2},
		{"Length", strconv.FormatUint(uint64(u.Length), 10), at + 4, 2},
		{"Checksum", "0x" + text.HexPad(uint64(u.Checksum), 4), at + 6, 2},
		{"Payload", strconv.Itoa(len(u.Payload)) + " bytes", at + 8, len(u.Payload)},
	}}
}

func icmpLayer(m *wire.ICMP, at int) Layer {
	what := "type " + strconv.FormatUint(uint64(m.Type), 10) + " code " + strconv.FormatUint(uint64(m.Code), 10)
	if m.Type == wire.ICMPDestUnreachable && m.Code == wire.ICMPCodePortUnreachable {
		what = "destination unreachable: port unreachable"
	}
	return Layer{Name: "ICMP", Fields: []Field{
		{"Type", strconv.FormatUint(uint64(m.Type), 10), at, 1},
		{"Code", strconv.FormatUint(uint64(m.Code), 10), at + 1, 1},
		{"Meaning", what, at, 2},
		{"Checksum", "0x" + text.HexPad(uint64(m.Checksum), 4), at + 2, 2},
		{"Quoted packet", strconv.Itoa(len(m.Payload)) + " bytes", at + 8, len(m.Payload)},
	}}
}

// hexDump is `hexdump -C`'s layout: offset, 16 bytes in hex, then ASCII.
func hexDump(b []byte) string {
	var w strings.Builder
	for off := 0; off < len(b); off += 16 {
		row := b[off:min(off+16, len(b))]
		w.WriteString(text.HexPad(uint64(off), 8) + "  ")
		for i := 0; i < 16; i++ {
			if i < len(row) {
				w.WriteString(text.HexPad(uint64(row[i]), 2) + " ")
			} else {
				w.WriteString("   ")
			}
			if i == 7 {
				w.WriteByte(' ')
			}
		}
		w.WriteString(" |")
		for _, c := range row {
			if c >= 0x20 && c < 0x7f {
				w.WriteByte(c)
			} else {
				w.WriteByte('.')
			}
		}
		w.WriteString("|\n")
	}
	return w.String()
}
