//go:build js && notebook

package main

// sockplay-notebook.wasm (go build -tags notebook), the engine of the
// notebook page: the playground's areas and notebooks.
var tables = [][]method{
	methods,
	analysisMethods,
	crowdMethods,
	notebookDocMethods,
	notebookMethods,
}
