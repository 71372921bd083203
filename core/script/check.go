package script

import (
	"strconv"
	"strings"
)

// Check checks a parsed line's calls against the catalogue: the call
// exists, the number of arguments, keyword names, and the kind of each
// argument as far as it can be known before running (a variable may hold
// anything, so it is accepted everywhere).
func (c *Catalogue) Check(line *Line) error {
	if err := c.check(line); err != nil {
		return err
	}
	return nil
}

func (c *Catalogue) check(line *Line) *Error {
	if line == nil {
		return nil
	}
	if cmd, ok := line.Stmt.(*Command); ok {
		for _, st := range cmd.Script {
			if err := c.checkCall(st.Call); err != nil {
				return err
			}
		}
		return nil
	}
	s, ok := line.Stmt.(*CallStmt)
	if !ok || s.Call == nil {
		return nil
	}
	return c.checkCall(s.Call)
}

func (c *Catalogue) checkCall(call *Call) *Error {
	spec, ok := c.Lookup(call.Name)
	if !ok {
		return c.unknownCall(call)
	}
	for _, k := range call.Keywords {
		if _, ok := keyword(&spec, k.Name); !ok {
			return unknownKeyword(&spec, k)
		}
	}
	if err := checkArity(&spec, call); err != nil {
		return err
	}
	for i, arg := range call.Args {
		if err := checkArg(&spec, spec.Params[i], arg); err != nil {
			return err
		}
	}
	for _, k := range call.Keywords {
		param, _ := keyword(&spec, k.Name)
		if err := checkArg(&spec, param, k.Value); err != nil {
			return err
		}
	}
	return nil
}

func (c *Catalogue) unknownCall(call *Call) *Error {
	if cmd, ok := lookupCommand(call.Name); ok && len(call.Args) == 0 {
		return errorSaid(call.Pos, say("command-no-parentheses", "commands take no parentheses: write `{0}`", cmd.name),
			say("command-not-call", "`{0}` is a command, not a call", call.Name))
	}
	hint := suggestion(call.Name, c.callNames())
	if hint.S == "" {
		hint = say("help-lists-calls", "`help` lists the calls")
	}
	return errorSaid(call.Pos, hint, say("unknown-call", "unknown call `{0}`", call.Name))
}

func keyword(spec *CallSpec, name string) (Param, bool) {
	for _, k := range spec.Keywords {
		if k.Name == name {
			return k, true
		}
	}
	return Param{}, false
}

func unknownKeyword(spec *CallSpec, k *Keyword) *Error {
	if len(spec.Keywords) == 0 {
		return errorSaid(k.Pos, plain(spec.Signature()), say("no-keywords", "{0} takes no keyword arguments", spec.Name))
	}
	names := make([]string, len(spec.Keywords))
	for i, p := range spec.Keywords {
		names[i] = p.Name
	}
	hint := suggestion(k.Name, names)
	if hint.S == "" {
		hint = say("keywords-are", "its keywords are {0}", strings.Join(names, ", "))
	}
	return errorSaid(k.Pos, hint, say("no-such-keyword", "{0} has no keyword `{1}`", spec.Name, k.Name))
}

// checkArity reports a wrong number of positional arguments with the
// signature, e.g. "bind takes 2 arguments: bind(fd, addr)".
func checkArity(spec *CallSpec, call *Call) *Error {
	n, lo, hi := len(call.Args), spec.required(), len(spec.Params)
	if n >= lo && n <= hi {
		return nil
	}
	msg := takesArguments(spec.Name, lo, hi, spec.Signature())
	if n > hi {
		return errorSaid(call.Args[hi].Start(), say("remove-extra-arguments", "remove the extra arguments"), msg)
	}
	return errorSaid(call.Close, say("argument-missing", "{0} is missing", spec.Params[n].Name), msg)
}

