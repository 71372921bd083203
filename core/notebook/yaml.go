package notebook

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// The front matter is read by a small YAML subset rather than a YAML
// library: gopkg.in/yaml.v3 links reflect, fmt and strconv's float code
// into the wasm (some 100 KB brotli), while front matter needs block
// mappings, block lists and scalars only. What the subset reads, it reads
// as YAML 1.2 does (yaml_test.go checks it against yaml.v3); anything
// beyond it is refused with its line and column, never misread.

// NodeKind is what a front matter node holds.
type NodeKind uint8

const (
	Scalar  NodeKind = iota + 1 // Value
	Mapping                     // Keys[i] maps to Items[i]
	List                        // Items
)

// Node is one YAML value with where it starts (1-based line and column,
// the column counted in characters).
type Node struct {
	Kind      NodeKind
	Value     string  // a scalar's text, quotes and escapes resolved
	Keys      []*Node // a mapping's keys (scalars), in order
	Items     []*Node // a mapping's values or a list's items
	Line, Col int     // where the node starts in the document
	Quoted    bool    // a quoted scalar (never a number or a null)
}

// Get is the value of key in a mapping, or nil.
func (n *Node) Get(key string) *Node {
	if n == nil || n.Kind != Mapping {
		return nil
	}
	for i, k := range n.Keys {
		if k.Value == key {
			return n.Items[i]
		}
	}
	return nil
}

// yamlLine is one line of front matter: its text without the newline and
// its number in the document.
type yamlLine struct {
	text string
	num  int
}

type yamlParser struct {
	lines  []yamlLine
	pos    int
	err    *Problem
	inList bool // reading a list item's value: a "- " line at the same indentation is the next item
}

// parseYAML reads a front matter body whose first line is line first of
// the document. An empty body (blank and comment lines only) is an empty
// mapping.
func parseYAML(body string, first int) (*Node, *Problem) {
	p := &yamlParser{}
	for i, l := range splitLines(body) {
		p.lines = append(p.lines, yamlLine{strings.TrimSuffix(l, "\r"), first + i})
	}
	for _, l := range p.lines {
		if i := strings.IndexByte(l.text, '\t'); i >= 0 {
			p.fail(l, i, "front matter is indented and spaced with spaces, not tabs (\\t in a double-quoted value is a tab)")
			return nil, p.err
		}
	}
	p.skipBlank()
	if p.pos == len(p.lines) {
		return &Node{Kind: Mapping, Line: first, Col: 1}, nil
	}
	ind := indentOf(p.lines[p.pos].text)
	n := p.block(ind)
	if p.err == nil {
		p.skipBlank()
		if p.pos < len(p.lines) {
			l := p.lines[p.pos]
			p.fail(l, indentOf(l.text), "this line is indented less than the value it belongs to, or more than the first line")
		}
	}
	if p.err != nil {
		return nil, p.err
	}
	return n, nil
}

// splitLines splits after every "\n"; the pieces have no newline.
func splitLines(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(strings.TrimSuffix(s, "\n"), "\n")
}

func (p *yamlParser) fail(l yamlLine, byteCol int, msg string) {
	if p.err == nil {
		p.err = &Problem{Line: l.num, Col: charCol(l.text, byteCol), Message: msg}
	}
}

// charCol is the 1-based character column of byte offset b in s.
func charCol(s string, b int) int {
	b = max(0, min(b, len(s)))
	return utf8.RuneCountInString(s[:b]) + 1
}

// skipBlank passes blank and comment-only lines.
func (p *yamlParser) skipBlank() {
	for p.pos < len(p.lines) {
		t := strings.TrimLeft(p.lines[p.pos].text, " ")
		if t != "" && t[0] != '#' {
			return
		}
		p.pos++
	}
}

// indentOf counts leading spaces.
func indentOf(s string) int {
	return len(s) - len(strings.TrimLeft(s, " "))
}

// block reads the mapping or list whose lines are indented by ind.
func (p *yamlParser) block(ind int) *Node {
	l := p.lines[p.pos]
	if isListItem(l.text[ind:]) {
		return p.list(ind)
	}
	return p.mapping(ind, ind, l)
}

func isListItem(s string) bool { return s == "-" || strings.HasPrefix(s, "- ") }

