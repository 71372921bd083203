package pkt

import (
	"strconv"
	"strings"

	"github.com/sockplay/sockplay/core/wire"
)

// encodeInbound builds the peer's IPv4 packet byte by byte, options in
// the script's order (wire.TCP lays them out as Linux does, which would
// lose that order).
func encodeInbound(srcPort, dstPort uint16, seq, ack uint32, flags byte, win uint16, opts []Option, n int) []byte {
	var o []byte
	for _, x := range opts {
		switch x.Kind {
		case OptNOP, OptEOL:
			o = append(o, x.Kind)
		case OptMSS:
			o = append(o, OptMSS, 4, byte(x.Value>>8), byte(x.Value))
		case OptWScale:
			o = append(o, OptWScale, 3, byte(x.Value))
		case OptSACKOK:
			o = append(o, OptSACKOK, 2)
		case OptTimestamp:
			o = append(o, OptTimestamp, 10)
			o = be32(be32(o, x.TSVal), x.TSEcr)
		case OptSACK:
			o = append(o, OptSACK, byte(2+8*len(x.Blocks)))
			for _, b := range x.Blocks {
				o = be32(be32(o, b[0]), b[1])
			}
		}
	}
	for len(o)%4 != 0 {
		o = append(o, OptEOL)
	}
	tcpLen := 20 + len(o) + n
	b := make([]byte, 20, 20+tcpLen)
	total := 20 + tcpLen
	b[0], b[2], b[3], b[6], b[8], b[9] = 0x45, byte(total>>8), byte(total), 0x40, 64, wire.ProtoTCP
	src, dst := RemoteAddr.As4(), LocalAddr.As4()
	copy(b[12:], src[:])
	copy(b[16:], dst[:])
	c := wire.Checksum(b[:20])
	b[10], b[11] = byte(c>>8), byte(c)
	b = append(b, byte(srcPort>>8), byte(srcPort), byte(dstPort>>8), byte(dstPort))
	b = be32(be32(b, seq), ack)
	b = append(b, byte((20+len(o))/4)<<4, flags, byte(win>>8), byte(win), 0, 0, 0, 0)
	b = append(b, o...)
	b = append(b, make([]byte, n)...)
	pseudo := append(append(append([]byte{}, src[:]...), dst[:]...), 0, wire.ProtoTCP, byte(tcpLen>>8), byte(tcpLen))
	c = wire.Checksum(append(pseudo, b[20:]...))
	b[36], b[37] = byte(c>>8), byte(c)
	return b
}

func be32(b []byte, v uint32) []byte { return append(b, byte(v>>24), byte(v>>16), byte(v>>8), byte(v)) }

func get32(b []byte) uint32 {
	return uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
}

// rawOptions reads an outbound packet's TCP options in wire order.
func rawOptions(pkt []byte) []Option {
	if len(pkt) < 20 {
		return nil
	}
	ihl := int(pkt[0]&0xf) * 4
	if len(pkt) < ihl+20 {
		return nil
	}
	t := pkt[ihl:]
	end := int(t[12]>>4) * 4
	if end > len(t) {
		return nil
	}
	b := t[20:end]
	var out []Option
	for len(b) > 0 {
		k := b[0]
		if k == OptNOP || k == OptEOL {
			if k == OptEOL {
				return out
			}
			out = append(out, Option{Kind: k})
			b = b[1:]
			continue
		}
		if len(b) < 2 || int(b[1]) < 2 || int(b[1]) > len(b) {
			return out
		}
		o, body := Option{Kind: k}, b[2:b[1]]
		switch {
		case k == OptMSS && len(body) == 2:
			o.Value = uint32(body[0])<<8 | uint32(body[1])
		case k == OptWScale && len(body) == 1:
			o.Value = uint32(body[0])
		case k == OptTimestamp && len(body) == 8:
			o.TSVal, o.TSEcr = get32(body), get32(body[4:])
		case k == OptSACK:
			for ; len(body) >= 8; body = body[8:] {
				o.Blocks = append(o.Blocks, [2]uint32{get32(body), get32(body[4:])})
			}
		}
		out = append(out, o)
		b = b[b[1]:]
	}
	return out
}

// optionsText writes an option list as packetdrill does; without values
// it is the list of kinds that two lists must share.
func optionsText(opts []Option, values bool) string {
	var parts []string
	for _, o := range opts {
		var s string
		switch o.Kind {
		case OptNOP:
			s = "nop"
		case OptEOL:
			s = "eol"
		case OptSACKOK:
			s = "sackOK"
		case OptMSS:
			s = "mss"
			if values {
				s += " " + strconv.Itoa(int(o.Value))
			}
		case OptWScale:
			s = "wscale"
			if values {
				s += " " + strconv.Itoa(int(o.Value))
			}
		case OptTimestamp:
			s = "TS"
			if values {
				s += " val " + strconv.FormatUint(uint64(o.TSVal), 10) + " ecr " + strconv.FormatUint(uint64(o.TSEcr), 10)
			}
		case OptSACK:
			s = "sack"
			if values {
				for _, b := range o.Blocks {
					s += " " + strconv.FormatUint(uint64(b[0]), 10) + ":" + strconv.FormatUint(uint64(b[1]), 10)
				}
			}
		default:
			s = "kind " + strconv.Itoa(int(o.Kind))
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, ",")
}

// flagsText writes TCP flags as a script does: "S.", "P.", "F.", ".".
func flagsText(f wire.TCPFlags) string {
	s := ""
	for _, x := range []struct {
		f wire.TCPFlags
		c string
	}{{wire.SYN, "S"}, {wire.FIN, "F"}, {wire.RST, "R"}, {wire.PSH, "P"}, {wire.ACK, "."}} {
		if f&x.f != 0 {
			s += x.c
		}
	}
	return s
}

// canonicalFlags orders written flags as flagsText does.
func canonicalFlags(s string) string {
	out := ""
	for _, c := range "SFRP." {
		if strings.ContainsRune(s, c) {
			out += string(c)
		}
	}
	return out
}
