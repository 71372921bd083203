package script

import "strconv"

// sysctl parses `sysctl [-w] NAME[=VALUE]...` and `sysctl -a` as
// procps's sysctl(8) reads them: NAME=VALUE writes, a bare NAME reads,
// -w insists that every NAME writes, -a lists every setting.
func (p *parser) sysctl() (*Command, *Error) {
	t := p.next()
	cmd := &Command{Pos: p.pos(t), Name: t.text}
	hint := "usage: " + sysctlUsage + ", e.g. " + sysctlExample
	write, all, names := false, false, 0
	for p.peek().kind != tokEOF {
		w := p.next()
		at := p.pos(w)
		switch w.kind {
		case tokFlag:
			if w.text != "a" && w.text != "w" {
				return nil, errorAt(at, hint, "unknown flag -"+w.text+" for sysctl")
			}
			write, all = write || w.text == "w", all || w.text == "a"
			cmd.Args = append(cmd.Args, &Flag{Pos: at, Letters: w.text})
		case tokIdent:
			s := &Setting{Pos: at, Name: w.text}
			if isPunct(p.peek(), "=") {
				p.next()
				v := p.next()
				n, err := strconv.ParseInt(v.text, 10, 32)
				if v.kind != tokNumber || err != nil {
					return nil, errorAt(p.pos(v), "e.g. "+w.text+"=1", "expected a whole number after `=`, got "+describeToken(v))
				}
				s.Value, s.Set = n, true
			} else if write {
				return nil, errorAt(at, hint, "\""+w.text+"\" must be of the form name=value")
			}
			names++
			cmd.Args = append(cmd.Args, s)
		default:
			return nil, errorAt(at, hint, "expected a setting's name, got "+describeToken(w))
		}
	}
	switch {
	case all && names > 0:
		return nil, errorAt(cmd.Pos, hint, "sysctl -a lists every setting and takes no names")
	case !all && names == 0:
		return nil, errorAt(p.pos(p.peek()), hint, "sysctl needs a setting's name, or -a")
	}
	return cmd, nil
}
