package goal

import (
	"strconv"
	"strings"

	"github.com/sockplay/sockplay/core/errno"
	"github.com/sockplay/sockplay/core/limits"
	"github.com/sockplay/sockplay/core/tcp"
	"github.com/sockplay/sockplay/core/trace"
	"github.com/sockplay/sockplay/core/wire"
)

// maxGoalBytes bounds a goal's text: goals are one line each.
const maxGoalBytes = 1024

// maxDepth bounds nesting of not and parentheses.
const maxDepth = 32

// Parse reads one goal. A malformed goal gets an *Error with the column.
func Parse(src string) (*Goal, error) {
	if len(src) > maxGoalBytes {
		return nil, &Error{1, "a goal is at most " + strconv.Itoa(maxGoalBytes) + " bytes; this one is " + strconv.Itoa(len(src))}
	}
	toks, err := lex(src)
	if err != nil {
		return nil, err
	}
	p := &parser{toks: toks}
	root := p.or()
	if p.err == nil && p.peek().kind != tEOF {
		p.failHere("expected `and`, `or` or the end of the goal")
	}
	if p.err != nil {
		return nil, p.err
	}
	return &Goal{Text: strings.TrimSpace(src), root: root}, nil
}

type parser struct {
	toks  []token
	pos   int
	depth int
	err   *Error
}

func (p *parser) peek() token { return p.toks[p.pos] }

func (p *parser) next() token {
	t := p.toks[p.pos]
	if t.kind != tEOF {
		p.pos++
	}
	return t
}

// is reports whether the next token is the word w (and takes it).
func (p *parser) is(w string) bool {
	if t := p.peek(); t.kind == tWord && t.text == w {
		p.pos++
		return true
	}
	return false
}

func (p *parser) fail(col int, msg string) {
	if p.err == nil {
		p.err = &Error{col, msg}
	}
	p.pos = len(p.toks) - 1 // stop reading
}

// failHere names what was found at the next token.
func (p *parser) failHere(want string) {
	t := p.peek()
	p.fail(t.col, want+", found "+describe(t))
}

func describe(t token) string {
	switch t.kind {
	case tEOF:
		return "the end of the goal"
	case tFlags:
		return "flags [" + t.text + "]"
	case tString:
		return "a string"
	}
	return "`" + t.text + "`"
}

func (p *parser) or() node {
	terms := []node{p.and()}
	for p.err == nil && p.is("or") {
		terms = append(terms, p.and())
	}
	if len(terms) == 1 {
		return terms[0]
	}
	return &orNode{terms}
}

func (p *parser) and() node {
	terms := []node{p.unary()}
	for p.err == nil && p.is("and") {
		terms = append(terms, p.unary())
	}
	if len(terms) == 1 {
		return terms[0]
	}
	return &andNode{terms}
}

func (p *parser) unary() node {
	if p.depth++; p.depth > maxDepth {
		p.failHere("nested more than " + strconv.Itoa(maxDepth) + " deep")
		return nil
	}
	defer func() { p.depth-- }()
	t := p.peek()
	switch {
	case t.kind == tLParen:
		p.next()
		n := p.or()
		if p.err == nil && p.peek().kind != tRParen {
			p.failHere("expected `)` to close the `(` at col " + strconv.Itoa(t.col))
		}
		p.next()
		return n
	case t.kind != tWord:
		p.failHere("expected a goal (socket, segment, retransmit, call, count, never, …)")
		return nil
	case t.text == "not":
		p.next()
		return &notNode{p.unary()}
	case t.text == "never":
		p.next()
		return &never{p.event()}
	case t.text == "count":
		p.next()
		return p.count()
	case t.text == "socket":
		p.next()
		return p.socket()
	}
	e := p.event()
	if p.err == nil && p.is("before") {
		return &before{e, p.event()}
	}
	return &happened{e}
}

func (p *parser) count() node {
	n := &counted{e: p.event()}
	if p.is("per") {
		if !p.is("connection") {
			p.failHere("expected `connection` after `per`")
		}
		if n.e != nil && n.e.kind != evSegment && n.e.kind != evDatagram {
			p.fail(p.toks[p.pos-2].col, "only packets are counted per connection")
		}
		n.perConn = true
	}
	t := p.peek()
	if p.err == nil && t.kind != tCmp {
		p.failHere("expected a comparison (>=, >, ==, !=, <, <=) after what is counted")
		return n
	}
	p.next()
	n.cmp = t.text
	n.n = p.number("a count")
	return n
}