// mapping reads entries at indentation ind. The first entry may start at
// byte column start of line first (after "- " in a list).
func (p *yamlParser) mapping(ind, start int, first yamlLine) *Node {
	n := &Node{Kind: Mapping, Line: first.num, Col: charCol(first.text, start)}
	col := start
	for p.err == nil {
		l := p.lines[p.pos]
		if strings.IndexByte(l.text[:indentOf(l.text)], '\t') >= 0 || strings.HasPrefix(l.text[col:], "\t") {
			p.fail(l, indentOf(l.text), "tabs cannot indent YAML; use spaces")
			return n
		}
		key, rest, ok := p.key(l, col)
		if !ok {
			return n
		}
		for _, k := range n.Keys {
			if k.Value == key.Value {
				p.fail(l, col, "the key "+strconv.Quote(key.Value)+" appears twice (first at line "+strconv.Itoa(k.Line)+")")
				return n
			}
		}
		n.Keys = append(n.Keys, key)
		n.Items = append(n.Items, p.value(l, rest, ind))
		p.skipBlank()
		if p.pos == len(p.lines) || indentOf(p.lines[p.pos].text) != ind {
			return n
		}
		col = ind
		if isListItem(p.lines[p.pos].text[ind:]) {
			p.fail(p.lines[p.pos], ind, "a list item where a key was expected")
			return n
		}
	}
	return n
}

// maxKeyChars keeps keys under YAML's limit for implicit keys (1024
// characters from the key to its colon, YAML 1.2 section 7.4.2).
const maxKeyChars = 1000

// key reads "key:" at byte column col of l and returns the byte offset of
// what follows the colon.
func (p *yamlParser) key(l yamlLine, col int) (*Node, int, bool) {
	s := l.text[col:]
	if p.refuseIndicator(l, col) {
		return nil, 0, false
	}
	var key *Node
	end := 0
	if s[0] == '"' || s[0] == '\'' {
		k, n, ok := p.quoted(l, col)
		if !ok {
			return nil, 0, false
		}
		key, end = k, n-col
	} else {
		i := strings.Index(s, ": ")
		if strings.HasSuffix(s, ":") && (i < 0 || i > len(s)-1) {
			i = len(s) - 1
		}
		if j := strings.Index(s, " #"); j >= 0 && (i < 0 || j < i) {
			i = -1
		}
		if i <= 0 {
			p.fail(l, col, "expected `key: value`")
			return nil, 0, false
		}
		text := strings.TrimRight(s[:i], " ")
		if strings.ContainsAny(text, ":#") {
			p.fail(l, col, "sockplay's front matter reads plain keys without : or #; quote the key")
			return nil, 0, false
		}
		key = &Node{Kind: Scalar, Value: text, Line: l.num, Col: charCol(l.text, col)}
		end = len(text)
	}
	rest := strings.TrimLeft(s[end:], " ")
	if !strings.HasPrefix(rest, ":") || (len(rest) > 1 && rest[1] != ' ') {
		p.fail(l, col+end, "expected `:` after the key")
		return nil, 0, false
	}
	colon := len(l.text) - len(rest)
	if utf8.RuneCountInString(l.text[col:colon]) > maxKeyChars {
		p.fail(l, col, "a key is at most "+strconv.Itoa(maxKeyChars)+" characters long")
		return nil, 0, false
	}
	return key, colon + 1, true
}

// value reads what follows "key:" or "- " at byte offset at of l: a
// scalar on the same line, or a block on the lines below indented more
// than ind.
func (p *yamlParser) value(l yamlLine, at, ind int) *Node {
	rest := strings.TrimLeft(l.text[at:], " ")
	at = len(l.text) - len(rest)
	if rest == "" || rest[0] == '#' {
		p.pos++
		p.skipBlank()
		if p.pos < len(p.lines) {
			next := p.lines[p.pos]
			ni := indentOf(next.text)
			if ni > ind || (ni == ind && isListItem(next.text[ni:]) && !p.inList) {
				return p.block(ni)
			}
		}
		return &Node{Kind: Scalar, Line: l.num, Col: charCol(l.text, at)}
	}
	n := p.scalar(l, at)
	p.pos++
	if p.err == nil {
		p.skipBlank()
		if p.pos < len(p.lines) && indentOf(p.lines[p.pos].text) > ind {
			next := p.lines[p.pos]
			p.fail(next, indentOf(next.text), "a value continues on this line; write it on one line, quoted if need be")
		}
	}
	return n
}

// refuseIndicator refuses what the subset does not read, at byte col.
func (p *yamlParser) refuseIndicator(l yamlLine, col int) bool {
	s := l.text[col:]
	what := ""
	switch s[0] {
	case '[', '{':
		what = "flow collections ([...] and {...})"
	case '&':
		what = "anchors (&)"
	case '*':
		what = "aliases (*)"
	case '!':
		what = "tags (!)"
	case '|', '>':
		what = "block scalars (| and >)"
	case '%', '@', '`':
		what = "a value starting with " + s[:1]
	case '?':
		if len(s) == 1 || s[1] == ' ' {
			what = "complex keys (?)"
		}
	case ',', ']', '}', ':':
		what = "a value starting with " + s[:1]
	case '-':
		if strings.HasPrefix(s, "---") || s == "-" || strings.HasPrefix(s, "- ") {
			what = "a list here"
		}
	}
	if what == "" {
		return false
	}
	p.fail(l, col, "sockplay's front matter does not read "+what+"; quote the value")
	return true
}

