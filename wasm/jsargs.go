//go:build js && wasm

package main

import (
	"errors"
	"strconv"
	"syscall/js"
)

// jsArgs reads the arguments of a call from JavaScript, checking types so
// that a wrong argument is an error, not a misread (syscall/js panics on a
// type mismatch).
type jsArgs []js.Value

func (a jsArgs) Len() int { return len(a) }

func (a jsArgs) arg(i int, want js.Type) (js.Value, error) {
	if i >= len(a) {
		return js.Undefined(), errors.New("argument " + strconv.Itoa(i+1) + " is missing")
	}
	if t := a[i].Type(); t != want {
		return js.Undefined(), errors.New("argument " + strconv.Itoa(i+1) + " must be a " + want.String() + ", not a " + t.String())
	}
	return a[i], nil
}

func (a jsArgs) String(i int) (string, error) {
	v, err := a.arg(i, js.TypeString)
	if err != nil {
		return "", err
	}
	return v.String(), nil
}

func (a jsArgs) Number(i int) (float64, error) {
	v, err := a.arg(i, js.TypeNumber)
	if err != nil {
		return 0, err
	}
	return v.Float(), nil
}

func (a jsArgs) Bool(i int) (bool, error) {
	v, err := a.arg(i, js.TypeBoolean)
	if err != nil {
		return false, err
	}
	return v.Bool(), nil
}
