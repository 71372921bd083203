package script

import (
	"reflect"
	"testing"

	"github.com/stretchr/testify/require"
)

var posType = reflect.TypeOf(Pos{})

// withoutPositions returns a deep copy of v with every Pos zeroed, so two
// parses of differently spaced text compare equal.
func withoutPositions(v any) any {
	out := reflect.New(reflect.TypeOf(v)).Elem()
	copyZeroingPos(out, reflect.ValueOf(v))
	return out.Interface()
}

func copyZeroingPos(dst, src reflect.Value) {
	switch src.Kind() {
	case reflect.Pointer:
		if src.IsNil() {
			return
		}
		p := reflect.New(src.Elem().Type())
		copyZeroingPos(p.Elem(), src.Elem())
		dst.Set(p)
	case reflect.Interface:
		if src.IsNil() {
			return
		}
		inner := reflect.New(src.Elem().Type()).Elem()
		copyZeroingPos(inner, src.Elem())
		dst.Set(inner)
	case reflect.Struct:
		if src.Type() == posType {
			return
		}
		if src.Type().NumField() > 0 && !src.Type().Field(0).IsExported() {
			dst.Set(src) // inet.Addr and other opaque values
			return
		}
		for i := 0; i < src.NumField(); i++ {
			copyZeroingPos(dst.Field(i), src.Field(i))
		}
	case reflect.Slice:
		if src.IsNil() {
			return
		}
		s := reflect.MakeSlice(src.Type(), src.Len(), src.Len())
		for i := 0; i < src.Len(); i++ {
			copyZeroingPos(s.Index(i), src.Index(i))
		}
		dst.Set(s)
	default:
		dst.Set(src)
	}
}

func mustParse(t *testing.T, text string) *Line {
	t.Helper()
	line, err := ParseLine(text)
	require.NoError(t, err, text)
	return line
}

// parseError parses text expecting a failure and returns it as *Error.
func parseError(t *testing.T, text string) *Error {
	t.Helper()
	_, err := ParseLine(text)
	require.Error(t, err, text)
	var e *Error
	require.ErrorAs(t, err, &e)
	return e
}
