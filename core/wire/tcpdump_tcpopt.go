package wire

import (
	"strconv"
	"strings"

	"github.com/sockplay/sockplay/core/internal/byteorder"
	"github.com/sockplay/sockplay/core/internal/text"
)

// Option kinds only the printer knows.
const (
	tcpOptMD5        = 19 // RFC 2385
	tcpMD5Len        = 16
	tcpOptSCPS       = 20
	tcpOptUTO        = 28 // RFC 5482
	tcpOptAO         = 29 // RFC 5925
	tcpOptMPTCP      = 30 // RFC 8684
	tcpOptFastOpen   = 34 // RFC 7413
	tcpOptExperiment = 254
)

// tcpOptionNames are tcpdump's names for option kinds.
var tcpOptionNames = codeNames{
	{0, "eol"}, {1, "nop"}, {2, "mss"}, {3, "wscale"}, {4, "sackOK"}, {5, "sack"},
	{6, "echo"}, {7, "echoreply"}, {8, "TS"}, {11, "cc"}, {12, "ccnew"}, {13, ""},
	{19, "md5"}, {20, "scps"}, {28, "uto"}, {29, "tcp-ao"}, {30, "mptcp"}, {34, "tfo"}, {254, "exp"},
}

// optStop is how an option ends the line early, the three ways tcpdump's
// option loop gives up.
type optStop int

const (
	optFine      optStop = iota
	optBad               // a length that does not fit: "[bad opt]"
	optCut               // a byte past the capture read directly: " [|tcp]"
	optCutLength         // LENCHECK past the capture: " [|tcp]" and a stray '>'
)

// optionWalk is the state of tcpdump's TCP option loop.
type optionWalk struct {
	w     *strings.Builder
	b     []byte // captured bytes from the first option on; like tcpdump, a malformed option may read past the header
	at    int    // next unread byte of b
	left  int    // option bytes the data offset still claims (tcpdump's hlen)
	first bool   // no option finished yet
	proto string // the protocol a truncation names

	flags           TCPFlags
	rev             bool    // for SACK blocks, as in tcp_print
	base            tcpISNs // for SACK blocks
	payloadCaptured bool    // for MD5
}

// print prints ", options [...]" and reports whether the line goes on.
func (o *optionWalk) print() bool {
	o.w.WriteString(", options [")
	o.first = true
	for o.left > 0 {
		if !o.first {
			o.w.WriteByte(',')
		}
		kind, stop := o.option()
		switch stop {
		case optBad:
			o.w.WriteString("[bad opt]")
			if !o.first {
				o.w.WriteString("]")
			}
			return false
		case optCut, optCutLength:
			trunc(o.w, o.proto)
			if stop == optCutLength && !o.first {
				o.w.WriteString(">")
			}
			return false
		}
		o.first = false
		if kind == optEOL {
			break
		}
	}
	o.w.WriteString("]")
	return true
}

// option prints one option and moves past it.
func (o *optionWalk) option() (kind byte, stop optStop) {
	if o.at >= len(o.b) {
		return 0, optCut
	}
	kind = o.b[o.at]
	o.at++
	n := 1 // the option's length octet, or 1 for EOL and NOP
	zeroLen := kind == optEOL || kind == optNOP
	if !zeroLen {
		if o.at >= len(o.b) {
			return kind, optCut
		}
		n = int(o.b[o.at])
		o.at++
		if n < 2 || n > o.left {
			return kind, optBad
		}
		o.left--
	}
	o.left--
	name, known := tcpOptionNames.lookup(kind)
	if !known {
		name = "unknown-" + strconv.FormatUint(uint64(kind), 10)
	}
	o.w.WriteString(name)
	datalen, stop := o.body(kind, n)
	if stop != optFine {
		return kind, stop
	}
	o.at += datalen
	o.left -= datalen
	// tcpdump steps by what it printed and flags a length that disagrees.
	consumed := datalen + 1
	if !zeroLen {
		consumed++
	}
	if consumed != n {
		o.w.WriteString("[len " + strconv.Itoa(n) + "]")
	}
	return kind, optFine
}

// need is tcpdump's LENCHECK: l more bytes claimed and captured.
func (o *optionWalk) need(l int) optStop {
	switch {
	case l > o.left:
		return optBad
	case o.at+l > len(o.b):
		return optCutLength
	}
	return optFine
}

