package pkt

import (
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/sockplay/sockplay/core/errno"
	"github.com/sockplay/sockplay/core/inet"
	"github.com/sockplay/sockplay/core/netsim"
	"github.com/sockplay/sockplay/core/stack"
	"github.com/sockplay/sockplay/core/tcp"
	"github.com/sockplay/sockplay/core/wire"
)

// Where packetdrill puts the stack under test and the scripted peer.
var (
	LocalAddr  = inet.AddrFrom4([4]byte{192, 168, 0, 1})
	RemoteAddr = inet.AddrFrom4([4]byte{192, 0, 2, 1})
)

// localHost names the stack under test in the world (and its ladder lane).
const localHost = "local"

// scriptPort is the port bind(..., ...) binds and connect(..., ...) reaches.
const scriptPort = 8080

// Defaults are the TCP sysctls of packetdrill's defaults.sh as the
// engine's knobs allow: tcp_rmem "4096 540000 15M" (window scale 8),
// tcp_wmem "4096 256K 4M", tcp_syn_retries and tcp_synack_retries 5.
func Defaults() tcp.Config {
	c := tcp.DefaultConfig()
	c.RecvBuffer = 540000
	c.WindowScale = 8
	c.SendBuffer = 262144
	c.SYNRetries = 5
	c.SYNACKRetries = 5
	return c
}

// sent is an outbound packet not yet matched by the script.
type sent struct {
	at    time.Duration
	bytes []byte
	id    int // the packet's number on the wire
}

// Run runs a parsed script against a fresh engine. It returns nil when
// every event happened as written, otherwise the first mismatch as an
// *Error in packetdrill's words. The world is returned in both cases, for
// its trace.
func Run(s *Script, seed uint64) (*stack.World, error) {
	return runWith(s, seed, Defaults())
}

// runWith runs the script with the stack's TCP defaults set to cfg.
func runWith(s *Script, seed uint64, cfg tcp.Config) (*stack.World, error) {
	r := &runner{s: s, w: stack.New(seed), fds: map[int64]int{}}
	h, err := r.w.AddHost(localHost, LocalAddr)
	if err != nil {
		return r.w, err
	}
	h.SetTCPDefaults(cfg)
	r.h = h
	r.x, err = r.w.AddExternal(RemoteAddr, func(now time.Duration, b []byte) {
		// The world logs the delivery just before handing it over.
		log := r.w.Log()
		r.out = append(r.out, sent{now, b, log.At(log.Len() - 1).Packet})
	})
	if err != nil {
		return r.w, err
	}
	if err := r.x.SetLink(localHost, netsim.Link{}); err != nil {
		return r.w, err
	}
	r.remotePort = uint16(40000 + seed%20000)
	for i := range s.Events {
		r.ev = &s.Events[i]
		r.w.SetLine(r.ev.Line)
		if err := r.event(); err != nil {
			return r.w, err
		}
	}
	if r.blocked != nil {
		r.ev = r.blocked.ev
		if err := r.finishBlocked(); err != nil {
			return r.w, err
		}
	}
	return r.w, nil
}

type runner struct {
	s  *Script
	w  *stack.World
	h  *stack.Host
	x  *stack.External
	ev *Event

	out  []sent
	last time.Duration // when the previous event happened

	fds        map[int64]int // script fd → engine fd
	localPort  uint16
	remotePort uint16
	iss        uint32 // the stack's ISN, from its SYN or SYN-ACK
	tsSent     uint32 // the last TS val the stack sent
	tsSeen     bool
	tsFirst    [2]uint32 // first outbound TS val: script's, actual
	tsFirstSet bool

	blocked   *blockedCall
	live      int // the live packet being checked, for errors
	underTest int // the engine fd of packetdrill's socket under test: the last socket or accept
}

type blockedCall struct {
	ev    *Event
	end   time.Duration
	start time.Duration
}

func (r *runner) fail(msg string) error {
	return &Error{File: r.s.File, Line: r.ev.Line, Msg: msg, Packet: r.live}
}

func secs(d time.Duration) string {
	us := int64(d / time.Microsecond)
	neg := us < 0
	if neg {
		us = -us
	}
	s := strconv.FormatInt(us/1e6, 10) + "." + strconv.FormatInt(1e6+us%1e6, 10)[1:]
	if neg {
		s = "-" + s
	}
	return s
}

// tolerance is packetdrill's: the larger of --tolerance_usecs and 12.5 %
// of the gap since the previous event.
func (r *runner) tolerance(at time.Duration) time.Duration {
	return max(r.s.Options.Tolerance, (at-r.last)/8)
}

