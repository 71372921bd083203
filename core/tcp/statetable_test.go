package tcp

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sockplay/sockplay/core/errno"
	"github.com/sockplay/sockplay/core/wire"
)

// The state × event table walks every cell of RFC 9293 section 3.10 for a
// connection whose ISS is 100 and whose peer's ISS is 300 (plain options,
// no delayed ACK, so segments read like the RFC's).

const t0 = time.Second // events happen at 1 s; the connection was built at 0

// connIn builds a connection in state s (reaching FIN states through
// shutdown(SHUT_WR), so that data is still accepted).
func connIn(t *testing.T, s State) *Conn {
	t.Helper()
	cfg := plainConfig()
	in := func(c *Conn, seq, ack uint32, flags wire.TCPFlags) {
		c.Input(0, &wire.TCP{SrcPort: epB.Port, DstPort: epA.Port, Seq: seq, Ack: ack, Flags: flags, Window: 65535})
		c.Output(0)
	}
	var c *Conn
	switch s {
	case SynSent:
		c = NewActive(cfg, epA, epB, Init{ISS: 100}, 0)
		c.Output(0)
	case SynReceived:
		syn := &wire.TCP{SrcPort: epB.Port, DstPort: epA.Port, Seq: 300, Flags: wire.SYN, Window: 65535}
		c = NewPassive(cfg, epA, epB, Init{ISS: 100}, syn, 0)
		c.Output(0)
	default:
		c, _ = handshake(t, cfg, 100, 300)
		switch s {
		case Closed:
			c.Abort(0)
		case FinWait1, FinWait2, Closing, TimeWait:
			require.Equal(t, errno.OK, c.ShutdownWrite(0))
			c.Output(0)
			switch s {
			case FinWait2:
				in(c, 301, 102, wire.ACK)
			case Closing:
				in(c, 301, 101, wire.FIN|wire.ACK)
			case TimeWait:
				in(c, 301, 102, wire.ACK)
				in(c, 301, 102, wire.FIN|wire.ACK)
			}
		case CloseWait, LastAck:
			in(c, 301, 101, wire.FIN|wire.ACK)
			if s == LastAck {
				require.Equal(t, errno.OK, c.ShutdownWrite(0))
			}
		}
		c.Output(0)
	}
	require.Equal(t, s, c.State())
	c.Events()
	return c
}

type tableEvent struct {
	name string
	// do applies the event to c, whose peer's next sequence number is
	// rcv and whose own is snd; it returns the result of a user call.
	do func(c *Conn, snd, rcv uint32) string
}

func segEvent(name string, seqOff int64, ackOff int64, flags wire.TCPFlags, data int) tableEvent {
	return tableEvent{name, func(c *Conn, snd, rcv uint32) string {
		s := &wire.TCP{SrcPort: epB.Port, DstPort: epA.Port, Seq: uint32(int64(rcv) + seqOff), Flags: flags, Window: 65535}
		if flags&wire.ACK != 0 {
			s.Ack = uint32(int64(snd) + ackOff)
		}
		if data > 0 {
			s.Payload = make([]byte, data)
		}
		c.Input(t0, s)
		return ""
	}}
}

