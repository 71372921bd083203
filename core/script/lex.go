package script

import (
	"strings"
	"unicode/utf8"
)

type tokenKind int

const (
	tokEOF     tokenKind = iota
	tokIdent             // a name, possibly dotted: s, AF_INET, http.serve
	tokNumber            // a literal starting with a digit: 80, -1, 0x40, 1.5s, 10.0.0.2, 5%, 10Mbit
	tokString            // "...", value decoded
	tokFlag              // -tan
	tokPunct             // one of ( ) [ ] { } , = | : > *
	tokComment           // # to the end of the line
)

type token struct {
	kind     tokenKind
	text     string // the source text (for a string: the decoded value; for a comment: the text after #)
	off, end int    // byte offsets in the source
}

// lexer splits one line into tokens. It keeps a byte→column table so every
// error can name the character column a learner sees.
type lexer struct {
	src  string
	cols []int // cols[i] is the 1-based rune column of byte i
}

func newLexer(src string) *lexer {
	cols := make([]int, len(src)+1)
	col := 0
	for i := 0; i < len(src); {
		_, size := utf8.DecodeRuneInString(src[i:]) // an invalid byte counts as one character
		col++
		for j := i; j < i+size; j++ {
			cols[j] = col
		}
		i += size
	}
	cols[len(src)] = col + 1
	return &lexer{src: src, cols: cols}
}

func (lx *lexer) pos(off int) Pos { return Pos{Col: lx.cols[off]} }

func (lx *lexer) errAt(off int, hint, msg string) *Error {
	return errorAt(lx.pos(off), hint, msg)
}

const punctuation = "()[]{},=|:>*"

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' }
func isDigit(c byte) bool  { return c >= '0' && c <= '9' }

// isNumberByte is what may follow a number's first digit: units, hex
// digits, dots of an IP or a fraction, and %.
func isNumberByte(c byte) bool { return isLetter(c) || isDigit(c) || c == '.' || c == '%' }

func (lx *lexer) tokens() ([]token, *Error) {
	var toks []token
	src := lx.src
	i := 0
	for {
		for i < len(src) && (src[i] == ' ' || src[i] == '\t' || src[i] == '\r') {
			i++
		}
		if i == len(src) {
			return append(toks, token{kind: tokEOF, off: i, end: i}), nil
		}
		start := i
		c := src[i]
		switch {
		case c == '\n':
			return nil, lx.errAt(i, "give one statement per line", "a line can't contain a line break")
		case c == '#':
			toks = append(toks, token{kind: tokComment, text: src[i+1:], off: i, end: len(src)})
			i = len(src)
		case c == '"':
			value, end, err := lx.scanString(i)
			if err != nil {
				return nil, err
			}
			toks = append(toks, token{kind: tokString, text: value, off: start, end: end})
			i = end
		case isLetter(c):
			i = scanIdent(src, i)
			toks = append(toks, token{kind: tokIdent, text: src[start:i], off: start, end: i})
		case isDigit(c) || c == '-' && i+1 < len(src) && isDigit(src[i+1]):
			i++
			for i < len(src) && isNumberByte(src[i]) {
				i++
			}
			toks = append(toks, token{kind: tokNumber, text: src[start:i], off: start, end: i})
		case c == '-' && i+1 < len(src) && isLetter(src[i+1]):
			i++
			for i < len(src) && isLetter(src[i]) {
				i++
			}
			toks = append(toks, token{kind: tokFlag, text: src[start+1 : i], off: start, end: i})
		case strings.IndexByte(punctuation, c) >= 0:
			i++
			toks = append(toks, token{kind: tokPunct, text: src[start:i], off: start, end: i})
		default:
			hint := ""
			if c == '\'' {
				hint = "strings use double quotes: \"...\""
			}
			return nil, lx.errAt(i, hint, "unexpected character "+describeChar(src[i:]))
		}
	}
}

// scanIdent reads name(.name)* from i.
func scanIdent(src string, i int) int {
	for {
		for i < len(src) && (isLetter(src[i]) || isDigit(src[i])) {
			i++
		}
		if i+1 < len(src) && src[i] == '.' && isLetter(src[i+1]) {
			i++
			continue
		}
		return i
	}
}

// describeChar names the character at the start of s for an error message.
func describeChar(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError && size <= 1 || r < ' ' || r == 0x7f {
		return "(byte " + hexByte(s[0]) + ")"
	}
	return "`" + string(r) + "`"
}

func hexByte(b byte) string {
	const digits = "0123456789abcdef"
	return "0x" + string([]byte{digits[b>>4], digits[b&15]})
}
