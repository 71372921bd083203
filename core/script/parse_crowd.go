package script

import (
	"strconv"
	"strings"

	"github.com/sockplay/sockplay/core/limits"
)

// crowdUsage is the crowd command's form, which the word-matching of
// other commands cannot express: keywords and a script after `run`.
const crowdUsage = "crowd N from NETWORK [over DURATION] run CALL; CALL; ..."

// crowd parses `crowd N from NETWORK [over DURATION] run CALL; CALL; ...`.
func (p *parser) crowd() (*Command, *Error) {
	t := p.next()
	cmd := &Command{Pos: p.pos(t), Name: t.text}
	hint := say("usage-eg", "usage: {0}, e.g. {1}", crowdUsage, crowdExample)
	n, err := p.commandWord(false)
	if err != nil {
		return nil, err
	}
	count, ok := n.(*Int)
	if !ok || count.Value < 1 || count.Value > limits.Crowd {
		return nil, errorSaid(n.Start(), hint, say("crowd-size", "a crowd has 1 to {0} clients", strconv.Itoa(limits.Crowd)))
	}
	cmd.Args = append(cmd.Args, count)
	if err := p.keywordWord("from", hint); err != nil {
		return nil, err
	}
	w, err := p.commandWord(false)
	if err != nil {
		return nil, err
	}
	network, ok := w.(*Prefix)
	if !ok {
		return nil, errorSaid(w.Start(), hint, say("crowd-network", "expected the clients' network, e.g. 10.1.0.0/16"))
	}
	cmd.Args = append(cmd.Args, network)
	if t := p.peek(); t.kind == tokIdent && t.text == "over" {
		p.next()
		w, err := p.commandWord(false)
		if err != nil {
			return nil, err
		}
		d, ok := w.(*Duration)
		if !ok {
			return nil, errorSaid(w.Start(), say("crowd-over", "the clients start at times drawn from the seed within it, e.g. over 1s"), say("duration-after-over", "expected a duration after `over`"))
		}
		cmd.Args = append(cmd.Args, d)
	}
	if err := p.keywordWord("run", hint); err != nil {
		return nil, err
	}
	return p.runScript(cmd)
}

// loopUsage is the loop command's form.
const loopUsage = "loop HOST run CALL; CALL; ..."

const loopExample = `net> loop server run a = accept(s); recv(a, 1024); send(a, "HTTP/1.0 200 OK\r\n\r\nhello"); close(a)`

// loop parses `loop HOST run CALL; CALL; ...`.
func (p *parser) loop() (*Command, *Error) {
	t := p.next()
	cmd := &Command{Pos: p.pos(t), Name: t.text}
	hint := say("usage-eg", "usage: {0}, e.g. {1}", loopUsage, loopExample)
	w, err := p.commandWord(false)
	if err != nil {
		return nil, err
	}
	host, ok := w.(*Name)
	if !ok {
		return nil, errorSaid(w.Start(), hint, say("loop-host", "expected the host that runs the loop, e.g. server"))
	}
	cmd.Args = append(cmd.Args, host)
	if err := p.keywordWord("run", hint); err != nil {
		return nil, err
	}
	return p.runScript(cmd)
}

// runScript parses the calls after `run` into cmd.Script.
func (p *parser) runScript(cmd *Command) (*Command, *Error) {
	p.inScript = true
	for {
		st, err := p.crowdStatement()
		if err != nil {
			return nil, err
		}
		cmd.Script = append(cmd.Script, st)
		if p.peek().kind == tokEOF {
			return cmd, nil
		}
		if t := p.next(); !isPunct(t, ";") {
			return nil, p.errAt(t, say("separate-calls", "separate the calls with `;`"), say("semicolon-or-end", "expected `;` or the end of the line, got {0}", describeToken(t)))
		}
	}
}

// keywordWord consumes the word kw or fails with hint.
func (p *parser) keywordWord(kw string, hint Text) *Error {
	t := p.peek()
	if t.kind != tokIdent || t.text != kw {
		return p.errAt(t, hint, got(t, say("expected-word-end", "expected `{0}`, got the end of the line", kw), say("expected-word", "expected `{0}`, got {1}", kw, describeToken(t))))
	}
	p.next()
	return nil
}

// crowdStatement is one call of a crowd's script: a socket call, its
// result maybe assigned.
func (p *parser) crowdStatement() (*CallStmt, *Error) {
	t := p.peek()
	after := p.peekAt(1)
	var st *CallStmt
	switch {
	case t.kind == tokIdent && isPunct(after, "="):
		s, err := p.assignment()
		if err != nil {
			return nil, err
		}
		st = s.(*CallStmt)
	case t.kind == tokIdent && isPunct(after, "("):
		call, err := p.call()
		if err != nil {
			return nil, err
		}
		st = &CallStmt{Pos: call.Pos, Call: call}
	default:
		return nil, p.errAt(t, say("crowd-run-eg", "e.g. run c = socket(AF_INET, SOCK_STREAM); connect(c, server:80); close(c)"), got(t, say("expected-socket-call-end", "expected a socket call, got the end of the line"), say("expected-socket-call", "expected a socket call, got {0}", describeToken(t))))
	}
	if strings.Contains(st.Call.Name, ".") {
		return nil, errorSaid(st.Call.Pos, say("crowd-send-recv", "write the request with send and read the answer with recv"), say("crowd-socket-calls", "a crowd's script takes socket calls, not {0}", st.Call.Name))
	}
	return st, nil
}

const crowdExample = `net> crowd 100 from 10.1.0.0/16 over 1s run c = socket(AF_INET, SOCK_STREAM); connect(c, server:80); send(c, "GET / HTTP/1.0\r\n\r\n"); recv(c, 65536); close(c)`

// formatCrowd writes a crowd's or a loop's line.
func formatCrowd(c *Command) string {
	words := []string{c.Name}
	for i, a := range c.Args {
		switch {
		case c.Name != "crowd":
		case i == 1:
			words = append(words, "from")
		case i == 2:
			words = append(words, "over")
		}
		words = append(words, formatExpr(a))
	}
	words = append(words, "run")
	calls := make([]string, len(c.Script))
	for i, st := range c.Script {
		calls[i] = FormatStmt(st)
	}
	return strings.Join(words, " ") + " " + strings.Join(calls, "; ")
}
