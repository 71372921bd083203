package stack

import (
	"time"

	"github.com/sockplay/sockplay/core/inet"
	"github.com/sockplay/sockplay/core/tcp"
	"github.com/sockplay/sockplay/core/trace"
	"github.com/sockplay/sockplay/core/wire"
)

// SYN cookies (net.ipv4.tcp_syncookies; Linux's net/ipv4/syncookies.c):
// a listener answers a SYN with a SYN-ACK whose sequence number encodes
// the handshake and keeps nothing; the client's ACK, which acknowledges
// that number, brings the handshake back. Linux's hash is a keyed
// SipHash; the engine's is a keyed mix drawn from the seed, as its ISNs
// are: the numbers differ from the kernel's, what they carry does not.

// cookieMSS is Linux's msstab: the client's MSS, rounded down to one of
// these, is the low bits of the cookie.
var cookieMSS = [...]uint16{536, 1300, 1440, 1460}

const (
	cookieBits   = 24                // COOKIEBITS: the minute counter sits above them
	cookieMask   = 1<<cookieBits - 1 // COOKIEMASK
	cookiePeriod = time.Minute       // TCP_SYNCOOKIE_PERIOD
	cookieMaxAge = 2                 // MAX_SYNCOOKIE_AGE, in periods
	// tcp_synq_no_recent_overflow: cookies are checked only this long
	// after the listener last sent one (TCP_SYNCOOKIE_VALID).
	cookieValid = cookieMaxAge * cookiePeriod
	// cookie_init_timestamp: with timestamps the low bits of the
	// SYN-ACK's TSval carry the window scale and SACK, echoed back.
	tsOptBits   = 6
	tsOptWScale = 0xf // no window scale
	tsOptSACK   = 1 << 4
)

// cookieHash is the keyed hash of a connection's addresses and ports,
// count and which of the cookie's two hashes (cookie_hash).
func (h *Host) cookieHash(local, remote inet.AddrPort, count, which uint32) uint32 {
	if h.cookieKey == 0 {
		h.cookieKey = uint64(h.w.rng.Uint32())<<32 | uint64(h.w.rng.Uint32()) | 1
	}
	l, r := local.Addr().As4(), remote.Addr().As4()
	x := h.cookieKey ^ uint64(l[0])<<56 | uint64(l[1])<<48 | uint64(l[2])<<40 | uint64(l[3])<<32 |
		uint64(r[0])<<24 | uint64(r[1])<<16 | uint64(r[2])<<8 | uint64(r[3])
	x = mix64(x) ^ (uint64(local.Port())<<48 | uint64(remote.Port())<<32 | uint64(count)) ^ uint64(which)<<62
	return uint32(mix64(x) >> 32)
}

// mix64 is SplitMix64's finalizer: every input bit reaches every output bit.
func mix64(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	return x ^ x>>31
}

// cookieCount is tcp_cookie_time: minutes of the clock.
func cookieCount(now time.Duration) uint32 { return uint32(now / cookiePeriod) }

// makeCookie is secure_tcp_syn_cookie: the SYN-ACK's sequence number for
// a client's SYN of sequence number seq and MSS index mssIndex.
func (h *Host) makeCookie(local, remote inet.AddrPort, seq uint32, mssIndex int, now time.Duration) uint32 {
	count := cookieCount(now)
	return h.cookieHash(local, remote, 0, 0) + seq + count<<cookieBits +
		(h.cookieHash(local, remote, count, 1)+uint32(mssIndex))&cookieMask
}

// checkCookie is check_tcp_syn_cookie: the MSS index an ACK's cookie
// carries, or -1 when it is not a cookie of the last two minutes.
func (h *Host) checkCookie(local, remote inet.AddrPort, seg *wire.TCP, now time.Duration) int {
	count := cookieCount(now)
	c := seg.Ack - 1 - h.cookieHash(local, remote, 0, 0) - (seg.Seq - 1)
	diff := (count - c>>cookieBits) & (1<<(32-cookieBits) - 1)
	if diff >= cookieMaxAge {
		return -1
	}
	i := int((c - h.cookieHash(local, remote, count-diff, 1)) & cookieMask)
	if i >= len(cookieMSS) {
		return -1
	}
	return i
}

