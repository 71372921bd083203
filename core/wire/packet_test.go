package wire

import (
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sockplay/sockplay/core/inet"
)

var (
	clientAddr = inet.MustParseAddr("10.0.0.1")
	serverAddr = inet.MustParseAddr("10.0.0.2")
)

func unhex(t testing.TB, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(strings.Join(strings.Fields(s), ""))
	require.NoError(t, err)
	return b
}

// onesSum is an independent RFC 1071 sum: the one's complement sum of
// 16-bit words equals their ordinary sum modulo 0xffff.
func onesSum(words ...[]byte) uint64 {
	var total uint64
	for _, b := range words {
		for i := 0; i < len(b); i += 2 {
			w := uint64(b[i]) << 8
			if i+1 < len(b) {
				w |= uint64(b[i+1])
			}
			total += w
		}
	}
	return total % 0xffff
}

func TestIPv4HeaderChecksumKnownVector(t *testing.T) {
	// The worked example of Wikipedia's "IPv4 header checksum" article.
	h := unhex(t, "4500 0073 0000 4000 4011 b861 c0a8 0001 c0a8 00c7")
	assert.Equal(t, uint16(0), Checksum(h))
	binary.BigEndian.PutUint16(h[10:], 0)
	assert.Equal(t, uint16(0xb861), Checksum(h))
}

func TestTCPPacketIsLinuxSYN(t *testing.T) {
	seg := &TCP{
		SrcPort: 40000, DstPort: 80, Seq: 1234, Flags: SYN, Window: 64240,
		Options: TCPOptions{MSS: 1460, SACKPermitted: true, HasTimestamps: true, TSVal: 1, HasWScale: true, WScale: 7},
	}
	b := TCPPacket(clientAddr, serverAddr, 0x1c46, seg)
	want := unhex(t, `
		4500 003c 1c46 4000 4006 0000 0a00 0001 0a00 0002
		9c40 0050 0000 04d2 0000 0000 a002 faf0 0000 0000
		0204 05b4 0402 080a 0000 0001 0000 0000 0103 0307`)
	require.Len(t, b, len(want))
	// Checksums are checked independently below; compare everything else.
	got := append([]byte(nil), b...)
	binary.BigEndian.PutUint16(got[10:], 0)
	binary.BigEndian.PutUint16(got[36:], 0)
	assert.Equal(t, want, got)

	assert.Equal(t, uint64(0), onesSum(b[:20])%0xffff, "ip header sums to 0xffff")
	pseudo := []byte{10, 0, 0, 1, 10, 0, 0, 2, 0, ProtoTCP, 0, byte(len(b) - 20)}
	assert.Equal(t, uint64(0), onesSum(pseudo, b[20:]), "tcp segment with pseudo-header sums to 0xffff")
}

func TestTCPOptionLayouts(t *testing.T) {
	tests := []struct {
		name string
		opts TCPOptions
		want string
	}{
		{"SYN without timestamps",
			TCPOptions{MSS: 1460, SACKPermitted: true, HasWScale: true, WScale: 7},
			"020405b4 01010402 01030307"},
		{"timestamps only",
			TCPOptions{HasTimestamps: true, TSVal: 0x01020304, TSEcr: 0x05060708},
			"0101080a 01020304 05060708"},
		{"timestamps and SACK",
			TCPOptions{HasTimestamps: true, TSVal: 9, TSEcr: 8, SACK: []SACKBlock{{100, 200}, {300, 400}}},
			"0101080a 00000009 00000008 01010512 00000064 000000c8 0000012c 00000190"},
		{"SACK without timestamps, four blocks",
			TCPOptions{SACK: []SACKBlock{{1, 2}, {3, 4}, {5, 6}, {7, 8}}},
			"01010522 00000001 00000002 00000003 00000004 00000005 00000006 00000007 00000008"},
		{"MSS only", TCPOptions{MSS: 536}, "02040218"},
		{"none", TCPOptions{}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, unhex(t, tt.want), tt.opts.appendOptions([]byte{}))
		})
	}
}

