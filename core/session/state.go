package session

import (
	"github.com/sockplay/sockplay/core/inet"
	"github.com/sockplay/sockplay/core/netsim"
	"github.com/sockplay/sockplay/core/stack"
	"github.com/sockplay/sockplay/core/wire"
)

// State is a snapshot of hosts, sockets and packets in flight: what the
// page's panels draw and what graders check.
func (s *Session) State() State {
	e := s.st
	st := State{Now: e.w.Now(), Seed: e.seed, Auto: e.auto, Lines: s.applied, Total: len(s.lines)}
	for _, h := range e.w.Hosts() {
		hs := HostState{Name: h.Name(), Addr: h.Addr().String(), Dropped: h.Dropped(), Names: map[string]int{}, Down: h.Down()}
		hs.ListenOverflows, hs.ListenDrops = h.ListenCounters()
		if bits := h.PrefixBits(); bits > 0 {
			hs.Network = stack.NthAddr(h.Addr(), -1).String() + "/" + itoa(bits)
		}
		for k, v := range e.vars[h.Name()] {
			hs.Names[k] = v
		}
		if p := h.Pending(); p != nil {
			text := p.Op
			if bc, ok := e.blocked[p.Call]; ok {
				text = bc.text
			}
			hs.Pending = &Pending{Call: p.Call, Line: p.Line, Text: text, On: p.On}
		}
		for _, si := range h.Sockets() {
			hs.Sockets = append(hs.Sockets, socketState(si))
		}
		st.Hosts = append(st.Hosts, hs)
	}
	link := netsim.DefaultLink()
	if hosts := e.w.Hosts(); len(hosts) >= 2 {
		link = e.w.Link(hosts[0].Name(), hosts[1].Name())
	}
	st.Link = LinkState{Latency: link.Latency, Loss: formatPercent(link.Loss)}
	for _, f := range e.w.InFlight() {
		st.InFlight = append(st.InFlight, Flight{ID: f.ID, From: f.From, To: f.To, SentAt: f.SentAt, ArriveAt: f.ArriveAt,
			Summary: e.summary(f.ID, f.Bytes), Label: f.Label})
	}
	return st
}

func socketState(si stack.SocketInfo) SocketState {
	ss := SocketState{FD: si.FD, Proto: si.Proto.String(), Local: addrText(si.Local), Remote: addrText(si.Remote),
		State: si.State, SSState: si.SSState, RecvQ: si.RecvQ, SendQ: si.SendQ, Listener: si.Listener}
	if si.State == "LISTEN" {
		ss.Queues = &ListenQueues{SynQ: si.SynQ, SynMax: si.SynMax, AcceptQ: si.AcceptQ, AcceptMax: si.AcceptMax}
	}
	if si.Last != nil {
		ss.Last = &Transition{From: si.Last.From, To: si.Last.To, Reason: si.Last.Reason, Time: si.Last.Time}
	}
	if v := si.Vars; v != nil {
		tv := &TCPVars{ISS: v.ISS, IRS: v.IRS, SndUna: v.SndUna, SndNxt: v.SndNxt, SndWnd: v.SndWnd, RcvNxt: v.RcvNxt,
			RcvWnd: v.RcvWnd, Cwnd: v.Cwnd, Ssthresh: v.Ssthresh, MSS: v.MSS, SRTT: v.SRTT, RTO: v.RTO,
			SendBuf: v.SendBuffer, Unacked: v.SendBuffered - v.SendUnsent, Unsent: v.SendUnsent,
			RecvBuf: v.RecvBuffer, Readable: v.RecvBuffered}
		for _, r := range v.OutOfOrder {
			tv.OutOfOrder = append(tv.OutOfOrder, [2]uint32{r.Seq, r.Seq + uint32(r.Len)})
		}
		ss.TCP = tv
	}
	return ss
}

func addrText(a inet.AddrPort) string {
	if !a.IsValid() {
		return "*:*"
	}
	return a.String()
}

// Tcpdump is the capture of one host ("" for the wire) as tcpdump -nn
// prints it; absolute asks for absolute sequence numbers (-S).
func (s *Session) Tcpdump(host string, absolute bool) string {
	return wire.Dump(s.capture(host), absolute)
}

// Pcap is the capture of one host ("" for the wire) as a pcap file.
func (s *Session) Pcap(host string) []byte {
	b, _ := wire.EncodePcap(s.capture(host)) // captured times and sizes fit the format
	return b
}

func (s *Session) capture(host string) []wire.Record {
	if host == "" {
		return s.st.w.WireCapture()
	}
	if h := s.st.w.Host(host); h != nil {
		return h.Capture()
	}
	return nil
}

// Packet decodes packet id for the inspector.
func (s *Session) Packet(id int) (PacketView, bool) {
	e := s.st
	i, ok := e.packets.sent(id)
	if !ok {
		return PacketView{}, false
	}
	log := e.w.Log()
	ev := log.At(i)
	scale := func(p *wire.Packet) (uint8, bool) { return windowShift(log, e.packets.syns, i, p) }
	return inspectPacket(id, e.summary(id, ev.Bytes), ev.Label, s.currentBytes(id, ev.Bytes), scale), true
}

// currentBytes are a packet's bytes as they are now: a corrupted packet
// still in flight shows its flipped byte.
func (s *Session) currentBytes(id int, sent []byte) []byte {
	if f, ok := s.st.w.Flying(id); ok {
		return f.Bytes
	}
	if i, ok := s.st.packets.arrived(id); ok {
		return s.st.w.Log().At(i).Bytes
	}
	return sent
}