// body prints the option's data and says how many bytes tcpdump takes it
// to have.
func (o *optionWalk) body(kind byte, n int) (datalen int, stop optStop) {
	w, b, at := o.w, o.b, o.at
	switch kind {
	case optEOL, optNOP, optSACKPermitted:
		return 0, optFine
	case optMSS:
		if stop := o.need(2); stop != optFine {
			return 0, stop
		}
		w.WriteString(" " + strconv.FormatUint(uint64(byteorder.BigEndian.Uint16(b[at:])), 10))
		return 2, optFine
	case optWScale:
		if stop := o.need(1); stop != optFine {
			return 0, stop
		}
		w.WriteString(" " + strconv.FormatUint(uint64(b[at]), 10))
		return 1, optFine
	case optSACK:
		return n - 2, o.sack(n - 2)
	case 6, 7, 11, 12, 13: // echo, echoreply, cc, ccnew, ccecho
		if stop := o.need(4); stop != optFine {
			return 0, stop
		}
		w.WriteString(" " + strconv.FormatUint(uint64(byteorder.BigEndian.Uint32(b[at:])), 10))
		return 4, optFine
	case optTimestamps:
		if stop := o.need(8); stop != optFine {
			return 0, stop
		}
		w.WriteString(" val " + strconv.FormatUint(uint64(byteorder.BigEndian.Uint32(b[at:])), 10) + " ecr " + strconv.FormatUint(uint64(byteorder.BigEndian.Uint32(b[at+4:])), 10))
		return 8, optFine
	case tcpOptMD5:
		if stop := o.need(tcpMD5Len); stop != optFine {
			return 0, stop
		}
		// tcpdump, built with libcrypto, has no -M secret to check with.
		reason := "shared secret not supplied with -M, "
		if !o.payloadCaptured {
			reason = "snaplen too short, "
		}
		w.WriteString(" " + reason + "can't check - " + text.Hex(b[at:at+tcpMD5Len]))
		return tcpMD5Len, optFine
	case tcpOptSCPS:
		if stop := o.need(2); stop != optFine {
			return 0, stop
		}
		w.WriteString(" cap " + text.HexPad(uint64(b[at]), 2) + " id " + strconv.FormatUint(uint64(b[at+1]), 10))
		return 2, optFine
	case tcpOptUTO:
		if stop := o.need(2); stop != optFine {
			return 0, stop
		}
		uto := uint32(byteorder.BigEndian.Uint16(b[at:]))
		w.WriteString(" 0x" + strconv.FormatUint(uint64(uto), 16))
		// The low bit says minutes (RFC 5482 section 3).
		if uto&1 != 0 {
			uto = (uto >> 1) * 60
		} else {
			uto >>= 1
		}
		w.WriteString(" " + strconv.FormatUint(uint64(uto), 10))
		return 2, optFine
	case tcpOptAO:
		return n - 2, o.authOption(n - 2)
	case tcpOptFastOpen:
		if stop := o.need(n - 2); stop != optFine {
			return 0, stop
		}
		w.WriteString(" ")
		fastOpen(w, b[at:at+n-2], false)
		return n - 2, optFine
	case tcpOptExperiment:
		if stop := o.need(n - 2); stop != optFine {
			return 0, stop
		}
		if n-2 < 2 {
			return 0, optBad
		}
		// RFC 6994 experiment IDs; 0xf989 is TCP Fast Open's.
		w.WriteString("-")
		if magic := byteorder.BigEndian.Uint16(b[at:]); magic == 0xf989 {
			fastOpen(w, b[at+2:at+n-2], true)
		} else {
			w.WriteString(text.HexPad(uint64(magic), 4))
		}
		return n - 2, optFine
	case tcpOptMPTCP:
		if stop := o.need(n - 2); stop != optFine {
			return 0, stop
		}
		o.proto = "mptcp" // tcpdump names later truncations after it
		if !mptcpOption(w, b[at-2:at+n-2], o.flags) {
			return 0, optBad
		}
		return n - 2, optFine
	}
	return n - 2, o.hexBytes(n-2, " 0x")
}

// sack prints a SACK option's blocks relative to the connection's base,
// as tcpdump does.
func (o *optionWalk) sack(datalen int) optStop {
	if datalen%optLenSACKBlock != 0 {
		o.w.WriteString(" invalid sack")
		return optFine
	}
	o.w.WriteString(" " + strconv.Itoa(datalen/optLenSACKBlock) + " ")
	for i := 0; i < datalen; i += optLenSACKBlock {
		if stop := o.need(i + optLenSACKBlock); stop != optFine {
			return stop
		}
		s, e := byteorder.BigEndian.Uint32(o.b[o.at+i:]), byteorder.BigEndian.Uint32(o.b[o.at+i+4:])
		if o.rev {
			s, e = s-o.base.seq, e-o.base.seq
		} else {
			s, e = s-o.base.ack, e-o.base.ack
		}
		o.w.WriteString("{" + strconv.FormatUint(uint64(s), 10) + ":" + strconv.FormatUint(uint64(e), 10) + "}")
	}
	return optFine
}

// authOption prints a TCP-AO option (RFC 5925 section 2.2).
func (o *optionWalk) authOption(datalen int) optStop {
	if datalen < 2 {
		o.w.WriteString(" (invalid)")
		return optFine
	}
	if stop := o.need(1); stop != optFine {
		return stop
	}
	o.w.WriteString(" keyid " + strconv.FormatUint(uint64(o.b[o.at]), 10))
	if stop := o.need(2); stop != optFine {
		return stop
	}
	o.w.WriteString(" rnextkeyid " + strconv.FormatUint(uint64(o.b[o.at+1]), 10))
	if datalen == 2 {
		return optFine
	}
	o.w.WriteString(" mac 0x")
	for i := 2; i < datalen; i++ {
		if stop := o.need(i + 1); stop != optFine {
			return stop
		}
		o.w.WriteString(text.HexPad(uint64(o.b[o.at+i]), 2))
	}
	return optFine
}

// hexBytes prints an unknown option's data in hex after prefix.
func (o *optionWalk) hexBytes(datalen int, prefix string) optStop {
	if datalen > 0 {
		o.w.WriteString(prefix)
	}
	for i := 0; i < datalen; i++ {
		if stop := o.need(i + 1); stop != optFine {
			return stop
		}
		o.w.WriteString(text.HexPad(uint64(o.b[o.at+i]), 2))
	}
	return optFine
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
		w.WriteString(" cookie " + text.Hex(cookie))
	}
}
