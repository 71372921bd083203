// Package tcp is one TCP connection's protocol machine (RFC 9293), pure and
// event-driven: segments and user calls go in, segments come out of
// Output, time is passed in and timers are data (Deadline/Advance).
// What happens when a segment arrives in each state is in input.go,
// which follows RFC 9293 section 3.10.7 step by step.
package tcp

import (
	"time"

	"github.com/sockplay/sockplay/core/errno"
	"github.com/sockplay/sockplay/core/inet"
	"github.com/sockplay/sockplay/core/wire"

	"github.com/sockplay/sockplay/core/trace"
)

// Endpoint is one end of a connection.
type Endpoint struct {
	Addr inet.Addr
	Port uint16
}

// Init holds what the caller draws from the session's seeded randomness.
type Init struct {
	ISS      uint32 // initial send sequence number
	TSOffset uint32 // added to the millisecond clock in TSval (RFC 7323 section 5.4)
}

// Conn is one TCP connection.
type Conn struct {
	cfg           Config
	local, remote Endpoint
	state         State
	passive       bool // opened from a listener's SYN
	err           errno.Errno
	errReported   bool // Send/Recv/TakeErr returned err once (Linux sock_error clears sk_err)

	// Send sequence space (RFC 9293 3.3.1): ISS is the SYN, then the
	// bytes of sndBuf from sndBufSeq, then the FIN when finQueued.
	iss       uint32
	sndUna    uint32
	sndNxt    uint32 // RFC SND.NXT: one past the highest sequence number sent
	sndPos    uint32 // where the next transmission starts; before sndNxt while resending after a timeout
	sndWnd    uint32 // the peer's window, scaled
	maxSndWnd uint32
	sndWL1    uint32
	sndWL2    uint32
	sndBuf    byteQueue
	sndBufSeq uint32
	finQueued bool
	writeShut bool
	sndSml    uint32 // end of the last segment shorter than the MSS (Linux's Minshall Nagle)
	flight    []sentSegment
	sacked    []seqRange // SACK scoreboard: peer has these, above sndUna

	// Loss recovery and congestion control (recovery.go, cc.go).
	cwnd         uint32 // bytes: segments × MSS
	ssthresh     uint32
	cc           congestionControl
	dupAcks      int
	ca           CAState // Linux's icsk_ca_state
	recover      uint32  // the recovery point (Linux's high_seq)
	priorCwnd    uint32  // cwnd when recovery began (PRR's RecoverFS)
	prrDelivered int
	prrOut       int
	rack         rackState
	cwndUse      cwndUse
	xmits        uint64 // segments (re)transmitted: their order for RACK
	reordSeen    bool
	synCause     Cause // why our SYN or SYN,ACK goes again, when not by timeout
	synRetrans   bool  // the SYN or SYN-ACK was retransmitted (RFC 5681 3.1: initial window one segment)
	rtt          rttEstimator
	backoff      int // consecutive retransmission timeouts
	retries      int // of which count towards giving up: not zero-window probes (Linux icsk_retransmits)
	retransmits  int // segments retransmitted over the connection's life
	persistN     int // zero-window probes since the last ACK (Linux icsk_probes_out)
	persistBack  int // persist backoff: probes since the window closed (Linux icsk_backoff)
	keepaliveN   int // keepalive probes since the last segment received
	keepIdleSet  time.Duration
	lastRecv     time.Duration

	// Receive sequence space.
	synSeen     bool // IRS is known
	irs         uint32
	rcvNxt      uint32
	rcvEdge     uint32    // right edge of the window last advertised
	rcvWndAdv   uint32    // the window last advertised (Linux's rcv_wnd)
	rcvSsthresh uint32    // what the window may grow to for now (Linux's rcv_ssthresh)
	rcvBuf      byteQueue // in order, not yet read
	ooo         []oooSegment
	oooFIN      bool
	oooFINSeq   uint32
	sackRecent  []uint32 // starts of recently received out-of-order segments, newest first
	finReceived bool
	eofRead     bool // Recv returned end of stream (Linux then counts the FIN as read)
	readShut    bool
	closed      bool // the user called Close: nobody reads any more
	lastAckSent uint32
	ackNow      bool
	ackCause    Cause      // why the ACK owed is owed
	ack         delayedAck // when to acknowledge (delack.go)

	// Negotiated options.
	sndMSS        int
	offeredWScale bool
	offeredSACK   bool
	offeredTS     bool
	wscaleOK      bool
	sndWScale     uint8
	rcvWScale     uint8
	sackOK        bool
	tsOK          bool
	tsOffset      uint32
	tsRecent      uint32

	timers     [numTimers]timerSlot
	out        []*wire.TCP
	outCauses  []Cause // beside out
	lastCauses []Cause // of the segments the last Output returned
	outStates  []trace.TCPState
	lastStates []trace.TCPState // the sender's state as each of them left
	events     []Event
}

// sentSegment is one segment in flight, from the previous one's end (or
// SND.UNA) to end: when it was first sent (the RTT sample, Karn: not if
// retransmitted, and the give-up clock), when last sent (RACK), and its
// place on the scoreboard (Linux's TCPCB_SACKED_ACKED, TCPCB_LOST,
// TCPCB_SACKED_RETRANS).
type sentSegment struct {
	end           uint32
	at, xmit      time.Duration
	order         uint64 // transmissions on the connection before this one's last
	retransmitted bool
	sacked        bool
	lost          bool
	rtxOut        bool // retransmitted, and that copy still in flight
}

// defaultMSS applies when the peer sends no MSS option (RFC 9293 3.7.1).
const defaultMSS = 536