// scalar reads a scalar starting at byte offset at of l, up to the end
// of the line or a comment.
func (p *yamlParser) scalar(l yamlLine, at int) *Node {
	if p.refuseIndicator(l, at) {
		return &Node{Kind: Scalar}
	}
	s := l.text[at:]
	if s[0] == '"' || s[0] == '\'' {
		n, end, ok := p.quoted(l, at)
		if ok {
			rest := strings.TrimLeft(l.text[end:], " ")
			if rest != "" && (rest[0] != '#' || end == len(l.text)-len(rest)) {
				p.fail(l, len(l.text)-len(rest), "nothing may follow a quoted value but a comment")
			}
		}
		return n
	}
	if i := strings.Index(s, " #"); i >= 0 {
		s = s[:i]
	}
	s = strings.TrimRight(s, " \t")
	if i := strings.Index(s, ": "); i >= 0 || strings.HasSuffix(s, ":") {
		if i < 0 {
			i = len(s) - 1
		}
		p.fail(l, at+i, "a nested mapping must start on its own line; quote the value if the colon belongs to it")
	}
	return &Node{Kind: Scalar, Value: s, Line: l.num, Col: charCol(l.text, at)}
}

// quoted reads a single- or double-quoted scalar that ends on its line
// and returns it with the byte offset after the closing quote.
func (p *yamlParser) quoted(l yamlLine, at int) (*Node, int, bool) {
	n := &Node{Kind: Scalar, Line: l.num, Col: charCol(l.text, at), Quoted: true}
	q := l.text[at]
	var b strings.Builder
	for i := at + 1; i < len(l.text); i++ {
		c := l.text[i]
		switch {
		case c == q && q == '\'' && i+1 < len(l.text) && l.text[i+1] == '\'':
			b.WriteByte('\'')
			i++
		case c == q:
			n.Value = b.String()
			return n, i + 1, true
		case c == '\\' && q == '"':
			r, size := unescape(l.text[i+1:])
			if size == 0 {
				p.fail(l, i, "unknown escape in a double-quoted value")
				return n, 0, false
			}
			b.WriteString(r)
			i += size
		default:
			b.WriteByte(c)
		}
	}
	p.fail(l, at, "the quote opened here is not closed on this line")
	return n, 0, false
}

// unescape reads one escape after a backslash: the text it stands for and
// how many bytes it took (0 if unknown).
func unescape(s string) (string, int) {
	if s == "" {
		return "", 0
	}
	switch s[0] {
	case '"', '\\', '/':
		return s[:1], 1
	case 'n':
		return "\n", 1
	case 't':
		return "\t", 1
	case 'r':
		return "\r", 1
	case '0':
		return "\x00", 1
	case ' ':
		return " ", 1
	case 'x', 'u', 'U':
		size := 2
		if s[0] == 'u' {
			size = 4
		} else if s[0] == 'U' {
			size = 8
		}
		if len(s) < 1+size {
			return "", 0
		}
		v, err := strconv.ParseUint(s[1:1+size], 16, 32)
		if err != nil || !utf8.ValidRune(rune(v)) {
			return "", 0
		}
		return string(rune(v)), 1 + size
	}
	return "", 0
}

// list reads "- item" lines at indentation ind.
func (p *yamlParser) list(ind int) *Node {
	first := p.lines[p.pos]
	n := &Node{Kind: List, Line: first.num, Col: charCol(first.text, ind)}
	for p.err == nil {
		l := p.lines[p.pos]
		at := ind + 1
		rest := strings.TrimLeft(l.text[at:], " ")
		at = len(l.text) - len(rest)
		switch {
		case rest == "" || rest[0] == '#':
			saved := p.inList
			p.inList = true
			n.Items = append(n.Items, p.value(l, at, ind))
			p.inList = saved
		case isListItem(rest):
			p.pos++ // not reached for "- - x": refused below
			p.fail(l, at, "sockplay's front matter does not read lists of lists on one line")
			return n
		case isMappingStart(rest):
			n.Items = append(n.Items, p.mapping(at, at, l))
		default:
			n.Items = append(n.Items, p.value(l, at, ind))
		}
		p.skipBlank()
		if p.err != nil || p.pos == len(p.lines) || indentOf(p.lines[p.pos].text) != ind || !isListItem(p.lines[p.pos].text[ind:]) {
			return n
		}
	}
	return n
}

// isMappingStart says whether a list item's text is "key: ..." (a plain
// key followed by a colon and a space or the end).
func isMappingStart(s string) bool {
	if s == "" || strings.ContainsRune("\"'[{&*!|>%@`#", rune(s[0])) {
		return false
	}
	if i := strings.Index(s, " #"); i >= 0 {
		s = s[:i]
	}
	return strings.Contains(s, ": ") || strings.HasSuffix(s, ":")
}
