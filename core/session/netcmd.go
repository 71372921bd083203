package session

import (
	"strconv"
	"strings"
	"time"

	"github.com/sockplay/sockplay/core/internal/text"
	"github.com/sockplay/sockplay/core/limits"
	"github.com/sockplay/sockplay/core/netsim"
	"github.com/sockplay/sockplay/core/script"
	"github.com/sockplay/sockplay/core/stack"
	"github.com/sockplay/sockplay/core/wire"
)

// prepareNet resolves a net> command. Commands that act on a packet take
// its number from `net> list`; without one they take the next to arrive.
func (e *engine) prepareNet(cmd *script.Command) (action, *Error) {
	args := cmd.Args
	switch cmd.Name {
	case "step":
		n := 1
		if len(args) > 0 {
			n = int(args[0].(*script.Int).Value)
		}
		return func(e *engine, b *builder) {
			done, start := 0, e.w.Processed()
			for done < n && e.w.Processed()-start < limits.Events && e.w.Step() {
				done++
			}
			switch {
			case done == 0:
				b.print("nothing in flight")
			case done < n && e.w.Processed()-start >= limits.Events:
				b.print("stopped after " + itoa(done) + " packets and " + itoa(e.w.Processed()-start) + " events; type net> step again")
			}
		}, nil
	case "run":
		return func(e *engine, b *builder) {
			r := e.w.Run(runBound)
			if !r.Quiet {
				b.print("stopped after " + strconv.Itoa(r.Events) + " events with packets or timers still pending; type net> run again")
			}
		}, nil
	case "wait":
		d := args[0].(*script.Duration).Value
		if d > limits.End-e.w.Now() {
			return nil, &Error{Message: "virtual time ends at " + strconv.FormatInt(int64(limits.End/time.Hour), 10) + "h; it is " + formatTime(e.w.Now()) + " now",
				Col: args[0].Start().Col, Hint: "wait less, or start over with goto 0"}
		}
		return func(e *engine, b *builder) {
			if err := e.w.Wait(d); err != nil {
				b.print(err.Error())
			}
			b.print("time is now " + formatTime(e.w.Now()))
		}, nil
	case "next":
		return func(e *engine, b *builder) {
			if !e.w.NextTimer() {
				b.print("no timer is armed")
				return
			}
			b.print("time is now " + formatTime(e.w.Now()))
		}, nil
	case "list":
		return func(e *engine, b *builder) { b.print(e.inFlightLines()...) }, nil
	case "deliver":
		id, err := e.packetArg(cmd, args)
		if err != nil {
			return nil, err
		}
		return func(e *engine, b *builder) {
			if err := e.w.DeliverNow(id); err != nil {
				b.print(err.Error())
			}
		}, nil
	case "drop", "dup", "corrupt":
		if len(args) > 0 {
			if p, ok := args[len(args)-1].(*script.Percent); ok {
				return e.prepareLinkSetting(cmd, dirOf(args), p.Value/100)
			}
		}
		id, err := e.packetArg(cmd, args)
		if err != nil {
			return nil, err
		}
		return func(e *engine, b *builder) {
			var err error
			switch cmd.Name {
			case "drop":
				err = e.w.Drop(id)
			case "dup":
				_, err = e.w.Duplicate(id)
			case "corrupt":
				_, err = e.w.Corrupt(id)
			}
			if err != nil {
				b.print(err.Error())
			}
		}, nil
	case "delay":
		id, err := e.packetArg(cmd, args[:1])
		if err != nil {
			return nil, err
		}
		d := args[1].(*script.Duration).Value
		return func(e *engine, b *builder) {
			if err := e.w.Delay(id, d); err != nil {
				b.print(err.Error())
			}
		}, nil
	case "loss", "reorder", "latency", "bandwidth":
		return e.prepareLinkSetting(cmd, dirOf(args), 0)
	case "auto":
		on := args[0].(*script.Name).Name == "on"
		return func(e *engine, b *builder) {
			e.auto = on
			if on {
				e.settle(b)
			}
		}, nil
	case "host":
		name := args[0].(*script.Name).Name
		ip := args[1].(*script.IP).Addr
		if len(e.w.Hosts()) >= limits.Hosts {
			return nil, &Error{Message: "a network has at most " + itoa(limits.Hosts) + " hosts", Col: cmd.Pos.Col}
		}
		if e.w.Host(name) != nil {
			return nil, refused(args[0].Start().Col, plain(""), say("host-exists", "there is already a host named {0}", name))
		}
		if h := e.w.HostByAddr(ip); h != nil {
			return nil, refused(args[1].Start().Col, plain(""), say("address-taken", "{0} is already {1}'s address", ip.String(), h.Name()))
		}
		return func(e *engine, b *builder) {
			if _, err := e.w.AddHost(name, ip); err != nil {
				b.print(err.Error())
				return
			}
			b.print("added host " + name + " at " + ip.String())
		}, nil
	case "crowd":
		return e.prepareCrowd(cmd)
	case "loop":
		return e.prepareLoop(cmd)
	case "crash", "reboot":
		return e.prepareCrash(cmd)
	case "reset":
		return func(e *engine, b *builder) {
			_ = e.w.SetAllLinks(netsim.DefaultLink()) // the defaults are valid
			b.print("every link back to its defaults: " + formatTime(netsim.DefaultLink().Latency) + " each way, unlimited bandwidth, nothing lost, duplicated or reordered")
		}, nil
	}
	return nil, &Error{Message: "unknown net command " + cmd.Name, Col: cmd.Pos.Col}
}

