// Package text has the few formatting helpers the engine needs instead of
// fmt: importing fmt (and so reflect) into the WebAssembly build costs
// hundreds of kilobytes. Each helper gives what the fmt verb named in its
// comment gives.
package text

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// DecPad is v in decimal with leading zeros to width digits, as %0Nd.
func DecPad(v uint64, width int) string { return zeroPad(strconv.FormatUint(v, 10), width) }

// HexPad is v in lower-case hexadecimal with leading zeros to width
// digits, as %0Nx.
func HexPad(v uint64, width int) string { return zeroPad(strconv.FormatUint(v, 16), width) }

// BinPad is v in binary with leading zeros to width digits, as %0Nb.
func BinPad(v uint64, width int) string { return zeroPad(strconv.FormatUint(v, 2), width) }

func zeroPad(digits string, width int) string {
	if len(digits) >= width {
		return digits
	}
	return strings.Repeat("0", width-len(digits)) + digits
}

// PadRight pads s with spaces on the right to width runes, as %-Ns does.
func PadRight(s string, width int) string {
	if n := utf8.RuneCountInString(s); n < width {
		return s + strings.Repeat(" ", width-n)
	}
	return s
}

// PadLeft pads s with spaces on the left to width runes, as %Ns does.
func PadLeft(s string, width int) string {
	if n := utf8.RuneCountInString(s); n < width {
		return strings.Repeat(" ", width-n) + s
	}
	return s
}

// QuoteList is ss as %q prints a []string: ["a" "b"].
func QuoteList(ss []string) string {
	var b strings.Builder
	b.WriteByte('[')
	for i, s := range ss {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(strconv.Quote(s))
	}
	b.WriteByte(']')
	return b.String()
}

const hexDigits = "0123456789abcdef"

// Hex is b in lower-case hexadecimal, two digits a byte, as %x does.
func Hex(b []byte) string {
	out := make([]byte, 2*len(b))
	for i, c := range b {
		out[2*i] = hexDigits[c>>4]
		out[2*i+1] = hexDigits[c&0x0f]
	}
	return string(out)
}

// Wrap is an error whose message is msg and which unwraps to err, as
// fmt.Errorf with %w makes; msg should contain err's message.
func Wrap(msg string, err error) error {
	return &wrapError{msg: msg, err: err}
}

type wrapError struct {
	msg string
	err error
}

func (e *wrapError) Error() string { return e.msg }
func (e *wrapError) Unwrap() error { return e.err }