func newConn(cfg Config, local, remote Endpoint, init Init, now time.Duration) *Conn {
	c := &Conn{
		cfg: cfg, local: local, remote: remote,
		iss: init.ISS, sndUna: init.ISS, sndNxt: init.ISS, sndPos: init.ISS,
		sndBufSeq: init.ISS + 1, sndSml: init.ISS, recover: init.ISS,
		tsOffset: init.TSOffset, lastRecv: now,
		ssthresh: 1 << 30,
		sndMSS:   clampInt(min(cfg.MSS, defaultMSS), minMSS, maxMSS),
	}
	c.rtt.rto = clampDuration(cfg.RTOInitial, c.rtoMin(), c.rtoMax())
	c.rcvSsthresh = c.initialWindow()
	c.offeredWScale, c.offeredSACK, c.offeredTS = cfg.WindowScaling, cfg.SACK, cfg.Timestamps
	if c.offeredWScale {
		c.rcvWScale = min(cfg.WindowScale, maxWScale)
	}
	return c
}

// NewActive is an active OPEN (connect): the SYN is queued and the
// connection is in SYN-SENT.
func NewActive(cfg Config, local, remote Endpoint, init Init, now time.Duration) *Conn {
	c := newConn(cfg, local, remote, init, now)
	c.setState(now, SynSent, "connect(): send SYN")
	return c
}

// NewPassive creates the connection a listener makes for syn (which
// ListenInput accepted): SYN-RECEIVED with the SYN-ACK queued. Data and
// FIN on the SYN are not accepted (Linux without TCP Fast Open).
func NewPassive(cfg Config, local, remote Endpoint, init Init, syn *wire.TCP, now time.Duration) *Conn {
	c := newConn(cfg, local, remote, init, now)
	c.passive = true
	c.state = Listen
	if syn == nil {
		c.setState(now, Closed, "no SYN")
		return c
	}
	c.receiveSYN(syn)
	c.sndWnd = uint32(syn.Window) // never scaled in a SYN (RFC 7323 2.2)
	c.maxSndWnd = c.sndWnd
	c.sndWL1, c.sndWL2 = syn.Seq, c.iss
	c.setState(now, SynReceived, "rcvd SYN: send SYN,ACK")
	return c
}

// receiveSYN records the peer's SYN: IRS and the options (RFC 9293
// 3.10.7.3, RFC 7323, RFC 2018).
func (c *Conn) receiveSYN(syn *wire.TCP) {
	c.synSeen = true
	c.irs = syn.Seq
	c.rcvNxt = syn.Seq + 1
	c.rcvEdge = c.rcvNxt + c.rcvWndAdv // what our SYN offered, if we sent one
	c.lastAckSent = c.rcvNxt
	o := syn.Options
	peerMSS := defaultMSS
	if o.MSS != 0 {
		peerMSS = int(o.MSS)
	}
	c.wscaleOK = c.offeredWScale && o.HasWScale
	if c.wscaleOK {
		c.sndWScale = min(o.WScale, maxWScale)
	} else {
		c.rcvWScale = 0
	}
	c.sackOK = c.offeredSACK && o.SACKPermitted
	c.tsOK = c.offeredTS && o.HasTimestamps
	if c.tsOK {
		c.tsRecent = o.TSVal
	}
	mss := min(peerMSS, c.cfg.MSS)
	if c.tsOK {
		mss -= tsOptionLen
	}
	c.sndMSS = clampInt(mss, minMSS, maxMSS)
}

// tsOptionLen is the room the timestamp option takes in every segment
// (10 bytes plus 2 NOPs of padding).
const tsOptionLen = 12

// tsNow is TSval: the millisecond clock plus the connection's offset.
func (c *Conn) tsNow(now time.Duration) uint32 {
	return uint32(now/time.Millisecond) + c.tsOffset
}

// State is the current state.
func (c *Conn) State() State { return c.state }

// Err is the error that ended the connection (ECONNREFUSED, ECONNRESET,
// EPIPE, ETIMEDOUT), or OK. It stays set.
func (c *Conn) Err() errno.Errno { return c.err }

// TakeErr returns the error once, as SO_ERROR does on Linux; afterwards
// Send reports EPIPE and Recv end of stream.
func (c *Conn) TakeErr() errno.Errno {
	if c.err == errno.OK || c.errReported {
		return errno.OK
	}
	c.errReported = true
	return c.err
}

// Config is the live configuration; setsockopt changes it in place.
func (c *Conn) Config() *Config { return &c.cfg }

// Local is our end.
func (c *Conn) Local() Endpoint { return c.local }

// Remote is the peer's end.
func (c *Conn) Remote() Endpoint { return c.remote }

// Passive reports whether a listener created the connection.
func (c *Conn) Passive() bool { return c.passive }

// PeerClosed reports that the peer's FIN has arrived (POLLRDHUP).
func (c *Conn) PeerClosed() bool { return c.finReceived }

// enterClosed ends the connection, recording err if it is the first.
func (c *Conn) enterClosed(now time.Duration, err errno.Errno, reason string) {
	c.setState(now, Closed, reason)
	c.cancelAll(now)
	if err != errno.OK && c.err == errno.OK {
		c.err = err
	}
	c.sndBuf.Reset()
	c.flight, c.sacked, c.ooo, c.sackRecent = nil, nil, nil, nil
	c.oooFIN = false
	c.ackNow, c.ackCause = false, CauseNone
}

// enterTimeWait starts the 2·MSL wait; nothing else runs in TIME-WAIT.
func (c *Conn) enterTimeWait(now time.Duration, reason string) {
	c.setState(now, TimeWait, reason)
	c.cancelAll(now)
	c.arm(now, TimerTimeWait, now+atLeast(c.cfg.TimeWait, minTimeout))
}
