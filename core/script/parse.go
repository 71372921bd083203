package script

import "strings"

// ParseLine parses one script line, `HOST> statement`, `net> command`, a
// session command or a comment, and checks it against the default
// catalogue. A rejected line's error is an *Error.
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
	line, perr := p.line()
	return c.finish(p, line, perr)
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
			return nil, p.errAt(t, say("type-in-console", "type it in {0}'s console, or leave the prompt out", t.text), say("wrong-console", "this is {0}'s console, not {1}'s", host, t.text))
		}
		p.skip(2)
		hostPos = p.pos(t)
	}
	line, perr := p.prompted(host, hostPos)
	return c.finish(p, line, perr)
}

func (c *Catalogue) finish(p *parser, line *Line, err *Error) (*Line, error) {
	if p.lexErr != nil {
		return nil, p.lexErr // the parser saw the line end early because of it
	}
	if err != nil {
		return nil, err
	}
	if err := c.check(line); err != nil {
		return nil, err
	}
	return line, nil
}

// parser reads one line, pulling tokens from the lexer as it goes (at most
// two ahead). A trailing # comment ends the line: it reads as tokEOF, and
// its text is kept for the Line.
type parser struct {
	cat        *Catalogue
	lx         *lexer
	ahead      []token // tokens pulled but not consumed; ends with tokEOF once the line has ended
	lexErr     *Error  // the lexer's error, if the parser reached it
	comment    string
	hasComment bool // the line had a # comment
	depth      int
	inScript   bool // in a crowd's script, where `;` ends a call
}

func newParser(c *Catalogue, text string) (*parser, *Error) {
	if err := checkLength(text); err != nil {
		return nil, err
	}
	return &parser{cat: c, lx: newLexer(text), ahead: make([]token, 0, 3)}, nil
}

// fill pulls tokens until k+1 are ahead or the line has ended. A lexer
// error ends the line too; finish reports it rather than what the parser
// made of the early end.
func (p *parser) fill(k int) {
	for len(p.ahead) <= k && (len(p.ahead) == 0 || p.ahead[len(p.ahead)-1].kind != tokEOF) {
		t, err := p.lx.next()
		switch {
		case err != nil:
			p.lexErr = err
			t = token{kind: tokEOF, off: len(p.lx.src), end: len(p.lx.src)}
		case t.kind == tokComment:
			p.comment, p.hasComment = strings.TrimSpace(t.text), true
			t = token{kind: tokEOF, off: t.end, end: t.end}
		}
		p.ahead = append(p.ahead, t)
	}
}

func (p *parser) peek() token { return p.peekAt(0) }

func (p *parser) peekAt(k int) token {
	p.fill(k)
	return p.ahead[min(k, len(p.ahead)-1)]
}

func (p *parser) next() token {
	t := p.peek()
	if t.kind != tokEOF {
		p.ahead = p.ahead[:copy(p.ahead, p.ahead[1:])]
	}
	return t
}

// skip consumes n tokens the caller has peeked at.
func (p *parser) skip(n int) {
	for range n {
		p.next()
	}
}

func (p *parser) pos(t token) Pos { return p.lx.pos(t.off) }

func (p *parser) errAt(t token, hint, msg Text) *Error {
	return errorSaid(p.pos(t), hint, msg)
}