func (p *parser) number(what string) int {
	t := p.peek()
	if t.kind != tNumber {
		p.failHere("expected " + what)
		return 0
	}
	p.next()
	v, err := strconv.Atoi(t.text)
	if err != nil || v > limits.IntMax {
		p.fail(t.col, "expected "+what+" (a whole number up to "+strconv.Itoa(limits.IntMax)+")")
	}
	return v
}

// word takes a name: a host, a call, a state.
func (p *parser) word(what string) (string, int) {
	t := p.peek()
	if t.kind != tWord || keywords[t.text] {
		p.failHere("expected " + what)
		return "", t.col
	}
	p.next()
	return t.text, t.col
}

// keywords cannot be host names.
var keywords = map[string]bool{"and": true, "or": true, "not": true, "before": true, "per": true}

func (p *parser) host(what string) string {
	h, _ := p.word(what)
	if h == "*" {
		return ""
	}
	return h
}

func (p *parser) socket() node {
	n := &socketIs{host: p.host("a host name (client, server, …) after `socket`")}
	if p.is("port") {
		n.port = p.number("a port number")
		if p.err == nil && (n.port < 1 || n.port > 65535) {
			p.fail(p.toks[p.pos-1].col, "a port is 1 to 65535")
		}
	}
	st, col := p.word("a state (LISTEN, ESTABLISHED, TIME-WAIT, …)")
	if p.err == nil && !knownState(st) {
		p.fail(col, "no state "+st+"; states are "+strings.Join(stateList(), ", "))
	}
	n.state = st
	return n
}

func knownState(s string) bool {
	for _, k := range stateList() {
		if k == s {
			return true
		}
	}
	return false
}

// stateList is RFC 9293's states, and UDP's as ss prints them.
func stateList() []string {
	var l []string
	for s := tcp.Closed; s <= tcp.TimeWait; s++ {
		l = append(l, s.String())
	}
	return append(l, "UNCONN", "ESTAB")
}

// event reads an event pattern.
func (p *parser) event() *Event {
	t := p.peek()
	if t.kind != tWord {
		p.failHere("expected an event (segment, retransmit, zero-window, request, datagram, icmp, call, entered, fired)")
		return nil
	}
	p.next()
	e := &Event{fate: trace.Send, win: -1, icmpType: -1, icmpCode: -1}
	switch t.text {
	case "segment":
		e.kind = evSegment
	case "retransmit":
		e.kind = evSegment
		e.anyRexmit = true
		switch {
		case p.is("timeout"):
			e.cause, e.anyRexmit = tcp.CauseRetransmitTimeout.String(), false
		case p.is("fast"):
			e.cause, e.anyRexmit = tcp.CauseRetransmitFast.String(), false
		case p.is("recovery"):
			e.cause, e.anyRexmit = tcp.CauseRetransmitRecovery.String(), false
		}
	case "zero-window":
		e.kind, e.win = evSegment, 0
	case "request":
		e.kind, e.request = evSegment, true
	case "datagram":
		e.kind = evDatagram
	case "icmp":
		e.kind = evICMP
		if p.is("port-unreachable") {
			e.icmpType, e.icmpCode = int(wire.ICMPDestUnreachable), int(wire.ICMPCodePortUnreachable)
		}
	case "call":
		e.kind = evCall
		p.call(e)
		return e
	case "entered":
		e.kind = evEntered
		e.host = p.host("a host name after `entered`")
		st, col := p.word("a state after the host")
		if p.err == nil && !knownState(st) {
			p.fail(col, "no state "+st+"; states are "+strings.Join(stateList(), ", "))
		}
		e.state = st
		return e
	case "fired":
		e.kind = evFired
		e.host = p.host("a host name after `fired`")
		e.timer, _ = p.word("a timer (retransmit, persist, delack, keepalive, time-wait, …)")
		return e
	default:
		p.fail(t.col, "expected an event (segment, retransmit, zero-window, request, datagram, icmp, call, entered, fired), found "+describe(t))
		return nil
	}
	p.packetFilters(e)
	return e
}

