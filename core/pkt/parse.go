package pkt

import (
	"strconv"
	"strings"
	"time"
)

// Error is a problem with a script, at a line: `FILE:LINE: message`.
type Error struct {
	File   string `json:"file"`
	Line   int    `json:"line"`
	Msg    string `json:"message"`
	Packet int    `json:"packet,omitempty"` // the wire's number of the live packet that did not match, 0 if none
}

func (e *Error) Error() string { return e.File + ":" + strconv.Itoa(e.Line) + ": " + e.Msg }

// MaxScript bounds the size of a script parsed at once.
const MaxScript = 1 << 20

// DefaultTolerance is packetdrill's --tolerance_usecs default.
const DefaultTolerance = 4 * time.Millisecond

// Parse reads a packetdrill script. Anything it does not model (IPv6,
// UDP and ICMP packets, TCP Fast Open, MD5, `%{ }%` Python other than
// TCP_INFO assertions,
// unknown options) is refused with "not supported", never skipped.
func Parse(file, src string) (*Script, error) {
	if len(src) > MaxScript {
		return nil, &Error{File: file, Line: 1, Msg: "script too long: " + strconv.Itoa(len(src)) + " bytes (at most " + strconv.Itoa(MaxScript) + ")"}
	}
	p := &parser{file: file, src: src, line: 1}
	s := &Script{File: file, Options: Options{Tolerance: DefaultTolerance}}
	if err := p.script(s); err != nil {
		return nil, err
	}
	return s, nil
}

type parser struct {
	file string
	src  string
	pos  int
	line int
}

type parseError struct{ err *Error }

func (p *parser) fail(msg string) { panic(parseError{&Error{File: p.file, Line: p.line, Msg: msg}}) }

func (p *parser) unsupported(what string) { p.fail("not supported: " + what) }

func (p *parser) script(s *Script) (err error) {
	defer func() {
		if r := recover(); r != nil {
			pe, ok := r.(parseError)
			if !ok {
				panic(r)
			}
			err = pe.err
		}
	}()
	for p.space(); p.pos < len(p.src); p.space() {
		if strings.HasPrefix(p.src[p.pos:], "--") {
			if len(s.Events) > 0 {
				p.fail("option " + p.word() + " after the first event")
			}
			p.option(&s.Options)
			continue
		}
		s.Events = append(s.Events, p.event())
	}
	return nil
}

// space skips blanks, newlines and comments (// and /* */).
func (p *parser) space() {
	for p.pos < len(p.src) {
		c := p.src[p.pos]
		switch {
		case c == '\n':
			p.line++
			p.pos++
		case c == ' ' || c == '\t' || c == '\r':
			p.pos++
		case strings.HasPrefix(p.src[p.pos:], "//"):
			for p.pos < len(p.src) && p.src[p.pos] != '\n' {
				p.pos++
			}
		case strings.HasPrefix(p.src[p.pos:], "/*"):
			end := strings.Index(p.src[p.pos+2:], "*/")
			if end < 0 {
				p.fail("unterminated /* comment")
			}
			p.line += strings.Count(p.src[p.pos:p.pos+2+end], "\n")
			p.pos += end + 4
		default:
			return
		}
	}
}

// blank skips blanks on this line only.
func (p *parser) blank() {
	for p.pos < len(p.src) && (p.src[p.pos] == ' ' || p.src[p.pos] == '\t' || p.src[p.pos] == '\r') {
		p.pos++
	}
}

func (p *parser) peek(s string) bool { return strings.HasPrefix(p.src[p.pos:], s) }

func (p *parser) accept(s string) bool {
	if p.peek(s) {
		p.pos += len(s)
		return true
	}
	return false
}

func (p *parser) expect(s string) {
	p.space()
	if !p.accept(s) {
		p.fail("expected " + strconv.Quote(s) + ", found " + p.found())
	}
}

// found describes what is at the current position, for messages.
func (p *parser) found() string {
	if p.pos >= len(p.src) {
		return "end of file"
	}
	end := p.pos
	for end < len(p.src) && end-p.pos < 20 && p.src[end] != '\n' {
		end++
	}
	return strconv.Quote(p.src[p.pos:end])
}

func isWordByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-'
}

// word reads letters, digits, '_' and '-' (option names, constants).
func (p *parser) word() string {
	start := p.pos
	for p.pos < len(p.src) && isWordByte(p.src[p.pos]) {
		p.pos++
	}
	return p.src[start:p.pos]
}

