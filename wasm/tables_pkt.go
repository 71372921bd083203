//go:build js && pkt

package main

// sockplay-pkt.wasm (go build -tags pkt), loaded by the playground only
// when a packetdrill script is opened: the playground's areas and the
// packetdrill runner.
var tables = [][]method{
	methods,
}
