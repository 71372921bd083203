package tcp

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/sockplay/sockplay/core/errno"
	"github.com/sockplay/sockplay/core/wire"
)

// streamByte is the peer's byte at sequence number seq: every fuzzed
// segment carries these, so whatever Recv returns can be checked against
// the stream.
func streamByte(seq uint32) byte { return byte(seq*7 + seq>>9) }

// fuzzReader hands out the fuzz input a few bytes at a time, zeros when
// it runs out.
type fuzzReader struct{ b []byte }

func (r *fuzzReader) byte() byte {
	if len(r.b) == 0 {
		return 0
	}
	v := r.b[0]
	r.b = r.b[1:]
	return v
}
func (r *fuzzReader) u16() uint16 { return uint16(r.byte())<<8 | uint16(r.byte()) }
func (r *fuzzReader) u32() uint32 { return uint32(r.u16())<<16 | uint32(r.u16()) }

var fuzzStates = []State{SynSent, SynReceived, Established, FinWait1, FinWait2, CloseWait, Closing, LastAck, TimeWait, Closed}

// FuzzInput drives a connection in any state with arbitrary segments,
// user calls and timer expiries, checking that nothing panics, SND.UNA ≤
// SND.NXT, the receive buffer stays within its size and Recv returns
// exactly the peer's stream.
func FuzzInput(f *testing.F) {
	f.Add(uint8(2), []byte{0, 0, 0, 0x10, 5, 100, 7, 0, 0x11, 0, 0, 0, 0})
	f.Add(uint8(0), []byte{0, 0xff, 0xff, 0x12, 0, 0, 0, 0, 0, 1, 0, 0, 3, 7})
	f.Add(uint8(1), []byte{0, 0, 0, 0x10, 0, 0, 0, 0, 0, 0, 0x10, 9, 8, 7, 6})
	f.Add(uint8(2), []byte{0, 0, 10, 0x10, 3, 0, 0, 0, 0, 0, 0, 0x10, 3, 0, 0, 0, 0, 7, 8})
	f.Add(uint8(2), []byte{6, 200, 0, 8, 8, 8, 0, 0, 0, 0x04, 0, 0})
	f.Add(uint8(3), []byte{0, 0, 0, 0x11, 0, 0, 1, 9, 8, 0, 0, 0, 0x14, 0, 0})
	f.Add(uint8(5), []byte{9, 0, 6, 20, 8, 7, 10, 3, 0, 0, 0, 0x10, 1})
	f.Add(uint8(8), []byte{0, 0xff, 0xff, 0x11, 0, 0, 0, 8, 8, 0, 0, 0, 0x02})
	f.Add(uint8(2), []byte{10, 0, 1, 0, 0, 0, 0x10, 20, 0, 0, 0, 0, 0, 0x10, 200, 200, 8, 8, 8, 7})
	f.Fuzz(fuzzOnce)
}

func fuzzOnce(t *testing.T, state uint8, script []byte) {
	c := connIn(t, fuzzStates[int(state)%len(fuzzStates)])
	r := &fuzzReader{script}
	now := t0
	var got []byte
	buf := make([]byte, 5000)
	for step := 0; len(r.b) > 0 && step < 200; step++ {
		now += time.Duration(r.byte()) * time.Millisecond
		switch op := r.byte() % 12; op {
		case 0, 1, 2, 3, 4, 5:
			c.Input(now, fuzzSegment(c, r))
		case 6:
			c.Send(now, make([]byte, int(r.u16())%40000))
		case 7:
			n, err := c.Recv(now, buf[:int(r.u16())%len(buf)])
			if err == errno.OK {
				got = append(got, buf[:n]...)
			}
		case 8:
			if d, ok := c.Deadline(); ok {
				c.Advance(d)
				now = max(now, d)
			}
		case 9:
			switch r.byte() % 4 {
			case 0:
				c.Close(now)
			case 1:
				c.ShutdownWrite(now)
			case 2:
				c.ShutdownRead(now)
			default:
				c.Abort(now)
			}
		case 10:
			cfg := c.Config()
			cfg.NoDelay = r.byte()&1 == 1
			cfg.DelayedACK = r.byte()&1 == 1
			cfg.KeepAlive = r.byte()&1 == 1
			cfg.KeepIdle = time.Duration(r.u16()) * time.Millisecond
			cfg.UserTimeout = time.Duration(r.u16()) * time.Millisecond
		default:
			c.Advance(now)
		}
		for _, s := range c.Output(now) {
			require.NotNil(t, s)
		}
		c.Events()
		v := c.Vars()
		require.True(t, seqLEQ(v.SndUna, v.SndNxt), "SND.UNA %d > SND.NXT %d", v.SndUna, v.SndNxt)
		require.True(t, seqLEQ(v.SndUna, c.sndPos) && seqLEQ(c.sndPos, v.SndNxt), "transmission point outside [SND.UNA, SND.NXT]")
		require.LessOrEqual(t, v.RecvBuffered+c.oooBytes(), c.recvLimit(), "receive queue overflow")
		require.True(t, seqLEQ(v.RcvNxt+uint32(c.oooBytes()), c.rcvEdge), "more received than the window offered")
		for i, b := range got {
			require.Equal(t, streamByte(c.irs+1+uint32(i)), b, "byte %d is not the peer's", i)
		}
	}
}

// fuzzSegment reads a segment near the connection's sequence numbers (or
// anywhere), carrying the peer's stream bytes for its sequence numbers.
func fuzzSegment(c *Conn, r *fuzzReader) *wire.TCP {
	mode := r.byte()
	seg := &wire.TCP{SrcPort: c.remote.Port, DstPort: c.local.Port}
	if mode&1 == 0 {
		seg.Seq = c.rcvNxt + uint32(int32(int16(r.u16())))
		seg.Ack = c.sndUna + uint32(int32(int16(r.u16())))
	} else {
		seg.Seq, seg.Ack = r.u32(), r.u32()
	}
	seg.Flags = wire.TCPFlags(r.byte())
	seg.Window = r.u16()
	n := int(r.u16()) % 3000
	start := seg.Seq
	if seg.Flags&wire.SYN != 0 {
		start++
	}
	if n > 0 {
		seg.Payload = make([]byte, n)
		for i := range seg.Payload {
			seg.Payload[i] = streamByte(start + uint32(i))
		}
	}
	if mode&2 != 0 {
		o := &seg.Options
		o.MSS = r.u16()
		o.HasWScale, o.WScale = true, r.byte()
		o.SACKPermitted = true
		o.HasTimestamps, o.TSVal, o.TSEcr = mode&4 != 0, r.u32(), r.u32()
		for range int(r.byte()) % 5 {
			o.SACK = append(o.SACK, wire.SACKBlock{Left: c.sndUna + uint32(r.u16()), Right: c.sndUna + uint32(r.u16())})
		}
	}
	return seg
}
