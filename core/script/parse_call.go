package script

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
			return nil, p.errAt(t, "separate arguments with commas", "expected `,` or `)`, got "+describeToken(t))
		}
	}
}

func (p *parser) argument(call *Call) *Error {
	t := p.peek()
	if t.kind == tokIdent && isPunct(p.peekAt(1), "=") {
		if !isPlainName(t.text) {
			return p.errAt(t, "", "bad keyword name `"+t.text+"`")
		}
		for _, k := range call.Keywords {
			if k.Name == t.text {
				return p.errAt(t, "give each keyword once", "keyword `"+t.text+"` given twice")
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
	if t := p.peek(); t.kind != tokEOF && !(p.inScript && isPunct(t, ";")) {
		hint := "one statement per line; comments start with #"
		if p.inScript {
			hint = "separate the calls with `;`"
		}
		return p.errAt(t, hint, "unexpected "+describeToken(t)+" after "+what)
	}
	return nil
}
