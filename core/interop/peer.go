// Package interop checks sockplay's TCP against an independent one, gVisor's
// netstack, by exchanging raw IPv4 packets with it. A Peer is one gVisor
// stack on one address whose clock and packet flow are driven from outside,
// so a test decides when packets arrive and when time passes.
package interop

import (
	"fmt"
	"net/netip"
	"time"

	"gvisor.dev/gvisor/pkg/buffer"
	"gvisor.dev/gvisor/pkg/tcpip"
	"gvisor.dev/gvisor/pkg/tcpip/header"
	"gvisor.dev/gvisor/pkg/tcpip/link/channel"
	"gvisor.dev/gvisor/pkg/tcpip/network/ipv4"
	"gvisor.dev/gvisor/pkg/tcpip/stack"
	"gvisor.dev/gvisor/pkg/tcpip/transport/tcp"
)

const (
	nicID = 1
	// outboundCapacity bounds packets gVisor may emit between two
	// Outbound calls; the channel endpoint drops beyond it.
	outboundCapacity = 4096
	defaultMTU       = 1500
)

// PeerConfig says where a Peer lives.
type PeerConfig struct {
	Addr netip.Prefix // its address and subnet, e.g. 10.0.0.3/24
	Seed uint64       // feeds ISNs, ports and every other random choice
	MTU  uint32       // 0: 1500
}

// Peer is a gVisor netstack host with IPv4 and TCP (SACK on), a manual
// virtual clock and a channel link: packets leave through Outbound and
// arrive through Inject. Every method returns only once gVisor's own
// goroutines have finished the work it caused, so runs repeat exactly.
type Peer struct {
	addr  netip.Addr
	stack *stack.Stack
	link  *channel.Endpoint
	clock *virtualClock
}

// NewPeer starts a gVisor stack as cfg says.
func NewPeer(cfg PeerConfig) (*Peer, error) {
	if !cfg.Addr.Addr().Is4() {
		return nil, fmt.Errorf("interop: peer address %v is not IPv4", cfg.Addr)
	}
	mtu := cfg.MTU
	if mtu == 0 {
		mtu = defaultMTU
	}
	clock := newVirtualClock()
	s := stack.New(stack.Options{
		NetworkProtocols:   []stack.NetworkProtocolFactory{ipv4.NewProtocol},
		TransportProtocols: []stack.TransportProtocolFactory{tcp.NewProtocol},
		Clock:              clock,
		RandSource:         newSeededSource(cfg.Seed),
		SecureRNG:          newSeededReader(cfg.Seed),
	})
	p := &Peer{addr: cfg.Addr.Addr(), stack: s, link: channel.New(outboundCapacity, mtu, ""), clock: clock}
	if err := p.configure(cfg.Addr); err != nil {
		p.Close()
		return nil, err
	}
	return p, nil
}

func (p *Peer) configure(prefix netip.Prefix) error {
	sack := tcpip.TCPSACKEnabled(true)
	if err := p.stack.SetTransportProtocolOption(tcp.ProtocolNumber, &sack); err != nil {
		return fmt.Errorf("interop: enable SACK: %s", err)
	}
	if err := p.stack.CreateNIC(nicID, p.link); err != nil {
		return fmt.Errorf("interop: create NIC: %s", err)
	}
	addr := tcpip.AddrFrom4(prefix.Addr().As4())
	protoAddr := tcpip.ProtocolAddress{
		Protocol:          ipv4.ProtocolNumber,
		AddressWithPrefix: tcpip.AddressWithPrefix{Address: addr, PrefixLen: prefix.Bits()},
	}
	if err := p.stack.AddProtocolAddress(nicID, protoAddr, stack.AddressProperties{}); err != nil {
		return fmt.Errorf("interop: add address: %s", err)
	}
	p.stack.SetRouteTable([]tcpip.Route{{Destination: protoAddr.AddressWithPrefix.Subnet(), NIC: nicID}})
	return nil
}

// Addr is the peer's IPv4 address.
func (p *Peer) Addr() netip.Addr { return p.addr }

// Close tears the stack down and waits for its goroutines to end.
func (p *Peer) Close() {
	p.link.Close()
	p.stack.Destroy()
}

// Now is the peer's virtual time since it started.
func (p *Peer) Now() time.Duration { return p.clock.Elapsed() }

// NextDeadline is when the peer's earliest timer is due, if any is armed.
func (p *Peer) NextDeadline() (time.Duration, bool) { return p.clock.NextDeadline() }

// AdvanceTo moves the peer's clock to at, firing due timers on the way.
func (p *Peer) AdvanceTo(at time.Duration) {
	for {
		next, ok := p.clock.NextDeadline()
		if !ok || next > at {
			break
		}
		p.clock.AdvanceTo(next)
		p.settle()
	}
	p.clock.AdvanceTo(at)
	p.settle()
}

// Inject hands the peer one IPv4 packet as if it arrived on its link.
func (p *Peer) Inject(packet []byte) {
	pkt := stack.NewPacketBuffer(stack.PacketBufferOptions{
		Payload: buffer.MakeWithData(append([]byte(nil), packet...)),
	})
	p.link.InjectInbound(header.IPv4ProtocolNumber, pkt)
	pkt.DecRef()
	p.settle()
}

// Outbound takes every IPv4 packet the peer has emitted since the last call,
// in emission order.
func (p *Peer) Outbound() [][]byte {
	var out [][]byte
	for {
		pkt := p.link.Read()
		if pkt == nil {
			return out
		}
		out = append(out, pkt.ToView().AsSlice())
		pkt.DecRef()
	}
}

// settle waits until gVisor has no work in flight: due timers have run and
// its segment processors are idle. Pausing a processor waits for its queue
// to drain; a second round catches work one processor handed another, and
// the loop catches zero-delay timers armed meanwhile.
func (p *Peer) settle() {
	for {
		p.stack.Pause()
		p.stack.Resume()
		p.stack.Pause()
		p.stack.Resume()
		next, ok := p.clock.NextDeadline()
		if !ok || next > p.clock.Elapsed() {
			return
		}
		p.clock.AdvanceTo(p.clock.Elapsed())
	}
}

// Rejections count inbound packets gVisor refused as broken.
type Rejections struct {
	IPMalformed      uint64 // bad IPv4 header, length or header checksum
	IPBadDestination uint64
	TCPChecksum      uint64
	TCPMalformed     uint64
}

// Rejected reports the packets gVisor has refused as broken so far.
func (p *Peer) Rejected() Rejections {
	st := p.stack.Stats()
	return Rejections{
		IPMalformed:      st.IP.MalformedPacketsReceived.Value(),
		IPBadDestination: st.IP.InvalidDestinationAddressesReceived.Value(),
		TCPChecksum:      st.TCP.ChecksumErrors.Value(),
		TCPMalformed:     st.TCP.InvalidSegmentsReceived.Value(),
	}
}

// Counters are gVisor's TCP counters a test may want to check.
type Counters struct {
	SegmentsSent, Retransmits, ResetsSent, ResetsReceived uint64
}

// TCPCounters reports gVisor's TCP counters.
func (p *Peer) TCPCounters() Counters {
	st := p.stack.Stats().TCP
	return Counters{
		SegmentsSent:   st.SegmentsSent.Value(),
		Retransmits:    st.Retransmits.Value(),
		ResetsSent:     st.ResetsSent.Value(),
		ResetsReceived: st.ResetsReceived.Value(),
	}
}
