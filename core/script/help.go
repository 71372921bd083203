package script

import (
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/sockplay/sockplay/core/internal/text"
	"github.com/sockplay/sockplay/core/limits"
)

// helpWidth is where help text wraps.
const helpWidth = 78

// Help is the default catalogue's help: the index for "", else one page.
func Help(topic string) (string, error) { return defaultCatalogue.Help(topic) }

// Translate gives the text of help message id in the reader's language, en
// being its English; nil keeps the English. Ids name what the text is
// ("help.call.connect.summary"); core/i18n keeps the catalogues, and the
// engine holds none.
type Translate func(id, en string) string

// Help returns the index of everything when topic is "", or the page of a
// call, command or constant, or "syntax" for the language itself.
func (c *Catalogue) Help(topic string) (string, error) { return c.HelpIn(topic, nil) }

// HelpIn is Help with its texts through tr. Names, signatures, constants,
// errno names and examples stay as they are.
func (c *Catalogue) HelpIn(topic string, tr Translate) (string, error) {
	if tr == nil {
		tr = func(_, en string) string { return en }
	}
	topic = strings.TrimSpace(topic)
	switch {
	case topic == "":
		return c.helpIndex(tr), nil
	case topic == "syntax":
		return tr("help.syntax", syntaxHelp), nil
	case topic == "limits":
		return limitsHelp(tr), nil
	}
	if spec, ok := c.Lookup(topic); ok {
		return callPage(&spec, tr), nil
	}
	if cmd, ok := lookupCommand(topic); ok {
		return commandPage(cmd, tr), nil
	}
	if k, ok := LookupConstant(topic); ok {
		return c.constantPage(k, tr), nil
	}
	if idea, ok := lookupConcept(topic); ok {
		return conceptPage(idea, tr), nil
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
	for _, idea := range concepts {
		topics = append(topics, idea.name)
	}
	text.SortStrings(topics)
	return slices.Compact(topics)
}

func (c *Catalogue) helpIndex(tr Translate) string {
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
			flush(groupTitle(library, tr))
			library = lib
		}
		rows = append(rows, [2]string{spec.Signature(), tr(callID(&spec, "summary"), spec.Summary)})
	}
	flush(groupTitle(library, tr))
	for _, scope := range []commandScope{hostScope, netScope, sessionScope} {
		for _, cmd := range commands {
			if cmd.scope == scope {
				rows = append(rows, [2]string{strings.Join(cmd.usage(), " | "), tr("help.cmd."+cmd.name+".summary", cmd.summary)})
			}
		}
		flush(scopeTitle(scope, tr))
	}
	for _, idea := range concepts {
		rows = append(rows, [2]string{idea.name, tr("help.concept."+idea.name+".summary", idea.summary)})
	}
	flush(tr("help.index.concepts", "Ideas, each explained (help NAME):"))
	b.WriteString(tr("help.index.footer", "Values: 42, 0x40, \"text\\r\\n\", 10.0.0.2:80, server:80, *:80, 200ms, 5%, 10Mbit,\n"+
		"[a, b], {1, 0}, NULL, POLLIN|POLLOUT; `help syntax` tells more.\n"+
		"Type `help NAME` for a call, command, constant or idea, e.g. help connect;\n"+
		"`help limits` lists the largest values sockplay takes.\n"))
	return b.String()
}

func groupTitle(library string, tr Translate) string {
	if library == "" {
		return tr("help.index.socket-calls", "Socket calls (after a host's prompt, e.g. server> listen(s, 5)):")
	}
	return library + tr("help.index.library-calls", ".* calls:")
}

func scopeTitle(s commandScope, tr Translate) string {
	switch s {
	case hostScope:
		return tr("help.index.host-commands", "Host commands (after a host's prompt):")
	case netScope:
		return tr("help.index.net-commands", "Network commands (after net>):")
	}
	return tr("help.index.session-commands", "Session commands (bare, or after any prompt):")
}

// callID is the message id of a part of a call's page.
func callID(spec *CallSpec, part string) string { return "help.call." + spec.Name + "." + part }

// writeRows writes two aligned columns; a long left cell puts its text on
// the next line.
func writeRows(b *strings.Builder, rows [][2]string) {
	const maxLeft = 34
	width := 0
	for _, r := range rows {
		if n := textWidth(r[0]); n <= maxLeft && n > width {
			width = n
		}
	}
	for _, r := range rows {
		if textWidth(r[0]) > width {
			b.WriteString("  " + r[0] + "\n")
			b.WriteString(wrap(r[1], 4+width, helpWidth))
			continue
		}
		b.WriteString("  " + r[0] + strings.Repeat(" ", width-textWidth(r[0])+2))
		b.WriteString(strings.TrimLeft(wrap(r[1], 4+width, helpWidth), " "))
	}
}

// wrap fills text into lines of at most width columns, each indented by
// indent spaces; blank-line-separated paragraphs stay apart. Chinese
// breaks between any two Han characters (not before closing punctuation).
func wrap(text string, indent, width int) string {
	var b strings.Builder
	pad := strings.Repeat(" ", indent)
	for i, para := range strings.Split(text, "\n\n") {
		if i > 0 {
			b.WriteString("\n")
		}
		line := pad
		for _, field := range strings.Fields(para) {
			for k, w := range breakable(field) {
				sep := " "
				if k > 0 || len(line) == indent {
					sep = "" // within a field: Han characters join without a space
				}
				if len(line) > indent && textWidth(line)+len(sep)+textWidth(w) > width {
					b.WriteString(line + "\n")
					line, sep = pad, ""
				}
				line += sep + w
			}
		}
		b.WriteString(line + "\n")
	}
	return b.String()
}