// option is `--name=value` or `--name`.
func (p *parser) option(o *Options) {
	p.pos += 2
	name := p.word()
	value := ""
	if p.accept("=") {
		start := p.pos
		for p.pos < len(p.src) && p.src[p.pos] > ' ' {
			p.pos++
		}
		value = p.src[start:p.pos]
	}
	number := func() int {
		n, err := strconv.Atoi(value)
		if err != nil || n < 0 || n > 1e9 {
			p.fail("--" + name + " needs a number, not " + strconv.Quote(value))
		}
		return n
	}
	switch name {
	case "tolerance_usecs":
		o.Tolerance = time.Duration(number()) * time.Microsecond
	case "tcp_ts_tick_usecs":
		o.TSTick = time.Duration(number()) * time.Microsecond
	case "mss":
		o.MSS = number()
	case "strict_segments":
		o.StrictSegments = true
	case "send_omit_free":
		// packetdrill frees nothing it sends either way here.
	case "ip_version":
		if value != "ipv4" {
			p.unsupported("--ip_version=" + value + " (IPv4 only)")
		}
	default:
		p.unsupported("option --" + name)
	}
}

func (p *parser) event() Event {
	ev := Event{Line: p.line}
	if p.peek("`") { // a command may come without a time: it runs at once
		ev.Shell = p.shell()
		return ev
	}
	ev.When = p.when()
	p.space()
	switch {
	case p.peek("<") || p.peek(">"):
		ev.Packet = p.packet()
	case p.peek("`"):
		ev.Shell = p.shell()
	case p.peek("%{"):
		ev.Code = p.code()
	default:
		ev.Call = p.call()
	}
	return ev
}

// when reads an event time: 0.1, +0.1, *, a~b, +a~+b, t...end.
func (p *parser) when() When {
	if p.accept("*") {
		return When{Kind: AnyTime}
	}
	w := When{Kind: Absolute}
	if p.accept("+") {
		w.Kind = Relative
	}
	w.At = p.seconds()
	switch {
	case p.accept("~"):
		if w.Kind == Relative {
			w.Kind = RelativeRange
			if !p.accept("+") {
				p.fail("a relative range is written +a~+b")
			}
		} else {
			w.Kind = AbsoluteRange
		}
		w.End = p.seconds()
		if w.End < w.At {
			p.fail("time range ends before it starts")
		}
	case p.accept("..."):
		w.Blocking = true
		w.BlockEnd = p.seconds()
	}
	return w
}

// seconds reads a decimal number of seconds exactly, to the microsecond.
func (p *parser) seconds() time.Duration {
	start := p.pos
	var us int64
	digits := 0
	for p.pos < len(p.src) && p.src[p.pos] >= '0' && p.src[p.pos] <= '9' {
		us = us*10 + int64(p.src[p.pos]-'0')
		digits++
		p.pos++
		if digits > 9 {
			p.fail("time too large")
		}
	}
	us *= 1e6
	if p.peek(".") && !p.peek("...") {
		p.pos++
		scale := int64(1e5)
		for p.pos < len(p.src) && p.src[p.pos] >= '0' && p.src[p.pos] <= '9' {
			us += int64(p.src[p.pos]-'0') * scale
			scale /= 10
			digits++
			p.pos++
		}
	}
	if digits == 0 {
		p.pos = start
		p.fail("expected a time in seconds, found " + p.found())
	}
	return time.Duration(us) * time.Microsecond
}

func (p *parser) shell() string {
	p.pos++
	end := strings.IndexByte(p.src[p.pos:], '`')
	if end < 0 {
		p.fail("unterminated ` command")
	}
	cmd := p.src[p.pos : p.pos+end]
	p.line += strings.Count(cmd, "\n")
	p.pos += end + 1
	return strings.TrimSpace(cmd)
}

// number reads an unsigned decimal integer up to max.
func (p *parser) number(what string, max uint64) uint64 {
	p.blank()
	start := p.pos
	for p.pos < len(p.src) && p.src[p.pos] >= '0' && p.src[p.pos] <= '9' {
		p.pos++
	}
	n, err := strconv.ParseUint(p.src[start:p.pos], 10, 64)
	if err != nil || n > max {
		if start == p.pos {
			p.fail("expected " + what + ", found " + p.found())
		}
		p.fail(what + " " + p.src[start:p.pos] + " out of range (at most " + strconv.FormatUint(max, 10) + ")")
	}
	return n
}

