//go:build js && notebook

package main

// sockplay-notebook.wasm (go build -tags notebook), the engine of the
// notebook and exercise pages: the playground's areas, notebooks and
// exercises.
var tables = [][]method{
	methods,
	analysisMethods,
	crowdMethods,
	notebookMethods,
	exerciseMethods,
	authoringMethods,
}