// packetArg is the packet a command names, or the next to arrive.
func (e *engine) packetArg(cmd *script.Command, args []script.Expr) (int, *Error) {
	flights := e.w.InFlight()
	if len(args) == 0 {
		if len(flights) == 0 {
			return 0, refused(cmd.Pos.Col, plain(""), say("nothing-in-flight", "nothing in flight to {0}", cmd.Name))
		}
		return flights[0].ID, nil
	}
	id := int(args[0].(*script.Int).Value)
	for _, f := range flights {
		if f.ID == id {
			return id, nil
		}
	}
	var ids []string
	for _, f := range flights {
		ids = append(ids, itoa(f.ID))
	}
	hint := "nothing is in flight"
	if len(ids) > 0 {
		hint = "in flight: " + strings.Join(ids, ", ") + " (net> list shows them)"
	}
	return 0, &Error{Message: "packet " + strconv.Itoa(id) + " is not in flight", Col: args[0].Start().Col, Hint: hint}
}

func dirOf(args []script.Expr) *script.Direction {
	for _, a := range args {
		if d, ok := a.(*script.Direction); ok {
			return d
		}
	}
	return nil
}

// prepareLinkSetting changes one setting of one direction, or of every
// link between hosts (in one pass over the settings made so far, not over
// every pair of hosts).
func (e *engine) prepareLinkSetting(cmd *script.Command, dir *script.Direction, prob float64) (action, *Error) {
	if dir != nil {
		for _, name := range []string{dir.From, dir.To} {
			if e.w.Host(name) == nil {
				return nil, refused(dir.Pos.Col, suggestHost(e, name), say("no-host", "no host named {0}", name))
			}
		}
	}
	last := cmd.Args[len(cmd.Args)-1]
	set := func(l *netsim.Link) string {
		switch cmd.Name {
		case "loss":
			l.Loss = last.(*script.Percent).Value / 100
			return "loss " + formatPercent(l.Loss)
		case "reorder":
			l.Reorder = last.(*script.Percent).Value / 100
			return "reordering " + formatPercent(l.Reorder)
		case "dup":
			l.Duplicate = prob
			return "duplication " + formatPercent(prob)
		case "corrupt":
			return "corruption is done per packet: net> corrupt N"
		case "latency":
			l.Latency = last.(*script.Duration).Value
			return "latency " + l.Latency.String()
		case "bandwidth":
			l.Bandwidth = last.(*script.Rate).BitsPerSecond
			return "bandwidth " + formatRate(l.Bandwidth)
		}
		return ""
	}
	if cmd.Name == "corrupt" {
		return nil, &Error{Message: "corrupt takes a packet number, not a rate", Col: last.Start().Col, Hint: "net> corrupt N flips a byte of packet N"}
	}
	// Validate on a copy first so a bad value changes nothing. set
	// assigns one field, so whether the result is valid depends on the
	// value alone.
	l := netsim.DefaultLink()
	set(&l)
	if err := l.Validate(); err != nil {
		return nil, &Error{Message: err.Error(), Col: last.Start().Col}
	}
	return func(e *engine, b *builder) {
		what, where := "", "every link"
		if dir == nil {
			_ = e.w.UpdateLinks(func(l *netsim.Link) { what = set(l) })
		} else {
			l := e.w.Link(dir.From, dir.To)
			what = set(&l)
			_ = e.w.SetLink(dir.From, dir.To, l)
			where = dir.From + ">" + dir.To
		}
		b.print(what + " on " + where)
	}, nil
}