func (p *parser) packet() *Packet {
	pk := &Packet{Out: p.src[p.pos] == '>'}
	p.pos++
	p.blank()
	for _, proto := range []string{"udp", "icmp", "[", "mpls", "gre"} {
		if p.peek(proto) {
			p.unsupported(strings.Trim(proto, "[") + " packets (TCP only)")
		}
	}
	start := p.pos
	for p.pos < len(p.src) && strings.IndexByte("SFRP.EWU", p.src[p.pos]) >= 0 {
		p.pos++
	}
	pk.Flags = p.src[start:p.pos]
	if pk.Flags == "" {
		p.fail("expected TCP flags (S, F, R, P, ., E, W, U), found " + p.found())
	}
	if strings.ContainsAny(pk.Flags, "EWU") {
		p.unsupported("flags " + pk.Flags + " (ECN and urgent data are not modelled)")
	}
	pk.Seq = uint32(p.number("sequence number", 1<<32-1))
	p.blank()
	if !p.accept(":") {
		p.fail("expected start:end(length), found " + p.found())
	}
	pk.End = uint32(p.number("sequence number", 1<<32-1))
	p.blank()
	if !p.accept("(") {
		p.fail("expected (length), found " + p.found())
	}
	pk.Len = int(p.number("length", 1<<20))
	if !p.accept(")") {
		p.fail("expected ) after the length, found " + p.found())
	}
	if pk.End-pk.Seq != uint32(pk.Len) {
		p.fail("sequence range " + strconv.FormatUint(uint64(pk.Seq), 10) + ":" + strconv.FormatUint(uint64(pk.End), 10) + " does not hold " + strconv.Itoa(pk.Len) + " bytes")
	}
	for {
		p.blank()
		switch {
		case p.accept("ack"):
			pk.HasAck = true
			pk.Ack = uint32(p.number("ack number", 1<<32-1))
		case p.accept("win"):
			pk.HasWin = true
			pk.Win = uint16(p.number("window", 65535))
		case p.accept("<"):
			pk.HasOptions = true
			p.options(pk)
		case p.pos >= len(p.src) || p.src[p.pos] == '\n' || p.peek("//") || p.peek("/*"):
			return pk
		default:
			p.unsupported("packet field " + p.found())
		}
	}
}

// options reads a TCP option list up to '>'.
func (p *parser) options(pk *Packet) {
	p.blank()
	if p.accept("...>") {
		pk.AnyOptions = true
		return
	}
	if p.accept(">") {
		pk.Options = []Option{}
		return
	}
	for {
		p.blank()
		name := p.word()
		o := Option{}
		switch name {
		case "nop":
			o.Kind = OptNOP
		case "eol":
			o.Kind = OptEOL
		case "sackOK":
			o.Kind = OptSACKOK
		case "mss":
			o.Kind, o.Value = OptMSS, uint32(p.number("mss", 65535))
		case "wscale":
			o.Kind, o.Value = OptWScale, uint32(p.number("wscale", 255))
		case "TS":
			o.Kind = OptTimestamp
			p.blank()
			if p.word() != "val" {
				p.fail("expected TS val N ecr M")
			}
			o.TSVal = uint32(p.number("TS val", 1<<32-1))
			p.blank()
			if p.word() != "ecr" {
				p.fail("expected TS val N ecr M")
			}
			o.TSEcr = uint32(p.number("TS ecr", 1<<32-1))
		case "sack":
			o.Kind = OptSACK
			for {
				p.blank()
				if p.pos >= len(p.src) || p.src[p.pos] < '0' || p.src[p.pos] > '9' {
					break
				}
				l := uint32(p.number("SACK block start", 1<<32-1))
				if !p.accept(":") {
					p.fail("expected a SACK block L:R, found " + p.found())
				}
				o.Blocks = append(o.Blocks, [2]uint32{l, uint32(p.number("SACK block end", 1<<32-1))})
			}
			if len(o.Blocks) == 0 || len(o.Blocks) > 4 {
				p.fail("a SACK option holds 1 to 4 blocks")
			}
		case "":
			p.fail("expected a TCP option, found " + p.found())
		default:
			p.unsupported("TCP option " + name)
		}
		pk.Options = append(pk.Options, o)
		p.blank()
		if p.accept(">") {
			return
		}
		if !p.accept(",") {
			p.fail("expected ',' or '>' in the option list, found " + p.found())
		}
	}
}