func TestSACKBlocksLimitedToOptionSpace(t *testing.T) {
	blocks := []SACKBlock{{1, 2}, {3, 4}, {5, 6}, {7, 8}}
	withTS := TCPOptions{HasTimestamps: true, SACK: blocks}
	b := withTS.appendOptions(nil)
	assert.Len(t, b, 40)
	opts, p := decodeOptions(b)
	require.Nil(t, p)
	assert.Equal(t, blocks[:3], opts.SACK, "with timestamps three blocks fit, as in Linux")

	// MSS and timestamps leave room for three blocks only when packed.
	packed := TCPOptions{MSS: 1460, HasTimestamps: true, SACK: blocks}
	b = packed.appendOptions(nil)
	assert.LessOrEqual(t, len(b), 40)
	opts, p = decodeOptions(b)
	require.Nil(t, p)
	assert.Equal(t, blocks[:3], opts.SACK)
	assert.Equal(t, uint16(1460), opts.MSS)
}

func TestRoundTrips(t *testing.T) {
	packets := []*Packet{
		{IP: IPv4{ID: 7, DF: true, TTL: 64, Src: clientAddr, Dst: serverAddr}, TCP: &TCP{
			SrcPort: 40000, DstPort: 80, Seq: 0xfffffff0, Ack: 77, Flags: PSH | ACK, Window: 502,
			Options: TCPOptions{HasTimestamps: true, TSVal: 5, TSEcr: 4, SACK: []SACKBlock{{10, 20}}},
			Payload: []byte("GET / HTTP/1.1\r\n\r\n"),
		}},
		{IP: IPv4{ID: 1, TTL: 64, TOS: 0x10, Src: serverAddr, Dst: clientAddr, Options: []byte{1, 1, 1, 0}}, TCP: &TCP{
			SrcPort: 80, DstPort: 40000, Flags: RST | ACK | URG | ECE | CWR | FIN, Urgent: 3,
			Options: TCPOptions{MSS: 1460, SACKPermitted: true, HasWScale: true, WScale: 14},
			Payload: []byte{1, 2, 3},
		}},
		{IP: IPv4{ID: 2, DF: true, TTL: 64, Src: clientAddr, Dst: serverAddr}, UDP: &UDP{SrcPort: 5000, DstPort: 9999, Payload: []byte("hello")}},
		{IP: IPv4{ID: 3, TTL: 1, Src: clientAddr, Dst: serverAddr}, UDP: &UDP{SrcPort: 1, DstPort: 2}},
		{IP: IPv4{ID: 4, TTL: 64, Src: serverAddr, Dst: clientAddr}, ICMP: &ICMP{Type: ICMPEchoRequest, Rest: 0x00010002, Payload: []byte("ping")}},
		{IP: IPv4{ID: 5, TTL: 64, Protocol: 47, Src: serverAddr, Dst: clientAddr}, Payload: []byte{0, 0, 8, 0}},
	}
	for _, p := range packets {
		b := p.Encode()
		got, err := Decode(b)
		require.NoError(t, err)
		assert.Equal(t, comparable(p), comparable(got))
		assert.Equal(t, b, got.Encode(), "re-encoding is byte-identical")
	}
}

// comparable clears what Encode computes, so a packet built by hand can be
// compared with its decoded bytes.
func comparable(p *Packet) Packet {
	c := *p
	c.IP.TotalLen, c.IP.Checksum = 0, 0
	switch {
	case c.TCP != nil:
		seg := *c.TCP
		seg.Checksum = 0
		seg.Payload = clone(seg.Payload)
		c.TCP = &seg
		c.IP.Protocol = ProtoTCP
	case c.UDP != nil:
		u := *c.UDP
		u.Checksum, u.Length = 0, 0
		u.Payload = clone(u.Payload)
		c.UDP = &u
		c.IP.Protocol = ProtoUDP
	case c.ICMP != nil:
		m := *c.ICMP
		m.Checksum = 0
		m.Payload = clone(m.Payload)
		c.ICMP = &m
		c.IP.Protocol = ProtoICMP
	}
	c.IP.Options = clone(c.IP.Options)
	c.Payload = clone(c.Payload)
	return c
}

