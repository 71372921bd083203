package wire

import (
	"encoding/binary"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func synPacket() []byte {
	return TCPPacket(clientAddr, serverAddr, 1, &TCP{
		SrcPort: 40000, DstPort: 80, Seq: 1234, Flags: SYN, Window: 64240,
		Options: TCPOptions{MSS: 1460, SACKPermitted: true, HasTimestamps: true, TSVal: 1, HasWScale: true, WScale: 7},
	})
}

// fixIPChecksum recomputes the header checksum after a test edits it.
func fixIPChecksum(b []byte) []byte {
	hlen := int(b[0]&0x0f) * 4
	binary.BigEndian.PutUint16(b[10:], 0)
	binary.BigEndian.PutUint16(b[10:], Checksum(b[:hlen]))
	return b
}

// fixTCPChecksum recomputes the TCP checksum of a packet with a 20-byte IP
// header after a test edits the segment.
func fixTCPChecksum(b []byte) []byte {
	binary.BigEndian.PutUint16(b[36:], 0)
	binary.BigEndian.PutUint16(b[36:], transportChecksum(clientAddr, serverAddr, ProtoTCP, b[20:]))
	return b
}

func TestDecodeErrors(t *testing.T) {
	udp := func() []byte { return UDPPacket(clientAddr, serverAddr, 1, 5000, 9999, []byte("hello")) }
	icmp := func() []byte { return PortUnreachable(udp(), serverAddr, 2) }
	tests := []struct {
		name   string
		bytes  []byte
		reason Reason
	}{
		{"empty", nil, TruncatedIP},
		{"19 bytes", synPacket()[:19], TruncatedIP},
		{"IPv6", func() []byte { b := synPacket(); b[0] = 0x65; return b }(), BadIPVersion},
		{"IHL 4", func() []byte { b := synPacket(); b[0] = 0x44; return b }(), BadIPHeaderLength},
		{"IHL past end", func() []byte { b := synPacket()[:40]; b[0] = 0x4f; return b }(), BadIPHeaderLength},
		{"IP checksum", func() []byte { b := synPacket(); b[8]--; return b }(), BadIPChecksum},
		{"total length short of header", func() []byte { b := synPacket(); b[3] = 19; return fixIPChecksum(b) }(), BadIPTotalLength},
		{"total length past end", func() []byte { b := synPacket(); b[3]++; return fixIPChecksum(b) }(), BadIPTotalLength},
		{"fragment", func() []byte { b := synPacket(); b[6] |= 0x20; return fixIPChecksum(b) }(), IPFragment},
		{"TCP header cut", func() []byte { b := synPacket()[:39]; b[3] = 39; return fixIPChecksum(b) }(), TruncatedTCP},
		{"TCP data offset 4", func() []byte { b := synPacket(); b[32] = 0x40; return fixTCPChecksum(b) }(), BadTCPDataOffset},
		{"TCP data offset past end", func() []byte { b := synPacket(); b[32] = 0xf0; return fixTCPChecksum(b) }(), BadTCPDataOffset},
		{"TCP checksum", func() []byte { b := synPacket(); b[len(b)-1] ^= 1; return b }(), BadTCPChecksum},
		{"MSS length 3", func() []byte { b := synPacket(); b[41] = 3; return fixTCPChecksum(b) }(), BadOptionLength},
		{"option length 1", func() []byte { b := synPacket(); b[41] = 1; return fixTCPChecksum(b) }(), BadOptionLength},
		{"option past end", func() []byte { b := synPacket(); b[58] = 9; return fixTCPChecksum(b) }(), BadOptionLength},
		{"option without length", func() []byte { b := synPacket(); b[56], b[57], b[58], b[59] = 1, 1, 1, 3; return fixTCPChecksum(b) }(), BadOptionLength},
		{"SACK length 11", func() []byte {
			b := TCPPacket(clientAddr, serverAddr, 1, &TCP{Flags: ACK, Options: TCPOptions{SACK: []SACKBlock{{1, 2}}}})
			b[43] = 11
			return fixTCPChecksum(b)
		}(), BadOptionLength},
		{"UDP header cut", func() []byte { b := udp()[:27]; b[3] = 27; return fixIPChecksum(b) }(), TruncatedUDP},
		{"UDP length 7", func() []byte { b := udp(); b[25] = 7; return b }(), BadUDPLength},
		{"UDP length past end", func() []byte { b := udp(); b[25] = 14; return b }(), BadUDPLength},
		{"UDP checksum", func() []byte { b := udp(); b[len(b)-1] ^= 0x80; return b }(), BadUDPChecksum},
		{"ICMP header cut", func() []byte { b := icmp()[:27]; b[3] = 27; return fixIPChecksum(b) }(), TruncatedICMP},
		{"ICMP checksum", func() []byte { b := icmp(); b[len(b)-1]++; return b }(), BadICMPChecksum},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Decode(tt.bytes)
			assert.Nil(t, p)
			require.Error(t, err)
			assert.True(t, errors.Is(err, Problem{Reason: tt.reason}), "got %v, want %s", err, tt.reason)
			var prob Problem
			require.True(t, errors.As(err, &prob))
			assert.Equal(t, tt.reason, prob.Reason)
			assert.Contains(t, err.Error(), string(tt.reason))
		})
	}
}

