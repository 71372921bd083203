package script

import (
	"strconv"
)

// Error is why a line was rejected: one message, where it happened and,
// when one helps, a hint ("did you mean `listen`?", a signature).
type Error struct {
	Col  int // 1-based column (characters) in the parsed text; 0 when it concerns the whole line
	Msg  string
	Hint string
	// MsgRef and HintRef name Msg and Hint for translation (empty when
	// the text has no id yet: it is shown in English everywhere).
	MsgRef, HintRef Ref
}

// Ref names an English text for translation: its id in core/i18n's
// engine catalogue and the values of its template's {0}, {1}, …. The
// engine only speaks English; the page and the CLI show the text in the
// reader's language, so transcripts are the same in every language.
type Ref struct {
	ID   string   `json:"id"`
	Args []string `json:"args,omitempty"`
}

// Text is an English text and its Ref.
type Text struct {
	S   string
	Ref Ref
}

// say fills en's {0}, {1}, … with args. Every call names its id and
// template literally: core/i18n reads them from the source as xgettext does.
func say(id, en string, args ...string) Text { return Say(id, en, args...) }

// Say is say for the packages that report errors of their own (the
// session names its texts through a say of its own, read the same way).
func Say(id, en string, args ...string) Text {
	var b []byte
	for i := 0; i < len(en); i++ {
		if en[i] == '{' && i+2 < len(en) && en[i+2] == '}' && en[i+1] >= '0' && int(en[i+1]-'0') < len(args) {
			b = append(b, args[en[i+1]-'0']...)
			i += 2
			continue
		}
		b = append(b, en[i])
	}
	return Text{S: string(b), Ref: Ref{ID: id, Args: args}}
}

// plain is a text without an id yet.
func plain(s string) Text { return Text{S: s} }

// errorSaid is errorAt with translatable texts.
func errorSaid(p Pos, hint, msg Text) *Error {
	return &Error{Col: p.Col, Msg: msg.S, Hint: hint.S, MsgRef: msg.Ref, HintRef: hint.Ref}
}

// Error reads "col 7: unknown call `lisen`; did you mean `listen`?".
func (e *Error) Error() string {
	s := e.Msg
	if e.Col > 0 {
		s = "col " + strconv.Itoa(e.Col) + ": " + e.Msg
	}
	if e.Hint != "" {
		s += "; " + e.Hint
	}
	return s
}

func errorAt(p Pos, hint, msg string) *Error {
	return &Error{Col: p.Col, Msg: msg, Hint: hint}
}
