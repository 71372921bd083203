package script

import (
	"math"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/sockplay/sockplay/core/inet"
	"github.com/sockplay/sockplay/core/internal/text"
	"github.com/sockplay/sockplay/core/limits"
)

// scanString decodes the C string literal whose opening quote is at start
// and returns its value and the offset just past the closing quote.
func (lx *lexer) scanString(start int) (string, int, *Error) {
	src := lx.src
	var b strings.Builder
	i := start + 1
	for i < len(src) {
		c := src[i]
		switch {
		case c == '"':
			return b.String(), i + 1, nil
		case c == '\n':
			i = len(src)
		case c != '\\':
			b.WriteByte(c)
			i++
		default:
			v, next, err := lx.scanEscape(i)
			if err != nil {
				return "", 0, err
			}
			b.WriteByte(v)
			i = next
		}
	}
	return "", 0, lx.errAt(start, say("add-closing-quote", "add a closing \" at the end"), say("unterminated-string", "unterminated string"))
}

// C's one-letter escapes (C11 6.4.4.4): the letter at i of
// simpleEscapeLetters stands for the byte at i of simpleEscapeValues.
const (
	simpleEscapeLetters = "nrt\\\"'?abfv"
	simpleEscapeValues  = "\n\r\t\\\"'?\a\b\f\v"
)

// scanEscape decodes the escape whose backslash is at i. \x takes at most
// two hex digits and octal at most three, so every escape is one byte.
func (lx *lexer) scanEscape(i int) (byte, int, *Error) {
	src := lx.src
	if i+1 >= len(src) {
		return 0, 0, lx.errAt(i, say("add-closing-quote", "add a closing \" at the end"), say("unterminated-string", "unterminated string"))
	}
	c := src[i+1]
	if k := strings.IndexByte(simpleEscapeLetters, c); k >= 0 {
		return simpleEscapeValues[k], i + 2, nil
	}
	switch {
	case c == 'x':
		j := i + 2
		for j < len(src) && j < i+4 && isHexDigit(src[j]) {
			j++
		}
		if j == i+2 {
			return 0, 0, lx.errAt(i, say("hex-escape-hint", `write \x followed by hex digits, e.g. \x41`), say("hex-escape-digits", `\x needs hex digits`))
		}
		v, _ := strconv.ParseUint(src[i+2:j], 16, 8)
		return byte(v), j, nil
	case c >= '0' && c <= '7':
		j := i + 1
		for j < len(src) && j < i+4 && src[j] >= '0' && src[j] <= '7' {
			j++
		}
		v, _ := strconv.ParseUint(src[i+1:j], 8, 16)
		if v > 255 {
			return 0, 0, lx.errAt(i, say("octal-largest", `the largest is \377`), say("octal-too-big", `octal escape \{0} is more than one byte`, src[i+1:j]))
		}
		return byte(v), j, nil
	}
	return 0, 0, lx.errAt(i, say("escapes-are", `escapes are \n \r \t \\ \" \0, \xHH (hex) and \NNN (octal)`), say("unknown-escape", `unknown escape \{0} in string`, describeEscaped(src[i+1:])))
}

func describeEscaped(s string) string {
	d := describeChar(s)
	if strings.HasPrefix(d, "`") {
		return d[1 : len(d)-1]
	}
	return d
}

func isHexDigit(c byte) bool {
	return isDigit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

// Quote writes a string literal that scans back to exactly s: C escapes,
// printable UTF-8 as it is. Results print received bytes with it.
func Quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(s); {
		c := s[i]
		switch c {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		default:
			if c >= ' ' && c < 0x7f {
				b.WriteByte(c)
			} else if r, size := decodePrintable(s[i:]); size > 0 {
				b.WriteRune(r)
				i += size
				continue
			} else {
				b.WriteString(`\x`)
				b.WriteString(hexByte(c)[2:])
			}
		}
		i++
	}
	b.WriteByte('"')
	return b.String()
}

// decodePrintable returns the printable non-ASCII rune s starts with, or
// size 0 when s starts with anything else.
func decodePrintable(s string) (rune, int) {
	r, size := utf8.DecodeRuneInString(s)
	if r < utf8.RuneSelf || r == utf8.RuneError || !unicode.IsPrint(r) {
		return 0, 0
	}
	return r, size
}

// numberProblem is why a number-like literal is not a valid value.
type numberProblem struct {
	msg, hint Text
}

// Units of rates, in bits per second; matched ignoring case.
var rateUnits = []struct {
	name string
	bits int64
}{{"Gbit", 1e9}, {"Mbit", 1e6}, {"kbit", 1e3}, {"bit", 1}}

// Units of durations, largest first, for formatting.
var durationUnits = []struct {
	name string
	d    time.Duration
}{{"h", time.Hour}, {"m", time.Minute}, {"s", time.Second}, {"ms", time.Millisecond}, {"us", time.Microsecond}, {"ns", time.Nanosecond}}

