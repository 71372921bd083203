package session

import (
	"github.com/sockplay/sockplay/core/script"
)

// prepareLoop checks `net> loop HOST run CALL; ...`: a server written by
// hand, its accept loop run by the crowd's machinery as one thread on HOST
// that starts over after its last call (crowd.repeat).
func (e *engine) prepareLoop(cmd *script.Command) (action, *Error) {
	name := cmd.Args[0].(*script.Name)
	h := e.w.Host(name.Name)
	switch {
	case h == nil:
		return nil, &Error{Message: "no host named " + name.Name, Col: name.Pos.Col, Hint: "e.g. net> loop server run a = accept(s); ...; close(a)"}
	case h.PrefixBits() > 0:
		return nil, &Error{Message: name.Name + " is a crowd: its clients run their own calls", Col: name.Pos.Col}
	}
	vars := map[string]int{}
	for k, v := range e.vars[h.Name()] {
		vars[k] = v
	}
	if err := e.checkScript(cmd.Script, h, vars); err != nil {
		return nil, err
	}
	return func(e *engine, b *builder) {
		c := &crowd{e: e, h: h, script: cmd.Script, repeat: true, vars: e.vars[h.Name()],
			clients: []crowdClient{{start: e.w.Now(), connected: -1, end: -1}}}
		h.Attach(c)
		cl := &c.clients[0]
		switch {
		case cl.end >= 0:
			b.print("the loop stopped at once: " + cl.outcomeText())
		case cl.parked != nil:
			b.print(h.Name() + " runs these calls over and over; now in " + c.script[cl.pc].Call.Name + ": " + cl.parked.On())
		}
	}, nil
}
