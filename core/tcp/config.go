package tcp

import "time"

// Config holds every knob of a connection. DefaultConfig gives Linux's
// defaults; setsockopt may change fields of a live connection through
// Conn.Config (NoDelay, keepalive, LingerZero, buffer sizes, UserTimeout).
type Config struct {
	// MSS is the maximum segment size announced in our SYN: the MTU (1500)
	// minus the IPv4 and TCP headers (RFC 9293 3.7.1). The size we send
	// is the smaller of both sides' MSS, less the 12 bytes the timestamp
	// option takes when it is in use (Linux's mss_cache: 1448).
	MSS int

	// WindowScaling offers the window scale option (RFC 7323 section 2)
	// with shift WindowScale (Linux picks 7 for its default tcp_rmem).
	WindowScaling bool
	WindowScale   uint8

	// SACK offers SACK-permitted (RFC 2018); Timestamps offers the
	// timestamp option (RFC 7323 section 3). Both on in Linux.
	SACK       bool
	Timestamps bool

	// NoDelay is TCP_NODELAY: turns the Nagle algorithm off.
	NoDelay bool

	// DelayedACK delays the ACK of in-order data outside Linux's
	// quick-ACK mode, by DelayedACKTimeout (Linux's TCP_ATO_MIN, 40 ms) or
	// more as the arrival gaps say, acknowledging at least every second
	// full-sized segment (RFC 5681 section 4.2; see delack.go).
	DelayedACK        bool
	DelayedACKTimeout time.Duration

	// Retransmission timeout bounds (RFC 6298; Linux TCP_TIMEOUT_INIT,
	// TCP_RTO_MIN, TCP_RTO_MAX).
	RTOInitial time.Duration
	RTOMin     time.Duration
	RTOMax     time.Duration

	// SYNRetries is tcp_syn_retries: SYN retransmissions before connect
	// fails with ETIMEDOUT. SYNACKRetries is tcp_synack_retries.
	SYNRetries    int
	SYNACKRetries int

	// Retries2 is tcp_retries2: how long data may go unacknowledged,
	// expressed as Linux does, as the time 15 backed-off retransmissions
	// starting from RTOMin would take (924.6 s). UserTimeout
	// (TCP_USER_TIMEOUT), when non-zero, replaces that bound.
	Retries2    int
	UserTimeout time.Duration

	// TimeWait is how long TIME-WAIT lasts: 2·MSL, Linux's
	// TCP_TIMEWAIT_LEN of 60 s. FinWait2Timeout is tcp_fin_timeout, the
	// life of an orphaned (closed) connection in FIN-WAIT-2.
	TimeWait        time.Duration
	FinWait2Timeout time.Duration

	// RecvBuffer and SendBuffer are the buffer sizes in bytes (Linux's
	// tcp_rmem[1] and tcp_wmem[1]). The window we advertise grows from
	// 64240 towards the free receive space (window.go).
	RecvBuffer int
	SendBuffer int

	// KeepAlive is SO_KEEPALIVE: after KeepIdle without receiving
	// anything, probe every KeepInterval; KeepCount unanswered probes
	// end the connection with ETIMEDOUT.
	KeepAlive    bool
	KeepIdle     time.Duration
	KeepInterval time.Duration
	KeepCount    int

	// LingerZero is SO_LINGER {on, 0}: close aborts with a RST.
	LingerZero bool

	// PersistMin is the shortest zero-window probe interval; probes back
	// off exponentially up to RTOMax.
	PersistMin time.Duration

	// InitialCwnd is the initial congestion window in segments (RFC 6928).
	InitialCwnd int

	// Congestion is the congestion control algorithm (TCP_CONGESTION):
	// CongestionCubic, Linux's default, or CongestionReno.
	Congestion string
}

// DefaultConfig returns Linux's defaults.
func DefaultConfig() Config {
	return Config{
		MSS:               1460,
		WindowScaling:     true,
		WindowScale:       7,
		SACK:              true,
		Timestamps:        true,
		DelayedACK:        true,
		DelayedACKTimeout: 40 * time.Millisecond,
		RTOInitial:        time.Second,
		RTOMin:            200 * time.Millisecond,
		RTOMax:            120 * time.Second,
		SYNRetries:        6,
		SYNACKRetries:     5,
		Retries2:          15,
		TimeWait:          60 * time.Second,
		FinWait2Timeout:   60 * time.Second,
		RecvBuffer:        131072,
		SendBuffer:        16384,
		KeepIdle:          7200 * time.Second,
		KeepInterval:      75 * time.Second,
		KeepCount:         9,
		PersistMin:        200 * time.Millisecond,
		InitialCwnd:       10,
		Congestion:        CongestionCubic,
	}
}

// Limits that keep arbitrary Config values from breaking the arithmetic.
const (
	minMSS     = 48 // Linux's TCP_MIN_SND_MSS
	maxMSS     = 65495
	minBuffer  = 1
	maxBuffer  = 1 << 30
	maxWScale  = 14 // RFC 7323 section 2.3
	minTimeout = time.Millisecond
)

func clampInt(v, lo, hi int) int {
	if v < lo {
		return lo
	}
	if v > hi {
		return hi
	}
	return v
}

func atLeast(d, lo time.Duration) time.Duration {
	if d < lo {
		return lo
	}
	return d
}

func (c *Conn) recvBufferSize() int { return clampInt(c.cfg.RecvBuffer, minBuffer, maxBuffer) }
func (c *Conn) sendBufferSize() int { return clampInt(c.cfg.SendBuffer, minBuffer, maxBuffer) }
func (c *Conn) rtoMin() time.Duration {
	return atLeast(c.cfg.RTOMin, minTimeout)
}
func (c *Conn) rtoMax() time.Duration { return atLeast(c.cfg.RTOMax, c.rtoMin()) }
