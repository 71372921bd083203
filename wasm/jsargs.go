//go:build js && wasm

package main

import (
	"fmt"

	"github.com/hack-pad/safejs"

	"github.com/sockplay/sockplay/core/limits"
)

// jsArgs reads the arguments of a call from JavaScript, checking types so
// that a wrong argument is an error, not a misread, and never a panic: a
// panic here would be reported as the engine's, with a needless replay.
type jsArgs []safejs.Value

func (a jsArgs) Len() int { return len(a) }

func (a jsArgs) arg(i int, want safejs.Type) (safejs.Value, error) {
	if i >= len(a) {
		return safejs.Undefined(), fmt.Errorf("argument %d is missing", i+1)
	}
	if t, named := typeOf(a[i]); !named {
		return safejs.Undefined(), fmt.Errorf("argument %d must be a %s, not a bigint", i+1, want)
	} else if t != want {
		return safejs.Undefined(), fmt.Errorf("argument %d must be a %s, not a %s", i+1, want, t)
	}
	return a[i], nil
}

// typeOf is v's type. syscall/js panics on the one type it cannot name,
// BigInt (typeof "bigint"): then named is false.
func typeOf(v safejs.Value) (t safejs.Type, named bool) {
	defer func() {
		if recover() != nil {
			named = false
		}
	}()
	return v.Type(), true
}

// String reads a string argument, refusing one longer than any call
// takes (limits.ScriptBytes) before copying it out of JavaScript.
func (a jsArgs) String(i int) (string, error) {
	v, err := a.arg(i, safejs.TypeString)
	if err != nil {
		return "", err
	}
	n, err := stringLength(v)
	if err != nil {
		return "", err
	}
	if n > limits.ScriptBytes {
		return "", fmt.Errorf("argument %d is %d characters long; the most any call takes is %d bytes", i+1, n, limits.ScriptBytes)
	}
	return v.String()
}

// stringLength is a JavaScript string's length in UTF-16 units (never more
// than its UTF-8 bytes), read without copying it: syscall/js reads lengths
// of objects only, so it asks the string's wrapper object, Object(v).
func stringLength(v safejs.Value) (int, error) {
	object, err := safejs.Global().Get("Object")
	if err != nil {
		return 0, err
	}
	wrapper, err := object.Invoke(v)
	if err != nil {
		return 0, err
	}
	length, err := wrapper.Get("length")
	if err != nil {
		return 0, err
	}
	return length.Int()
}

func (a jsArgs) Number(i int) (float64, error) {
	v, err := a.arg(i, safejs.TypeNumber)
	if err != nil {
		return 0, err
	}
	return v.Float()
}

func (a jsArgs) Bool(i int) (bool, error) {
	v, err := a.arg(i, safejs.TypeBoolean)
	if err != nil {
		return false, err
	}
	return v.Bool()
}