// packetFilters reads what narrows a packet pattern, in any order.
func (p *parser) packetFilters(e *Event) {
	for p.err == nil {
		t := p.peek()
		switch {
		case t.kind == tWord && t.text != "*" && !keywords[t.text] && p.toks[p.pos+1].kind == tCmp && p.toks[p.pos+1].text == ">" && p.toks[p.pos+2].kind == tWord:
			// A > B, as tcpdump writes a direction.
			p.next()
			p.next()
			e.from = t.text
			e.to = p.host("a host name after `>`")
		case t.kind == tWord && t.text == "*" && p.toks[p.pos+1].kind == tCmp && p.toks[p.pos+1].text == ">":
			p.next()
			p.next()
			e.to = p.host("a host name after `>`")
		case t.kind == tFlags:
			p.next()
			p.flags(e, t)
		case p.is("from"):
			e.from = p.host("a host name after `from`")
		case p.is("to"):
			e.to = p.host("a host name after `to`")
		case p.is("sent"):
			e.fate = trace.Send
		case p.is("delivered"):
			e.fate = trace.Deliver
		case p.is("dropped"):
			e.fate = trace.Drop
		case p.is("data"):
			e.data = 1
		case p.is("no-data"):
			e.data = -1
		case e.kind == evSegment && p.is("while-unacked"):
			e.unacked = true
		case e.kind == evSegment && p.is("win"):
			e.win = p.number("a window (the raw field) after `win`")
		case e.kind == evSegment && p.is("cause"):
			c, col := p.word("a cause (syn, data, retransmit-timeout, dup-ack, …)")
			if p.err == nil && !knownCause(c) {
				p.fail(col, "no cause "+c+"; causes are "+strings.Join(causeList(), ", "))
			}
			e.cause = c
		default:
			return
		}
	}
}

// flags reads tcpdump's flag letters: [S.] is exactly SYN and ACK, [F*]
// is FIN with any others.
func (p *parser) flags(e *Event, t token) {
	if e.kind != evSegment {
		p.fail(t.col, "only TCP segments have flags")
		return
	}
	s := t.text
	if strings.HasSuffix(s, "*") {
		e.flagsMore = true
		s = s[:len(s)-1]
	}
	if s == "none" {
		s = ""
	}
	for i := 0; i < len(s); i++ {
		f, ok := flagLetter(s[i])
		if !ok {
			p.fail(t.col+1+i, "no TCP flag "+quoteByte(s[i])+"; tcpdump's letters are S F R P . U E W, and * for any others")
			return
		}
		e.flags |= f
	}
	e.flagsSet = true
}

func flagLetter(c byte) (wire.TCPFlags, bool) {
	for i, l := range "FSRP.UEW" {
		if byte(l) == c {
			return wire.TCPFlags(1) << i, true
		}
	}
	return 0, false
}

func knownCause(c string) bool {
	for _, k := range causeList() {
		if k == c {
			return true
		}
	}
	return false
}

func causeList() []string {
	var l []string
	for c := tcp.CauseNone + 1; !strings.HasPrefix(c.String(), "cause("); c++ {
		l = append(l, c.String())
	}
	return l
}

// call reads `call HOST OP [returns [CMP] N | fails [ERRNO]]`.
func (p *parser) call(e *Event) {
	e.host = p.host("a host name after `call`")
	e.op, _ = p.word("a call's name (connect, recv, …) after the host")
	if e.op == "*" {
		e.op = ""
	}
	switch {
	case p.is("fails"):
		e.fails = true
		if t := p.peek(); t.kind == tWord && !keywords[t.text] {
			p.next()
			if _, ok := errno.ByName(t.text); !ok {
				p.fail(t.col, "no errno "+t.text+" (ECONNREFUSED, EADDRINUSE, ETIMEDOUT, …)")
			}
			e.errno = t.text
		}
	case p.is("returns"):
		e.retCmp = "=="
		if t := p.peek(); t.kind == tCmp {
			p.next()
			e.retCmp = t.text
		}
		e.ret = p.number("a return value after `returns`")
	}
}
