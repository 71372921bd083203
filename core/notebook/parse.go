package notebook

import (
	"strconv"
	"strings"

	"github.com/sockplay/sockplay/core/limits"
)

// maxProblems bounds the problems one parse reports.
const maxProblems = 20

// maxBytes bounds a document, as a script loaded at once.
const maxBytes = limits.ScriptBytes

// line is one line of a document: its text with its line ending, its
// 1-based number.
type line struct {
	text string
	num  int
}

// lines splits text after every "\n"; the last line may have none.
func lines(text string, first int) []line {
	var ls []line
	for len(text) > 0 {
		i := strings.IndexByte(text, '\n') + 1
		if i == 0 {
			i = len(text)
		}
		ls = append(ls, line{text[:i], first + len(ls)})
		text = text[i:]
	}
	return ls
}

// bare is the line without its line ending.
func (l line) bare() string { return strings.TrimSuffix(strings.TrimSuffix(l.text, "\n"), "\r") }

// Parse reads a document. With problems, the Doc is nil.
func Parse(text string) (*Doc, []Problem) {
	if len(text) > maxBytes {
		return nil, []Problem{{Line: 1, Col: 1, Message: "the document is " + itoa(len(text)) + " bytes long; a notebook is at most " + itoa(maxBytes)}}
	}
	d := &Doc{Seed: 1}
	ls := lines(text, 1)
	var probs []Problem
	body := ls
	if len(ls) > 0 && ls[0].bare() == "---" {
		end := -1
		for i := 1; i < len(ls); i++ {
			if ls[i].bare() == "---" {
				end = i
				break
			}
		}
		if end < 0 {
			return nil, []Problem{{Line: 1, Col: 1, Message: "the front matter opened here is never closed by a line `---`"}}
		}
		var b strings.Builder
		for _, l := range ls[:end+1] {
			b.WriteString(l.text)
		}
		d.front = b.String()
		d.frontEnd = end + 1
		probs = append(probs, d.readFront(ls[1:end])...)
		body = ls[end+1:]
	}
	parts, more := parseParts(body, d)
	probs = append(probs, more...)
	d.Parts = parts
	probs = append(probs, d.checkIDs()...)
	if len(probs) > 0 {
		return nil, capProblems(probs)
	}
	return d, nil
}

func capProblems(p []Problem) []Problem {
	if len(p) > maxProblems {
		p = p[:maxProblems]
	}
	return p
}

// parseParts splits lines into prose and cells. Fenced blocks of other
// languages stay in the prose, and a ```sock line inside one is not a cell.
func parseParts(ls []line, d *Doc) ([]*Part, []Problem) {
	var parts []*Part
	var probs []Problem
	prose := 0 // first line of the prose not yet emitted
	flush := func(upTo int) {
		if upTo > prose {
			var b strings.Builder
			for _, l := range ls[prose:upTo] {
				b.WriteString(l.text)
			}
			parts = append(parts, &Part{Kind: Prose, Text: b.String(), raw: b.String(), Line: ls[prose].num})
		}
	}
	for i := 0; i < len(ls); i++ {
		f, ok := openFence(ls[i].bare())
		if !ok {
			continue
		}
		end := -1
		for j := i + 1; j < len(ls); j++ {
			if f.closes(ls[j].bare()) {
				end = j
				break
			}
		}
		if end < 0 {
			probs = append(probs, Problem{Line: ls[i].num, Col: f.indent + 1, Message: "the code block opened here is never closed (a line of " + itoa(f.n) + " or more " + string(f.char) + " closes it)"})
			break
		}
		if f.word() == "sock" {
			flush(i)
			cell, more := parseCell(ls[i:end+1], f, d)
			probs = append(probs, more...)
			parts = append(parts, cell)
			prose = end + 1
		}
		i = end
	}
	flush(len(ls))
	return parts, probs
}

