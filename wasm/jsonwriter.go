package main

import (
	"strconv"
	"unicode/utf8"
)

// jsonWriter appends JSON without reflection. encoding/json would add
// about 90 KB of gzip to the wasm; jsonenc_test.go proves this writer's
// output is byte-for-byte what encoding/json gives for every type it
// handles, so a field added to a session type cannot be missed silently.
type jsonWriter struct{ b []byte }

func (w *jsonWriter) raw(s string) { w.b = append(w.b, s...) }

func (w *jsonWriter) int(n int64) { w.b = strconv.AppendInt(w.b, n, 10) }

func (w *jsonWriter) uint(n uint64) { w.b = strconv.AppendUint(w.b, n, 10) }

func (w *jsonWriter) bool(v bool) { w.b = strconv.AppendBool(w.b, v) }

func (w *jsonWriter) bytes(b []byte) {
	if b == nil {
		w.raw("null")
		return
	}
	w.b = append(w.b, '"')
	w.b = appendBase64(w.b, b)
	w.b = append(w.b, '"')
}

// appendBase64 is encoding/base64's StdEncoding (as encoding/json writes
// []byte), which would cost the wasm more than these lines.
func appendBase64(dst, src []byte) []byte {
	const digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
	for ; len(src) > 0; src = src[min(3, len(src)):] {
		var v uint
		for i := range 3 {
			v <<= 8
			if i < len(src) {
				v |= uint(src[i])
			}
		}
		quad := [4]byte{digits[v>>18], digits[v>>12&63], digits[v>>6&63], digits[v&63]}
		if len(src) < 3 {
			quad[3] = '='
		}
		if len(src) < 2 {
			quad[2] = '='
		}
		dst = append(dst, quad[:]...)
	}
	return dst
}

const hexDigits = "0123456789abcdef"

// str writes s quoted and escaped as encoding/json does, HTML-safe: <, >
// and & become \u003c, \u003e, \u0026; invalid UTF-8 becomes \ufffd.
func (w *jsonWriter) str(s string) {
	w.b = append(w.b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			w.b = append(w.b, s[start:i]...)
			switch c {
			case '"', '\\':
				w.b = append(w.b, '\\', c)
			case '\n':
				w.b = append(w.b, '\\', 'n')
			case '\r':
				w.b = append(w.b, '\\', 'r')
			case '\t':
				w.b = append(w.b, '\\', 't')
			case '\b':
				w.b = append(w.b, '\\', 'b')
			case '\f':
				w.b = append(w.b, '\\', 'f')
			default:
				w.b = append(w.b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			w.b = append(w.b, s[start:i]...)
			w.b = append(w.b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			w.b = append(w.b, s[start:i]...)
			w.b = append(w.b, '\\', 'u', '2', '0', '2', hexDigits[r&0xf])
			i += size
			start = i
			continue
		}
		i += size
	}
	w.b = append(w.b, s[start:]...)
	w.b = append(w.b, '"')
}

// object writes the members of one JSON object, placing the commas.
type object struct {
	w *jsonWriter
	n int
}

func (w *jsonWriter) object() *object {
	w.b = append(w.b, '{')
	return &object{w: w}
}

// key starts a member and returns the writer for its value.
func (o *object) key(k string) *jsonWriter {
	if o.n > 0 {
		o.w.b = append(o.w.b, ',')
	}
	o.n++
	o.w.str(k)
	o.w.b = append(o.w.b, ':')
	return o.w
}

func (o *object) end() { o.w.b = append(o.w.b, '}') }

// list writes a JSON array of n items, the i-th written by item, or null
// for a nil slice. It is not generic: the wasm would hold a copy of it for
// every element type.
func (w *jsonWriter) list(isNil bool, n int, item func(i int)) {
	if isNil {
		w.raw("null")
		return
	}
	w.b = append(w.b, '[')
	for i := range n {
		if i > 0 {
			w.b = append(w.b, ',')
		}
		item(i)
	}
	w.b = append(w.b, ']')
}

func (w *jsonWriter) strs(ss []string) {
	w.list(ss == nil, len(ss), func(i int) { w.str(ss[i]) })
}

// strList writes ss as a list, [] when it is nil: for replies only the
// page reads, which need not match encoding/json's null.
func (w *jsonWriter) strList(ss []string) {
	w.list(false, len(ss), func(i int) { w.str(ss[i]) })
}
