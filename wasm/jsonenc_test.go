package main

import (
	"encoding/base64"
	"encoding/json"
	"reflect"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sockplay/sockplay/core/examples"
	"github.com/sockplay/sockplay/core/session"
	"github.com/sockplay/sockplay/core/trace"
)

// tricky strings: everything encoding/json escapes.
var tricky = []string{"", "plain", `<img src=x onerror=alert(1)>&"\`, "tab\there\nnew\r\x00\x01\x1f\b\f\x7f", "é😀\u2028\u2029", "bad\xffutf8\xc3"}

// fill sets every exported field of v, recursively, to a non-zero value
// (or, with zero, leaves zero values), so that a field the writer forgets
// shows up as a difference with encoding/json.
func fill(v reflect.Value, n *int) {
	*n++
	switch v.Kind() {
	case reflect.String:
		v.SetString(tricky[*n%len(tricky)] + "x")
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		v.SetInt(int64(-1 - *n*1000003))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		v.SetUint(uint64(*n*2654435761) | 1<<(v.Type().Bits()-1))
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		fill(v.Elem(), n)
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 2, 2))
		for i := range 2 {
			fill(v.Index(i), n)
		}
	case reflect.Array:
		for i := range v.Len() {
			fill(v.Index(i), n)
		}
	case reflect.Map:
		v.Set(reflect.MakeMap(v.Type()))
		for range 3 {
			k := reflect.New(v.Type().Key()).Elem()
			e := reflect.New(v.Type().Elem()).Elem()
			fill(k, n)
			fill(e, n)
			v.SetMapIndex(k, e)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				fill(v.Field(i), n)
			}
		}
	}
}

func filled[T any]() T {
	var v T
	n := 0
	fill(reflect.ValueOf(&v).Elem(), &n)
	return v
}

func assertSameJSON(t *testing.T, v any) {
	t.Helper()
	want, err := json.Marshal(v)
	require.NoError(t, err)
	w := &jsonWriter{}
	require.True(t, writeValue(w, v), "writeValue knows %T", v)
	assert.Equal(t, string(want), string(w.b), "%T", v)
}

func TestWriterMatchesEncodingJSONForEveryReturnedType(t *testing.T) {
	values := []any{
		nil, true, "", tricky[2], tricky[5], []string(nil), []string{"a", "<b>"},
		filled[session.Output](), session.Output{}, filled[[]session.Output](), []session.Output(nil),
		filled[session.State](), session.State{}, session.State{Hosts: []session.HostState{{Names: map[string]int{}}}},
		session.State{Hosts: []session.HostState{{Names: map[string]int{"s": 3, "c2": 5, "c": 4, "a": 6, "Z": 7, "c10": 8}}}},
		filled[[]trace.Event](), []trace.Event{{}}, []trace.Event(nil),
		filled[session.PacketView](), session.PacketView{},
		filled[[]examples.Example](), filled[completion](), completion{Candidates: []string{}},
	}
	for _, v := range values {
		assertSameJSON(t, v)
	}
	for _, e := range []CallError{{}, filled[CallError]()} {
		want, err := json.Marshal(e)
		require.NoError(t, err)
		w := &jsonWriter{}
		writeCallError(w, e)
		assert.Equal(t, string(want), string(w.b))
	}
}

func TestWriterMatchesEncodingJSONOnRealSessions(t *testing.T) {
	b := realBridge()
	for _, line := range handshake {
		out := b.engine.Exec(line)
		assertSameJSON(t, out)
	}
	assertSameJSON(t, b.engine.State())
	assertSameJSON(t, b.engine.Trace(0))
	view, ok := b.engine.Packet(1)
	require.True(t, ok)
	assertSameJSON(t, view)
	assertSameJSON(t, b.engine.Examples())
}

func FuzzWriterString(f *testing.F) {
	for _, s := range tricky {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, err := json.Marshal(s)
		require.NoError(t, err)
		w := &jsonWriter{}
		w.str(s)
		assert.Equal(t, string(want), string(w.b))
		assert.True(t, utf8.Valid(w.b))
	})
}

func TestUnknownTypesAreAnErrorReply(t *testing.T) {
	e := callError(t, valueReply(struct{}{}))
	assert.Contains(t, e.Message, "cannot encode")
}

func TestAppendBase64MatchesEncodingBase64(t *testing.T) {
	var src []byte
	for n := range 100 {
		assert.Equal(t, base64.StdEncoding.EncodeToString(src), string(appendBase64(nil, src)), "%d bytes", n)
		src = append(src, byte(n*37))
	}
}
