package exercise

import (
	"strconv"
	"strings"
)

// The document's shape is the notebook's (core/notebook/FORMAT.md): YAML
// front matter, Markdown prose, fenced blocks. Until core/notebook is on
// main this file reads the part of it exercises use: front matter of
// scalars and one level of nested mappings, and fenced blocks with
// key=value attributes. Anything else in the front matter is refused with
// its line and column, never misread.

// document is what an exercise reads of its notebook document.
type document struct {
	title        string
	seed         uint64
	settings     []Setting
	exercise     []keyValue
	exerciseLine int // the exercise: key's line, 0 without one
	blocks       []block
}

// keyValue is one "key: value" of the front matter.
type keyValue struct {
	key, value string
	line, col  int // where the value starts
	keyCol     int
	nested     []keyValue
}

// block is a fenced code block: its info string's first word, its
// key=value attributes, its lines, the line of its opening fence.
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

// networkKeys are the network settings, each a net> command.
var networkKeys = []string{"latency", "loss", "reorder", "dup", "bandwidth", "auto"}

func readDocument(text string) (*document, []Problem) {
	lines := strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
	d := &document{seed: 1}
	var probs []Problem
	body := 0
	if len(lines) > 0 && lines[0] == "---" {
		end := -1
		for i := 1; i < len(lines); i++ {
			if lines[i] == "---" {
				end = i
				break
			}
		}
		if end < 0 {
			return nil, []Problem{{1, 1, "the front matter opened here is never closed by a line `---`"}}
		}
		kvs, more := readFront(lines[1:end], 2)
		probs = append(probs, more...)
		probs = append(probs, d.front(kvs)...)
		body = end + 1
	}
	blocks, more := readBlocks(lines[body:], body+1)
	d.blocks = blocks
	return d, append(probs, more...)
}

// readFront reads "key: value" lines and, under a "key:" with no value,
// indented "key: value" lines.
func readFront(lines []string, first int) ([]keyValue, []Problem) {
	var kvs []keyValue
	var probs []Problem
	for i, l := range lines {
		num := first + i
		trimmed := strings.TrimLeft(l, " ")
		if trimmed == "" || trimmed[0] == '#' {
			continue
		}
		indent := len(l) - len(trimmed)
		key, value, ok := strings.Cut(trimmed, ":")
		if !ok || key == "" || strings.ContainsAny(key, " \t\"'{}[]") {
			probs = append(probs, Problem{num, indent + 1, "expected key: value"})
			continue
		}
		valueAt := indent + len(key) + 1
		valueAt += len(value) - len(strings.TrimLeft(value, " "))
		value = strings.TrimSpace(value)
		if j := strings.Index(value, " #"); j >= 0 {
			value = strings.TrimSpace(value[:j])
		}
		if strings.HasPrefix(value, "#") {
			value = ""
		}
		if len(value) >= 2 && (value[0] == '"' || value[0] == '\'') && value[len(value)-1] == value[0] {
			value = value[1 : len(value)-1]
		} else if value != "" && strings.ContainsRune("\"'[]{}|>&*!%@`", rune(value[0])) {
			probs = append(probs, Problem{num, valueAt + 1, "this value needs more YAML than exercises read: write it plain or in double quotes"})
			continue
		}
		kv := keyValue{key: key, value: value, line: num, col: valueAt + 1, keyCol: indent + 1}
		switch {
		case indent == 0:
			kvs = append(kvs, kv)
		case len(kvs) > 0 && kvs[len(kvs)-1].value == "":
			kvs[len(kvs)-1].nested = append(kvs[len(kvs)-1].nested, kv)
		default:
			probs = append(probs, Problem{num, 1, "an indented line belongs under a key with no value of its own"})
		}
	}
	return kvs, probs
}

func (d *document) front(kvs []keyValue) []Problem {
	var probs []Problem
	for _, kv := range kvs {
		switch kv.key {
		case "title":
			d.title = kv.value
		case "seed":
			n, err := strconv.ParseUint(kv.value, 10, 64)
			if err != nil {
				probs = append(probs, Problem{kv.line, kv.col, "the seed is a whole number from 0 to 18446744073709551615"})
			}
			d.seed = n
		case "network":
			for _, s := range kv.nested {
				if !contains(networkKeys, s.key) {
					probs = append(probs, Problem{s.line, s.keyCol, "no network setting " + strconv.Quote(s.key) + "; the settings are " + strings.Join(networkKeys, ", ")})
					continue
				}
				d.settings = append(d.settings, Setting{Key: s.key, Value: s.value, Line: s.line, Col: s.col})
			}
		case "exercise":
			d.exercise, d.exerciseLine = kv.nested, kv.line
		}
		if kv.key != "network" && kv.key != "exercise" && len(kv.nested) > 0 {
			probs = append(probs, Problem{kv.nested[0].line, kv.nested[0].keyCol, kv.key + " is one value on its line"})
		}
	}
	return probs
}

// readBlocks finds fenced code blocks (CommonMark: three or more ` or ~,
// indented at most three spaces, closed by a fence of the same character
// at least as long).
func readBlocks(lines []string, first int) ([]block, []Problem) {
	var blocks []block
	for i := 0; i < len(lines); i++ {
		char, n, indent, info, ok := openFence(lines[i])
		if !ok {
			continue
		}
		end := -1
		for j := i + 1; j < len(lines); j++ {
			if closesFence(lines[j], char, n) {
				end = j
				break
			}
		}
		if end < 0 {
			return blocks, []Problem{{first + i, indent + 1, "the code block opened here is never closed"}}
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
			b.body = append(b.body, unindent(l, indent))
		}
		blocks = append(blocks, b)
		i = end
	}
	return blocks, nil
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
	t := strings.TrimLeft(l, " ")
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
