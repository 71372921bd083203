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
			return nil, errorSaid(at, prob.hint, prob.msg)
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
			return nil, errorSaid(at, say("direction-eg", "e.g. client>server"), say("bad-direction", "bad direction: write FROM>TO with two host names"))
		}
		return &Direction{Pos: at, From: t.text, To: to.text}, nil
	}
	return nil, errorSaid(at, Text{}, say("unexpected-token", "unexpected {0}", describeToken(t)))
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
			return errorSaid(v.Pos, Text{}, say("counts-from-one", "{0} counts from 1, not {1}", a.placeholder, strconv.FormatInt(v.Value, 10)))
		}
		if v.Value < 0 {
			return errorSaid(v.Pos, Text{}, say("not-negative", "{0} can't be negative", a.placeholder))
		}
		if a.max > 0 && v.Value > a.max {
			return errorSaid(v.Pos, Text{}, say("at-most", "{0} takes at most {1}, not {2}", spec.name, strconv.FormatInt(a.max, 10), strconv.FormatInt(v.Value, 10)))
		}
	case *Name:
		switch {
		case a.kind == argOnOff && v.Name != "on" && v.Name != "off":
			return errorSaid(v.Pos, say("write-on-off", "write `{0} on` or `{0} off`", spec.name), say("expected-on-off", "expected on or off, got `{0}`", v.Name))
		case a.kind == argHostName && (!isPlainName(v.Name) || v.Name == "net"):
			return errorSaid(v.Pos, say("host-names-not-net", "host names are single words other than net"), say("bad-host-name", "bad host name `{0}`", v.Name))
		}
	case *Direction:
		if v.From == v.To || v.From == "net" || v.To == "net" {
			return errorSaid(v.Pos, say("direction-eg", "e.g. client>server"), say("direction-two-hosts", "a direction goes from one host to another"))
		}
	case *Flag:
		for i := 0; i < len(v.Letters); i++ {
			c := v.Letters[i]
			if strings.IndexByte(a.letters, c) < 0 {
				return errorSaid(v.Pos, say("takes-flags", "{0} takes -{1}", spec.name, a.letters), say("unknown-flag", "unknown flag -{0} for {1}", string(rune(c)), spec.name))
			}
			if strings.IndexByte(v.Letters[:i], c) >= 0 {
				return errorSaid(v.Pos, Text{}, say("flag-twice", "flag -{0} given twice", string(rune(c))))
			}
		}
	}
	return nil
}

// usageError explains why args fit none of the command's forms.
func usageError(spec *commandSpec, args []Expr, end Pos) *Error {
	usage := spec.usage()
	hint := say("usage", "usage: {0}", strings.Join(usage, " or "))
	if spec.example != "" {
		hint = say("usage-eg", "usage: {0}, e.g. {1}", strings.Join(usage, " or "), spec.example)
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
				msg := plain(spec.name + " takes " + describeArgKind(a.kind) + ", not `" + formatExpr(args[i]) + "`")
				if n, isInt := args[i].(*Int); isInt && a.kind == argDuration {
					return errorSaid(n.Pos, say("duration-needs-unit", "durations need a unit: {0}ms or {0}s?", formatExpr(n)), msg)
				}
				return errorSaid(args[i].Start(), hint, msg)
			default:
				return errorSaid(end, hint, plain(spec.name+" needs "+describeArgKind(a.kind)))
			}
		}
		if i < len(args) {
			if len(form) == 0 {
				return errorSaid(args[i].Start(), hint, say("command-no-arguments", "{0} takes no arguments", spec.name))
			}
			return errorSaid(args[i].Start(), hint, say("too-many-arguments", "too many arguments for {0}", spec.name))
		}
	}
	at := end
	if len(args) > 0 {
		at = args[0].Start()
	}
	return errorSaid(at, hint, say("wrong-arguments", "wrong arguments for {0}", spec.name))
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
