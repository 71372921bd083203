package goal

import (
	"strconv"
	"strings"

	"github.com/sockplay/sockplay/core/session"
)

// Value is a number read from a session: the answer to an exercise's
// question, such as "what was the server's ISN?", which differs for
// every learner because it comes from the learner's own trace.
//
//	count EVENT [per connection]
//	FIELD of [first|last] EVENT
//	time from EVENT until EVENT
//
// FIELD is seq, ack, win (raw), len (payload bytes), sport, dport, time
// (milliseconds since the session began) or ret (a call's return value).
type Value struct {
	Text    string
	kind    valueKind
	field   string
	last    bool // the last match rather than the first
	perConn bool
	a, b    *Event
}

type valueKind uint8

const (
	valCount valueKind = iota + 1
	valField
	valTime
)

var fields = []string{"seq", "ack", "win", "len", "sport", "dport", "time", "ret"}

// ParseValue reads a value expression; a malformed one gets an *Error
// with its column.
func ParseValue(src string) (*Value, error) {
	if len(src) > maxGoalBytes {
		return nil, &Error{1, "a value is at most " + strconv.Itoa(maxGoalBytes) + " bytes; this one is " + strconv.Itoa(len(src))}
	}
	toks, err := lex(src)
	if err != nil {
		return nil, err
	}
	p := &parser{toks: toks}
	v := &Value{Text: strings.TrimSpace(src)}
	t := p.peek()
	switch {
	case p.is("count"):
		v.kind, v.a = valCount, p.event()
		if p.err == nil && p.is("per") {
			if !p.is("connection") {
				p.failHere("expected `connection` after `per`")
			}
			v.perConn = true
		}
	case t.kind == tWord && t.text == "time" && p.toks[1].kind == tWord && p.toks[1].text == "from":
		p.next()
		p.next()
		v.kind, v.a = valTime, p.event()
		if p.err == nil && !p.is("until") {
			p.failHere("expected `until` and the later event")
		}
		v.b = p.event()
	case t.kind == tWord && isField(t.text):
		p.next()
		v.kind, v.field = valField, t.text
		if !p.is("of") {
			p.failHere("expected `of` after " + t.text)
		}
		if !p.is("first") {
			v.last = p.is("last")
		}
		col := p.peek().col
		v.a = p.event()
		if p.err == nil && (v.field == "seq" || v.field == "ack" || v.field == "win") && v.a.kind != evSegment {
			p.fail(col, v.field+" is a TCP segment's field")
		}
		if p.err == nil && (v.field == "ret") != (v.a.kind == evCall) {
			if v.field == "ret" {
				p.fail(col, "ret is a call's return value: ret of call HOST NAME")
			} else {
				p.fail(col, v.field+" is a packet's: use ret of a call")
			}
		}
	default:
		p.failHere("expected a value: count EVENT, FIELD of EVENT (" + strings.Join(fields, ", ") + ") or time from EVENT until EVENT")
	}
	if p.err == nil && p.peek().kind != tEOF {
		p.failHere("expected the end of the value")
	}
	if p.err != nil {
		return nil, p.err
	}
	return v, nil
}

func isField(w string) bool {
	for _, f := range fields {
		if f == w {
			return true
		}
	}
	return false
}

// Eval reads the value from s. ok is false when what it reads never
// happened (no such segment, no B after A); a count is always known.
func (v *Value) Eval(s *session.Session) (value float64, ok bool) {
	c := &Checker{}
	c.reset()
	count, perConn, most := 0, map[string]int{}, 0
	var aAt *item
	c.observe = func(it *item) {
		switch v.kind {
		case valCount:
			if matches(v.a, it) {
				n := 1
				if v.a.request {
					n = it.pkt.requests
				}
				count += n
				if it.connID != "" {
					perConn[it.connID] += n
					most = max(most, perConn[it.connID])
				}
			}
		case valField:
			if matches(v.a, it) && (v.last || !ok) {
				value, ok = fieldOf(v.field, it), true
			}
		case valTime:
			if ok {
				return
			}
			if aAt != nil && it.at >= aAt.at && it != aAt && matches(v.b, it) {
				value, ok = float64(it.at-aAt.at)/1e6, true
			}
			if aAt == nil && matches(v.a, it) {
				aAt = it
			}
		}
	}
	c.Check(s)
	if v.kind == valCount {
		if v.perConn {
			return float64(most), true
		}
		return float64(count), true
	}
	return value, ok
}

func fieldOf(f string, it *item) float64 {
	if f == "time" {
		return float64(it.at) / 1e6
	}
	if f == "ret" {
		return float64(it.call.Ret)
	}
	p := it.pkt
	switch f {
	case "sport":
		return float64(p.sport)
	case "dport":
		return float64(p.dport)
	case "len":
		if p.tcp != nil {
			return float64(len(p.tcp.Payload))
		}
		return float64(p.payload)
	}
	if p.tcp == nil {
		return 0
	}
	switch f {
	case "seq":
		return float64(p.tcp.Seq)
	case "ack":
		return float64(p.tcp.Ack)
	}
	return float64(p.tcp.Window)
}
