package script

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/sockplay/sockplay/core/internal/text"
)

// Complete proposes completions for a script line being typed, with the
// default catalogue and hosts. cursor and replaceFrom count characters
// (runes); the caller replaces line[replaceFrom:cursor] with a candidate.
// names are the variables of the host being typed on. Candidates are
// ready to insert: calls end in "(", prompts in "> ", keywords in "=",
// host names in addresses in ":".
func Complete(line string, cursor int, names []string) (replaceFrom int, candidates []string) {
	return defaultCatalogue.Complete(line, cursor, []string{"client", "server"}, names)
}

// Complete is Complete with this catalogue and the session's hosts.
func (c *Catalogue) Complete(line string, cursor int, hosts, names []string) (int, []string) {
	return c.complete(line, cursor, "", hosts, names)
}

// CompleteStatement completes what is typed into host's console, which
// supplies the prompt itself (host "net" for the network console).
func (c *Catalogue) CompleteStatement(host, text string, cursor int, hosts, names []string) (int, []string) {
	return c.complete(text, cursor, host, hosts, names)
}

func (c *Catalogue) complete(line string, cursor int, host string, hosts, names []string) (int, []string) {
	if checkLength(line) != nil {
		return 0, nil // no line that long parses, so nothing completes it
	}
	end := byteOffset(line, cursor)
	before := line[:end]
	start := wordStart(before)
	from := utf8.RuneCountInString(before[:start])
	if insideStringOrComment(before[:start]) {
		return from, nil
	}
	toks, err := newLexer(before[:start]).tokens()
	if err != nil {
		return from, nil
	}
	toks = toks[:len(toks)-1] // EOF
	cx := completion{cat: c, hosts: hosts, names: names}
	if host == "" {
		switch {
		case len(toks) == 0:
			cx.prompts()
			cx.add(commandNames(sessionScope)...)
			return from, cx.matching(before[start:])
		case len(toks) >= 2 && toks[0].kind == tokIdent && isPunct(toks[1], ">"):
			host, toks = toks[0].text, toks[2:]
		case toks[0].kind == tokIdent && slices.Contains(commandNames(sessionScope), toks[0].text):
			host = "net" // a bare session command; only its arguments complete
		default:
			return from, nil // no prompt: nothing valid follows
		}
	}
	cx.statement(host, toks)
	return from, cx.matching(before[start:])
}

type completion struct {
	cat        *Catalogue
	hosts      []string
	names      []string
	candidates []string
}

func (cx *completion) add(words ...string) { cx.candidates = append(cx.candidates, words...) }

func (cx *completion) prompts() {
	for _, h := range append(slices.Clone(cx.hosts), "net") {
		cx.add(h + "> ")
	}
}

// matching keeps the candidates that start with prefix (ignoring case),
// sorted and without repeats.
func (cx *completion) matching(prefix string) []string {
	var out []string
	for _, cand := range cx.candidates {
		if len(cand) >= len(prefix) && strings.EqualFold(cand[:len(prefix)], prefix) {
			out = append(out, cand)
		}
	}
	text.SortStrings(out)
	return slices.Compact(out)
}

func (cx *completion) statement(host string, toks []token) {
	if len(toks) == 0 {
		cx.add(commandNames(sessionScope)...)
		if host == "net" {
			cx.add(commandNames(netScope)...)
			return
		}
		cx.add(commandNames(hostScope)...)
		cx.callNames()
		return
	}
	first := toks[0]
	if first.kind != tokIdent {
		return
	}
	if len(toks) == 2 && isPunct(toks[1], "=") {
		cx.callNames()
		return
	}
	if cmd, ok := lookupCommand(first.text); ok && (len(toks) == 1 || !isPunct(toks[1], "=") && !isPunct(toks[1], "(")) {
		cx.commandArgs(cmd, toks[1:])
		return
	}
	cx.callArgs(toks)
}

func (cx *completion) callNames() {
	for _, n := range cx.cat.callNames() {
		cx.add(n + "(")
	}
}

