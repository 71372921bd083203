package tcp

import "time"

// Range is a span of sequence space: Len bytes from Seq.
type Range struct {
	Seq uint32
	Len int
}

// Vars is a snapshot of the connection's variables (RFC 9293 3.3.1 and
// the congestion control and RTT state) for pages and graders to show.
type Vars struct {
	State State

	ISS, IRS       uint32
	SndUna, SndNxt uint32
	SndWnd         uint32 // scaled
	SndWL1, SndWL2 uint32
	RcvNxt, RcvWnd uint32
	RcvSsthresh    uint32 // what the advertised window may grow to for now (ss -i rcv_ssthresh)

	Cwnd, Ssthresh uint32
	InRecovery     bool
	DupAcks        int
	SRTT, RTTVar   time.Duration
	RTO            time.Duration
	Backoff        int // consecutive retransmission timeouts
	Retransmits    int // segments retransmitted in total

	MSS                  int // effective send MSS
	SndWScale, RcvWScale uint8
	WScaleOK, SACKOK     bool
	TimestampsOK         bool
	TSRecent             uint32

	SendBuffered int     // bytes written, not yet acknowledged (unsent included)
	SendUnsent   int     // of which not yet sent
	SendBuffer   int     // capacity
	SACKed       []Range // send side: what the peer reported holding above SND.UNA
	RecvBuffered int     // in-order bytes not yet read
	RecvBuffer   int     // capacity
	OutOfOrder   []Range // received beyond RCV.NXT, waiting for a hole to fill
}

// Vars returns the current variables.
func (c *Conn) Vars() Vars {
	v := Vars{
		State: c.state, ISS: c.iss, IRS: c.irs,
		SndUna: c.sndUna, SndNxt: c.sndNxt, SndWnd: c.sndWnd, SndWL1: c.sndWL1, SndWL2: c.sndWL2,
		RcvNxt: c.rcvNxt, RcvWnd: c.rcvWnd(), RcvSsthresh: c.rcvSsthresh,
		Cwnd: c.cwnd, Ssthresh: c.ssthresh, InRecovery: c.ca == CARecovery, DupAcks: c.dupAcks,
		SRTT: c.rtt.srtt, RTTVar: c.rtt.rttvar, RTO: c.rtt.rto, Backoff: c.backoff, Retransmits: c.retransmits,
		MSS: c.sndMSS, SndWScale: c.sndWScale, RcvWScale: c.rcvWScale,
		WScaleOK: c.wscaleOK, SACKOK: c.sackOK, TimestampsOK: c.tsOK, TSRecent: c.tsRecent,
		SendBuffered: c.sndBuf.Len(), SendBuffer: c.sendBufferSize(),
		RecvBuffered: c.rcvBuf.Len(), RecvBuffer: c.recvBufferSize(),
	}
	if seqLT(c.sndPos, c.finSeq()) {
		v.SendUnsent = int(c.finSeq() - seqMax(c.sndPos, c.sndBufSeq))
	}
	for _, r := range c.sacked {
		v.SACKed = append(v.SACKed, Range{Seq: r.Left, Len: int(r.size())})
	}
	for _, s := range c.ooo {
		v.OutOfOrder = append(v.OutOfOrder, Range{Seq: s.seq, Len: len(s.data)})
	}
	return v
}
