package exercise

import (
	"strings"

	"github.com/sockplay/sockplay/core/notebook"
)

// An exercise is a notebook document (core/notebook/FORMAT.md): the
// notebook reads the front matter, the network settings and the sock
// cells; this file reads what exercises add: the front matter's exercise
// mapping and the goal, question, solution and attempt blocks, which the
// notebook keeps in its prose.

// document is what an exercise reads of its notebook document.
type document struct {
	doc      *notebook.Doc
	exercise []keyValue
	// exerciseLine is the exercise: key's line, 0 without one.
	exerciseLine int
	blocks       []block // fenced blocks in the prose, in order
}

// keyValue is one "key: value" of the exercise mapping, or one key=value
// attribute of a block.
type keyValue struct {
	key, value string
	line, col  int // where the value starts
	keyCol     int
}

// block is a fenced code block of the prose: its info string's first
// word, its key=value attributes, its lines, its opening fence's line.
type block struct {
	word  string
	attrs []keyValue
	body  []string
	line  int
}

func (b *block) attr(key string) string {
	for _, a := range b.attrs {
		if a.key == key {
			return a.value
		}
	}
	return ""
}

func readDocument(text string) (*document, []Problem) {
	doc, probs := notebook.Parse(text)
	if len(probs) > 0 {
		out := make([]Problem, len(probs))
		for i, p := range probs {
			out[i] = Problem{p.Line, p.Col, p.Message}
		}
		return nil, out
	}
	d := &document{doc: doc}
	var out []Problem
	if n := doc.Meta.Get("exercise"); n != nil {
		d.exerciseLine = n.Line
		for i, k := range n.Keys {
			v := n.Items[i]
			kv := keyValue{key: k.Value, value: v.Value, line: v.Line, col: v.Col, keyCol: k.Col}
			switch v.Kind {
			case notebook.List: // consoles: [client, server] written as a block list
				var words []string
				for _, it := range v.Items {
					words = append(words, it.Value)
				}
				kv.value = strings.Join(words, " ")
			case notebook.Mapping:
				out = append(out, Problem{v.Line, v.Col, k.Value + " is one value on its line"})
			}
			d.exercise = append(d.exercise, kv)
		}
		if n.Kind != notebook.Mapping {
			out = append(out, Problem{n.Line, n.Col, "exercise is a mapping of settings on the lines below it: id, version, consoles, calls, net"})
		}
	}
	for _, p := range doc.Parts {
		if p.Kind == notebook.Prose {
			d.blocks = append(d.blocks, readBlocks(strings.Split(p.Text, "\n"), p.Line)...)
		}
	}
	return d, out
}

// readBlocks finds fenced code blocks (CommonMark: three or more ` or ~,
// indented at most three spaces, closed by a fence of the same character
// at least as long). The notebook has checked every fence is closed.
func readBlocks(lines []string, first int) []block {
	var blocks []block
	for i := 0; i < len(lines); i++ {
		char, n, indent, info, ok := openFence(lines[i])
		if !ok {
			continue
		}
		end := len(lines)
		for j := i + 1; j < len(lines); j++ {
			if closesFence(lines[j], char, n) {
				end = j
				break
			}
		}
		b := block{line: first + i}
		fields := strings.Fields(info)
		if len(fields) > 0 {
			b.word = fields[0]
			for _, f := range fields[1:] {
				k, v, _ := strings.Cut(f, "=")
				b.attrs = append(b.attrs, keyValue{key: k, value: v})
			}
		}
		for _, l := range lines[i+1 : end] {
			b.body = append(b.body, unindent(strings.TrimSuffix(l, "\r"), indent))
		}
		blocks = append(blocks, b)
		i = end
	}
	return blocks
}

func openFence(l string) (char byte, n, indent int, info string, ok bool) {
	t := strings.TrimLeft(l, " ")
	indent = len(l) - len(t)
	if indent > 3 || len(t) < 3 || t[0] != '`' && t[0] != '~' {
		return 0, 0, 0, "", false
	}
	char = t[0]
	for n < len(t) && t[n] == char {
		n++
	}
	info = strings.TrimSpace(t[n:])
	if n < 3 || char == '`' && strings.ContainsRune(info, '`') {
		return 0, 0, 0, "", false
	}
	return char, n, indent, info, true
}

func closesFence(l string, char byte, n int) bool {
	t := strings.TrimLeft(strings.TrimSuffix(l, "\r"), " ")
	if len(l)-len(t) > 3 {
		return false
	}
	k := 0
	for k < len(t) && t[k] == char {
		k++
	}
	return k >= n && strings.TrimSpace(t[k:]) == ""
}

func unindent(l string, n int) string {
	for n > 0 && strings.HasPrefix(l, " ") {
		l, n = l[1:], n-1
	}
	return l
}
