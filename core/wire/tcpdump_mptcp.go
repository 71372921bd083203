package wire

import (
	"strconv"
	"strings"

	"github.com/sockplay/sockplay/core/inet"
	"github.com/sockplay/sockplay/core/internal/byteorder"
	"github.com/sockplay/sockplay/core/internal/text"
)

// mptcpSubtypes are tcpdump's names for MPTCP option subtypes (RFC 8684
// section 3); higher subtypes print as "unknown".
var mptcpSubtypes = [...]string{"capable", "join", "dss", "add-addr", "rem-addr", "prio", "fail", "fast-close", "unknown"}

// addAddrVersions are tcpdump's names for ADD_ADDR's version and echo bits.
var addAddrVersions = codeNames{{6, "v0-ip6"}, {4, "v0-ip4"}, {1, "v1-echo"}, {0, "v1"}}

// mptcpOption follows tcpdump's mptcp_print for one whole, captured option
// (kind and length included). It reports false where tcpdump says
// "[bad opt]".
func mptcpOption(w *strings.Builder, opt []byte, flags TCPFlags) bool {
	n := len(opt)
	if n < 3 {
		return false
	}
	sub := min(int(opt[2]>>4), len(mptcpSubtypes)-1)
	w.WriteString(" " + strconv.Itoa(n) + " " + mptcpSubtypes[sub])
	be64 := func(at int) uint64 { return byteorder.BigEndian.Uint64(opt[at:]) }
	be32 := func(at int) uint32 { return byteorder.BigEndian.Uint32(opt[at:]) }
	switch sub {
	case 0: // MP_CAPABLE
		if !((n == 12 || n == 4) && flags&SYN != 0) && !((n == 20 || n == 22) && flags&(SYN|ACK) == ACK) {
			return false
		}
		version := opt[2] & 0x0f
		if version > 1 {
			w.WriteString(" Unknown Version (" + strconv.FormatUint(uint64(version), 10) + ")")
			return true
		}
		w.WriteString(" v" + strconv.FormatUint(uint64(version), 10))
		if opt[3]&0x80 != 0 {
			w.WriteString(" csum")
		}
		if n == 12 || n >= 20 {
			w.WriteString(" {0x" + strconv.FormatUint(be64(4), 16))
			if n >= 20 {
				w.WriteString(",0x" + strconv.FormatUint(be64(12), 16))
			}
			w.WriteString("}")
		}
	case 1: // MP_JOIN
		if !(n == 12 && flags&SYN != 0) && !(n == 16 && flags&(SYN|ACK) == SYN|ACK) && !(n == 24 && flags&ACK != 0) {
			return false
		}
		if n != 24 {
			if opt[2]&1 != 0 {
				w.WriteString(" backup")
			}
			w.WriteString(" id " + strconv.FormatUint(uint64(opt[3]), 10))
		}
		switch n {
		case 12:
			w.WriteString(" token 0x" + strconv.FormatUint(uint64(be32(4)), 16) + " nonce 0x" + strconv.FormatUint(uint64(be32(8)), 16))
		case 16:
			w.WriteString(" hmac 0x" + strconv.FormatUint(be64(4), 16) + " nonce 0x" + strconv.FormatUint(uint64(be32(12)), 16))
		case 24:
			w.WriteString(" hmac 0x" + text.Hex(opt[4:24]))
		}
	case 2:
		return mptcpDSS(w, opt, flags)
	case 3: // ADD_ADDR
		switch n {
		case 8, 10, 16, 18, 20, 22, 28, 30:
		default:
			return false
		}
		echo, known := addAddrVersions.lookup(opt[2] & 0x0f)
		if !known {
			echo = "[bad version/echo]"
		}
		w.WriteString(" " + echo + " id " + strconv.FormatUint(uint64(opt[3]), 10))
		if n <= 18 {
			w.WriteString(" " + inet.AddrFrom4([4]byte(opt[4:8])).String())
			switch n {
			case 10:
				w.WriteString(":" + strconv.FormatUint(uint64(byteorder.BigEndian.Uint16(opt[8:])), 10))
			case 16:
				w.WriteString(" hmac 0x" + strconv.FormatUint(be64(8), 16))
			case 18:
				w.WriteString(":" + strconv.FormatUint(uint64(byteorder.BigEndian.Uint16(opt[8:])), 10) + " hmac 0x" + strconv.FormatUint(be64(10), 16))
			}
		} else {
			w.WriteString(" " + inet.FormatIPv6([16]byte(opt[4:20])))
			switch n {
			case 22:
				w.WriteString(":" + strconv.FormatUint(uint64(byteorder.BigEndian.Uint16(opt[20:])), 10))
			case 28:
				w.WriteString(" hmac 0x" + strconv.FormatUint(be64(20), 16))
			case 30:
				w.WriteString(":" + strconv.FormatUint(uint64(byteorder.BigEndian.Uint16(opt[20:])), 10) + " hmac 0x" + strconv.FormatUint(be64(22), 16))
			}
		}
	case 4: // REMOVE_ADDR
		if n < 4 {
			return false
		}
		w.WriteString(" id")
		for _, id := range opt[3:] {
			w.WriteString(" " + strconv.FormatUint(uint64(id), 10))
		}
	case 5: // MP_PRIO
		if n != 3 && n != 4 {
			return false
		}
		if opt[2]&1 != 0 {
			w.WriteString(" backup")
		} else {
			w.WriteString(" non-backup")
		}
		if n == 4 {
			w.WriteString(" id " + strconv.FormatUint(uint64(opt[3]), 10))
		}
	case 6: // MP_FAIL
		if n != 12 {
			return false
		}
		w.WriteString(" seq " + strconv.FormatUint(be64(4), 10))
	case 7: // MP_FASTCLOSE
		if n != 12 {
			return false
		}
		w.WriteString(" key 0x" + strconv.FormatUint(be64(4), 16))
	}
	return true
}

