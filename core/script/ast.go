package script

import (
	"strings"
	"time"

	"github.com/sockplay/sockplay/core/inet"
)

// Pos is where a node starts: its 1-based column, counted in characters
// (runes), in the text that was parsed.
type Pos struct {
	Col int
}

// Start reports where the node begins; every node embeds Pos.
func (p Pos) Start() Pos { return p }

// LineKind says what a parsed line holds.
type LineKind int

const (
	BlankLine   LineKind = iota // nothing, or a prompt with nothing after it
	CommentLine                 // only a # comment
	HostLine                    // HOST> call or host command
	NetLine                     // net> command
	SessionLine                 // undo, goto N, help [TOPIC]: written bare or after any prompt
)

// Line is one parsed line of a script.
type Line struct {
	Kind    LineKind
	Host    string // "client", "server", ... for HostLine; "net" for NetLine; "" otherwise
	HostPos Pos
	Stmt    Stmt   // nil for blank and comment lines
	Comment string // the # comment's text, trimmed; "" when there is none
}

// Stmt is a statement: *CallStmt or *Command.
type Stmt interface {
	Start() Pos
	stmtNode()
}

// CallStmt is `call(...)` or `target = call(...)`.
type CallStmt struct {
	Pos
	Target *Var // nil when the result is not assigned
	Call   *Call
}

// Call is a socket or library call such as connect(c, server:80) or
// http.serve(s, version=1.1).
type Call struct {
	Pos
	Name     string // possibly dotted: "http.serve"
	Args     []Expr // positional arguments, in order
	Keywords []*Keyword
	Close    Pos // the closing parenthesis, for "missing argument" errors
}

// Keyword is a name=value argument.
type Keyword struct {
	Pos
	Name  string
	Value Expr
}

// Command is a host command (ss, tcpdump), a net> command (step, wait, loss
// ...) or a session command (undo, goto, help). Which one is told by the
// Line's Kind and the command's Name.
type Command struct {
	Pos
	Name string
	Args []Expr
	// Script is what a crowd's clients run: the calls after `run`,
	// separated by `;`.
	Script []*CallStmt
}

func (*CallStmt) stmtNode() {}
func (*Command) stmtNode()  {}

// Expr is an argument value.
type Expr interface {
	Start() Pos
	exprNode()
}

// Int is an integer literal, remembering the base it was written in so the
// formatter writes 0x40 back as 0x40.
type Int struct {
	Pos
	Value int64
	Base  int // 10, 16 or 8
}

// Float is a decimal number with a fraction, such as an HTTP version 1.1.
type Float struct {
	Pos
	Value float64
}

// String is a double-quoted string, escapes decoded; it may hold any bytes.
// Written "x" * N, it stands for Value repeated N times.
type String struct {
	Pos
	Value  string
	Repeat int // the N of "x" * N; 0 when not repeated
}

// Bytes is the string's value with any repetition applied.
func (s *String) Bytes() string {
	if s.Repeat > 0 {
		return strings.Repeat(s.Value, s.Repeat)
	}
	return s.Value
}

// Data is Bytes as a byte slice of its own, built in one allocation
// (bulk data may be 16 MiB).
func (s *String) Data() []byte {
	b := make([]byte, len(s.Value)*max(s.Repeat, 1))
	for k := copy(b, s.Value); k < len(b); {
		k += copy(b[k:], b[:k]) // doubling, as strings.Repeat
	}
	return b
}

// Var names a variable of the host, e.g. s or conn.
type Var struct {
	Pos
	Name string
}

// Const is a named constant from the constants table, e.g. AF_INET.
type Const struct {
	Pos
	Name  string
	Value int64
}

// Null is NULL: no value, where C would pass a null pointer.
type Null struct {
	Pos
}

// Or is constants or integers joined with |, e.g. POLLIN|POLLOUT.
type Or struct {
	Pos
	Terms []Expr // each an *Int, *Const or *Var
}

// Address is IP:PORT or HOSTNAME:PORT. Exactly one of IP and Host is set;
// *:PORT is stored as IP 0.0.0.0.
type Address struct {
	Pos
	IP   inet.Addr
	Host string
	Port int
}

// IP is an IPv4 address without a port, as in `net> host db 10.0.0.3`.
type IP struct {
	Pos
	Addr inet.Addr
}

// Prefix is an IPv4 network written ADDRESS/BITS, as in
// `net> crowd 100 from 10.1.0.0/16 run ...`.
type Prefix struct {
	Pos
	Addr inet.Addr
	Bits int
}

// Duration is a span of virtual time such as 200ms or 2m.
type Duration struct {
	Pos
	Value time.Duration
}

// Percent is a probability written as 5% (Value 5).
type Percent struct {
	Pos
	Value float64
}

// Rate is a link speed such as 10Mbit.
type Rate struct {
	Pos
	BitsPerSecond int64
}

// List is [a, b, ...].
type List struct {
	Pos
	Elems []Expr
}

// Struct is {a, b, ...}, a C struct written by its fields in order, e.g.
// SO_LINGER's {1, 0} or poll's {fd, events}.
type Struct struct {
	Pos
	Fields []Expr
}

// Name is a bare word given to a command: a host name, on/off, a help topic.
type Name struct {
	Pos
	Name string
}

// Direction is FROM>TO, the one-way link a net> command applies to.
type Direction struct {
	Pos
	From, To string
}

// Setting is a sysctl's NAME or NAME=VALUE.
type Setting struct {
	Pos
	Name  string
	Value int64
	Set   bool // NAME=VALUE: write Value
}

// Flag is a command option such as -tan.
type Flag struct {
	Pos
	Letters string // without the dash
}

func (*Int) exprNode()       {}
func (*Float) exprNode()     {}
func (*String) exprNode()    {}
func (*Var) exprNode()       {}
func (*Const) exprNode()     {}
func (*Null) exprNode()      {}
func (*Or) exprNode()        {}
func (*Address) exprNode()   {}
func (*IP) exprNode()        {}
func (*Prefix) exprNode()    {}
func (*Duration) exprNode()  {}
func (*Percent) exprNode()   {}
func (*Rate) exprNode()      {}
func (*List) exprNode()      {}
func (*Struct) exprNode()    {}
func (*Setting) exprNode()   {}
func (*Name) exprNode()      {}
func (*Direction) exprNode() {}
func (*Flag) exprNode()      {}
