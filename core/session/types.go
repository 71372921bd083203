package session

import (
	"strconv"
	"time"

	"github.com/sockplay/sockplay/core/script"
	"github.com/sockplay/sockplay/core/trace"
)

// Output is what one executed line produced. A line that fails changes
// nothing and is not recorded: Err is set and Line is 0.
type Output struct {
	Line   int           `json:"line"`             // 1-based position in the history, 0 if not recorded
	Input  string        `json:"input"`            // the line in canonical form, "client> connect(c, server:80)"
	Host   string        `json:"host,omitempty"`   // the host the line ran on ("net" for network commands)
	Lines  []string      `json:"lines"`            // what the line printed, e.g. "= 3"
	Err    *Error        `json:"error,omitempty"`  // why the line was refused
	Errno  string        `json:"errno,omitempty"`  // the call ran and failed: "ECONNREFUSED" (the line itself is accepted)
	Late   []LateResult  `json:"late,omitempty"`   // results of earlier blocked calls that this line let finish
	Events []trace.Event `json:"events,omitempty"` // every trace event this line caused
	// Summarised: Lines sum the events up (a crowd's clients), so a
	// transcript or console prints Lines and leaves the events to views.
	Summarised bool `json:"summarised,omitempty"`
	// Help is the topic of a help line ("" for the index) and nil for
	// any other line. Its Lines are the page in English: a reader's
	// language asks for it again with HelpIn, which the engine says here
	// so that no page or CLI has to recognise a help line by its text.
	Help *string `json:"help,omitempty"`

	first int   // index in the trace of Events[0]
	marks []int // trace length when each of Lines was printed
}

// Error explains a refused line: the message, the 1-based column it points
// at (0 when it concerns the whole line) and an optional hint.
type Error struct {
	Message string `json:"message"`
	Col     int    `json:"col"`
	Hint    string `json:"hint,omitempty"`
	// Ref and HintRef name Message and Hint for translation (core/i18n's
	// engine catalogue); absent for a text without an id yet.
	Ref     *script.Ref `json:"ref,omitempty"`
	HintRef *script.Ref `json:"hintRef,omitempty"`
	// Panic says the engine failed (a bug): the line was taken back and
	// the session rebuilt as it was before it.
	Panic bool `json:"panic,omitempty"`
}

func (e *Error) Error() string {
	s := e.Message
	if e.Col > 0 {
		s = "col " + strconv.Itoa(e.Col) + ": " + s
	}
	if e.Hint != "" {
		s += " (" + e.Hint + ")"
	}
	return s
}

// LateResult is the result of a call that blocked on an earlier line.
type LateResult struct {
	Call  int    `json:"call"` // call number, as in trace events
	Line  int    `json:"line"` // the line that made the call
	Host  string `json:"host"`
	Text  string `json:"text"`            // e.g. "a = accept(s) = 4"
	Errno string `json:"errno,omitempty"` // the call failed: "ECONNREFUSED"
}

// State is a snapshot of everything renderers and graders read.
type State struct {
	Now      time.Duration `json:"now"` // virtual time, nanoseconds
	Seed     uint64        `json:"seed"`
	Auto     bool          `json:"auto"`
	Lines    int           `json:"lines"` // lines in effect
	Total    int           `json:"total"` // lines recorded, including those after an undo or goto that can be gone forward to
	Hosts    []HostState   `json:"hosts"`
	InFlight []Flight      `json:"inflight"`
	// Link is the latency and loss of the link from the first host to the
	// second (client to server), what net> latency and loss set on every
	// link: the page's toolbar shows it.
	Link LinkState `json:"link"`
}

// LinkState is one direction of a link as the toolbar shows it.
type LinkState struct {
	Latency time.Duration `json:"latency"` // one way, nanoseconds
	Loss    string        `json:"loss"`    // as net> loss takes it: "5%"
}

// HostState is one host: its sockets, its variables and what blocks it.
type HostState struct {
	Name    string        `json:"name"`
	Addr    string        `json:"addr"`
	Pending *Pending      `json:"pending,omitempty"`
	Sockets []SocketState `json:"sockets"`
	// More counts the sockets a brief state (State.Brief) left out.
	More    []SocketCount  `json:"more,omitempty"`
	Names   map[string]int `json:"names"`   // variables assigned on this host
	Dropped int            `json:"dropped"` // malformed or bad-checksum packets it discarded
	// Network is the network a crowd's host owns ("10.1.0.0/16"), "" for
	// other hosts.
	Network string `json:"network,omitempty"`
	// ListenOverflows and ListenDrops are Linux's nstat counters of SYNs
	// and handshake ACKs dropped at full listen queues.
	ListenOverflows int `json:"listenOverflows,omitempty"`
	ListenDrops     int `json:"listenDrops,omitempty"`
	// Down: the host crashed (net> crash) and has not rebooted.
	Down bool `json:"down,omitempty"`
}

