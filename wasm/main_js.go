//go:build js && wasm

// Command wasm is sockplay's engine for the browser: it exposes one
// session to JavaScript as globalThis.sockplay (see README.md).
package main

import (
	"syscall/js"

	"github.com/sockplay/sockplay/core/session"
)

func main() {
	b := NewBridge(func(seed uint64) Engine { return session.New(seed) }, 1)
	if err := install(js.Global(), "sockplay", b); err != nil {
		panic(err)
	}
	select {} // keep serving calls from JavaScript
}

// install puts an object with one function per method on target[name].
func install(target js.Value, name string, b *Bridge) error {
	return catchJS(func() {
		object := js.Global().Get("Object").New()
		for _, m := range methods {
			object.Set(m.name, js.FuncOf(func(_ js.Value, args []js.Value) any {
				return toJS(b.Call(m.name, jsArgs(args)))
			}))
		}
		object.Set("version", Version)
		target.Set(name, object)
	})
}

// toJS turns a Reply into a JavaScript value: a string of JSON, or a
// Uint8Array for raw bytes.
func toJS(r Reply) any {
	if !r.Raw {
		return r.JSON
	}
	var array js.Value
	if err := catchJS(func() {
		array = js.Global().Get("Uint8Array").New(len(r.Bytes))
		js.CopyBytesToJS(array, r.Bytes)
	}); err != nil {
		return errorReply(CallError{Message: err.Error()}).JSON
	}
	return array
}

// catchJS runs f and returns what it panicked with as an error: syscall/js
// raises a JavaScript exception (or a misuse) as a Go panic.
func catchJS(f func()) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = panicError(p)
		}
	}()
	f()
	return nil
}
