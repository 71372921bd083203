//go:build js && exercise

package main

// sockplay-exercise.wasm (go build -tags exercise), the engine of the
// exercise pages: the playground's areas, the notebook's document (an
// exercise is one) and exercises, without the notebook's runner: the two
// pages in one engine left the notebook page too little of its 1 MiB.
var tables = [][]method{
	methods,
	analysisMethods,
	crowdMethods,
	notebookDocMethods,
	exerciseMethods,
	authoringMethods,
}
