package stack

import (
	"errors"
	"strconv"
	"time"

	"github.com/sockplay/sockplay/core/inet"
	"github.com/sockplay/sockplay/core/netsim"
	"github.com/sockplay/sockplay/core/trace"
)

// External is an address served outside the world, by another TCP
// implementation under test say. Packets the world's hosts send to it stay
// on the wire like any others (links, loss, trace, captures) and on arrival
// go to its deliver function; what it sends enters the wire through Send.
// The network names it by its address ("10.0.0.3"), as it does any address
// no host owns; SetAllLinks covers its links, External.SetLink sets one.
//
// Only External.AdvanceTo hands packets over: Step, Run and Wait know
// nothing of externals and drop packets for them as for any unknown address.
type External struct {
	w       *World
	node    *Host // outside w.hosts: only its transmit path is used
	deliver func(now time.Duration, packet []byte)
}

// AddExternal serves addr outside the world: deliver gets every packet
// that arrives for it, with the arrival time.
func (w *World) AddExternal(addr inet.Addr, deliver func(now time.Duration, packet []byte)) (*External, error) {
	if !addr.IsValid() || addr.IsUnspecified() || addr.IsLoopback() || addr.IsMulticast() {
		return nil, errors.New(addr.String() + " is not a usable IPv4 host address")
	}
	if h := w.HostByAddr(addr); h != nil {
		return nil, errors.New("address " + addr.String() + " already belongs to " + h.name)
	}
	if deliver == nil {
		return nil, errors.New("external " + addr.String() + " needs a deliver function")
	}
	return &External{w: w, node: newHost(w, addr.String(), addr), deliver: deliver}, nil
}

// Send puts an IPv4 packet from the external address on the wire now,
// towards the host its destination address names. The receiving host
// decodes it strictly, as any packet.
func (x *External) Send(packet []byte) error {
	if len(packet) < 20 || packet[0]>>4 != 4 {
		return errors.New("not an IPv4 packet (" + strconv.Itoa(len(packet)) + " bytes)")
	}
	if src := inet.AddrFrom4([4]byte(packet[12:16])); src != x.node.addr {
		return errors.New("packet from " + src.String() + ", not from external " + x.node.addr.String())
	}
	x.node.transmit(inet.AddrFrom4([4]byte(packet[16:20])), packet, "", "", nil)
	return nil
}

// SetLink sets both directions between host and the external.
func (x *External) SetLink(host string, l netsim.Link) error {
	if x.w.Host(host) == nil {
		return errors.New("no link " + host + "<>" + x.node.name + ": unknown host")
	}
	if err := x.w.net.SetLink(host, x.node.name, l); err != nil {
		return err
	}
	return x.w.net.SetLink(x.node.name, host, l)
}

// NextEvent is when the world next has something to do: a packet arrives
// (for a host or the external) or a timer fires.
func (x *External) NextEvent() (time.Duration, bool) {
	_, at, ok := x.w.nextEvent()
	return at, ok
}

// AdvanceTo processes every event due by t in order, as Wait does, handing
// packets for the external to deliver, then moves the clock to t.
func (x *External) AdvanceTo(t time.Duration) error {
	w := x.w
	for range maxEventsPerCall {
		packet, at, ok := w.nextEvent()
		if !ok || at > t {
			if t > w.Now() {
				_ = w.net.AdvanceTo(t)
			}
			return nil
		}
		if next, _ := w.net.Next(); packet && next.To == x.node.name {
			x.deliverNext(at)
			continue
		}
		w.process(packet, at)
	}
	return errors.New("stopped after " + strconv.Itoa(maxEventsPerCall) + " events at " + w.Now().String() + " before reaching " + t.String())
}

// deliverNext takes the earliest packet, which is for the external, off
// the wire at its arrival time at and hands it over.
func (x *External) deliverNext(at time.Duration) {
	w := x.w
	_ = w.net.AdvanceTo(max(at, w.Now()))
	p, ok := w.net.PopDue()
	if !ok {
		return
	}
	label := w.labels[p.ID]
	delete(w.labels, p.ID)
	w.event(trace.Event{Kind: trace.Deliver, Host: x.node.name, Packet: p.ID, From: p.From, To: p.To,
		Bytes: p.Bytes, Label: label})
	x.deliver(w.Now(), p.Bytes)
}
