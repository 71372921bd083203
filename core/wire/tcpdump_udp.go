package wire

import (
	"strconv"
	"strings"

	"github.com/sockplay/sockplay/core/internal/byteorder"
)

// udp follows tcpdump's udp_print for ports it has no dissector for.
func udp(w *strings.Builder, b []byte, length int, h *ipHeader) {
	addrs := func(sport, dport uint16) {
		w.WriteString(h.srcString() + "." + strconv.FormatUint(uint64(sport), 10) + " > " + h.dstString() + "." + strconv.FormatUint(uint64(dport), 10) + ": ")
	}
	if len(b) < 4 {
		w.WriteString(h.srcString() + " > " + h.dstString() + ": ")
		trunc(w, "udp")
		return
	}
	sport, dport := byteorder.BigEndian.Uint16(b), byteorder.BigEndian.Uint16(b[2:])
	if length < udpHeaderLen {
		addrs(sport, dport)
		w.WriteString("truncated-udp " + strconv.Itoa(length))
		return
	}
	if len(b) < 6 {
		addrs(sport, dport)
		trunc(w, "udp")
		return
	}
	ulen := int(byteorder.BigEndian.Uint16(b[4:]))
	if ulen < udpHeaderLen {
		addrs(sport, dport)
		w.WriteString("truncated-udplength " + strconv.Itoa(ulen))
		return
	}
	ulen -= udpHeaderLen
	length -= udpHeaderLen
	if ulen < length {
		length = ulen
	}
	addrs(sport, dport)
	if len(b) < udpHeaderLen {
		trunc(w, "udp")
		return
	}
	if ulen > length && !h.fragmented {
		w.WriteString("UDP, bad length " + strconv.Itoa(ulen) + " > " + strconv.Itoa(length))
		return
	}
	w.WriteString("UDP, length " + strconv.Itoa(ulen))
}