// got is atEnd when t is the end of the line, else other, which names t
// (describeToken): two texts, so a translation never holds the English
// "the end of the line".
func got(t token, atEnd, other Text) Text {
	if t.kind == tokEOF {
		return atEnd
	}
	return other
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
	if p.hasComment {
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
			return nil, p.errAt(first, say("host-names-are", "host names are words such as client or server"), say("bad-host-name", "bad host name `{0}`", first.text))
		}
		p.skip(2)
		return p.prompted(first.text, p.pos(first))
	}
	if p.atSessionCommand() {
		return p.sessionLine()
	}
	hint := say("start-with-prompt", "start it with `client> `, `server> ` or `net> `")
	if first.kind == tokIdent {
		if spec, ok := lookupCommand(first.text); ok && spec.scope == netScope {
			hint = say("net-prompt", "net commands start with the net prompt: `net> {0}`", first.text)
		}
	}
	return nil, p.errAt(first, hint, say("line-needs-prompt", "a line needs a prompt saying where it runs"))
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
		return nil, p.errAt(t, say("net-command-eg", "e.g. `step`, `run` or `wait 2s`; see `help`"),
			got(t, say("expected-net-command-end", "expected a net command, got the end of the line"), say("expected-net-command", "expected a net command, got {0}", describeToken(t))))
	}
	if spec, ok := lookupCommand(t.text); ok && spec.scope == netScope {
		switch spec.name {
		case "crowd":
			return p.crowd()
		case "loop":
			return p.loop()
		}
		return p.command()
	}
	after := p.peekAt(1)
	if isPunct(after, "(") || isPunct(after, "=") {
		return nil, p.errAt(t, say("calls-run-on-host", "calls run on a host: `client> ...` or `server> ...`"), say("net-takes-commands", "net> takes network commands, not calls"))
	}
	if spec, ok := lookupCommand(t.text); ok && spec.scope == hostScope {
		return nil, p.errAt(t, say("runs-on-host", "it runs on a host: `client> {0}` or `server> {0}`", t.text), say("host-command", "`{0}` is a host command", t.text))
	}
	names := append(commandNames(netScope), commandNames(sessionScope)...)
	return nil, errorSaid(p.pos(t), suggestion(t.text, names), say("unknown-net-command", "unknown net command `{0}`", t.text))
}

func (p *parser) hostStatement() (Stmt, *Error) {
	t := p.peek()
	if t.kind != tokIdent {
		return nil, p.errAt(t, Text{}, got(t, say("expected-statement-end", "expected a call such as socket(AF_INET, SOCK_STREAM) or a command such as ss, got the end of the line"),
			say("expected-statement", "expected a call such as socket(AF_INET, SOCK_STREAM) or a command such as ss, got {0}", describeToken(t))))
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
			return nil, p.errAt(t, say("write-net", "write `net> {0}`", t.text), say("net-command", "`{0}` is a net command", t.text))
		}
		if spec.name == "sysctl" {
			return p.sysctl()
		}
		return p.command()
	}
	if spec, ok := p.cat.Lookup(t.text); ok {
		return nil, errorSaid(p.pos(t), say("write-signature", "write {0}", spec.Signature()), say("call-needs-parentheses", "`{0}` is a call and needs parentheses", t.text))
	}
	names := append(commandNames(hostScope), commandNames(sessionScope)...)
	hint := suggestion(t.text, append(names, p.cat.callNames()...))
	if hint.S == "" {
		hint = say("statement-is", "a statement is a call such as socket(AF_INET, SOCK_STREAM), x = call(...), or a command such as ss")
	}
	return nil, errorSaid(p.pos(t), hint, say("unknown-command", "unknown command `{0}`", t.text))
}

func (p *parser) assignment() (Stmt, *Error) {
	t := p.next()
	if err := checkVariableName(p, t); err != nil {
		return nil, err
	}
	p.next() // =
	target := &Var{Pos: p.pos(t), Name: t.text}
	if c := p.peek(); c.kind != tokIdent || !isPunct(p.peekAt(1), "(") {
		return nil, p.errAt(c, say("assign-eg", "e.g. s = socket(AF_INET, SOCK_STREAM)"),
			got(c, say("call-after-equals-end", "expected a call after `=`, got the end of the line"), say("call-after-equals", "expected a call after `=`, got {0}", describeToken(c))))
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
		return p.errAt(t, say("variable-names-are", "variable names are single words such as s or conn"), say("not-variable-name", "`{0}` can't be a variable name", t.text))
	case looksLikeConstant(t.text):
		return p.errAt(t, say("capitals-are-constants", "names in capitals are constants; start a variable with a lowercase letter"), say("not-variable-name", "`{0}` can't be a variable name", t.text))
	case t.text == "NULL":
		return p.errAt(t, Text{}, say("null-not-variable", "NULL can't be a variable name"))
	}
	return nil
}
