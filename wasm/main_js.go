//go:build js && wasm

// Command wasm is sockplay's engine for the browser: it exposes one
// session to JavaScript as globalThis.sockplay (see README.md).
package main

import (
	"syscall/js"

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
	async, err := safejs.FuncOf(func(_ safejs.Value, args []safejs.Value) any { return execOnAsync(b, args) })
	if err != nil {
		return err
	}
	if err := object.Set("execOnAsync", async); err != nil {
		return err
	}
	if err := object.Set("version", Version); err != nil {
		return err
	}
	return target.Set(name, object)
}

// execOnAsync(host, stmt, onProgress, onDone) is execOn for a line that
// may run long (a crowd of 1,000 takes a second or more): it returns at
// once, calls onDone with execOn's reply when the line has run and,
// between slices of its work (20 to 40 ms each in a browser), calls
// onProgress(done, total) and lets the page's event loop run, so that the
// page paints and takes input. Meanwhile every other call is answered with
// an error.
func execOnAsync(b *Bridge, args []safejs.Value) any {
	for i := 2; i < 4; i++ {
		if i >= len(args) || !isFunction(args[i]) {
			return errorReply(CallError{Message: "execOnAsync needs host, stmt, onProgress and onDone", Method: "execOnAsync"}).JSON
		}
	}
	onProgress, onDone := safejs.Unsafe(args[2]), safejs.Unsafe(args[3])
	go func() {
		resume := make(chan struct{}, 1)
		next := js.FuncOf(func(js.Value, []js.Value) any {
			resume <- struct{}{}
			return nil
		})
		defer next.Release()
		reply := b.CallWithProgress("execOn", jsArgs(args[:2]), func(done, total int) {
			invoke(onProgress, done, total)
			js.Global().Call("setTimeout", next, 0)
			<-resume
		})
		invoke(onDone, toJS(reply))
	}()
	return nil
}

func isFunction(v safejs.Value) bool {
	t, ok := typeOf(v)
	return ok && t == safejs.TypeFunction
}

// invoke calls the page's function f; what it throws stays on the page.
func invoke(f js.Value, args ...any) {
	defer func() { _ = recover() }()
	f.Invoke(args...)
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