func TestDecodeIgnoresLinkPaddingAndReservedBits(t *testing.T) {
	b := append(synPacket(), 0, 0, 0, 0)
	b[32] |= 0x0f // the reserved bits next to the data offset
	b = fixTCPChecksum(b[:60])
	b = append(b, 0xaa, 0xbb)
	p, err := Decode(b)
	require.NoError(t, err)
	assert.Equal(t, SYN, p.TCP.Flags)
	assert.Empty(t, p.TCP.Payload)
}

func TestInspectShowsCorruptedPacket(t *testing.T) {
	b := TCPPacket(clientAddr, serverAddr, 1, &TCP{SrcPort: 1, DstPort: 2, Flags: PSH | ACK, Payload: []byte("data")})
	b[len(b)-1] ^= 0xff
	p, problems := Inspect(b)
	require.NotNil(t, p)
	require.NotNil(t, p.TCP)
	assert.Equal(t, []byte("dat\x9e"), p.TCP.Payload)
	require.Len(t, problems, 1)
	assert.Equal(t, BadTCPChecksum, problems[0].Reason)
	assert.True(t, HasChecksumProblem(problems))
	want := binary.BigEndian.Uint16(TCPPacket(clientAddr, serverAddr, 1, &TCP{SrcPort: 1, DstPort: 2, Flags: PSH | ACK, Payload: []byte("dat\x9e")})[36:])
	assert.Contains(t, problems[0].Detail, "want 0x"+hex4(want))

	// A packet cut short still shows its header, with what is missing.
	cut := TCPPacket(clientAddr, serverAddr, 1, &TCP{Payload: make([]byte, 100)})[:80]
	p, problems = Inspect(cut)
	require.NotNil(t, p)
	require.NotNil(t, p.TCP)
	assert.Len(t, p.TCP.Payload, 40)
	assert.Equal(t, BadIPTotalLength, problems[0].Reason)
	assert.False(t, HasChecksumProblem(problems[:1]))

	p, problems = Inspect([]byte{0x45})
	assert.Nil(t, p)
	assert.Equal(t, TruncatedIP, problems[0].Reason)
}

func hex4(v uint16) string {
	const digits = "0123456789abcdef"
	return string([]byte{digits[v>>12], digits[v>>8&15], digits[v>>4&15], digits[v&15]})
}

func FuzzDecode(f *testing.F) {
	f.Add(synPacket())
	f.Add(UDPPacket(clientAddr, serverAddr, 1, 5000, 9999, []byte("hello")))
	f.Add(PortUnreachable(UDPPacket(clientAddr, serverAddr, 1, 5000, 9999, []byte("hello")), serverAddr, 2))
	f.Add(TCPPacket(serverAddr, clientAddr, 3, &TCP{Flags: ACK, Options: TCPOptions{HasTimestamps: true, SACK: []SACKBlock{{1, 2}, {3, 4}, {5, 6}}}, Payload: []byte("x")}))
	f.Add((&Packet{IP: IPv4{Protocol: 99, Options: []byte{7, 3, 4}}, Payload: []byte{1}}).Encode())
	f.Add([]byte{0x45, 0, 0, 20})
	f.Fuzz(func(t *testing.T, b []byte) {
		// Whatever Inspect salvages, with a transport header, encodes to a
		// valid packet: mutated input rarely has valid checksums, so this is
		// what exercises the round trip.
		if shown, _ := Inspect(b); shown != nil && (shown.TCP != nil || shown.UDP != nil || shown.ICMP != nil) {
			shown.IP.MF, shown.IP.FragOff = false, 0
			enc := shown.Encode()
			q, err := Decode(enc)
			require.NoError(t, err, "repaired packet decodes")
			assert.Equal(t, comparable(shown), comparable(q))
		}
		p, err := Decode(b)
		if err != nil {
			return
		}
		again := p.Encode()
		q, err := Decode(again)
		require.NoError(t, err, "re-encoded packet decodes")
		assert.Equal(t, comparable(p), comparable(q))
		assert.Equal(t, again, q.Encode(), "encoding is a fixed point")
	})
}
