package goal

import (
	"strconv"
	"strings"
)

// tokKind is what a token is.
type tokKind uint8

const (
	tEOF    tokKind = iota
	tWord           // client, TIME-WAIT, retransmit-fast, ECONNREFUSED
	tNumber         // 80, 3, 200ms
	tFlags          // [S.], [F*]
	tString         // "GET /"
	tCmp            // >= <= == != < >
	tLParen         // (
	tRParen         // )
)

// token is one lexeme with its 1-based column in the goal's text.
type token struct {
	kind tokKind
	text string // the lexeme; for strings, the contents without quotes
	col  int
}

// Error is a malformed goal: the message and the 1-based column it
// points at (in bytes of the goal's text).
type Error struct {
	Col     int
	Message string
}

func (e *Error) Error() string { return "col " + strconv.Itoa(e.Col) + ": " + e.Message }

func isWordStart(c byte) bool {
	return c == '_' || c == '*' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}
func isWordByte(c byte) bool { return isWordStart(c) || isDigit(c) || c == '-' || c == '.' }
func isDigit(c byte) bool    { return '0' <= c && c <= '9' }

// lex splits a goal into tokens. Errors name the column of the offending
// byte.
func lex(src string) ([]token, *Error) {
	var toks []token
	for i := 0; i < len(src); {
		c := src[i]
		col := i + 1
		switch {
		case c == ' ' || c == '\t':
			i++
		case c == '(' || c == ')':
			k := tLParen
			if c == ')' {
				k = tRParen
			}
			toks = append(toks, token{k, src[i : i+1], col})
			i++
		case c == '>' || c == '<' || c == '=' || c == '!':
			n := 1
			if i+1 < len(src) && src[i+1] == '=' {
				n = 2
			}
			op := src[i : i+n]
			if op == "=" || op == "!" {
				return nil, &Error{col, "`" + op + "` is not an operator here; compare with ==, !=, <, <=, > or >="}
			}
			toks = append(toks, token{tCmp, op, col})
			i += n
		case c == '[':
			end := strings.IndexByte(src[i:], ']')
			if end < 0 {
				return nil, &Error{col, "flags opened with [ are not closed with ]"}
			}
			toks = append(toks, token{tFlags, src[i+1 : i+end], col})
			i += end + 1
		case c == '"':
			end := strings.IndexByte(src[i+1:], '"')
			if end < 0 {
				return nil, &Error{col, "a string opened with \" is not closed"}
			}
			toks = append(toks, token{tString, src[i+1 : i+1+end], col})
			i += end + 2
		case isDigit(c):
			j := i
			for j < len(src) && isDigit(src[j]) {
				j++
			}
			for j < len(src) && ('a' <= src[j] && src[j] <= 'z') {
				j++ // a unit: 200ms, 2s
			}
			toks = append(toks, token{tNumber, src[i:j], col})
			i = j
		case isWordStart(c):
			j := i
			for j < len(src) && isWordByte(src[j]) {
				j++
			}
			toks = append(toks, token{tWord, src[i:j], col})
			i = j
		default:
			return nil, &Error{col, "unexpected character " + quoteByte(c)}
		}
	}
	return append(toks, token{kind: tEOF, col: len(src) + 1}), nil
}

func quoteByte(c byte) string {
	if c < ' ' || c > '~' {
		const hex = "0123456789abcdef"
		return "0x" + string([]byte{hex[c>>4], hex[c&15]})
	}
	return "`" + string(c) + "`"
}
