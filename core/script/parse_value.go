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
			return nil, errorSaid(t.Start(), say("or-eg", "e.g. POLLIN|POLLOUT"), say("or-terms", "only integers and constants can be joined with `|`"))
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
			return nil, errorSaid(at, prob.hint, prob.msg)
		}
		if isPunct(p.peek(), ":") {
			ip, ok := e.(*IP)
			if !ok {
				return nil, errorSaid(at, say("address-eg", "e.g. 10.0.0.2:80 or server:80"), say("bad-address", "bad address: `{0}` is not an IPv4 address or host name", t.text))
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
			return nil, errorSaid(at, say("any-address", "*:PORT means any local address, e.g. *:80"), say("colon-after-star", "expected `:` after `*`"))
		}
		return p.port(&Address{Pos: at, IP: inet.IPv4Unspecified()}) // *:PORT is any local address
	case isPunct(t, "["), isPunct(t, "{"):
		return p.group()
	case t.kind == tokEOF && p.depth == 0:
		return nil, p.errAt(t, say("close-call", "close the call with `)`"), say("missing-paren", "missing `)`"))
	case t.kind == tokEOF:
		return nil, p.errAt(t, plain("close the list with `]` or the struct with `}`"), say("ends-inside-group", "the line ends inside a list or struct"))
	}
	return nil, p.errAt(t, plain("a value is a number, name, \"string\", address, [list] or {struct}"),
		got(t, say("expected-value-end", "expected a value, got the end of the line"), say("expected-value", "expected a value, got {0}", describeToken(t))))
}

// repeat parses the `* N` of "x" * N: bulk data without typing it out.
func (p *parser) repeat(str *String) (Expr, *Error) {
	star := p.next()
	t := p.peek()
	hint := say("repeat-eg", `e.g. "x" * 10000 sends 10000 bytes`)
	if t.kind != tokNumber {
		return nil, p.errAt(t, hint, got(t, say("count-after-star-end", "expected a count after `*`, got the end of the line"), say("count-after-star", "expected a count after `*`, got {0}", describeToken(t))))
	}
	p.next()
	e, prob := parseNumber(t.text, p.pos(t))
	n, ok := e.(*Int)
	if prob != nil || !ok || n.Value < 1 {
		return nil, errorSaid(p.pos(t), hint, say("repeat-count", "a string repeats a whole number of times, 1 or more"))
	}
	if total, ok := limits.Mul(int64(len(str.Value)), n.Value); len(str.Value) == 0 || !ok || total > limits.RepeatedBytes {
		return nil, errorSaid(p.pos(star), say("repeat-at-most", "at most 16 MiB, from a non-empty string"), say("too-much-data", "{0} * {1} is too much data", shorten(strconv.Quote(str.Value)), strconv.FormatInt(n.Value, 10)))
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
			return nil, errorSaid(at, say("port-eg", "e.g. server:80"), say("bad-host-name", "bad host name `{0}`", t.text))
		}
		return p.port(&Address{Pos: at, Host: t.text})
	case isPunct(p.peek(), "("):
		return nil, errorSaid(at, say("assign-inner-first", "assign the inner call's result to a variable first"), say("nested-calls", "calls can't be nested"))
	case t.text == "NULL":
		return &Null{Pos: at}, nil
	case strings.Contains(t.text, "."):
		return nil, errorSaid(at, say("dotted-names", "only calls have dotted names"), say("not-a-value", "`{0}` is not a value", t.text))
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
		return nil, p.errAt(t, say("port-range-eg", "a port is a number from 0 to 65535, e.g. server:80"), say("bad-port", "bad port `{0}`", t.text))
	default:
		return nil, p.errAt(colon, say("port-eg", "e.g. server:80"), say("missing-port", "missing port after `:`"))
	}
	p.next()
	if strings.Trim(t.text, "0123456789") != "" || len(t.text) > 5 {
		return nil, p.errAt(t, say("port-range", "a port is a number from 0 to 65535"), say("bad-port", "bad port `{0}`", t.text))
	}
	n := 0
	for _, c := range t.text {
		n = n*10 + int(c-'0')
	}
	if n > 65535 {
		return nil, p.errAt(t, say("port-range", "a port is a number from 0 to 65535"), say("port-out-of-range", "port {0} is out of range", strconv.Itoa(n)))
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
		return nil, p.errAt(open, Text{}, say("nested-too-deeply", "lists and structs are nested too deeply"))
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
				return nil, p.errAt(p.peek(), say("remove-last-comma", "remove the last comma"), say("value-after-comma", "expected a value after `,`"))
			}
			continue
		}
		if !isPunct(t, closing) {
			if t.kind == tokEOF {
				return nil, p.errAt(open, say("add-closing", "add the closing `{0}`", closing), say("never-closed", "`{0}` is never closed", open.text))
			}
			return nil, p.errAt(t, say("separate-values", "separate values with commas"), say("comma-or-closing", "expected `,` or `{0}`, got {1}", closing, describeToken(t)))
		}
	}
	p.next()
	if closing == "]" {
		return &List{Pos: p.pos(open), Elems: elems}, nil
	}
	return &Struct{Pos: p.pos(open), Fields: elems}, nil
}