var tableEvents = []tableEvent{
	segEvent("SYN", 0, 0, wire.SYN, 0),
	segEvent("SYN,ACK", -1, 0, wire.SYN|wire.ACK, 0),
	segEvent("ACK", 0, 0, wire.ACK, 0),
	segEvent("ACK of unsent data", 0, 1000, wire.ACK, 0),
	segEvent("RST at RCV.NXT", 0, 0, wire.RST, 0),
	segEvent("RST in window", 10, 0, wire.RST, 0),
	segEvent("RST out of window", 1000000, 0, wire.RST, 0),
	segEvent("RST,ACK", 0, 0, wire.RST|wire.ACK, 0),
	segEvent("FIN", 0, 0, wire.FIN|wire.ACK, 0),
	segEvent("data", 0, 0, wire.ACK, 10),
	segEvent("data out of window", 1000000, 0, wire.ACK, 10),
	{"SEND", func(c *Conn, _, _ uint32) string {
		_, err := c.Send(t0, []byte("hello"))
		return err.Name()
	}},
	{"RECEIVE", func(c *Conn, _, _ uint32) string {
		n, err := c.Recv(t0, make([]byte, 100))
		if err == errno.OK && n == 0 {
			return "EOF"
		}
		return err.Name()
	}},
	{"CLOSE", func(c *Conn, _, _ uint32) string { c.Close(t0); return "" }},
	{"ABORT", func(c *Conn, _, _ uint32) string { c.Abort(t0); return "" }},
	{"TIMEOUT", func(c *Conn, _, _ uint32) string {
		d, ok := c.Deadline()
		if !ok {
			return "no timer"
		}
		c.Advance(d)
		return ""
	}},
}

type cell struct {
	state State
	want  string // call result, then the segments sent, space separated
}

const (
	ackEst  = "<SEQ=101><ACK=301><CTL=ACK>"
	ackFin1 = "<SEQ=102><ACK=301><CTL=ACK>"
	ackCW   = "<SEQ=101><ACK=302><CTL=ACK>"
	ackLate = "<SEQ=102><ACK=302><CTL=ACK>"
)