func callPage(spec *CallSpec, tr Translate) string {
	var b strings.Builder
	b.WriteString(spec.Signature() + " — " + tr(callID(spec, "summary"), spec.Summary) + "\n\n")
	if len(spec.Params) > 0 {
		b.WriteString(tr("help.label.arguments", "Arguments:") + "\n")
		writeRows(&b, paramRows(spec, spec.Params, false, tr))
		b.WriteString("\n")
	}
	if len(spec.Keywords) > 0 {
		b.WriteString(tr("help.label.keywords", "Keyword arguments (name=value, all optional):") + "\n")
		writeRows(&b, paramRows(spec, spec.Keywords, true, tr))
		b.WriteString("\n")
	}
	b.WriteString(wrap(tr(callID(spec, "detail"), spec.Detail), 0, helpWidth) + "\n")
	b.WriteString(wrap(tr("help.label.returns", "Returns: ")+tr(callID(spec, "returns"), spec.Returns), 0, helpWidth))
	if len(spec.Errors) > 0 {
		b.WriteString("\n" + tr("help.label.errors", "Errors:") + "\n")
		rows := make([][2]string, len(spec.Errors))
		for i, e := range spec.Errors {
			rows[i] = [2]string{e.Errno.Name(), tr(callID(spec, "errno."+e.Errno.Name()), e.When)}
		}
		writeRows(&b, rows)
	}
	writeExample(&b, spec.Example, tr)
	return b.String()
}

func paramRows(spec *CallSpec, params []Param, keywords bool, tr Translate) [][2]string {
	rows := make([][2]string, len(params))
	for i, p := range params {
		name := p.Name
		if keywords {
			name += "=" + keywordPlaceholder(p)
		} else if p.Optional {
			name += tr("help.label.optional", " (optional)")
		}
		rows[i] = [2]string{name, tr(callID(spec, "param."+p.Name), p.Doc)}
	}
	return rows
}

func writeExample(b *strings.Builder, example string, tr Translate) {
	if example == "" {
		return
	}
	b.WriteString("\n" + tr("help.label.example", "Example:") + "\n")
	for _, l := range strings.Split(example, "\n") {
		b.WriteString("  " + l + "\n")
	}
}

func commandPage(cmd *commandSpec, tr Translate) string {
	var b strings.Builder
	id := "help.cmd." + cmd.name + "."
	b.WriteString(strings.Join(cmd.usage(), " | ") + " — " + tr(id+"summary", cmd.summary) + "\n\n")
	b.WriteString(wrap(tr(id+"detail", cmd.detail), 0, helpWidth))
	writeExample(&b, cmd.example, tr)
	return b.String()
}

func (c *Catalogue) constantPage(k Constant, tr Translate) string {
	var b strings.Builder
	b.WriteString(k.Name + " = " + strconv.FormatInt(k.Value, 10) + " (0x" + strconv.FormatInt(k.Value, 16) + ") — " + tr("help.const."+k.Name, k.Doc) + "\n")
	var users []string
	for _, spec := range c.calls {
		for _, p := range spec.Params {
			if hasAnyPrefix(k.Name, p.Consts) {
				users = append(users, spec.Name+" ("+p.Name+")")
			}
		}
	}
	if len(users) > 0 {
		b.WriteString("\n" + wrap(tr("help.label.used-by", "Used by: ")+strings.Join(users, ", "), 0, helpWidth))
	}
	return b.String()
}

// limitsHelp is `help limits`: the table of limits.Table.
func limitsHelp(tr Translate) string {
	var b strings.Builder
	b.WriteString(tr("help.limits.intro", "Limits: the largest values sockplay takes. A value beyond one is refused\n"+
		"with a message and changes nothing, unless Linux clamps it (then so does sockplay).\n") + "\n")
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

// breakable cuts a word into the pieces a line may break between: a
// Latin word is one piece, each Han character another (with the closing
// punctuation after it, which never starts a line).
func breakable(word string) []string {
	var pieces []string
	start := 0
	for i, r := range word {
		if i > start && (isWide(r) || isWide(lastRune(word[:i]))) && !closesCJK(r) {
			pieces = append(pieces, word[start:i])
			start = i
		}
	}
	return append(pieces, word[start:])
}

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

// isWide: Han characters, CJK punctuation and full-width forms, drawn two
// columns wide by terminals and monospaced CJK fonts.
func isWide(r rune) bool {
	return r >= 0x2E80 && r <= 0x9FFF || r >= 0xF900 && r <= 0xFAFF || r >= 0xFF00 && r <= 0xFF60 || r >= 0xFFE0 && r <= 0xFFE6
}

func closesCJK(r rune) bool {
	return strings.ContainsRune("，。、：；！？）》」』】…", r)
}

// textWidth is how many columns s takes: its bytes, a wide character two
// (its three UTF-8 bytes less one), so English is measured as it always was.
func textWidth(s string) int {
	n := len(s)
	for _, r := range s {
		if isWide(r) {
			n--
		}
	}
	return n
}
