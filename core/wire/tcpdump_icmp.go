package wire

import (
	"strconv"
	"strings"

	"github.com/sockplay/sockplay/core/inet"
	"github.com/sockplay/sockplay/core/internal/byteorder"
	"github.com/sockplay/sockplay/core/internal/text"
)

// icmp follows tcpdump's icmp_print; b is the captured message, length
// the length the IP header claims.
func icmp(w *strings.Builder, b []byte, length int) {
	if len(b) < 2 {
		trunc(w, "icmp")
		return
	}
	typ, code := b[0], b[1]
	quotedDst := func() (string, bool) {
		const at = icmpHeaderLen + 16
		if len(b) < at+4 {
			return "", false
		}
		return inet.AddrFrom4([4]byte(b[at:])).String(), true
	}
	var desc string
	switch typ {
	case ICMPEchoRequest, ICMPEchoReply:
		if len(b) < 8 {
			trunc(w, "icmp")
			return
		}
		kind := "reply"
		if typ == ICMPEchoRequest {
			kind = "request"
		}
		desc = "echo " + kind + ", id " + strconv.FormatUint(uint64(byteorder.BigEndian.Uint16(b[4:])), 10) + ", seq " + strconv.FormatUint(uint64(byteorder.BigEndian.Uint16(b[6:])), 10)
	case ICMPDestUnreachable:
		var ok bool
		desc, ok = unreachable(b, code, quotedDst)
		if !ok {
			trunc(w, "icmp")
			return
		}
	case ICMPTimeExceeded:
		if _, ok := quotedDst(); !ok {
			trunc(w, "icmp")
			return
		}
		switch code {
		case 0:
			desc = "time exceeded in-transit"
		case 1:
			desc = "ip reassembly time exceeded"
		default:
			desc = "time exceeded-#" + strconv.FormatUint(uint64(code), 10)
		}
	case 5, 9, 12, 13, 14, 18:
		var ok bool
		desc, ok = icmpControl(b, typ, code, quotedDst)
		if !ok {
			trunc(w, "icmp")
			return
		}
	default:
		name, known := icmpTypeNames.lookup(typ)
		if !known {
			name = "type-#" + strconv.FormatUint(uint64(typ), 10)
		}
		desc = name
	}
	w.WriteString("ICMP " + desc + ", length " + strconv.Itoa(length))
}

// icmpTypeNames are tcpdump's names for the types it prints by name only.
var icmpTypeNames = codeNames{
	{4, "source quench"},
	{10, "router solicitation"},
	{15, "information request"},
	{16, "information reply"},
	{17, "address mask request"},
}

// unreachCodes are tcpdump's texts for destination unreachable codes other
// than port and need-to-fragment; %s is the quoted destination.
var unreachCodes = codeNames{
	{0, "net %s unreachable"},
	{1, "host %s unreachable"},
	{5, "%s unreachable - source route failed"},
	{6, "net %s unreachable - unknown"},
	{7, "host %s unreachable - unknown"},
	{8, "%s unreachable - source host isolated"},
	{9, "net %s unreachable - admin prohibited"},
	{10, "host %s unreachable - admin prohibited"},
	{11, "net %s unreachable - tos prohibited"},
	{12, "host %s unreachable - tos prohibited"},
	{13, "host %s unreachable - admin prohibited filter"},
	{14, "host %s unreachable - host precedence violation"},
	{15, "host %s unreachable - precedence cutoff"},
}

// unreachable describes a destination unreachable message from the packet
// it quotes; ok is false when the quote is cut short.
func unreachable(b []byte, code uint8, quotedDst func() (string, bool)) (string, bool) {
	const quote = icmpHeaderLen
	switch code {
	case 2: // protocol
		dst, ok := quotedDst()
		if !ok {
			return "", false
		}
		return dst + " protocol " + strconv.FormatUint(uint64(b[quote+9]), 10) + " unreachable", true
	case ICMPCodePortUnreachable:
		if len(b) < quote+10 {
			return "", false
		}
		at := quote + int(b[quote]&0x0f)*4 + 2 // the quoted destination port
		if len(b) < at+2 {
			return "", false
		}
		port := byteorder.BigEndian.Uint16(b[at:])
		dst, ok := quotedDst()
		if !ok {
			return "", false
		}
		switch proto := b[quote+9]; proto {
		case ProtoTCP:
			return dst + " tcp port " + strconv.FormatUint(uint64(port), 10) + " unreachable", true
		case ProtoUDP:
			return dst + " udp port " + strconv.FormatUint(uint64(port), 10) + " unreachable", true
		default:
			return dst + " protocol " + strconv.FormatUint(uint64(proto), 10) + " port " + strconv.FormatUint(uint64(port), 10) + " unreachable", true
		}
	case 4: // need to fragment
		dst, ok := quotedDst()
		if !ok {
			return "", false
		}
		if mtu := byteorder.BigEndian.Uint16(b[6:]); mtu != 0 {
			return dst + " unreachable - need to frag (mtu " + strconv.FormatUint(uint64(mtu), 10) + ")", true
		}
		return dst + " unreachable - need to frag", true
	}
	dst, ok := quotedDst()
	if !ok {
		return "", false
	}
	format, known := unreachCodes.lookup(code)
	if !known {
		format = "%s unreachable - #" + strconv.FormatUint(uint64(code), 10)
	}
	return strings.Replace(format, "%s", dst, 1), true
}