// window is when the event is due: [lo, hi] before tolerance.
func (r *runner) window() (lo, hi time.Duration, any bool) {
	w := r.ev.When
	switch w.Kind {
	case Relative:
		return r.last + w.At, r.last + w.At, false
	case RelativeRange:
		return r.last + w.At, r.last + w.End, false
	case AbsoluteRange:
		return w.At, w.End, false
	case AnyTime:
		return r.w.Now(), r.w.Now(), true
	}
	return w.At, w.At, false
}

// advance moves the engine's clock to t, collecting what it sends and
// finishing a blocked call whose result comes.
func (r *runner) advance(t time.Duration) error {
	if t < r.w.Now() {
		t = r.w.Now()
	}
	if err := r.x.AdvanceTo(t); err != nil {
		return r.fail(err.Error())
	}
	return r.checkCompletions()
}

func (r *runner) event() error {
	lo, hi, any := r.window()
	ev := r.ev
	switch {
	case ev.Packet != nil && ev.Packet.Out:
		return r.outbound(ev.Packet, lo, hi, any)
	case ev.Packet != nil:
		if err := r.advance(lo); err != nil {
			return err
		}
		r.last = lo
		return r.inbound(ev.Packet)
	case ev.Call != nil:
		if err := r.advance(lo); err != nil {
			return err
		}
		if r.blocked != nil {
			cur := r.ev
			r.ev = r.blocked.ev
			if err := r.finishBlocked(); err != nil {
				return err
			}
			r.ev = cur
		}
		err := r.call(ev, lo) // a blocking end is relative to the previous event
		r.last = lo
		return err
	case ev.Code != nil:
		if err := r.advance(lo); err != nil {
			return err
		}
		r.last = lo
		return r.check(ev.Code)
	default:
		if err := r.advance(lo); err != nil {
			return err
		}
		r.last = lo
		return r.shell(ev.Shell)
	}
}

// shell accepts the commands that set packetdrill's defaults, which the
// runner sets anyway; any other command is refused.
func (r *runner) shell(cmd string) error {
	for _, line := range strings.Split(cmd, "\n") {
		f := strings.Fields(line)
		if len(f) == 0 {
			continue
		}
		switch {
		case strings.HasSuffix(f[0], "defaults.sh"), strings.HasPrefix(f[0], "/tmp/sysctl_restore_"):
		case strings.HasSuffix(f[0], "set_sysctls.py") && len(f) == 2 && strings.HasSuffix(f[1], "/tcp_min_tso_segs=10"):
			// TSO sizing: outbound segments are merged as packetdrill merges GSO bursts.
		default:
			return r.fail("not supported: shell command " + strconv.Quote(line))
		}
	}
	return nil
}

// finishBlocked waits for the blocked call's result until its end time
// plus tolerance.
func (r *runner) finishBlocked() error {
	b := r.blocked
	limit := b.end + max(r.s.Options.Tolerance, (b.end-b.start)/8)
	for r.blocked != nil {
		next, ok := r.x.NextEvent()
		if !ok || next > limit {
			return r.fail("blocking call " + b.ev.Call.Name + " expected to return at " + secs(b.end) + " sec but it is still blocked at " + secs(limit) + " sec")
		}
		if err := r.advance(next); err != nil {
			return err
		}
	}
	return nil
}

func (r *runner) checkCompletions() error {
	for _, c := range r.w.Completions() {
		b := r.blocked
		if b == nil || c.Host != r.h.Name() {
			continue
		}
		r.blocked = nil
		cur := r.ev
		r.ev = b.ev
		now := r.w.Now()
		if tol := max(r.s.Options.Tolerance, (b.end-b.start)/8); now < b.end-tol || now > b.end+tol {
			return r.fail("timing error: expected blocking " + b.ev.Call.Name + " to return at " + secs(b.end) + " sec but it returned at " + secs(now) + " sec; tolerance " + secs(tol) + " sec")
		}
		if err := r.checkResult(b.ev.Call, c.Result); err != nil {
			return err
		}
		r.ev = cur
	}
	return nil
}