// One row per state, one cell per tableEvents entry, in order.
var stateTable = []struct {
	state    State
	snd, rcv uint32
	cells    []cell
}{
	{SynSent, 101, 301, []cell{
		{SynReceived, "<SEQ=100><ACK=302><CTL=SYN,ACK>"}, // simultaneous open
		{Established, "<SEQ=101><ACK=301><CTL=ACK>"},
		{SynSent, ""},
		{SynSent, "<SEQ=1101><CTL=RST>"},
		{SynSent, ""}, // RST without an ACK of our SYN is ignored
		{SynSent, ""},
		{SynSent, ""},
		{Closed, ""}, // connection refused
		{SynSent, ""},
		{SynSent, ""},
		{SynSent, ""},
		{SynSent, "EAGAIN"},
		{SynSent, "EAGAIN"},
		{Closed, ""},
		{Closed, ""},
		{SynSent, "<SEQ=100><CTL=SYN>"},
	}},
	{SynReceived, 101, 301, []cell{
		{Closed, "<SEQ=0><ACK=302><CTL=RST,ACK>"},
		{SynReceived, ackEst},
		{Established, ""},
		{SynReceived, "<SEQ=1101><CTL=RST>"},
		{Closed, ""},
		{SynReceived, ackEst}, // challenge ACK
		{SynReceived, ""},
		{Closed, ""},
		{CloseWait, "<SEQ=101><ACK=302><CTL=ACK>"},
		{Established, "<SEQ=101><ACK=311><CTL=ACK>"},
		{SynReceived, ackEst},
		{SynReceived, "EAGAIN"},
		{SynReceived, "EAGAIN"},
		{FinWait1, ""}, // the FIN waits for the ACK of our SYN
		{Closed, "<SEQ=101><ACK=301><CTL=RST,ACK>"},
		{SynReceived, "<SEQ=100><ACK=301><CTL=SYN,ACK>"},
	}},
	{Established, 101, 301, []cell{
		{Established, ackEst}, // challenge ACK (RFC 5961 4.2)
		{Established, ackEst},
		{Established, ""},
		{Established, ackEst},
		{Closed, ""},
		{Established, ackEst},
		{Established, ""},
		{Closed, ""},
		{CloseWait, ackCW},
		{Established, "<SEQ=101><ACK=311><CTL=ACK>"},
		{Established, ackEst},
		{Established, "OK <SEQ=101><ACK=301><CTL=ACK><DATA=5>"},
		{Established, "EAGAIN"},
		{FinWait1, "<SEQ=101><ACK=301><CTL=FIN,ACK>"},
		{Closed, "<SEQ=101><ACK=301><CTL=RST,ACK>"},
		{Established, "no timer"},
	}},
	{FinWait1, 102, 301, []cell{
		{FinWait1, ackFin1},
		{FinWait1, ackFin1},
		{FinWait2, ""},
		{FinWait1, ackFin1},
		{Closed, ""},
		{FinWait1, ackFin1},
		{FinWait1, ""},
		{Closed, ""},
		{TimeWait, ackLate},
		{FinWait2, "<SEQ=102><ACK=311><CTL=ACK>"},
		{FinWait1, ackFin1},
		{FinWait1, "EPIPE"},
		{FinWait1, "EAGAIN"},
		{FinWait1, ""},
		{Closed, "<SEQ=102><ACK=301><CTL=RST,ACK>"},
		{FinWait1, "<SEQ=101><ACK=301><CTL=FIN,ACK>"},
	}},
	{FinWait2, 102, 301, []cell{
		{FinWait2, ackFin1},
		{FinWait2, ackFin1},
		{FinWait2, ""},
		{FinWait2, ackFin1},
		{Closed, ""},
		{FinWait2, ackFin1},
		{FinWait2, ""},
		{Closed, ""},
		{TimeWait, ackLate},
		{FinWait2, "<SEQ=102><ACK=311><CTL=ACK>"},
		{FinWait2, ackFin1},
		{FinWait2, "EPIPE"},
		{FinWait2, "EAGAIN"},
		{FinWait2, ""},
		{Closed, "<SEQ=102><ACK=301><CTL=RST,ACK>"},
		{FinWait2, "no timer"},
	}},
	{CloseWait, 101, 302, []cell{
		{CloseWait, ackCW},
		{CloseWait, ackCW},
		{CloseWait, ""},
		{CloseWait, ackCW},
		{Closed, ""},
		{CloseWait, ackCW},
		{CloseWait, ""},
		{Closed, ""},
		{CloseWait, ""}, // text and FIN after the peer's FIN are ignored
		{CloseWait, ""},
		{CloseWait, ackCW},
		{CloseWait, "OK <SEQ=101><ACK=302><CTL=ACK><DATA=5>"},
		{CloseWait, "EOF"},
		{LastAck, "<SEQ=101><ACK=302><CTL=FIN,ACK>"},
		{Closed, "<SEQ=101><ACK=302><CTL=RST,ACK>"},
		{CloseWait, "no timer"},
	}},
	{Closing, 102, 302, []cell{
		{Closing, ackLate},
		{Closing, ackLate},
		{TimeWait, ""},
		{Closing, ackLate},
		{Closed, ""},
		{Closing, ackLate},
		{Closing, ""},
		{Closed, ""},
		{TimeWait, ""},
		{TimeWait, ""},
		{Closing, ackLate},
		{Closing, "EPIPE"},
		{Closing, "EOF"},
		{Closing, ""},
		{Closed, ""}, // no RST from CLOSING (RFC 9293 3.10.5, Linux)
		{Closing, "<SEQ=101><ACK=302><CTL=FIN,ACK>"},
	}},
	{LastAck, 102, 302, []cell{
		{LastAck, ackLate},
		{LastAck, ackLate},
		{Closed, ""},
		{LastAck, ackLate},
		{Closed, ""},
		{LastAck, ackLate},
		{LastAck, ""},
		{Closed, ""},
		{Closed, ""},
		{Closed, ""},
		{LastAck, ackLate},
		{LastAck, "EPIPE"},
		{LastAck, "EOF"},
		{LastAck, ""},
		{Closed, ""},
		{LastAck, "<SEQ=101><ACK=302><CTL=FIN,ACK>"},
	}},
	{TimeWait, 102, 302, []cell{
		{TimeWait, ackLate}, // a new SYN is answered, not accepted (see README)
		{TimeWait, ackLate},
		{TimeWait, ""},
		{TimeWait, ackLate},
		{Closed, ""},
		{TimeWait, ""}, // Linux sends no challenge ACK from TIME-WAIT
		{TimeWait, ""},
		{Closed, ""},
		{TimeWait, ackLate},
		{TimeWait, ackLate},
		{TimeWait, ackLate},
		{TimeWait, "EPIPE"},
		{TimeWait, "EOF"},
		{TimeWait, ""},
		{Closed, ""},
		{Closed, ""},
	}},
	{Closed, 101, 301, []cell{
		{Closed, "<SEQ=0><ACK=302><CTL=RST,ACK>"},
		{Closed, "<SEQ=101><CTL=RST>"},
		{Closed, "<SEQ=101><CTL=RST>"},
		{Closed, "<SEQ=1101><CTL=RST>"},
		{Closed, ""},
		{Closed, ""},
		{Closed, ""},
		{Closed, ""},
		{Closed, "<SEQ=101><CTL=RST>"},
		{Closed, "<SEQ=101><CTL=RST>"},
		{Closed, "<SEQ=101><CTL=RST>"},
		{Closed, "EPIPE"},
		{Closed, "EOF"},
		{Closed, ""},
		{Closed, ""},
		{Closed, "no timer"},
	}},
}

