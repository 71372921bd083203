package session

import (
	"github.com/sockplay/sockplay/core/inet"
	"github.com/sockplay/sockplay/core/stack"
	"github.com/sockplay/sockplay/core/trace"
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
	log := s.st.w.Log()
	for i := range log.Len() {
		ev := log.At(i)
		if ev.Packet == id && len(ev.Bytes) > 0 && (ev.Kind == trace.Send || ev.Kind == trace.Dup) {
			scale := func(p *wire.Packet) (uint8, bool) { return windowShift(log, i, p) }
			return inspectPacket(id, s.st.summary(id, ev.Bytes), ev.Label, s.currentBytes(id, ev.Bytes), scale), true
		}
	}
	return PacketView{}, false
}

// currentBytes are a packet's bytes as they are now: a corrupted packet
// still in flight shows its flipped byte.
func (s *Session) currentBytes(id int, sent []byte) []byte {
	for _, f := range s.st.w.InFlight() {
		if f.ID == id {
			return f.Bytes
		}
	}
	log := s.st.w.Log()
	for i := log.Len() - 1; i >= 0; i-- {
		ev := log.At(i)
		if ev.Packet == id && (ev.Kind == trace.Deliver || ev.Kind == trace.Drop) && len(ev.Bytes) > 0 {
			return ev.Bytes
		}
	}
	return sent
}
