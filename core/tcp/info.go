package tcp

import "time"

// CAState is Linux's icsk_ca_state, as getsockopt(TCP_INFO) reports it.
type CAState uint8

const (
	CAOpen     CAState = 0 // TCP_CA_Open
	CADisorder CAState = 1 // TCP_CA_Disorder: duplicate ACKs or SACKs, no loss declared yet
	CARecovery CAState = 3 // TCP_CA_Recovery: fast recovery
	CALoss     CAState = 4 // TCP_CA_Loss: after a retransmission timeout
)

// TCPI_OPT_* bits of tcpi_options.
const (
	InfoOptTimestamps = 1
	InfoOptSACK       = 2
	InfoOptWScale     = 4
)

// linuxInfiniteSsthresh is TCP_INFINITE_SSTHRESH, what Linux reports
// before the first loss.
const linuxInfiniteSsthresh = 0x7fffffff

// dupThresh is Linux's tcp_reordering default (and RFC 6675's DupThresh);
// the engine does not detect reordering, so it never grows.
const dupThresh = 3

// Info is the part of Linux's struct tcp_info (getsockopt TCP_INFO) the
// engine models, in Linux's units: segments for windows and counts,
// microseconds for RTT and RTO, milliseconds for last_data_recv.
type Info struct {
	State        uint8 // Linux's TCP_ESTABLISHED (1) … TCP_CLOSING (11)
	CAState      CAState
	Options      uint8
	Backoff      int // icsk_backoff
	Probes       int // zero-window probes unanswered
	RTO          int64
	SndMSS       int
	RcvMSS       int
	Unacked      int // packets_out: segments sent and not acknowledged
	Sacked       int // sacked_out
	Lost         int // lost_out: segments below SACKed data RFC 6675 deems lost, or all after a timeout
	LastDataRecv int64
	RTT, RTTVar  int64
	SndSsthresh  uint32
	SndCwnd      uint32
	AdvMSS       int
	Reordering   int
	TotalRetrans int
	BytesRecv    uint64 // bytes_received: data bytes acknowledged to the peer
}

// linuxStates maps the engine's states to Linux's sk_state numbers.
var linuxStates = [...]uint8{Closed: 7, Listen: 10, SynSent: 2, SynReceived: 3, Established: 1,
	FinWait1: 4, FinWait2: 5, CloseWait: 8, Closing: 11, LastAck: 9, TimeWait: 6}

// Info reports the connection as Linux's tcp_get_info would at now.
func (c *Conn) Info(now time.Duration) Info {
	mss := uint32(max(c.sndMSS, 1))
	in := Info{
		State: linuxStates[c.state], Backoff: c.backoff, Probes: c.persistN,
		RTO: int64(c.rtt.rto / time.Microsecond), SndMSS: c.sndMSS, RcvMSS: c.rcvMSS(),
		RTT: int64(c.rtt.srtt / time.Microsecond), RTTVar: int64(c.rtt.rttvar / time.Microsecond),
		SndSsthresh: linuxInfiniteSsthresh, SndCwnd: c.cwnd / mss, AdvMSS: c.advMSS(),
		Reordering: dupThresh, TotalRetrans: c.retransmits,
	}
	if c.ssthresh < linuxInfiniteSsthresh {
		in.SndSsthresh = c.ssthresh / mss
	}
	if c.tsOK {
		in.Options |= InfoOptTimestamps
	}
	if c.sackOK {
		in.Options |= InfoOptSACK
	}
	if c.wscaleOK {
		in.Options |= InfoOptWScale
	}
	if c.state.synchronized() {
		in.LastDataRecv = int64((now - c.ack.lastRecv) / time.Millisecond)
	}
	if c.synSeen && seqGT(c.rcvNxt, c.irs+1) {
		in.BytesRecv = uint64(c.rcvNxt - c.irs - 1)
		if c.finReceived {
			in.BytesRecv--
		}
	}
	sc := c.score()
	in.Unacked, in.Sacked, in.Lost = sc.out, sc.sacked, sc.lost
	in.CAState = c.ca
	return in
}
