package wire

import (
	"encoding/binary"
	"fmt"
	"strings"
)

// udp follows tcpdump's udp_print for ports it has no dissector for.
func udp(w *strings.Builder, b []byte, length int, h *ipHeader) {
	addrs := func(sport, dport uint16) {
		fmt.Fprintf(w, "%s.%d > %s.%d: ", h.srcString(), sport, h.dstString(), dport)
	}
	if len(b) < 4 {
		fmt.Fprintf(w, "%s > %s: ", h.srcString(), h.dstString())
		trunc(w, "udp")
		return
	}
	sport, dport := binary.BigEndian.Uint16(b), binary.BigEndian.Uint16(b[2:])
	if length < udpHeaderLen {
		addrs(sport, dport)
		fmt.Fprintf(w, "truncated-udp %d", length)
		return
	}
	if len(b) < 6 {
		addrs(sport, dport)
		trunc(w, "udp")
		return
	}
	ulen := int(binary.BigEndian.Uint16(b[4:]))
	if ulen < udpHeaderLen {
		addrs(sport, dport)
		fmt.Fprintf(w, "truncated-udplength %d", ulen)
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
		fmt.Fprintf(w, "UDP, bad length %d > %d", ulen, length)
		return
	}
	fmt.Fprintf(w, "UDP, length %d", ulen)
}