// takesArguments is "bind takes 2 arguments: bind(fd, addr)", one text
// for each form of the count.
func takesArguments(name string, lo, hi int, signature string) Text {
	l, h := strconv.Itoa(lo), strconv.Itoa(hi)
	switch {
	case hi == 0:
		return say("takes-no-arguments", "{0} takes no arguments: {1}", name, signature)
	case lo == hi && hi == 1:
		return say("takes-one-argument", "{0} takes 1 argument: {1}", name, signature)
	case lo == hi:
		return say("takes-n-arguments", "{0} takes {1} arguments: {2}", name, h, signature)
	case hi == 1:
		return say("takes-zero-or-one-argument", "{0} takes 0 or 1 argument: {1}", name, signature)
	case hi == lo+1:
		return say("takes-n-or-m-arguments", "{0} takes {1} or {2} arguments: {3}", name, l, h, signature)
	}
	return say("takes-n-to-m-arguments", "{0} takes {1} to {2} arguments: {3}", name, l, h, signature)
}

// checkArg checks one argument's kind, and for constants their family.
func checkArg(spec *CallSpec, p Param, e Expr) *Error {
	if _, isVar := e.(*Var); isVar {
		return nil
	}
	ok := false
	switch v := e.(type) {
	case *Int:
		ok = p.Kind == KindFD || p.Kind == KindInt || p.Kind == KindOptVal || p.Kind == KindTimeout || p.Kind == KindNumber
	case *Const:
		ok = p.Kind == KindInt || p.Kind == KindOptVal
		if ok {
			return checkConstFamily(spec, p, v)
		}
	case *Or:
		ok = p.Kind == KindInt || p.Kind == KindOptVal
		if ok && !p.Flags {
			return errorSaid(v.Pos, say("give-one-value", "give one value"), say("one-value-not-or", "{0} of {1} takes one value, not several joined with |", p.Name, spec.Name))
		}
		if ok {
			for _, t := range v.Terms {
				if c, isConst := t.(*Const); isConst {
					if err := checkConstFamily(spec, p, c); err != nil {
						return err
					}
				}
			}
			return nil
		}
	case *Float:
		ok = p.Kind == KindNumber
	case *String:
		ok = p.Kind == KindBytes || p.Kind == KindText || p.Kind == KindOptVal
	case *Null:
		ok = p.Kind == KindAddr && p.Nullable
	case *Address:
		ok = p.Kind == KindAddr
	case *IP:
		if p.Kind == KindAddr {
			return errorSaid(v.Pos, say("add-port", "add a port, e.g. {0}:80", v.Addr.String()), say("needs-port", "{0} of {1} needs a port", p.Name, spec.Name))
		}
	case *Duration:
		ok = p.Kind == KindDuration || p.Kind == KindTimeout || p.Kind == KindOptVal
	case *Struct:
		switch p.Kind {
		case KindOptVal:
			return checkIntFields(spec, p, v)
		case KindPollFDs:
			return checkPollFD(spec, v)
		}
	case *List:
		if p.Kind == KindPollFDs {
			for _, el := range v.Elems {
				s, isStruct := el.(*Struct)
				if !isStruct {
					return errorAt(el.Start(), "e.g. poll([{c, POLLIN}, {a, POLLOUT}], 1000)", "each entry of "+p.Name+" is {fd, events}")
				}
				if err := checkPollFD(spec, s); err != nil {
					return err
				}
			}
			return nil
		}
	}
	if ok {
		return nil
	}
	return errorSaid(e.Start(), Text{}, mustBe(p, spec.Name, shorten(formatExpr(e))))
}

// checkConstFamily rejects a constant of the wrong family, e.g.
// socket(SOCK_STREAM, AF_INET), naming the right ones.
func checkConstFamily(spec *CallSpec, p Param, c *Const) *Error {
	if len(p.Consts) == 0 || hasAnyPrefix(c.Name, p.Consts) {
		return nil
	}
	hint := say("constants-eg", "e.g. {0}; {1}", strings.Join(firstN(constantsWithPrefix(p.Consts), 4), ", "), spec.Signature())
	return errorSaid(c.Pos, hint, say("wrong-constant-family", "{0} of {1} takes {2} constants, not {3}", p.Name, spec.Name, strings.Join(starred(p.Consts), " or "), c.Name))
}