func TestStateEventTable(t *testing.T) {
	for _, row := range stateTable {
		require.Len(t, row.cells, len(tableEvents), row.state.String())
		for i, ev := range tableEvents {
			t.Run(row.state.String()+"/"+ev.name, func(t *testing.T) {
				c := connIn(t, row.state)
				result := ev.do(c, row.snd, row.rcv)
				got := rfcAll(c.Output(t0))
				if result != "" {
					got = append([]string{result}, got...)
				}
				want := row.cells[i]
				assert.Equal(t, want.want, strings.Join(got, " "))
				assert.Equal(t, want.state, c.State())
				v := c.Vars()
				assert.True(t, seqLEQ(v.SndUna, v.SndNxt))
			})
		}
	}
}

func TestListenTable(t *testing.T) {
	cases := []struct {
		name   string
		flags  wire.TCPFlags
		reply  string
		accept bool
	}{
		{"SYN", wire.SYN, "", true},
		{"SYN,ACK", wire.SYN | wire.ACK, "<SEQ=77><CTL=RST>", false},
		{"ACK", wire.ACK, "<SEQ=77><CTL=RST>", false},
		{"RST", wire.RST, "", false},
		{"RST,ACK", wire.RST | wire.ACK, "", false},
		{"FIN", wire.FIN, "", false},
		{"SYN,FIN", wire.SYN | wire.FIN, "", false},
		{"none", 0, "", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			seg := &wire.TCP{SrcPort: epA.Port, DstPort: epB.Port, Seq: 300, Ack: 77, Flags: tc.flags}
			reply, accept := ListenInput(epB, epA, seg)
			assert.Equal(t, tc.accept, accept)
			if tc.reply == "" {
				assert.Nil(t, reply)
				return
			}
			require.NotNil(t, reply)
			assert.Equal(t, tc.reply, rfc(reply))
			assert.Equal(t, epB.Port, reply.SrcPort)
			assert.Equal(t, epA.Port, reply.DstPort)
		})
	}
	reply, accept := ListenInput(epB, epA, nil)
	assert.Nil(t, reply)
	assert.False(t, accept)
	assert.Nil(t, ClosedInput(nil))
}

func TestStateNames(t *testing.T) {
	assert.Equal(t, "SYN-RECEIVED", SynReceived.String())
	assert.Equal(t, "SYN-RECV", SynReceived.SSName())
	assert.Equal(t, "ESTAB", Established.SSName())
	assert.Equal(t, "CLOSE", Closed.SSName())
	assert.Equal(t, "TIME-WAIT", TimeWait.String())
	assert.Equal(t, "UNKNOWN", State(99).String())
	assert.Equal(t, "UNKNOWN", State(99).SSName())
	assert.Equal(t, "retransmit", TimerRetransmit.String())
}
