package script

import (
	"strconv"
	"strings"

	"github.com/sockplay/sockplay/core/inet"
	"github.com/sockplay/sockplay/core/limits"
)

// maxNesting bounds lists and structs inside each other; poll needs two.
const maxNesting = 8

// value is a term, or terms joined with |.
func (p *parser) value() (Expr, *Error) {
	first, err := p.term()
	if err != nil || !isPunct(p.peek(), "|") {
		return first, err
	}
	or := &Or{Pos: first.Start(), Terms: []Expr{first}}
	for isPunct(p.peek(), "|") {
		p.next()
		t, err := p.term()
		if err != nil {
			return nil, err
		}
		or.Terms = append(or.Terms, t)
	}
	for _, t := range or.Terms {
		switch t.(type) {
		case *Int, *Const, *Var:
		default:
			return nil, errorAt(t.Start(), "e.g. POLLIN|POLLOUT", "only integers and constants can be joined with `|`")
		}
	}
	return or, nil
}

func (p *parser) term() (Expr, *Error) {
	t := p.peek()
	at := p.pos(t)
	switch {
	case t.kind == tokNumber:
		p.next()
		e, prob := parseNumber(t.text, at)
		if prob != nil {
			return nil, errorAt(at, prob.hint, prob.msg)
		}
		if isPunct(p.peek(), ":") {
			ip, ok := e.(*IP)
			if !ok {
				return nil, errorAt(at, "e.g. 10.0.0.2:80 or server:80", "bad address: `"+t.text+"` is not an IPv4 address or host name")
			}
			return p.port(&Address{Pos: at, IP: ip.Addr})
		}
		return e, nil
	case t.kind == tokString:
		p.next()
		str := &String{Pos: at, Value: t.text}
		if isPunct(p.peek(), "*") {
			return p.repeat(str)
		}
		return str, nil
	case t.kind == tokIdent:
		return p.name()
	case isPunct(t, "*"):
		p.next()
		if !isPunct(p.peek(), ":") {
			return nil, errorAt(at, "*:PORT means any local address, e.g. *:80", "expected `:` after `*`")
		}
		return p.port(&Address{Pos: at, IP: inet.IPv4Unspecified()}) // *:PORT is any local address
	case isPunct(t, "["), isPunct(t, "{"):
		return p.group()
	case t.kind == tokEOF && p.depth == 0:
		return nil, p.errAt(t, "close the call with `)`", "missing `)`")
	case t.kind == tokEOF:
		return nil, p.errAt(t, "close the list with `]` or the struct with `}`", "the line ends inside a list or struct")
	}
	return nil, p.errAt(t, "a value is a number, name, \"string\", address, [list] or {struct}", "expected a value, got "+describeToken(t))
}

// repeat parses the `* N` of "x" * N: bulk data without typing it out.
func (p *parser) repeat(str *String) (Expr, *Error) {
	star := p.next()
	t := p.peek()
	hint := `e.g. "x" * 10000 sends 10000 bytes`
	if t.kind != tokNumber {
		return nil, p.errAt(t, hint, "expected a count after `*`, got "+describeToken(t))
	}
	p.next()
	e, prob := parseNumber(t.text, p.pos(t))
	n, ok := e.(*Int)
	if prob != nil || !ok || n.Value < 1 {
		return nil, errorAt(p.pos(t), hint, "a string repeats a whole number of times, 1 or more")
	}
	if total, ok := limits.Mul(int64(len(str.Value)), n.Value); len(str.Value) == 0 || !ok || total > limits.RepeatedBytes {
		return nil, errorAt(p.pos(star), "at most 16 MiB, from a non-empty string", shorten(strconv.Quote(str.Value))+" * "+strconv.FormatInt(n.Value, 10)+" is too much data")
	}
	str.Repeat = int(n.Value)
	return str, nil
}

func (p *parser) name() (Expr, *Error) {
	t := p.next()
	at := p.pos(t)
	switch {
	case isPunct(p.peek(), ":"):
		if !isPlainName(t.text) {
			return nil, errorAt(at, "e.g. server:80", "bad host name `"+t.text+"`")
		}
		return p.port(&Address{Pos: at, Host: t.text})
	case isPunct(p.peek(), "("):
		return nil, errorAt(at, "assign the inner call's result to a variable first", "calls can't be nested")
	case t.text == "NULL":
		return &Null{Pos: at}, nil
	case strings.Contains(t.text, "."):
		return nil, errorAt(at, "only calls have dotted names", "`"+t.text+"` is not a value")
	case looksLikeConstant(t.text):
		c, ok := LookupConstant(t.text)
		if !ok {
			hint := suggestion(t.text, constantNames())
			if hint.S == "" {
				hint = say("see-help-constants", "see `help` for the constants; variable names start with a lowercase letter")
			}
			return nil, errorSaid(at, hint, say("unknown-constant", "unknown constant `{0}`", t.text))
		}
		return &Const{Pos: at, Name: c.Name, Value: c.Value}, nil
	}
	return &Var{Pos: at, Name: t.text}, nil
}

// port reads :PORT after an address's host.
func (p *parser) port(addr *Address) (Expr, *Error) {
	colon := p.next()
	t := p.peek()
	switch t.kind {
	case tokNumber:
	case tokIdent:
		return nil, p.errAt(t, "a port is a number from 0 to 65535, e.g. server:80", "bad port `"+t.text+"`")
	default:
		return nil, p.errAt(colon, "e.g. server:80", "missing port after `:`")
	}
	p.next()
	if strings.Trim(t.text, "0123456789") != "" || len(t.text) > 5 {
		return nil, p.errAt(t, "a port is a number from 0 to 65535", "bad port `"+t.text+"`")
	}
	n := 0
	for _, c := range t.text {
		n = n*10 + int(c-'0')
	}
	if n > 65535 {
		return nil, p.errAt(t, "a port is a number from 0 to 65535", "port "+strconv.Itoa(n)+" is out of range")
	}
	addr.Port = n
	return addr, nil
}

// group reads [a, b, ...] or {a, b, ...}.
func (p *parser) group() (Expr, *Error) {
	open := p.next()
	closing := "]"
	if open.text == "{" {
		closing = "}"
	}
	if p.depth >= maxNesting {
		return nil, p.errAt(open, "", "lists and structs are nested too deeply")
	}
	p.depth++
	defer func() { p.depth-- }()
	var elems []Expr
	for !isPunct(p.peek(), closing) {
		v, err := p.value()
		if err != nil {
			return nil, err
		}
		elems = append(elems, v)
		t := p.peek()
		if isPunct(t, ",") {
			p.next()
			if isPunct(p.peek(), closing) {
				return nil, p.errAt(p.peek(), "remove the last comma", "expected a value after `,`")
			}
			continue
		}
		if !isPunct(t, closing) {
			if t.kind == tokEOF {
				return nil, p.errAt(open, "add the closing `"+closing+"`", "`"+open.text+"` is never closed")
			}
			return nil, p.errAt(t, "separate values with commas", "expected `,` or `"+closing+"`, got "+describeToken(t))
		}
	}
	p.next()
	if closing == "]" {
		return &List{Pos: p.pos(open), Elems: elems}, nil
	}
	return &Struct{Pos: p.pos(open), Fields: elems}, nil
}
