package tcp

import (
	"strconv"

	"github.com/sockplay/sockplay/core/trace"
)

// Cause says why a segment was sent: the ground truth a learner (and a
// display filter, a grader, an expert list) asks of every packet, which a
// capture alone can only guess at.
type Cause uint8

const (
	CauseNone Cause = iota
	// First transmissions.
	CauseSYN    // our SYN
	CauseSYNACK // our SYN,ACK
	CauseData   // new data (maybe with a FIN)
	CauseFIN    // a FIN carrying no data
	// Retransmissions.
	CauseRetransmitTimeout  // the retransmission timer expired (RFC 6298 5.4), go-back-N after it
	CauseRetransmitFast     // fast retransmit on entering recovery (RFC 5681 3.2, RFC 8985 RACK)
	CauseRetransmitRecovery // another lost segment resent during fast recovery (RFC 6937 PRR)
	CauseRetransmitReply    // our SYN,ACK again, answering a retransmitted SYN
	// Probes.
	CauseZeroWindowProbe // the peer's window is zero: a probe it must answer (RFC 9293 3.8.6.1)
	CauseWindowProbe     // the persist timer sent data into a window too small to fill
	CauseKeepalive       // keep-alive probe (RFC 1122 4.2.3.6)
	// Segments without data or sequence space.
	CauseACK          // an ACK owed at once
	CauseDelayedACK   // the delayed-ACK timer sent the ACK (RFC 5681 4.2)
	CauseDupACK       // out-of-order, duplicate or out-of-window data: RCV.NXT again (RFC 5681 4.2)
	CauseWindowUpdate // the application read and the window opened
	CauseChallengeACK // RFC 5961's answer to a suspicious RST, SYN or ACK
	CauseReset        // a RST
)

// causeNames are the words the trace, filters and goals use.
var causeNames = [...]string{
	CauseNone:               "",
	CauseSYN:                "syn",
	CauseSYNACK:             "syn-ack",
	CauseData:               "data",
	CauseFIN:                "fin",
	CauseRetransmitTimeout:  "retransmit-timeout",
	CauseRetransmitFast:     "retransmit-fast",
	CauseRetransmitRecovery: "retransmit-recovery",
	CauseRetransmitReply:    "retransmit-reply",
	CauseZeroWindowProbe:    "zero-window-probe",
	CauseWindowProbe:        "window-probe",
	CauseKeepalive:          "keepalive",
	CauseACK:                "ack",
	CauseDelayedACK:         "delayed-ack",
	CauseDupACK:             "dup-ack",
	CauseWindowUpdate:       "window-update",
	CauseChallengeACK:       "challenge-ack",
	CauseReset:              "reset",
}

func (c Cause) String() string {
	if int(c) < len(causeNames) {
		return causeNames[c]
	}
	return "cause(" + strconv.Itoa(int(c)) + ")"
}

// Retransmission reports the causes that resend sequence space.
func (c Cause) Retransmission() bool {
	return c >= CauseRetransmitTimeout && c <= CauseRetransmitReply
}

// owe makes an ACK due at once for the given reason. When several reasons
// come together the more telling one is kept: a duplicate ACK says more
// than an ordinary one.
func (c *Conn) owe(why Cause) {
	c.ackNow = true
	if c.ackCause == CauseNone || ackRank(why) > ackRank(c.ackCause) {
		c.ackCause = why
	}
}

func ackRank(c Cause) int {
	switch c {
	case CauseDupACK, CauseChallengeACK:
		return 3
	case CauseWindowUpdate:
		return 2
	case CauseACK:
		return 1
	}
	return 0
}

// Causes are the causes of the segments the last Output returned, in the
// same order.
func (c *Conn) Causes() []Cause { return c.lastCauses }

// States are the sender's congestion states as each segment the last
// Output returned left, in the same order.
func (c *Conn) States() []trace.TCPState { return c.lastStates }
