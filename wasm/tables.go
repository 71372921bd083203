//go:build !js

package main

// Natively (the tests) the bridge holds every area.
var tables = [][]method{
	methods,
	analysisMethods,
	crowdMethods,
	notebookDocMethods,
	notebookMethods,
	exerciseMethods,
	authoringMethods,
	pktMethods,
}
