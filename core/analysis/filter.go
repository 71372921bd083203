package analysis

import (
	"strconv"
	"strings"

	"github.com/sockplay/sockplay/core/inet"
)

// Filter is a compiled display filter in the subset of Wireshark's
// syntax people type most: fields compared with ==, !=, <, <=, >, >= (or
// eq, ne, lt, le, gt, ge), a bare field or protocol testing presence,
// and, or, not (&&, ||, !) and parentheses.
//
//	tcp.port == 80 and not tcp.analysis.retransmission
//	ip.src == 10.0.0.1 || (tcp.len > 0 && tcp.flags.push == 1)
type Filter struct {
	root node
	text string
}

// FilterError is a filter that does not parse: Col is the 1-based column
// of the offending token, as console lines report theirs.
type FilterError struct {
	Col     int
	Message string
}

func (e *FilterError) Error() string { return "column " + strconv.Itoa(e.Col) + ": " + e.Message }

// maxFilterLen bounds what a filter may be: a line's worth.
const maxFilterLen = 4096

// maxFilterDepth bounds nesting, so no input can exhaust the stack.
const maxFilterDepth = 64

// ParseFilter compiles text. An empty filter matches every packet.
func ParseFilter(text string) (*Filter, error) {
	if len(text) > maxFilterLen {
		return nil, &FilterError{Col: maxFilterLen + 1, Message: "a filter is at most " + strconv.Itoa(maxFilterLen) + " bytes"}
	}
	toks, err := lexFilter(text)
	if err != nil {
		return nil, err
	}
	p := &filterParser{toks: toks, end: len(text) + 1}
	if len(toks) == 0 {
		return &Filter{text: text}, nil
	}
	root, err := p.or(0)
	if err != nil {
		return nil, err
	}
	if t, ok := p.peek(); ok {
		return nil, &FilterError{Col: t.col, Message: "unexpected " + quoteTok(t) + " after a complete filter (missing and/or?)"}
	}
	return &Filter{root: root, text: text}, nil
}

// String is the filter as typed.
func (f *Filter) String() string { return f.text }

// Match reports whether p passes the filter.
func (f *Filter) Match(a *Analysis, p *Packet) bool {
	if f == nil || f.root == nil {
		return true
	}
	return f.root.eval(a, p)
}

// Apply is the frames (from 1) of the packets that pass.
func (f *Filter) Apply(a *Analysis) []int {
	var out []int
	for i := range a.Packets {
		if f.Match(a, &a.Packets[i]) {
			out = append(out, a.Packets[i].Frame)
		}
	}
	return out
}

type tokKind uint8

const (
	tokWord  tokKind = iota // a field, protocol or keyword
	tokValue                // a number or an address
	tokString
	tokOp    // a comparison
	tokAnd   // and &&
	tokOr    // or ||
	tokNot   // not !
	tokOpen  // (
	tokClose // )
)

type token struct {
	kind tokKind
	text string
	col  int
}

func quoteTok(t token) string { return strconv.Quote(t.text) }

// wordOp is the comparison a word stands for, or "".
func wordOp(w string) string {
	switch w {
	case "eq":
		return "=="
	case "ne":
		return "!="
	case "lt":
		return "<"
	case "le":
		return "<="
	case "gt":
		return ">"
	case "ge":
		return ">="
	}
	return ""
}

