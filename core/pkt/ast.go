// Package pkt reads packetdrill scripts (.pkt) and runs them against
// sockplay's engine the way packetdrill runs them against Linux: the stack
// under test at 192.168.0.1, a scripted peer at 192.0.2.1, socket calls
// checked against their expected results, inbound segments injected and
// outbound segments matched field by field within packetdrill's time
// tolerance. Everything runs in virtual time.
package pkt

import "time"

// Script is a parsed .pkt file.
type Script struct {
	File    string
	Options Options
	Events  []Event
}

// Options are the command-line flags a script may set at its top
// (--tolerance_usecs=10000).
type Options struct {
	Tolerance      time.Duration // --tolerance_usecs; 4 ms when not set
	TSTick         time.Duration // --tcp_ts_tick_usecs; 0: outbound TS val not checked
	MSS            int           // --mss: inbound data size of a GSO segment (accepted as one packet)
	StrictSegments bool          // --strict_segments: no merging of outbound segments
}

// TimeKind says how an event's time is written.
type TimeKind uint8

const (
	Absolute      TimeKind = iota // 0.2
	Relative                      // +0.2: after the previous event
	AnyTime                       // *
	AbsoluteRange                 // 0.2~0.3
	RelativeRange                 // +0.2~+0.3
)

// When is an event's time. End bounds a range; a blocking call written
// `+0...0.2` has Blocking set and returns at BlockEnd, which is relative
// to the previous event when the start is.
type When struct {
	Kind     TimeKind
	At, End  time.Duration
	Blocking bool
	BlockEnd time.Duration
}

// Event is one line of a script: a packet, a socket call or a shell
// command.
type Event struct {
	Line   int
	When   When
	Packet *Packet
	Call   *Call
	Shell  string   // the text between backquotes
	Code   []Assert // a %{ }% block: TCP_INFO assertions, checked at the event's time
}

// Packet is a TCP segment in a script: `> P. 1:1001(1000) ack 1 win 257 <nop,nop,TS val 1 ecr 2>`.
type Packet struct {
	Out      bool   // sent by the stack under test
	Flags    string // as written: "S.", "P.", "F.", ".", "R"
	Seq, End uint32 // start:end
	Len      int    // (len)
	HasAck   bool
	Ack      uint32
	HasWin   bool
	Win      uint16
	// Options is nil when no option list was written; AnyOptions is
	// `<...>`, which accepts whatever an outbound segment carries.
	Options    []Option
	HasOptions bool
	AnyOptions bool
}

// Option kinds, as on the wire (RFC 9293, RFC 7323, RFC 2018).
const (
	OptEOL       = 0
	OptNOP       = 1
	OptMSS       = 2
	OptWScale    = 3
	OptSACKOK    = 4
	OptSACK      = 5
	OptTimestamp = 8
)

// Option is one TCP option of a scripted segment.
type Option struct {
	Kind         uint8
	Value        uint32      // mss, wscale
	TSVal, TSEcr uint32      // TS val N ecr M
	Blocks       [][2]uint32 // sack L:R ...
}

// Call is a socket call with its expected result: `write(4, ..., 1000) = 1000`
// or `connect(3, ..., ...) = -1 EINPROGRESS (Operation now in progress)`.
type Call struct {
	Name  string
	Args  []Expr
	Ret   int64
	Errno string // "" when the call must succeed
}

// ExprKind is the kind of a call argument.
type ExprKind uint8

const (
	ExprInt      ExprKind = iota // 1000, -1
	ExprName                     // SOCK_STREAM, with Or for A|B
	ExprEllipsis                 // ...
	ExprArray                    // [1], [{fd=4, events=POLLIN}]
	ExprStruct                   // {onoff=1, linger=0} or {1, 0}
	ExprString                   // "text"
)

// Expr is a call argument.
type Expr struct {
	Kind   ExprKind
	Int    int64
	Name   string
	Or     []Expr // operands of A|B|C (Kind ExprName, Name "|")
	Elems  []Expr // array elements or struct fields in order
	Fields []string
	Str    string
}

// Assert is one `assert A <= B < C, message` of a `%{ }%` block: a chain
// of comparisons between integers, tcp_info fields (tcpi_snd_cwnd) and
// congestion states (TCP_CA_Open). The message is packetdrill's Python
// and only reported, never evaluated.
type Assert struct {
	Text  string   // the condition as written
	Terms []Term   // operands, len(Ops)+1 of them
	Ops   []string // "==", "!=", "<", "<=", ">", ">="
}

// Term is an assertion operand: Field when set, else Int.
type Term struct {
	Field string
	Int   int64
}
