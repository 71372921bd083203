package script

import (
	"strconv"
	"strings"
)

// command parses NAME ARG... and matches the words against the command's forms.
func (p *parser) command() (*Command, *Error) {
	t := p.next()
	spec, _ := lookupCommand(t.text)
	cmd := &Command{Pos: p.pos(t), Name: t.text}
	for p.peek().kind != tokEOF {
		arg, err := p.commandWord(t.text == "help") // help TIME-WAIT: one topic, as ss names the state
		if err != nil {
			return nil, err
		}
		cmd.Args = append(cmd.Args, arg)
	}
	end := p.pos(p.peek())
	for _, form := range spec.forms {
		if matchForm(form, cmd.Args) {
			return cmd, checkCommandValues(spec, form, cmd.Args)
		}
	}
	return nil, usageError(spec, cmd.Args, end)
}

// hyphenated reads the -words (lexed as flags) written right after a
// name, as in TIME-WAIT or delayed-ack, and returns them joined.
func (p *parser) hyphenated(end int) string {
	var b strings.Builder
	for p.peek().kind == tokFlag && p.peek().off == end {
		t := p.next()
		b.WriteString("-" + t.text)
		end = t.end
	}
	return b.String()
}

// commandWord is one word after a command's name: a number-like literal,
// a name, FROM>TO or a -flag; with hyphens, a name and the -words right
// after it are one name.
func (p *parser) commandWord(hyphens bool) (Expr, *Error) {
	t := p.next()
	at := p.pos(t)
	switch t.kind {
	case tokNumber:
		e, prob := parseNumber(t.text, at)
		if prob != nil {
			return nil, errorAt(at, prob.hint, prob.msg)
		}
		return e, nil
	case tokFlag:
		return &Flag{Pos: at, Letters: t.text}, nil
	case tokIdent:
		if hyphens {
			return &Name{Pos: at, Name: t.text + p.hyphenated(t.end)}, nil
		}
		if !isPunct(p.peek(), ">") {
			return &Name{Pos: at, Name: t.text}, nil
		}
		p.next()
		to := p.next()
		if to.kind != tokIdent || !isPlainName(t.text) || !isPlainName(to.text) {
			return nil, errorAt(at, "e.g. client>server", "bad direction: write FROM>TO with two host names")
		}
		return &Direction{Pos: at, From: t.text, To: to.text}, nil
	}
	return nil, errorAt(at, "", "unexpected "+describeToken(t))
}

// matchForm fits args to the form left to right, skipping optional words
// that do not fit. The kinds of words are distinct, so greed is enough.
func matchForm(form []commandArg, args []Expr) bool {
	i := 0
	for _, a := range form {
		if i < len(args) && wordFits(a.kind, args[i]) {
			i++
		} else if !a.optional {
			return false
		}
	}
	return i == len(args)
}

func wordFits(kind commandArgKind, e Expr) bool {
	switch e.(type) {
	case *Int:
		return kind == argCount || kind == argNumber
	case *Duration:
		return kind == argDuration
	case *Percent:
		return kind == argPercent
	case *Rate:
		return kind == argRate
	case *Direction:
		return kind == argDirection
	case *Name:
		return kind == argOnOff || kind == argHostName || kind == argTopic
	case *IP:
		return kind == argIP
	case *Flag:
		return kind == argFlags
	}
	return false
}

// checkCommandValues checks the ranges of words that matched form.
func checkCommandValues(spec *commandSpec, form []commandArg, args []Expr) *Error {
	i := 0
	for _, a := range form {
		if i >= len(args) || !wordFits(a.kind, args[i]) {
			continue
		}
		if err := checkCommandValue(spec, a, args[i]); err != nil {
			return err
		}
		i++
	}
	return nil
}

func checkCommandValue(spec *commandSpec, a commandArg, e Expr) *Error {
	switch v := e.(type) {
	case *Int:
		if a.kind == argCount && v.Value < 1 {
			return errorAt(v.Pos, "", a.placeholder+" counts from 1, not "+strconv.FormatInt(v.Value, 10))
		}
		if v.Value < 0 {
			return errorAt(v.Pos, "", a.placeholder+" can't be negative")
		}
		if a.max > 0 && v.Value > a.max {
			return errorAt(v.Pos, "", spec.name+" takes at most "+strconv.FormatInt(a.max, 10)+", not "+strconv.FormatInt(v.Value, 10))
		}
	case *Name:
		switch {
		case a.kind == argOnOff && v.Name != "on" && v.Name != "off":
			return errorAt(v.Pos, "write `"+spec.name+" on` or `"+spec.name+" off`", "expected on or off, got `"+v.Name+"`")
		case a.kind == argHostName && (!isPlainName(v.Name) || v.Name == "net"):
			return errorAt(v.Pos, "host names are single words other than net", "bad host name `"+v.Name+"`")
		}
	case *Direction:
		if v.From == v.To || v.From == "net" || v.To == "net" {
			return errorAt(v.Pos, "e.g. client>server", "a direction goes from one host to another")
		}
	case *Flag:
		for i := 0; i < len(v.Letters); i++ {
			c := v.Letters[i]
			if strings.IndexByte(a.letters, c) < 0 {
				return errorAt(v.Pos, spec.name+" takes -"+a.letters, "unknown flag -"+string(rune(c))+" for "+spec.name)
			}
			if strings.IndexByte(v.Letters[:i], c) >= 0 {
				return errorAt(v.Pos, "", "flag -"+string(rune(c))+" given twice")
			}
		}
	}
	return nil
}

// usageError explains why args fit none of the command's forms.
func usageError(spec *commandSpec, args []Expr, end Pos) *Error {
	usage := spec.usage()
	hint := "usage: " + strings.Join(usage, " or ")
	if spec.example != "" {
		hint += ", e.g. " + spec.example
	}
	if len(spec.forms) == 1 {
		form := spec.forms[0]
		i := 0
		for _, a := range form {
			switch {
			case i < len(args) && wordFits(a.kind, args[i]):
				i++
			case a.optional:
			case i < len(args):
				msg := spec.name + " takes " + describeArgKind(a.kind) + ", not `" + formatExpr(args[i]) + "`"
				if n, isInt := args[i].(*Int); isInt && a.kind == argDuration {
					return errorAt(n.Pos, "durations need a unit: "+formatExpr(n)+"ms or "+formatExpr(n)+"s?", msg)
				}
				return errorAt(args[i].Start(), hint, msg)
			default:
				return errorAt(end, hint, spec.name+" needs "+describeArgKind(a.kind))
			}
		}
		if i < len(args) {
			if len(form) == 0 {
				return errorAt(args[i].Start(), hint, spec.name+" takes no arguments")
			}
			return errorAt(args[i].Start(), hint, "too many arguments for "+spec.name)
		}
	}
	at := end
	if len(args) > 0 {
		at = args[0].Start()
	}
	return errorAt(at, hint, "wrong arguments for "+spec.name)
}

func describeArgKind(k commandArgKind) string {
	switch k {
	case argCount:
		return "a number from 1"
	case argNumber:
		return "a number"
	case argDuration:
		return "a duration such as 200ms or 2s"
	case argPercent:
		return "a percentage such as 5%"
	case argRate:
		return "a rate such as 10Mbit"
	case argDirection:
		return "a direction such as client>server"
	case argOnOff:
		return "on or off"
	case argHostName:
		return "a host name"
	case argIP:
		return "an IPv4 address such as 10.0.0.3"
	case argTopic:
		return "a name"
	}
	return "flags"
}