// icmpControl describes the other ICMP types tcpdump decodes: redirect,
// router advertisement, parameter problem, timestamps and address mask
// reply. ok is false when the message is cut short.
func icmpControl(b []byte, typ, code uint8, quotedDst func() (string, bool)) (string, bool) {
	need := func(n int) bool { return len(b) >= n }
	switch typ {
	case 5: // redirect
		dst, ok := quotedDst()
		if !ok {
			return "", false
		}
		gw := inet.AddrFrom4([4]byte(b[4:8])).String()
		format, known := redirectCodes.lookup(code)
		if !known {
			format = "redirect-#" + strconv.FormatUint(uint64(code), 10) + " %s to %s"
		}
		return strings.Replace(strings.Replace(format, "%s", dst, 1), "%s", gw, 1), true
	case 9:
		return routerAdvertisement(b)
	case 12: // parameter problem
		if code != 0 {
			return "parameter problem - code " + strconv.FormatUint(uint64(code), 10), true
		}
		if !need(5) {
			return "", false
		}
		return "parameter problem - octet " + strconv.FormatUint(uint64(b[4]), 10), true
	case 13:
		if !need(8) {
			return "", false
		}
		return "time stamp query id " + strconv.FormatUint(uint64(byteorder.BigEndian.Uint16(b[4:])), 10) + " seq " + strconv.FormatUint(uint64(byteorder.BigEndian.Uint16(b[6:])), 10), true
	case 14:
		if !need(20) {
			return "", false
		}
		return "time stamp reply id " + strconv.FormatUint(uint64(byteorder.BigEndian.Uint16(b[4:])), 10) + " seq " + strconv.FormatUint(uint64(byteorder.BigEndian.Uint16(b[6:])), 10) + ": org " + msOfDay(byteorder.BigEndian.Uint32(b[8:])) + ", recv " + msOfDay(byteorder.BigEndian.Uint32(b[12:])) + ", xmit " + msOfDay(byteorder.BigEndian.Uint32(b[16:])), true
	default: // 18, address mask reply
		if !need(12) {
			return "", false
		}
		return "address mask is 0x" + text.HexPad(uint64(byteorder.BigEndian.Uint32(b[8:])), 8), true
	}
}

var redirectCodes = codeNames{
	{0, "redirect %s to net %s"},
	{1, "redirect %s to host %s"},
	{2, "redirect-tos %s to net %s"},
	{3, "redirect-tos %s to host %s"},
}

// msOfDay formats an ICMP timestamp, milliseconds since midnight UTC.
func msOfDay(ms uint32) string {
	sec := ms / 1000
	return text.DecPad(uint64(sec/3600), 2) + ":" + text.DecPad(uint64(sec/60%60), 2) + ":" + text.DecPad(uint64(sec%60), 2) + "." + text.DecPad(uint64(ms%1000), 3)
}

// icmpDescMax is the room in tcpdump's icmp_print buffer
// (MAXHOSTNAMELEN + 100 bytes, terminator included).
const icmpDescMax = 64 + 100 - 1

func routerAdvertisement(b []byte) (string, bool) {
	if len(b) < 8 {
		return "", false
	}
	num, size, life := int(b[4]), b[5], byteorder.BigEndian.Uint16(b[6:])
	var d strings.Builder
	d.WriteString("router advertisement lifetime ")
	switch {
	case life < 60:
		d.WriteString(strconv.FormatUint(uint64(life), 10))
	case life < 3600:
		d.WriteString(strconv.FormatUint(uint64(life/60), 10) + ":" + text.DecPad(uint64(life%60), 2))
	default:
		d.WriteString(strconv.FormatUint(uint64(life/3600), 10) + ":" + text.DecPad(uint64(life%3600/60), 2) + ":" + text.DecPad(uint64(life%60), 2))
	}
	d.WriteString(" " + strconv.Itoa(num) + ":")
	if size != 2 {
		d.WriteString(" [size " + strconv.FormatUint(uint64(size), 10) + "]")
	} else {
		for i := 0; i < num; i++ {
			at := 8 + 8*i
			if len(b) < at+8 {
				return "", false
			}
			d.WriteString(" {" + inet.AddrFrom4([4]byte(b[at:at+4])).String() + " " + strconv.FormatUint(uint64(byteorder.BigEndian.Uint32(b[at+4:])), 10) + "}")
		}
	}
	desc := d.String()
	return desc[:min(len(desc), icmpDescMax)], true
}
