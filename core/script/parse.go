package script

import (
	"net/netip"
	"strings"
)

// maxNesting bounds lists and structs inside each other; poll needs two.
const maxNesting = 8

// ParseLine parses one script line, `HOST> statement`, `net> command`, a
// session command or a comment, and checks it against the default
// catalogue.
func ParseLine(text string) (*Line, error) { return defaultCatalogue.ParseLine(text) }

// ParseStatement parses what a learner typed into HOST's console (the
// console supplies the prompt): a statement for a host, or a command when
// host is "net".
func ParseStatement(host, text string) (*Line, error) {
	return defaultCatalogue.ParseStatement(host, text)
}

// ParseLine is ParseLine with this catalogue's calls.
func (c *Catalogue) ParseLine(text string) (*Line, error) {
	p, err := newParser(c, text)
	if err != nil {
		return nil, err
	}
	return c.finish(p.line())
}

// ParseStatement is ParseStatement with this catalogue's calls.
func (c *Catalogue) ParseStatement(host, text string) (*Line, error) {
	if !isPlainName(host) {
		return nil, &Error{Msg: "bad host name `" + host + "`", Hint: "host names are words such as client or server"}
	}
	p, err := newParser(c, text)
	if err != nil {
		return nil, err
	}
	hostPos := Pos{}
	if t := p.peek(); t.kind == tokIdent && isPunct(p.peekAt(1), ">") {
		// A prompt typed (or pasted) into the console: fine if it is this one.
		if t.text != host {
			return nil, p.errAt(t, "type it in "+t.text+"'s console, or leave the prompt out", "this is %s's console, not %s's", host, t.text)
		}
		p.i += 2
		hostPos = p.pos(t)
	}
	return c.finish(p.prompted(host, hostPos))
}

func (c *Catalogue) finish(line *Line, err *Error) (*Line, error) {
	if err != nil {
		return nil, err
	}
	if err := c.check(line); err != nil {
		return nil, err
	}
	return line, nil
}

type parser struct {
	cat     *Catalogue
	lx      *lexer
	toks    []token // ends with tokEOF; a trailing comment is taken out
	comment string
	hasNote bool // the line had a # comment
	i       int
	depth   int
}

func newParser(c *Catalogue, text string) (*parser, *Error) {
	lx := newLexer(text)
	toks, err := lx.tokens()
	if err != nil {
		return nil, err
	}
	p := &parser{cat: c, lx: lx, toks: toks}
	if n := len(toks); n >= 2 && toks[n-2].kind == tokComment {
		p.comment = strings.TrimSpace(toks[n-2].text)
		p.hasNote = true
		p.toks = append(toks[:n-2], toks[n-1])
	}
	return p, nil
}

func (p *parser) peek() token        { return p.toks[p.i] }
func (p *parser) peekAt(k int) token { return p.toks[min(p.i+k, len(p.toks)-1)] }
func (p *parser) next() token {
	t := p.toks[p.i]
	if t.kind != tokEOF {
		p.i++
	}
	return t
}
func (p *parser) pos(t token) Pos { return p.lx.pos(t.off) }

func (p *parser) errAt(t token, hint, format string, args ...any) *Error {
	return errorAt(p.pos(t), hint, format, args...)
}

func isPunct(t token, s string) bool { return t.kind == tokPunct && t.text == s }

// isPlainName is an undotted identifier.
func isPlainName(s string) bool {
	return s != "" && isLetter(s[0]) && scanIdent(s, 0) == len(s) && !strings.Contains(s, ".")
}

// describeToken names a token for "expected X, got Y" messages.
func describeToken(t token) string {
	switch t.kind {
	case tokEOF:
		return "the end of the line"
	case tokString:
		return "a string"
	case tokFlag:
		return "`-" + t.text + "`"
	}
	return "`" + t.text + "`"
}

func (p *parser) emptyLine() *Line {
	if p.hasNote {
		return &Line{Kind: CommentLine, Comment: p.comment}
	}
	return &Line{Kind: BlankLine}
}

