package wire

import (
	"encoding/binary"
	"fmt"
	"strings"
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

func flagString(f TCPFlags) string {
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
		fmt.Fprintf(w, "%s > %s:", h.srcString(), h.dstString())
		trunc(w, "tcp")
		return
	}
	sport, dport := binary.BigEndian.Uint16(b), binary.BigEndian.Uint16(b[2:])
	fmt.Fprintf(w, "%s.%d > %s.%d: ", h.srcString(), sport, h.dstString(), dport)
	if len(b) < tcpHeaderLen {
		trunc(w, "tcp")
		return
	}
	hlen := int(b[12]>>4) * 4
	if hlen < tcpHeaderLen {
		fmt.Fprintf(w, " tcp %d [bad hdr length %d - too short, < %d]", length-hlen, hlen, tcpHeaderLen)
		return
	}
	seq, ack := binary.BigEndian.Uint32(b[4:]), binary.BigEndian.Uint32(b[8:])
	flags := TCPFlags(b[13])
	win, urp := binary.BigEndian.Uint16(b[14:]), binary.BigEndian.Uint16(b[18:])
	fmt.Fprintf(w, "Flags [%s]", flagString(flags))

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
		fmt.Fprintf(w, " [bad hdr length %d - too long, > %d]", hlen, length)
		return
	}
	length -= hlen
	if length > 0 || flags&(SYN|FIN|RST) != 0 {
		fmt.Fprintf(w, ", seq %d", seq)
		if length > 0 {
			fmt.Fprintf(w, ":%d", seq+uint32(length))
		}
	}
	if flags&ACK != 0 {
		fmt.Fprintf(w, ", ack %d", ack)
	}
	fmt.Fprintf(w, ", win %d", win)
	if flags&URG != 0 {
		fmt.Fprintf(w, ", urg %d", urp)
	}
	proto := "tcp" // what a truncation is reported in
	if hlen > tcpHeaderLen {
		if !printTCPOptions(w, b[min(len(b), tcpHeaderLen):], hlen-tcpHeaderLen, flags, rev, base, len(b) >= hlen+length, &proto) {
			return
		}
	}
	fmt.Fprintf(w, ", length %d", length)
	if length == 0 {
		return
	}
	if len(b) < hlen {
		fmt.Fprintf(w, " [remaining caplen(%d) < header length(%d)]", len(b), hlen)
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

// Option kinds only the printer knows.
const (
	tcpOptMD5        = 19 // RFC 2385
	tcpMD5Len        = 16
	tcpOptSCPS       = 20
	tcpOptUTO        = 28 // RFC 5482
	tcpOptAO         = 29 // RFC 5925
	tcpOptMPTCP      = 30 // RFC 8684, not dissected here
	tcpOptFastOpen   = 34 // RFC 7413
	tcpOptExperiment = 254
)

// tcpOptionNames are tcpdump's names for option kinds.
var tcpOptionNames = map[byte]string{
	0: "eol", 1: "nop", 2: "mss", 3: "wscale", 4: "sackOK", 5: "sack",
	6: "echo", 7: "echoreply", 8: "TS", 11: "cc", 12: "ccnew", 13: "",
	19: "md5", 20: "scps", 28: "uto", 29: "tcp-ao", 30: "mptcp", 34: "tfo", 254: "exp",
}

// printTCPOptions follows tcp_print's option loop. b holds the captured
// bytes from the first option on (like tcpdump, a malformed option may
// make it read past the header), hlen how many option bytes the data
// offset claims. It reports whether
// the line goes on (false after "[bad opt]" or a truncation).
func printTCPOptions(w *strings.Builder, b []byte, hlen int, flags TCPFlags, rev bool, base tcpISNs, payloadCaptured bool, proto *string) bool {
	w.WriteString(", options [")
	at := 0 // next unread byte of b
	get := func(i int) (byte, bool) {
		if i >= len(b) {
			return 0, false
		}
		return b[i], true
	}
	bad := func(first bool) bool {
		w.WriteString("[bad opt]")
		if !first {
			w.WriteString("]")
		}
		return false
	}
	// truncated is a captured byte missing where tcpdump reads one
	// directly.
	truncated := func() bool {
		trunc(w, *proto)
		return false
	}
	first := true
	for hlen > 0 {
		if !first {
			w.WriteByte(',')
		}
		opt, ok := get(at)
		if !ok {
			return truncated()
		}
		at++
		n := 1
		zeroLen := opt == optEOL || opt == optNOP
		if !zeroLen {
			l, ok := get(at)
			if !ok {
				return truncated()
			}
			at++
			n = int(l)
			if n < 2 || n > hlen {
				return bad(first)
			}
			hlen--
		}
		hlen--
		name, known := tcpOptionNames[opt]
		if !known {
			name = fmt.Sprintf("unknown-%d", opt)
		}
		w.WriteString(name)

		// need checks that l more option bytes are claimed and captured.
		need := func(l int) (ok, wasBad bool) {
			if l > hlen {
				return false, true
			}
			return at+l <= len(b), false
		}
		datalen := 0
		// fail is tcpdump's LENCHECK failing: "[bad opt]" when the option
		// claims more than the header has, else its "trunc:" label, which
		// also closes with a stray '>'.
		fail := func(l int) bool {
			if _, wasBad := need(l); wasBad {
				return bad(first)
			}
			trunc(w, *proto)
			if !first {
				w.WriteString(">")
			}
			return false
		}
		switch opt {
		case optMSS:
			datalen = 2
			if ok, _ := need(datalen); !ok {
				return fail(datalen)
			}
			fmt.Fprintf(w, " %d", binary.BigEndian.Uint16(b[at:]))
		case optWScale:
			datalen = 1
			if ok, _ := need(datalen); !ok {
				return fail(datalen)
			}
			fmt.Fprintf(w, " %d", b[at])
		case optSACK:
			datalen = n - 2
			if datalen%8 != 0 {
				w.WriteString(" invalid sack")
				break
			}
			fmt.Fprintf(w, " %d ", datalen/8)
			for i := 0; i < datalen; i += 8 {
				if ok, _ := need(i + 8); !ok {
					return fail(i + 8)
				}
				s, e := binary.BigEndian.Uint32(b[at+i:]), binary.BigEndian.Uint32(b[at+i+4:])
				if rev {
					s, e = s-base.seq, e-base.seq
				} else {
					s, e = s-base.ack, e-base.ack
				}
				fmt.Fprintf(w, "{%d:%d}", s, e)
			}
		case 6, 7, 11, 12, 13: // echo, echoreply, cc, ccnew, ccecho
			datalen = 4
			if ok, _ := need(datalen); !ok {
				return fail(datalen)
			}
			fmt.Fprintf(w, " %d", binary.BigEndian.Uint32(b[at:]))
		case optTimestamps:
			datalen = 8
			if ok, _ := need(datalen); !ok {
				return fail(datalen)
			}
			fmt.Fprintf(w, " val %d ecr %d", binary.BigEndian.Uint32(b[at:]), binary.BigEndian.Uint32(b[at+4:]))
		case tcpOptMD5:
			datalen = tcpMD5Len
			if ok, _ := need(datalen); !ok {
				return fail(datalen)
			}
			// tcpdump, built with libcrypto, has no -M secret to check with.
			w.WriteString(" ")
			if !payloadCaptured {
				w.WriteString("snaplen too short, ")
			} else {
				w.WriteString("shared secret not supplied with -M, ")
			}
			fmt.Fprintf(w, "can't check - %x", b[at:at+datalen])
		case tcpOptSCPS:
			datalen = 2
			if ok, _ := need(datalen); !ok {
				return fail(datalen)
			}
			fmt.Fprintf(w, " cap %02x id %d", b[at], b[at+1])
		case tcpOptUTO:
			datalen = 2
			if ok, _ := need(datalen); !ok {
				return fail(datalen)
			}
			uto := uint32(binary.BigEndian.Uint16(b[at:]))
			fmt.Fprintf(w, " 0x%x", uto)
			// The low bit says minutes (RFC 5482 section 3).
			if uto&1 != 0 {
				uto = (uto >> 1) * 60
			} else {
				uto >>= 1
			}
			fmt.Fprintf(w, " %d", uto)
		case tcpOptAO:
			datalen = n - 2
			if datalen < 2 {
				w.WriteString(" (invalid)")
				break
			}
			if ok, _ := need(1); !ok {
				return fail(1)
			}
			fmt.Fprintf(w, " keyid %d", b[at])
			if ok, _ := need(2); !ok {
				return fail(2)
			}
			fmt.Fprintf(w, " rnextkeyid %d", b[at+1])
			if datalen > 2 {
				w.WriteString(" mac 0x")
				for i := 2; i < datalen; i++ {
					if ok, _ := need(i + 1); !ok {
						return fail(i + 1)
					}
					fmt.Fprintf(w, "%02x", b[at+i])
				}
			}
		case tcpOptFastOpen:
			datalen = n - 2
			if ok, _ := need(datalen); !ok {
				return fail(datalen)
			}
			w.WriteString(" ")
			fastOpen(w, b[at:at+datalen], false)
		case tcpOptExperiment:
			datalen = n - 2
			if ok, _ := need(datalen); !ok {
				return fail(datalen)
			}
			if datalen < 2 {
				return bad(first)
			}
			// RFC 6994 experiment IDs; 0xf989 is TCP Fast Open's.
			w.WriteString("-")
			if magic := binary.BigEndian.Uint16(b[at:]); magic == 0xf989 {
				fastOpen(w, b[at+2:at+datalen], true)
			} else {
				fmt.Fprintf(w, "%04x", magic)
			}
		case tcpOptMPTCP:
			datalen = n - 2
			if ok, _ := need(datalen); !ok {
				return fail(datalen)
			}
			*proto = "mptcp" // tcpdump names later truncations after it
			if !mptcpOption(w, b[at-2:at+datalen], flags) {
				return bad(first)
			}
		case optEOL, optNOP, optSACKPermitted:
		default:
			datalen = n - 2
			if datalen > 0 {
				w.WriteString(" 0x")
			}
			for i := 0; i < datalen; i++ {
				if ok, _ := need(i + 1); !ok {
					return fail(i + 1)
				}
				fmt.Fprintf(w, "%02x", b[at+i])
			}
		}
		at += datalen
		hlen -= datalen
		consumed := datalen + 1
		if !zeroLen {
			consumed++
		}
		if consumed != n {
			fmt.Fprintf(w, "[len %d]", n)
		}
		first = false
		if opt == optEOL {
			break
		}
	}
	w.WriteString("]")
	return true
}

// fastOpen prints a TCP Fast Open option body as tcpdump does.
func fastOpen(w *strings.Builder, cookie []byte, experimental bool) {
	if experimental {
		w.WriteString("tfo")
	}
	switch {
	case len(cookie) == 0:
		w.WriteString(" cookiereq")
	case len(cookie)%2 != 0 || len(cookie) < 4 || len(cookie) > 16:
		w.WriteString(" (invalid)")
	default:
		fmt.Fprintf(w, " cookie %x", cookie)
	}
}
