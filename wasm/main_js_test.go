//go:build js && wasm

package main

import (
	"encoding/json"
	"syscall/js"
	"testing"

	"github.com/hack-pad/safejs"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sockplay/sockplay/core/session"
)

// installed puts a bridge on globalThis[name], as main does, and returns
// the JavaScript object.
func installed(t *testing.T, name string, open func(uint64) Engine) js.Value {
	t.Helper()
	require.NoError(t, install(safejs.Global(), name, NewBridge(open, 1)))
	t.Cleanup(func() { js.Global().Delete(name) })
	return js.Global().Get(name)
}

func decode(t *testing.T, v js.Value) map[string]any {
	t.Helper()
	require.Equal(t, js.TypeString, v.Type(), "a JSON string")
	var m map[string]any
	require.NoError(t, json.Unmarshal([]byte(v.String()), &m))
	return m
}

func TestJavaScriptCallsReachTheSession(t *testing.T) {
	api := installed(t, "sockplayTest", func(seed uint64) Engine { return session.New(seed) })
	assert.Equal(t, Version, api.Get("version").String())
	for _, line := range handshake {
		r := decode(t, api.Call("exec", line))
		require.Nil(t, r["error"], line)
	}
	state := decode(t, api.Call("state"))["value"].(map[string]any)
	assert.EqualValues(t, len(handshake), state["lines"])

	pcap := api.Call("pcap", "")
	require.True(t, pcap.InstanceOf(js.Global().Get("Uint8Array")), "pcap is a Uint8Array")
	assert.Greater(t, pcap.Length(), 24)

	// Wrong JavaScript types are errors, not crashes.
	r := decode(t, api.Call("goto", "three"))
	assert.Contains(t, r["error"].(map[string]any)["message"], "must be a number")
	r = decode(t, api.Call("exec", js.Null()))
	assert.Contains(t, r["error"].(map[string]any)["message"], "must be a string")
}

func TestJavaScriptSurvivesEnginePanics(t *testing.T) {
	api := installed(t, "sockplayFlaky", func(seed uint64) Engine { return flaky{session.New(seed)} })
	require.Nil(t, decode(t, api.Call("exec", handshake[0]))["error"])
	e := decode(t, api.Call("exec", "client> boom"))["error"].(map[string]any)
	assert.Equal(t, true, e["panic"])
	assert.Contains(t, e["recovered"], "replayed 1 lines")
	// The Go program is still alive and the session still there.
	r := decode(t, api.Call("exec", handshake[1]))
	assert.Nil(t, r["error"])
	assert.EqualValues(t, 2, r["value"].(map[string]any)["line"])
}

// Issue 16: a BigInt argument panicked inside syscall/js and came back as
// an engine crash with a full replay. wasm/test/bridge.test.mjs tries every
// wrong type from JavaScript itself.
func TestJavaScriptBigIntIsAWrongType(t *testing.T) {
	api := installed(t, "sockplayBigInt", func(seed uint64) Engine { return session.New(seed) })
	big := js.Global().Get("BigInt").Invoke(10)
	for _, call := range [][]any{{"exec", big}, {"goto", big}, {"setAbsolute", big}, {"newSession", big}} {
		e := decode(t, api.Call(call[0].(string), call[1:]...))["error"].(map[string]any)
		assert.Contains(t, e["message"], "not a bigint", call[0])
		assert.Nil(t, e["panic"], call[0])
	}
}