// call reads `name(args) = result [ERRNO (text)]`.
func (p *parser) call() *Call {
	c := &Call{Name: p.word()}
	if c.Name == "" {
		p.fail("expected a packet, a call or a `command`, found " + p.found())
	}
	p.blank()
	if !p.accept("(") {
		p.fail("expected ( after " + c.Name + ", found " + p.found())
	}
	p.space()
	if !p.accept(")") {
		for {
			c.Args = append(c.Args, p.expr())
			p.space()
			if p.accept(")") {
				break
			}
			if !p.accept(",") {
				p.fail("expected ',' or ')' in the arguments of " + c.Name + ", found " + p.found())
			}
		}
	}
	p.expect("=")
	p.blank()
	neg := p.accept("-")
	var ret uint64
	if p.accept("0x") { // fcntl(F_GETFL) = 0x2 (flags O_RDWR)
		start := p.pos
		for p.pos < len(p.src) && strings.IndexByte("0123456789abcdefABCDEF", p.src[p.pos]) >= 0 {
			p.pos++
		}
		v, err := strconv.ParseUint(p.src[start:p.pos], 16, 62)
		if err != nil {
			p.fail("expected a hexadecimal result, found " + p.found())
		}
		ret = v
	} else {
		ret = p.number("the expected result", 1<<62)
	}
	c.Ret = int64(ret)
	if neg {
		c.Ret = -c.Ret
	}
	p.blank()
	errnoNext := p.pos < len(p.src) && p.src[p.pos] >= 'A' && p.src[p.pos] <= 'Z'
	if errnoNext || p.peek("(") { // an errno and its text, or a note: (flags O_RDWR)
		if errnoNext {
			c.Errno = p.word()
		}
		p.blank()
		if p.accept("(") {
			end := strings.IndexAny(p.src[p.pos:], ")\n")
			if end < 0 || p.src[p.pos+end] != ')' {
				p.fail("unterminated (errno text)")
			}
			p.pos += end + 1
		}
	}
	return c
}

// expr reads a call argument.
func (p *parser) expr() Expr {
	p.space()
	first := p.term()
	p.blank()
	if !p.peek("|") {
		return first
	}
	or := Expr{Kind: ExprName, Name: "|", Or: []Expr{first}}
	for p.accept("|") {
		p.space()
		or.Or = append(or.Or, p.term())
		p.blank()
	}
	return or
}

func (p *parser) term() Expr {
	switch {
	case p.accept("..."):
		return Expr{Kind: ExprEllipsis}
	case p.accept("["):
		e := Expr{Kind: ExprArray}
		p.space()
		for !p.accept("]") {
			e.Elems = append(e.Elems, p.expr())
			p.space()
			if !p.accept(",") && !p.peek("]") {
				p.fail("expected ',' or ']', found " + p.found())
			}
			p.space()
		}
		return e
	case p.accept("{"):
		e := Expr{Kind: ExprStruct}
		p.space()
		for !p.accept("}") {
			start := p.pos
			name := p.word()
			p.blank()
			if name != "" && p.accept("=") {
				e.Fields = append(e.Fields, name)
			} else {
				p.pos, name = start, ""
				e.Fields = append(e.Fields, "")
			}
			e.Elems = append(e.Elems, p.expr())
			p.space()
			if !p.accept(",") && !p.peek("}") {
				p.fail("expected ',' or '}', found " + p.found())
			}
			p.space()
		}
		return e
	case p.peek("\""):
		end := strings.IndexAny(p.src[p.pos+1:], "\"\n")
		if end < 0 || p.src[p.pos+1+end] != '"' {
			p.fail("unterminated string")
		}
		s := p.src[p.pos+1 : p.pos+1+end]
		p.pos += end + 2
		return Expr{Kind: ExprString, Str: s}
	case p.peek("-") || p.pos < len(p.src) && p.src[p.pos] >= '0' && p.src[p.pos] <= '9':
		neg := p.accept("-")
		if p.accept("0x") {
			start := p.pos
			for p.pos < len(p.src) && strings.IndexByte("0123456789abcdefABCDEF", p.src[p.pos]) >= 0 {
				p.pos++
			}
			n, err := strconv.ParseInt(p.src[start:p.pos], 16, 64)
			if err != nil {
				p.fail("bad hexadecimal number")
			}
			return Expr{Kind: ExprInt, Int: n}
		}
		n := int64(p.number("a number", 1<<62))
		if neg {
			n = -n
		}
		return Expr{Kind: ExprInt, Int: n}
	}
	name := p.word()
	if name == "" {
		p.fail("expected an argument, found " + p.found())
	}
	p.blank()
	if p.peek("(") {
		p.unsupported("function " + name + "() in an argument")
	}
	return Expr{Kind: ExprName, Name: name}
}
