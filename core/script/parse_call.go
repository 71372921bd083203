package script

func (p *parser) call() (*Call, *Error) {
	name := p.next()
	p.next() // (
	call := &Call{Pos: p.pos(name), Name: name.text}
	if t := p.peek(); isPunct(t, ")") {
		p.next()
		call.Close = p.pos(t)
		return call, p.endOfCall()
	}
	for {
		if err := p.argument(call); err != nil {
			return nil, err
		}
		t := p.next()
		switch {
		case isPunct(t, ")"):
			call.Close = p.pos(t)
			return call, p.endOfCall()
		case isPunct(t, ","):
			if isPunct(p.peek(), ")") {
				return nil, p.errAt(p.peek(), say("remove-last-comma", "remove the last comma"), say("argument-after-comma", "expected an argument after `,`"))
			}
		case t.kind == tokEOF:
			return nil, p.errAt(t, say("close-call", "close the call with `)`"), say("missing-paren", "missing `)`"))
		default:
			return nil, p.errAt(t, say("separate-arguments", "separate arguments with commas"), say("comma-or-paren", "expected `,` or `)`, got {0}", describeToken(t)))
		}
	}
}

func (p *parser) argument(call *Call) *Error {
	t := p.peek()
	if t.kind == tokIdent && isPunct(p.peekAt(1), "=") {
		if !isPlainName(t.text) {
			return p.errAt(t, Text{}, say("bad-keyword-name", "bad keyword name `{0}`", t.text))
		}
		for _, k := range call.Keywords {
			if k.Name == t.text {
				return p.errAt(t, say("keyword-once", "give each keyword once"), say("keyword-twice", "keyword `{0}` given twice", t.text))
			}
		}
		p.skip(2)
		v, err := p.value()
		if err != nil {
			return err
		}
		call.Keywords = append(call.Keywords, &Keyword{Pos: p.pos(t), Name: t.text, Value: v})
		return nil
	}
	if len(call.Keywords) > 0 {
		return p.errAt(t, say("positional-first", "put positional arguments before name=value ones"), say("positional-after-keyword", "positional argument after a keyword argument"))
	}
	v, err := p.value()
	if err != nil {
		return err
	}
	call.Args = append(call.Args, v)
	return nil
}

// endOfCall wants the line (or, in a crowd's script, the call) to end.
func (p *parser) endOfCall() *Error {
	if t := p.peek(); t.kind != tokEOF && !(p.inScript && isPunct(t, ";")) {
		hint := say("one-statement", "one statement per line; comments start with #")
		if p.inScript {
			hint = say("separate-calls", "separate the calls with `;`")
		}
		return p.errAt(t, hint, say("unexpected-after-call", "unexpected {0} after the call", describeToken(t)))
	}
	return nil
}