// outbound waits for the stack to send the scripted segment and checks it.
func (r *runner) outbound(want *Packet, lo, hi time.Duration, any bool) error {
	tol := r.tolerance(lo)
	if any {
		tol = 1 << 62
	}
	deadline := hi + tol
	if err := r.waitOutbound(deadline); err == errNothingSent {
		return r.fail("error handling packet: timing error: expected outbound packet at " + secs(lo) + " sec but none was sent by " + secs(deadline) + " sec")
	} else if err != nil {
		return err
	}
	got := r.out[0]
	r.live = got.id
	defer func() { r.live = 0 }()
	r.out = r.out[1:]
	pkt, err := wire.Decode(got.bytes)
	if err != nil || pkt.TCP == nil {
		return r.fail("error handling packet: outbound packet is not TCP")
	}
	seg := pkt.TCP
	if want.Flags[0] == 'S' && seg.Flags&wire.SYN != 0 {
		r.iss = seg.Seq
		r.localPort = seg.SrcPort
	}
	r.noteTS(got.bytes)
	payload := len(seg.Payload)
	last, lastBytes, at := seg, got.bytes, got.at
	// Segmentation offload: as packetdrill, consecutive outbound segments
	// add up to the expected one; the result has the first's sequence
	// number and the last's flags and time (aggregate_packets).
	for !r.s.Options.StrictSegments && payload < want.Len {
		if err := r.waitOutbound(deadline); err == errNothingSent {
			break
		} else if err != nil {
			return err
		}
		next, err := wire.Decode(r.out[0].bytes)
		if err != nil || next.TCP == nil || next.TCP.Seq != seg.Seq+uint32(payload) {
			break
		}
		r.noteTS(r.out[0].bytes)
		payload += len(next.TCP.Payload)
		last, lastBytes, at = next.TCP, r.out[0].bytes, r.out[0].at
		r.live = r.out[0].id // its header is the one checked
		r.out = r.out[1:]
	}
	r.last = at
	// In packetdrill's order: the size, the headers, the options, the time.
	if payload != want.Len {
		return r.fail("error handling packet: live packet payload: expected " + strconv.Itoa(want.Len) + " bytes vs actual " + strconv.Itoa(payload) + " bytes")
	}
	if e := flagsText(last.Flags); e != canonicalFlags(want.Flags) {
		return r.fail("error handling packet: live packet flags: expected: " + canonicalFlags(want.Flags) + " vs actual: " + e)
	}
	if err := r.field("tcp_seq", uint64(want.Seq), uint64(seg.Seq-r.iss)); err != nil {
		return err
	}
	if want.HasAck || last.Flags&wire.ACK != 0 {
		if err := r.field("tcp_ack_seq", uint64(want.Ack), uint64(last.Ack)); err != nil {
			return err
		}
	}
	if want.HasWin {
		if err := r.field("tcp_window", uint64(want.Win), uint64(last.Window)); err != nil {
			return err
		}
	}
	if want.HasOptions && !want.AnyOptions {
		if err := r.checkOptions(want.Options, rawOptions(lastBytes), at); err != nil {
			return err
		}
	}
	if !any && (at < lo-tol || at > hi+tol) {
		return r.fail("error handling packet: timing error: expected outbound packet at " + secs(lo) + " sec but happened at " + secs(at) + " sec; tolerance " + secs(tol) + " sec")
	}
	return nil
}

// waitOutbound runs the engine until it has sent something, by deadline.
func (r *runner) waitOutbound(deadline time.Duration) error {
	for len(r.out) == 0 {
		next, ok := r.x.NextEvent()
		if !ok || next > deadline {
			return errNothingSent
		}
		if err := r.advance(next); err != nil {
			return err
		}
	}
	return nil
}

var errNothingSent = errors.New("nothing sent")

func (r *runner) field(name string, want, got uint64) error {
	if want == got {
		return nil
	}
	return r.fail("error handling packet: live packet field " + name + ": expected: " + strconv.FormatUint(want, 10) +
		" (0x" + strconv.FormatUint(want, 16) + ") vs actual: " + strconv.FormatUint(got, 10) + " (0x" + strconv.FormatUint(got, 16) + ")")
}

// noteTS remembers the stack's last TS val, which inbound segments echo.
func (r *runner) noteTS(b []byte) {
	for _, o := range rawOptions(b) {
		if o.Kind == OptTimestamp {
			r.tsSent, r.tsSeen = o.TSVal, true
		}
	}
}

// checkOptions compares option lists kind by kind; TS val is checked only
// with --tcp_ts_tick_usecs, as packetdrill does.
func (r *runner) checkOptions(want, got []Option, at time.Duration) error {
	if optionsText(want, false) != optionsText(got, false) {
		return r.fail("error handling packet: bad outbound TCP options: expected: <" + optionsText(want, true) + "> actual: <" + optionsText(got, true) + ">")
	}
	for i, w := range want {
		g := got[i]
		bad := false
		switch w.Kind {
		case OptMSS, OptWScale:
			bad = w.Value != g.Value
		case OptSACK:
			bad = len(w.Blocks) != len(g.Blocks)
			for j := 0; !bad && j < len(w.Blocks); j++ {
				bad = w.Blocks[j] != g.Blocks[j]
			}
		case OptTimestamp:
			if r.s.Options.TSTick > 0 {
				if !r.tsFirstSet {
					r.tsFirst, r.tsFirstSet = [2]uint32{w.TSVal, g.TSVal}, true
				}
				// Ticks since the first TS val, against the script's, within tolerance.
				wantTicks := int64(w.TSVal - r.tsFirst[0])
				gotTicks := int64(g.TSVal - r.tsFirst[1])
				tolTicks := int64(r.tolerance(at) / r.s.Options.TSTick)
				bad = gotTicks < wantTicks-tolTicks || gotTicks > wantTicks+tolTicks
			}
		}
		if bad {
			return r.fail("error handling packet: bad value in outbound TCP option (kind=" + strconv.Itoa(int(w.Kind)) + "): expected: " +
				optionsText(want[i:i+1], true) + " actual: " + optionsText(got[i:i+1], true))
		}
	}
	return nil
}