// mptcpDSS prints a Data Sequence Signal option.
func mptcpDSS(w *strings.Builder, opt []byte, flags TCPFlags) bool {
	if len(opt) < 4 || flags&SYN != 0 {
		return false
	}
	dss := opt[3]
	if dss&0x10 != 0 {
		w.WriteString(" fin")
	}
	rest := opt[4:]
	// number prints an 8-byte field when long, else a 4-byte one.
	number := func(long bool) bool {
		switch {
		case long && len(rest) >= 8:
			w.WriteString(strconv.FormatUint(byteorder.BigEndian.Uint64(rest), 10))
			rest = rest[8:]
		case !long && len(rest) >= 4:
			w.WriteString(strconv.FormatUint(uint64(byteorder.BigEndian.Uint32(rest)), 10))
			rest = rest[4:]
		default:
			return false
		}
		return true
	}
	if dss&0x01 != 0 {
		w.WriteString(" ack ")
		if !number(dss&0x02 != 0) {
			return false
		}
	}
	if dss&0x04 != 0 {
		w.WriteString(" seq ")
		if !number(dss&0x08 != 0) {
			return false
		}
		if len(rest) < 4 {
			return false
		}
		w.WriteString(" subseq " + strconv.FormatUint(uint64(byteorder.BigEndian.Uint32(rest)), 10))
		rest = rest[4:]
		if len(rest) < 2 {
			return false
		}
		w.WriteString(" len " + strconv.FormatUint(uint64(byteorder.BigEndian.Uint16(rest)), 10))
		rest = rest[2:]
		if len(rest) >= 2 {
			w.WriteString(" csum 0x" + strconv.FormatUint(uint64(byteorder.BigEndian.Uint16(rest)), 16))
			rest = rest[2:]
		}
	}
	return len(rest) == 0
}
