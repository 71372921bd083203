package wire

import (
	"strconv"
	"strings"

	"github.com/sockplay/sockplay/core/internal/byteorder"
)

// tcpConnKey names a TCP connection regardless of direction, the way
// tcpdump's tcp_seq_hash does: the side with the lower port (or, for equal
// ports, the lower address) comes first.
type tcpConnKey struct {
	src, dst [4]byte
	ports    uint32
}

// tcpISNs are the sequence numbers tcpdump subtracts: seq for the side
// listed first in the key, ack for the other.
type tcpISNs struct{ seq, ack uint32 }

// tcpFlagLetters are tcpdump's flag letters, in its order.
var tcpFlagLetters = [8]struct {
	flag   TCPFlags
	letter byte
}{{FIN, 'F'}, {SYN, 'S'}, {RST, 'R'}, {PSH, 'P'}, {ACK, '.'}, {URG, 'U'}, {ECE, 'E'}, {CWR, 'W'}}

// String is the flags as tcpdump writes them between brackets: "S",
// "S.", "FP.", "R", "none".
func (f TCPFlags) String() string {
	var b []byte
	for _, fl := range tcpFlagLetters {
		if f&fl.flag != 0 {
			b = append(b, fl.letter)
		}
	}
	if len(b) == 0 {
		return "none"
	}
	return string(b)
}

// tcp follows tcpdump's tcp_print: b is the captured segment, length the
// segment length the IP header claims.
func (p *Printer) tcp(w *strings.Builder, b []byte, length int, h *ipHeader) {
	if len(b) < 4 {
		w.WriteString(h.srcString() + " > " + h.dstString() + ":")
		trunc(w, "tcp")
		return
	}
	sport, dport := byteorder.BigEndian.Uint16(b), byteorder.BigEndian.Uint16(b[2:])
	w.WriteString(h.srcString() + "." + strconv.FormatUint(uint64(sport), 10) + " > " + h.dstString() + "." + strconv.FormatUint(uint64(dport), 10) + ": ")
	if len(b) < tcpHeaderLen {
		trunc(w, "tcp")
		return
	}
	hlen := int(b[12]>>4) * 4
	if hlen < tcpHeaderLen {
		w.WriteString(" tcp " + strconv.Itoa(length-hlen) + " [bad hdr length " + strconv.Itoa(hlen) + " - too short, < " + strconv.Itoa(tcpHeaderLen) + "]")
		return
	}
	seq, ack := byteorder.BigEndian.Uint32(b[4:]), byteorder.BigEndian.Uint32(b[8:])
	flags := TCPFlags(b[13])
	win, urp := byteorder.BigEndian.Uint16(b[14:]), byteorder.BigEndian.Uint16(b[18:])
	w.WriteString("Flags [" + flags.String() + "]")

	// rev and base are what the SACK blocks are made relative to.
	var rev bool
	var base tcpISNs
	if !p.Absolute && flags&ACK != 0 {
		var key tcpConnKey
		key, rev = connKey(h, sport, dport)
		if p.conns == nil {
			p.conns = make(map[tcpConnKey]tcpISNs)
		}
		isn, known := p.conns[key]
		if !known || flags&SYN != 0 {
			// A new conversation: this segment's numbers become the base
			// and are themselves printed absolute.
			if rev {
				isn = tcpISNs{seq: ack - 1, ack: seq}
			} else {
				isn = tcpISNs{seq: seq, ack: ack - 1}
			}
			p.conns[key] = isn
		} else if rev {
			seq, ack = seq-isn.ack, ack-isn.seq
		} else {
			seq, ack = seq-isn.seq, ack-isn.ack
		}
		base = isn
	}
	if hlen > length {
		w.WriteString(" [bad hdr length " + strconv.Itoa(hlen) + " - too long, > " + strconv.Itoa(length) + "]")
		return
	}
	length -= hlen
	if length > 0 || flags&(SYN|FIN|RST) != 0 {
		w.WriteString(", seq " + strconv.FormatUint(uint64(seq), 10))
		if length > 0 {
			w.WriteString(":" + strconv.FormatUint(uint64(seq+uint32(length)), 10))
		}
	}
	if flags&ACK != 0 {
		w.WriteString(", ack " + strconv.FormatUint(uint64(ack), 10))
	}
	w.WriteString(", win " + strconv.FormatUint(uint64(win), 10))
	if flags&URG != 0 {
		w.WriteString(", urg " + strconv.FormatUint(uint64(urp), 10))
	}
	proto := "tcp" // what a truncation is reported in
	if hlen > tcpHeaderLen {
		walk := optionWalk{
			w: w, b: b[min(len(b), tcpHeaderLen):], left: hlen - tcpHeaderLen, proto: "tcp",
			flags: flags, rev: rev, base: base, payloadCaptured: len(b) >= hlen+length,
		}
		ok := walk.print()
		proto = walk.proto
		if !ok {
			return
		}
	}
	w.WriteString(", length " + strconv.Itoa(length))
	if length == 0 {
		return
	}
	if len(b) < hlen {
		w.WriteString(" [remaining caplen(" + strconv.Itoa(len(b)) + ") < header length(" + strconv.Itoa(hlen) + ")]")
		trunc(w, proto)
		return
	}
	if isHTTPPort(sport) || isHTTPPort(dport) {
		w.WriteString(": ")
		httpText(w, b[hlen:], length)
	}
}

// connKey orders the endpoints as tcpdump does; rev says the segment goes
// from the second to the first.
func connKey(h *ipHeader, sport, dport uint16) (tcpConnKey, bool) {
	rev := sport > dport || (sport == dport && string(h.src[:]) > string(h.dst[:]))
	if rev {
		return tcpConnKey{src: h.dst, dst: h.src, ports: uint32(dport)<<16 | uint32(sport)}, true
	}
	return tcpConnKey{src: h.src, dst: h.dst, ports: uint32(sport)<<16 | uint32(dport)}, false
}

func isHTTPPort(port uint16) bool { return port == 80 || port == 8080 }