// sendCookie answers listener l's SYN with a SYN cookie and keeps
// nothing (tcp_conn_request with want_cookie).
func (h *Host) sendCookie(id int, l *socket, local, remote inet.AddrPort, seg *wire.TCP, why string) {
	now := h.w.Now()
	syn := *seg
	o := &syn.Options
	mssIndex := 0
	for i, m := range cookieMSS {
		if o.MSS >= m {
			mssIndex = i
		}
	}
	o.MSS = cookieMSS[mssIndex]
	if !o.HasTimestamps {
		// Without a timestamp to carry them, window scaling and SACK are lost.
		o.HasWScale, o.SACKPermitted = false, false
	}
	c := tcp.NewPassive(l.opts.tcpConfig(&h.tcpDefaults), endpoint(local), endpoint(remote),
		tcp.Init{ISS: h.makeCookie(local, remote, seg.Seq, mssIndex, now), TSOffset: h.cookieTSOffset(local, remote, o, now)}, &syn, now)
	h.cookiesSent++
	if !l.cookieSent || now > l.cookieAt+time.Second {
		l.cookieSent, l.cookieAt = true, now
	}
	h.event(trace.Event{Kind: trace.Note, Packet: id, FD: l.fd, Text: why + ": a SYN cookie answers, nothing is kept (tcp_syncookies)"})
	for _, out := range c.Output(now) {
		h.transmit(remote.Addr(), wire.TCPPacket(local.Addr(), remote.Addr(), 0, out), "", tcp.CauseSYNACK.String(), nil)
	}
}

// cookieTSOffset makes the SYN-ACK's clock end in the options the cookie
// cannot hold (cookie_init_timestamp): the window scale, or 0xf for none,
// and SACK; never later than the clock. The TSval adds the offset every
// connection between the two addresses has (secure_tcp_ts_off), which
// the ACK's TSecr loses again.
func (h *Host) cookieTSOffset(local, remote inet.AddrPort, o *wire.TCPOptions, now time.Duration) uint32 {
	base := h.tsOffset(local, remote)
	if !o.HasTimestamps {
		return base
	}
	opts := uint32(tsOptWScale)
	if o.HasWScale {
		opts = uint32(o.WScale)
	}
	if o.SACKPermitted {
		opts |= tsOptSACK
	}
	clock := uint32(now / time.Millisecond)
	coded := clock>>tsOptBits<<tsOptBits | opts
	if coded > clock {
		coded -= 1 << tsOptBits
	}
	return coded - clock + base
}

func (h *Host) tsOffset(local, remote inet.AddrPort) uint32 {
	return h.cookieHash(inet.AddrPortFrom(local.Addr(), 0), inet.AddrPortFrom(remote.Addr(), 0), ^uint32(0), 0)
}

// cookieACK handles an ACK that reaches listener l without a handshake
// (cookie_v4_check): when SYN cookies are on, l sent one lately and the
// ACK carries a valid one, the connection is rebuilt from it and joins
// the accept queue established, or is dropped when that queue is full.
// It reports whether it took the ACK; if not, the listener resets it.
func (h *Host) cookieACK(id int, l *socket, local, remote inet.AddrPort, seg *wire.TCP) bool {
	now := h.w.Now()
	if h.sysctl.synCookies == 0 || seg.Flags&(wire.SYN|wire.RST|wire.ACK) != wire.ACK ||
		!l.cookieSent || now > l.cookieAt+cookieValid {
		return false
	}
	mssIndex := h.checkCookie(local, remote, seg, now)
	if mssIndex < 0 {
		h.cookiesFailed++
		return false
	}
	h.cookiesRecv++
	if acceptQueueFull(l) {
		h.listenOverflows++
		h.listenDrops++
		h.event(trace.Event{Kind: trace.Drop, Packet: id, FD: l.fd,
			Text: "accept queue full: the ACK of a SYN cookie is dropped (Linux ListenOverflows)"})
		return true
	}
	syn := wire.TCP{SrcPort: seg.SrcPort, DstPort: seg.DstPort, Seq: seg.Seq - 1, Flags: wire.SYN, Window: seg.Window,
		Options: wire.TCPOptions{MSS: cookieMSS[mssIndex]}}
	if o := seg.Options; o.HasTimestamps {
		// cookie_timestamp_decode: the options come back in TSecr.
		opts := (o.TSEcr - h.tsOffset(local, remote)) & (1<<tsOptBits - 1)
		syn.Options.HasWScale, syn.Options.WScale = opts&tsOptWScale != tsOptWScale, uint8(opts&tsOptWScale)
		syn.Options.SACKPermitted = opts&tsOptSACK != 0
		syn.Options.HasTimestamps, syn.Options.TSVal = true, o.TSVal
	}
	c := tcp.NewPassive(l.opts.tcpConfig(&h.tcpDefaults), endpoint(local), endpoint(remote),
		tcp.Init{ISS: seg.Ack - 1, TSOffset: h.tsOffset(local, remote)}, &syn, now)
	c.Output(now) // the SYN-ACK the cookie stands for, sent already
	tc := h.addConn(c, seg.Ack-1, nil, l, l.opts.reuseAddr)
	for _, ev := range c.Events() {
		if ev.Kind == tcp.EventState {
			ev.Text = "ACK of a valid SYN cookie: the handshake is rebuilt from it"
		}
		h.connEvent(tc, ev)
	}
	l.synQueue = append(l.synQueue, tc)
	tc.c.Input(now, seg)
	h.sync(tc)
	h.promote(tc)
	return true
}