func lexFilter(s string) ([]token, error) {
	var toks []token
	for i := 0; i < len(s); {
		c := s[i]
		col := i + 1
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		case c == '(':
			toks = append(toks, token{tokOpen, "(", col})
			i++
		case c == ')':
			toks = append(toks, token{tokClose, ")", col})
			i++
		case strings.HasPrefix(s[i:], "&&"):
			toks = append(toks, token{tokAnd, "&&", col})
			i += 2
		case strings.HasPrefix(s[i:], "||"):
			toks = append(toks, token{tokOr, "||", col})
			i += 2
		case strings.HasPrefix(s[i:], "=="), strings.HasPrefix(s[i:], "!="),
			strings.HasPrefix(s[i:], "<="), strings.HasPrefix(s[i:], ">="):
			toks = append(toks, token{tokOp, s[i : i+2], col})
			i += 2
		case c == '<' || c == '>':
			toks = append(toks, token{tokOp, s[i : i+1], col})
			i++
		case c == '!':
			toks = append(toks, token{tokNot, "!", col})
			i++
		case c == '=':
			return nil, &FilterError{Col: col, Message: "\"=\" is not an operator: compare with =="}
		case c == '"':
			j := i + 1
			for j < len(s) && s[j] != '"' {
				if s[j] == '\\' {
					j++
				}
				j++
			}
			if j >= len(s) {
				return nil, &FilterError{Col: col, Message: "a string is missing its closing quote"}
			}
			v, err := strconv.Unquote(s[i : j+1])
			if err != nil {
				return nil, &FilterError{Col: col, Message: "a string with a bad escape"}
			}
			toks = append(toks, token{tokString, v, col})
			i = j + 1
		case isWordByte(c):
			j := i
			for j < len(s) && (isWordByte(s[j]) || s[j] == '.' || s[j] == '/' || s[j] == ':') {
				j++
			}
			w := s[i:j]
			switch {
			case c >= '0' && c <= '9':
				toks = append(toks, token{tokValue, w, col})
			case w == "and":
				toks = append(toks, token{tokAnd, w, col})
			case w == "or":
				toks = append(toks, token{tokOr, w, col})
			case w == "not":
				toks = append(toks, token{tokNot, w, col})
			case wordOp(w) != "":
				toks = append(toks, token{tokOp, wordOp(w), col})
			default:
				toks = append(toks, token{tokWord, w, col})
			}
			i = j
		default:
			return nil, &FilterError{Col: col, Message: "unexpected character " + strconv.QuoteRune(rune(c))}
		}
	}
	return toks, nil
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}

type filterParser struct {
	toks []token
	pos  int
	end  int // the column after the text, for errors at its end
}

func (p *filterParser) peek() (token, bool) {
	if p.pos < len(p.toks) {
		return p.toks[p.pos], true
	}
	return token{}, false
}

func (p *filterParser) endErr(msg string) error { return &FilterError{Col: p.end, Message: msg} }

func (p *filterParser) or(depth int) (node, error) {
	left, err := p.and(depth)
	if err != nil {
		return nil, err
	}
	for {
		t, ok := p.peek()
		if !ok || t.kind != tokOr {
			return left, nil
		}
		p.pos++
		right, err := p.and(depth)
		if err != nil {
			return nil, err
		}
		left = &orNode{left, right}
	}
}

func (p *filterParser) and(depth int) (node, error) {
	left, err := p.not(depth)
	if err != nil {
		return nil, err
	}
	for {
		t, ok := p.peek()
		if !ok || t.kind != tokAnd {
			return left, nil
		}
		p.pos++
		right, err := p.not(depth)
		if err != nil {
			return nil, err
		}
		left = &andNode{left, right}
	}
}

func (p *filterParser) not(depth int) (node, error) {
	if depth > maxFilterDepth {
		t, _ := p.peek()
		return nil, &FilterError{Col: t.col, Message: "nested more than " + strconv.Itoa(maxFilterDepth) + " deep"}
	}
	t, ok := p.peek()
	if ok && t.kind == tokNot {
		p.pos++
		x, err := p.not(depth + 1)
		if err != nil {
			return nil, err
		}
		return &notNode{x}, nil
	}
	return p.primary(depth)
}

