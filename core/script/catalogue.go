package script

import (
	"errors"
	"strconv"
	"strings"

	"github.com/sockplay/sockplay/core/errno"
	"github.com/sockplay/sockplay/core/internal/text"
)

// Kind is what an argument must be.
type Kind int

const (
	KindFD       Kind = iota + 1 // a socket: a variable or a number
	KindInt                      // an integer or constant(s); see Param.Consts and Param.Flags
	KindBytes                    // a "string" of bytes to send
	KindText                     // a "string" such as a URL path
	KindAddr                     // IP:PORT or HOST:PORT (NULL too if Param.Nullable)
	KindOptVal                   // an option value: an integer, a {a, b} struct or a "string"
	KindPollFDs                  // [{fd, events}, ...] or one {fd, events}
	KindTimeout                  // milliseconds (-1 waits for ever) or a duration
	KindDuration                 // a duration such as 5s
	KindNumber                   // a number with or without a fraction, e.g. 1.1
)

// Param is one argument of a call.
type Param struct {
	Name     string
	Kind     Kind
	Optional bool     // positional: may be left out (only trailing ones); keywords are always optional
	Consts   []string // constant name prefixes this argument takes, e.g. {"AF_"}; nil takes any
	Flags    bool     // several values may be joined with |
	Nullable bool     // NULL is accepted
	Default  string   // shown in signatures of keyword arguments, e.g. "1.1"
	Doc      string   // one line for the help page
}

// ErrorCase is an errno a call can return and when.
type ErrorCase struct {
	Errno errno.Errno
	When  string
}

// CallSpec describes a call: its signature for the parser's checks and the
// text of its help page. Adding a call is adding one CallSpec to a table.
type CallSpec struct {
	Name     string  // "connect", or dotted for library calls: "http.serve"
	Params   []Param // positional, in C's order
	Keywords []Param // name=value arguments, all optional
	Summary  string  // one line for the help index
	Detail   string  // what the call does, its effect on TCP state; paragraphs separated by blank lines
	Returns  string
	Errors   []ErrorCase
	Example  string // one or more script lines
}

// Library is the part before the dot ("http"), or "" for socket calls.
func (c *CallSpec) Library() string {
	if i := strings.LastIndexByte(c.Name, '.'); i >= 0 {
		return c.Name[:i]
	}
	return ""
}

// Signature reads like "send(fd, data[, flags])" or
// "http.serve(fd[, version=1.1][, idle=DURATION])".
func (c *CallSpec) Signature() string {
	var b strings.Builder
	b.WriteString(c.Name + "(")
	first := true
	for _, p := range c.Params {
		switch {
		case p.Optional:
			if !first {
				b.WriteString("[, " + p.Name + "]")
			} else {
				b.WriteString("[" + p.Name + "]")
			}
		case first:
			b.WriteString(p.Name)
		default:
			b.WriteString(", " + p.Name)
		}
		first = false
	}
	for _, k := range c.Keywords {
		sep := ", "
		if first {
			sep = ""
		}
		b.WriteString("[" + sep + k.Name + "=" + keywordPlaceholder(k) + "]")
		first = false
	}
	b.WriteString(")")
	return b.String()
}

func keywordPlaceholder(k Param) string {
	if k.Default != "" {
		return k.Default
	}
	return strings.ToUpper(kindNoun(k.Kind))
}

// kindNoun is a one-word placeholder for an argument of the kind.
func kindNoun(k Kind) string {
	switch k {
	case KindFD:
		return "fd"
	case KindInt:
		return "n"
	case KindBytes:
		return "data"
	case KindText:
		return "text"
	case KindAddr:
		return "addr"
	case KindOptVal:
		return "value"
	case KindPollFDs:
		return "fds"
	case KindTimeout:
		return "timeout"
	case KindDuration:
		return "duration"
	}
	return "number"
}

func (c *CallSpec) required() int {
	n := 0
	for _, p := range c.Params {
		if !p.Optional {
			n++
		}
	}
	return n
}

// Catalogue is the set of calls a session knows. It is immutable: With
// returns a new one.
type Catalogue struct {
	calls []CallSpec // socket calls first, then libraries, each in table order
	index map[string]int
}

// NewCatalogue builds a catalogue from call tables, rejecting duplicate
// names and malformed signatures.
func NewCatalogue(tables ...[]CallSpec) (*Catalogue, error) {
	c := &Catalogue{index: map[string]int{}}
	for _, t := range tables {
		for _, spec := range t {
			if err := validateSpec(spec); err != nil {
				return nil, err
			}
			if _, dup := c.index[spec.Name]; dup {
				return nil, errors.New("script: call " + spec.Name + " is defined twice")
			}
			c.index[spec.Name] = len(c.calls)
			c.calls = append(c.calls, spec)
		}
	}
	return c, nil
}

func validateSpec(s CallSpec) error {
	if s.Name == "" || scanIdent(s.Name, 0) != len(s.Name) || !isLetter(s.Name[0]) {
		return errors.New("script: bad call name " + strconv.Quote(s.Name))
	}
	optional := false
	for _, p := range s.Params {
		if p.Kind < KindFD || p.Kind > KindNumber {
			return errors.New("script: " + s.Name + ": parameter " + p.Name + " has no kind")
		}
		if optional && !p.Optional {
			return errors.New("script: " + s.Name + ": required parameter " + p.Name + " follows an optional one")
		}
		optional = p.Optional
	}
	for _, k := range s.Keywords {
		if k.Kind < KindFD || k.Kind > KindNumber || k.Name == "" {
			return errors.New("script: " + s.Name + ": bad keyword " + strconv.Quote(k.Name))
		}
	}
	if s.Summary == "" || s.Detail == "" || s.Returns == "" {
		return errors.New("script: " + s.Name + ": summary, detail and returns are required for its help page")
	}
	return nil
}

// With returns a catalogue holding c's calls and the given ones.
func (c *Catalogue) With(calls ...CallSpec) (*Catalogue, error) {
	return NewCatalogue(c.calls, calls)
}

// Lookup finds a call by name.
func (c *Catalogue) Lookup(name string) (CallSpec, bool) {
	i, ok := c.index[name]
	if !ok {
		return CallSpec{}, false
	}
	return c.calls[i], true
}

// Calls lists every call, socket calls first, each table in its order.
func (c *Catalogue) Calls() []CallSpec { return append([]CallSpec(nil), c.calls...) }

func (c *Catalogue) callNames() []string {
	names := make([]string, len(c.calls))
	for i, s := range c.calls {
		names[i] = s.Name
	}
	text.SortStrings(names)
	return names
}

// defaultCatalogue is built once from constant tables and never changed.
var defaultCatalogue = mustCatalogue(socketCalls, libraryCalls)

func mustCatalogue(tables ...[]CallSpec) *Catalogue {
	c, err := NewCatalogue(tables...)
	if err != nil {
		panic(err) // the tables are part of the program; a test catches this
	}
	return c
}

// Default is the catalogue of the socket calls and the library calls
// (http.*, ws.*) that ship with sockplay.
func Default() *Catalogue { return defaultCatalogue }
