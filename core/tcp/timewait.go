package tcp

import "github.com/sockplay/sockplay/core/wire"

// AcceptsSYN reports whether seg, arriving for this connection in
// TIME-WAIT, is a new connection's SYN that Linux lets a listener take
// (tcp_timewait_state_process: a SYN without ACK beyond RCV.NXT, or with a
// newer timestamp, and not rejected by PAWS). The caller then drops this
// connection (Abort sends nothing in TIME-WAIT) and gives seg to the
// listener, using iss, Linux's choice of SND.NXT + 65537, as the new ISS.
// Input itself follows RFC 9293 and answers such a SYN with an ACK.
func (c *Conn) AcceptsSYN(seg *wire.TCP) (iss uint32, ok bool) {
	if c.state != TimeWait || seg == nil || seg.Flags&(wire.SYN|wire.ACK|wire.RST) != wire.SYN {
		return 0, false
	}
	ts := c.tsOK && seg.Options.HasTimestamps
	if ts && seqLT(seg.Options.TSVal, c.tsRecent) {
		return 0, false // PAWS
	}
	if !seqGT(seg.Seq, c.rcvNxt) && !(ts && seqGT(seg.Options.TSVal, c.tsRecent)) {
		return 0, false
	}
	iss = c.sndNxt + 65535 + 2
	if iss == 0 {
		iss = 1
	}
	return iss, true
}
