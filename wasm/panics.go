package main

import (
	"errors"
	"runtime"
	"strconv"
)

// describePanic is how fmt's %v shows a panic value, for the kinds of
// value Go code panics with; fmt itself (and the reflection it needs)
// would weigh on the WebAssembly build.
func describePanic(p any) string {
	switch v := p.(type) {
	case error:
		return v.Error()
	case interface{ String() string }:
		return v.String()
	case string:
		return v
	case bool:
		return strconv.FormatBool(v)
	case int:
		return strconv.Itoa(v)
	case int64:
		return strconv.FormatInt(v, 10)
	case int32:
		return strconv.FormatInt(int64(v), 10)
	case uint:
		return strconv.FormatUint(uint64(v), 10)
	case uint64:
		return strconv.FormatUint(v, 10)
	case uint32:
		return strconv.FormatUint(uint64(v), 10)
	case float64:
		return strconv.FormatFloat(v, 'g', -1, 64)
	}
	return "a panic value of an unexpected type"
}

// panicError is p as an error.
func panicError(p any) error {
	if err, ok := p.(error); ok {
		return err
	}
	return errors.New(describePanic(p))
}

// stack is the calling goroutine's stack trace, as runtime/debug.Stack
// gives it.
func stack() []byte {
	buf := make([]byte, 4096)
	for {
		n := runtime.Stack(buf, false)
		if n < len(buf) {
			return buf[:n]
		}
		buf = make([]byte, 2*len(buf))
	}
}
