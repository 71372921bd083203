package script

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/sockplay/sockplay/core/limits"
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

// lexer splits one line into tokens. Columns, in characters as a learner
// sees them, are counted on demand from the last one asked for: nodes ask
// in order, so a line costs one pass however many nodes it has.
type lexer struct {
	src              string
	i                int // where the next token starts scanning
	lastOff, lastCol int // the column of byte lastOff
}

func newLexer(src string) *lexer { return &lexer{src: src, lastCol: 1} }

// pos is the 1-based character column of byte off (an invalid byte counts
// as one character; a byte inside a character has that character's column).
func (lx *lexer) pos(off int) Pos {
	if off < lx.lastOff {
		lx.lastOff, lx.lastCol = 0, 1
	}
	for lx.lastOff < off {
		_, size := utf8.DecodeRuneInString(lx.src[lx.lastOff:])
		if lx.lastOff+size > off {
			break // off is inside this character
		}
		lx.lastOff += size
		lx.lastCol++
	}
	return Pos{Col: lx.lastCol}
}

func (lx *lexer) errAt(off int, hint, msg Text) *Error {
	return errorSaid(lx.pos(off), hint, msg)
}

const punctuation = "()[]{},=|:>*;"

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' }
func isDigit(c byte) bool  { return c >= '0' && c <= '9' }

// isNumberByte is what may follow a number's first digit: units, hex
// digits, dots of an IP or a fraction, and %.
func isNumberByte(c byte) bool { return isLetter(c) || isDigit(c) || c == '.' || c == '%' || c == '/' }

// checkLength refuses a line longer than limits.LineBytes before any work
// is done on it.
func checkLength(src string) *Error {
	if len(src) <= limits.LineBytes {
		return nil
	}
	return &Error{Msg: "the line is " + strconv.Itoa(len(src)) + " bytes long; a line is at most " + strconv.Itoa(limits.LineBytes),
		Hint: `write bulk data as "x" * N, e.g. send(c, "x" * 100000)`}
}

// tokens is every token of the line, ending with tokEOF (completion
// looks at what precedes the cursor as a whole).
func (lx *lexer) tokens() ([]token, *Error) {
	if err := checkLength(lx.src); err != nil {
		return nil, err
	}
	var toks []token
	for {
		t, err := lx.next()
		if err != nil {
			return nil, err
		}
		toks = append(toks, t)
		if t.kind == tokEOF {
			return toks, nil
		}
	}
}

// next scans the token at lx.i; after the end of the line it returns
// tokEOF again and again. The parser pulls tokens one at a time, so a line
// costs no more than the tree it parses to.
func (lx *lexer) next() (token, *Error) {
	src := lx.src
	i := lx.i
	for i < len(src) && (src[i] == ' ' || src[i] == '\t' || src[i] == '\r') {
		i++
	}
	if i == len(src) {
		lx.i = i
		return token{kind: tokEOF, off: i, end: i}, nil
	}
	start := i
	c := src[i]
	var t token
	switch {
	case c == '\n':
		return token{}, lx.errAt(i, say("one-statement-per-line", "give one statement per line"), say("line-break-in-line", "a line can't contain a line break"))
	case c == '#':
		t = token{kind: tokComment, text: src[i+1:], off: i, end: len(src)}
	case c == '"':
		value, end, err := lx.scanString(i)
		if err != nil {
			return token{}, err
		}
		t = token{kind: tokString, text: value, off: start, end: end}
	case isLetter(c):
		i = scanIdent(src, i)
		t = token{kind: tokIdent, text: src[start:i], off: start, end: i}
	case isDigit(c) || c == '-' && i+1 < len(src) && isDigit(src[i+1]):
		i++
		for i < len(src) && isNumberByte(src[i]) {
			i++
		}
		t = token{kind: tokNumber, text: src[start:i], off: start, end: i}
	case c == '-' && i+1 < len(src) && isLetter(src[i+1]):
		i++
		for i < len(src) && isLetter(src[i]) {
			i++
		}
		t = token{kind: tokFlag, text: src[start+1 : i], off: start, end: i}
	case strings.IndexByte(punctuation, c) >= 0:
		t = token{kind: tokPunct, text: src[start : i+1], off: start, end: i + 1}
	default:
		var hint Text
		if c == '\'' {
			hint = say("double-quotes", "strings use double quotes: \"...\"")
		}
		return token{}, lx.errAt(i, hint, say("unexpected-character", "unexpected character {0}", describeChar(src[i:])))
	}
	if t.end-t.off > limits.WordBytes && (t.kind == tokIdent || t.kind == tokNumber || t.kind == tokFlag) {
		return token{}, lx.errAt(t.off, say("word-at-most", "names, numbers and flags are at most {0} characters", strconv.Itoa(limits.WordBytes)),
			say("word-too-long", "`{0}` is too long", shorten(src[t.off:t.end])))
	}
	lx.i = t.end
	return t, nil
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
