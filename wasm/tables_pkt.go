//go:build js && pkt

package main

// sockplay-pkt.wasm (go build -tags pkt), the engine of the packetdrill
// page (pkt.html): the playground's areas and the packetdrill runner.
var tables = [][]method{
	methods,
	analysisMethods,
	crowdMethods,
	pktMethods,
}