const maxRate = 1000 * 1e9 // 1000 Gbit/s: faster than any link a learner needs

// parseNumber classifies a number-like token: an integer (decimal, 0x hex
// or 0-prefixed octal as in C), a decimal fraction, an IPv4 address, a
// duration, a percentage or a rate.
func parseNumber(literal string, at Pos) (Expr, *numberProblem) {
	body, neg := strings.CutPrefix(literal, "-")
	if addr, bits, ok := strings.Cut(body, "/"); ok {
		return parsePrefix(literal, addr, bits, neg, at)
	}
	if v, base, ok, p := parseInteger(body, neg); ok || p != nil {
		if p != nil {
			return nil, p
		}
		return &Int{Pos: at, Value: v, Base: base}, nil
	}
	i := 0
	for i < len(body) && (isDigit(body[i]) || body[i] == '.') {
		i++
	}
	num, unit := body[:i], body[i:]
	dots := strings.Count(num, ".")
	switch {
	case unit == "" && dots == 3:
		ip, err := inet.ParseAddr(body)
		if err != nil || neg {
			return nil, &numberProblem{say("bad-ipv4", "bad IPv4 address `{0}`", literal), say("ipv4-parts-range", "each of the four parts is 0–255, e.g. 10.0.0.2")}
		}
		return &IP{Pos: at, Addr: ip}, nil
	case dots > 1:
		return nil, &numberProblem{say("bad-number", "bad number `{0}`", literal), say("ipv4-four-parts", "an IPv4 address has four parts, e.g. 10.0.0.2")}
	case strings.HasSuffix(num, "."):
		return nil, &numberProblem{say("bad-number", "bad number `{0}`", literal), say("digit-after-dot", "write a digit after the dot, e.g. 1.0")}
	}
	f, ok := parseDecimal(num)
	if !ok || math.IsInf(f, 0) {
		return nil, &numberProblem{say("bad-number", "bad number `{0}`", literal), Text{}}
	}
	if unit == "" {
		if neg {
			f = -f
		}
		return &Float{Pos: at, Value: f}, nil
	}
	if unit == "%" {
		if neg || f > 100 {
			return nil, &numberProblem{say("percentage-range", "percentage `{0}` is out of range", literal), say("use-percent", "use 0% to 100%")}
		}
		return &Percent{Pos: at, Value: f}, nil
	}
	for _, u := range rateUnits {
		if strings.EqualFold(unit, u.name) {
			exact := f * float64(u.bits)
			bits := math.Round(exact)
			if neg || bits <= 0 || bits > maxRate || math.Abs(exact-bits) > 1e-6 {
				return nil, &numberProblem{say("rate-range", "rate `{0}` is out of range", literal), say("rate-whole-bits", "use a whole number of bits per second from 1bit to 1000Gbit")}
			}
			return &Rate{Pos: at, BitsPerSecond: int64(bits)}, nil
		}
	}
	if isDurationUnit(unit) {
		d, ok := text.ParseDuration(body)
		if !ok && isDurationSyntax(body) {
			return nil, &numberProblem{say("duration-too-long", "duration `{0}` is too long", literal), say("duration-at-most", "durations are at most 1000000h (about 114 years)")}
		}
		if !ok {
			return nil, &numberProblem{say("bad-duration", "bad duration `{0}`", literal), say("durations-look-like", "durations look like 200ms, 1.5s, 2m or 1h30m")}
		}
		if neg {
			return nil, &numberProblem{say("duration-negative", "duration `{0}` is negative", literal), say("durations-positive", "durations are 0 or more")}
		}
		if d > limits.Duration {
			return nil, &numberProblem{say("duration-too-long", "duration `{0}` is too long", literal), say("duration-at-most", "durations are at most 1000000h (about 114 years)")}
		}
		return &Duration{Pos: at, Value: d}, nil
	}
	return nil, unknownUnit(literal, unit)
}

func unknownUnit(text, unit string) *numberProblem {
	p := &numberProblem{msg: say("unknown-unit", "unknown unit `{0}` in `{1}`", unit, text),
		hint: say("units-are", "durations take ns, us, ms, s, m or h; rates bit, kbit, Mbit or Gbit; percentages end in %")}
	switch lower := strings.ToLower(unit); {
	case strings.HasSuffix(lower, "bps") || strings.HasSuffix(lower, "b/s"):
		p.hint = say("rates-in-bits", "rates are in bits per second and written like 10Mbit")
	case lower == "d" || lower == "day" || lower == "days":
		p.hint = say("largest-unit-h", "the largest duration unit is h: write 24h")
	case lower == "sec" || lower == "secs" || lower == "min" || lower == "mins":
		p.hint = say("duration-units", "durations take ns, us, ms, s, m or h, e.g. 2s or 2m")
	}
	return p
}