func (cx *completion) commandArgs(cmd *commandSpec, words []token) {
	if n := len(words); n >= 2 && words[n-1].kind == tokPunct && words[n-1].text == ">" && words[n-2].kind == tokIdent {
		for _, h := range cx.hosts {
			if h != words[n-2].text {
				cx.add(h)
			}
		}
		return
	}
	if len(words) > 0 {
		return
	}
	for _, form := range cmd.forms {
		if len(form) == 0 {
			continue
		}
		switch form[0].kind {
		case argOnOff:
			cx.add("on", "off")
		case argTopic:
			cx.add(cx.cat.Topics()...)
		case argDirection:
			for _, from := range cx.hosts {
				for _, to := range cx.hosts {
					if from != to {
						cx.add(from + ">" + to)
					}
				}
			}
		case argFlags:
			if cmd.name == "ss" {
				cx.add("-t", "-u", "-a", "-n", "-tan", "-uan")
			} else {
				cx.add("-" + form[0].letters)
			}
		}
	}
}

// callArgs completes inside name(...): which argument the cursor is in
// decides between constants of its family, variables, hosts and keywords.
func (cx *completion) callArgs(toks []token) {
	open := -1 // the call's "("
	depth := 0
	var nest []string // open brackets inside the call
	arg, field := 0, 0
	for i, t := range toks {
		if t.kind != tokPunct {
			continue
		}
		switch t.text {
		case "(":
			if open < 0 && i > 0 && toks[i-1].kind == tokIdent {
				open = i
			} else {
				nest = append(nest, t.text)
			}
		case "[", "{":
			nest = append(nest, t.text)
			field = 0
		case ")", "]", "}":
			if len(nest) > 0 {
				nest = nest[:len(nest)-1]
			} else if open >= 0 {
				return // the call is closed
			}
		case ",":
			if len(nest) == 0 {
				arg++
			} else {
				field++
			}
		}
		depth = len(nest)
	}
	if open < 0 {
		return
	}
	spec, known := cx.cat.Lookup(toks[open-1].text)
	last := toks[len(toks)-1]
	if isPunct(last, "=") && len(toks) >= 2 && toks[len(toks)-2].kind == tokIdent {
		cx.add(cx.names...) // a keyword's value
		return
	}
	if !known {
		cx.add(cx.names...)
		cx.add(constantNames()...)
		return
	}
	if depth == 0 {
		for _, k := range spec.Keywords {
			if !keywordGiven(toks[open:], k.Name) {
				cx.add(k.Name + "=")
			}
		}
	}
	if arg >= len(spec.Params) {
		return
	}
	p := spec.Params[arg]
	switch {
	case p.Kind == KindPollFDs && depth > 0 && field == 0:
		cx.add(cx.names...)
	case p.Kind == KindPollFDs && depth > 0:
		cx.add(constantsWithPrefix([]string{"POLL"})...)
	case len(p.Consts) > 0:
		cx.add(constantsWithPrefix(p.Consts)...)
		cx.add(cx.names...)
	case p.Kind == KindAddr:
		for _, h := range cx.hosts {
			cx.add(h + ":")
		}
		if p.Nullable {
			cx.add("NULL")
		}
		cx.add(cx.names...)
	default:
		cx.add(cx.names...)
	}
}

func keywordGiven(toks []token, name string) bool {
	for i := 0; i+1 < len(toks); i++ {
		if toks[i].kind == tokIdent && toks[i].text == name && isPunct(toks[i+1], "=") {
			return true
		}
	}
	return false
}

// byteOffset turns a rune index into a byte offset, clamped to the line.
func byteOffset(s string, runes int) int {
	if runes <= 0 {
		return 0
	}
	n := 0
	for i := range s {
		if n == runes {
			return i
		}
		n++
	}
	return len(s)
}

// wordStart finds where the word ending at the end of s begins: a name,
// possibly dotted, or a -flag.
func wordStart(s string) int {
	i := len(s)
	for i > 0 && (isLetter(s[i-1]) || isDigit(s[i-1]) || s[i-1] == '.') {
		i--
	}
	if i > 0 && s[i-1] == '-' {
		i--
	}
	return i
}

// insideStringOrComment tells whether s ends inside a "string" or after #.
func insideStringOrComment(s string) bool {
	inString := false
	for i := 0; i < len(s); i++ {
		switch {
		case inString && s[i] == '\\':
			i++
		case s[i] == '"':
			inString = !inString
		case !inString && s[i] == '#':
			return true
		}
	}
	return inString
}