// parseCell reads one cell: the fence lines ls[0] and ls[len-1] and the
// source between.
func parseCell(ls []line, f fence, d *Doc) (*Part, []Problem) {
	var raw, src strings.Builder
	for _, l := range ls {
		raw.WriteString(l.text)
	}
	for i, l := range ls[1 : len(ls)-1] {
		if i > 0 {
			src.WriteByte('\n')
		}
		src.WriteString(unindent(strings.TrimRight(l.bare(), "\r"), f.indent))
	}
	c := &Part{Kind: Cell, Line: ls[0].num, srcLine: ls[0].num + 1, indent: f.indent, raw: raw.String(), Source: src.String()}
	// The info string's position in the line, for columns.
	open := ls[0].bare()
	at := strings.Index(open, f.info)
	probs := c.readInfo(f.info, ls[0].num, open, at)
	c.autoID = c.ID == ""
	return c, probs
}

// readInfo reads "sock id=x digest=y k=v" (the info string starting at
// byte at of the line text).
func (c *Part) readInfo(info string, num int, text string, at int) []Problem {
	var probs []Problem
	pos := at + len("sock")
	rest := info[len("sock"):]
	for rest != "" {
		trimmed := strings.TrimLeft(rest, " \t")
		pos += len(rest) - len(trimmed)
		rest = trimmed
		if rest == "" {
			break
		}
		tok := rest
		if i := strings.IndexAny(rest, " \t"); i >= 0 {
			tok = rest[:i]
		}
		col := charCol(text, pos)
		key, value, ok := strings.Cut(tok, "=")
		switch {
		case !ok || key == "":
			probs = append(probs, Problem{num, col, "expected key=value after sock, as in id=handshake, not " + strconv.Quote(tok)})
		case key == "id":
			if msg := checkID(value); msg != "" {
				probs = append(probs, Problem{num, col + 3, msg})
			} else if c.ID != "" {
				probs = append(probs, Problem{num, col, "a cell has one id"})
			}
			c.ID = value
		case key == "digest":
			if !isDigest(value) {
				probs = append(probs, Problem{num, col + 7, "a digest is " + itoa(digestLen) + " lowercase hex digits, as `sockplay notebook stamp` writes it"})
			}
			c.Digest = value
		default:
			if !isAttrKey(key) {
				probs = append(probs, Problem{num, col, "an attribute name is letters, digits, - and _, starting with a letter"})
			}
			for _, a := range c.Attrs {
				if a.Key == key {
					probs = append(probs, Problem{num, col, "the attribute " + key + " appears twice"})
				}
			}
			c.Attrs = append(c.Attrs, Attr{key, value})
		}
		pos += len(tok)
		rest = rest[len(tok):]
	}
	return probs
}

// checkID says what is wrong with a cell id, "" if nothing: nbformat 4.5's
// rule for cell ids, so that an id is the same in the .ipynb.
func checkID(id string) string {
	if id == "" || len(id) > 64 {
		return "a cell id is 1 to 64 characters"
	}
	for i := 0; i < len(id); i++ {
		if !isIDByte(id[i]) {
			return "a cell id is letters, digits, - and _ (as nbformat's cell ids), not " + strconv.QuoteRune(rune(id[i]))
		}
	}
	return ""
}

func isIDByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_'
}

func isAttrKey(k string) bool {
	if k == "" || !(k[0] >= 'a' && k[0] <= 'z' || k[0] >= 'A' && k[0] <= 'Z') {
		return false
	}
	return checkID(k) == ""
}

// checkIDs finds duplicate ids and gives each cell without one cell-N, N
// its ordinal (or a later number that no written id has).
func (d *Doc) checkIDs() []Problem {
	var probs []Problem
	seen := map[string]*Part{}
	for _, c := range d.Cells() {
		if c.autoID {
			continue
		}
		if first, ok := seen[c.ID]; ok {
			probs = append(probs, Problem{c.Line, 1, "the cell id " + c.ID + " is already the id of the cell at line " + itoa(first.Line)})
			continue
		}
		seen[c.ID] = c
	}
	for i, c := range d.Cells() {
		d.autoIDs = max(d.autoIDs, i+1)
		if c.autoID {
			c.ID = "cell-" + itoa(i+1)
			for seen[c.ID] != nil {
				d.autoIDs++
				c.ID = "cell-" + itoa(d.autoIDs)
			}
			seen[c.ID] = c
		}
	}
	return probs
}

func itoa(n int) string { return strconv.Itoa(n) }
