package peerbench

import (
	"errors"
	"math/rand/v2"
	"sync"

	"gvisor.dev/gvisor/pkg/tcpip"
	"gvisor.dev/gvisor/pkg/tcpip/adapters/gonet"
	"gvisor.dev/gvisor/pkg/tcpip/link/pipe"
	"gvisor.dev/gvisor/pkg/tcpip/network/ipv4"
	"gvisor.dev/gvisor/pkg/tcpip/stack"
	"gvisor.dev/gvisor/pkg/tcpip/transport/tcp"
)

const nicID = 1

var (
	gvisorClientAddr = tcpip.AddrFrom4([4]byte{10, 0, 0, 1})
	gvisorServerAddr = tcpip.AddrFrom4([4]byte{10, 0, 0, 2})
)

// gvisorPair is two gVisor stacks, client and server, on the two ends
// of a pipe link, on the real clock with gVisor's own goroutines.
type gvisorPair struct {
	client, server *stack.Stack
}

func newGvisorPair(seed uint64, loss float64) (*gvisorPair, error) {
	a, b := pipe.New("\x02\x00\x00\x00\x00\x01", "\x02\x00\x00\x00\x00\x02", 1500)
	var linkA, linkB stack.LinkEndpoint = a, b
	if loss > 0 {
		linkA, linkB = newLossyLink(a, seed, loss), newLossyLink(b, seed+1, loss)
	}
	client, err := newGvisorStack(linkA, gvisorClientAddr)
	if err != nil {
		return nil, err
	}
	server, err := newGvisorStack(linkB, gvisorServerAddr)
	if err != nil {
		client.Destroy()
		return nil, err
	}
	return &gvisorPair{client: client, server: server}, nil
}

func (p *gvisorPair) close() {
	p.client.Destroy()
	p.server.Destroy()
}

// newGvisorStack is one IPv4 + TCP stack with the settings both stacks
// share: SACK, Reno, TCP_NODELAY, Buffer-byte buffers, no receive buffer
// auto-tuning (sockplay has none). Timestamps are on by default.
func newGvisorStack(link stack.LinkEndpoint, addr tcpip.Address) (*stack.Stack, error) {
	s := stack.New(stack.Options{
		NetworkProtocols:   []stack.NetworkProtocolFactory{ipv4.NewProtocol},
		TransportProtocols: []stack.TransportProtocolFactory{tcp.NewProtocol},
	})
	sack := tcpip.TCPSACKEnabled(true)
	reno := tcpip.CongestionControlOption("reno")
	noDelay := tcpip.TCPDelayEnabled(false)
	moderate := tcpip.TCPModerateReceiveBufferOption(false)
	send := tcpip.TCPSendBufferSizeRangeOption{Min: 4096, Default: Buffer, Max: Buffer}
	recv := tcpip.TCPReceiveBufferSizeRangeOption{Min: 4096, Default: Buffer, Max: Buffer}
	for _, opt := range []tcpip.SettableTransportProtocolOption{&sack, &reno, &noDelay, &moderate, &send, &recv} {
		if err := s.SetTransportProtocolOption(tcp.ProtocolNumber, opt); err != nil {
			s.Destroy()
			return nil, errors.New("gvisor: transport option: " + err.String())
		}
	}
	if err := s.CreateNIC(nicID, link); err != nil {
		s.Destroy()
		return nil, errors.New("gvisor: create NIC: " + err.String())
	}
	pa := tcpip.ProtocolAddress{Protocol: ipv4.ProtocolNumber, AddressWithPrefix: tcpip.AddressWithPrefix{Address: addr, PrefixLen: 24}}
	if err := s.AddProtocolAddress(nicID, pa, stack.AddressProperties{}); err != nil {
		s.Destroy()
		return nil, errors.New("gvisor: add address: " + err.String())
	}
	s.SetRouteTable([]tcpip.Route{{Destination: pa.AddressWithPrefix.Subnet(), NIC: nicID}})
	return s, nil
}

func (p *gvisorPair) listen() (*gonet.TCPListener, error) {
	return gonet.ListenTCP(p.server, tcpip.FullAddress{NIC: nicID, Port: port}, ipv4.ProtocolNumber)
}

func (p *gvisorPair) dial() (*gonet.TCPConn, error) {
	return gonet.DialTCP(p.client, tcpip.FullAddress{NIC: nicID, Addr: gvisorServerAddr, Port: port}, ipv4.ProtocolNumber)
}

// lossyLink drops each outgoing packet with probability loss, from a
// seeded source (shared by gVisor's goroutines, hence the lock).
type lossyLink struct {
	*pipe.Endpoint
	mu   sync.Mutex
	rng  *rand.Rand
	loss float64
}

func newLossyLink(e *pipe.Endpoint, seed uint64, loss float64) *lossyLink {
	return &lossyLink{Endpoint: e, rng: rand.New(rand.NewPCG(seed, 0x6c6f7373)), loss: loss}
}

// WritePackets implements stack.LinkEndpoint: the survivors go on.
func (l *lossyLink) WritePackets(pkts stack.PacketBufferList) (int, tcpip.Error) {
	var keep stack.PacketBufferList
	l.mu.Lock()
	for _, pkt := range pkts.AsSlice() {
		if l.rng.Float64() >= l.loss {
			keep.PushBack(pkt.IncRef())
		}
	}
	l.mu.Unlock()
	n := pkts.Len()
	if keep.Len() > 0 {
		l.Endpoint.WritePackets(keep)
	}
	keep.Reset()
	return n, nil
}