func TestUDPChecksumZeroGoesOutAsAllOnes(t *testing.T) {
	// Search for a payload whose checksum computes to zero.
	for i := 0; i < 1<<16; i++ {
		payload := binary.BigEndian.AppendUint16(nil, uint16(i))
		b := UDPPacket(clientAddr, serverAddr, 0, 1000, 2000, payload)
		if binary.BigEndian.Uint16(b[26:]) == 0xffff {
			_, err := Decode(b)
			require.NoError(t, err)
			return
		}
		require.NotZero(t, binary.BigEndian.Uint16(b[26:]))
	}
	t.Fatal("no payload gave a zero checksum")
}

func TestUDPWithoutChecksumIsAccepted(t *testing.T) {
	b := UDPPacket(clientAddr, serverAddr, 0, 1000, 2000, []byte("x"))
	binary.BigEndian.PutUint16(b[26:], 0)
	p, err := Decode(b)
	require.NoError(t, err)
	assert.Equal(t, []byte("x"), p.UDP.Payload)
}

func TestPortUnreachable(t *testing.T) {
	offending := UDPPacket(clientAddr, serverAddr, 9, 5000, 9999, []byte("hello"))
	b := PortUnreachable(offending, serverAddr, 42)
	p, err := Decode(b)
	require.NoError(t, err)
	assert.Equal(t, serverAddr, p.IP.Src)
	assert.Equal(t, clientAddr, p.IP.Dst)
	assert.Equal(t, uint8(64), p.IP.TTL)
	assert.Equal(t, uint8(0xc0), p.IP.TOS)
	assert.False(t, p.IP.DF)
	assert.Equal(t, uint16(42), p.IP.ID)
	require.NotNil(t, p.ICMP)
	assert.Equal(t, ICMPDestUnreachable, p.ICMP.Type)
	assert.Equal(t, ICMPCodePortUnreachable, p.ICMP.Code)
	assert.Equal(t, offending[:28], p.ICMP.Payload, "IP header and first 8 bytes")
	assert.Len(t, b, 20+8+28)

	ip, sport, dport, ok := p.ICMP.QuotedPacket()
	require.True(t, ok)
	assert.Equal(t, ProtoUDP, ip.Protocol)
	assert.Equal(t, serverAddr, ip.Dst)
	assert.Equal(t, uint16(5000), sport)
	assert.Equal(t, uint16(9999), dport)

	assert.Nil(t, PortUnreachable(offending[:19], serverAddr, 1), "nothing to quote")
	assert.Nil(t, PortUnreachable(b, clientAddr, 1), "no ICMP error about an ICMP error")
}

func TestEncodeNeverPanicsOnOddInput(t *testing.T) {
	huge := make([]byte, 70000)
	odd := []*Packet{
		{},
		{TCP: &TCP{Payload: huge}},
		{UDP: &UDP{Payload: huge}},
		{ICMP: &ICMP{Payload: huge}},
		{Payload: huge},
		{IP: IPv4{Options: make([]byte, 45)}, TCP: &TCP{
			Options: TCPOptions{MSS: 1, SACKPermitted: true, HasTimestamps: true, HasWScale: true, SACK: make([]SACKBlock, 10)}}},
	}
	for _, p := range odd {
		b := p.Encode()
		assert.LessOrEqual(t, len(b), 0xffff)
		_, err := Decode(b)
		assert.NoError(t, err)
	}
}

// sum16 eight bytes at a time agrees with the word-by-word sum of RFC
// 1071 for every length and alignment, all-zero and all-ones data too.
func TestSum16MatchesWordByWord(t *testing.T) {
	slow := func(acc uint32, b []byte) uint16 {
		for len(b) >= 2 {
			acc += uint32(b[0])<<8 | uint32(b[1])
			b = b[2:]
		}
		if len(b) == 1 {
			acc += uint32(b[0]) << 8
		}
		return fold(acc)
	}
	data := make([]byte, 300)
	for i := range data {
		data[i] = byte(i*37 + i>>3)
	}
	for _, fill := range [][]byte{data, make([]byte, 300), bytes.Repeat([]byte{0xff}, 300)} {
		for start := range 9 {
			for end := start; end <= len(fill); end += 7 {
				for _, acc := range []uint32{0, 1, 0xfffe, 0x1fffe} {
					if got, want := fold(sum16(acc, fill[start:end])), slow(acc, fill[start:end]); got != want {
						t.Fatalf("bytes [%d:%d] from %#x: %#04x, want %#04x", start, end, acc, got, want)
					}
				}
			}
		}
	}
}
