package wire

import (
	"strconv"

	"github.com/sockplay/sockplay/core/inet"
	"github.com/sockplay/sockplay/core/internal/byteorder"
)

const (
	ipv4HeaderLen    = 20
	ipv4MaxOptions   = 40
	ipv4MaxTotalLen  = 0xffff
	ipFlagDF         = 0x4000
	ipFlagMF         = 0x2000
	ipFragOffsetMask = 0x1fff

	// DefaultTTL is Linux's net.ipv4.ip_default_ttl.
	DefaultTTL = 64
)

// headerLen is the encoded header length: options padded to 4 bytes, at
// most 40 of them (RFC 791 section 3.1).
func (ip *IPv4) headerLen() int {
	n := min(len(ip.Options), ipv4MaxOptions)
	return ipv4HeaderLen + (n+3)&^3
}

// appendHeader appends the header for a payload of payloadLen bytes,
// computing total length and checksum.
func (ip *IPv4) appendHeader(b []byte, payloadLen int) []byte {
	hlen := ip.headerLen()
	start := len(b)
	b = append(b, make([]byte, hlen)...)
	h := b[start:]
	h[0] = 4<<4 | byte(hlen/4)
	h[1] = ip.TOS
	byteorder.BigEndian.PutUint16(h[2:], uint16(hlen+payloadLen))
	byteorder.BigEndian.PutUint16(h[4:], ip.ID)
	frag := ip.FragOff & ipFragOffsetMask
	if ip.DF {
		frag |= ipFlagDF
	}
	if ip.MF {
		frag |= ipFlagMF
	}
	byteorder.BigEndian.PutUint16(h[6:], frag)
	h[8] = ip.TTL
	h[9] = ip.Protocol
	src, dst := ip.Src.As4(), ip.Dst.As4() // the invalid Addr encodes as 0.0.0.0
	copy(h[12:16], src[:])
	copy(h[16:20], dst[:])
	copy(h[20:], ip.Options[:min(len(ip.Options), ipv4MaxOptions)])
	byteorder.BigEndian.PutUint16(h[10:], Checksum(h))
	return b
}

// decodeIPv4 reads the header of b. It returns the header, the payload as
// far as it can be trusted, the problems found and whether the payload
// can be interpreted at all (false: stop at the IP layer).
func decodeIPv4(b []byte) (ip IPv4, payload []byte, problems []Problem, ok bool) {
	if len(b) < ipv4HeaderLen {
		return ip, nil, []Problem{newProblem(TruncatedIP, strconv.Itoa(len(b))+" bytes, need "+strconv.Itoa(ipv4HeaderLen))}, false
	}
	ip = ipv4Fields(b)
	if v := b[0] >> 4; v != 4 {
		return ip, nil, []Problem{newProblem(BadIPVersion, "version "+strconv.FormatUint(uint64(v), 10))}, false
	}
	hlen := int(b[0]&0x0f) * 4
	if hlen < ipv4HeaderLen || hlen > len(b) {
		return ip, nil, []Problem{newProblem(BadIPHeaderLength, "ihl "+strconv.Itoa(hlen/4)+" with "+strconv.Itoa(len(b))+" bytes")}, false
	}
	ip.Options = clone(b[ipv4HeaderLen:hlen])
	if sum := Checksum(b[:hlen]); sum != 0 {
		problems = append(problems, checksumProblem(BadIPChecksum, ip.Checksum, sum))
	}
	total := int(ip.TotalLen)
	switch {
	case total < hlen:
		return ip, nil, append(problems, newProblem(BadIPTotalLength, "total length "+strconv.Itoa(total)+" < header length "+strconv.Itoa(hlen))), false
	case total > len(b):
		// Keep what arrived so an inspector can still show it.
		problems = append(problems, newProblem(BadIPTotalLength, "total length "+strconv.Itoa(total)+" > "+strconv.Itoa(len(b))+" bytes"))
		total = len(b)
	}
	// Bytes past the total length are link padding; IP ignores them.
	payload = b[hlen:total]
	if ip.MF || ip.FragOff != 0 {
		return ip, payload, append(problems, newProblem(IPFragment, "offset "+strconv.Itoa(int(ip.FragOff)*8)+", more fragments "+strconv.FormatBool(ip.MF))), false
	}
	return ip, payload, problems, true
}

func clone(b []byte) []byte {
	if len(b) == 0 {
		return nil
	}
	return append([]byte(nil), b...)
}

// ipv4Fields reads the fixed header fields of b, which holds at least 20
// bytes.
func ipv4Fields(b []byte) IPv4 {
	frag := byteorder.BigEndian.Uint16(b[6:])
	return IPv4{
		TOS:      b[1],
		TotalLen: byteorder.BigEndian.Uint16(b[2:]),
		ID:       byteorder.BigEndian.Uint16(b[4:]),
		DF:       frag&ipFlagDF != 0,
		MF:       frag&ipFlagMF != 0,
		FragOff:  frag & ipFragOffsetMask,
		TTL:      b[8],
		Protocol: b[9],
		Checksum: byteorder.BigEndian.Uint16(b[10:]),
		Src:      inet.AddrFrom4([4]byte(b[12:16])),
		Dst:      inet.AddrFrom4([4]byte(b[16:20])),
	}
}