func (e *engine) inFlightLines() []string {
	flights := e.w.InFlight()
	if len(flights) == 0 {
		return []string{"nothing in flight"}
	}
	lines := []string{text.PadRight("#", 4) + " " + text.PadRight("from > to", 16) + " " + text.PadRight("arrives", 10) + " " + "packet"}
	for _, f := range flights {
		lines = append(lines, text.PadRight(strconv.Itoa(f.ID), 4)+" "+text.PadRight(f.From+" > "+f.To, 16)+" "+text.PadRight(formatTime(f.ArriveAt), 10)+" "+e.summary(f.ID, f.Bytes))
	}
	return lines
}

// summary is the packet's tcpdump line without its time.
func (e *engine) summary(id int, b []byte) string {
	text, ok := e.packetText(id)
	if !ok {
		p := wire.Printer{}
		text = p.Line(0, b)
	}
	if i := strings.IndexByte(text, ' '); i >= 0 {
		return text[i+1:]
	}
	return text
}

// prepareHostCommand runs ss and tcpdump, which only read, and sysctl.
func (e *engine) prepareHostCommand(h *stack.Host, cmd *script.Command) (action, *Error) {
	switch cmd.Name {
	case "ss":
		udp := false
		for _, a := range cmd.Args {
			if f, ok := a.(*script.Flag); ok && strings.Contains(f.Letters, "u") && !strings.Contains(f.Letters, "t") {
				udp = true
			}
		}
		return func(e *engine, b *builder) {
			b.print(strings.Split(strings.TrimRight(h.SS(udp), "\n"), "\n")...)
		}, nil
	case "tcpdump":
		abs := len(cmd.Args) > 0
		return func(e *engine, b *builder) {
			text := wire.Dump(h.Capture(), abs)
			if text == "" {
				b.print("(no packets yet)")
				return
			}
			b.print(strings.Split(strings.TrimRight(text, "\n"), "\n")...)
		}, nil
	case "sysctl":
		return e.prepareSysctl(h, cmd)
	}
	return nil, &Error{Message: "unknown command " + cmd.Name, Col: cmd.Pos.Col}
}

// prepareSysctl checks every setting first, so that a line naming one
// that does not exist, or a value out of range, changes nothing; then it
// prints each as sysctl(8) does, "name = value", after setting it.
func (e *engine) prepareSysctl(h *stack.Host, cmd *script.Command) (action, *Error) {
	var settings []*script.Setting
	for _, a := range cmd.Args {
		if s, ok := a.(*script.Setting); ok {
			if _, err := stack.CheckSysctl(s.Name, s.Value, s.Set); err != nil {
				return nil, &Error{Message: err.Error(), Col: s.Pos.Col, Hint: "settings: " + strings.Join(stack.SysctlNames(), ", ")}
			}
			settings = append(settings, s)
		}
	}
	return func(e *engine, b *builder) {
		if len(settings) == 0 {
			for _, name := range stack.SysctlNames() {
				_, v, _ := h.Sysctl(name)
				b.print(name + " = " + itoa(v))
			}
		}
		for _, s := range settings {
			if s.Set {
				h.SetSysctl(s.Name, int(s.Value))
			}
			full, v, _ := h.Sysctl(s.Name)
			b.print(full + " = " + itoa(v))
		}
	}, nil
}

// formatTime prints virtual time as seconds with millisecond precision.
func formatTime(d time.Duration) string {
	return strconv.FormatFloat(d.Seconds(), 'f', 3, 64) + "s"
}

func formatPercent(p float64) string {
	return strings.TrimSuffix(strings.TrimSuffix(strconv.FormatFloat(p*100, 'f', 2, 64), "0"), ".0") + "%"
}

func formatRate(bps int64) string {
	switch {
	case bps == 0:
		return "unlimited"
	case bps%1_000_000 == 0:
		return strconv.FormatInt(bps/1_000_000, 10) + "Mbit"
	case bps%1000 == 0:
		return strconv.FormatInt(bps/1000, 10) + "kbit"
	}
	return strconv.FormatInt(bps, 10) + "bit"
}