// Pending is a host's blocked call.
type Pending struct {
	Call int    `json:"call"`
	Line int    `json:"line"`
	Text string `json:"text"` // "accept(s)"
	On   string `json:"on"`   // what it waits for
}

// SocketState is one socket as `ss` and the socket panel show it.
type SocketState struct {
	FD      int         `json:"fd"`
	Proto   string      `json:"proto"` // "tcp" or "udp"
	Local   string      `json:"local"`
	Remote  string      `json:"remote"`
	State   string      `json:"state"`   // RFC 9293 name, "ESTABLISHED"
	SSState string      `json:"ssState"` // ss's name, "ESTAB"
	RecvQ   int         `json:"recvQ"`
	SendQ   int         `json:"sendQ"`
	TCP     *TCPVars    `json:"tcp,omitempty"`
	Last    *Transition `json:"last,omitempty"` // the most recent state change
	// Listener is the fd of the listening socket a connection waits in or
	// was accepted from, while it listens; -1 otherwise.
	Listener int `json:"listener"`
	// Queues are a listening socket's SYN and accept queues.
	Queues *ListenQueues `json:"queues,omitempty"`
}

// ListenQueues are a listener's queues as Linux 6.x bounds them: the
// handshakes in progress (SYN queue) and the connections waiting for
// accept, each with the most it admits (backlog+1; the SYN queue also
// keeps the last quarter of tcp_max_syn_backlog free).
type ListenQueues struct {
	SynQ      int `json:"synQ"`
	SynMax    int `json:"synMax"`
	AcceptQ   int `json:"acceptQ"`
	AcceptMax int `json:"acceptMax"`
}

// Transition is a state change with the event that caused it.
type Transition struct {
	From   string        `json:"from"`
	To     string        `json:"to"`
	Reason string        `json:"reason"`
	Time   time.Duration `json:"time"`
}

// TCPVars are the RFC 9293 send and receive sequence variables and the
// congestion state, plus buffer occupancy for drawing.
type TCPVars struct {
	ISS        uint32        `json:"iss"`
	IRS        uint32        `json:"irs"`
	SndUna     uint32        `json:"sndUna"`
	SndNxt     uint32        `json:"sndNxt"`
	SndWnd     uint32        `json:"sndWnd"`
	RcvNxt     uint32        `json:"rcvNxt"`
	RcvWnd     uint32        `json:"rcvWnd"`
	Cwnd       uint32        `json:"cwnd"`
	Ssthresh   uint32        `json:"ssthresh"`
	MSS        int           `json:"mss"`
	SRTT       time.Duration `json:"srtt"`
	RTO        time.Duration `json:"rto"`
	SendBuf    int           `json:"sendBuf"`              // capacity
	Unacked    int           `json:"unacked"`              // sent, not yet acknowledged
	Unsent     int           `json:"unsent"`               // queued, not yet sent
	RecvBuf    int           `json:"recvBuf"`              // capacity
	Readable   int           `json:"readable"`             // in order, waiting for recv
	OutOfOrder [][2]uint32   `json:"outOfOrder,omitempty"` // [start, end) ranges held for reassembly
}

// Flight is a packet on the wire.
type Flight struct {
	ID       int           `json:"id"`
	From     string        `json:"from"`
	To       string        `json:"to"`
	SentAt   time.Duration `json:"sentAt"`
	ArriveAt time.Duration `json:"arriveAt"`
	Summary  string        `json:"summary"` // tcpdump's line without the time
	Label    string        `json:"label,omitempty"`
}

// PacketView is one packet decoded for the inspector.
type PacketView struct {
	ID       int      `json:"id"`
	Summary  string   `json:"summary"`
	Layers   []Layer  `json:"layers"`
	Hex      string   `json:"hex"` // hexdump -C style: offset, hex, ASCII
	Label    string   `json:"label,omitempty"`
	Problems []string `json:"problems,omitempty"` // e.g. "bad tcp checksum"
}

// Layer is one protocol header, field by field.
type Layer struct {
	Name   string  `json:"name"` // "IPv4", "TCP", "HTTP"
	Fields []Field `json:"fields"`
}

// Field is one header field with where its bytes are.
type Field struct {
	Name   string `json:"name"`
	Value  string `json:"value"`
	Offset int    `json:"offset"` // in the packet's bytes
	Len    int    `json:"len"`
}
