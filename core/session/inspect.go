package session

import (
	"encoding/binary"
	"fmt"
	"strings"

	"github.com/sockplay/sockplay/core/wire"
)

// inspectPacket decodes b for the packet inspector: every header field
// with the bytes it occupies, so the page can highlight them in the dump.
// It uses the lenient decoder, so a corrupted packet is still shown, with
// its problems listed.
func inspectPacket(id int, summary, label string, b []byte) PacketView {
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
		v.Layers = append(v.Layers, tcpLayer(p.TCP, seg, ihl))
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
		{"Version", fmt.Sprint(b[0] >> 4), 0, 1},
		{"Header length", fmt.Sprintf("%d bytes", ihl), 0, 1},
		{"TOS", fmt.Sprintf("0x%02x", ip.TOS), 1, 1},
		{"Total length", fmt.Sprint(ip.TotalLen), 2, 2},
		{"Identification", fmt.Sprintf("0x%04x (%d)", ip.ID, ip.ID), 4, 2},
		{"Flags", strings.Join(flags, ", "), 6, 2},
		{"Fragment offset", fmt.Sprint(ip.FragOff), 6, 2},
		{"TTL", fmt.Sprint(ip.TTL), 8, 1},
		{"Protocol", protoName(ip.Protocol), 9, 1},
		{"Header checksum", fmt.Sprintf("0x%04x", ip.Checksum), 10, 2},
		{"Source", ip.Src.String(), 12, 4},
		{"Destination", ip.Dst.String(), 16, 4},
	}
	if ihl > 20 {
		fs = append(fs, Field{"Options", fmt.Sprintf("%d bytes", ihl-20), 20, ihl - 20})
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
	return fmt.Sprint(p)
}

func tcpLayer(t *wire.TCP, seg []byte, at int) Layer {
	hl := t.HeaderLen()
	if len(seg) >= 13 {
		hl = int(seg[12]>>4) * 4
	}
	fs := []Field{
		{"Source port", fmt.Sprint(t.SrcPort), at, 2},
		{"Destination port", fmt.Sprint(t.DstPort), at + 2, 2},
		{"Sequence number", fmt.Sprint(t.Seq), at + 4, 4},
		{"Acknowledgment number", fmt.Sprint(t.Ack), at + 8, 4},
		{"Header length", fmt.Sprintf("%d bytes", hl), at + 12, 1},
		{"Flags", flagNames(t.Flags), at + 13, 1},
		{"Window", fmt.Sprint(t.Window), at + 14, 2},
		{"Checksum", fmt.Sprintf("0x%04x", t.Checksum), at + 16, 2},
		{"Urgent pointer", fmt.Sprint(t.Urgent), at + 18, 2},
	}
	if hl > 20 && hl <= len(seg) {
		fs = append(fs, tcpOptionFields(seg[20:hl], at+20)...)
	}
	if len(t.Payload) > 0 {
		fs = append(fs, Field{"Payload", fmt.Sprintf("%d bytes", len(t.Payload)), at + hl, len(t.Payload)})
	}
	return Layer{Name: "TCP", Fields: fs}
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
		return fmt.Sprintf("MSS %d", binary.BigEndian.Uint16(body))
	case kind == 3 && len(body) == 1:
		return fmt.Sprintf("window scale %d (×%d)", body[0], 1<<min(body[0], 14))
	case kind == 4 && len(body) == 0:
		return "SACK permitted"
	case kind == 5 && len(body)%8 == 0:
		var blocks []string
		for j := 0; j+8 <= len(body); j += 8 {
			blocks = append(blocks, fmt.Sprintf("%d-%d", binary.BigEndian.Uint32(body[j:]), binary.BigEndian.Uint32(body[j+4:])))
		}
		return "SACK " + strings.Join(blocks, " ")
	case kind == 8 && len(body) == 8:
		return fmt.Sprintf("timestamps val %d ecr %d", binary.BigEndian.Uint32(body), binary.BigEndian.Uint32(body[4:]))
	}
	return fmt.Sprintf("kind %d, %d bytes", kind, len(body)+2)
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
		{"Source port", fmt.Sprint(u.SrcPort), at, 2},
		{"Destination port", fmt.Sprint(u.DstPort), at + 2, 2},
		{"Length", fmt.Sprint(u.Length), at + 4, 2},
		{"Checksum", fmt.Sprintf("0x%04x", u.Checksum), at + 6, 2},
		{"Payload", fmt.Sprintf("%d bytes", len(u.Payload)), at + 8, len(u.Payload)},
	}}
}

func icmpLayer(m *wire.ICMP, at int) Layer {
	what := fmt.Sprintf("type %d code %d", m.Type, m.Code)
	if m.Type == wire.ICMPDestUnreachable && m.Code == wire.ICMPCodePortUnreachable {
		what = "destination unreachable: port unreachable"
	}
	return Layer{Name: "ICMP", Fields: []Field{
		{"Type", fmt.Sprint(m.Type), at, 1},
		{"Code", fmt.Sprint(m.Code), at + 1, 1},
		{"Meaning", what, at, 2},
		{"Checksum", fmt.Sprintf("0x%04x", m.Checksum), at + 2, 2},
		{"Quoted packet", fmt.Sprintf("%d bytes", len(m.Payload)), at + 8, len(m.Payload)},
	}}
}

// hexDump is `hexdump -C`'s layout: offset, 16 bytes in hex, then ASCII.
func hexDump(b []byte) string {
	var w strings.Builder
	for off := 0; off < len(b); off += 16 {
		row := b[off:min(off+16, len(b))]
		fmt.Fprintf(&w, "%08x  ", off)
		for i := 0; i < 16; i++ {
			if i < len(row) {
				fmt.Fprintf(&w, "%02x ", row[i])
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