func (p *parser) line() (*Line, *Error) {
	first := p.peek()
	if first.kind == tokEOF {
		return p.emptyLine(), nil
	}
	if first.kind == tokIdent && isPunct(p.peekAt(1), ">") {
		if !isPlainName(first.text) {
			return nil, p.errAt(first, "host names are words such as client or server", "bad host name `%s`", first.text)
		}
		p.i += 2
		return p.prompted(first.text, p.pos(first))
	}
	if p.atSessionCommand() {
		return p.sessionLine()
	}
	hint := "start it with `client> `, `server> ` or `net> `"
	if first.kind == tokIdent {
		if spec, ok := lookupCommand(first.text); ok && spec.scope == netScope {
			hint = "net commands start with the net prompt: `net> " + first.text + "`"
		}
	}
	return nil, p.errAt(first, hint, "a line needs a prompt saying where it runs")
}

// prompted parses what follows HOST> (or what a console for host gives).
func (p *parser) prompted(host string, hostPos Pos) (*Line, *Error) {
	if p.peek().kind == tokEOF {
		return p.emptyLine(), nil
	}
	if p.atSessionCommand() {
		return p.sessionLine()
	}
	var stmt Stmt
	var err *Error
	kind := HostLine
	if host == "net" {
		kind = NetLine
		stmt, err = p.netStatement()
	} else {
		stmt, err = p.hostStatement()
	}
	if err != nil {
		return nil, err
	}
	return &Line{Kind: kind, Host: host, HostPos: hostPos, Stmt: stmt, Comment: p.comment}, nil
}

// atSessionCommand is true at `undo`, `goto 3` or `help ...`, but not at
// `help = ...` or `undo(...)`, which are an assignment and a call.
func (p *parser) atSessionCommand() bool {
	t := p.peek()
	if t.kind != tokIdent {
		return false
	}
	spec, ok := lookupCommand(t.text)
	after := p.peekAt(1)
	return ok && spec.scope == sessionScope && !isPunct(after, "=") && !isPunct(after, "(")
}

func (p *parser) sessionLine() (*Line, *Error) {
	cmd, err := p.command()
	if err != nil {
		return nil, err
	}
	return &Line{Kind: SessionLine, Stmt: cmd, Comment: p.comment}, nil
}

func (p *parser) netStatement() (Stmt, *Error) {
	t := p.peek()
	if t.kind != tokIdent {
		return nil, p.errAt(t, "e.g. `step`, `run` or `wait 2s`; see `help`", "expected a net command, got %s", describeToken(t))
	}
	if spec, ok := lookupCommand(t.text); ok && spec.scope == netScope {
		return p.command()
	}
	after := p.peekAt(1)
	if isPunct(after, "(") || isPunct(after, "=") {
		return nil, p.errAt(t, "calls run on a host: `client> ...` or `server> ...`", "net> takes network commands, not calls")
	}
	if spec, ok := lookupCommand(t.text); ok && spec.scope == hostScope {
		return nil, p.errAt(t, "it runs on a host: `client> "+t.text+"` or `server> "+t.text+"`", "`%s` is a host command", t.text)
	}
	names := append(commandNames(netScope), commandNames(sessionScope)...)
	return nil, p.errAt(t, didYouMean(t.text, names), "unknown net command `%s`", t.text)
}