// isDurationSyntax reports whether s is written like a duration (digits,
// one optional fraction per number, known units) although ParseDuration
// refused it: then it is too long for a time.Duration.
func isDurationSyntax(s string) bool {
	for s != "" {
		i, digits := 0, 0
		for i < len(s) && (isDigit(s[i]) || s[i] == '.') {
			if s[i] != '.' {
				digits++
			}
			i++
		}
		j := i
		for j < len(s) && !isDigit(s[j]) && s[j] != '.' {
			j++
		}
		known := false
		for _, u := range durationUnits {
			known = known || u.name == s[i:j]
		}
		if !known || digits == 0 || strings.Count(s[:i], ".") > 1 {
			return false
		}
		s = s[j:]
	}
	return true
}

// isDurationUnit accepts what may follow a duration's first number, e.g.
// "ms" or "m30s" (text.ParseDuration then does the real check).
func isDurationUnit(unit string) bool {
	return unit != "" && strings.IndexByte("numsh", unit[0]) >= 0 && strings.Trim(unit, "0123456789.numsh") == ""
}

// parseInteger reads a C integer literal. ok is false when body is not an
// integer at all (it may be another kind of number).
func parseInteger(body string, neg bool) (value int64, base int, ok bool, p *numberProblem) {
	digits, base := body, 10
	switch {
	case len(body) > 2 && (body[:2] == "0x" || body[:2] == "0X"):
		digits, base = body[2:], 16
		if strings.Trim(digits, "0123456789abcdefABCDEF") != "" {
			return 0, 0, false, &numberProblem{say("bad-hex", "bad hexadecimal number `{0}`", body), say("hex-digits", "hex digits are 0-9 and a-f")}
		}
	case body == "0x" || body == "0X":
		return 0, 0, false, &numberProblem{say("bad-hex", "bad hexadecimal number `{0}`", body), say("hex-after-0x", "write hex digits after 0x, e.g. 0x40")}
	case strings.Trim(body, "0123456789") != "":
		return 0, 0, false, nil
	case len(body) > 1 && body[0] == '0':
		digits, base = body[1:], 8
		if strings.Trim(digits, "01234567") != "" {
			return 0, 0, false, &numberProblem{say("bad-octal", "bad octal number `{0}`", body), say("leading-zero-octal", "a leading 0 means octal, as in C (digits 0-7); drop the 0 for decimal")}
		}
	}
	u, err := strconv.ParseUint(digits, base, 64)
	if err != nil || u > math.MaxInt64 {
		return 0, 0, false, &numberProblem{say("number-too-large", "number `{0}` is too large", body), say("integers-64-bits", "integers fit in 64 bits")}
	}
	v := int64(u)
	if neg {
		v = -v
	}
	return v, base, true, nil
}

func formatInt(n *Int) string {
	sign, u := "", uint64(n.Value)
	if n.Value < 0 {
		sign, u = "-", uint64(-n.Value)
	}
	switch n.Base {
	case 16:
		return sign + "0x" + strconv.FormatUint(u, 16)
	case 8:
		return sign + "0" + strconv.FormatUint(u, 8)
	}
	return sign + strconv.FormatUint(u, 10)
}

func formatFloat(f float64) string {
	s := strconv.FormatFloat(f, 'f', -1, 64)
	if !strings.Contains(s, ".") {
		s += ".0"
	}
	return s
}

// formatDuration writes d in the largest unit that divides it exactly,
// e.g. 1.5s as 1500ms, so it scans back to the same value.
func formatDuration(d time.Duration) string {
	if d == 0 {
		return "0s"
	}
	for _, u := range durationUnits {
		if d%u.d == 0 {
			return strconv.FormatInt(int64(d/u.d), 10) + u.name
		}
	}
	return d.String()
}

func formatRate(bits int64) string {
	for _, u := range rateUnits {
		if bits%u.bits == 0 {
			return strconv.FormatInt(bits/u.bits, 10) + u.name
		}
	}
	return strconv.FormatInt(bits, 10) + "bit"
}

func formatPercent(p float64) string {
	return strconv.FormatFloat(p, 'f', -1, 64) + "%"
}

// parsePrefix reads a network written ADDRESS/BITS, e.g. 10.1.0.0/16.
func parsePrefix(literal, addr, bits string, neg bool, at Pos) (Expr, *numberProblem) {
	bad := &numberProblem{say("bad-network", "bad network `{0}`", literal), say("network-as-prefix", "write a network as ADDRESS/BITS, e.g. 10.1.0.0/16")}
	ip, err := inet.ParseAddr(addr)
	n, nerr := strconv.Atoi(bits)
	if neg || err != nil || nerr != nil || n < 0 || n > 32 || len(bits) > 2 {
		return nil, bad
	}
	return &Prefix{Pos: at, Addr: ip, Bits: n}, nil
}
