package script

import (
	"slices"
	"strconv"
	"strings"

	"github.com/sockplay/sockplay/core/internal/text"
	"github.com/sockplay/sockplay/core/limits"
)

// helpWidth is where help text wraps.
const helpWidth = 78

// Help is the default catalogue's help: the index for "", else one page.
func Help(topic string) (string, error) { return defaultCatalogue.Help(topic) }

// Help returns the index of everything when topic is "", or the page of a
// call, command or constant, or "syntax" for the language itself.
func (c *Catalogue) Help(topic string) (string, error) {
	topic = strings.TrimSpace(topic)
	switch {
	case topic == "":
		return c.helpIndex(), nil
	case topic == "syntax":
		return syntaxHelp, nil
	case topic == "limits":
		return limitsHelp(), nil
	}
	if spec, ok := c.Lookup(topic); ok {
		return callPage(&spec), nil
	}
	if cmd, ok := lookupCommand(topic); ok {
		return commandPage(cmd), nil
	}
	if k, ok := LookupConstant(topic); ok {
		return c.constantPage(k), nil
	}
	hint := didYouMean(topic, c.Topics())
	if hint == "" {
		hint = "`help` lists every topic"
	}
	return "", &Error{Msg: "no help for `" + shorten(topic) + "`", Hint: hint}
}

// Topics lists everything help has a page for, sorted.
func (c *Catalogue) Topics() []string {
	topics := append(c.callNames(), "syntax", "limits")
	for _, cmd := range commands {
		topics = append(topics, cmd.name)
	}
	topics = append(topics, constantNames()...)
	text.SortStrings(topics)
	return slices.Compact(topics)
}

func (c *Catalogue) helpIndex() string {
	var b strings.Builder
	var rows [][2]string
	flush := func(title string) {
		b.WriteString(title + "\n")
		writeRows(&b, rows)
		b.WriteString("\n")
		rows = nil
	}
	library := ""
	for _, spec := range c.calls {
		if lib := spec.Library(); lib != library {
			flush(groupTitle(library))
			library = lib
		}
		rows = append(rows, [2]string{spec.Signature(), spec.Summary})
	}
	flush(groupTitle(library))
	for _, scope := range []commandScope{hostScope, netScope, sessionScope} {
		for _, cmd := range commands {
			if cmd.scope == scope {
				rows = append(rows, [2]string{strings.Join(cmd.usage(), " | "), cmd.summary})
			}
		}
		flush(scopeTitle(scope))
	}
	b.WriteString("Values: 42, 0x40, \"text\\r\\n\", 10.0.0.2:80, server:80, *:80, 200ms, 5%, 10Mbit,\n")
	b.WriteString("[a, b], {1, 0}, NULL, POLLIN|POLLOUT; `help syntax` tells more.\n")
	b.WriteString("Type `help NAME` for a call, command or constant, e.g. help connect;\n")
	b.WriteString("`help limits` lists the largest values sockplay takes.\n")
	return b.String()
}

func groupTitle(library string) string {
	if library == "" {
		return "Socket calls (after a host's prompt, e.g. server> listen(s, 5)):"
	}
	return library + ".* calls:"
}

func scopeTitle(s commandScope) string {
	switch s {
	case hostScope:
		return "Host commands (after a host's prompt):"
	case netScope:
		return "Network commands (after net>):"
	}
	return "Session commands (bare, or after any prompt):"
}

// writeRows writes two aligned columns; a long left cell puts its text on
// the next line.
func writeRows(b *strings.Builder, rows [][2]string) {
	const maxLeft = 34
	width := 0
	for _, r := range rows {
		if n := len(r[0]); n <= maxLeft && n > width {
			width = n
		}
	}
	for _, r := range rows {
		if len(r[0]) > width {
			b.WriteString("  " + r[0] + "\n")
			b.WriteString(wrap(r[1], 4+width, helpWidth))
			continue
		}
		b.WriteString("  " + r[0] + strings.Repeat(" ", width-len(r[0])+2))
		b.WriteString(strings.TrimLeft(wrap(r[1], 4+width, helpWidth), " "))
	}
}

// wrap fills text into lines of at most width characters, each indented
// by indent spaces; blank-line-separated paragraphs stay apart.
func wrap(text string, indent, width int) string {
	var b strings.Builder
	pad := strings.Repeat(" ", indent)
	for i, para := range strings.Split(text, "\n\n") {
		if i > 0 {
			b.WriteString("\n")
		}
		line := pad
		for _, w := range strings.Fields(para) {
			if len(line) > indent && len(line)+1+len(w) > width {
				b.WriteString(line + "\n")
				line = pad
			}
			if len(line) > indent {
				line += " "
			}
			line += w
		}
		b.WriteString(line + "\n")
	}
	return b.String()
}

