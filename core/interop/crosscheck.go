package interop

import (
	"bytes"
	"fmt"

	"github.com/sockplay/sockplay/core/inet"
	"github.com/sockplay/sockplay/core/wire"
	"gvisor.dev/gvisor/pkg/tcpip/checksum"
	"gvisor.dev/gvisor/pkg/tcpip/header"
)

// CrossCheck decodes packet with sockplay's strict wire.Decode and with
// gVisor's header parsers, and reports the first field where they disagree.
// Two independent decoders agreeing on every packet one of the stacks sent
// is evidence both are right.
func CrossCheck(packet []byte) error {
	ours, err := wire.Decode(packet)
	if err != nil {
		return fmt.Errorf("wire.Decode: %w", err)
	}
	ip := header.IPv4(packet)
	if !ip.IsValid(len(packet)) {
		return fmt.Errorf("gVisor finds the IPv4 header invalid; wire.Decode accepted it")
	}
	if ip.CalculateChecksum() != 0xffff {
		return fmt.Errorf("IPv4 header checksum is wrong; wire.Decode accepted it")
	}
	src, dst := ip.SourceAddress().As4(), ip.DestinationAddress().As4()
	if err := firstMismatch(
		field{"IP src", ours.IP.Src, inet.AddrFrom4(src)},
		field{"IP dst", ours.IP.Dst, inet.AddrFrom4(dst)},
		field{"IP TTL", ours.IP.TTL, ip.TTL()},
		field{"IP ID", ours.IP.ID, ip.ID()},
		field{"IP DF", ours.IP.DF, ip.Flags()&header.IPv4FlagDontFragment != 0},
		field{"IP protocol", ours.IP.Protocol, ip.Protocol()},
		field{"IP total length", ours.IP.TotalLen, ip.TotalLength()},
	); err != nil {
		return err
	}
	if ip.Protocol() != uint8(header.TCPProtocolNumber) {
		return nil
	}
	if ours.TCP == nil {
		return fmt.Errorf("wire.Decode found no TCP segment in a TCP packet")
	}
	seg := header.TCP(ip.Payload())
	payloadSum := checksum.Checksum(seg.Payload(), 0)
	if !seg.IsChecksumValid(ip.SourceAddress(), ip.DestinationAddress(), payloadSum, uint16(len(seg.Payload()))) {
		return fmt.Errorf("TCP checksum is wrong; wire.Decode accepted it")
	}
	return checkTCP(ours.TCP, seg)
}

func checkTCP(ours *wire.TCP, seg header.TCP) error {
	if err := firstMismatch(
		field{"TCP src port", ours.SrcPort, seg.SourcePort()},
		field{"TCP dst port", ours.DstPort, seg.DestinationPort()},
		field{"TCP seq", ours.Seq, seg.SequenceNumber()},
		field{"TCP ack", ours.Ack, seg.AckNumber()},
		field{"TCP flags", uint8(ours.Flags), uint8(seg.Flags())},
		field{"TCP window", ours.Window, seg.WindowSize()},
		field{"TCP urgent", ours.Urgent, seg.UrgentPointer()},
	); err != nil {
		return err
	}
	if !bytes.Equal(ours.Payload, seg.Payload()) {
		return fmt.Errorf("TCP payload differs: ours %d bytes, gVisor %d", len(ours.Payload), len(seg.Payload()))
	}
	return checkOptions(ours.Options, seg)
}

func checkOptions(ours wire.TCPOptions, seg header.TCP) error {
	theirs := header.ParseTCPOptions(seg.Options())
	var blocks []wire.SACKBlock
	for _, b := range theirs.SACKBlocks {
		blocks = append(blocks, wire.SACKBlock{Left: uint32(b.Start), Right: uint32(b.End)})
	}
	checks := []field{
		{"timestamps present", ours.HasTimestamps, theirs.TS},
		{"TSval", ours.TSVal, theirs.TSVal},
		{"TSecr", ours.TSEcr, theirs.TSEcr},
		{"SACK blocks", fmt.Sprint(ours.SACK), fmt.Sprint(blocks)},
	}
	if seg.Flags()&header.TCPFlagSyn != 0 {
		syn := header.ParseSynOptions(seg.Options(), seg.Flags()&header.TCPFlagAck != 0)
		mss := uint16(header.TCPDefaultMSS) // gVisor reports the default when absent
		if ours.MSS != 0 {
			mss = ours.MSS
		}
		wscale := -1
		if ours.HasWScale {
			wscale = int(ours.WScale)
		}
		checks = append(checks,
			field{"MSS", mss, syn.MSS},
			field{"window scale", wscale, syn.WS},
			field{"SACK permitted", ours.SACKPermitted, syn.SACKPermitted},
		)
	}
	return firstMismatch(checks...)
}

type field struct {
	name        string
	ours, their any
}

func firstMismatch(fields ...field) error {
	for _, f := range fields {
		if f.ours != f.their {
			return fmt.Errorf("%s: wire.Decode says %v, gVisor says %v", f.name, f.ours, f.their)
		}
	}
	return nil
}
