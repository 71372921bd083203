//go:build js && !notebook && !pkt

package main

// sockplay.wasm, the playground's engine (make wasm).
var tables = [][]method{
	methods,
	analysisMethods,
	crowdMethods,
}