func (p *filterParser) primary(depth int) (node, error) {
	t, ok := p.peek()
	if !ok {
		return nil, p.endErr("the filter ends where a field or ( was expected")
	}
	p.pos++
	switch t.kind {
	case tokOpen:
		x, err := p.or(depth + 1)
		if err != nil {
			return nil, err
		}
		c, ok := p.peek()
		if !ok {
			return nil, p.endErr("missing ) to close the ( at column " + strconv.Itoa(t.col))
		}
		if c.kind != tokClose {
			return nil, &FilterError{Col: c.col, Message: "expected ) to close the ( at column " + strconv.Itoa(t.col) + ", not " + quoteTok(c)}
		}
		p.pos++
		return x, nil
	case tokWord:
		return p.comparison(t)
	}
	return nil, &FilterError{Col: t.col, Message: "expected a field, a protocol or (, not " + quoteTok(t)}
}

func (p *filterParser) comparison(name token) (node, error) {
	f, ok := lookupField(name.text)
	if !ok {
		msg := "unknown field " + strconv.Quote(name.text)
		if s := suggestField(name.text); s != "" {
			msg += " (did you mean " + s + "?)"
		}
		return nil, &FilterError{Col: name.col, Message: msg}
	}
	op, ok := p.peek()
	if !ok || op.kind != tokOp {
		return &presentNode{f}, nil
	}
	p.pos++
	if f.kind == kindNone {
		return nil, &FilterError{Col: op.col, Message: name.text + " has no value to compare: test it alone, as in \"" + name.text + "\""}
	}
	v, ok := p.peek()
	if !ok {
		return nil, p.endErr("the filter ends where a value to compare " + name.text + " with was expected")
	}
	p.pos++
	c := &compareNode{field: f, op: op.text}
	if err := c.setValue(name.text, v); err != nil {
		return nil, err
	}
	return c, nil
}

// setValue reads the value t as the field's kind.
func (c *compareNode) setValue(name string, t token) error {
	bad := func(want string) error {
		return &FilterError{Col: t.col, Message: quoteTok(t) + " is not " + want + " (" + name + " is " + want + ")"}
	}
	switch c.field.kind {
	case kindString:
		if t.kind != tokString && t.kind != tokWord {
			return bad("a string")
		}
		if c.op != "==" && c.op != "!=" {
			return &FilterError{Col: t.col, Message: name + " is a string: compare it with == or !="}
		}
		c.str = t.text
	case kindAddr:
		if t.kind != tokValue {
			return bad("an IPv4 address")
		}
		text, bits := t.text, 32
		if i := strings.IndexByte(text, '/'); i >= 0 {
			n, err := strconv.Atoi(text[i+1:])
			if err != nil || n < 0 || n > 32 {
				return &FilterError{Col: t.col + i + 1, Message: "a prefix length is 0 to 32"}
			}
			text, bits = text[:i], n
		}
		a, err := inet.ParseAddr(text)
		if err != nil {
			return bad("an IPv4 address")
		}
		b := a.As4()
		c.num = uint64(b[0])<<24 | uint64(b[1])<<16 | uint64(b[2])<<8 | uint64(b[3])
		c.mask = ^uint64(0) << (32 - bits) & 0xffffffff
		c.num &= c.mask
	default: // numbers and booleans
		text := t.text
		if c.field.kind == kindBool && (text == "True" || text == "true") {
			text = "1"
		} else if c.field.kind == kindBool && (text == "False" || text == "false") {
			text = "0"
		}
		n, err := strconv.ParseUint(text, 0, 64)
		if err != nil || t.kind == tokString {
			return bad("a number")
		}
		if c.field.kind == kindBool && n > 1 {
			return &FilterError{Col: t.col, Message: name + " is 0 or 1"}
		}
		c.num = n
	}
	return nil
}

// suggestField names the known field nearest the typo, at most two
// edits away, or "".
func suggestField(s string) string {
	best, bestD := "", 3 // more than two edits away is no typo
	for _, f := range filterFields {
		if d := editDistance(s, f.name, 2); d < bestD {
			best, bestD = f.name, d
		}
	}
	return best
}

// editDistance is Levenshtein's distance, or limit+1 when it is larger.
func editDistance(a, b string, limit int) int {
	if len(a)-len(b) > limit || len(b)-len(a) > limit {
		return limit + 1
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return min(prev[len(b)], limit+1)
}
