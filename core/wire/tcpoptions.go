package wire

import (
	"strconv"

	"github.com/sockplay/sockplay/core/internal/byteorder"
)

// TCP option kinds and lengths (RFC 9293 section 3.2, RFC 7323, RFC 2018).
const (
	optEOL           = 0
	optNOP           = 1
	optMSS           = 2
	optWScale        = 3
	optSACKPermitted = 4
	optSACK          = 5
	optTimestamps    = 8

	optLenMSS           = 4
	optLenWScale        = 3
	optLenSACKPermitted = 2
	optLenTimestamps    = 10
	optLenSACKBase      = 2
	optLenSACKBlock     = 8

	tcpMaxOptions = 40
)

// appendOptions appends o laid out as Linux's tcp_options_write does, so
// tcpdump shows the familiar lines:
//
//	SYN, all options: mss, sackOK, TS, nop, wscale
//	SYN without TS:   mss, nop, nop, sackOK, nop, wscale
//	established:      nop, nop, TS [, nop, nop, sack]
//
// Every option is 4-byte aligned, so no padding is needed. If that layout
// exceeds the 40 bytes of option space, which Linux never produces but a
// decoded foreign packet might need, the options are packed without NOPs
// instead; SACK blocks that still do not fit are dropped, as Linux limits
// their number to what fits.
func (o *TCPOptions) appendOptions(b []byte) []byte {
	// The Linux layout's fixed part is at most 20 bytes, so it always fits;
	// its SACK option costs two NOPs, kind, length and 8 bytes a block.
	linuxBlocks := blocksFitting(tcpMaxOptions-o.linuxFixedLen()-4, len(o.SACK))
	if linuxBlocks == len(o.SACK) {
		return o.appendLinux(b, linuxBlocks)
	}
	packedBlocks := blocksFitting(tcpMaxOptions-o.packedFixedLen()-2, len(o.SACK))
	if packedBlocks <= linuxBlocks {
		return o.appendLinux(b, linuxBlocks)
	}
	return o.appendPacked(b, packedBlocks)
}

// blocksFitting is how many of n SACK blocks fit in room bytes.
func blocksFitting(room, n int) int {
	return max(0, min(n, room/optLenSACKBlock))
}

// linuxFixedLen is the Linux layout's length without SACK blocks.
func (o *TCPOptions) linuxFixedLen() int {
	n := 0
	if o.MSS != 0 {
		n += 4
	}
	if o.HasTimestamps {
		n += 12
	}
	if o.SACKPermitted {
		if !o.HasTimestamps {
			n += 4
		}
	}
	if o.HasWScale {
		n += 4
	}
	return n
}

func (o *TCPOptions) appendLinux(b []byte, sackBlocks int) []byte {
	if o.MSS != 0 {
		b = append(b, optMSS, optLenMSS)
		b = byteorder.BigEndian.AppendUint16(b, o.MSS)
	}
	if o.HasTimestamps {
		if o.SACKPermitted {
			b = append(b, optSACKPermitted, optLenSACKPermitted)
		} else {
			b = append(b, optNOP, optNOP)
		}
		b = append(b, optTimestamps, optLenTimestamps)
		b = byteorder.BigEndian.AppendUint32(b, o.TSVal)
		b = byteorder.BigEndian.AppendUint32(b, o.TSEcr)
	} else if o.SACKPermitted {
		b = append(b, optNOP, optNOP, optSACKPermitted, optLenSACKPermitted)
	}
	if o.HasWScale {
		b = append(b, optNOP, optWScale, optLenWScale, o.WScale)
	}
	if sackBlocks > 0 {
		b = append(b, optNOP, optNOP, optSACK, byte(optLenSACKBase+sackBlocks*optLenSACKBlock))
		b = appendSACKBlocks(b, o.SACK[:sackBlocks])
	}
	return b
}

// packedFixedLen is the packed layout's length without SACK.
func (o *TCPOptions) packedFixedLen() int {
	n := 0
	if o.MSS != 0 {
		n += optLenMSS
	}
	if o.SACKPermitted {
		n += optLenSACKPermitted
	}
	if o.HasTimestamps {
		n += optLenTimestamps
	}
	if o.HasWScale {
		n += optLenWScale
	}
	return n
}

