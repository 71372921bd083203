//go:build js && wasm

// Command wasm is sockplay's engine for the browser: it exposes one
// session to JavaScript as globalThis.sockplay (see README.md).
package main

import (
	"time"

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

// execOnAsync(host, stmt, onProgress) is execOn for a line that may run
// long (a crowd of 1,000 takes a second or more): it returns a Promise of
// execOn's reply and, about every 50 ms of work, calls onProgress(done,
// total) and lets the page's event loop run, so that the page paints and
// takes input. Meanwhile every other call is answered with an error.
func execOnAsync(b *Bridge, args []safejs.Value) any {
	var onProgress safejs.Value
	listens := false
	if len(args) > 2 {
		t, ok := typeOf(args[2])
		onProgress, listens = args[2], ok && t == safejs.TypeFunction
	}
	promise, err := safejs.Global().Get("Promise")
	if err != nil {
		return errorReply(CallError{Message: err.Error(), Method: "execOnAsync"}).JSON
	}
	executor, err := safejs.FuncOf(func(_ safejs.Value, settle []safejs.Value) any {
		go func() {
			last := time.Now()
			reply := b.CallWithProgress("execOn", jsArgs(args[:min(len(args), 2)]), func(done, total int) {
				if time.Since(last) < 50*time.Millisecond {
					return
				}
				if listens {
					_, _ = onProgress.Invoke(done, total) // a failing listener does not stop the line
				}
				yieldToPage()
				last = time.Now()
			})
			_, _ = settle[0].Invoke(toJS(reply))
		}()
		return nil
	})
	if err != nil {
		return errorReply(CallError{Message: err.Error(), Method: "execOnAsync"}).JSON
	}
	defer executor.Release() // the Promise runs its executor at once
	p, err := promise.New(executor.Value())
	if err != nil {
		return errorReply(CallError{Message: err.Error(), Method: "execOnAsync"}).JSON
	}
	return p
}

// yieldToPage lets the browser's event loop run (paint, input, timers)
// and returns when a timer of 0 ms has fired.
func yieldToPage() {
	fired := make(chan struct{})
	f, err := safejs.FuncOf(func(safejs.Value, []safejs.Value) any {
		close(fired)
		return nil
	})
	if err != nil {
		return
	}
	defer f.Release()
	if _, err := safejs.Global().Call("setTimeout", f.Value(), 0); err != nil {
		return
	}
	<-fired
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
