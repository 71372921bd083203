//go:build js && wasm

// Command wasm is sockplay's engine for the browser: it exposes one
// session to JavaScript as globalThis.sockplay (see README.md).
package main

import (
	"github.com/hack-pad/safejs"
	"github.com/sockplay/sockplay/core/session"
)

func main() {
	b := NewBridge(func(seed uint64) Engine { return session.New(seed) }, 1)
	if err := install(safejs.Global(), "sockplay", b); err != nil {
		panic(err)
	}
	select {} // keep serving calls from JavaScript
}

// install puts an object with one function per method on target[name].
func install(target safejs.Value, name string, b *Bridge) error {
	object, err := newObject()
	if err != nil {
		return err
	}
	for _, t := range tables {
		for _, m := range t {
			method := m.name
			fn, err := safejs.FuncOf(func(_ safejs.Value, args []safejs.Value) any {
				return toJS(b.Call(method, jsArgs(args)))
			})
			if err != nil {
				return err
			}
			if err := object.Set(method, fn); err != nil {
				return err
			}
		}
	}
	if err := object.Set("version", Version); err != nil {
		return err
	}
	return target.Set(name, object)
}

func newObject() (safejs.Value, error) {
	ctor, err := safejs.Global().Get("Object")
	if err != nil {
		return safejs.Value{}, err
	}
	return ctor.New()
}

// toJS turns a Reply into a JavaScript value: a string of JSON, or a
// Uint8Array for raw bytes.
func toJS(r Reply) any {
	if !r.Raw {
		return r.JSON
	}
	ctor, err := safejs.Global().Get("Uint8Array")
	if err != nil {
		return errorReply(CallError{Message: err.Error()}).JSON
	}
	array, err := ctor.New(len(r.Bytes))
	if err != nil {
		return errorReply(CallError{Message: err.Error()}).JSON
	}
	if _, err := safejs.CopyBytesToJS(array, r.Bytes); err != nil {
		return errorReply(CallError{Message: err.Error()}).JSON
	}
	return array
}