// appendPacked lays the options out back to back, padded with EOL.
func (o *TCPOptions) appendPacked(b []byte, sackBlocks int) []byte {
	start := len(b)
	if o.MSS != 0 {
		b = append(b, optMSS, optLenMSS)
		b = byteorder.BigEndian.AppendUint16(b, o.MSS)
	}
	if o.SACKPermitted {
		b = append(b, optSACKPermitted, optLenSACKPermitted)
	}
	if o.HasTimestamps {
		b = append(b, optTimestamps, optLenTimestamps)
		b = byteorder.BigEndian.AppendUint32(b, o.TSVal)
		b = byteorder.BigEndian.AppendUint32(b, o.TSEcr)
	}
	if o.HasWScale {
		b = append(b, optWScale, optLenWScale, o.WScale)
	}
	if sackBlocks > 0 {
		b = append(b, optSACK, byte(optLenSACKBase+sackBlocks*optLenSACKBlock))
		b = appendSACKBlocks(b, o.SACK[:sackBlocks])
	}
	for (len(b)-start)%4 != 0 {
		b = append(b, optEOL)
	}
	return b
}

func appendSACKBlocks(b []byte, blocks []SACKBlock) []byte {
	for _, s := range blocks {
		b = byteorder.BigEndian.AppendUint32(b, s.Left)
		b = byteorder.BigEndian.AppendUint32(b, s.Right)
	}
	return b
}

// decodeOptions parses the option bytes of a TCP header. Unknown kinds are
// skipped by their length (RFC 9293 section 3.1); a later option of a kind
// replaces an earlier one. It stops at the first malformed option,
// keeping what was parsed before it.
func decodeOptions(b []byte) (TCPOptions, *Problem) {
	var o TCPOptions
	for len(b) > 0 {
		kind := b[0]
		switch kind {
		case optEOL:
			return o, nil
		case optNOP:
			b = b[1:]
			continue
		}
		if len(b) < 2 {
			p := newProblem(BadOptionLength, "option "+strconv.FormatUint(uint64(kind), 10)+" has no length octet")
			return o, &p
		}
		n := int(b[1])
		if n < 2 || n > len(b) {
			p := newProblem(BadOptionLength, "option "+strconv.FormatUint(uint64(kind), 10)+" length "+strconv.Itoa(n)+" with "+strconv.Itoa(len(b))+" bytes left")
			return o, &p
		}
		body := b[2:n]
		want := -1
		switch kind {
		case optMSS:
			want = optLenMSS
		case optWScale:
			want = optLenWScale
		case optSACKPermitted:
			want = optLenSACKPermitted
		case optTimestamps:
			want = optLenTimestamps
		case optSACK:
			if (n-optLenSACKBase)%optLenSACKBlock != 0 {
				p := newProblem(BadOptionLength, "sack length "+strconv.Itoa(n))
				return o, &p
			}
		}
		if want >= 0 && n != want {
			p := newProblem(BadOptionLength, "option "+strconv.FormatUint(uint64(kind), 10)+" length "+strconv.Itoa(n)+", want "+strconv.Itoa(want))
			return o, &p
		}
		switch kind {
		case optMSS:
			o.MSS = byteorder.BigEndian.Uint16(body)
		case optWScale:
			o.HasWScale, o.WScale = true, body[0]
		case optSACKPermitted:
			o.SACKPermitted = true
		case optTimestamps:
			o.HasTimestamps = true
			o.TSVal = byteorder.BigEndian.Uint32(body)
			o.TSEcr = byteorder.BigEndian.Uint32(body[4:])
		case optSACK:
			o.SACK = nil
			for i := 0; i+optLenSACKBlock <= len(body); i += optLenSACKBlock {
				o.SACK = append(o.SACK, SACKBlock{
					Left:  byteorder.BigEndian.Uint32(body[i:]),
					Right: byteorder.BigEndian.Uint32(body[i+4:]),
				})
			}
		}
		b = b[n:]
	}
	return o, nil
}