func checkIntFields(spec *CallSpec, p Param, s *Struct) *Error {
	for _, f := range s.Fields {
		switch f.(type) {
		case *Int, *Const, *Var:
		default:
			return errorAt(f.Start(), "e.g. {1, 0} for SO_LINGER", "the fields of "+p.Name+" of "+spec.Name+" are integers")
		}
	}
	return nil
}

func checkPollFD(spec *CallSpec, s *Struct) *Error {
	if len(s.Fields) != 2 {
		return errorAt(s.Pos, "e.g. {c, POLLIN}", "a poll entry is {fd, events}, with 2 fields, not "+strconv.Itoa(len(s.Fields)))
	}
	fd := Param{Name: "fd", Kind: KindFD}
	events := Param{Name: "events", Kind: KindInt, Consts: []string{"POLL"}, Flags: true}
	if err := checkArg(spec, fd, s.Fields[0]); err != nil {
		return err
	}
	return checkArg(spec, events, s.Fields[1])
}

func mustBe(p Param, call, got string) Text {
	switch p.Kind {
	case KindFD:
		return say("must-be-socket", "{0} of {1} must be a socket (a variable such as s, or a number), not `{2}`", p.Name, call, got)
	case KindInt:
		if len(p.Consts) > 0 {
			return say("must-be-int-or-const", "{0} of {1} must be an integer or a {3} constant, not `{2}`", p.Name, call, got, strings.Join(starred(p.Consts), " or "))
		}
		return say("must-be-int", "{0} of {1} must be an integer, not `{2}`", p.Name, call, got)
	case KindBytes:
		return say("must-be-bytes", "{0} of {1} must be a string such as \"hello\\r\\n\", not `{2}`", p.Name, call, got)
	case KindText:
		return say("must-be-text", "{0} of {1} must be a string such as \"/index.html\", not `{2}`", p.Name, call, got)
	case KindAddr:
		if p.Nullable {
			return say("must-be-address-or-null", "{0} of {1} must be an address such as 10.0.0.2:80 or server:80, or NULL, not `{2}`", p.Name, call, got)
		}
		return say("must-be-address", "{0} of {1} must be an address such as 10.0.0.2:80 or server:80, not `{2}`", p.Name, call, got)
	case KindOptVal:
		return plain(p.Name + " of " + call + " must be an integer, a {a, b} struct, a duration or a string, not `" + got + "`")
	case KindPollFDs:
		return plain(p.Name + " of " + call + " must be a list of {fd, events} such as [{c, POLLIN}], not `" + got + "`")
	case KindTimeout:
		return say("must-be-timeout", "{0} of {1} must be milliseconds (-1 for ever) or a duration such as 2s, not `{2}`", p.Name, call, got)
	case KindDuration:
		return say("must-be-duration", "{0} of {1} must be a duration such as 5s, not `{2}`", p.Name, call, got)
	case KindNumber:
		return say("must-be-number", "{0} of {1} must be a number such as 1.1, not `{2}`", p.Name, call, got)
	}
	return say("must-be-value", "{0} of {1} must be a value, not `{2}`", p.Name, call, got)
}

func starred(prefixes []string) []string {
	out := make([]string, len(prefixes))
	for i, p := range prefixes {
		out[i] = p + "*"
	}
	return out
}

func firstN(s []string, n int) []string {
	if len(s) > n {
		return s[:n]
	}
	return s
}

// shorten cuts s to its first 21 characters and "..." when it has more
// than 24, looking at no more of s than that: messages quote what a user
// typed, which may be long.
func shorten(s string) string {
	n, cut := 0, 0
	for i := range s {
		if n == 21 {
			cut = i
		}
		if n == 24 {
			return s[:cut] + "..."
		}
		n++
	}
	return s
}