func callPage(spec *CallSpec) string {
	var b strings.Builder
	b.WriteString(spec.Signature() + " — " + spec.Summary + "\n\n")
	if len(spec.Params) > 0 {
		b.WriteString("Arguments:\n")
		writeRows(&b, paramRows(spec.Params, false))
		b.WriteString("\n")
	}
	if len(spec.Keywords) > 0 {
		b.WriteString("Keyword arguments (name=value, all optional):\n")
		writeRows(&b, paramRows(spec.Keywords, true))
		b.WriteString("\n")
	}
	b.WriteString(wrap(spec.Detail, 0, helpWidth) + "\n")
	b.WriteString(wrap("Returns: "+spec.Returns, 0, helpWidth))
	if len(spec.Errors) > 0 {
		b.WriteString("\nErrors:\n")
		rows := make([][2]string, len(spec.Errors))
		for i, e := range spec.Errors {
			rows[i] = [2]string{e.Errno.Name(), e.When}
		}
		writeRows(&b, rows)
	}
	writeExample(&b, spec.Example)
	return b.String()
}

func paramRows(params []Param, keywords bool) [][2]string {
	rows := make([][2]string, len(params))
	for i, p := range params {
		name := p.Name
		if keywords {
			name += "=" + keywordPlaceholder(p)
		} else if p.Optional {
			name += " (optional)"
		}
		rows[i] = [2]string{name, p.Doc}
	}
	return rows
}

func writeExample(b *strings.Builder, example string) {
	if example == "" {
		return
	}
	b.WriteString("\nExample:\n")
	for _, l := range strings.Split(example, "\n") {
		b.WriteString("  " + l + "\n")
	}
}

func commandPage(cmd *commandSpec) string {
	var b strings.Builder
	b.WriteString(strings.Join(cmd.usage(), " | ") + " — " + cmd.summary + "\n\n")
	b.WriteString(wrap(cmd.detail, 0, helpWidth))
	writeExample(&b, cmd.example)
	return b.String()
}

func (c *Catalogue) constantPage(k Constant) string {
	var b strings.Builder
	b.WriteString(k.Name + " = " + strconv.FormatInt(k.Value, 10) + " (0x" + strconv.FormatInt(k.Value, 16) + ") — " + k.Doc + "\n")
	var users []string
	for _, spec := range c.calls {
		for _, p := range spec.Params {
			if hasAnyPrefix(k.Name, p.Consts) {
				users = append(users, spec.Name+" ("+p.Name+")")
			}
		}
	}
	if len(users) > 0 {
		b.WriteString("\n" + wrap("Used by: "+strings.Join(users, ", "), 0, helpWidth))
	}
	return b.String()
}

// limitsHelp is `help limits`: the table of limits.Table.
func limitsHelp() string {
	var b strings.Builder
	b.WriteString("Limits: the largest values sockplay takes. A value beyond one is refused\n")
	b.WriteString("with a message and changes nothing, unless Linux clamps it (then so does sockplay).\n\n")
	rows := limits.Table()
	cells := make([][2]string, len(rows))
	for i, l := range rows {
		cells[i] = [2]string{l.What, l.Rule}
	}
	writeRows(&b, cells)
	return b.String()
}

const syntaxHelp = `A line is one of:
  HOST> statement      a call or host command on client, server, ...
  net> command         a network command
  undo | goto N | help [TOPIC]   session commands, bare or after any prompt
  # comment            also allowed at the end of any line

A statement is a call, name(arg, ...), optionally assigned: s = socket(...).
Library calls have dotted names and may take keyword arguments last:
  http.serve(s, version=1.1, idle=5s, max=100)

Values:
  42  -1  0x40  04000    integers (a leading 0 is octal, as in C)
  1.1                    a number with a fraction
  "GET /\r\n"            a string with C escapes: \n \r \t \\ \" \0 \xHH \NNN
  s  conn                variables (start with a lowercase letter, or one capital)
  AF_INET  POLLIN|POLLOUT  constants, joined with | for flags
  10.0.0.2:80  server:80  *:80   addresses (* is 0.0.0.0)
  200ms  1.5s  2m  1h    durations (ns, us, ms, s, m, h)
  5%  10Mbit             percentages and rates (bit, kbit, Mbit, Gbit)
  [a, b]  {1, 0}  NULL   lists, structs (C structs by their fields) and NULL

poll takes a list of {fd, events} structs and a timeout; C's nfds is the
list's length: poll([{c, POLLIN}, {a, POLLOUT}], 1000).
`