func (p *parser) hostStatement() (Stmt, *Error) {
	t := p.peek()
	if t.kind != tokIdent {
		return nil, p.errAt(t, "", "expected a call such as socket(AF_INET, SOCK_STREAM) or a command such as ss, got %s", describeToken(t))
	}
	after := p.peekAt(1)
	switch {
	case isPunct(after, "="):
		return p.assignment()
	case isPunct(after, "("):
		call, err := p.call()
		if err != nil {
			return nil, err
		}
		return &CallStmt{Pos: call.Pos, Call: call}, nil
	}
	if spec, ok := lookupCommand(t.text); ok {
		if spec.scope == netScope {
			return nil, p.errAt(t, "write `net> "+t.text+"`", "`%s` is a net command", t.text)
		}
		return p.command()
	}
	if spec, ok := p.cat.Lookup(t.text); ok {
		return nil, p.errAt(t, "write "+spec.Signature(), "`%s` is a call and needs parentheses", t.text)
	}
	names := append(commandNames(hostScope), commandNames(sessionScope)...)
	hint := didYouMean(t.text, append(names, p.cat.callNames()...))
	if hint == "" {
		hint = "a statement is a call such as socket(AF_INET, SOCK_STREAM), x = call(...), or a command such as ss"
	}
	return nil, p.errAt(t, hint, "unknown command `%s`", t.text)
}

func (p *parser) assignment() (Stmt, *Error) {
	t := p.next()
	if err := checkVariableName(p, t); err != nil {
		return nil, err
	}
	p.next() // =
	target := &Var{Pos: p.pos(t), Name: t.text}
	if c := p.peek(); c.kind != tokIdent || !isPunct(p.peekAt(1), "(") {
		return nil, p.errAt(c, "e.g. s = socket(AF_INET, SOCK_STREAM)", "expected a call after `=`, got %s", describeToken(c))
	}
	call, err := p.call()
	if err != nil {
		return nil, err
	}
	return &CallStmt{Pos: target.Pos, Target: target, Call: call}, nil
}

func checkVariableName(p *parser, t token) *Error {
	switch {
	case strings.Contains(t.text, "."):
		return p.errAt(t, "variable names are single words such as s or conn", "`%s` can't be a variable name", t.text)
	case looksLikeConstant(t.text):
		return p.errAt(t, "names in capitals are constants; start a variable with a lowercase letter", "`%s` can't be a variable name", t.text)
	case t.text == "NULL":
		return p.errAt(t, "", "NULL can't be a variable name")
	}
	return nil
}

func (p *parser) call() (*Call, *Error) {
	name := p.next()
	p.next() // (
	call := &Call{Pos: p.pos(name), Name: name.text}
	if t := p.peek(); isPunct(t, ")") {
		p.next()
		call.Close = p.pos(t)
		return call, p.endOfStatement("the call")
	}
	for {
		if err := p.argument(call); err != nil {
			return nil, err
		}
		t := p.next()
		switch {
		case isPunct(t, ")"):
			call.Close = p.pos(t)
			return call, p.endOfStatement("the call")
		case isPunct(t, ","):
			if isPunct(p.peek(), ")") {
				return nil, p.errAt(p.peek(), "remove the last comma", "expected an argument after `,`")
			}
		case t.kind == tokEOF:
			return nil, p.errAt(t, "close the call with `)`", "missing `)`")
		default:
			return nil, p.errAt(t, "separate arguments with commas", "expected `,` or `)`, got %s", describeToken(t))
		}
	}
}

func (p *parser) argument(call *Call) *Error {
	t := p.peek()
	if t.kind == tokIdent && isPunct(p.peekAt(1), "=") {
		if !isPlainName(t.text) {
			return p.errAt(t, "", "bad keyword name `%s`", t.text)
		}
		for _, k := range call.Keywords {
			if k.Name == t.text {
				return p.errAt(t, "give each keyword once", "keyword `%s` given twice", t.text)
			}
		}
		p.i += 2
		v, err := p.value()
		if err != nil {
			return err
		}
		call.Keywords = append(call.Keywords, &Keyword{Pos: p.pos(t), Name: t.text, Value: v})
		return nil
	}
	if len(call.Keywords) > 0 {
		return p.errAt(t, "put positional arguments before name=value ones", "positional argument after a keyword argument")
	}
	v, err := p.value()
	if err != nil {
		return err
	}
	call.Args = append(call.Args, v)
	return nil
}

