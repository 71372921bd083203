//go:build js && wasm

package main

import (
	"fmt"

	"github.com/hack-pad/safejs"
)

// jsArgs reads the arguments of a call from JavaScript, checking types so
// that a wrong argument is an error, not a misread.
type jsArgs []safejs.Value

func (a jsArgs) Len() int { return len(a) }

func (a jsArgs) arg(i int, want safejs.Type) (safejs.Value, error) {
	if i >= len(a) {
		return safejs.Undefined(), fmt.Errorf("argument %d is missing", i+1)
	}
	if t := a[i].Type(); t != want {
		return safejs.Undefined(), fmt.Errorf("argument %d must be a %s, not a %s", i+1, want, t)
	}
	return a[i], nil
}

func (a jsArgs) String(i int) (string, error) {
	v, err := a.arg(i, safejs.TypeString)
	if err != nil {
		return "", err
	}
	return v.String()
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
