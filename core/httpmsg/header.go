package httpmsg

import "strings"

// Field is one header or trailer field line, name as sent.
type Field struct {
	Name  string
	Value string
}

// Header is a field section in the order the fields were sent. Names are
// kept as written (the learner sees what was typed); lookups ignore case
// (RFC 9110 5.1).
type Header []Field

// Get returns the value of the first field named name, or "".
func (h Header) Get(name string) string {
	for _, f := range h {
		if strings.EqualFold(f.Name, name) {
			return f.Value
		}
	}
	return ""
}

// Has reports whether a field named name is present.
func (h Header) Has(name string) bool {
	for _, f := range h {
		if strings.EqualFold(f.Name, name) {
			return true
		}
	}
	return false
}

// Values returns the values of every field named name, in order.
func (h Header) Values(name string) []string {
	var vs []string
	for _, f := range h {
		if strings.EqualFold(f.Name, name) {
			vs = append(vs, f.Value)
		}
	}
	return vs
}

// HasToken reports whether the comma-separated list fields named name
// contain token, ignoring case (e.g. Connection: keep-alive, Upgrade).
func (h Header) HasToken(name, token string) bool {
	for _, v := range h.Values(name) {
		for elem := range strings.SplitSeq(v, ",") {
			if strings.EqualFold(strings.Trim(elem, " \t"), token) {
				return true
			}
		}
	}
	return false
}

// isTchar reports whether c may appear in a token (RFC 9110 5.6.2).
func isTchar(c byte) bool {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		return true
	}
	return strings.IndexByte("!#$%&'*+-.^_`|~", c) >= 0
}

// isToken reports whether s is a non-empty token (RFC 9110 5.6.2).
func isToken(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isTchar(s[i]) {
			return false
		}
	}
	return true
}

// isFieldValueByte reports whether c may appear in a field value: VCHAR, SP,
// HTAB and obs-text (RFC 9110 5.5). CR, LF and NUL never may.
func isFieldValueByte(c byte) bool {
	return c == '\t' || c >= ' ' && c != 0x7f
}

// ValidFieldValue reports whether v can be sent as a field value.
func ValidFieldValue(v string) bool {
	for i := 0; i < len(v); i++ {
		if !isFieldValueByte(v[i]) {
			return false
		}
	}
	return true
}

// ValidFieldName reports whether name can be sent as a field name.
func ValidFieldName(name string) bool { return isToken(name) }

// trimOWS drops optional whitespace around a field value (RFC 9110 5.5).
func trimOWS(s string) string { return strings.Trim(s, " \t") }