// inbound sends the scripted segment from the peer.
func (r *runner) inbound(p *Packet) error {
	var flags byte
	for _, c := range p.Flags {
		switch c {
		case 'S':
			flags |= byte(wire.SYN)
		case 'F':
			flags |= byte(wire.FIN)
		case 'R':
			flags |= byte(wire.RST)
		case 'P':
			flags |= byte(wire.PSH)
		case '.':
			flags |= byte(wire.ACK)
		}
	}
	ack := uint32(0)
	if p.HasAck {
		ack = p.Ack + r.iss
	}
	win := p.Win
	if !p.HasWin {
		win = 65535
	}
	localPort := r.localPort
	if localPort == 0 {
		localPort = scriptPort
	}
	b := encodeInbound(r.remotePort, localPort, p.Seq, ack, flags, win, r.inboundOptions(p.Options), p.Len)
	if err := r.x.Send(b); err != nil {
		return r.fail(err.Error())
	}
	return r.advance(r.w.Now())
}

func (r *runner) inboundOptions(opts []Option) []Option {
	out := make([]Option, len(opts))
	for i, o := range opts {
		switch o.Kind {
		case OptTimestamp:
			if r.tsSeen {
				o.TSEcr = r.tsSent
			}
		case OptSACK:
			blocks := make([][2]uint32, len(o.Blocks))
			for j, b := range o.Blocks {
				blocks[j] = [2]uint32{b[0] + r.iss, b[1] + r.iss}
			}
			o.Blocks = blocks
		}
		out[i] = o
	}
	return out
}

// call makes a socket call and checks its result, or notes it blocked.
func (r *runner) call(ev *Event, at time.Duration) error {
	c := ev.Call
	res, err := r.do(c)
	if err != nil {
		return err
	}
	if res.Blocked {
		end := at
		if ev.When.Blocking {
			end = ev.When.BlockEnd
			if ev.When.Kind == Relative {
				end += r.last
			}
		}
		r.blocked = &blockedCall{ev: ev, end: end, start: at}
		return nil
	}
	if ev.When.Blocking {
		end := ev.When.BlockEnd
		if ev.When.Kind == Relative {
			end += r.last
		}
		if tol := max(r.s.Options.Tolerance, (end-at)/8); at < end-tol || at > end+tol {
			return r.fail("timing error: expected blocking " + c.Name + " to return at " + secs(end) + " sec but it returned at " + secs(at) + " sec; tolerance " + secs(tol) + " sec")
		}
	}
	return r.checkResult(c, res)
}

func (r *runner) checkResult(c *Call, res stack.Result) error {
	if res.Refused != "" {
		return r.fail("runtime error in " + c.Name + " call: " + res.Refused)
	}
	if c.Errno != "" {
		want, ok := errno.ByName(c.Errno)
		if !ok {
			return r.fail("unknown errno " + c.Errno)
		}
		if res.Err != want || c.Ret != -1 {
			return r.fail("runtime error in " + c.Name + " call: Expected result " + strconv.FormatInt(c.Ret, 10) + " with errno " + want.Error() + " but got " + resultText(res))
		}
		return nil
	}
	// Script descriptors name the engine's: socket and accept map them.
	if (c.Name == "socket" || c.Name == "accept") && res.Err == errno.OK && c.Ret >= 0 {
		r.fds[c.Ret] = res.Ret
		r.underTest = res.Ret
		return nil
	}
	if res.Err != errno.OK || int64(res.Ret) != c.Ret {
		return r.fail("runtime error in " + c.Name + " call: Expected result " + strconv.FormatInt(c.Ret, 10) + " but got " + resultText(res))
	}
	return nil
}

func resultText(res stack.Result) string {
	if res.Err != errno.OK {
		return "-1 with errno " + strconv.Itoa(int(res.Err)) + " (" + res.Err.Message() + ")"
	}
	return strconv.Itoa(res.Ret)
}
