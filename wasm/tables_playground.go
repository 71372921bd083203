//go:build js && !notebook && !exercise && !pkt

package main

// sockplay.wasm, the playground's engine (make wasm).
var tables = [][]method{
	methods,
	analysisMethods,
	crowdMethods,
}