func (p *parser) endOfStatement(what string) *Error {
	if t := p.peek(); t.kind != tokEOF {
		return p.errAt(t, "one statement per line; comments start with #", "unexpected %s after %s", describeToken(t), what)
	}
	return nil
}

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
			return nil, errorAt(at, prob.hint, "%s", prob.msg)
		}
		if isPunct(p.peek(), ":") {
			ip, ok := e.(*IP)
			if !ok {
				return nil, errorAt(at, "e.g. 10.0.0.2:80 or server:80", "bad address: `%s` is not an IPv4 address or host name", t.text)
			}
			return p.port(&Address{Pos: at, IP: ip.Addr})
		}
		return e, nil
	case t.kind == tokString:
		p.next()
		return &String{Pos: at, Value: t.text}, nil
	case t.kind == tokIdent:
		return p.name()
	case isPunct(t, "*"):
		p.next()
		if !isPunct(p.peek(), ":") {
			return nil, errorAt(at, "*:PORT means any local address, e.g. *:80", "expected `:` after `*`")
		}
		return p.port(&Address{Pos: at, IP: netip.IPv4Unspecified()}) // *:PORT is any local address
	case isPunct(t, "["), isPunct(t, "{"):
		return p.group()
	case t.kind == tokEOF && p.depth == 0:
		return nil, p.errAt(t, "close the call with `)`", "missing `)`")
	case t.kind == tokEOF:
		return nil, p.errAt(t, "close the list with `]` or the struct with `}`", "the line ends inside a list or struct")
	}
	return nil, p.errAt(t, "a value is a number, name, \"string\", address, [list] or {struct}", "expected a value, got %s", describeToken(t))
}

func (p *parser) name() (Expr, *Error) {
	t := p.next()
	at := p.pos(t)
	switch {
	case isPunct(p.peek(), ":"):
		if !isPlainName(t.text) {
			return nil, errorAt(at, "e.g. server:80", "bad host name `%s`", t.text)
		}
		return p.port(&Address{Pos: at, Host: t.text})
	case isPunct(p.peek(), "("):
		return nil, errorAt(at, "assign the inner call's result to a variable first", "calls can't be nested")
	case t.text == "NULL":
		return &Null{Pos: at}, nil
	case strings.Contains(t.text, "."):
		return nil, errorAt(at, "only calls have dotted names", "`%s` is not a value", t.text)
	case looksLikeConstant(t.text):
		c, ok := LookupConstant(t.text)
		if !ok {
			hint := didYouMean(t.text, constantNames())
			if hint == "" {
				hint = "see `help` for the constants; variable names start with a lowercase letter"
			}
			return nil, errorAt(at, hint, "unknown constant `%s`", t.text)
		}
		return &Const{Pos: at, Name: c.Name, Value: c.Value}, nil
	}
	return &Var{Pos: at, Name: t.text}, nil
}

// port reads :PORT after an address's host.
func (p *parser) port(addr *Address) (Expr, *Error) {
	colon := p.next()
	t := p.peek()
	if t.kind != tokNumber {
		return nil, p.errAt(colon, "e.g. server:80", "missing port after `:`")
	}
	p.next()
	if strings.Trim(t.text, "0123456789") != "" || len(t.text) > 5 {
		return nil, p.errAt(t, "a port is a number from 0 to 65535", "bad port `%s`", t.text)
	}
	n := 0
	for _, c := range t.text {
		n = n*10 + int(c-'0')
	}
	if n > 65535 {
		return nil, p.errAt(t, "a port is a number from 0 to 65535", "port %d is out of range", n)
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
				return nil, p.errAt(open, "add the closing `"+closing+"`", "`%s` is never closed", open.text)
			}
			return nil, p.errAt(t, "separate values with commas", "expected `,` or `%s`, got %s", closing, describeToken(t))
		}
	}
	p.next()
	if closing == "]" {
		return &List{Pos: p.pos(open), Elems: elems}, nil
	}
	return &Struct{Pos: p.pos(open), Fields: elems}, nil
}
