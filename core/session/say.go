package session

import "github.com/sockplay/sockplay/core/script"

// say names an English text for translation (script.Say): every call
// names its id and template literally, for core/i18n's catalogue.
func say(id, en string, args ...string) script.Text { return script.Say(id, en, args...) }

// plain is a text without an id: a name, or English built elsewhere.
func plain(s string) script.Text { return script.Text{S: s} }

// refused is a refused line's Error from texts that may carry a Ref.
func refused(col int, hint, msg script.Text) *Error {
	return &Error{Message: msg.S, Col: col, Hint: hint.S, Ref: refOrNil(msg.Ref), HintRef: refOrNil(hint.Ref)}
}
