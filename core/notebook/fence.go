package notebook

import "strings"

// fence is a CommonMark fenced code block's opening line (spec 4.5): up
// to three spaces, three or more backticks or tildes, an info string.
type fence struct {
	indent int
	char   byte
	n      int
	info   string // trimmed
}

// openFence reads line (without its newline) as an opening fence.
func openFence(line string) (fence, bool) {
	line = strings.TrimSuffix(line, "\r")
	ind := 0
	for ind < len(line) && line[ind] == ' ' {
		ind++
	}
	if ind > 3 || ind >= len(line) || (line[ind] != '`' && line[ind] != '~') {
		return fence{}, false
	}
	c := line[ind]
	n := 0
	for ind+n < len(line) && line[ind+n] == c {
		n++
	}
	if n < 3 {
		return fence{}, false
	}
	info := strings.Trim(line[ind+n:], " \t")
	if c == '`' && strings.IndexByte(info, '`') >= 0 {
		return fence{}, false // spec: a backtick fence's info has no backtick
	}
	return fence{indent: ind, char: c, n: n, info: info}, true
}

// closes says whether line closes f: up to three spaces, at least as many
// of the same character, then only spaces.
func (f fence) closes(line string) bool {
	line = strings.TrimSuffix(line, "\r")
	ind := 0
	for ind < len(line) && line[ind] == ' ' {
		ind++
	}
	if ind > 3 {
		return false
	}
	n := 0
	for ind+n < len(line) && line[ind+n] == f.char {
		n++
	}
	return n >= f.n && strings.Trim(line[ind+n:], " \t") == ""
}

// word is the info string's first word: the language, "sock" for a cell.
func (f fence) word() string {
	w, _, _ := strings.Cut(f.info, " ")
	w, _, _ = strings.Cut(w, "\t")
	return w
}

// unindent removes up to n leading spaces, as CommonMark does for the
// content of a fence indented by n.
func unindent(line string, n int) string {
	for i := 0; i < n && strings.HasPrefix(line, " "); i++ {
		line = line[1:]
	}
	return line
}
